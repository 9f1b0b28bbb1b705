/**
 * Reports over 1,000,000 generated cases in 500 schools (SQLite): the
 * one-school dashboard (target < 5 ms on a reload and on the first load after
 * a real case change, < 10 ms on the first load after a restart) and the district aggregates (issue 17: the whole answer
 * ≤ 200 ms, each part ≤ 2× the covering-index query), each report query
 * against a hand-written covering-index SQL count over the same rows in the
 * same run.
 *
 * The database is the real schema and indexes (drizzle migrations of
 * @jalur/db, report indexes included), opened with `openDatabase`; it is
 * filled through the database's own connection (`db.reportHandle`) in one
 * transaction with prepared inserts, secondary indexes dropped during the
 * load and rebuilt after (as a bulk import does).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type CaseRow, type JalurDb } from '../packages/db/src/index.ts';
import { CompiledPathwayCache, advanceWith, openingEvent, startWith } from '../packages/cases/src/index.ts';
import {
  countsPerLeaf, createReportQueries, districtAggregates, districtFacts, monthIndexOf, monthIndexOfDate, periodBounds, reportedOutcome, reportQueriesOf, riskCounts,
  rollupReads, schoolSummary, type DistrictFacts, type ReportQueries, type ReportScope, type ReportsHandle,
} from '../packages/reports/src/index.ts';
import type { StartCaseInput } from '../packages/engine/src/index.ts';
import { figure, median, type BenchEntry } from './lib.ts';

/** `JALUR_BENCH_SCHOOLS` shrinks the run for a quick look (the figures are meant at 500). */
const SCHOOLS = Number(process.env.JALUR_BENCH_SCHOOLS ?? 500);
const CASES_PER_SCHOOL = 2000;
const STUDENTS_PER_SCHOOL = 1000;
const NOW = new Date('2026-06-01T03:00:00Z');
const DAY = 86_400_000;
const FACTORS = ['motivation', 'economic', 'family', 'bullying', 'health', 'work'];
const OPEN_STATES = [
  'identifikasi', 'asesmen', 'intervensi_motivasi.konseling_individual', 'intervensi_motivasi.pembelajaran_proyek',
  'intervensi_ekonomi.bantuan.kunjungan_rumah,intervensi_ekonomi.pendampingan.konseling_individual',
  'intervensi_keluarga.kunjungan_rumah', 'intervensi_perundungan.konferensi_kasus', 'pemantauan.menunggu_pekan', 'pemantauan.cek_mingguan', 'keputusan', 'rujukan',
];
const CLOSED = [
  ['selesai_tuntas', 'resolved'], ['selesai_tetap_bersekolah', 'still_enrolled'], ['selesai_pindah', 'transferred'], ['selesai_putus_sekolah', 'dropped_out'], ['selesai_dirujuk', 'referred'],
] as const;

/** Schools whose whole dashboard is timed, and the real case changes made in each between loads. */
const MEASURED_SCHOOLS = Math.min(15, Math.max(1, SCHOOLS - 100));
const measuredSchool = (i: number): string => `s${String(Math.min(100, SCHOOLS - MEASURED_SCHOOLS) + i).padStart(3, '0')}`;
const CHANGES_PER_SCHOOL = 3;
const pathways = new CompiledPathwayCache();

/** Opens a case for a student of `sid` through the case unit of work (the engine starts it). */
async function openCase(db: JalurDb, sid: string, k: number): Promise<CaseRow> {
  const at = new Date(NOW.getTime() - (3 - k) * DAY);
  const input: StartCaseInput = { riskFactors: ['motivation'], student: { className: 'X-1' } };
  const made = await db.cases.create({
    schoolId: sid, studentId: `${sid}-st${String(900 + k).padStart(4, '0')}`, pathwayVersionId: `v${sid}`, riskFactors: ['motivation'], actorId: null, now: at,
    event: openingEvent(input), start: startWith(pathways, input, { now: at }),
  });
  if (!made.ok) throw new Error(made.error.message);
  return made.value.case;
}

/** Finishes the identification step of a case opened by `openCase` (one advance, the engine's transition). */
async function advanceCase(db: JalurDb, row: CaseRow): Promise<void> {
  const at = new Date(row.openedAt.getTime() + DAY / 2);
  const event = { type: 'SELESAI_IDENTIFIKASI', data: { attendanceRate: 0.8, gradeAverage: 61 } };
  const moved = await db.cases.advance({ schoolId: row.schoolId, caseId: row.id, expectedVersion: row.version, actorId: null, now: at, event, apply: advanceWith(pathways, event, { now: at }) });
  if (!moved.ok) throw new Error(moved.error.message);
}

/**
 * Fills the database in SQL (INSERT … SELECT over a generated series, so the
 * rows never cross into JavaScript); returns how long it took (ms). Values are
 * deterministic hashes of the row number.
 */
function generate(sqlite: Extract<ReportsHandle, { dialect: 'sqlite' }>['sqlite']): number {
  const t0 = performance.now();
  const indexes = sqlite
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('cases', 'case_risk_factors', 'case_events', 'tasks', 'students')")
    .all() as { name: string; sql: string }[];
  for (const i of indexes) sqlite.exec(`DROP INDEX ${i.name}`);
  const doc = readFileSync(new URL('../workflows/srps-standar.json', import.meta.url), 'utf8');
  const now = NOW.getTime();
  const at = now - 800 * DAY;
  // h(i, k): a cheap deterministic hash in [0, 1000003).
  const h = (k: number) => `(((i + ${k * 7919}) * 2654435761) % 1000003)`;
  const openStates = OPEN_STATES.map((v, k) => `(${k}, '${v}')`).join(', ');
  const closed = CLOSED.map(([st, o], k) => `(${k}, '${st}', '${o}')`).join(', ');
  const load = sqlite.transaction(() => {
    sqlite.prepare('INSERT INTO districts (id, name, created_at) VALUES (?, ?, ?)').run('d1', 'Kabupaten Bench', at);
    sqlite.exec(`
      CREATE TEMP TABLE open_states (k INTEGER PRIMARY KEY, v TEXT);
      INSERT INTO open_states VALUES ${openStates};
      CREATE TEMP TABLE closed_states (k INTEGER PRIMARY KEY, state TEXT, outcome TEXT);
      INSERT INTO closed_states VALUES ${closed};
      CREATE TEMP TABLE factor_names (k INTEGER PRIMARY KEY, f TEXT);
      INSERT INTO factor_names VALUES ${FACTORS.map((f, k) => `(${k}, '${f}')`).join(', ')};
      INSERT INTO schools (id, district_id, name, created_at)
        WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${SCHOOLS - 1})
        SELECT printf('s%03d', i), 'd1', 'Sekolah ' || (i + 1), ${at} FROM n;
      INSERT INTO students (id, school_id, nisn, name, class_name, status, created_at, updated_at)
        WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${SCHOOLS * STUDENTS_PER_SCHOOL - 1})
        SELECT printf('s%03d-st%04d', i / ${STUDENTS_PER_SCHOOL}, i % ${STUDENTS_PER_SCHOOL}), printf('s%03d', i / ${STUDENTS_PER_SCHOOL}), i, 'Siswa ' || i, 'X-1', 'active', ${at}, ${at} FROM n;
      CREATE TEMP TABLE gen AS
        WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${SCHOOLS * CASES_PER_SCHOOL - 1})
        SELECT i, i / ${CASES_PER_SCHOOL} AS s, i % ${CASES_PER_SCHOOL} AS c,
          ${now} - (${h(1)} % 730) * ${DAY} - (${h(2)} % ${DAY}) AS opened,
          ${h(3)} % 100 < 40 AS closing, ${h(4)} AS hs, ${h(5)} AS hd, ${h(6)} AS hf, ${h(7)} AS hf2
        FROM n;
      CREATE TEMP TABLE g AS
        SELECT i, printf('s%03d-c%04d', s, c) AS id, printf('s%03d', s) AS sid, printf('s%03d-st%04d', s, c % ${STUDENTS_PER_SCHOOL}) AS student,
          opened, CASE WHEN closing AND opened < ${now - 10 * DAY} THEN min(${now - DAY}, opened + (10 + hd % 110) * ${DAY}) END AS closed_at,
          hs, hd, (SELECT f FROM factor_names WHERE k = hf % 4) AS f1, CASE WHEN hf2 % 4 = 0 THEN (SELECT f FROM factor_names WHERE k = 4 + hf2 % 2) END AS f2
        FROM gen;
      INSERT INTO pathways (id, district_id, school_id, key, title, tags, draft, draft_revision, updated_at, created_at)
        SELECT 'p' || id, 'd1', id, 'srps-standar', 'SRPS', '[]', '{}', 1, ${at}, ${at} FROM schools;
      INSERT INTO cases (id, school_id, student_id, pathway_id, pathway_version_id, snapshot, state_value, version, status, outcome, risk_factors, opened_at, updated_at, closed_at)
        SELECT g.id, g.sid, g.student, 'p' || g.sid, 'v' || g.sid, '{}',
          CASE WHEN g.closed_at IS NULL THEN (SELECT v FROM open_states WHERE k = g.hs % ${OPEN_STATES.length}) ELSE (SELECT state FROM closed_states WHERE k = g.hs % ${CLOSED.length}) END,
          2, CASE WHEN g.closed_at IS NULL THEN 'active' ELSE 'closed' END,
          CASE WHEN g.closed_at IS NULL THEN NULL ELSE (SELECT outcome FROM closed_states WHERE k = g.hs % ${CLOSED.length}) END,
          CASE WHEN g.f2 IS NULL THEN json_array(g.f1) ELSE json_array(g.f1, g.f2) END,
          g.opened, coalesce(g.closed_at, g.opened + ${3 * DAY}), g.closed_at
        FROM g ORDER BY g.id;
      INSERT INTO case_risk_factors (case_id, school_id, factor, since)
        SELECT id, sid, f1, opened FROM g UNION ALL SELECT id, sid, f2, opened FROM g WHERE f2 IS NOT NULL ORDER BY 1, 3;
      INSERT INTO case_events (id, case_id, school_id, seq, type, at, state_before, state_after)
        SELECT c.id || '-e1', c.id, c.school_id, 1, 'case.opened', c.opened_at, NULL, 'identifikasi' FROM cases c
        UNION ALL
        SELECT c.id || '-e2', c.id, c.school_id, 2, CASE WHEN c.status = 'closed' THEN 'TUTUP_KASUS' ELSE 'LANJUT' END, coalesce(c.closed_at, c.opened_at + ${3 * DAY}), 'identifikasi', c.state_value FROM cases c
        ORDER BY 1;
      INSERT INTO tasks (id, case_id, school_id, state_id, kind, title, roles, due_at, status, requires_approval, reminders_sent, created_at)
        SELECT c.id || '-t', c.id, c.school_id, CASE WHEN instr(c.state_value, ',') > 0 THEN substr(c.state_value, 1, instr(c.state_value, ',') - 1) ELSE c.state_value END,
          'custom', '{"id":"Tugas"}', '["guru_bk"]', c.opened_at + (g.hd % 60) * ${DAY}, 'open', 0, '[]', c.opened_at
        FROM cases c JOIN g ON g.id = c.id WHERE c.status = 'active';
      DROP TABLE gen; DROP TABLE g; DROP TABLE open_states; DROP TABLE closed_states; DROP TABLE factor_names;
    `);
    // The pathway versions: the real document for the first school and the dashboard-measured ones (their
    // titles, and the engine runs their new cases), an empty one elsewhere.
    const version = sqlite.prepare("INSERT INTO pathway_versions (id, pathway_id, school_id, district_id, version, document, content_hash, published_at) VALUES (?, ?, ?, 'd1', 1, ?, 'sha256:bench', ?)");
    const withDocument = new Set(['s000', ...Array.from({ length: MEASURED_SCHOOLS }, (_, i) => measuredSchool(i))]);
    for (let s = 0; s < SCHOOLS; s++) {
      const sid = `s${String(s).padStart(3, '0')}`;
      version.run(`v${sid}`, `p${sid}`, sid, withDocument.has(sid) ? doc : '{}', at);
    }
  });
  // No rollback journal during the one-off load (a crash here only loses a benchmark database);
  // worker threads sort for CREATE INDEX.
  sqlite.pragma('journal_mode = OFF');
  sqlite.pragma('threads = 4');
  sqlite.pragma('temp_store = MEMORY');
  load();
  const loaded = performance.now();
  for (const i of indexes) sqlite.exec(i.sql);
  sqlite.exec('ANALYZE');
  sqlite.pragma('journal_mode = WAL');
  process.stderr.write(`  load ${((loaded - t0) / 1000).toFixed(1)} s, indexes + ANALYZE ${((performance.now() - loaded) / 1000).toFixed(1)} s\n`);
  return performance.now() - t0;
}

/** Median ms of `fn` over `rounds` after `warmup`, interleaved with `baseline`. */
async function compareAsync(name: string, subject: () => unknown, baseline: () => unknown, opts: { rounds: number; warmup: number; target: number }): Promise<BenchEntry> {
  for (let i = 0; i < opts.warmup; i++) {
    await subject();
    baseline();
  }
  const a: number[] = [];
  const b: number[] = [];
  for (let r = 0; r < opts.rounds; r++) {
    let t = performance.now();
    await subject();
    a.push(performance.now() - t);
    t = performance.now();
    baseline();
    b.push(performance.now() - t);
  }
  const value = median(a);
  const base = median(b);
  return { name, value, unit: 'ms/op', baseline: base, ratio: value / base, target: opts.target, pass: value / base <= opts.target };
}

/**
 * The district rollup's counts equal the SQL report queries' over the same rows (open by state, by factor,
 * outcomes, before/after per school and factor); the bench fails otherwise.
 */
async function checkRollup(api: ReportQueries, q: ReportQueries, district: ReportScope, start: number, endExclusive: number): Promise<void> {
  const facts = await districtFacts(api, 'd1');
  const key = (...k: unknown[]) => k.join('|');
  const sql = new Map<string, number>();
  const rolled = new Map<string, number>();
  for (const r of await q.openByState(district)) sql.set(key('state', r.schoolId, r.stateValue), r.count);
  for (const r of await q.openByFactor(district)) sql.set(key('factor', r.schoolId, r.factor), r.count);
  for (const r of await q.outcomes(district)) sql.set(key('outcome', r.schoolId, reportedOutcome(r.outcome)), (sql.get(key('outcome', r.schoolId, reportedOutcome(r.outcome))) ?? 0) + r.count);
  for (const r of await q.beforeAfter(district, start, endExclusive)) {
    sql.set(key('before', r.schoolId, r.factor), r.before);
    sql.set(key('after', r.schoolId, r.factor), r.after);
  }
  const [a, b] = [monthIndexOf(start), monthIndexOf(endExclusive - 1)];
  for (const [sid, s] of facts.bySchool) {
    for (const r of s.byState) rolled.set(key('state', sid, r.stateValue), r.count);
    for (const [o, n] of s.outcomes) rolled.set(key('outcome', sid, o), n);
    for (const [f, x] of s.factors) {
      if (x.open > 0) rolled.set(key('factor', sid, f), x.open);
      const c = riskCounts(x, a, b);
      rolled.set(key('before', sid, f), c.before);
      rolled.set(key('after', sid, f), c.afterByMonth[b - a]!);
    }
  }
  const differ = [...new Set([...sql.keys(), ...rolled.keys()])].filter((k) => (sql.get(k) ?? 0) !== (rolled.get(k) ?? 0));
  if (differ.length > 0) throw new Error(`district rollup differs from SQL: ${differ.slice(0, 5).map((k) => `${k} ${sql.get(k)} vs ${rolled.get(k)}`).join('; ')}`);
}

/** Query texts shown with `JALUR_BENCH_EXPLAIN=1` (school scope, as `sqlite/queries.ts` words them for one school). */
const EXPLAINED: Record<string, string> = {
  closedPerMonth: "SELECT school_id AS schoolId, strftime('%Y-%m', (closed_at + @offsetMs) / 1000, 'unixepoch') AS month, count(*) AS count FROM cases WHERE school_id = ? AND status = 'closed' AND closed_at IS NOT NULL GROUP BY month",
  openedPerMonth: "SELECT school_id AS schoolId, strftime('%Y-%m', (opened_at + @offsetMs) / 1000, 'unixepoch') AS month, count(*) AS count FROM cases WHERE school_id = ? GROUP BY month",
  overdue: "SELECT school_id AS schoolId, state_id AS stateId, count(*) AS count FROM tasks WHERE school_id = ? AND status = 'open' AND due_at < @now GROUP BY state_id",
  byFactor: "SELECT rf.school_id AS schoolId, rf.factor AS factor, count(*) AS count FROM case_risk_factors rf JOIN cases c ON c.id = rf.case_id WHERE rf.school_id = ? AND c.status = 'active' GROUP BY rf.factor",
};

export default async function (): Promise<BenchEntry[]> {
  const dir = mkdtempSync(join(tmpdir(), 'jalur-reports-bench-'));
  const file = join(dir, 'bench.db');
  try {
    const db = await openDatabase({ url: `file:${file}`, synchronous: 'NORMAL' });
    const handle = db.reportHandle;
    if (handle.dialect !== 'sqlite') throw new Error('the reports bench runs on SQLite');
    const sqlite = handle.sqlite;
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = OFF');
    sqlite.pragma('foreign_keys = OFF');
    sqlite.pragma('cache_size = -262144');
    const genMs = generate(sqlite);
    const q: ReportQueries = createReportQueries(handle);
    const entries: BenchEntry[] = [figure(`generate ${SCHOOLS * CASES_PER_SCHOOL} cases (${SCHOOLS} schools) + events, factors, tasks, indexes`, genMs / 1000, 's', null)];

    const school: ReportScope = { kind: 'school', schoolId: 's000' };
    const district: ReportScope = { kind: 'district', districtId: 'd1' };
    const { start, endExclusive } = periodBounds({ from: '2026-01-01', to: '2026-05-31' });
    const now = NOW.getTime();
    const base = (sql: string) => {
      const st = sqlite.prepare(sql);
      return (...params: unknown[]) => st.all(...params);
    };
    // Hand-written baselines: the same counts, straight SQL on the covering indexes.
    const B = {
      byState: base("SELECT state_value, count(*) FROM cases INDEXED BY cases_board_idx WHERE school_id = ? AND status = 'active' GROUP BY state_value"),
      byStateAll: base("SELECT school_id, state_value, count(*) FROM cases INDEXED BY cases_board_idx WHERE status = 'active' GROUP BY school_id, state_value"),
      byFactor: base("SELECT rf.factor, count(*) FROM case_risk_factors rf JOIN cases c INDEXED BY cases_report_idx ON c.id = rf.case_id WHERE rf.school_id = ? AND c.status = 'active' GROUP BY rf.factor"),
      byFactorAll: base("SELECT rf.school_id, rf.factor, count(*) FROM case_risk_factors rf JOIN cases c INDEXED BY cases_report_idx ON c.id = rf.case_id WHERE c.status = 'active' GROUP BY rf.school_id, rf.factor"),
      overdue: base("SELECT state_id, count(*) FROM tasks INDEXED BY tasks_school_status_due_idx WHERE school_id = ? AND status = 'open' AND due_at < ? GROUP BY state_id"),
      opened: base("SELECT strftime('%Y-%m', (opened_at + 25200000) / 1000, 'unixepoch') m, count(*) FROM cases INDEXED BY cases_opened_idx WHERE school_id = ? GROUP BY m"),
      closed: base("SELECT strftime('%Y-%m', (closed_at + 25200000) / 1000, 'unixepoch') m, count(*) FROM cases INDEXED BY cases_closed_idx WHERE school_id = ? AND status = 'closed' GROUP BY m"),
      outcomes: base("SELECT outcome, count(*) FROM cases INDEXED BY cases_closed_idx WHERE school_id = ? AND status = 'closed' GROUP BY outcome"),
      outcomesAll: base("SELECT school_id, outcome, count(*) FROM cases INDEXED BY cases_closed_idx WHERE status = 'closed' GROUP BY school_id, outcome"),
      events: base('SELECT case_id, seq, at, state_after FROM case_events INDEXED BY case_events_school_idx WHERE school_id = ? ORDER BY case_id, seq'),
      beforeAfterAll: base(`SELECT rf.school_id, rf.factor,
          count(DISTINCT CASE WHEN c.closed_at IS NULL OR c.closed_at > ${start} THEN c.student_id END),
          count(DISTINCT CASE WHEN c.closed_at IS NULL OR c.closed_at >= ${endExclusive} THEN c.student_id END)
        FROM case_risk_factors rf JOIN cases c INDEXED BY cases_report_idx ON c.id = rf.case_id WHERE c.opened_at < ${endExclusive} GROUP BY rf.school_id, rf.factor`),
    };
    if (process.env.JALUR_BENCH_EXPLAIN) {
      for (const [name, text] of Object.entries(EXPLAINED)) {
        const plan = sqlite.prepare(`EXPLAIN QUERY PLAN ${text}`).all({ offsetMs: 25_200_000, now, start, end: endExclusive }, 's000') as { detail: string }[];
        process.stderr.write(`  ${name}: ${plan.map((p) => p.detail).join(' | ')}\n`);
      }
    }
    const S = { rounds: 25, warmup: 5, target: 2 };
    entries.push(await compareAsync('school · open cases by step', () => q.openByState(school), () => B.byState('s000'), S));
    entries.push(await compareAsync('school · open cases by factor', () => q.openByFactor(school), () => B.byFactor('s000'), S));
    entries.push(await compareAsync('school · overdue tasks', () => q.overdueTasks(school, now), () => B.overdue('s000', now), S));
    entries.push(await compareAsync('school · cases per month', () => q.casesPerMonth(school, 420), () => [B.opened('s000'), B.closed('s000')], S));
    entries.push(await compareAsync('school · outcomes', () => q.outcomes(school), () => B.outcomes('s000'), S));
    entries.push(await compareAsync('school · step events (median time)', () => q.stepEventsAfter('s000', null), () => B.events('s000'), S));

    // The whole one-school dashboard as GET /api/reports/summary computes it (`reportQueriesOf(db)`,
    // `schoolSummary`): a school's first load, a reload, and the first load after each real change of
    // one of its cases — a case opened, then advanced, through the db's case unit of work and the engine.
    const api = reportQueriesOf(db);
    const cold: number[] = [];
    const warm: number[] = [];
    const changed: number[] = [];
    const changedCpu: number[] = [];
    const load = async (sid: string, into: number[]) => {
      const cpu = process.cpuUsage();
      const t = performance.now();
      await schoolSummary(api, sid, NOW);
      into.push(performance.now() - t);
      if (into === changed) {
        const used = process.cpuUsage(cpu);
        changedCpu.push((used.user + used.system) / 1000);
      }
    };
    for (let i = 0; i < MEASURED_SCHOOLS; i++) {
      const sid = measuredSchool(i);
      await load(sid, cold);
      await load(sid, warm);
      for (let k = 0; k < CHANGES_PER_SCHOOL; k++) {
        const row = await openCase(db, sid, k);
        await load(sid, changed);
        await advanceCase(db, row);
        await load(sid, changed);
      }
    }
    // The figures after all those changes are exactly those of a from-scratch read (fresh queries, no cache).
    for (const sid of [measuredSchool(0), measuredSchool(MEASURED_SCHOOLS - 1)]) {
      const kept = JSON.stringify(await schoolSummary(api, sid, NOW));
      const fresh = JSON.stringify(await schoolSummary({ ...createReportQueries(handle), savedSchoolFigures: undefined }, sid, NOW));
      if (kept !== fresh) throw new Error(`dashboard of ${sid} after changes differs from a from-scratch read`);
    }
    // After a restart: a new connection (its own page cache, no report caches), the first load of one school. Each
    // school's figures were saved by this process's last load of it (`school_dashboard_figures`, written after the
    // answer, only while the school's event count is theirs); the restarted process checks the count and shows them.
    // Beside it, the same first load of a school whose figures were never saved (counted from its cases and events).
    await new Promise((resolve) => setTimeout(resolve, 50));
    const restarted: number[] = [];
    const restartedCpu: number[] = [];
    const unsaved: number[] = [];
    for (let i = 0; i < MEASURED_SCHOOLS; i++) {
      const fresh = await openDatabase({ url: `file:${file}`, synchronous: 'NORMAL' });
      const cpu = process.cpuUsage();
      const t0 = performance.now();
      // Odd schools: as if never saved (the same queries without the saved figures).
      if (i % 2 === 1) {
        await schoolSummary({ ...createReportQueries(fresh.reportHandle), savedSchoolFigures: undefined }, measuredSchool(i), NOW);
        unsaved.push(performance.now() - t0);
      } else {
        await schoolSummary(reportQueriesOf(fresh), measuredSchool(i), NOW);
        restarted.push(performance.now() - t0);
        const used = process.cpuUsage(cpu);
        restartedCpu.push((used.user + used.system) / 1000);
      }
      await fresh.close();
    }
    entries.push(figure('school dashboard, first load in this process (2,000 cases of 1M)', median(cold), 'ms', null));
    entries.push(figure(`school dashboard, first load after a restart (new connection, median of ${restarted.length})`, median(restarted), 'ms', 10));
    entries.push(figure('school dashboard, first load after a restart, CPU time of the process', median(restartedCpu), 'ms', null));
    entries.push(figure(`school dashboard, first load after a restart, figures never saved (counted; median of ${unsaved.length})`, median(unsaved), 'ms', null));
    entries.push(figure('school dashboard, reload (2,000 cases of 1M)', median(warm), 'ms', 5));
    entries.push(figure(`school dashboard, first load after a case change (open / advance, ${changed.length} loads)`, median(changed), 'ms', 5));
    entries.push(figure('school dashboard, first load after a case change, CPU time of the process', median(changedCpu), 'ms', null));

    // District figures from the rollup (`district-rollup.ts`), kept current by reading again only the schools
    // whose cases changed since the last answer. Each part = bringing the rollup up to date (the change check) +
    // computing that part from it, against the covering-index SQL of the same counts over the 1M cases.
    const period = { from: '2026-01-01', to: '2026-05-31' };
    const districtInput = { districtId: 'd1', period, now: NOW };
    let t = performance.now();
    await districtAggregates(api, districtInput);
    const firstDistrict = performance.now() - t;
    // The rollup's counts are the SQL's (before the changes below and after them).
    await checkRollup(api, q, district, start, endExclusive);
    const months = [monthIndexOfDate(period.from), monthIndexOfDate(period.to)] as const;
    const part = <T>(fn: (facts: DistrictFacts) => T) => async () => fn(await districtFacts(api, 'd1'));
    const D = { rounds: 5, warmup: 1, target: 2 };
    entries.push(await compareAsync('district · open cases by step (500 schools, rollup)', part((f) => [...f.bySchool.values()].map((s) => countsPerLeaf(s.byState))), () => B.byStateAll(), D));
    entries.push(await compareAsync('district · open cases by factor (rollup)', part((f) => [...f.bySchool.values()].map((s) => [...s.factors.values()].map((x) => x.open))), () => B.byFactorAll(), D));
    entries.push(await compareAsync('district · outcomes (rollup)', part((f) => [...f.bySchool.values()].map((s) => [...s.outcomes.values()])), () => B.outcomesAll(), D));
    entries.push(await compareAsync('district · before/after per factor (rollup)', part((f) => [...f.bySchool.values()].map((s) => [...s.factors.values()].map((x) => riskCounts(x, months[0], months[1]).before))), () => B.beforeAfterAll(), D));

    // The whole answer (every part, suppressed across schools, periods and tables) as GET /api/district/aggregates
    // computes it: after a real case change in one school (it is read again), and with nothing changed.
    // CPU time of this process too (better-sqlite3 runs in it): on a shared, loaded machine the wall time also
    // counts the time the process waited for a core.
    const afterChange: number[] = [];
    const afterChangeCpu: number[] = [];
    const unchanged: number[] = [];
    const timedAnswer = async () => {
      const cpu = process.cpuUsage();
      t = performance.now();
      await districtAggregates(api, districtInput);
      afterChange.push(performance.now() - t);
      const used = process.cpuUsage(cpu);
      afterChangeCpu.push((used.user + used.system) / 1000);
    };
    for (let k = 0; k < 5; k++) {
      const row = await openCase(db, 's000', k);
      await timedAnswer();
      if (rollupReads.get(api) !== 1) throw new Error(`a district answer after one school's change read ${rollupReads.get(api)} schools`);
      await advanceCase(db, row);
      await timedAnswer();
      t = performance.now();
      await districtAggregates(api, districtInput);
      unchanged.push(performance.now() - t);
    }
    await checkRollup(api, q, district, start, endExclusive);
    entries.push(figure(`district aggregates, whole answer after a case change (1M cases, suppressed; median of ${afterChange.length})`, median(afterChange), 'ms', 200));
    entries.push(figure('district aggregates, whole answer after a case change, CPU time of the process', median(afterChangeCpu), 'ms', null));
    entries.push(figure('district aggregates, whole answer, nothing changed', median(unchanged), 'ms', 200));
    entries.push(figure('district aggregates, first answer of a process (builds the rollup: every school read)', firstDistrict, 'ms', null));
    const covering = await compareAsync('district · whole answer vs all four covering-index queries', () => districtAggregates(api, districtInput), () => [B.byStateAll(), B.byFactorAll(), B.outcomesAll(), B.beforeAfterAll()], { rounds: 3, warmup: 1, target: 2 });
    entries.push(covering);
    await db.close();
    return entries;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
