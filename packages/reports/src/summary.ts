/**
 * The school dashboard (kepsek, guru BK): where open cases are, what is
 * overdue, how long steps take, how many cases open and close, and how closed
 * cases ended. Outcomes, not activity.
 */
import type { Localized, StepKind } from '@jalur/engine';
import { tallyOutcomes, type ReportedOutcome } from './outcome.ts';
import type { ReportQueries } from './queries.ts';
import { WIB_OFFSET_MINUTES } from './period.ts';
import { median } from './stats.ts';
import { stepStays } from './step-durations.ts';
import { leavesOf, mergedStepLabels, type StepLabel } from './steps.ts';

const DAY_MS = 86_400_000;

export interface StepCountRow {
  stateId: string;
  title: Localized;
  kind: StepKind | null;
  count: number;
}

export interface StepDurationRow {
  stateId: string;
  title: Localized;
  kind: StepKind | null;
  /** Median days in the step over finished stays (1 decimal). */
  medianDays: number;
  /** How many finished stays the median is over. */
  stays: number;
}

/** `GET /api/reports/summary`. */
export interface SchoolSummary {
  generatedAt: string;
  openCases: number;
  closedCases: number;
  /** Open cases per active step (a case in parallel steps counts in each). */
  openByStep: StepCountRow[];
  openByFactor: { factor: string; count: number }[];
  overdueTasks: { total: number; byStep: StepCountRow[] };
  medianTimePerStep: StepDurationRow[];
  /** Cases opened and closed per month (`YYYY-MM`, school time). */
  casesPerMonth: { month: string; opened: number; closed: number }[];
  outcomes: Record<ReportedOutcome, number>;
}

/** Step stays per school, reused while the school's event count is unchanged (the log is append-only). */
const staysCache = new WeakMap<ReportQueries, Map<string, { events: number; stays: Map<string, number[]> }>>();

/** Step stays of a school: recomputed only when events were appended since the last call. */
export async function schoolStepStays(q: ReportQueries, schoolId: string): Promise<Map<string, number[]>> {
  let bySchool = staysCache.get(q);
  if (!bySchool) staysCache.set(q, (bySchool = new Map()));
  const events = await q.stepEventCount(schoolId);
  const cached = bySchool.get(schoolId);
  if (cached && cached.events === events) return cached.stays;
  const stays = stepStays(await q.stepEvents(schoolId));
  bySchool.set(schoolId, { events, stays });
  return stays;
}

const labelOf = (labels: Map<string, StepLabel>, stateId: string): StepLabel => labels.get(stateId) ?? { title: { id: stateId }, kind: null };

/** Sums counts keyed by stored state values into counts per leaf step. */
export function countsPerLeaf(rows: readonly { stateValue: string; count: number }[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of rows) for (const leaf of leavesOf(r.stateValue)) out.set(leaf, (out.get(leaf) ?? 0) + r.count);
  return out;
}

/** Highest count first; ties by key, so the order never depends on row order (dialects group differently). */
const byCountDesc = <T extends { count: number; stateId?: string; factor?: string }>(a: T, b: T): number =>
  b.count - a.count || byKey(a.stateId ?? a.factor ?? '', b.stateId ?? b.factor ?? '');
const byKey = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Builds the dashboard of one school. */
export async function schoolSummary(q: ReportQueries, schoolId: string, now: Date, offsetMinutes = WIB_OFFSET_MINUTES): Promise<SchoolSummary> {
  const scope = { kind: 'school', schoolId } as const;
  const [byState, byFactor, overdue, months, outcomes, stays, docs] = await Promise.all([
    q.openByState(scope),
    q.openByFactor(scope),
    q.overdueTasks(scope, now.getTime()),
    q.casesPerMonth(scope, offsetMinutes),
    q.outcomes(scope),
    schoolStepStays(q, schoolId),
    q.schoolDocuments(schoolId),
  ]);
  const labels = mergedStepLabels(docs);
  const stepRow = (stateId: string, count: number): StepCountRow => ({ stateId, ...labelOf(labels, stateId), count });

  const medianTimePerStep: StepDurationRow[] = [];
  for (const [stateId, list] of stays) {
    const m = median(list);
    if (m === null) continue;
    medianTimePerStep.push({ stateId, ...labelOf(labels, stateId), medianDays: Math.round((m / DAY_MS) * 10) / 10, stays: list.length });
  }
  medianTimePerStep.sort((a, b) => b.medianDays - a.medianDays || byKey(a.stateId, b.stateId));
  const outcomeTally = tallyOutcomes(outcomes);

  return {
    generatedAt: now.toISOString(),
    openCases: byState.reduce((n, r) => n + r.count, 0),
    closedCases: outcomes.reduce((n, r) => n + r.count, 0),
    openByStep: [...countsPerLeaf(byState)].map(([s, n]) => stepRow(s, n)).sort(byCountDesc),
    openByFactor: byFactor.map((r) => ({ factor: r.factor, count: r.count })).sort(byCountDesc),
    overdueTasks: {
      total: overdue.reduce((n, r) => n + r.count, 0),
      byStep: overdue.map((r) => stepRow(r.stateId, r.count)).sort(byCountDesc),
    },
    medianTimePerStep,
    casesPerMonth: months.map(({ month, opened, closed }) => ({ month, opened, closed })),
    outcomes: outcomeTally,
  };
}
