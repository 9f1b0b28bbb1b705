/**
 * The reports' connection is the database's own: `db.reportHandle` of an
 * open `JalurDb` (`@jalur/db`) — the SQLite writer connection (read only by
 * convention, so `:memory:` databases work and nothing extra is opened or
 * left unclosed) or the PostgreSQL pool. Closing the `JalurDb` closes it.
 * This module picks the report queries of the handle's dialect.
 */
import type { JalurDb, ReportHandle } from '@jalur/db';
import type { ReportQueries } from './queries.ts';
import { createSqliteReportQueries } from './sqlite/queries.ts';
import { createPostgresReportQueries } from './postgres/queries.ts';

/** The database handle report queries run on (`JalurDb['reportHandle']`). */
export type ReportsHandle = ReportHandle;

/** Report queries in the dialect of `handle`. */
export function createReportQueries(handle: ReportsHandle): ReportQueries {
  return handle.dialect === 'sqlite' ? createSqliteReportQueries(handle) : createPostgresReportQueries(handle);
}

const byDb = new WeakMap<JalurDb, ReportQueries>();

/**
 * The report queries of an open database, made once per `JalurDb` (prepared
 * statements and parsed documents are reused between requests).
 */
export function reportQueriesOf(db: JalurDb): ReportQueries {
  let q = byDb.get(db);
  if (!q) byDb.set(db, (q = createReportQueries(db.reportHandle)));
  return q;
}
