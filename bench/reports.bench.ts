/**
 * Reports over 1,000,000 generated cases in 500 schools (SQLite): the
 * one-school dashboard (target < 5 ms) and the district aggregates, each
 * report query against a hand-written covering-index SQL count over the same
 * rows in the same run (target ≤ 2×).
 *
 * The database is the real schema (drizzle migrations of @jalur/db) plus the
 * indexes the reports request (REPORT_INDEXES_SQL); it is filled in one
 * transaction with prepared inserts, secondary indexes dropped during the
 * load and rebuilt after (as a bulk import does).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../packages/db/src/index.ts';
import {
  createSqliteReportQueries, districtAggregates, openReportsHandle, periodBounds, REPORT_INDEXES_SQL, schoolSummary,
  type ReportQueries, type ReportScope, type ReportsHandle,
} from '../packages/reports/src/index.ts';
import { figure, median, type BenchEntry } from './lib.ts';

const SCHOOLS = 500;
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

/** A small deterministic PRNG (mulberry32). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fills the database; returns how long it took (ms). */
function generate(sqlite: ReportsHandle['sqlite']): number {
  const t0 = performance.now();
  const indexes = sqlite
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('cases', 'case_risk_factors', 'case_events', 'tasks', 'students')")
    .all() as { name: string; sql: string }[];
  for (const i of indexes) sqlite.exec(`DROP INDEX ${i.name}`);
  const random = prng(7);
  const doc = readFileSync(new URL('../workflows/srps-standar.json', import.meta.url), 'utf8');
  const load = sqlite.transaction(() => {
    const at = NOW.getTime() - 800 * DAY;
    sqlite.prepare('INSERT INTO districts (id, name, created_at) VALUES (?, ?, ?)').run('d1', 'Kabupaten Bench', at);
    const school = sqlite.prepare('INSERT INTO schools (id, district_id, name, created_at) VALUES (?, ?, ?, ?)');
    const pathway = sqlite.prepare("INSERT INTO pathways (id, district_id, school_id, key, title, tags, draft, draft_revision, updated_at, created_at) VALUES (?, 'd1', ?, 'srps-standar', 'SRPS', '[]', ?, 1, ?, ?)");
    const version = sqlite.prepare("INSERT INTO pathway_versions (id, pathway_id, school_id, district_id, version, document, content_hash, published_at) VALUES (?, ?, ?, 'd1', 1, ?, 'sha256:bench', ?)");
    const student = sqlite.prepare("INSERT INTO students (id, school_id, nisn, name, class_name, status, created_at, updated_at) VALUES (?, ?, ?, ?, 'X-1', 'active', ?, ?)");
    const kase = sqlite.prepare(
      `INSERT INTO cases (id, school_id, student_id, pathway_id, pathway_version_id, snapshot, state_value, version, status, outcome, risk_factors, opened_at, updated_at, closed_at)
       VALUES (?, ?, ?, ?, ?, '{}', ?, 2, ?, ?, ?, ?, ?, ?)`,
    );
    const factor = sqlite.prepare('INSERT INTO case_risk_factors (case_id, school_id, factor) VALUES (?, ?, ?)');
    const event = sqlite.prepare("INSERT INTO case_events (id, case_id, school_id, seq, type, at, state_before, state_after) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    const task = sqlite.prepare(
      `INSERT INTO tasks (id, case_id, school_id, state_id, kind, title, roles, due_at, status, requires_approval, reminders_sent, created_at)
       VALUES (?, ?, ?, ?, 'custom', '{"id":"Tugas"}', '["guru_bk"]', ?, 'open', 0, '[]', ?)`,
    );
    for (let s = 0; s < SCHOOLS; s++) {
      const sid = `s${s}`;
      school.run(sid, 'd1', `Sekolah ${s + 1}`, at);
      // Every school runs srps-standar (only the document of the first is stored: titles for its dashboard).
      pathway.run(`p${s}`, sid, s === 0 ? doc : '{}', at, at);
      version.run(`v${s}`, `p${s}`, sid, s === 0 ? doc : '{}', at);
      for (let i = 0; i < STUDENTS_PER_SCHOOL; i++) student.run(`${sid}-st${i}`, sid, `${s}-${i}`, `Siswa ${s}-${i}`, at, at);
      for (let c = 0; c < CASES_PER_SCHOOL; c++) {
        const id = `${sid}-c${c}`;
        const opened = NOW.getTime() - Math.floor(random() * 730 * DAY);
        const closedCase = random() < 0.4 && opened < NOW.getTime() - 10 * DAY;
        const closedAt = closedCase ? Math.min(NOW.getTime() - DAY, opened + (10 + Math.floor(random() * 110)) * DAY) : null;
        const fin = CLOSED[Math.floor(random() * CLOSED.length)]!;
        const state = closedCase ? fin[0] : OPEN_STATES[Math.floor(random() * OPEN_STATES.length)]!;
        const f1 = FACTORS[Math.floor(random() * 4)]!;
        const factors = random() < 0.25 ? [f1, FACTORS[4 + Math.floor(random() * 2)]!] : [f1];
        kase.run(id, sid, `${sid}-st${c % STUDENTS_PER_SCHOOL}`, `p${s}`, `v${s}`, state, closedCase ? 'closed' : 'active', closedCase ? fin[1] : null, JSON.stringify(factors), opened, closedAt ?? opened + 3 * DAY, closedAt);
        for (const f of factors) factor.run(id, sid, f);
        event.run(`${id}-e1`, id, sid, 1, 'case.opened', opened, null, 'identifikasi');
        event.run(`${id}-e2`, id, sid, 2, closedCase ? 'TUTUP_KASUS' : 'LANJUT', closedAt ?? opened + 3 * DAY, 'identifikasi', state);
        if (!closedCase) task.run(`${id}-t`, id, sid, state.split(',')[0]!, opened + Math.floor(random() * 60) * DAY, opened);
      }
    }
  });
  load();
  for (const i of indexes) sqlite.exec(i.sql);
  for (const sql of REPORT_INDEXES_SQL) sqlite.exec(sql);
  sqlite.exec('ANALYZE');
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

export default async function (): Promise<BenchEntry[]> {
  const dir = mkdtempSync(join(tmpdir(), 'jalur-reports-bench-'));
  const file = join(dir, 'bench.db');
  try {
    const db = await openDatabase({ url: `file:${file}`, synchronous: 'NORMAL' });
    await db.close();
    const handle = openReportsHandle(file, { readonly: false });
    const sqlite = handle.sqlite;
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = OFF');
    sqlite.pragma('foreign_keys = OFF');
    sqlite.pragma('cache_size = -262144');
    const genMs = generate(sqlite);
    const q: ReportQueries = createSqliteReportQueries(handle);
    const entries: BenchEntry[] = [figure(`generate ${SCHOOLS * CASES_PER_SCHOOL} cases (${SCHOOLS} schools) + events, factors, tasks`, genMs / 1000, 's', 30)];

    const school: ReportScope = { kind: 'school', schoolId: 's0' };
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
      overdue: base("SELECT state_id, count(*) FROM tasks INDEXED BY tasks_overdue_idx WHERE school_id = ? AND status = 'open' AND due_at < ? GROUP BY state_id"),
      opened: base("SELECT strftime('%Y-%m', (opened_at + 25200000) / 1000, 'unixepoch') m, count(*) FROM cases INDEXED BY cases_opened_idx WHERE school_id = ? GROUP BY m"),
      outcomes: base("SELECT outcome, count(*) FROM cases INDEXED BY cases_closed_idx WHERE school_id = ? AND status = 'closed' GROUP BY outcome"),
      outcomesAll: base("SELECT school_id, outcome, count(*) FROM cases INDEXED BY cases_closed_idx WHERE status = 'closed' GROUP BY school_id, outcome"),
      events: base('SELECT case_id, at, state_after FROM case_events INDEXED BY case_events_school_idx WHERE school_id = ? ORDER BY case_id, seq'),
      beforeAfterAll: base(`SELECT rf.school_id, rf.factor,
          count(DISTINCT CASE WHEN c.closed_at IS NULL OR c.closed_at > ${start} THEN c.student_id END),
          count(DISTINCT CASE WHEN c.closed_at IS NULL OR c.closed_at >= ${endExclusive} THEN c.student_id END)
        FROM case_risk_factors rf JOIN cases c INDEXED BY cases_report_idx ON c.id = rf.case_id WHERE c.opened_at < ${endExclusive} GROUP BY rf.school_id, rf.factor`),
    };
    const S = { rounds: 15, warmup: 3, target: 2 };
    entries.push(await compareAsync('school · open cases by step', () => q.openByState(school), () => B.byState('s0'), S));
    entries.push(await compareAsync('school · open cases by factor', () => q.openByFactor(school), () => B.byFactor('s0'), S));
    entries.push(await compareAsync('school · overdue tasks', () => q.overdueTasks(school, now), () => B.overdue('s0', now), S));
    entries.push(await compareAsync('school · cases per month', () => q.casesPerMonth(school, 420), () => B.opened('s0'), S));
    entries.push(await compareAsync('school · outcomes', () => q.outcomes(school), () => B.outcomes('s0'), S));
    entries.push(await compareAsync('school · step events (median time)', () => q.stepEvents('s0'), () => B.events('s0'), S));

    // The whole one-school dashboard, as the API computes it.
    await schoolSummary(q, 's0', NOW);
    const runs: number[] = [];
    for (let i = 0; i < 30; i++) {
      const t = performance.now();
      await schoolSummary(q, 's0', NOW);
      runs.push(performance.now() - t);
    }
    entries.push(figure('school dashboard (summary, 2,000 cases of 1M)', median(runs), 'ms', 5));

    const D = { rounds: 3, warmup: 1, target: 2 };
    entries.push(await compareAsync('district · open cases by step (500 schools)', () => q.openByState(district), () => B.byStateAll(), D));
    entries.push(await compareAsync('district · open cases by factor', () => q.openByFactor(district), () => B.byFactorAll(), D));
    entries.push(await compareAsync('district · outcomes', () => q.outcomes(district), () => B.outcomesAll(), D));
    entries.push(await compareAsync('district · before/after per factor', () => q.beforeAfter(district, start, endExclusive), () => B.beforeAfterAll(), D));
    const t = performance.now();
    await districtAggregates(q, { districtId: 'd1', period: { from: '2026-01-01', to: '2026-05-31' }, now: NOW });
    entries.push(figure('district aggregates, whole answer (1M cases, suppressed)', performance.now() - t, 'ms', null));
    sqlite.close();
    return entries;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
