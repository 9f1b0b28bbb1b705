/**
 * Trends before vs after a case opened, per case and per cohort, and
 * return-to-attendance per pathway branch.
 *
 * - Attendance: monthly rate `present / schoolDays` of the case's student.
 *   Before = mean of the 3 months before the month the case opened; after =
 *   mean of the 3 months after it (the opening month itself is mixed and left out).
 * - Grades: mean score per term. Terms are `YYYY-1` (Jul–Dec of YYYY,
 *   semester ganjil) and `YYYY-2` (Jan–Jun of YYYY+1, semester genap).
 *   Before = the term before the one the case opened in; after = the term it opened in
 *   (whose final grades are the first to reflect the intervention).
 * - Branch: the first top-level step the case entered that is not
 *   identification or assessment (e.g. `intervensi_motivasi`).
 * - Returned at N days: the attendance rate of the month containing
 *   `opened + N days` is at least 90% (absence under the 10% risk line).
 */
import type { Localized } from '@jalur/engine';
import { WIB_OFFSET_MINUTES, schoolDateOf } from './period.ts';
import type { CaseTrendRow, ReportQueries } from './queries.ts';
import { mean } from './stats.ts';
import { leavesOf, stepLabels, type StepLabel } from './steps.ts';

export const RETURN_THRESHOLD = 0.9;
export const RETURN_DAYS = [30, 60, 90] as const;
const DAY_MS = 86_400_000;

export interface CaseTrend {
  caseId: string;
  branch: string | null;
  attendanceBefore: number | null;
  attendanceAfter: number | null;
  gradeBefore: number | null;
  gradeAfter: number | null;
}

export interface ReturnRate {
  /** Cases whose attendance in that month is known. */
  measured: number;
  returned: number;
  rate: number | null;
}

export interface BranchReturn {
  branch: string;
  title: Localized;
  cases: number;
  d30: ReturnRate;
  d60: ReturnRate;
  d90: ReturnRate;
}

/** `GET /api/reports/trends`. */
export interface SchoolTrends {
  cohort: { cases: number; attendanceBefore: number | null; attendanceAfter: number | null; gradeBefore: number | null; gradeAfter: number | null };
  cases: CaseTrend[];
  returnToAttendance: BranchReturn[];
}

/** `YYYY-MM` shifted by `delta` months. */
export function addMonths(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The term (`YYYY-1` / `YYYY-2`) a school date falls in. */
export function termOf(date: string): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  return m >= 7 ? `${y}-1` : `${y - 1}-2`;
}

/** The term before `term`. */
export function previousTerm(term: string): string {
  const [y, s] = term.split('-') as [string, string];
  return s === '2' ? `${y}-1` : `${Number(y) - 1}-2`;
}

const round = (v: number | null, digits: number): number | null => (v === null ? null : Math.round(v * 10 ** digits) / 10 ** digits);

/** The branch a case took, from its states and its pathway's step kinds. */
export function branchOf(states: readonly string[], labels: Map<string, StepLabel>): string | null {
  for (const value of states) {
    for (const leaf of leavesOf(value)) {
      const top = leaf.split('.')[0]!;
      const kind = labels.get(top)?.kind;
      if (kind && kind !== 'identify' && kind !== 'assessment') return top;
    }
  }
  return null;
}

/** One case's before/after figures. */
export function caseTrend(row: CaseTrendRow, labels: Map<string, StepLabel>, offsetMinutes = WIB_OFFSET_MINUTES): CaseTrend {
  const openedDate = schoolDateOf(row.openedAt, offsetMinutes);
  const month = openedDate.slice(0, 7);
  const pick = (months: string[]) => mean(months.flatMap((m) => (row.attendance[m] === undefined ? [] : [row.attendance[m]!])));
  const term = termOf(openedDate);
  return {
    caseId: row.caseId,
    branch: branchOf(row.states, labels),
    attendanceBefore: round(pick([-3, -2, -1].map((d) => addMonths(month, d))), 3),
    attendanceAfter: round(pick([1, 2, 3].map((d) => addMonths(month, d))), 3),
    gradeBefore: round(row.grades[previousTerm(term)] ?? null, 1),
    gradeAfter: round(row.grades[term] ?? null, 1),
  };
}

function returnRate(rows: readonly CaseTrendRow[], days: number, offsetMinutes: number): ReturnRate {
  let measured = 0;
  let returned = 0;
  for (const r of rows) {
    const month = schoolDateOf(r.openedAt + days * DAY_MS, offsetMinutes).slice(0, 7);
    const rate = r.attendance[month];
    if (rate === undefined) continue;
    measured++;
    if (rate >= RETURN_THRESHOLD) returned++;
  }
  return { measured, returned, rate: measured === 0 ? null : round(returned / measured, 3) };
}

/** Trends of every case of a school. */
export async function schoolTrends(q: ReportQueries, schoolId: string, offsetMinutes = WIB_OFFSET_MINUTES): Promise<SchoolTrends> {
  const rows = await q.caseTrends(schoolId);
  const docs = await q.pathwayDocuments(rows.map((r) => r.pathwayVersionId));
  const labelCache = new Map<string, Map<string, StepLabel>>();
  const labelsFor = (versionId: string) => {
    let l = labelCache.get(versionId);
    if (!l) labelCache.set(versionId, (l = stepLabels(docs.get(versionId))));
    return l;
  };
  const cases = rows.map((r) => caseTrend(r, labelsFor(r.pathwayVersionId), offsetMinutes));
  const byBranch = new Map<string, { rows: CaseTrendRow[]; title: Localized }>();
  rows.forEach((r, i) => {
    const branch = cases[i]!.branch;
    if (!branch) return;
    let b = byBranch.get(branch);
    if (!b) byBranch.set(branch, (b = { rows: [], title: labelsFor(r.pathwayVersionId).get(branch)?.title ?? { id: branch } }));
    b.rows.push(r);
  });
  const both = <K extends keyof CaseTrend>(before: K, after: K) => cases.filter((c) => c[before] !== null && c[after] !== null);
  const att = both('attendanceBefore', 'attendanceAfter');
  const gr = both('gradeBefore', 'gradeAfter');
  return {
    cohort: {
      cases: cases.length,
      attendanceBefore: round(mean(att.map((c) => c.attendanceBefore!)), 3),
      attendanceAfter: round(mean(att.map((c) => c.attendanceAfter!)), 3),
      gradeBefore: round(mean(gr.map((c) => c.gradeBefore!)), 1),
      gradeAfter: round(mean(gr.map((c) => c.gradeAfter!)), 1),
    },
    cases,
    returnToAttendance: [...byBranch].map(([branch, b]) => ({
      branch,
      title: b.title,
      cases: b.rows.length,
      d30: returnRate(b.rows, 30, offsetMinutes),
      d60: returnRate(b.rows, 60, offsetMinutes),
      d90: returnRate(b.rows, 90, offsetMinutes),
    })).sort((a, b) => b.cases - a.cases || (a.branch < b.branch ? -1 : a.branch > b.branch ? 1 : 0)),
  };
}
