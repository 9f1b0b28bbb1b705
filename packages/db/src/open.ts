/** Opening a database from a URL: the one entry point of the package. */
import { parseDatabaseUrl } from './config.ts';
import type { JalurDb } from './repository.ts';
import { openSqlite } from './sqlite/open-sqlite.ts';
import { openPostgres } from './postgres/open-postgres.ts';

export interface OpenDatabaseOptions {
  /** `file:<path>` (SQLite, default `file:data/jalur.db`) or `postgres://…` (PostgreSQL, see POSTGRES.md). Defaults to `DATABASE_URL`. */
  url?: string;
  /** Overrides `JALUR_SQLITE_SYNC` (FULL by default). */
  synchronous?: 'FULL' | 'NORMAL';
  /** Milliseconds a writer waits for the lock before `SQLITE_BUSY` (default 5000). */
  busyTimeoutMs?: number;
  /**
   * SQLite: case writes (create/advance/migrate/fireTimer) arriving in the
   * same event-loop turn share one transaction and one fsync, each in its own
   * savepoint; each is acknowledged only after the shared commit. On unless
   * `JALUR_GROUP_COMMIT=0`: under concurrent load with `synchronous=FULL` it
   * multiplies durable advances per second (one fsync per batch, not per
   * request); a strictly serial caller pays one extra event-loop turn per write.
   */
  groupCommit?: boolean;
}

/**
 * Opens (creating the folder and file when missing) and migrates the
 * database. SQLite runs in WAL mode with `synchronous=FULL` unless told
 * otherwise, foreign keys on.
 */
export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<JalurDb> {
  const config = parseDatabaseUrl(options.url ?? process.env.DATABASE_URL);
  if (config.dialect === 'postgres') return openPostgres({ url: config.url });
  const groupCommit = options.groupCommit ?? process.env.JALUR_GROUP_COMMIT !== '0';
  return openSqlite({ file: config.file, synchronous: options.synchronous ?? config.synchronous, busyTimeoutMs: options.busyTimeoutMs ?? 5000, groupCommit });
}
