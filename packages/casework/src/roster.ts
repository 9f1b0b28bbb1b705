/**
 * Roster import: a CSV of students (Indonesian or English headers) becomes a
 * plan — each row `new`, `update`, `unchanged` or `error` with the reasons —
 * checked against the students the school already has, matched by NISN.
 *
 * A Dapodik export ("Daftar Peserta Didik") reads as it is: title rows above
 * the header (school name, kecamatan, download date), a two-row header where
 * a group ("Data Ayah", "Data Ibu", "Data Wali") spans its sub-columns
 * ("Nama", "Tahun Lahir", …), and 60-odd columns of which the roster keeps
 * the class (Rombel Saat Ini), parents' names, the phone, PIP/KIP and the
 * way to school. An unknown layout is mapped by hand: `mapping` names the
 * field of a column by its header label (see README, "Dapodik").
 */
import { isValid, parse as parseDate, format } from 'date-fns';
import Papa from 'papaparse';
import { z } from 'zod';
import { headerKey } from './csv.ts';
import { say, type Localized } from './text.ts';

/** Accepted header spellings per field (compared without case, spaces or punctuation). */
export const ROSTER_HEADERS = {
  nisn: ['NISN', 'No Induk Siswa Nasional'],
  name: ['nama', 'nama siswa', 'nama lengkap', 'name', 'full name', 'student name'],
  className: ['kelas', 'rombel', 'rombel saat ini', 'rombongan belajar', 'class', 'class name'],
  gender: ['jenis kelamin', 'jk', 'l/p', 'gender', 'sex'],
  birthDate: ['tanggal lahir', 'tgl lahir', 'tgl. lahir', 'birth date', 'date of birth', 'dob', 'birthdate'],
  guardianName: ['nama wali', 'data wali nama', 'nama orang tua', 'nama ortu', 'orang tua/wali', 'wali', 'guardian', 'guardian name', 'parent name'],
  guardianPhone: ['no hp wali', 'hp wali', 'telepon wali', 'no telp wali', 'no hp orang tua', 'hp ortu', 'hp', 'no hp', 'nomor hp', 'telepon', 'guardian phone', 'phone', 'parent phone'],
  fatherName: ['nama ayah', 'data ayah nama', 'nama ayah kandung', 'father name', 'father'],
  motherName: ['nama ibu', 'data ibu nama', 'nama ibu kandung', 'mother name', 'mother'],
  pipEligible: ['layak pip', 'layak pip usulan dari sekolah', 'usulan dari sekolah layak pip', 'pip eligible'],
  kipHolder: ['penerima kip', 'pemegang kip', 'kip holder', 'kip'],
  pipReceived: ['penerima pip', 'terima pip', 'sudah terima pip', 'pip diterima', 'pip received'],
  distanceKm: ['jarak rumah ke sekolah km', 'jarak rumah ke sekolah', 'jarak ke sekolah km', 'jarak ke sekolah', 'jarak km', 'jarak', 'distance km', 'distance'],
  transport: ['alat transportasi', 'moda transportasi', 'transportasi', 'transport'],
} as const;

export type RosterField = keyof typeof ROSTER_HEADERS;
export const ROSTER_FIELDS = Object.keys(ROSTER_HEADERS) as RosterField[];

/** A student as the roster describes them; the shape `students` rows take. */
export const rosterStudentSchema = z.object({
  nisn: z.string().regex(/^\d{10}$/),
  name: z.string().min(1).max(200),
  className: z.string().min(1).max(40),
  gender: z.enum(['L', 'P']).nullable(),
  birthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
  guardianName: z.string().max(200).nullable(),
  guardianPhone: z.string().max(30).nullable(),
  fatherName: z.string().max(200).nullable(),
  motherName: z.string().max(200).nullable(),
  pipEligible: z.boolean().nullable(),
  kipHolder: z.boolean().nullable(),
  pipReceived: z.boolean().nullable(),
  distanceKm: z.number().min(0).max(1000).nullable(),
  transport: z.string().max(60).nullable(),
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

/** One column of the file as read: its header label (group and sub-header joined) and the field it fills. */
export interface RosterColumn {
  index: number;
  label: string;
  field: RosterField | null;
}

export interface RosterParse {
  rows: ParsedRosterRow[];
  /** File-level problems (missing required columns, empty file). */
  fileErrors: Localized[];
  /** Fields the file has a column for: an absent column leaves that field as it is. */
  columns: (keyof RosterStudent)[];
  /** Every column with its label and field (for the mapping screen). */
  headers: RosterColumn[];
  /** Lines (1-based) of the header: one, or two for a group/sub-header export. Title rows are above. */
  headerLines: number[];
}

/** A column label → field chosen by hand ('' ignores the column); wins over the built-in aliases. */
export type RosterMapping = Record<string, RosterField | ''>;

const BY_KEY = new Map<string, RosterField>();
for (const [field, names] of Object.entries(ROSTER_HEADERS) as [RosterField, readonly string[]][]) {
  BY_KEY.set(headerKey(field), field);
  for (const n of names) BY_KEY.set(headerKey(n), field);
}
const fieldOf = (label: string): RosterField | null => BY_KEY.get(headerKey(label)) ?? null;

/**
 * Finds the header in the first rows of a sheet: the row naming the most
 * known fields (title rows above it name none). When the row under it fills
 * cells under a group label (merged cells arrive as the label then blanks),
 * the two rows are one header: `Data Ayah` + `Nama` → `Data Ayah Nama`.
 */
export function locateHeader(rows: readonly (readonly string[])[], mapping: RosterMapping = {}): { labels: string[]; headerLines: number[]; dataFrom: number } | null {
  const mapped = new Set(Object.keys(mapping).map(headerKey));
  let best = -1;
  let bestScore = 0;
  for (let i = 0; i < Math.min(rows.length, 25); i++) {
    const score = (rows[i] ?? []).filter((c) => c.trim() !== '' && (fieldOf(c) !== null || mapped.has(headerKey(c)))).length;
    if (score > bestScore) [best, bestScore] = [i, score];
  }
  if (best < 0) return null;
  const top = (rows[best] ?? []).map((c) => c.trim());
  const under = (rows[best + 1] ?? []).map((c) => c.trim());
  const looksLikeData = under.some((c) => /^\d{10}$/.test(c.replace(/\s/g, '')));
  const subHeader = !looksLikeData && under.some((c, i) => c !== '' && (top[i] ?? '') === '') && under.filter((c) => c !== '').length >= 2;
  if (!subHeader) return { labels: top, headerLines: [best + 1], dataFrom: best + 1 };
  const width = Math.max(top.length, under.length);
  const labels: string[] = [];
  let group = '';
  for (let i = 0; i < width; i++) {
    const t = top[i] ?? '';
    const u = under[i] ?? '';
    if (t !== '') group = t;
    if (u === '') labels.push(t);
    // A group's first sub-column sits under the group label itself; later ones under blanks.
    else labels.push(`${t !== '' ? t : group} ${u}`.trim());
  }
  return { labels, headerLines: [best + 1, best + 2], dataFrom: best + 2 };
}

const YES = new Set(['ya', 'y', 'yes', 'true', '1', 'iya', 'layak', 'sudah', 'menerima']);
const NO = new Set(['tidak', 't', 'no', 'false', '0', 'tdk', 'belum', 'tidaklayak']);

/** `Ya` / `Tidak` (and `1`/`0`, `yes`/`no`) → boolean; `undefined` when not recognised. */
export function parseYesNo(value: string): boolean | undefined {
  const v = value.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (YES.has(v)) return true;
  if (NO.has(v)) return false;
  return undefined;
}

/** `2,5`, `2.5 km`, `3` → km; `undefined` when not a number. */
export function parseKm(value: string): number | undefined {
  const m = /^(\d+(?:[.,]\d+)?)\s*(km)?$/i.exec(value.trim());
  return m ? Number(m[1]!.replace(',', '.')) : undefined;
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
  return v === undefined || v === '' || v === '-' ? null : v;
}

/**
 * Parses and validates every row of a roster CSV (or a sheet turned into
 * CSV): title rows and a two-row header are found, `mapping` overrides the
 * field of any column by its label. Never throws.
 */
export function parseRoster(csv: string, mapping: RosterMapping = {}): RosterParse {
  const grid = Papa.parse<string[]>(csv.replace(/^\uFEFF/, ''), { skipEmptyLines: false, delimitersToGuess: [',', ';', '\t'] }).data.map((r) => r.map((c) => String(c ?? '')));
  const located = locateHeader(grid, mapping);
  const manual = new Map(Object.entries(mapping).map(([label, field]) => [headerKey(label), field]));
  const headers: RosterColumn[] = (located?.labels ?? []).map((label, index) => {
    const chosen = manual.get(headerKey(label));
    return { index, label, field: chosen !== undefined ? (chosen === '' ? null : chosen) : label === '' ? null : fieldOf(label) };
  });
  // A field named by two columns keeps the first (Dapodik has `Telepon` and `HP`: the mapping decides otherwise).
  const seenField = new Set<RosterField>();
  for (const h of headers) {
    if (h.field === null) continue;
    if (seenField.has(h.field)) h.field = null;
    else seenField.add(h.field);
  }
  const records: { line: number; cells: Partial<Record<RosterField, string>> }[] = [];
  for (let i = located?.dataFrom ?? grid.length; i < grid.length; i++) {
    const row = grid[i] ?? [];
    if (row.every((c) => c.trim() === '')) continue;
    const cells: Partial<Record<RosterField, string>> = {};
    for (const h of headers) if (h.field !== null) cells[h.field] = (row[h.index] ?? '').trim();
    // Footer rows of an export (totals, signatures) carry neither a NISN nor a class.
    if (!cells.nisn && !cells.className) continue;
    records.push({ line: i + 1, cells });
  }
  const present = new Set(headers.map((h) => h.field));
  const fileErrors: Localized[] = [];
  const missing = REQUIRED.filter((f) => !present.has(f));
  if (missing.length > 0)
    fileErrors.push(say(`Kolom wajib tidak ada: ${missing.join(', ')}.`, `Required columns missing: ${missing.join(', ')}.`));
  if (records.length === 0) fileErrors.push(say('Berkas tidak berisi baris siswa.', 'The file has no student rows.'));
  const columns = ROSTER_FIELDS.filter((f) => present.has(f));
  const headerLines = located?.headerLines ?? [];
  if (missing.length > 0) return { rows: [], fileErrors, columns, headers, headerLines };
  const table = { records };

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
    const yesNo = (field: 'pipEligible' | 'kipHolder' | 'pipReceived'): boolean | null => {
      const raw = nonEmpty(cells[field]);
      if (raw === null) return null;
      const v = parseYesNo(raw);
      if (v === undefined) errors.push({ field, message: say('Isi Ya atau Tidak.', 'Use Ya (yes) or Tidak (no).') });
      return v ?? null;
    };
    const pipEligible = yesNo('pipEligible');
    const kipHolder = yesNo('kipHolder');
    const pipReceived = yesNo('pipReceived');
    let distanceKm: number | null = null;
    const rawKm = nonEmpty(cells.distanceKm);
    if (rawKm !== null) {
      const km = parseKm(rawKm);
      if (km === undefined || km > 1000) errors.push({ field: 'distanceKm', message: say('Jarak harus angka dalam km (contoh: 2,5).', 'Distance must be a number of km (e.g. 2.5).') });
      else distanceKm = km;
    }
    const candidate = {
      nisn, name, className, gender, birthDate, guardianName: nonEmpty(cells.guardianName), guardianPhone,
      fatherName: nonEmpty(cells.fatherName), motherName: nonEmpty(cells.motherName), pipEligible, kipHolder, pipReceived, distanceKm, transport: nonEmpty(cells.transport),
    };
    if (errors.length > 0) return { line, student: null, errors };
    const checked = rosterStudentSchema.safeParse(candidate);
    if (!checked.success)
      return { line, student: null, errors: checked.error.issues.map((i) => ({ field: (i.path[0] as keyof RosterStudent) ?? 'row', message: say(i.message, i.message) })) };
    return { line, student: checked.data, errors: [] };
  });
  return { rows, fileErrors, columns, headers, headerLines };
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

/** A student the school has: the roster's core fields; the Dapodik facts may be absent (older rows). */
export type ExistingStudent = Pick<RosterStudent, 'nisn' | 'name' | 'className' | 'gender' | 'birthDate' | 'guardianName' | 'guardianPhone'> & Partial<RosterStudent>;

const EMPTY_FACTS = { fatherName: null, motherName: null, pipEligible: null, kipHolder: null, pipReceived: null, distanceKm: null, transport: null } as const;

const COMPARED: (keyof RosterStudent)[] = ['name', 'className', 'gender', 'birthDate', 'guardianName', 'guardianPhone', 'fatherName', 'motherName', 'pipEligible', 'kipHolder', 'pipReceived', 'distanceKm', 'transport'];

/**
 * Compares parsed rows with the school's students (by NISN): absent → `new`;
 * present with different fields → `update` (which fields); identical →
 * `unchanged`, so importing the same file twice changes nothing.
 */
export function planRoster(parsed: RosterParse, existing: readonly ExistingStudent[]): RosterPlan {
  const byNisn = new Map(existing.map((s) => [s.nisn, s]));
  const rows = parsed.rows.map((row): RosterPlanRow => {
    if (!row.student) return { line: row.line, nisn: null, action: 'error', errors: row.errors, student: null };
    const current = byNisn.get(row.student.nisn);
    if (!current) return { line: row.line, nisn: row.student.nisn, action: 'new', student: row.student };
    const given = COMPARED.filter((f) => parsed.columns.includes(f));
    const changes = given.filter((f) => (current[f] ?? null) !== (row.student![f] ?? null));
    const merged: RosterStudent = { ...EMPTY_FACTS, ...current, ...Object.fromEntries(given.map((f) => [f, row.student![f]])) };
    return changes.length === 0
      ? { line: row.line, nisn: row.student.nisn, action: 'unchanged', student: merged }
      : { line: row.line, nisn: row.student.nisn, action: 'update', changes, student: merged };
  });
  const counts: Record<RosterAction, number> = { new: 0, update: 0, unchanged: 0, error: 0 };
  for (const r of rows) counts[r.action]++;
  return { rows, fileErrors: parsed.fileErrors, counts, applicable: parsed.fileErrors.length === 0 && counts.error === 0 };
}
