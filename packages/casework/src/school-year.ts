/**
 * Students over time: the academic year and semester (`2025/2026 Ganjil`),
 * the status lifecycle (aktif, mutasi masuk, mutasi keluar, putus sekolah,
 * lulus) and the year-end rollover (kenaikan kelas: promote a class list,
 * keep those tinggal kelas, graduate the final grade). Pure.
 */
import { say, type Localized } from './text.ts';

export const SEMESTERS = ['ganjil', 'genap'] as const;
export type Semester = (typeof SEMESTERS)[number];

/** One semester of one academic year: `{ year: '2025/2026', semester: 'ganjil' }`. */
export interface Term {
  year: string;
  semester: Semester;
}

export const ACADEMIC_YEAR_RE = /^(\d{4})\/(\d{4})$/;

/** True for `2025/2026` (the second year follows the first). */
export function isAcademicYear(year: string): boolean {
  const m = ACADEMIC_YEAR_RE.exec(year);
  return m !== null && Number(m[2]) === Number(m[1]) + 1;
}

/**
 * The term a date (`YYYY-MM-DD` or `YYYY-MM`) falls in. The Indonesian school
 * year starts in July: July–December is the ganjil semester, January–June
 * the genap semester of the year that began the July before.
 */
export function termOfDate(date: string): Term {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  return m >= 7 ? { year: `${y}/${y + 1}`, semester: 'ganjil' } : { year: `${y - 1}/${y}`, semester: 'genap' };
}

/**
 * The term an indicator period belongs to: a month `YYYY-MM` by its date; a
 * grade term `2025/2026-1` / `2025-1` (the year the school year starts, then
 * 1 = ganjil, 2 = genap). Null for anything else.
 */
export function termOfPeriod(period: string): Term | null {
  if (/^\d{4}-(0[1-9]|1[0-2])$/.test(period)) return termOfDate(period);
  const full = /^(\d{4})\/(\d{4})-([12])$/.exec(period);
  if (full) return { year: `${full[1]}/${full[2]}`, semester: full[3] === '1' ? 'ganjil' : 'genap' };
  const short = /^(\d{4})-([12])$/.exec(period);
  if (short) return { year: `${short[1]}/${Number(short[1]) + 1}`, semester: short[2] === '1' ? 'ganjil' : 'genap' };
  return null;
}

/** `2025/2026 Ganjil` (Indonesian) / `2025/2026 odd semester` (English). */
export function termLabel(t: Term): Localized {
  return say(`${t.year} ${t.semester === 'ganjil' ? 'Ganjil' : 'Genap'}`, `${t.year} ${t.semester === 'ganjil' ? 'odd' : 'even'} semester`);
}

/** `2025/2026` → `2026/2027`. */
export function nextAcademicYear(year: string): string {
  const m = ACADEMIC_YEAR_RE.exec(year);
  if (!m) throw new Error(`not an academic year: ${year}`);
  return `${Number(m[1]) + 1}/${Number(m[2]) + 1}`;
}

// ─── status lifecycle ────────────────────────────────────────────────────────

/**
 * `active` aktif; `transferred_in` mutasi masuk (enrolled, came from another
 * school); `transferred` mutasi keluar (pindah); `dropped_out` keluar / putus
 * sekolah; `graduated` lulus.
 */
export const STUDENT_STATUSES = ['active', 'transferred_in', 'transferred', 'dropped_out', 'graduated'] as const;
export type StudentStatus = (typeof STUDENT_STATUSES)[number];

export const STUDENT_STATUS_LABELS: Record<StudentStatus, Localized> = {
  active: say('Aktif', 'Active'),
  transferred_in: say('Mutasi masuk', 'Transferred in'),
  transferred: say('Mutasi keluar (pindah)', 'Transferred out'),
  dropped_out: say('Keluar / putus sekolah', 'Left / dropped out'),
  graduated: say('Lulus', 'Graduated'),
};

/** Enrolled at the school today (counted in classes, rollover, early warning). */
export function isEnrolled(status: string): boolean {
  return status === 'active' || status === 'transferred_in';
}

/**
 * Whether a student may move from one status to another. Enrolled students
 * may leave (any way); a student who left may only come back (re-enrolment:
 * `active` or `transferred_in`). Moving to the same status is refused.
 */
export function statusChangeAllowed(from: StudentStatus, to: StudentStatus): boolean {
  if (from === to) return false;
  if (isEnrolled(from)) return !(isEnrolled(to) && to === 'transferred_in');
  return isEnrolled(to);
}

/** The status a closing outcome puts the student in, when it says they left (the guru BK confirms). */
export function statusForOutcome(outcome: string | null | undefined): StudentStatus | null {
  if (outcome === 'dropped_out') return 'dropped_out';
  if (outcome === 'transferred') return 'transferred';
  return null;
}

// ─── kenaikan kelas ──────────────────────────────────────────────────────────

const ROMAN = ['', 'I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII'];

/** The grade (tingkat) and the rest of a class name: `XI TKR 1` → 11, roman; `7A` → 7, arabic. */
export function gradeOfClass(className: string): { grade: number; roman: boolean; rest: string } | null {
  const s = className.trim().replace(/^kelas\s+/i, '');
  const roman = /^(XIII|XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I)(?![A-Za-z])(.*)$/.exec(s);
  if (roman) return { grade: ROMAN.indexOf(roman[1]!), roman: true, rest: roman[2]! };
  const arabic = /^(1[0-3]|[1-9])(?!\d)(.*)$/.exec(s);
  if (arabic) return { grade: Number(arabic[1]), roman: false, rest: arabic[2]! };
  return null;
}

/** The final grade of a school from its classes: 6 (SD), 9 (SMP) or 12 (SMA/SMK/SLB). */
export function finalGradeOf(classNames: readonly string[]): number {
  const max = Math.max(0, ...classNames.map((c) => gradeOfClass(c)?.grade ?? 0));
  return max <= 6 ? 6 : max <= 9 ? 9 : Math.max(12, max);
}

/** The class a promoted student goes to (`X-1` → `XI-1`, `7A` → `8A`); null when the grade is not recognised. */
export function promotedClass(className: string): string | null {
  const g = gradeOfClass(className);
  if (!g || g.grade >= 13) return null;
  return `${g.roman ? ROMAN[g.grade + 1] : String(g.grade + 1)}${g.rest}`;
}

export type RolloverAction = 'promote' | 'repeat' | 'graduate' | 'unknown_class';

export interface RolloverStudent {
  id: string;
  name: string;
  className: string;
  status: string;
  /** Open cases (they carry over into the new year with their history). */
  openCases?: number;
}

export interface RolloverRow {
  studentId: string;
  name: string;
  from: string;
  /** The class next year (null for graduates and unknown classes). */
  to: string | null;
  action: RolloverAction;
  openCases: number;
}

export interface RolloverClass {
  className: string;
  to: string | null;
  students: number;
  promote: number;
  repeat: number;
  graduate: number;
  unknown: number;
  openCases: number;
}

export interface RolloverPlan {
  fromYear: string;
  toYear: string;
  finalGrade: number;
  rows: RolloverRow[];
  classes: RolloverClass[];
  counts: Record<RolloverAction, number> & { openCases: number };
}

/**
 * The year-end plan for every enrolled student: promote to the next grade,
 * repeat (`repeat`: the ids the school keeps tinggal kelas), or graduate from
 * the final grade. Students who left are not in it. Classes in name order.
 */
export function planRollover(students: readonly RolloverStudent[], opts: { fromYear: string; repeat?: ReadonlySet<string>; finalGrade?: number }): RolloverPlan {
  const enrolled = students.filter((s) => isEnrolled(s.status));
  const finalGrade = opts.finalGrade ?? finalGradeOf(enrolled.map((s) => s.className));
  const repeat = opts.repeat ?? new Set<string>();
  const rows: RolloverRow[] = enrolled.map((s) => {
    const g = gradeOfClass(s.className);
    const base = { studentId: s.id, name: s.name, from: s.className, openCases: s.openCases ?? 0 };
    if (!g) return { ...base, to: null, action: 'unknown_class' };
    if (repeat.has(s.id)) return { ...base, to: s.className, action: 'repeat' };
    if (g.grade >= finalGrade) return { ...base, to: null, action: 'graduate' };
    return { ...base, to: promotedClass(s.className), action: 'promote' };
  });
  rows.sort((a, b) => a.from.localeCompare(b.from, 'id', { numeric: true }) || a.name.localeCompare(b.name, 'id'));
  const byClass = new Map<string, RolloverClass>();
  for (const r of rows) {
    let c = byClass.get(r.from);
    if (!c) byClass.set(r.from, (c = { className: r.from, to: r.action === 'graduate' ? null : promotedClass(r.from), students: 0, promote: 0, repeat: 0, graduate: 0, unknown: 0, openCases: 0 }));
    c.students++;
    c.openCases += r.openCases;
    if (r.action === 'unknown_class') c.unknown++;
    else c[r.action]++;
  }
  const counts = { promote: 0, repeat: 0, graduate: 0, unknown_class: 0, openCases: 0 };
  for (const r of rows) {
    counts[r.action]++;
    counts.openCases += r.openCases;
  }
  return { fromYear: opts.fromYear, toYear: nextAcademicYear(opts.fromYear), finalGrade, rows, classes: [...byClass.values()], counts };
}
