/**
 * Indonesia's national holidays (hari libur nasional) for a year, from the
 * maintained `date-holidays` package (country `ID`: fixed dates, Islamic,
 * Chinese, Balinese and Christian movable feasts). Server-side only — it is a
 * subpath export (`@jalur/casework/holidays`) so the editor bundle does not
 * carry every country's rules. The SKB 3 Menteri may move a date or add a
 * cuti bersama: the kepsek corrects it on the school calendar, where the
 * school's own entry always wins over the national one.
 */
import Holidays from 'date-holidays';
import type { CalendarEntry } from './school-days.ts';

const indonesia = new Holidays('ID', { types: ['public'] });
const cache = new Map<number, CalendarEntry[]>();

/** The public holidays of `year` as `holiday` calendar entries (`note`: the holiday's name in Indonesian). */
export function nationalHolidays(year: number): CalendarEntry[] {
  if (!Number.isInteger(year) || year < 1970 || year > 2100) return [];
  let list = cache.get(year);
  if (!list) {
    const byDate = new Map<string, string>();
    for (const h of indonesia.getHolidays(year, 'id')) {
      if (h.type !== 'public') continue;
      const date = h.date.slice(0, 10);
      byDate.set(date, byDate.has(date) ? `${byDate.get(date)}; ${h.name}` : h.name);
    }
    list = [...byDate].sort(([a], [b]) => a.localeCompare(b)).map(([date, name]) => ({ date, kind: 'holiday' as const, note: name }));
    cache.set(year, list);
  }
  return list.map((e) => ({ ...e }));
}

/** National holidays over the years `from`..`to` touch (`YYYY-MM-DD`), within that range. */
export function nationalHolidaysBetween(from: string, to: string): CalendarEntry[] {
  const out: CalendarEntry[] = [];
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) out.push(...nationalHolidays(y).filter((e) => e.date >= from && e.date <= to));
  return out;
}
