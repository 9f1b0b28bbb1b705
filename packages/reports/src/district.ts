/**
 * District aggregates (admin_dinas): the school dashboard's counts across
 * schools, per school and district-wide, de-identified. Nothing here carries a
 * student's name or id (the query layer returns none), and every count is
 * passed through {@link suppressCount} (school rows) or {@link districtCell}
 * (district-wide row) before it leaves this module, so the API cannot publish
 * a small count by accident, nor one that subtracting the other schools from
 * the district total would give back.
 */
import type { Localized } from '@jalur/engine';
import { beforeAfterRows } from './before-after.ts';
import { REPORTED_OUTCOMES, reportedOutcome, type ReportedOutcome } from './outcome.ts';
import { monthAligned, periodBounds, WIB_OFFSET_MINUTES, type Period } from './period.ts';
import type { ReportQueries, ReportScope } from './queries.ts';
import { mergedStepLabels } from './steps.ts';
import { countsPerLeaf } from './summary.ts';
import { SUPPRESSION_THRESHOLD, suppressCount, suppressedRate, type PublicCount } from './suppress.ts';

export interface PublicOutcome {
  count: PublicCount;
  /** Share of closed cases, null when suppressed. */
  rate: number | null;
}

/** The figures of one school, or of the whole district (`school: null`). */
export interface AggregateBlock {
  school: { id: string; name: string } | null;
  openCases: PublicCount;
  closedCases: PublicCount;
  openByStep: { stateId: string; title: Localized; count: PublicCount }[];
  openByFactor: { factor: string; count: PublicCount }[];
  outcomes: Record<ReportedOutcome, PublicOutcome>;
  beforeAfter: { factor: string; before: PublicCount; after: PublicCount }[];
}

/** `GET /api/district/aggregates`. */
export interface DistrictAggregates {
  generatedAt: string;
  /** The period actually counted: the one asked for, widened to whole months. */
  period: Period;
  /** Counts from 1 to 4 are shown as "<5". */
  suppression: { threshold: 5; marker: '<5' };
  district: AggregateBlock;
  schools: AggregateBlock[];
}

interface Raw {
  states: { stateValue: string; count: number }[];
  factors: Map<string, number>;
  outcomes: Map<ReportedOutcome, number>;
  beforeAfter: { factor: string; before: number; after: number }[];
}

const emptyRaw = (): Raw => ({ states: [], factors: new Map(), outcomes: new Map(), beforeAfter: [] });

/** Every count of a block as flat cells (`open`, `step:<id>`, `factor:<f>`, `outcome:<o>`, `ba:<f>:before`, …). */
function cellsOf(raw: Raw): Map<string, number> {
  const cells = new Map<string, number>();
  cells.set('open', raw.states.reduce((n, r) => n + r.count, 0));
  cells.set('closed', [...raw.outcomes.values()].reduce((n, c) => n + c, 0));
  for (const [stateId, n] of countsPerLeaf(raw.states)) cells.set(`step:${stateId}`, n);
  for (const [factor, n] of raw.factors) cells.set(`factor:${factor}`, n);
  for (const o of REPORTED_OUTCOMES) cells.set(`outcome:${o}`, raw.outcomes.get(o) ?? 0);
  for (const r of beforeAfterRows(raw.beforeAfter)) {
    cells.set(`ba:${r.factor}:before`, r.before);
    cells.set(`ba:${r.factor}:after`, r.after);
  }
  return cells;
}

/**
 * A district-wide cell that cannot be differenced back to a suppressed
 * school: schools' counts of 5 and more are summed exactly; the counts
 * suppressed in the school rows are added as their sum rounded up to a
 * multiple of 5. With one suppressed school, "total − the other schools"
 * gives 5 (or 10…), never the hidden 1–4. A total under 5 is itself `"<5"`.
 */
export function districtCell(schoolCounts: readonly number[]): PublicCount {
  let shown = 0;
  let hidden = 0;
  for (const n of schoolCounts) {
    if (suppressCount(n) === '<5') hidden += n;
    else shown += n;
  }
  const total = shown + hidden;
  if (suppressCount(total) === '<5') return '<5';
  return hidden === 0 ? total : shown + Math.ceil(hidden / SUPPRESSION_THRESHOLD) * SUPPRESSION_THRESHOLD;
}

/** Builds a published block from its cells, each made public by `cell`. */
function publish(raw: Raw, school: AggregateBlock['school'], labels: Map<string, { title: Localized }>, cell: (key: string) => PublicCount): AggregateBlock {
  const num = (c: PublicCount): number => (c === '<5' ? 0 : c);
  const closed = cell('closed');
  const outcomes = Object.fromEntries(
    REPORTED_OUTCOMES.map((o) => {
      const n = cell(`outcome:${o}`);
      // Rates from the published counts only: a rate never reveals more than its counts.
      const rate = n === '<5' || closed === '<5' ? null : suppressedRate(num(n), num(closed));
      return [o, { count: n, rate }];
    }),
  ) as Record<ReportedOutcome, PublicOutcome>;
  const order = (a: [string, number], b: [string, number]) => b[1] - a[1];
  return {
    school,
    openCases: cell('open'),
    closedCases: closed,
    openByStep: [...countsPerLeaf(raw.states)].sort(order).map(([stateId]) => ({ stateId, title: labels.get(stateId)?.title ?? { id: stateId }, count: cell(`step:${stateId}`) })),
    openByFactor: [...raw.factors].sort(order).map(([factor]) => ({ factor, count: cell(`factor:${factor}`) })),
    outcomes,
    beforeAfter: beforeAfterRows(raw.beforeAfter).map((r) => ({ factor: r.factor, before: cell(`ba:${r.factor}:before`), after: cell(`ba:${r.factor}:after`) })),
  };
}

/**
 * Aggregates for a district (every school, or only `schoolId`), with the
 * district-wide block computed from the raw counts before suppression.
 */
export async function districtAggregates(
  q: ReportQueries,
  input: { districtId: string; schoolId?: string | null; period: Period; now: Date; offsetMinutes?: number },
): Promise<DistrictAggregates> {
  const scope: ReportScope = { kind: 'district', districtId: input.districtId, schoolId: input.schoolId ?? null };
  const period = monthAligned(input.period);
  const { start, endExclusive } = periodBounds(period, input.offsetMinutes ?? WIB_OFFSET_MINUTES);
  const [schools, states, factors, outcomes, ba, docs] = await Promise.all([
    q.districtSchools(input.districtId),
    q.openByState(scope),
    q.openByFactor(scope),
    q.outcomes(scope),
    q.beforeAfter(scope, start, endExclusive),
    q.templateDocuments(input.districtId),
  ]);
  const labels = mergedStepLabels(docs);
  const listed = input.schoolId ? schools.filter((s) => s.id === input.schoolId) : schools;
  const perSchool = new Map(listed.map((s) => [s.id, emptyRaw()]));
  const all = emptyRaw();
  const add = (m: Map<string, number>, k: string, n: number) => m.set(k, (m.get(k) ?? 0) + n);
  for (const r of states) {
    perSchool.get(r.schoolId)?.states.push(r);
    all.states.push(r);
  }
  for (const r of factors) {
    const s = perSchool.get(r.schoolId);
    if (s) add(s.factors, r.factor, r.count);
    add(all.factors, r.factor, r.count);
  }
  for (const r of outcomes) {
    const o = reportedOutcome(r.outcome);
    const s = perSchool.get(r.schoolId);
    if (s) s.outcomes.set(o, (s.outcomes.get(o) ?? 0) + r.count);
    all.outcomes.set(o, (all.outcomes.get(o) ?? 0) + r.count);
  }
  for (const r of ba) {
    perSchool.get(r.schoolId)?.beforeAfter.push(r);
    all.beforeAfter.push(r);
  }
  const schoolCells = listed.map((s) => cellsOf(perSchool.get(s.id) ?? emptyRaw()));
  return {
    generatedAt: input.now.toISOString(),
    period,
    suppression: { threshold: 5, marker: '<5' },
    district: publish(all, null, labels, (key) => districtCell(schoolCells.map((c) => c.get(key) ?? 0))),
    schools: listed.map((s, i) => publish(perSchool.get(s.id) ?? emptyRaw(), { id: s.id, name: s.name }, labels, (key) => suppressCount(schoolCells[i]!.get(key) ?? 0))),
  };
}
