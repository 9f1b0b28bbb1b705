/** What both dialects of the school-year repository decide the same way. */
import { schoolDateOf, termOfDate, TIME_ZONE_OFFSET_MINUTES } from '@jalur/casework';
import { fail, type DbResult } from './result.ts';
import type { SchoolYearSettings, StudentStatus } from './school-year-repo.ts';

/** The settings of a school that has saved none: the term of `today`, a five-day WIB week, national holidays on. */
export function defaultSettings(schoolId: string, today: string): SchoolYearSettings {
  const term = termOfDate(today);
  return { schoolId, academicYear: term.year, semester: term.semester, weekDays: 5, timeZone: 'WIB', nationalHolidays: true, updatedAt: null, stored: false };
}

/** The refusal of a status change the lifecycle forbids. */
export function statusRefusal(from: StudentStatus, to: StudentStatus): DbResult<never> {
  return fail('invalid', `Status siswa tidak bisa berubah dari ${from} ke ${to} / a student cannot move from ${from} to ${to}`, { details: { from, to } });
}

/** The `student_enrolments.result` of a rollover action. */
export function rolloverResult(action: 'promote' | 'repeat' | 'graduate'): string {
  return action === 'promote' ? 'promoted' : action === 'repeat' ? 'repeated' : 'graduated';
}

/** The academic year and semester a row written at `now` belongs to: the school's current term when it keeps one, else the term of the date. */
export function termAt(settings: { academicYear: string; semester: 'ganjil' | 'genap'; timeZone: 'WIB' | 'WITA' | 'WIT' } | null | undefined, now: Date): { academicYear: string; semester: 'ganjil' | 'genap' } {
  if (settings) return { academicYear: settings.academicYear, semester: settings.semester };
  const t = termOfDate(schoolDateOf(now, TIME_ZONE_OFFSET_MINUTES.WIB));
  return { academicYear: t.year, semester: t.semester };
}
