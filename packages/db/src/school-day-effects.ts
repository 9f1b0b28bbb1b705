/**
 * Due dates counted in school days (issue 6, NEEDS-FROM-CASEWORK #1). The
 * engine computes every due date in calendar days; a step with
 * `schoolDays: true` means "n hari sekolah", so before its `task.open` or
 * `timer.schedule` is stored the due instant is recomputed from the school's
 * calendar (weekends and holidays skipped) with `dueInSchoolDays` of
 * `@jalur/casework`. Pure: the drivers load the calendar window inside the
 * case's transaction and call {@link inSchoolDays}. The school's week
 * (`school_year_settings`: five or six days, WIB/WITA/WIT, national holidays
 * on or off) decides which days count and which date "today" is; Indonesia's
 * national holidays come from `@jalur/casework/holidays`, and the school's own
 * calendar entries win over them.
 */
import { dueInSchoolDays, schoolCalendar, schoolDateOf, TIME_ZONE_OFFSET_MINUTES, type CalendarEntry, type TimeZone } from '@jalur/casework';
import { nationalHolidaysBetween } from '@jalur/casework/holidays';
import type { Effect } from '@jalur/engine';
import type { PathwayVersionRow } from './rows.ts';

const DAY_MS = 86_400_000;

type StepNode = { states?: Record<string, StepNode>; meta?: { schoolDays?: unknown; dueInDays?: unknown } };

/** Per version: state path → its `dueInDays`, for the states that count school days. */
const schoolDaySteps = new Map<string, ReadonlyMap<string, number | null>>();

/** The states of a version that count school days (walked once per version; versions are immutable). */
export function schoolDayStepsOf(version: PathwayVersionRow): ReadonlyMap<string, number | null> {
  let steps = schoolDaySteps.get(version.id);
  if (!steps) {
    const found = new Map<string, number | null>();
    const walk = (node: StepNode | undefined, path: string) => {
      if (!node) return;
      if (path && node.meta?.schoolDays === true) found.set(path, typeof node.meta.dueInDays === 'number' ? node.meta.dueInDays : null);
      for (const [key, child] of Object.entries(node.states ?? {})) walk(child, path ? `${path}.${key}` : key);
    };
    walk((version.document as { machine?: StepNode } | null)?.machine, '');
    if (schoolDaySteps.size >= 500) schoolDaySteps.delete(schoolDaySteps.keys().next().value!);
    schoolDaySteps.set(version.id, (steps = found));
  }
  return steps;
}

/** Whole days and the rest of a calendar-day delay. */
function splitDelay(ms: number): { days: number; rest: number } {
  const days = Math.max(0, Math.floor(ms / DAY_MS));
  return { days, rest: Math.max(0, ms - days * DAY_MS) };
}

/** The calendar dates to load (`from`..`to`, `YYYY-MM-DD`) for these effects, or null when none counts school days. */
export function calendarWindowFor(effects: readonly Effect[], version: PathwayVersionRow, now: Date): { from: string; to: string } | null {
  const steps = schoolDayStepsOf(version);
  let maxDays = -1;
  for (const e of effects) {
    if (e.type === 'task.open' && e.dueAt && (e.schoolDays || steps.has(e.stateId))) maxDays = Math.max(maxDays, splitDelay(Date.parse(e.dueAt) - now.getTime()).days);
    else if (e.type === 'timer.schedule' && steps.has(e.stateId)) maxDays = Math.max(maxDays, splitDelay(Date.parse(e.dueAt) - now.getTime()).days);
  }
  if (maxDays < 0) return null;
  const today = schoolDateOf(now);
  // Generous: n school days span at most ~n·7/5 calendar days plus the longest holiday runs of a school year.
  const span = Math.ceil((maxDays * 7) / 5) + 120;
  return { from: today, to: new Date(Date.parse(`${today}T00:00:00Z`) + span * DAY_MS).toISOString().slice(0, 10) };
}

/**
 * The effects with the due dates of school-day steps recounted in school
 * days (`calendar`: the school's entries over {@link calendarWindowFor}).
 * Everything else is returned as is.
 */
/** A school's week as `school_year_settings` stores it (snake or camel case); absent: five days, WIB, national holidays on. */
export interface SchoolWeekRow {
  weekDays?: number | null;
  week_days?: number | null;
  timeZone?: string | null;
  time_zone?: string | null;
  nationalHolidays?: boolean | number | null;
  national_holidays?: boolean | number | null;
}

/** The week settings read from a row (either spelling), with the defaults. */
export function schoolWeekOf(row: SchoolWeekRow | null | undefined): { weekDays: 5 | 6; offsetMinutes: number; nationalHolidays: boolean } {
  const weekDays = (row?.weekDays ?? row?.week_days) === 6 ? 6 : 5;
  const tz = (row?.timeZone ?? row?.time_zone ?? 'WIB') as TimeZone;
  const national = row?.nationalHolidays ?? row?.national_holidays;
  return { weekDays, offsetMinutes: TIME_ZONE_OFFSET_MINUTES[tz] ?? TIME_ZONE_OFFSET_MINUTES.WIB, nationalHolidays: national === undefined || national === null ? true : Boolean(national) };
}

export function inSchoolDays(effects: readonly Effect[], version: PathwayVersionRow, now: Date, calendar: readonly CalendarEntry[], week?: SchoolWeekRow | null): Effect[] {
  const steps = schoolDayStepsOf(version);
  const w = schoolWeekOf(week);
  const today = schoolDateOf(now, w.offsetMinutes);
  const horizon = new Date(Date.parse(`${today}T00:00:00Z`) + 800 * DAY_MS).toISOString().slice(0, 10);
  const cal = schoolCalendar(calendar, { weekDays: w.weekDays, national: w.nationalHolidays ? nationalHolidaysBetween(today, horizon) : [] });
  const recount = (dueAt: string, declared: number | null | undefined): string => {
    const { days, rest } = splitDelay(Date.parse(dueAt) - now.getTime());
    const n = declared ?? days;
    return new Date(dueInSchoolDays(now, n, cal, w.offsetMinutes).getTime() + (declared == null ? rest : 0)).toISOString();
  };
  return effects.map((e) => {
    if (e.type === 'task.open' && e.dueAt && (e.schoolDays || steps.has(e.stateId))) return { ...e, dueAt: recount(e.dueAt, steps.get(e.stateId)) };
    if (e.type === 'timer.schedule' && steps.has(e.stateId)) return { ...e, dueAt: recount(e.dueAt, null) };
    return e;
  });
}
