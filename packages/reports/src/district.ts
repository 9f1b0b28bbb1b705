/**
 * District aggregates (admin_dinas): the school dashboard's counts across
 * schools, per school and district-wide, de-identified. Nothing here carries a
 * student's name or id (the rollup keeps none past its own query), and every
 * count leaves this module through a {@link Disclosure}: counts of 1–4 are
 * `"<5"`, and complementary cells are hidden (`"≥5"`, or `"<5"` for a zero)
 * so that no `"<5"` can be worked out by arithmetic —
 *
 * - within one answer: a district cell is the sum of its schools' cells, a
 *   school's closed cases the sum of its outcomes, open cases at most the sum
 *   of the steps and of the factors they are counted in (and at least each);
 * - across periods: the "after" of a period is the "after" of its last month,
 *   and for adjacent periods L, R: before(L) + before(R) − before(L ∪ R) =
 *   the students at risk across the boundary (the "after" of L's last month,
 *   when no student's cases leave a gap). So a row (school or district) hidden
 *   in the before-column of any month of the period, or in the after-column of
 *   any month boundary inside it, is hidden in the period's before-column too;
 *   the month columns themselves are suppressed on their own, so every answer
 *   hides the same cells for the same figures.
 *
 * Shares come from published counts only (null when either is hidden), and
 * rows are ordered by what is published, never by a hidden count.
 * A before-column's hidden cells state no bound (`"x"`): with `"≥5"`, `"<5" +
 * "<5" − "≥5"` would cap the students at risk across a boundary at 3.
 * `disclosure.test.ts` checks all of this against a reader who solves every
 * relation of every whole-month period of a window together.
 */
import type { Localized } from '@jalur/engine';
import { beforeAfterRows, CORE_FACTORS } from './before-after.ts';
import { byPublished, CONCEALED, Disclosure, publishedRate, SMALL, SUPPRESSION_THRESHOLD, WITHHELD, type PublicCount } from './disclosure.ts';
import { districtFacts, monthIndexOfDate, riskCounts, type DistrictFacts, type RiskCounts, type SchoolFacts } from './district-rollup.ts';
import { REPORTED_OUTCOMES, type ReportedOutcome } from './outcome.ts';
import { monthAligned, WIB_OFFSET_MINUTES, type Period } from './period.ts';
import type { ReportQueries } from './queries.ts';
import { mergedStepLabels, type StepLabel } from './steps.ts';
import { countsPerLeaf } from './summary.ts';

export interface PublicOutcome {
  count: PublicCount;
  /** Share of closed cases, from published counts only; null when either is hidden. */
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
  /**
   * Counts from 1 to 4 are shown as "<5"; cells hidden so that a "<5" cannot be worked out are "≥5" (or "<5" for a
   * zero), and "x" in the before-columns, which state no bound.
   */
  suppression: { threshold: 5; marker: typeof SMALL; withheld: typeof WITHHELD; concealed: typeof CONCEALED };
  district: AggregateBlock;
  schools: AggregateBlock[];
}

/** The period-independent tables of a district (open, steps, factors, closed, outcomes), suppressed together. */
interface CurrentTables {
  open: PublicCount[];
  closed: PublicCount[];
  steps: { stateId: string; counts: PublicCount[]; values: number[] }[];
  factors: { factor: string; counts: PublicCount[]; values: number[] }[];
  outcomes: Record<ReportedOutcome, PublicCount[]>;
}

/** Rows of every table: the district first, then its schools in the listed order. */
const rowsOf = (facts: DistrictFacts): (SchoolFacts | undefined)[] => [undefined, ...facts.schools.map((s) => facts.bySchool.get(s.id))];

const sum = (values: readonly number[]): number => values.reduce((n, v) => n + v, 0);

/** Every row's value of one cell, the district's (row 0) being the sum of the schools'. */
function column(schoolValues: readonly number[]): number[] {
  return [sum(schoolValues), ...schoolValues];
}

/** True when some count is 1–4 (nothing small: nothing is hidden, every relation holds among published numbers). */
const anySmall = (columns: readonly (readonly number[])[]): boolean => columns.some((vs) => vs.some((v) => v > 0 && v < SUPPRESSION_THRESHOLD));

function currentTables(facts: DistrictFacts): CurrentTables {
  const schools = rowsOf(facts).slice(1);
  const leafCounts = schools.map((s) => countsPerLeaf(s?.byState ?? []));
  const stepIds = [...new Set(leafCounts.flatMap((m) => [...m.keys()]))].sort();
  const factorIds = [...new Set(schools.flatMap((s) => [...(s?.factors.keys() ?? [])]))].sort();
  const openValues = column(schools.map((s) => sum((s?.byState ?? []).map((r) => r.count))));
  const stepValues = stepIds.map((id) => column(leafCounts.map((m) => m.get(id) ?? 0)));
  const factorValues = factorIds.map((f) => column(schools.map((s) => s?.factors.get(f)?.open ?? 0)));
  const closedValues = column(schools.map((s) => sum([...(s?.outcomes.values() ?? [])])));
  const outcomeValues = Object.fromEntries(REPORTED_OUTCOMES.map((k) => [k, column(schools.map((s) => s?.outcomes.get(k) ?? 0))])) as Record<ReportedOutcome, number[]>;

  let open: PublicCount[] = openValues;
  let steps: PublicCount[][] = stepValues;
  let factors: PublicCount[][] = factorValues;
  if (anySmall([openValues, ...stepValues, ...factorValues])) {
    // Open cases, by step and by factor: one system (the open count bounds both).
    const d = new Disclosure();
    const openCells = openValues.map((v) => d.cell(v));
    d.equal(openCells[0]!, openCells.slice(1));
    const stepCells = stepValues.map((vs) => vs.map((v) => d.cell(v)));
    const factorCells = factorValues.map((vs) => vs.map((v) => d.cell(v)));
    for (const cells of [...stepCells, ...factorCells]) d.equal(cells[0]!, cells.slice(1));
    for (let r = 0; r < openCells.length; r++) {
      // A case is in at least one step, and counted at most once in each step and each factor; a case has at least
      // one factor only where the counts say so (a reader may assume what the data shows).
      const rowSteps = stepCells.map((c) => c[r]!);
      d.atLeast(openCells[r]!, rowSteps, sum(rowSteps.map((c) => d.value(c))) >= openValues[r]!);
      const rowFactors = factorCells.map((c) => c[r]!);
      d.atLeast(openCells[r]!, rowFactors, sum(rowFactors.map((c) => d.value(c))) >= openValues[r]!);
    }
    d.solve();
    open = openCells.map((c) => d.shown(c));
    steps = stepCells.map((cells) => cells.map((c) => d.shown(c)));
    factors = factorCells.map((cells) => cells.map((c) => d.shown(c)));
  }

  let closed: PublicCount[] = closedValues;
  let outcomes: Record<ReportedOutcome, PublicCount[]> = outcomeValues;
  if (anySmall([closedValues, ...Object.values(outcomeValues)])) {
    // Closed cases = the sum of their outcomes, per row; each outcome and closed column sums to the district.
    const o = new Disclosure();
    const closedCells = closedValues.map((v) => o.cell(v));
    o.equal(closedCells[0]!, closedCells.slice(1));
    const outcomeCells = Object.fromEntries(REPORTED_OUTCOMES.map((k) => [k, outcomeValues[k].map((v) => o.cell(v))])) as Record<ReportedOutcome, number[]>;
    for (const k of REPORTED_OUTCOMES) o.equal(outcomeCells[k][0]!, outcomeCells[k].slice(1));
    for (let r = 0; r < closedCells.length; r++) o.equal(closedCells[r]!, REPORTED_OUTCOMES.map((k) => outcomeCells[k][r]!));
    o.solve();
    closed = closedCells.map((c) => o.shown(c));
    outcomes = Object.fromEntries(REPORTED_OUTCOMES.map((k) => [k, outcomeCells[k].map((c) => o.shown(c))])) as Record<ReportedOutcome, PublicCount[]>;
  }

  return {
    open,
    closed,
    steps: stepIds.map((stateId, i) => ({ stateId, counts: steps[i]!, values: stepValues[i]! })),
    factors: factorIds.map((factor, i) => ({ factor, counts: factors[i]!, values: factorValues[i]! })),
    outcomes,
  };
}

/** Rows hidden in a column of per-row values (row 0 the district = the sum of the others), suppressed on its own. */
function hiddenRows(values: readonly number[], forced: ReadonlySet<number> = new Set(), boundless = false): { shown: PublicCount[]; hidden: Set<number> } {
  // Nothing small and nothing forced: nothing to hide (most month columns).
  if (forced.size === 0 && values.every((v) => v === 0 || v >= SUPPRESSION_THRESHOLD)) return { shown: [...values], hidden: new Set() };
  const d = new Disclosure({ boundless });
  const cells = values.map((v) => d.cell(v));
  d.equal(cells[0]!, cells.slice(1));
  for (const r of forced) d.hide(cells[r]!);
  d.solve();
  const hidden = new Set<number>();
  cells.forEach((c, r) => {
    if (d.isHidden(c)) hidden.add(r);
  });
  return { shown: cells.map((c) => d.shown(c)), hidden };
}

/**
 * Suppressed before/after columns by factor and period, with the counts they were computed from: the
 * suppression is a function of those counts alone, so equal counts (a change elsewhere) reuse it.
 */
const columnsCache = new Map<string, { counts: Int32Array; result: { before: PublicCount[]; after: PublicCount[] } }>();

/** Before/after of one factor over the months `[a, b]`, every row (district first), suppressed across periods. */
function beforeAfterColumns(facts: DistrictFacts, factor: string, a: number, b: number): { before: PublicCount[]; after: PublicCount[] } {
  const counts = rowsOf(facts).slice(1).map((s) => riskCounts(s?.factors.get(factor), a, b));
  const months = b - a + 1;
  const flat = new Int32Array(counts.length * (1 + 2 * months));
  counts.forEach((c, i) => {
    const at = i * (1 + 2 * months);
    flat[at] = c.before;
    flat.set(c.beforeByMonth, at + 1);
    flat.set(c.afterByMonth, at + 1 + months);
  });
  const key = `${factor}|${a}|${b}`;
  const cached = columnsCache.get(key);
  if (cached && cached.counts.length === flat.length && cached.counts.every((v, i) => v === flat[i])) return cached.result;
  const result = suppressBeforeAfter(counts, months);
  columnsCache.delete(key);
  columnsCache.set(key, { counts: flat, result });
  if (columnsCache.size > 64) columnsCache.delete(columnsCache.keys().next().value!);
  return result;
}

function suppressBeforeAfter(counts: RiskCounts[], months: number): { before: PublicCount[]; after: PublicCount[] } {
  const forced = new Set<number>();
  let after: PublicCount[] = [];
  for (let m = 0; m < months; m++) {
    for (const r of hiddenRows(column(counts.map((c) => c.beforeByMonth[m]!))).hidden) forced.add(r);
    const afterColumn = hiddenRows(column(counts.map((c) => c.afterByMonth[m]!)));
    if (m < months - 1) for (const r of afterColumn.hidden) forced.add(r);
    else after = afterColumn.shown;
  }
  // The before-column enters differences across periods: its hidden cells state no bound (see CONCEALED).
  const before = hiddenRows(column(counts.map((c) => c.before)), forced, true).shown;
  return { before, after };
}

const currentCache = new WeakMap<DistrictFacts, CurrentTables>();

/** The answer for a district's facts (pure: what `districtAggregates` publishes, for tests of the suppression). */
export function publishDistrict(
  facts: DistrictFacts,
  input: { schoolId?: string | null; period: Period; now: Date; labels?: Map<string, StepLabel> },
): DistrictAggregates {
  const period = monthAligned(input.period);
  const labels = input.labels ?? new Map<string, StepLabel>();
  let current = currentCache.get(facts);
  if (!current) currentCache.set(facts, (current = currentTables(facts)));
  const factorIds = [...new Set([...CORE_FACTORS, ...current.factors.map((f) => f.factor)])];
  const a = monthIndexOfDate(period.from);
  const b = monthIndexOfDate(period.to);
  const ba = beforeAfterRows(factorIds.map((factor) => ({ factor, before: 0, after: 0 })))
    .map((r) => ({ factor: r.factor, ...beforeAfterColumns(facts, r.factor, a, b) }));

  const block = (r: number, school: AggregateBlock['school']): AggregateBlock => {
    const closed = current.closed[r]!;
    // A row is listed when it has cases or is hidden (a hidden zero must not read as an absent row).
    const listed = (count: PublicCount, value: number) => value > 0 || typeof count !== 'number';
    return {
      school,
      openCases: current.open[r]!,
      closedCases: closed,
      openByStep: current.steps
        .filter((s) => listed(s.counts[r]!, s.values[r]!))
        .map((s) => ({ stateId: s.stateId, title: labels.get(s.stateId)?.title ?? { id: s.stateId }, count: s.counts[r]! }))
        .sort(byPublished((x) => x.stateId, (x) => x.count)),
      openByFactor: current.factors
        .filter((f) => listed(f.counts[r]!, f.values[r]!))
        .map((f) => ({ factor: f.factor, count: f.counts[r]! }))
        .sort(byPublished((x) => x.factor, (x) => x.count)),
      outcomes: Object.fromEntries(
        REPORTED_OUTCOMES.map((k) => {
          const count = current.outcomes[k][r]!;
          return [k, { count, rate: publishedRate(count, closed) }];
        }),
      ) as Record<ReportedOutcome, PublicOutcome>,
      beforeAfter: ba.map((x) => ({ factor: x.factor, before: x.before[r]!, after: x.after[r]! })),
    };
  };
  const schools = facts.schools
    .map((s, i) => ({ s, r: i + 1 }))
    .filter(({ s }) => !input.schoolId || s.id === input.schoolId)
    .map(({ s, r }) => block(r, { id: s.id, name: s.name }));
  return {
    generatedAt: input.now.toISOString(),
    period,
    suppression: { threshold: 5, marker: SMALL, withheld: WITHHELD, concealed: CONCEALED },
    district: block(0, null),
    schools,
  };
}

/**
 * Aggregates for a district (every school, or only `schoolId`). The whole
 * district is always suppressed together, so the answer for one school shows
 * that school exactly as the district answer does (nothing new to subtract).
 */
export async function districtAggregates(
  q: ReportQueries,
  input: { districtId: string; schoolId?: string | null; period: Period; now: Date; offsetMinutes?: number },
): Promise<DistrictAggregates> {
  const [facts, docs] = await Promise.all([districtFacts(q, input.districtId, input.offsetMinutes ?? WIB_OFFSET_MINUTES), q.templateDocuments(input.districtId)]);
  return publishDistrict(facts, { schoolId: input.schoolId ?? null, period: input.period, now: input.now, labels: mergedStepLabels(docs) });
}
