/**
 * The report queries of an app's database: made once per `JalurDb` on its
 * own connection (`db.reportHandle`, SQLite or PostgreSQL) — nothing else is
 * opened, and closing the database closes it.
 */
import type { JalurDb } from '@jalur/db';
import { reportQueriesOf, type ReportQueries } from '@jalur/reports';

/** Report queries for `db`, in its dialect. */
export function reportQueriesFor(db: JalurDb): ReportQueries {
  return reportQueriesOf(db);
}
