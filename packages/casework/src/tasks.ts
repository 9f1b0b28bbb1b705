/** How urgent a step's task is, for "my tasks" and the reminders. */
import { addDays } from 'date-fns';
import { countSchoolDays, schoolDateOf, WIB_OFFSET_MINUTES, type SchoolCalendar } from './school-days.ts';

export type TaskUrgency = 'overdue' | 'due_today' | 'due_tomorrow' | 'later' | 'no_due_date';

/** Overdue once `dueAt` has passed; otherwise by the school date (WIB) it falls on. */
export function taskUrgency(dueAt: Date | null, now: Date, offsetMinutes = WIB_OFFSET_MINUTES): TaskUrgency {
  if (dueAt === null) return 'no_due_date';
  if (dueAt.getTime() < now.getTime()) return 'overdue';
  const due = schoolDateOf(dueAt, offsetMinutes);
  if (due === schoolDateOf(now, offsetMinutes)) return 'due_today';
  if (due === schoolDateOf(addDays(now, 1), offsetMinutes)) return 'due_tomorrow';
  return 'later';
}

/** Counts per urgency, for badges. */
export function countByUrgency(tasks: readonly { dueAt: Date | null }[], now: Date): Record<TaskUrgency, number> {
  const out: Record<TaskUrgency, number> = { overdue: 0, due_today: 0, due_tomorrow: 0, later: 0, no_due_date: 0 };
  for (const t of tasks) out[taskUrgency(t.dueAt, now)]++;
  return out;
}

/**
 * How many school days an overdue task is late: the school days after the
 * school date it was due, up to and including today (a task due on Friday
 * and still open on Monday is 1 school day late; one due this morning, 0).
 * Null when it is not overdue.
 */
export function lateSchoolDays(dueAt: Date | null, now: Date, calendar: SchoolCalendar, offsetMinutes = WIB_OFFSET_MINUTES): number | null {
  if (dueAt === null || dueAt.getTime() >= now.getTime()) return null;
  const due = schoolDateOf(dueAt, offsetMinutes);
  const today = schoolDateOf(now, offsetMinutes);
  return due >= today ? 0 : countSchoolDays(schoolDateOf(addDays(dueAt, 1), offsetMinutes), today, calendar);
}
