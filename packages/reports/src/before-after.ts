/**
 * The before/after table schools report to their stakeholders (seed 002:
 * motivation 11 → 4, economic 6 → 3 over Aug–Sep 2023).
 *
 * Definition. A case puts its student **at risk for a factor** at instant T
 * when the factor is one of the case's risk factors at T and the case is open
 * at T: `max(opened_at, since) ≤ T < min(closed_at, until)` (a missing end:
 * none), where `[since, until)` is an interval the factor held on the case
 * (`case_risk_factors`: the opening for the initial set, else when the guru BK
 * added it; until they removed it). A factor removed mid-case counts up to its
 * removal, one added mid-case from its adding. A case closes only through
 * the SRPS team's decision (tuntas, tetap bersekolah, pindah, putus sekolah,
 * dirujuk), so "open" is "not yet resolved"; how it closed is reported in the
 * outcomes table, not here. For a period `[from, to]` of school days
 * (midnight WIB of `from` to midnight after `to`):
 *
 * - `before` — distinct students at risk for the factor at some instant of
 *   the period: at risk when it began, or identified during it (the cohort
 *   the school worked with);
 * - `after` — distinct students still at risk at the last instant of the
 *   period (23:59:59.999 WIB on `to`).
 *
 * A student with two cases of the same factor counts once.
 */
import { RISK_FACTORS } from '@jalur/engine';
import { periodBounds, WIB_OFFSET_MINUTES, type Period } from './period.ts';
import type { BeforeAfterCount, ReportQueries, ReportScope } from './queries.ts';

/** One row of the table. */
export interface BeforeAfterRow {
  factor: string;
  before: number;
  after: number;
}

/** The four factors of seed 002 always appear (with zeros), others when present. */
export const CORE_FACTORS = ['motivation', 'economic', 'family', 'bullying'] as const;

const factorOrder = (f: string): number => {
  const i = (RISK_FACTORS as readonly string[]).indexOf(f);
  return i === -1 ? RISK_FACTORS.length : i;
};

/** Sums per-school counts into one row per factor, in the canonical factor order. */
export function beforeAfterRows(counts: readonly Pick<BeforeAfterCount, 'factor' | 'before' | 'after'>[], includeCore = true): BeforeAfterRow[] {
  const rows = new Map<string, BeforeAfterRow>();
  if (includeCore) for (const f of CORE_FACTORS) rows.set(f, { factor: f, before: 0, after: 0 });
  for (const c of counts) {
    const row = rows.get(c.factor) ?? { factor: c.factor, before: 0, after: 0 };
    row.before += c.before;
    row.after += c.after;
    rows.set(c.factor, row);
  }
  return [...rows.values()].sort((a, b) => factorOrder(a.factor) - factorOrder(b.factor) || a.factor.localeCompare(b.factor));
}

/** `GET /api/reports/before-after` for one school. */
export async function schoolBeforeAfter(q: ReportQueries, schoolId: string, period: Period, offsetMinutes = WIB_OFFSET_MINUTES): Promise<BeforeAfterRow[]> {
  const scope: ReportScope = { kind: 'school', schoolId };
  const { start, endExclusive } = periodBounds(period, offsetMinutes);
  return beforeAfterRows(await q.beforeAfter(scope, start, endExclusive));
}
