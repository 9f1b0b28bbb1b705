/**
 * The school dashboard (kepsek, guru BK): where open cases are, what is
 * overdue, how long steps take, how many cases open and close, and how closed
 * cases ended. Outcomes, not activity.
 */
import type { Localized, StepKind } from '@jalur/engine';
import { tallyOutcomes, type ReportedOutcome } from './outcome.ts';
import type { FactorCount, MonthCount, OutcomeCount, ReportQueries, SavedSchoolFigures, StateCount, StepEventCursor } from './queries.ts';
import { WIB_OFFSET_MINUTES } from './period.ts';
import { SchoolCaseCounts } from './school-cases.ts';
import { StepStayLog, type StepMedian } from './step-stay-log.ts';
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

/**
 * The figures of a school that only change when one of its cases changes:
 * open cases by state and by factor, cases per month, outcomes, step stays.
 * Every change of a case (open, advance, timer, migration, close) appends a
 * `case_events` row, and the log is append-only, so the school's event count
 * is a high-water mark: while it is unchanged these figures are reused and a
 * dashboard reload reads only that count, the overdue tasks (which depend on
 * the clock) and the step titles. After a change the counts are read again
 * (index-only queries) and the step stays are extended by the events
 * appended since (`StepStayLog`), never recomputed from the whole log.
 */
interface EventFigures {
  events: number;
  offsetMinutes: number;
  byState: StateCount[];
  byFactor: FactorCount[];
  months: MonthCount[];
  outcomes: OutcomeCount[];
  /** Median stay per step, taken from the school's stay log when these figures were read. */
  medians: StepMedian[];
}

/** One school's cached figures and its stay log (extended in place, one refresh at a time). */
interface SchoolCache {
  figures: EventFigures | null;
  stays: { log: StepStayLog; cursor: StepEventCursor } | null;
  /** The counts of open cases, months and outcomes, with the row each case was counted from. */
  counts: SchoolCaseCounts | null;
  /** The refresh in flight: a school's refreshes run one after another, so the log is never applied to twice at once. */
  queue: Promise<unknown>;
}

/** Schools whose figures are kept per set of queries (least recently used dropped first). */
const MAX_SCHOOLS = 256;
const cacheByQueries = new WeakMap<ReportQueries, Map<string, SchoolCache>>();

function schoolCache(q: ReportQueries, schoolId: string): SchoolCache {
  let bySchool = cacheByQueries.get(q);
  if (!bySchool) cacheByQueries.set(q, (bySchool = new Map()));
  let entry = bySchool.get(schoolId);
  if (entry) bySchool.delete(schoolId);
  else entry = { figures: null, stays: null, counts: null, queue: Promise.resolve() };
  bySchool.set(schoolId, entry);
  if (bySchool.size > MAX_SCHOOLS) bySchool.delete(bySchool.keys().next().value!);
  return entry;
}

/**
 * The stay log extended by the events appended since it was read, and the cases those events belong to
 * (`changed`); rebuilt from every event when that cannot be told (`changed` null).
 */
async function freshStays(q: ReportQueries, schoolId: string, known: SchoolCache['stays']): Promise<{ stays: NonNullable<SchoolCache['stays']>; changed: Set<string> | null }> {
  if (known) {
    const batch = await q.stepEventsAfter(schoolId, { cursor: known.cursor, events: known.log.events, lastSeqs: () => known.log.lastSeqs() });
    if (batch && known.log.apply(batch.rows, true)) return { stays: { log: known.log, cursor: batch.cursor }, changed: new Set(batch.rows.map((r) => r[0])) };
  }
  const all = await q.stepEventsAfter(schoolId, null);
  if (!all) throw new Error('stepEventsAfter(null) must answer every event');
  const log = new StepStayLog();
  log.apply(all.rows, false);
  return { stays: { log, cursor: all.cursor }, changed: null };
}

/** Every case of the school counted from scratch. */
async function allCases(q: ReportQueries, schoolId: string, offsetMinutes: number): Promise<SchoolCaseCounts> {
  const counts = new SchoolCaseCounts(offsetMinutes);
  counts.apply(await q.schoolCases(schoolId, null));
  return counts;
}

/**
 * The shape of the figures saved in `school_dashboard_figures`: bump it when
 * `SavedFigures` or the way any of them is counted changes, so rows saved by
 * an older build are counted again instead of being shown.
 */
export const FIGURES_FORMAT = 1;
type SavedFigures = Pick<EventFigures, 'byState' | 'byFactor' | 'months' | 'outcomes' | 'medians'>;

/** Saved figures that are current (same event count, offset and format), or null. */
function restored(saved: SavedSchoolFigures | null, events: number, offsetMinutes: number): EventFigures | null {
  if (!saved || saved.events !== events || saved.offsetMinutes !== offsetMinutes || saved.format !== FIGURES_FORMAT) return null;
  const f = saved.figures as Partial<SavedFigures> | null;
  if (!f || !Array.isArray(f.byState) || !Array.isArray(f.byFactor) || !Array.isArray(f.months) || !Array.isArray(f.outcomes) || !Array.isArray(f.medians)) return null;
  return { events, offsetMinutes, byState: f.byState, byFactor: f.byFactor, months: f.months, outcomes: f.outcomes, medians: f.medians };
}

/**
 * Saves freshly counted figures for the next process (the first load after a
 * restart reads them instead of counting), after the answer and outside any
 * transaction the counts were read in; the driver writes them only while the
 * school's event count is still theirs. A failed save only costs a count later.
 */
function keep(q: ReportQueries, schoolId: string, figures: EventFigures): void {
  if (!q.saveSchoolFigures) return;
  const { events, offsetMinutes, byState, byFactor, months, outcomes, medians } = figures;
  const saved: SavedSchoolFigures = { events, offsetMinutes, format: FIGURES_FORMAT, figures: { byState, byFactor, months, outcomes, medians } satisfies SavedFigures };
  setImmediate(() => void q.saveSchoolFigures!(schoolId, saved).catch(() => undefined));
}

async function refresh(q: ReportQueries, schoolId: string, offsetMinutes: number, entry: SchoolCache): Promise<EventFigures> {
  // A school's first load in this process may use the figures a previous process saved.
  const first = !entry.figures && !entry.stays && !!q.savedSchoolFigures;
  // Read the mark first: figures read after it are at least as new, so a race only costs another refresh.
  const [events, saved] = await Promise.all([q.stepEventCount(schoolId), first ? q.savedSchoolFigures!(schoolId).catch(() => null) : null]);
  const cached = entry.figures;
  if (cached && cached.events === events && cached.offsetMinutes === offsetMinutes) return cached;
  const restoredFigures = first ? restored(saved, events, offsetMinutes) : null;
  if (restoredFigures) {
    // No stay log or case counts yet: the first change after this reads everything once, as a first load did.
    entry.figures = restoredFigures;
    return restoredFigures;
  }
  // Until this refresh succeeds the log and counts may be half-applied: a failure leaves none, and the next refresh rebuilds them.
  const known = entry.stays;
  const knownCounts = entry.counts?.offsetMinutes === offsetMinutes ? entry.counts : null;
  entry.stays = null;
  entry.counts = null;
  if (!known) {
    // A school's first load (e.g. after a restart): the index-only grouped counts, cheaper than every case's row;
    // the case-by-case counts are built at its first change.
    const scope = { kind: 'school', schoolId } as const;
    const [byState, byFactor, months, outcomes, fresh] = await Promise.all([
      q.openByState(scope), q.openByFactor(scope), q.casesPerMonth(scope, offsetMinutes), q.outcomes(scope), freshStays(q, schoolId, null),
    ]);
    entry.stays = fresh.stays;
    const figures: EventFigures = { events, offsetMinutes, byState, byFactor, months, outcomes, medians: fresh.stays.log.medians() };
    entry.figures = figures;
    keep(q, schoolId, figures);
    return figures;
  }
  let counts: SchoolCaseCounts;
  let stays: NonNullable<SchoolCache['stays']>;
  if (knownCounts) {
    // After a change: the new events name the cases that changed; only those are read again.
    const fresh = await freshStays(q, schoolId, known);
    stays = fresh.stays;
    if (fresh.changed) {
      if (fresh.changed.size > 0) knownCounts.apply(await q.schoolCases(schoolId, [...fresh.changed]));
      counts = knownCounts;
    } else counts = await allCases(q, schoolId, offsetMinutes);
  } else {
    const [c, fresh] = await Promise.all([allCases(q, schoolId, offsetMinutes), freshStays(q, schoolId, known)]);
    counts = c;
    stays = fresh.stays;
  }
  entry.stays = stays;
  entry.counts = counts;
  const figures: EventFigures = { events, offsetMinutes, ...counts.figures(schoolId), medians: stays.log.medians() };
  entry.figures = figures;
  keep(q, schoolId, figures);
  return figures;
}

/** A school's event-derived figures, refreshed only when events were appended since the last call. */
export function schoolEventFigures(q: ReportQueries, schoolId: string, offsetMinutes = WIB_OFFSET_MINUTES): Promise<EventFigures> {
  const entry = schoolCache(q, schoolId);
  const run = entry.queue.then(() => refresh(q, schoolId, offsetMinutes, entry));
  entry.queue = run.catch(() => undefined);
  return run;
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
  const [{ byState, byFactor, months, outcomes, medians }, overdue, docs] = await Promise.all([
    schoolEventFigures(q, schoolId, offsetMinutes),
    q.overdueTasks(scope, now.getTime()),
    q.schoolDocuments(schoolId),
  ]);
  const labels = mergedStepLabels(docs);
  const stepRow = (stateId: string, count: number): StepCountRow => ({ stateId, ...labelOf(labels, stateId), count });

  const medianTimePerStep: StepDurationRow[] = [];
  for (const { stateId, medianMs, stays } of medians) {
    medianTimePerStep.push({ stateId, ...labelOf(labels, stateId), medianDays: Math.round((medianMs / DAY_MS) * 10) / 10, stays });
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
