/**
 * Indicators: attendance per student per month, grades per subject per term,
 * behaviour incidents per month. One zod schema per kind (the API validates
 * entry forms with it) and a CSV reader for each (Indonesian or English headers).
 */
import { z } from 'zod';
import { readCsv } from './csv.ts';
import { say, type Localized } from './text.ts';

export const INDICATOR_KINDS = ['attendance', 'grade', 'behaviour'] as const;
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];

/** `YYYY-MM`, the period of attendance and behaviour observations. */
export const monthPeriod = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
/** A term: `2025-1`, `2025/2026-2`. Sorts in time order as text. */
export const termPeriod = z.string().regex(/^\d{4}(\/\d{4})?-[1-2]$/);
const count = z.number().int().min(0).max(400);
const nisn = z.string().regex(/^\d{10}$/);

/** Attendance of one month: hadir, sakit, izin, alpa, and the school days of that month. */
export const attendanceValuesSchema = z
  .object({ schoolDays: z.number().int().min(1).max(31), present: count, sick: count, permitted: count, absent: count })
  .refine((v) => v.sick + v.permitted + v.absent <= v.schoolDays, { message: 'sakit + izin + alpa > hari sekolah' });
export const gradeValuesSchema = z.object({ score: z.number().min(0).max(100), passing: z.number().min(0).max(100) });
export const behaviourValuesSchema = z.object({ incidents: count, description: z.string().max(2000).optional() });

/** One observation, as entered by hand or read from a CSV row. */
export const indicatorEntrySchema = z.discriminatedUnion('kind', [
  z.object({ nisn, kind: z.literal('attendance'), period: monthPeriod, subject: z.literal('').default(''), values: attendanceValuesSchema }),
  z.object({ nisn, kind: z.literal('grade'), period: termPeriod, subject: z.string().min(1).max(80), values: gradeValuesSchema }),
  z.object({ nisn, kind: z.literal('behaviour'), period: monthPeriod, subject: z.literal('').default(''), values: behaviourValuesSchema }),
]);
export type IndicatorEntry = z.infer<typeof indicatorEntrySchema>;

/** The passing score (KKM) when a grade row does not say. */
export const DEFAULT_PASSING_SCORE = 75;

export const INDICATOR_HEADERS = {
  nisn: ['NISN'],
  period: ['periode', 'bulan', 'month', 'period', 'semester', 'term', 'tahun ajaran semester'],
  schoolDays: ['hari sekolah', 'hari efektif', 'jumlah hari sekolah', 'school days'],
  present: ['hadir', 'present', 'h'],
  sick: ['sakit', 'sick', 's'],
  permitted: ['izin', 'ijin', 'permitted', 'excused', 'i'],
  absent: ['alpa', 'alpha', 'alfa', 'tanpa keterangan', 'absent', 'unexcused', 'a'],
  subject: ['mapel', 'mata pelajaran', 'subject'],
  score: ['nilai', 'nilai akhir', 'score', 'grade'],
  passing: ['kkm', 'kktp', 'passing', 'passing score', 'pass mark'],
  incidents: ['kejadian', 'jumlah kejadian', 'pelanggaran', 'jumlah pelanggaran', 'incidents', 'behaviour incidents'],
  description: ['keterangan', 'catatan', 'description', 'note'],
} as const;

export interface IndicatorCsvRow {
  line: number;
  entry: IndicatorEntry | null;
  errors: Localized[];
}

export interface IndicatorCsv {
  kind: IndicatorKind | null;
  rows: IndicatorCsvRow[];
  fileErrors: Localized[];
}

/** Which kind of indicator file this is, from its columns. */
function kindOf(fields: Set<string | null>): IndicatorKind | null {
  if (fields.has('score') || fields.has('subject')) return 'grade';
  if (fields.has('incidents')) return 'behaviour';
  if (fields.has('absent') || fields.has('present') || fields.has('sick') || fields.has('permitted')) return 'attendance';
  return null;
}

/** `03/2026`, `2026-3` → `2026-03`; anything else unchanged (the schema judges it). */
function normalizeMonth(v: string): string {
  const a = /^(\d{1,2})[/-](\d{4})$/.exec(v);
  if (a) return `${a[2]}-${a[1]!.padStart(2, '0')}`;
  const b = /^(\d{4})[/-](\d{1,2})$/.exec(v);
  if (b) return `${b[1]}-${b[2]!.padStart(2, '0')}`;
  return v;
}

function num(v: string | undefined): number | undefined {
  if (v === undefined || v.trim() === '') return undefined;
  const n = Number(v.replace(',', '.'));
  return Number.isFinite(n) ? n : Number.NaN;
}

/**
 * Reads an indicator CSV. The kind comes from `kind` or, when omitted, from
 * the columns (a `nilai`/`mapel` column → grades; `kejadian` → behaviour;
 * `hadir`/`sakit`/`izin`/`alpa` → attendance). Attendance without a
 * `hari sekolah` column counts hadir + sakit + izin + alpa as the school days.
 */
export function parseIndicatorCsv(csv: string, kind?: IndicatorKind): IndicatorCsv {
  const table = readCsv(csv, INDICATOR_HEADERS);
  const fields = new Set(table.headers.map((h) => h.field));
  const k = kind ?? kindOf(fields);
  if (k === null) return { kind: null, rows: [], fileErrors: [say('Jenis data tidak dikenali dari kolomnya.', 'Cannot tell the kind of data from the columns.')] };
  const needed: Record<IndicatorKind, string[]> = {
    attendance: ['nisn', 'period', 'absent'],
    grade: ['nisn', 'period', 'subject', 'score'],
    behaviour: ['nisn', 'period', 'incidents'],
  };
  const missing = needed[k].filter((f) => !fields.has(f));
  if (missing.length > 0) return { kind: k, rows: [], fileErrors: [say(`Kolom wajib tidak ada: ${missing.join(', ')}.`, `Required columns missing: ${missing.join(', ')}.`)] };

  const rows = table.records.map(({ line, cells }): IndicatorCsvRow => {
    const base = { nisn: (cells.nisn ?? '').replace(/\s/g, ''), kind: k };
    let candidate: unknown;
    if (k === 'attendance') {
      const present = num(cells.present) ?? 0;
      const sick = num(cells.sick) ?? 0;
      const permitted = num(cells.permitted) ?? 0;
      const absent = num(cells.absent) ?? 0;
      const schoolDays = num(cells.schoolDays) ?? present + sick + permitted + absent;
      candidate = { ...base, period: normalizeMonth(cells.period ?? ''), values: { schoolDays, present, sick, permitted, absent } };
    } else if (k === 'grade') {
      candidate = { ...base, period: cells.period ?? '', subject: cells.subject ?? '', values: { score: num(cells.score), passing: num(cells.passing) ?? DEFAULT_PASSING_SCORE } };
    } else {
      const description = cells.description ? { description: cells.description } : {};
      candidate = { ...base, period: normalizeMonth(cells.period ?? ''), values: { incidents: num(cells.incidents), ...description } };
    }
    const parsed = indicatorEntrySchema.safeParse(candidate);
    if (parsed.success) return { line, entry: parsed.data, errors: [] };
    return { line, entry: null, errors: parsed.error.issues.map((i) => issueText(i.path, i.message)) };
  });
  return { kind: k, rows, fileErrors: rows.length === 0 ? [say('Berkas tidak berisi baris data.', 'The file has no data rows.')] : [] };
}

const FIELD_NAMES: Record<string, [string, string]> = {
  nisn: ['NISN (10 angka)', 'NISN (10 digits)'],
  period: ['periode', 'period'],
  subject: ['mapel', 'subject'],
  schoolDays: ['hari sekolah', 'school days'],
  present: ['hadir', 'present'],
  sick: ['sakit', 'sick'],
  permitted: ['izin', 'permitted'],
  absent: ['alpa', 'absent'],
  score: ['nilai', 'score'],
  passing: ['KKM', 'passing score'],
  incidents: ['jumlah kejadian', 'incidents'],
};

function issueText(path: readonly PropertyKey[], message: string): Localized {
  const key = String(path[path.length - 1] ?? '');
  const name = FIELD_NAMES[key];
  if (!name) return say(`Baris tidak sah: ${message}`, `Invalid row: ${message}`);
  return say(`${name[0]} tidak sah.`, `${name[1]} is not valid.`);
}
