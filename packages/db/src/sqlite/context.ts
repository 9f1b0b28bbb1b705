/** What every SQLite repository shares: the connection, drizzle, and helpers. */
import type Database from 'better-sqlite3';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { randomUUID } from 'node:crypto';
import type * as schema from '../schema/index.ts';
import type { AuditInput } from '../case-unit.ts';

export interface SqliteContext {
  sqlite: Database.Database;
  db: BetterSQLite3Database<typeof schema>;
  /** Runs `fn` in a `BEGIN IMMEDIATE` transaction (a savepoint when nested); a throw rolls back. */
  immediate<T>(fn: () => T): T;
  /** Writes one audit row (inside the caller's transaction, if any). */
  audit(entry: AuditInput & { schoolId: string | null; at: Date }): void;
  /** Drops the in-process parsed snapshot of a case whose stored snapshot was rewritten outside the unit of work. */
  forgetSnapshot(caseId: string): void;
  /** True when `userId` is active staff of `schoolId` (the only valid assignees of its cases and tasks). */
  isStaff(userId: string, schoolId: string): boolean;
}

/** A new text id. */
export const newId = (): string => randomUUID();

/** Rolls the transaction back without treating it as a failure: carries the error value out. */
export class Rollback<E> extends Error {
  constructor(readonly value: E) {
    super('rollback');
  }
}

/**
 * Runs `fn` in an immediate transaction; when it returns `{ ok: false }` the
 * transaction is rolled back (a failed request changes no data) and the value
 * is returned as is.
 */
export function transact<T extends { ok: boolean }>(ctx: SqliteContext, fn: () => T): T {
  try {
    return ctx.immediate(() => {
      const result = fn();
      if (!result.ok) throw new Rollback(result);
      return result;
    });
  } catch (err) {
    if (err instanceof Rollback) return err.value as T;
    throw err;
  }
}

/** Clamp a page size. */
export const pageSize = (limit: number | undefined, max = 1000): number => Math.max(1, Math.min(limit ?? 200, max));
