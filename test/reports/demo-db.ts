/**
 * A seeded demo database for report tests: `seedDemo` (the real seed, real
 * engine) on a temporary SQLite file, with the SRPS 2023 cohort of seed 002
 * that the seed loads.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase, type JalurDb, type User } from '../../packages/db/src/index.ts';
import { seedDemo } from '../../packages/cases/src/index.ts';
import { createReportQueries, type ReportQueries, type ReportsHandle } from '../../packages/reports/src/index.ts';
import { readCohort, type Cohort as CohortFile } from '../../packages/cases/src/seed/seed-cohort.ts';

/** The cohort file with the paper's before/after table the tests compare against. */
export type Cohort = CohortFile & { paper: { byFactor: Record<string, { before: number; after: number }> } };

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const COHORT_FILE = join(ROOT, 'workflows/cohorts/srps-2023.json');
/** The demo's "today". */
export const DEMO_NOW = new Date('2026-11-20T03:00:00Z');

export interface DemoDb {
  dir: string;
  file: string;
  db: JalurDb;
  /** The database's own SQLite connection (`db.reportHandle`), for checks in SQL. */
  handle: Extract<ReportsHandle, { dialect: 'sqlite' }>;
  queries: ReportQueries;
  districtId: string;
  schoolA: string;
  schoolB: string;
  /** The school holding the 2023 cohort. */
  cohortSchoolId: string;
  cohort: Cohort;
  /** How the cohort got there: always the seed (openDemoDb fails otherwise). */
  cohortSource: 'seed';
  user(email: string): Promise<User>;
  close(): Promise<void>;
}

/** What tests that run on either dialect need of a seeded demo database. */
export type SeededDb = Pick<DemoDb, 'db' | 'districtId' | 'schoolA' | 'schoolB' | 'user' | 'close'>;

export async function openDemoDb(): Promise<DemoDb> {
  const dir = mkdtempSync(join(tmpdir(), 'jalur-reports-'));
  const file = join(dir, 'jalur.db');
  const db = await openDatabase({ url: `file:${file}`, synchronous: 'NORMAL' });
  const seeded = await seedDemo(db, { workflowsDir: join(ROOT, 'workflows'), now: DEMO_NOW });
  if (!seeded.seeded || !seeded.districtId || !seeded.schools) throw new Error('seedDemo did not seed');
  const cohort = readCohort(COHORT_FILE) as Cohort | null;
  if (!cohort) throw new Error(`no cohort at ${COHORT_FILE}`);
  const user = async (email: string) => {
    const u = await db.users.getByEmail(email);
    if (!u) throw new Error(`no demo user ${email}`);
    return u;
  };
  const handle = db.reportHandle;
  if (handle.dialect !== 'sqlite') throw new Error('openDemoDb opens SQLite');
  const from = Date.parse(cohort.period.from);
  const to = Date.parse(cohort.period.to);
  // Did the seed load the cohort? Look for a school with the cohort's number of cases opened in its period.
  const found = handle.sqlite
    .prepare('SELECT school_id AS schoolId, count(*) AS n FROM cases WHERE opened_at BETWEEN ? AND ? GROUP BY school_id HAVING n >= ?')
    .get(from, to, cohort.students.length) as { schoolId: string; n: number } | undefined;
  // The seed loads the cohort itself; a seed that stopped doing so must fail here, not be papered over.
  if (!found) throw new Error('seedDemo did not load the seed-002 cohort');
  const cohortSchoolId = found.schoolId;
  return {
    dir, file, db, handle, queries: createReportQueries(handle),
    districtId: seeded.districtId, schoolA: seeded.schools.A, schoolB: seeded.schools.B,
    cohortSchoolId, cohort, cohortSource: 'seed', user,
    async close() {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
