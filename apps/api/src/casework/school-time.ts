/**
 * A school's own clock: the time zone its kepsek set (WIB, WITA or WIT) as a
 * UTC offset and an IANA name, for due dates that end at the school's
 * midnight and for dates and times on its letters and messages.
 */
import { schoolDateOf, TIME_ZONE_IANA, TIME_ZONE_OFFSET_MINUTES, type TimeZone } from '@jalur/casework';
import type { JalurDb } from '@jalur/db';

export interface SchoolClock {
  zone: TimeZone;
  offsetMinutes: number;
  /** `Asia/Jakarta`, `Asia/Makassar` or `Asia/Jayapura`. */
  iana: string;
}

export async function schoolClockOf(db: JalurDb, schoolId: string, now: Date): Promise<SchoolClock> {
  const { timeZone: zone } = await db.schoolYear.settings(schoolId, schoolDateOf(now));
  return { zone, offsetMinutes: TIME_ZONE_OFFSET_MINUTES[zone], iana: TIME_ZONE_IANA[zone] };
}
