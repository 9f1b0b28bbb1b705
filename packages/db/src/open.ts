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
}

/**
 * Opens (creating the folder and file when missing) and migrates the
 * database. SQLite runs in WAL mode with `synchronous=FULL` unless told
 * otherwise, foreign keys on.
 */
export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<JalurDb> {
  const config = parseDatabaseUrl(options.url ?? process.env.DATABASE_URL);
  if (config.dialect === 'postgres') return openPostgres({ url: config.url });
  return openSqlite({ file: config.file, synchronous: options.synchronous ?? config.synchronous, busyTimeoutMs: options.busyTimeoutMs ?? 5000 });
}
