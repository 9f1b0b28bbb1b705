/**
 * The semester report (issues 14 and 15): one school's academic year and
 * semester (`2025/2026 Ganjil`) in numbers, read from what was recorded.
 *
 * - **Term.** Ganjil is July–December of the year's first calendar year,
 *   genap January–June of its second (`@jalur/casework`'s `termOfDate`).
 *   Days are school days in WIB; the term's "now" is the earlier of now and
 *   the term's last instant.
 * - **Students by status.** Each student's status at the term's "now" is the
 *   latest `student_status_events` row dated on or before it; a student whose
 *   first row is later was enrolled before it (counted `active`) unless that
 *   first row is `transferred_in` (they were not yet at the school); a
 *   student with no row has their current status. `changed` counts the rows
 *   dated inside the term per status (mutasi masuk, mutasi keluar, putus
 *   sekolah, lulus during the semester).
 * - **Before/after** per risk factor: the seed-002 table over the term
 *   (`before-after.ts`).
 * - **Risk level per student**, at the term's start and at its "now":
 *   `risk` when a `risk` flag is active or one of their cases is open at that
 *   instant, `watch` when only a `watch` flag is, else `none`. Students that
 *   are `none` at both instants are left out; `improved` / `worsened` count
 *   a lower / higher level at the end.
 * - **Satisfaction** (`me_records` kind `satisfaction` of the term): per
 *   service, the number of scores, their mean and the distribution of 1–5.
 * - **Participation** (`me_records` kind `participation` of the term): per
 *   activity kind (ekstrakurikuler, P5) and per activity, distinct students
 *   recorded and distinct students who took part.
 * - **Aid disbursed** (`fund_entries` out, dated in the term): the rupiah per
 *   fund source and per risk factor of the case at the moment it went out
 *   (an entry with two factors counts under both; the total counts it once).
 *
 * Nothing here is suppressed: the school reads its own numbers. What leaves
 * for the dinas goes through `semesterForDinas` (`Disclosure`, as the
 * district tables do).
 */
import type { ReportHandle } from '@jalur/db';
import { schoolBeforeAfter, type BeforeAfterRow } from './before-after.ts';
import { Disclosure, type PublicCount } from './disclosure.ts';
import { startOfSchoolDay, WIB_OFFSET_MINUTES } from './period.ts';
import type { ReportQueries } from './queries.ts';

export const TERM_SEMESTERS = ['ganjil', 'genap'] as const;
export type TermSemester = (typeof TERM_SEMESTERS)[number];
export const REPORT_STATUSES = ['active', 'transferred_in', 'transferred', 'dropped_out', 'graduated'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export const RISK_LEVELS = ['none', 'watch', 'risk'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];
const RANK: Record<RiskLevel, number> = { none: 0, watch: 1, risk: 2 };

export interface TermDates {
  year: string;
  semester: TermSemester;
  /** First and last school day (`YYYY-MM-DD`). */
  from: string;
  to: string;
}

/** The dates of `2025/2026` `ganjil` (1 Jul – 31 Dec 2025) or `genap` (1 Jan – 30 Jun 2026). */
export function termDates(year: string, semester: TermSemester): TermDates {
  const first = Number(year.slice(0, 4));
  return semester === 'ganjil' ? { year, semester, from: `${first}-07-01`, to: `${first}-12-31` } : { year, semester, from: `${first + 1}-01-01`, to: `${first + 1}-06-30` };
}

export interface SemesterReport {
  term: TermDates & { asOf: string; ended: boolean };
  students: {
    enrolled: number;
    byStatus: { status: ReportStatus; atEnd: number; changed: number }[];
  };
  beforeAfter: BeforeAfterRow[];
  /** The sums of the before/after columns (a student at risk for two factors counts in both). */
  beforeAfterTotal: { before: number; after: number };
  riskChange: {
    students: number;
    improved: number;
    unchanged: number;
    worsened: number;
    start: Record<RiskLevel, number>;
    end: Record<RiskLevel, number>;
    transitions: { from: RiskLevel; to: RiskLevel; count: number }[];
    /** Per student (the school's own report only). */
    perStudent: { studentId: string; name: string; className: string; start: RiskLevel; end: RiskLevel }[];
  };
  satisfaction: {
    responses: number;
    average: number | null;
    distribution: [number, number, number, number, number];
    byService: { service: string; responses: number; average: number | null; distribution: [number, number, number, number, number] }[];
  };
  participation: {
    byKind: { activity: string; students: number; attended: number; activities: { name: string; students: number; attended: number }[] }[];
  };
  aid: {
    /** False when the fund ledger is not there (nothing to count). */
    available: boolean;
    total: number;
    entries: number;
    students: number;
    bySource: { source: string; amount: number; entries: number }[];
    byFactor: { factor: string; amount: number; entries: number }[];
  };
}

type Row = Record<string, unknown>;

/** Runs one read on either dialect: `?` placeholders. */
async function rows(h: ReportHandle, sql: string, params: unknown[]): Promise<Row[]> {
  if (h.dialect === 'sqlite') return h.sqlite.prepare(sql).all(...params.map((p) => (p instanceof Date ? p.getTime() : p))) as Row[];
  let i = 0;
  return (await h.client.unsafe(sql.replace(/\?/g, () => `$${++i}`), params as never[])) as Row[];
}

const ms = (v: unknown): number | null => (v === null || v === undefined ? null : v instanceof Date ? v.getTime() : typeof v === 'string' ? Date.parse(v) : Number(v));
const jsonOf = <T>(v: unknown): T | null => {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') {
    try {
      return JSON.parse(v) as T;
    } catch {
      return null;
    }
  }
  return v as T;
};
const truthy = (v: unknown) => v === true || v === 1 || v === '1' || v === 't';
const round2 = (n: number) => Math.round(n * 100) / 100;
const dist = (): [number, number, number, number, number] => [0, 0, 0, 0, 0];

/** The `YYYY-MM-DD` (WIB) of an instant. */
function dayOf(instant: number, offsetMinutes: number): string {
  return new Date(instant + offsetMinutes * 60_000).toISOString().slice(0, 10);
}

/** The semester report of one school. */
export async function semesterReport(
  h: ReportHandle, q: ReportQueries, schoolId: string, term: { year: string; semester: TermSemester }, now: Date, offsetMinutes = WIB_OFFSET_MINUTES,
): Promise<SemesterReport> {
  const t = termDates(term.year, term.semester);
  const start = startOfSchoolDay(t.from, offsetMinutes);
  const endExclusive = startOfSchoolDay(t.to, offsetMinutes) + 86_400_000;
  const ended = now.getTime() >= endExclusive;
  const endInstant = Math.max(start, Math.min(now.getTime(), endExclusive - 1));
  const asOf = dayOf(endInstant, offsetMinutes);

  // ── students by status ──
  const students = await rows(h, 'SELECT id, name, class_name, status, erased_at FROM students WHERE school_id = ?', [schoolId]);
  const events = await rows(h, 'SELECT student_id, status, date FROM student_status_events WHERE school_id = ? ORDER BY date, recorded_at', [schoolId]);
  const history = new Map<string, { status: string; date: string }[]>();
  for (const e of events) {
    const list = history.get(String(e.student_id)) ?? [];
    list.push({ status: String(e.status), date: String(e.date) });
    history.set(String(e.student_id), list);
  }
  const atEnd = new Map<ReportStatus, number>(REPORT_STATUSES.map((s) => [s, 0]));
  const changed = new Map<ReportStatus, number>(REPORT_STATUSES.map((s) => [s, 0]));
  for (const s of students) {
    const list = history.get(String(s.id)) ?? [];
    let status: string | null;
    const before = list.filter((e) => e.date <= asOf);
    if (before.length > 0) status = before[before.length - 1]!.status;
    else if (list.length > 0) status = list[0]!.status === 'transferred_in' ? null : 'active';
    else status = String(s.status);
    if (status && atEnd.has(status as ReportStatus)) atEnd.set(status as ReportStatus, atEnd.get(status as ReportStatus)! + 1);
    for (const e of list) if (e.date >= t.from && e.date <= asOf && changed.has(e.status as ReportStatus)) changed.set(e.status as ReportStatus, changed.get(e.status as ReportStatus)! + 1);
  }
  const byStatus = REPORT_STATUSES.map((status) => ({ status, atEnd: atEnd.get(status)!, changed: changed.get(status)! }));

  // ── risk level per student, start vs now ──
  const flags = await rows(h, 'SELECT student_id, level, since, cleared_at, active FROM flags WHERE school_id = ?', [schoolId]);
  const cases = await rows(h, 'SELECT student_id, opened_at, closed_at FROM cases WHERE school_id = ?', [schoolId]);
  const levelAt = new Map<string, [RiskLevel, RiskLevel]>();
  const raise = (student: string, i: 0 | 1, level: RiskLevel) => {
    const pair = levelAt.get(student) ?? (['none', 'none'] as [RiskLevel, RiskLevel]);
    if (RANK[level] > RANK[pair[i]]) pair[i] = level;
    levelAt.set(student, pair);
  };
  const instants = [start, endInstant] as const;
  for (const f of flags) {
    const since = ms(f.since)!;
    const cleared = ms(f.cleared_at) ?? (truthy(f.active) ? null : since);
    const level: RiskLevel = f.level === 'watch' ? 'watch' : 'risk';
    instants.forEach((at, i) => {
      if (since <= at && (cleared === null || cleared > at)) raise(String(f.student_id), i as 0 | 1, level);
    });
  }
  for (const c of cases) {
    const opened = ms(c.opened_at)!;
    const closed = ms(c.closed_at);
    instants.forEach((at, i) => {
      if (opened <= at && (closed === null || closed > at)) raise(String(c.student_id), i as 0 | 1, 'risk');
    });
  }
  const byId = new Map(students.map((s) => [String(s.id), s]));
  const startCounts: Record<RiskLevel, number> = { none: 0, watch: 0, risk: 0 };
  const endCounts: Record<RiskLevel, number> = { none: 0, watch: 0, risk: 0 };
  const transitions = new Map<string, number>();
  let improved = 0;
  let worsened = 0;
  let unchanged = 0;
  const perStudent: SemesterReport['riskChange']['perStudent'] = [];
  for (const [studentId, [a, b]] of levelAt) {
    if (a === 'none' && b === 'none') continue;
    const s = byId.get(studentId);
    if (!s) continue;
    startCounts[a]++;
    endCounts[b]++;
    transitions.set(`${a}>${b}`, (transitions.get(`${a}>${b}`) ?? 0) + 1);
    if (RANK[b] < RANK[a]) improved++;
    else if (RANK[b] > RANK[a]) worsened++;
    else unchanged++;
    // An erased student (UU PDP) is counted, never named.
    if (s.erased_at === null || s.erased_at === undefined) perStudent.push({ studentId, name: String(s.name), className: String(s.class_name), start: a, end: b });
  }
  perStudent.sort((x, y) => RANK[y.start] - RANK[x.start] || RANK[x.end] - RANK[y.end] || x.className.localeCompare(y.className) || x.name.localeCompare(y.name));
  const transitionList = RISK_LEVELS.flatMap((from) => RISK_LEVELS.map((to) => ({ from, to, count: transitions.get(`${from}>${to}`) ?? 0 }))).filter((x) => !(x.from === 'none' && x.to === 'none'));

  // ── M&E records of the term ──
  const me = await rows(h, 'SELECT student_id, kind, data FROM me_records WHERE school_id = ? AND academic_year = ? AND semester = ?', [schoolId, t.year, t.semester]);
  const sat = { responses: 0, sum: 0, distribution: dist() };
  const services = new Map<string, { responses: number; sum: number; distribution: [number, number, number, number, number] }>();
  const kinds = new Map<string, { students: Set<string>; attended: Set<string>; activities: Map<string, { students: Set<string>; attended: Set<string> }> }>();
  for (const r of me) {
    const d = jsonOf<Record<string, unknown>>(r.data) ?? {};
    const student = String(r.student_id);
    if (r.kind === 'satisfaction') {
      const score = Number(d.score);
      if (!Number.isInteger(score) || score < 1 || score > 5) continue;
      const service = typeof d.service === 'string' ? d.service : 'other';
      const s = services.get(service) ?? { responses: 0, sum: 0, distribution: dist() };
      for (const x of [sat, s]) {
        x.responses++;
        x.sum += score;
        x.distribution[score - 1]!++;
      }
      services.set(service, s);
    } else if (r.kind === 'participation') {
      const activity = typeof d.activity === 'string' ? d.activity : 'ekstrakurikuler';
      const name = typeof d.name === 'string' ? d.name.trim() : '';
      const k = kinds.get(activity) ?? { students: new Set(), attended: new Set(), activities: new Map() };
      const a = k.activities.get(name.toLowerCase()) ?? { students: new Set(), attended: new Set(), name } as { students: Set<string>; attended: Set<string>; name?: string };
      k.students.add(student);
      a.students.add(student);
      if (d.attended === true) {
        k.attended.add(student);
        a.attended.add(student);
      }
      k.activities.set(name.toLowerCase(), a);
      kinds.set(activity, k);
    }
  }
  const byService = [...services].map(([service, s]) => ({ service, responses: s.responses, average: s.responses ? round2(s.sum / s.responses) : null, distribution: s.distribution })).sort((a, b) => b.responses - a.responses || a.service.localeCompare(b.service));
  const byKind = ['ekstrakurikuler', 'p5', ...[...kinds.keys()].filter((k) => k !== 'ekstrakurikuler' && k !== 'p5')].map((activity) => {
    const k = kinds.get(activity);
    return {
      activity,
      students: k?.students.size ?? 0,
      attended: k?.attended.size ?? 0,
      activities: k ? [...k.activities.values()].map((a) => ({ name: (a as { name?: string }).name ?? '', students: a.students.size, attended: a.attended.size })).sort((x, y) => y.students - x.students || x.name.localeCompare(y.name)) : [],
    };
  });

  // ── aid disbursed (the fund ledger) ──
  const aid: SemesterReport['aid'] = { available: true, total: 0, entries: 0, students: 0, bySource: [], byFactor: [] };
  try {
    const out = await rows(
      h,
      `SELECT e.amount, e.risk_factors, e.student_id, f.source FROM fund_entries e JOIN funds f ON f.id = e.fund_id WHERE e.school_id = ? AND e.direction = 'out' AND e.entry_date >= ? AND e.entry_date <= ?`,
      [schoolId, t.from, asOf],
    );
    const sources = new Map<string, { amount: number; entries: number }>();
    const factors = new Map<string, { amount: number; entries: number }>();
    const who = new Set<string>();
    for (const e of out) {
      const amount = Number(e.amount);
      aid.total += amount;
      aid.entries++;
      if (e.student_id) who.add(String(e.student_id));
      const src = sources.get(String(e.source)) ?? { amount: 0, entries: 0 };
      src.amount += amount;
      src.entries++;
      sources.set(String(e.source), src);
      const fs = jsonOf<string[]>(e.risk_factors) ?? [];
      for (const f of fs.length > 0 ? fs : ['other']) {
        const x = factors.get(f) ?? { amount: 0, entries: 0 };
        x.amount += amount;
        x.entries++;
        factors.set(f, x);
      }
    }
    aid.students = who.size;
    aid.bySource = [...sources].map(([source, v]) => ({ source, ...v })).sort((a, b) => b.amount - a.amount || a.source.localeCompare(b.source));
    aid.byFactor = [...factors].map(([factor, v]) => ({ factor, ...v })).sort((a, b) => b.amount - a.amount || a.factor.localeCompare(b.factor));
  } catch {
    aid.available = false;
  }

  const beforeAfter = await schoolBeforeAfter(q, schoolId, { from: t.from, to: asOf }, offsetMinutes);
  return {
    term: { ...t, asOf, ended },
    students: { enrolled: (atEnd.get('active') ?? 0) + (atEnd.get('transferred_in') ?? 0), byStatus },
    beforeAfter,
    beforeAfterTotal: { before: beforeAfter.reduce((n, x) => n + x.before, 0), after: beforeAfter.reduce((n, x) => n + x.after, 0) },
    riskChange: { students: improved + unchanged + worsened, improved, unchanged, worsened, start: startCounts, end: endCounts, transitions: transitionList, perStudent },
    satisfaction: { responses: sat.responses, average: sat.responses ? round2(sat.sum / sat.responses) : null, distribution: sat.distribution, byService },
    participation: { byKind },
    aid,
  };
}

/** The report as the dinas receives it: every count through `Disclosure` (1–4 hidden as `<5`, complements hidden), no student named. */
export interface SemesterReportForDinas {
  term: SemesterReport['term'];
  students: { enrolled: PublicCount; byStatus: { status: ReportStatus; atEnd: PublicCount; changed: PublicCount }[] };
  beforeAfter: { factor: string; before: PublicCount; after: PublicCount }[];
  beforeAfterTotal: { before: PublicCount; after: PublicCount };
  riskChange: { students: PublicCount; improved: PublicCount; unchanged: PublicCount; worsened: PublicCount; transitions: { from: RiskLevel; to: RiskLevel; count: PublicCount }[] };
  /** Per service only the count and its average: a distribution per service beside the overall one would be a table of small cells. */
  satisfaction: { responses: PublicCount; average: number | null; distribution: PublicCount[]; byService: { service: string; responses: PublicCount; average: number | null }[] };
  participation: { byKind: { activity: string; students: PublicCount; attended: PublicCount }[] };
  /** Rupiah are not counts of children; the number of entries and students are. */
  aid: { available: boolean; total: number | null; entries: PublicCount; students: PublicCount; bySource: { source: string; amount: number | null; entries: PublicCount }[]; byFactor: { factor: string; amount: number | null; entries: PublicCount }[] };
}

/**
 * Suppresses a semester report for the dinas with the district rules
 * (`Disclosure`: primary `<5`, complementary hiding over each table's
 * relations — a total is the sum of its parts; a part is at most its total).
 * An average or an amount over a hidden count is withheld (null).
 */
export function semesterForDinas(r: SemesterReport): SemesterReportForDinas {
  const d = new Disclosure();
  // Students by status: enrolled = active + transferred in.
  const status = r.students.byStatus.map((s) => ({ status: s.status, atEnd: d.cell(s.atEnd), changed: d.cell(s.changed) }));
  const enrolled = d.cell(r.students.enrolled);
  d.equal(enrolled, status.filter((s) => s.status === 'active' || s.status === 'transferred_in').map((s) => s.atEnd));
  // Before/after: each cell on its own row (after ≤ before).
  const ba = r.beforeAfter.map((x) => {
    const before = d.cell(x.before);
    const after = d.cell(x.after);
    d.atLeast(before, [after], false);
    return { factor: x.factor, before, after };
  });
  const baTotal = { before: d.cell(r.beforeAfterTotal.before), after: d.cell(r.beforeAfterTotal.after) };
  d.equal(baTotal.before, ba.map((x) => x.before));
  d.equal(baTotal.after, ba.map((x) => x.after));
  // Risk change: students = improved + unchanged + worsened = Σ transitions.
  const rc = { students: d.cell(r.riskChange.students), improved: d.cell(r.riskChange.improved), unchanged: d.cell(r.riskChange.unchanged), worsened: d.cell(r.riskChange.worsened) };
  d.equal(rc.students, [rc.improved, rc.unchanged, rc.worsened]);
  const tr = r.riskChange.transitions.map((x) => ({ from: x.from, to: x.to, count: d.cell(x.count) }));
  d.equal(rc.students, tr.map((x) => x.count));
  d.equal(rc.improved, tr.filter((x) => RANK[x.to] < RANK[x.from]).map((x) => x.count));
  d.equal(rc.worsened, tr.filter((x) => RANK[x.to] > RANK[x.from]).map((x) => x.count));
  // Satisfaction: responses = Σ distribution = Σ services (per-service distributions are not published).
  const satAll = d.cell(r.satisfaction.responses);
  const satDist = r.satisfaction.distribution.map((n) => d.cell(n));
  d.equal(satAll, satDist);
  const services = r.satisfaction.byService.map((s) => ({ s, responses: d.cell(s.responses) }));
  d.equal(satAll, services.map((s) => s.responses));
  // Participation: attended ≤ students.
  const part = r.participation.byKind.map((k) => {
    const students = d.cell(k.students);
    const attended = d.cell(k.attended);
    d.atLeast(students, [attended], false);
    return { activity: k.activity, students, attended };
  });
  // Aid: entries per source sum to the total; per factor at least each entry once.
  const aidEntries = d.cell(r.aid.entries);
  const aidStudents = d.cell(r.aid.students);
  const sources = r.aid.bySource.map((x) => ({ x, entries: d.cell(x.entries) }));
  d.equal(aidEntries, sources.map((s) => s.entries));
  const factors = r.aid.byFactor.map((x) => ({ x, entries: d.cell(x.entries) }));
  d.atLeast(aidEntries, factors.map((f) => f.entries));
  d.solve();
  const shown = (id: number) => d.shown(id);
  const avg = (id: number, value: number | null) => (d.isHidden(id) ? null : value);
  return {
    term: r.term,
    students: { enrolled: shown(enrolled), byStatus: status.map((s) => ({ status: s.status, atEnd: shown(s.atEnd), changed: shown(s.changed) })) },
    beforeAfter: ba.map((x) => ({ factor: x.factor, before: shown(x.before), after: shown(x.after) })),
    beforeAfterTotal: { before: shown(baTotal.before), after: shown(baTotal.after) },
    riskChange: { students: shown(rc.students), improved: shown(rc.improved), unchanged: shown(rc.unchanged), worsened: shown(rc.worsened), transitions: tr.map((x) => ({ from: x.from, to: x.to, count: shown(x.count) })) },
    satisfaction: {
      responses: shown(satAll),
      average: avg(satAll, r.satisfaction.average),
      distribution: satDist.map(shown),
      byService: services.map(({ s, responses }) => ({ service: s.service, responses: shown(responses), average: avg(responses, s.average) })),
    },
    participation: { byKind: part.map((p) => ({ activity: p.activity, students: shown(p.students), attended: shown(p.attended) })) },
    aid: {
      available: r.aid.available,
      total: d.isHidden(aidEntries) ? null : r.aid.total,
      entries: shown(aidEntries),
      students: shown(aidStudents),
      bySource: sources.map(({ x, entries }) => ({ source: x.source, amount: d.isHidden(entries) ? null : x.amount, entries: shown(entries) })),
      byFactor: factors.map(({ x, entries }) => ({ factor: x.factor, amount: d.isHidden(entries) ? null : x.amount, entries: shown(entries) })),
    },
  };
}
