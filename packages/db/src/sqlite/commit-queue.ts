/**
 * Group commit: case writes that arrive while the event loop is busy (the
 * concurrent HTTP requests of one poll phase) share one transaction and one
 * fsync. Each write runs in its own savepoint, so an error value or a throw
 * in one never touches the others; every promise settles only after the
 * shared COMMIT, so nothing is acknowledged before it is durable. If the
 * COMMIT fails, every write of the batch fails.
 */
import { AsyncResource } from 'node:async_hooks';
import type Database from 'better-sqlite3';

interface Pending {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export class CommitQueue {
  readonly #transaction: Database.Transaction<(f: () => void) => void>;
  #pending: Pending[] = [];
  #scheduled = false;

  constructor(sqlite: Database.Database, private readonly maxBatch = 256) {
    this.#transaction = sqlite.transaction((f: () => void) => f());
  }

  /**
   * Queues `work` (synchronous; its own transactions nest as savepoints) for
   * the next group commit; resolves with its value once committed.
   */
  run<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      // Bound to the caller's async context: work flushed in another request's turn still audits the caller's acting role.
      this.#pending.push({ work: AsyncResource.bind(work), resolve: resolve as (v: unknown) => void, reject });
      if (!this.#scheduled) {
        this.#scheduled = true;
        setImmediate(() => this.#flush());
      }
    });
  }

  #flush(): void {
    this.#scheduled = false;
    const batch = this.#pending.splice(0, this.maxBatch);
    if (this.#pending.length > 0) {
      this.#scheduled = true;
      setImmediate(() => this.#flush());
    }
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    try {
      this.#transaction.immediate(() => {
        for (const item of batch) {
          try {
            outcomes.push({ ok: true, value: item.work() });
          } catch (error) {
            outcomes.push({ ok: false, error });
          }
        }
      });
    } catch (error) {
      for (const item of batch) item.reject(error);
      return;
    }
    batch.forEach((item, i) => {
      const o = outcomes[i]!;
      if (o.ok) item.resolve(o.value);
      else item.reject(o.error);
    });
  }
}
