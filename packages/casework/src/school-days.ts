/**
 * School-day arithmetic. The default week is Monday–Friday; the school
 * calendar (set by the kepsek) adds exceptions: `holiday` (no school),
 * `school_day` (e.g. a make-up Saturday) and `exam` (a school day in an exam
 * week). A "5 hari sekolah" deadline skips weekends and holidays.
 */
import { addDays, addMinutes, differenceInCalendarDays, format, isWeekend, parseISO } from 'date-fns';

export type CalendarKind = 'school_day' | 'holiday' | 'exam';

/** One exception to the default week, `date` as `YYYY-MM-DD`. */
export interface CalendarEntry {
  date: string;
  kind: CalendarKind;
  note?: string | null;
}

/** Calendar entries indexed by date, built once per computation. */
export type SchoolCalendar = ReadonlyMap<string, CalendarKind>;

/** Indexes calendar entries by date (a later entry for the same date wins). */
export function schoolCalendar(entries: readonly CalendarEntry[]): SchoolCalendar {
  return new Map(entries.map((e) => [e.date, e.kind]));
}

/** Indonesia's western time (WIB, UTC+7): the default for turning instants into school dates. */
export const WIB_OFFSET_MINUTES = 420;

/** The calendar date (`YYYY-MM-DD`) of an instant at a UTC offset. */
export function schoolDateOf(instant: Date, offsetMinutes = WIB_OFFSET_MINUTES): string {
  return addMinutes(instant, offsetMinutes).toISOString().slice(0, 10);
}

/** True when `date` (`YYYY-MM-DD`) is a school day. */
export function isSchoolDay(date: string, calendar: SchoolCalendar): boolean {
  const kind = calendar.get(date);
  if (kind === 'holiday') return false;
  if (kind === 'school_day' || kind === 'exam') return true;
  return !isWeekend(parseISO(date));
}

/**
 * The date `n` school days after `date` (`n` ≥ 0; the start day itself is not
 * counted): `addSchoolDays('2026-01-09', 1)` (a Friday) is the Monday after.
 */
export function addSchoolDays(date: string, n: number, calendar: SchoolCalendar): string {
  let day = parseISO(date);
  let left = Math.max(0, Math.floor(n));
  // Bounded: a year with no school day would be a calendar error, not a reason to loop forever.
  for (let guard = 0; left > 0 && guard < 3660; guard++) {
    day = addDays(day, 1);
    if (isSchoolDay(format(day, 'yyyy-MM-dd'), calendar)) left--;
  }
  return format(day, 'yyyy-MM-dd');
}

/** School days in `[from, to]`, both `YYYY-MM-DD`, inclusive (0 when `to` < `from`). */
export function countSchoolDays(from: string, to: string, calendar: SchoolCalendar): number {
  const start = parseISO(from);
  const days = differenceInCalendarDays(parseISO(to), start);
  let count = 0;
  for (let i = 0; i <= days; i++) if (isSchoolDay(format(addDays(start, i), 'yyyy-MM-dd'), calendar)) count++;
  return count;
}

/**
 * The due instant of a step that counts `n` school days from `now`: the same
 * time of day, on the school date `n` school days later.
 */
export function dueInSchoolDays(now: Date, n: number, calendar: SchoolCalendar, offsetMinutes = WIB_OFFSET_MINUTES): Date {
  const today = schoolDateOf(now, offsetMinutes);
  const dueDate = addSchoolDays(today, n, calendar);
  const shift = differenceInCalendarDays(parseISO(dueDate), parseISO(today));
  return addDays(now, shift);
}

/** School days in a month (`YYYY-MM`): the default `schoolDays` of an attendance period. */
export function schoolDaysInMonth(period: string, calendar: SchoolCalendar): number {
  const first = `${period}-01`;
  const start = parseISO(first);
  const next = new Date(start.getFullYear(), start.getMonth() + 1, 1);
  return countSchoolDays(first, format(addDays(next, -1), 'yyyy-MM-dd'), calendar);
}
