/**
 * School-day arithmetic. A school keeps a five-day week (Monday–Friday) or a
 * six-day week (Monday–Saturday) in its own time zone (WIB, WITA, WIT); the
 * national holidays (see `holidays.ts`) and the school's own calendar (set by
 * the kepsek) add exceptions: `holiday` (no school), `school_day` (e.g. a
 * make-up Saturday) and `exam` (a school day in an exam week). A "5 hari
 * sekolah" deadline skips the days off, holidays included. The school's own
 * entry for a date wins over the national one.
 */
import { addDays, addMinutes, differenceInCalendarDays, format, isWeekend, parseISO } from 'date-fns';

export type CalendarKind = 'school_day' | 'holiday' | 'exam';

/** One exception to the default week, `date` as `YYYY-MM-DD`. */
export interface CalendarEntry {
  date: string;
  kind: CalendarKind;
  note?: string | null;
}

/** Calendar entries indexed by date, built once per computation; `weekDays` 6 makes Saturday a school day. */
export type SchoolCalendar = ReadonlyMap<string, CalendarKind> & { readonly weekDays?: 5 | 6 };

/** How a school's week runs: five or six school days, in one of Indonesia's three time zones. */
export interface SchoolWeek {
  weekDays: 5 | 6;
  timeZone: TimeZone;
}

/**
 * Indexes calendar entries by date (a later entry for the same date wins).
 * `national` entries (the year's hari libur nasional) go first, so the
 * school's own entry for the same date overrides them.
 */
export function schoolCalendar(entries: readonly CalendarEntry[], opts: { weekDays?: 5 | 6; national?: readonly CalendarEntry[] } = {}): SchoolCalendar {
  const map = new Map<string, CalendarKind>();
  for (const e of opts.national ?? []) map.set(e.date, e.kind);
  for (const e of entries) map.set(e.date, e.kind);
  return Object.assign(map, { weekDays: opts.weekDays ?? 5 });
}

/** Indonesia's western time (WIB, UTC+7): the default for turning instants into school dates. */
export const WIB_OFFSET_MINUTES = 420;

/** Indonesia's three time zones: WIB (UTC+7, Sumatra, Java, West and Central Kalimantan), WITA (UTC+8), WIT (UTC+9, Maluku, Papua). */
export const TIME_ZONES = ['WIB', 'WITA', 'WIT'] as const;
export type TimeZone = (typeof TIME_ZONES)[number];

/** Minutes east of UTC of a time zone. */
export const TIME_ZONE_OFFSET_MINUTES: Record<TimeZone, number> = { WIB: 420, WITA: 480, WIT: 540 };

/** The IANA name of each time zone, for `Intl` dates on paper and in messages ("pukul 09.30 WITA"). */
export const TIME_ZONE_IANA: Record<TimeZone, string> = { WIB: 'Asia/Jakarta', WITA: 'Asia/Makassar', WIT: 'Asia/Jayapura' };

/** The default week: five days, WIB. */
export const DEFAULT_SCHOOL_WEEK: SchoolWeek = { weekDays: 5, timeZone: 'WIB' };

/** The calendar date (`YYYY-MM-DD`) of an instant at a UTC offset. */
export function schoolDateOf(instant: Date, offsetMinutes = WIB_OFFSET_MINUTES): string {
  return addMinutes(instant, offsetMinutes).toISOString().slice(0, 10);
}

/** The last minute (23:59) of a calendar date (`YYYY-MM-DD`) at a UTC offset: a due date as the instant it ends. */
export function endOfSchoolDate(date: string, offsetMinutes = WIB_OFFSET_MINUTES): Date {
  return new Date(Date.parse(`${date}T23:59:00Z`) - offsetMinutes * 60_000);
}

/** True when `date` (`YYYY-MM-DD`) is a school day. */
export function isSchoolDay(date: string, calendar: SchoolCalendar): boolean {
  const kind = calendar.get(date);
  if (kind === 'holiday') return false;
  if (kind === 'school_day' || kind === 'exam') return true;
  const day = parseISO(date);
  if (calendar.weekDays === 6) return day.getDay() !== 0;
  return !isWeekend(day);
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
