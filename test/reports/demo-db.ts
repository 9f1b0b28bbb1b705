/**
 * A seeded demo database for report tests: `seedDemo` (the real seed, real
 * engine) on a temporary SQLite file, plus the SRPS 2023 cohort of seed 002
 * — loaded by the seed when it does, otherwise replayed here into Sekolah A.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase, seedDemo, type JalurDb, type User } from '../../packages/db/src/index.ts';
import { createReportQueries, type ReportQueries, type ReportsHandle } from '../../packages/reports/src/index.ts';
import { readCohort, replayCohort, type Cohort } from './cohort-replay.ts';

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
  /** How the cohort got there. */
  cohortSource: 'seed' | 'replay';
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
  const cohort = readCohort(COHORT_FILE);
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
  let cohortSchoolId = found?.schoolId ?? seeded.schools.A;
  let cohortSource: DemoDb['cohortSource'] = 'seed';
  if (!found) {
    cohortSource = 'replay';
    const scope = { districtId: seeded.districtId, schoolId: seeded.schools.A };
    const pathway = await db.pathways.getByKey(scope, cohort.pathway);
    const version = pathway ? await db.pathways.latestVersion(scope, pathway.id) : null;
    if (!version) throw new Error(`Sekolah A has no published ${cohort.pathway}`);
    await replayCohort(db, {
      cohort, schoolId: cohortSchoolId, version,
      users: { guru_bk: await user('bk@sekolah-a.demo'), kepsek: await user('kepsek@sekolah-a.demo'), wali_kelas: await user('walikelas@sekolah-a.demo'), tim: await user('tim@sekolah-a.demo') },
    });
  }
  return {
    dir, file, db, handle, queries: createReportQueries(handle),
    districtId: seeded.districtId, schoolA: seeded.schools.A, schoolB: seeded.schools.B,
    cohortSchoolId, cohort, cohortSource, user,
    async close() {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
