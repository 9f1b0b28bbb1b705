/**
 * District figures kept current by incremental materialisation (issue 17):
 * the district answer over 1M cases no longer scans them per request. Per
 * school the rollup keeps its open cases per state, closed cases per outcome,
 * and per risk factor one compact span per case (student, months at risk) —
 * enough to answer "before/after" for any whole-month period without SQL.
 *
 * Kept current like the school dashboard's `StepStayLog`: every change of a
 * case appends a `case_events` row and the log is append-only, so a refresh
 * asks the driver which schools have events since its last mark
 * (`districtChanges`: SQLite by rowid, PostgreSQL by each school's event
 * count) and reads those schools again (`schoolCaseFacts`, index-only, a few
 * ms each); the other schools' figures are reused. Nothing is written: the
 * rollup is in memory, per set of report queries (per open database) and
 * district, so erasure, backup and restore are untouched and a restart
 * rebuilds it on the first district request.
 */
import { reportedOutcome, type ReportedOutcome } from './outcome.ts';
import { WIB_OFFSET_MINUTES } from './period.ts';
import type { DistrictMark, ReportQueries, SchoolCaseFacts } from './queries.ts';

/** A month as `year·12 + month−1` (school time). */
export type MonthIndex = number;
/** "Not closed": a month after any period. */
export const OPEN_MONTH = 1 << 30;

/**
 * The month index of an instant in school time (proleptic Gregorian; integer
 * arithmetic, no `Date` object: a rollup build converts millions of instants).
 */
export function monthIndexOf(at: number, offsetMinutes = WIB_OFFSET_MINUTES): MonthIndex {
  // Days since 0000-03-01, then year and month of the March-based year (H. Hinnant's civil_from_days).
  const z = Math.floor((at + offsetMinutes * 60_000) / 86_400_000) + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 2 : mp - 10;
  const year = yoe + era * 400 + (month < 2 ? 1 : 0);
  return year * 12 + month;
}

/** The month index of a `YYYY-MM-DD` date. */
export function monthIndexOfDate(date: string): MonthIndex {
  return Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
}

/**
 * One risk factor of one school: the number of open cases that have it today,
 * and per interval it held on a case a span `[student, x, y, z]` — `x` the
 * month the student became at risk for it (`max(opened_at, since)`), `y` the
 * last month at risk (`to − 1 ms`, `to = min(closed_at, until)`), `z` the month
 * of `to` (both {@link OPEN_MONTH} while it has no end) — grouped by student.
 */
export interface FactorFacts {
  open: number;
  spans: Int32Array;
}

/** What the district answer needs of one school. */
export interface SchoolFacts {
  byState: { stateValue: string; count: number }[];
  outcomes: Map<ReportedOutcome, number>;
  factors: Map<string, FactorFacts>;
}

/** Builds a school's facts from its rows (student ids become small integers, then are dropped). */
export function schoolFactsOf(raw: SchoolCaseFacts, offsetMinutes = WIB_OFFSET_MINUTES): SchoolFacts {
  const outcomes = new Map<ReportedOutcome, number>();
  for (const r of raw.outcomes) {
    const o = reportedOutcome(r.outcome);
    outcomes.set(o, (outcomes.get(o) ?? 0) + r.count);
  }
  const byFactor = new Map<string, { open: number; rows: [number, number, number, number][] }>();
  const students = new Map<string, number>();
  for (const [factor, student, active, from, to] of raw.risk) {
    let f = byFactor.get(factor);
    if (!f) byFactor.set(factor, (f = { open: 0, rows: [] }));
    if (active) f.open++;
    let s = students.get(student);
    if (s === undefined) students.set(student, (s = students.size));
    const x = monthIndexOf(from, offsetMinutes);
    const y = to === null ? OPEN_MONTH : monthIndexOf(to - 1, offsetMinutes);
    const z = to === null ? OPEN_MONTH : monthIndexOf(to, offsetMinutes);
    f.rows.push([s, x, y, z]);
  }
  const factors = new Map<string, FactorFacts>();
  for (const [factor, f] of byFactor) {
    f.rows.sort((a, b) => a[0] - b[0]);
    const spans = new Int32Array(f.rows.length * 4);
    f.rows.forEach((r, i) => spans.set(r, i * 4));
    factors.set(factor, { open: f.open, spans });
  }
  return { byState: raw.byState.map((r) => ({ stateValue: r.stateValue, count: r.count })), outcomes, factors };
}

/** Students at risk for a factor over the months `[a, b]`. */
export interface RiskCounts {
  /** Distinct students at risk at some instant of the whole period (the "before" of `[a, b]`). */
  before: number;
  /** Per month m of the period (index m − a): distinct students at risk at some instant of m. */
  beforeByMonth: Int32Array;
  /** Per month m: distinct students at risk at the last instant of m (the "after" of a period ending with m). */
  afterByMonth: Int32Array;
}

/** Interval buffers (pairs lo, hi) reused by every call: no allocation per student. */
let bufB: Int32Array = new Int32Array(64);
let bufA: Int32Array = new Int32Array(64);

/** Adds the union of `n` intervals of `buf` (pairs) to a difference array indexed from `a`. */
function addUnion(diff: Int32Array, buf: Int32Array, n: number, a: number): void {
  if (n === 1) {
    diff[buf[0]! - a]!++;
    diff[buf[1]! - a + 1]!--;
    return;
  }
  // Insertion sort by start (a student has a handful of cases).
  for (let i = 1; i < n; i++) {
    const lo = buf[2 * i]!;
    const hi = buf[2 * i + 1]!;
    let j = i - 1;
    while (j >= 0 && buf[2 * j]! > lo) {
      buf[2 * j + 2] = buf[2 * j]!;
      buf[2 * j + 3] = buf[2 * j + 1]!;
      j--;
    }
    buf[2 * j + 2] = lo;
    buf[2 * j + 3] = hi;
  }
  let lo = buf[0]!;
  let hi = buf[1]!;
  for (let i = 1; i < n; i++) {
    const l = buf[2 * i]!;
    const h = buf[2 * i + 1]!;
    if (l <= hi + 1) hi = Math.max(hi, h);
    else {
      diff[lo - a]!++;
      diff[hi - a + 1]!--;
      lo = l;
      hi = h;
    }
  }
  diff[lo - a]!++;
  diff[hi - a + 1]!--;
}

/** Counts already computed, per factor's facts (replaced whenever its school changes) and period. */
const countsCache = new WeakMap<FactorFacts, Map<number, RiskCounts>>();
const NO_SPANS: FactorFacts = { open: 0, spans: new Int32Array(0) };

/**
 * The before/after counts of one factor of one school over `[a, b]` (month
 * indexes), from its spans. The same definitions as the SQL of
 * `before-after.ts`: at risk at instant T ⇔ max(opened, since) ≤ T <
 * min(closed, until); a student with several cases (or intervals) of the
 * factor counts once. Kept per facts and period:
 * after a case change only the changed school's counts are computed again.
 */
export function riskCounts(f: FactorFacts | undefined, a: MonthIndex, b: MonthIndex): RiskCounts {
  const facts = f ?? NO_SPANS;
  let cache = countsCache.get(facts);
  if (!cache) countsCache.set(facts, (cache = new Map()));
  const key = a * 1_000_000 + b;
  let out = cache.get(key);
  if (!out) {
    if (cache.size >= 16) cache.clear();
    cache.set(key, (out = computeRiskCounts(facts.spans, a, b)));
  }
  return out;
}

function computeRiskCounts(spans: Int32Array, a: MonthIndex, b: MonthIndex): RiskCounts {
  const len = b - a + 1;
  const diffB = new Int32Array(len + 1);
  const diffA = new Int32Array(len + 1);
  let before = 0;
  const n = spans.length >> 2;
  for (let i = 0; i < n; ) {
    const student = spans[i * 4]!;
    let inPeriod = false;
    let nB = 0;
    let nA = 0;
    let j = i;
    for (; j < n && spans[j * 4] === student; j++) {
      const x = spans[j * 4 + 1]!;
      const y = spans[j * 4 + 2]!;
      const z = spans[j * 4 + 3]!;
      // At risk from before the period's end until after its start (as the SQL says it).
      if (x <= b && y >= a) inPeriod = true;
      const bl = x > a ? x : a;
      const bh = y < b ? y : b;
      if (bl <= bh) {
        if (2 * nB + 2 > bufB.length) bufB = grow(bufB);
        bufB[2 * nB] = bl;
        bufB[2 * nB + 1] = bh;
        nB++;
      }
      const ah = z - 1 < b ? z - 1 : b;
      if (bl <= ah) {
        if (2 * nA + 2 > bufA.length) bufA = grow(bufA);
        bufA[2 * nA] = bl;
        bufA[2 * nA + 1] = ah;
        nA++;
      }
    }
    if (inPeriod) before++;
    if (nB > 0) addUnion(diffB, bufB, nB, a);
    if (nA > 0) addUnion(diffA, bufA, nA, a);
    i = j;
  }
  const beforeByMonth = new Int32Array(len);
  const afterByMonth = new Int32Array(len);
  let sb = 0;
  let sa = 0;
  for (let m = 0; m < len; m++) {
    sb += diffB[m]!;
    sa += diffA[m]!;
    beforeByMonth[m] = sb;
    afterByMonth[m] = sa;
  }
  return { before, beforeByMonth, afterByMonth };
}

function grow(buf: Int32Array): Int32Array {
  const next = new Int32Array(buf.length * 2);
  next.set(buf);
  return next;
}

/** The district's schools and their facts, at one moment of the rollup. */
export interface DistrictFacts {
  schools: { id: string; name: string }[];
  bySchool: Map<string, SchoolFacts>;
  /** Changes whenever any school's facts change (for caches of what is derived from them). */
  version: number;
}

interface Rollup {
  offsetMinutes: number;
  mark: DistrictMark | null;
  bySchool: Map<string, SchoolFacts>;
  /** Schools read while a write transaction of the connection was open: read again once it settles. */
  unsettled: Set<string>;
  facts: DistrictFacts | null;
  queue: Promise<unknown>;
}

const rollups = new WeakMap<ReportQueries, Map<string, Rollup>>();
let versions = 0;

/** How many schools the last refresh of each rollup read (for tests and the bench: 0 when nothing changed). */
export const rollupReads = new WeakMap<ReportQueries, number>();

async function refresh(q: ReportQueries, districtId: string, r: Rollup): Promise<DistrictFacts> {
  const changes = await q.districtChanges(districtId, r.mark);
  const schools = await q.districtSchools(districtId);
  const toRead = new Set<string>();
  for (const s of schools) {
    if (changes.schools === null || !r.bySchool.has(s.id) || r.unsettled.has(s.id)) toRead.add(s.id);
  }
  if (changes.schools !== null) for (const id of changes.schools) toRead.add(id);
  const listed = new Set(schools.map((s) => s.id));
  for (const id of [...r.bySchool.keys()]) if (!listed.has(id)) r.bySchool.delete(id);
  let read = 0;
  for (const id of toRead) {
    if (!listed.has(id)) continue;
    r.bySchool.set(id, schoolFactsOf(await q.schoolCaseFacts(id), r.offsetMinutes));
    read++;
  }
  rollupReads.set(q, read);
  if (changes.settled) {
    r.unsettled.clear();
    r.mark = changes.mark;
  } else {
    // Keep the old mark: the rows past it are read again once the transaction has settled.
    for (const id of toRead) r.unsettled.add(id);
  }
  const sameSchools = r.facts !== null && r.facts.schools.length === schools.length && r.facts.schools.every((s, i) => s.id === schools[i]!.id && s.name === schools[i]!.name);
  // A new map per version: an answer being computed from the previous facts never sees a later refresh.
  if (read > 0 || !sameSchools || r.facts === null) r.facts = { schools, bySchool: new Map(r.bySchool), version: ++versions };
  return r.facts;
}

/**
 * The district's facts, brought up to date with the changes since the last
 * call (the first call of a process reads every school). Refreshes of one
 * district run one after another.
 */
export function districtFacts(q: ReportQueries, districtId: string, offsetMinutes = WIB_OFFSET_MINUTES): Promise<DistrictFacts> {
  let byDistrict = rollups.get(q);
  if (!byDistrict) rollups.set(q, (byDistrict = new Map()));
  let r = byDistrict.get(districtId);
  if (!r || r.offsetMinutes !== offsetMinutes) {
    r = { offsetMinutes, mark: null, bySchool: new Map(), unsettled: new Set(), facts: null, queue: Promise.resolve() };
    byDistrict.set(districtId, r);
  }
  const rollup = r;
  const run = rollup.queue.then(() => refresh(q, districtId, rollup));
  rollup.queue = run.catch(() => {
    // A failed refresh may have read half the schools: the next one reads every school.
    rollup.mark = null;
  });
  return run;
}
