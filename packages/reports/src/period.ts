/**
 * Report periods. Dates are school calendar days in Indonesia; instants are
 * epoch milliseconds. The school day boundary is midnight WIB (UTC+07:00, no
 * daylight saving) unless the school's offset is given.
 */
import { z } from 'zod';

/** WIB, the offset of Java and Sumatra (most schools); WITA is +480, WIT +540. */
export const WIB_OFFSET_MINUTES = 420;

/** `YYYY-MM-DD` that is a real calendar date. */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'format YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'bukan tanggal yang valid / not a valid date');

/** A closed range of school days, `from` ≤ `to`. */
export const periodSchema = z
  .object({ from: isoDate, to: isoDate })
  .refine((p) => p.from <= p.to, { message: '`from` harus sebelum `to` / `from` must not be after `to`', path: ['to'] });

export type Period = z.infer<typeof periodSchema>;

/** The period as instants: `[start, endExclusive)` — from midnight of `from` to midnight after `to`. */
export interface PeriodBounds {
  start: number;
  endExclusive: number;
}

/** Midnight (school time) at the start of `date`, as epoch ms. */
export function startOfSchoolDay(date: string, offsetMinutes = WIB_OFFSET_MINUTES): number {
  return Date.parse(`${date}T00:00:00Z`) - offsetMinutes * 60_000;
}

/** The instants bounding a period. */
export function periodBounds(p: Period, offsetMinutes = WIB_OFFSET_MINUTES): PeriodBounds {
  return { start: startOfSchoolDay(p.from, offsetMinutes), endExclusive: startOfSchoolDay(p.to, offsetMinutes) + 86_400_000 };
}

/** The school-calendar date (`YYYY-MM-DD`) of an instant. */
export function schoolDateOf(at: number, offsetMinutes = WIB_OFFSET_MINUTES): string {
  return new Date(at + offsetMinutes * 60_000).toISOString().slice(0, 10);
}

/** The default report period: the 90 days ending on `now`'s school date. */
export function defaultPeriod(now: Date, offsetMinutes = WIB_OFFSET_MINUTES): Period {
  const to = schoolDateOf(now.getTime(), offsetMinutes);
  const from = schoolDateOf(now.getTime() - 89 * 86_400_000, offsetMinutes);
  return { from, to };
}

/**
 * The period widened to whole calendar months (first day of `from`'s month to
 * the last day of `to`'s). District answers use month-aligned periods so two
 * requests a day apart cannot be subtracted to follow one child in and out.
 */
export function monthAligned(p: Period): Period {
  const [y, m] = p.to.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${p.from.slice(0, 7)}-01`, to: `${p.to.slice(0, 7)}-${String(last).padStart(2, '0')}` };
}
