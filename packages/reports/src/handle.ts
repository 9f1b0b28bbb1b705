/**
 * The reports' own read connection. `@jalur/db` exposes repositories, not its
 * SQLite handle (see packages/db/NEEDS-FROM-REPORTS.md), so reports open the
 * same file a second time, read-only: WAL lets this reader run beside the
 * API's writer without blocking it, and a read-only handle cannot change data.
 */
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { schema } from '@jalur/db';

/** A read connection for report queries. */
export interface ReportsHandle {
  readonly dialect: 'sqlite';
  readonly sqlite: Database.Database;
  readonly db: BetterSQLite3Database<typeof schema>;
  close(): void;
}

/**
 * Opens `file` (the `location` of an open `JalurDb`) read-only for reports.
 * The file must exist and be migrated (open it with `openDatabase` first).
 */
export function openReportsHandle(file: string, options: { readonly?: boolean } = {}): ReportsHandle {
  const sqlite = new Database(file, { readonly: options.readonly ?? true, fileMustExist: true });
  sqlite.pragma('busy_timeout = 5000');
  const db = drizzle(sqlite, { schema });
  return {
    dialect: 'sqlite',
    sqlite,
    db,
    close: () => {
      if (sqlite.open) sqlite.close();
    },
  };
}

/** Wraps an already open better-sqlite3 connection (benchmarks, migrations that write). */
export function reportsHandleOf(sqlite: Database.Database): ReportsHandle {
  return { dialect: 'sqlite', sqlite, db: drizzle(sqlite, { schema }), close: () => sqlite.close() };
}
