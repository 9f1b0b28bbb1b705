/**
 * A risk factor counts only over its own time on the case. The guru BK
 * changes a case's factors while it runs (`riskFactor.added` /
 * `riskFactor.removed`); the reports must not read today's set as if it had
 * held since the case opened. Five students, the same story each, on a real
 * SQLite file and on a real PostgreSQL server:
 *
 * - 10 January 2025: a case opens with [economic];
 * - 12 February: bullying added;
 * - 14 March: economic removed;
 * - 20 April: economic added again (a second interval of the same factor).
 *
 * At risk for f at T ⇔ max(opened, since) ≤ T < min(closed ?? ∞, until ?? ∞):
 * the school's before/after per month, over the quarter and across the gap,
 * the district rollup's counts and its published answer, and today's set
 * (open by factor, the dashboard, the case list's `riskFactor` filter).
 * And the migration that brought the intervals (SQLite 0012, PostgreSQL 0011)
 * on a database that already holds cases: each factor holds from its case's
 * opening and still holds.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type CaseRow, type JalurDb, type PathwayVersionRow } from '../../packages/db/src/index.ts';
import { CaseService } from '../../packages/cases/src/index.ts';
import type { PathwayDocument, RiskFactor } from '../../packages/engine/src/index.ts';
import {
  createReportQueries, districtAggregates, districtFacts, monthIndexOfDate, riskCounts, schoolBeforeAfter, schoolSummary, semesterReport, type ReportQueries, type SemesterReport,
} from '../../packages/reports/src/index.ts';
import { startPgServer } from '../../scripts/pg-server.mjs';
import { ROOT } from './demo-db.ts';

function must<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }, what: string): T {
  if (!r.ok) throw new Error(`${what}: ${r.error.message}`);
  return r.value;
}

const SRPS = JSON.parse(readFileSync(join(ROOT, 'workflows', 'srps-standar.json'), 'utf8')) as PathwayDocument;
const STUDENTS = 5;
const OPENED = Date.parse('2025-01-10T03:00:00Z');
const BULLYING_ADDED = new Date('2025-02-12T03:00:00Z');
const ECONOMIC_REMOVED = new Date('2025-03-14T03:00:00Z');
const ECONOMIC_AGAIN = new Date('2025-04-20T03:00:00Z');
const NOW = new Date('2025-05-05T03:00:00Z');

/** before/after of the two factors of the story, as `[before, after]`. */
async function table(q: ReportQueries, schoolId: string, from: string, to: string) {
  const rows = await schoolBeforeAfter(q, schoolId, { from, to });
  const of = (f: string) => {
    const r = rows.find((x) => x.factor === f);
    return [r?.before ?? 0, r?.after ?? 0];
  };
  return { economic: of('economic'), bullying: of('bullying') };
}

/** Every `case_risk_factors` row of a school as `[caseId, factor, since, until]` (epoch ms), in key order. */
async function intervalRows(db: JalurDb, schoolId: string): Promise<unknown[][]> {
  const h = db.reportHandle;
  if (h.dialect === 'sqlite') {
    return h.sqlite.prepare('SELECT case_id, factor, since, until FROM case_risk_factors WHERE school_id = ? ORDER BY case_id, factor, since').raw(true).all(schoolId) as unknown[][];
  }
  const rows = await h.client.unsafe(
    `SELECT case_id, factor, (extract(epoch FROM since) * 1000)::float8, CASE WHEN until IS NULL THEN NULL ELSE (extract(epoch FROM until) * 1000)::float8 END
       FROM case_risk_factors WHERE school_id = $1 ORDER BY case_id COLLATE "C", factor COLLATE "C", since`, [schoolId]).values();
  return rows.map((r) => [...r]);
}

function scenario(name: string, open: () => Promise<{ db: JalurDb; close(): Promise<void> }>) {
  describe(`a risk factor counts over its own interval (${name})`, () => {
    let opened: { db: JalurDb; close(): Promise<void> };
    let db: JalurDb;
    let q: ReportQueries;
    let schoolId = '';
    let districtId = '';
    const caseIds: string[] = [];
    /** The case list's `riskFactor` filter, sampled between the changes. */
    const listed: Record<string, { economic: number; bullying: number }> = {};

    beforeAll(async () => {
      opened = await open();
      db = opened.db;
      const at = new Date(OPENED - 30 * 86_400_000);
      const district = await db.districts.create({ name: 'Kabupaten Interval', now: at });
      districtId = district.id;
      const school = await db.schools.create({ districtId, name: 'Sekolah Interval', now: at });
      schoolId = school.id;
      const bk = must(await db.users.create({ email: 'bk@interval.uji', name: 'Guru BK', role: 'guru_bk', schoolId, districtId, password: 'interval-uji-123', now: at }), 'user');
      const scope = { districtId, schoolId };
      const p = must(await db.pathways.create(scope, { key: SRPS.key, title: SRPS.title.id, draft: SRPS as never, updatedBy: bk.id, now: at }), 'pathway');
      must(await db.pathways.publish(scope, { id: p.id, publishedBy: bk.id, now: at }), 'publish');
      const version = (await db.pathways.latestVersion(scope, p.id)) as PathwayVersionRow;
      const cases = new CaseService(db);
      const actor = { id: bk.id, role: 'guru_bk' as const };
      const rows: CaseRow[] = [];
      for (let i = 0; i < STUDENTS; i++) {
        const student = must(await db.students.create(schoolId, { nisn: String(3_200_000_000 + i), name: `Siswa ${i}`, className: 'X-1' }, { now: at, actorId: null }), 'student');
        const c = must(await cases.open({
          schoolId, student, pathwayVersion: version, assigneeId: bk.id, riskFactors: ['economic'], studentFacts: { className: 'X-1' },
          actor, now: new Date(OPENED + i * 60_000),
        }), 'open');
        rows.push(c.case);
        caseIds.push(c.case.id);
      }
      const count = async (factor: string) => (await db.cases.list(schoolId, { riskFactor: factor })).length;
      const sample = async (label: string) => {
        listed[label] = { economic: await count('economic'), bullying: await count('bullying') };
      };
      await sample('opened');
      const change = async (change: 'riskFactor.added' | 'riskFactor.removed', factor: RiskFactor, now: Date) => {
        for (let i = 0; i < rows.length; i++) {
          const r = must(await cases.recordCasework({ schoolId, caseId: rows[i]!.id, expectedVersion: rows[i]!.version, actor, now, reason: 'Uji', change, factor }), change);
          rows[i] = r.case;
        }
      };
      await change('riskFactor.added', 'bullying', BULLYING_ADDED);
      await sample('bullying added');
      await change('riskFactor.removed', 'economic', ECONOMIC_REMOVED);
      await sample('economic removed');
      await change('riskFactor.added', 'economic', ECONOMIC_AGAIN);
      await sample('economic again');
      q = createReportQueries(db.reportHandle);
    }, 180_000);
    afterAll(async () => {
      await opened?.close();
    });

    it('the school report counts each factor only over its own interval, month by month and over the quarter', async () => {
      const n = STUDENTS;
      expect(await table(q, schoolId, '2025-01-01', '2025-01-31')).toEqual({ economic: [n, n], bullying: [0, 0] });
      expect(await table(q, schoolId, '2025-02-01', '2025-02-28')).toEqual({ economic: [n, n], bullying: [n, n] });
      expect(await table(q, schoolId, '2025-03-01', '2025-03-31')).toEqual({ economic: [n, 0], bullying: [n, n] });
      expect(await table(q, schoolId, '2025-01-01', '2025-03-31')).toEqual({ economic: [n, 0], bullying: [n, n] });
      // Bullying was added on the 12th: a period ending the 11th has nobody at risk for it.
      expect(await table(q, schoolId, '2025-02-01', '2025-02-11')).toEqual({ economic: [n, n], bullying: [0, 0] });
      // Between the removal and the re-adding, nobody is at risk for economic reasons; from the re-adding on, all are.
      expect(await table(q, schoolId, '2025-03-15', '2025-04-19')).toEqual({ economic: [0, 0], bullying: [n, n] });
      expect(await table(q, schoolId, '2025-04-01', '2025-04-30')).toEqual({ economic: [n, n], bullying: [n, n] });
    });

    it('the semester report\'s before/after counts the same intervals (genap 2024/2025, read on 20 March and on 5 May)', async () => {
      const term = { year: '2024/2025', semester: 'genap' as const };
      const of = (r: SemesterReport) => ({
        economic: r.beforeAfter.filter((x) => x.factor === 'economic').map((x) => [x.before, x.after])[0],
        bullying: r.beforeAfter.filter((x) => x.factor === 'bullying').map((x) => [x.before, x.after])[0],
      });
      const n = STUDENTS;
      // Between the removal and the re-adding: everyone was at risk for economic reasons this term, nobody is now.
      expect(of(await semesterReport(db.reportHandle, q, schoolId, term, new Date('2025-03-20T03:00:00Z')))).toEqual({ economic: [n, 0], bullying: [n, n] });
      expect(of(await semesterReport(db.reportHandle, q, schoolId, term, NOW))).toEqual({ economic: [n, n], bullying: [n, n] });
    });

    it('the district rollup and its published answer count the same intervals', async () => {
      const facts = await districtFacts(q, districtId);
      const school = facts.bySchool.get(schoolId)!;
      const a = monthIndexOfDate('2025-01-01');
      const b = monthIndexOfDate('2025-04-30');
      const economic = riskCounts(school.factors.get('economic'), a, b);
      const bullying = riskCounts(school.factors.get('bullying'), a, b);
      const n = STUDENTS;
      // Jan, Feb, Mar, Apr.
      expect([...economic.beforeByMonth]).toEqual([n, n, n, n]);
      expect([...economic.afterByMonth]).toEqual([n, n, 0, n]);
      expect([...bullying.beforeByMonth]).toEqual([0, n, n, n]);
      expect([...bullying.afterByMonth]).toEqual([0, n, n, n]);
      expect(riskCounts(school.factors.get('bullying'), a, a).before).toBe(0);
      // Open cases by factor: today's set only (one open interval of each).
      expect(school.factors.get('economic')!.open).toBe(n);
      expect(school.factors.get('bullying')!.open).toBe(n);

      const answer = async (from: string, to: string) => {
        const r = await districtAggregates(q, { districtId, period: { from, to }, now: NOW });
        const of = (f: string) => {
          const x = r.district.beforeAfter.find((y) => y.factor === f)!;
          return [x.before, x.after];
        };
        return { economic: of('economic'), bullying: of('bullying') };
      };
      expect(await answer('2025-01-01', '2025-01-31')).toEqual({ economic: [n, n], bullying: [0, 0] });
      expect(await answer('2025-02-01', '2025-02-28')).toEqual({ economic: [n, n], bullying: [n, n] });
      expect(await answer('2025-03-01', '2025-03-31')).toEqual({ economic: [n, 0], bullying: [n, n] });
      expect(await answer('2025-01-01', '2025-03-31')).toEqual({ economic: [n, 0], bullying: [n, n] });
      const now = await districtAggregates(q, { districtId, period: { from: '2025-04-01', to: '2025-04-30' }, now: NOW });
      expect(now.district.openByFactor).toEqual(expect.arrayContaining([{ factor: 'economic', count: n }, { factor: 'bullying', count: n }]));
      expect(now.district.openByFactor).toHaveLength(2);
    });

    it('keeps one row per interval: a removed factor keeps its row, added again it gets a new one, and nothing for a factor that never held', async () => {
      const n = caseIds.length;
      const rows = await intervalRows(db, schoolId);
      expect(rows).toHaveLength(3 * n);
      for (const [i, id] of caseIds.entries()) {
        expect(rows.filter((r) => r[0] === id)).toEqual([
          [id, 'bullying', BULLYING_ADDED.getTime(), null],
          [id, 'economic', OPENED + i * 60_000, ECONOMIC_REMOVED.getTime()],
          [id, 'economic', ECONOMIC_AGAIN.getTime(), null],
        ]);
      }
      // Added and removed at the same instant: the factor never held, no (empty) interval is kept.
      const cases = new CaseService(db);
      let row = (await db.cases.get(schoolId, caseIds[0]!))!;
      const actor = { id: row.assigneeId!, role: 'guru_bk' as const };
      const at = new Date(NOW.getTime() - 86_400_000);
      for (const change of ['riskFactor.added', 'riskFactor.removed'] as const) {
        row = must(await cases.recordCasework({ schoolId, caseId: row.id, expectedVersion: row.version, actor, now: at, reason: 'Keliru', change, factor: 'family' }), change).case;
      }
      expect(row.riskFactors).toEqual(['bullying', 'economic']);
      expect((await intervalRows(db, schoolId)).filter((r) => r[1] === 'family')).toEqual([]);
      // A refused change (stale version) writes no interval.
      const stale = await cases.recordCasework({ schoolId, caseId: row.id, expectedVersion: row.version - 1, actor, now: at, reason: 'Uji', change: 'riskFactor.removed', factor: 'bullying' });
      expect(stale.ok).toBe(false);
      expect((await intervalRows(db, schoolId)).filter((r) => r[0] === row.id && r[1] === 'bullying')).toEqual([[row.id, 'bullying', BULLYING_ADDED.getTime(), null]]);
    });

    it('today\'s set is the factors that still hold: open by factor, the dashboard, the case list filter', async () => {
      expect(listed).toEqual({
        opened: { economic: STUDENTS, bullying: 0 },
        'bullying added': { economic: STUDENTS, bullying: STUDENTS },
        'economic removed': { economic: 0, bullying: STUDENTS },
        'economic again': { economic: STUDENTS, bullying: STUDENTS },
      });
      const open = await q.openByFactor({ kind: 'school', schoolId });
      expect(open.map((r) => [r.factor, r.count]).sort()).toEqual([['bullying', STUDENTS], ['economic', STUDENTS]]);
      const summary = await schoolSummary(q, schoolId, NOW);
      expect(summary.openByFactor.map((r) => [r.factor, r.count]).sort()).toEqual([['bullying', STUDENTS], ['economic', STUDENTS]]);
      for (const id of caseIds) expect((await db.cases.get(schoolId, id))!.riskFactors).toEqual(['bullying', 'economic']);
    });
  });
}

let pg: Awaited<ReturnType<typeof startPgServer>> | undefined;
afterAll(() => pg?.stop());

scenario('sqlite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'jalur-intervals-'));
  const db = await openDatabase({ url: `file:${join(dir, 'jalur.db')}`, synchronous: 'NORMAL' });
  return {
    db,
    close: async () => {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

scenario('postgres', async () => {
  pg ??= await startPgServer();
  const db = await openDatabase({ url: pg.createDatabase('factor_intervals') });
  return { db, close: () => db.close() };
});

// ── the migration on a database that already holds cases ──

// The database package's own drivers and drizzle migrators (the test folder does not depend on them directly).
const fromDb = createRequire(join(ROOT, 'packages/db/package.json'));
type SqliteHandle = { prepare(sql: string): { run(): unknown }; close(): void };
type PgClient = { unsafe(sql: string): Promise<Record<string, unknown>[]>; end(): Promise<void> };
const Database = fromDb('better-sqlite3') as new (file: string) => SqliteHandle;
const { drizzle: drizzleSqlite } = fromDb('drizzle-orm/better-sqlite3') as { drizzle(h: SqliteHandle): unknown };
const { migrate: migrateSqlite } = fromDb('drizzle-orm/better-sqlite3/migrator') as { migrate(db: unknown, o: { migrationsFolder: string }): void };
const { drizzle: drizzlePg } = fromDb('drizzle-orm/postgres-js') as { drizzle(c: PgClient): unknown };
const { migrate: migratePg } = fromDb('drizzle-orm/postgres-js/migrator') as { migrate(db: unknown, o: { migrationsFolder: string }): Promise<void> };
const postgres = fromDb('postgres') as (url: string, o: Record<string, unknown>) => PgClient;

/** A copy of a migrations folder holding only the migrations before `tag`. */
function migrationsBefore(folder: string, tag: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'jalur-mig-'));
  cpSync(folder, dir, { recursive: true });
  const journalFile = join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] };
  const cut = journal.entries.findIndex((e) => e.tag === tag);
  expect(cut, `${tag} in ${folder}`).toBeGreaterThan(0);
  journal.entries = journal.entries.slice(0, cut);
  writeFileSync(journalFile, JSON.stringify(journal));
  return dir;
}

const OLD_OPENED = [Date.parse('2024-08-05T02:00:00Z'), Date.parse('2024-09-16T02:00:00Z')];
/** Two cases of the old shape: economic + family since 5 August 2024, bullying since 16 September. */
const oldRows = (at: (ms: number) => string) => [
  `INSERT INTO districts (id, name, created_at) VALUES ('d1', 'Kabupaten Lama', ${at(OLD_OPENED[0]!)})`,
  `INSERT INTO schools (id, district_id, name, created_at) VALUES ('s1', 'd1', 'SMP Lama', ${at(OLD_OPENED[0]!)})`,
  ...[1, 2].map((i) => `INSERT INTO students (id, school_id, nisn, name, class_name, created_at, updated_at)
    VALUES ('st${i}', 's1', '${3_300_000_000 + i}', 'Siswa ${i}', 'VIII-1', ${at(OLD_OPENED[0]!)}, ${at(OLD_OPENED[0]!)})`),
  `INSERT INTO pathways (id, district_id, school_id, key, title, draft, updated_at, created_at)
    VALUES ('p1', 'd1', 's1', 'lama', 'Lama', '{}', ${at(OLD_OPENED[0]!)}, ${at(OLD_OPENED[0]!)})`,
  `INSERT INTO pathway_versions (id, pathway_id, school_id, district_id, version, document, content_hash, published_at)
    VALUES ('v1', 'p1', 's1', 'd1', 1, '{}', 'sha256:lama', ${at(OLD_OPENED[0]!)})`,
  ...[['c1', 'st1', '["economic","family"]', OLD_OPENED[0]!], ['c2', 'st2', '["bullying"]', OLD_OPENED[1]!]].map(([id, student, factors, opened]) =>
    `INSERT INTO cases (id, school_id, student_id, pathway_id, pathway_version_id, snapshot, state_value, version, status, risk_factors, opened_at, updated_at)
      VALUES ('${id}', 's1', '${student}', 'p1', 'v1', '{}', 'identifikasi', 1, 'active', '${factors}', ${at(opened as number)}, ${at(opened as number)})`),
  `INSERT INTO case_risk_factors (case_id, school_id, factor) VALUES ('c1', 's1', 'economic'), ('c1', 's1', 'family'), ('c2', 's1', 'bullying')`,
];

async function checkBackfilled(db: JalurDb, since: () => Promise<unknown[]>) {
  expect(await since()).toEqual([
    ['c1', 'economic', OLD_OPENED[0], null], ['c1', 'family', OLD_OPENED[0], null], ['c2', 'bullying', OLD_OPENED[1], null],
  ]);
  const q = createReportQueries(db.reportHandle);
  expect(await table(q, 's1', '2024-07-01', '2024-07-31')).toEqual({ economic: [0, 0], bullying: [0, 0] });
  expect(await table(q, 's1', '2024-08-01', '2024-08-31')).toEqual({ economic: [1, 1], bullying: [0, 0] });
  expect(await table(q, 's1', '2024-09-01', '2024-09-30')).toEqual({ economic: [1, 1], bullying: [1, 1] });
  expect((await q.openByFactor({ kind: 'school', schoolId: 's1' })).map((r) => [r.factor, r.count]).sort()).toEqual([['bullying', 1], ['economic', 1], ['family', 1]]);
  expect((await db.cases.list('s1', { riskFactor: 'family' })).map((c) => c.id)).toEqual(['c1']);
}

describe('the factor-intervals migration on a database that already holds cases', () => {
  const cleanup: (() => void)[] = [];
  afterAll(() => cleanup.forEach((f) => f()));

  it('on SQLite (0012_factor_intervals): each factor holds since its case opened', async () => {
    const folder = migrationsBefore(join(ROOT, 'packages/db/migrations'), '0012_factor_intervals');
    const dir = mkdtempSync(join(tmpdir(), 'jalur-mig-db-'));
    cleanup.push(() => rmSync(folder, { recursive: true, force: true }), () => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'jalur.db');
    const sqlite = new Database(file);
    migrateSqlite(drizzleSqlite(sqlite), { migrationsFolder: folder });
    for (const s of oldRows(String)) sqlite.prepare(s).run();
    sqlite.close();
    const db = await openDatabase({ url: `file:${file}` });
    try {
      const h = db.reportHandle;
      if (h.dialect !== 'sqlite') throw new Error('sqlite expected');
      await checkBackfilled(db, async () => h.sqlite.prepare('SELECT case_id, factor, since, until FROM case_risk_factors ORDER BY case_id, factor').raw(true).all());
    } finally {
      await db.close();
    }
  });

  it('on PostgreSQL (0011_factor_intervals): each factor holds since its case opened', async () => {
    const folder = migrationsBefore(join(ROOT, 'packages/db/migrations-pg'), '0011_factor_intervals');
    cleanup.push(() => rmSync(folder, { recursive: true, force: true }));
    pg ??= await startPgServer();
    const url = pg.createDatabase('factor_intervals_migration');
    const client = postgres(url, { max: 1, onnotice: () => {} });
    await migratePg(drizzlePg(client), { migrationsFolder: folder });
    for (const s of oldRows((ms) => `to_timestamp(${ms / 1000})`)) await client.unsafe(s);
    await client.end();
    const db = await openDatabase({ url });
    try {
      const h = db.reportHandle;
      if (h.dialect !== 'postgres') throw new Error('postgres expected');
      await checkBackfilled(db, async () => (await h.client.unsafe(
        `SELECT case_id, factor, (extract(epoch FROM since) * 1000)::float8 AS since, until FROM case_risk_factors ORDER BY case_id COLLATE "C", factor COLLATE "C"`,
      ).values()).map((r) => [...r]));
    } finally {
      await db.close();
    }
  }, 180_000);
});
