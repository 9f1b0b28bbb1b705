/**
 * CSV export of every report table. Columns are named in Indonesian first
 * (the header row is what a school pastes into its report); localized titles
 * become their `id` text. RFC 4180 quoting via csv-stringify.
 */
import { stringify } from 'csv-stringify/sync';
import type { BeforeAfterRow } from './before-after.ts';
import type { DistrictAggregates } from './district.ts';
import type { SchoolSummary } from './summary.ts';
import type { SchoolTrends } from './trends.ts';

/** A table ready to write: header labels and rows of cells. */
export interface CsvTable {
  columns: string[];
  rows: (string | number | null)[][];
}

/** Table names of the school report, for `?table=`. */
export const SCHOOL_TABLES = ['open-by-step', 'open-by-factor', 'overdue-by-step', 'median-time-per-step', 'cases-per-month', 'outcomes', 'before-after', 'trends-cases', 'return-to-attendance'] as const;
export type SchoolTable = (typeof SCHOOL_TABLES)[number];

export const DISTRICT_TABLES = ['schools', 'open-by-factor', 'open-by-step', 'outcomes', 'before-after'] as const;
export type DistrictTable = (typeof DISTRICT_TABLES)[number];

/**
 * What a spreadsheet runs as a formula: `=`, `+`, `-`, `@`, tab, CR or LF —
 * also after leading white space (spaces, tabs, non-breaking and other Unicode
 * spaces, zero-width characters, a BOM: spreadsheet programs skip them) and
 * in their full-width forms (`＝ ＋ － ＠`, which IME input gives and some
 * programs read as the ASCII ones).
 */
export const FORMULA_START = /^[\s\u00A0\u1680\u180E\u2000-\u200F\u2028\u2029\u202F\u205F\u2060\u3000\uFEFF]*[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20\uFE62\uFE63\uFE66]/u;

/**
 * A text cell a spreadsheet would run as a formula ({@link FORMULA_START} —
 * e.g. a step title `=HYPERLINK(…)` from a pathway document) gets a leading
 * `'`, so it opens as text (OWASP "CSV injection"). Numbers stay numbers.
 */
export function safeCell(c: string | number | null): string | number {
  if (c === null) return '';
  return typeof c === 'string' && FORMULA_START.test(c) ? `'${c}` : c;
}

/** Serialises a table (UTF-8 with BOM so spreadsheet programs read Indonesian text right). */
export function toCsv(table: CsvTable): string {
  return '\uFEFF' + stringify([table.columns, ...table.rows.map((r) => r.map(safeCell))]);
}

/** One table of the school report. */
export function schoolTable(name: SchoolTable, data: { summary?: SchoolSummary; beforeAfter?: BeforeAfterRow[]; trends?: SchoolTrends }): CsvTable {
  const s = data.summary;
  switch (name) {
    case 'open-by-step':
      return { columns: ['langkah / step', 'judul / title', 'kasus terbuka / open cases'], rows: (s?.openByStep ?? []).map((r) => [r.stateId, r.title.id, r.count]) };
    case 'open-by-factor':
      return { columns: ['faktor / factor', 'kasus terbuka / open cases'], rows: (s?.openByFactor ?? []).map((r) => [r.factor, r.count]) };
    case 'overdue-by-step':
      return { columns: ['langkah / step', 'judul / title', 'tugas terlambat / overdue tasks'], rows: (s?.overdueTasks.byStep ?? []).map((r) => [r.stateId, r.title.id, r.count]) };
    case 'median-time-per-step':
      return { columns: ['langkah / step', 'judul / title', 'median hari / median days', 'jumlah / stays'], rows: (s?.medianTimePerStep ?? []).map((r) => [r.stateId, r.title.id, r.medianDays, r.stays]) };
    case 'cases-per-month':
      return { columns: ['bulan / month', 'dibuka / opened', 'ditutup / closed'], rows: (s?.casesPerMonth ?? []).map((r) => [r.month, r.opened, r.closed]) };
    case 'outcomes':
      return { columns: ['hasil / outcome', 'jumlah / count'], rows: Object.entries(s?.outcomes ?? {}).map(([k, v]) => [k, v]) };
    case 'before-after':
      return { columns: ['faktor / factor', 'sebelum / before', 'sesudah / after'], rows: (data.beforeAfter ?? []).map((r) => [r.factor, r.before, r.after]) };
    case 'trends-cases':
      return {
        columns: ['kasus / case', 'cabang / branch', 'kehadiran sebelum / attendance before', 'kehadiran sesudah / attendance after', 'nilai sebelum / grade before', 'nilai sesudah / grade after'],
        rows: (data.trends?.cases ?? []).map((c) => [c.caseId, c.branch, c.attendanceBefore, c.attendanceAfter, c.gradeBefore, c.gradeAfter]),
      };
    case 'return-to-attendance':
      return {
        columns: ['cabang / branch', 'judul / title', 'kasus / cases', '30 hari / days', '60 hari / days', '90 hari / days'],
        rows: (data.trends?.returnToAttendance ?? []).map((b) => [b.branch, b.title.id, b.cases, b.d30.rate, b.d60.rate, b.d90.rate]),
      };
  }
}

/** One table of the district report (already suppressed: `<5` and `≥5` cells stay as text). */
export function districtTable(name: DistrictTable, a: DistrictAggregates): CsvTable {
  const blocks = [a.district, ...a.schools];
  const who = (b: (typeof blocks)[number]) => b.school?.name ?? 'Seluruh kabupaten / district';
  switch (name) {
    case 'schools':
      return { columns: ['sekolah / school', 'kasus terbuka / open', 'kasus ditutup / closed'], rows: blocks.map((b) => [who(b), b.openCases, b.closedCases]) };
    case 'open-by-factor':
      return { columns: ['sekolah / school', 'faktor / factor', 'kasus terbuka / open'], rows: blocks.flatMap((b) => b.openByFactor.map((r) => [who(b), r.factor, r.count])) };
    case 'open-by-step':
      return { columns: ['sekolah / school', 'langkah / step', 'judul / title', 'kasus terbuka / open'], rows: blocks.flatMap((b) => b.openByStep.map((r) => [who(b), r.stateId, r.title.id, r.count])) };
    case 'outcomes':
      return { columns: ['sekolah / school', 'hasil / outcome', 'jumlah / count', 'persentase / rate'], rows: blocks.flatMap((b) => Object.entries(b.outcomes).map(([o, v]) => [who(b), o, v.count, v.rate])) };
    case 'before-after':
      return { columns: ['sekolah / school', 'faktor / factor', 'sebelum / before', 'sesudah / after'], rows: blocks.flatMap((b) => b.beforeAfter.map((r) => [who(b), r.factor, r.before, r.after])) };
  }
}
