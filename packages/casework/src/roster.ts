/**
 * Roster import: a CSV of students (Indonesian or English headers) becomes a
 * plan — each row `new`, `update`, `unchanged` or `error` with the reasons —
 * checked against the students the school already has, matched by NISN.
 */
import { isValid, parse as parseDate, format } from 'date-fns';
import { z } from 'zod';
import { readCsv } from './csv.ts';
import { say, type Localized } from './text.ts';

/** Accepted header spellings per field (compared without case, spaces or punctuation). */
export const ROSTER_HEADERS = {
  nisn: ['NISN', 'No Induk Siswa Nasional'],
  name: ['nama', 'nama siswa', 'nama lengkap', 'name', 'full name', 'student name'],
  className: ['kelas', 'rombel', 'rombongan belajar', 'class', 'class name'],
  gender: ['jenis kelamin', 'jk', 'l/p', 'gender', 'sex'],
  birthDate: ['tanggal lahir', 'tgl lahir', 'tgl. lahir', 'birth date', 'date of birth', 'dob', 'birthdate'],
  guardianName: ['nama wali', 'nama orang tua', 'nama ortu', 'orang tua/wali', 'wali', 'guardian', 'guardian name', 'parent name'],
  guardianPhone: ['no hp wali', 'hp wali', 'telepon wali', 'no telp wali', 'no hp orang tua', 'hp ortu', 'telepon', 'guardian phone', 'phone', 'parent phone'],
} as const;

/** A student as the roster describes them; the shape `students` rows take. */
export const rosterStudentSchema = z.object({
  nisn: z.string().regex(/^\d{10}$/),
  name: z.string().min(1).max(200),
  className: z.string().min(1).max(40),
  gender: z.enum(['L', 'P']).nullable(),
  birthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
  guardianName: z.string().max(200).nullable(),
  guardianPhone: z.string().max(30).nullable(),
});
export type RosterStudent = z.infer<typeof rosterStudentSchema>;

/** A problem with one cell (or the whole row). */
export interface RowError {
  field: keyof RosterStudent | 'row';
  message: Localized;
}

export interface ParsedRosterRow {
  /** Line in the file (the header is line 1). */
  line: number;
  student: RosterStudent | null;
  errors: RowError[];
}

export interface RosterParse {
  rows: ParsedRosterRow[];
  /** File-level problems (missing required columns, empty file). */
  fileErrors: Localized[];
  /** Fields the file has a column for: an absent column leaves that field as it is. */
  columns: (keyof RosterStudent)[];
}

const GENDER: Record<string, 'L' | 'P'> = {
  l: 'L', lk: 'L', laki: 'L', lakilaki: 'L', m: 'L', male: 'L', pria: 'L',
  p: 'P', pr: 'P', perempuan: 'P', wanita: 'P', f: 'P', female: 'P',
};

const DATE_FORMATS = ['yyyy-MM-dd', 'dd/MM/yyyy', 'd/M/yyyy', 'dd-MM-yyyy', 'd-M-yyyy', 'dd.MM.yyyy'];

/** `2009-03-07`, `07/03/2009`, `7-3-2009` → `2009-03-07`; null when it is not a real date. */
export function normalizeDate(value: string): string | null {
  for (const f of DATE_FORMATS) {
    const d = parseDate(value, f, new Date(2000, 0, 1));
    if (isValid(d) && d.getFullYear() > 1900 && d.getFullYear() < 2100) return format(d, 'yyyy-MM-dd');
  }
  return null;
}

/** `0812-3456 789`, `+62 812…` → digits with an optional leading `+`. */
export function normalizePhone(value: string): string {
  const trimmed = value.replace(/[\s().-]/g, '');
  return trimmed;
}

const REQUIRED: (keyof RosterStudent)[] = ['nisn', 'name', 'className'];

function nonEmpty(v: string | undefined): string | null {
  return v === undefined || v === '' ? null : v;
}

/** Parses and validates every row of a roster CSV. Never throws. */
export function parseRoster(csv: string): RosterParse {
  const table = readCsv(csv, ROSTER_HEADERS);
  const present = new Set(table.headers.map((h) => h.field));
  const fileErrors: Localized[] = [];
  const missing = REQUIRED.filter((f) => !present.has(f));
  if (missing.length > 0)
    fileErrors.push(say(`Kolom wajib tidak ada: ${missing.join(', ')}.`, `Required columns missing: ${missing.join(', ')}.`));
  if (table.records.length === 0) fileErrors.push(say('Berkas tidak berisi baris siswa.', 'The file has no student rows.'));
  const columns = (Object.keys(ROSTER_HEADERS) as (keyof RosterStudent)[]).filter((f) => present.has(f));
  if (missing.length > 0) return { rows: [], fileErrors, columns };

  const seen = new Map<string, number>();
  const rows = table.records.map(({ line, cells }): ParsedRosterRow => {
    const errors: RowError[] = [];
    const nisn = (cells.nisn ?? '').replace(/\s/g, '');
    if (!/^\d{10}$/.test(nisn)) errors.push({ field: 'nisn', message: say('NISN harus 10 angka.', 'NISN must be 10 digits.') });
    else if (seen.has(nisn))
      errors.push({ field: 'nisn', message: say(`NISN sama dengan baris ${seen.get(nisn)}.`, `Same NISN as line ${seen.get(nisn)}.`) });
    else seen.set(nisn, line);
    const name = cells.name ?? '';
    if (name === '') errors.push({ field: 'name', message: say('Nama wajib diisi.', 'Name is required.') });
    const className = cells.className ?? '';
    if (className === '') errors.push({ field: 'className', message: say('Kelas wajib diisi.', 'Class is required.') });
    let gender: 'L' | 'P' | null = null;
    const rawGender = nonEmpty(cells.gender);
    if (rawGender !== null) {
      gender = GENDER[rawGender.toLowerCase().replace(/[^a-z]/g, '')] ?? null;
      if (gender === null) errors.push({ field: 'gender', message: say('Jenis kelamin harus L atau P.', 'Gender must be L or P.') });
    }
    let birthDate: string | null = null;
    const rawDate = nonEmpty(cells.birthDate);
    if (rawDate !== null) {
      birthDate = normalizeDate(rawDate);
      if (birthDate === null)
        errors.push({ field: 'birthDate', message: say('Tanggal lahir tidak dikenali (contoh: 2009-03-07 atau 07/03/2009).', 'Birth date not recognised (e.g. 2009-03-07 or 07/03/2009).') });
    }
    let guardianPhone: string | null = null;
    const rawPhone = nonEmpty(cells.guardianPhone);
    if (rawPhone !== null) {
      guardianPhone = normalizePhone(rawPhone);
      if (!/^\+?\d{8,15}$/.test(guardianPhone))
        errors.push({ field: 'guardianPhone', message: say('Nomor HP wali tidak sah (8–15 angka).', 'Guardian phone is not valid (8–15 digits).') });
    }
    const candidate = { nisn, name, className, gender, birthDate, guardianName: nonEmpty(cells.guardianName), guardianPhone };
    if (errors.length > 0) return { line, student: null, errors };
    const checked = rosterStudentSchema.safeParse(candidate);
    if (!checked.success)
      return { line, student: null, errors: checked.error.issues.map((i) => ({ field: (i.path[0] as keyof RosterStudent) ?? 'row', message: say(i.message, i.message) })) };
    return { line, student: checked.data, errors: [] };
  });
  return { rows, fileErrors, columns };
}

/** What importing one row would do. */
export type RosterAction = 'new' | 'update' | 'unchanged' | 'error';

export interface RosterPlanRow {
  line: number;
  nisn: string | null;
  action: RosterAction;
  /** Fields that would change (for `update`). */
  changes?: (keyof RosterStudent)[];
  errors?: RowError[];
  student: RosterStudent | null;
}

export interface RosterPlan {
  rows: RosterPlanRow[];
  fileErrors: Localized[];
  counts: Record<RosterAction, number>;
  /** True when the file can be applied: no file error and no error row. */
  applicable: boolean;
}

const COMPARED: (keyof RosterStudent)[] = ['name', 'className', 'gender', 'birthDate', 'guardianName', 'guardianPhone'];

/**
 * Compares parsed rows with the school's students (by NISN): absent → `new`;
 * present with different fields → `update` (which fields); identical →
 * `unchanged`, so importing the same file twice changes nothing.
 */
export function planRoster(parsed: RosterParse, existing: readonly RosterStudent[]): RosterPlan {
  const byNisn = new Map(existing.map((s) => [s.nisn, s]));
  const rows = parsed.rows.map((row): RosterPlanRow => {
    if (!row.student) return { line: row.line, nisn: null, action: 'error', errors: row.errors, student: null };
    const current = byNisn.get(row.student.nisn);
    if (!current) return { line: row.line, nisn: row.student.nisn, action: 'new', student: row.student };
    const given = COMPARED.filter((f) => parsed.columns.includes(f));
    const changes = given.filter((f) => (current[f] ?? null) !== (row.student![f] ?? null));
    const merged: RosterStudent = { ...current, ...Object.fromEntries(given.map((f) => [f, row.student![f]])) };
    return changes.length === 0
      ? { line: row.line, nisn: row.student.nisn, action: 'unchanged', student: merged }
      : { line: row.line, nisn: row.student.nisn, action: 'update', changes, student: merged };
  });
  const counts: Record<RosterAction, number> = { new: 0, update: 0, unchanged: 0, error: 0 };
  for (const r of rows) counts[r.action]++;
  return { rows, fileErrors: parsed.fileErrors, counts, applicable: parsed.fileErrors.length === 0 && counts.error === 0 };
}
