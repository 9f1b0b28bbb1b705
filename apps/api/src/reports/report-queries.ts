/**
 * The report queries of an app's database, opened once: a second, read-only
 * SQLite connection on the same file (`@jalur/db` does not expose its handle;
 * see packages/db/NEEDS-FROM-REPORTS.md).
 */
import type { JalurDb } from '@jalur/db';
import { createSqliteReportQueries, openReportsHandle, type ReportQueries } from '@jalur/reports';

const opened = new WeakMap<JalurDb, ReportQueries>();

/** Report queries for `db` (a file-backed SQLite database). */
export function reportQueriesFor(db: JalurDb): ReportQueries {
  let q = opened.get(db);
  if (!q) {
    if (db.dialect !== 'sqlite' || db.location === ':memory:') {
      throw new Error('Laporan memerlukan basis data SQLite berkas / reports need a file-backed SQLite database');
    }
    q = createSqliteReportQueries(openReportsHandle(db.location));
    opened.set(db, q);
  }
  return q;
}
