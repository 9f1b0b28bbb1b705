/**
 * District aggregates (admin_dinas): the school dashboard's counts across
 * schools, per school and district-wide, de-identified. Nothing here carries a
 * student's name or id (the query layer returns none), and every count is
 * passed through {@link suppressCount} before it leaves this module, so the
 * API cannot publish a small count by accident.
 */
import type { Localized } from '@jalur/engine';
import { beforeAfterRows } from './before-after.ts';
import { REPORTED_OUTCOMES, reportedOutcome, type ReportedOutcome } from './outcome.ts';
import { periodBounds, WIB_OFFSET_MINUTES, type Period } from './period.ts';
import type { ReportQueries, ReportScope } from './queries.ts';
import { mergedStepLabels } from './steps.ts';
import { countsPerLeaf } from './summary.ts';
import { suppressCount, suppressedRate, type PublicCount } from './suppress.ts';

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

function publish(raw: Raw, school: AggregateBlock['school'], labels: Map<string, { title: Localized }>): AggregateBlock {
  const open = raw.states.reduce((n, r) => n + r.count, 0);
  const closed = [...raw.outcomes.values()].reduce((n, c) => n + c, 0);
  const outcomes = Object.fromEntries(
    REPORTED_OUTCOMES.map((o) => {
      const n = raw.outcomes.get(o) ?? 0;
      return [o, { count: suppressCount(n), rate: suppressedRate(n, closed) }];
    }),
  ) as Record<ReportedOutcome, PublicOutcome>;
  return {
    school,
    openCases: suppressCount(open),
    closedCases: suppressCount(closed),
    openByStep: [...countsPerLeaf(raw.states)]
      .sort((a, b) => b[1] - a[1])
      .map(([stateId, n]) => ({ stateId, title: labels.get(stateId)?.title ?? { id: stateId }, count: suppressCount(n) })),
    openByFactor: [...raw.factors]
      .sort((a, b) => b[1] - a[1])
      .map(([factor, n]) => ({ factor, count: suppressCount(n) })),
    outcomes,
    beforeAfter: beforeAfterRows(raw.beforeAfter).map((r) => ({ factor: r.factor, before: suppressCount(r.before), after: suppressCount(r.after) })),
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
  const { start, endExclusive } = periodBounds(input.period, input.offsetMinutes ?? WIB_OFFSET_MINUTES);
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
  return {
    generatedAt: input.now.toISOString(),
    period: input.period,
    suppression: { threshold: 5, marker: '<5' },
    district: publish(all, null, labels),
    schools: listed.map((s) => publish(perSchool.get(s.id) ?? emptyRaw(), { id: s.id, name: s.name }, labels)),
  };
}
