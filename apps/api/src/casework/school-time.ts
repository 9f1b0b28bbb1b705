/**
 * A school's own clock: its year settings as of today, and the time zone its
 * kepsek set (WIB, WITA or WIT) as a UTC offset and an IANA name, for due
 * dates that end at the school's midnight, late days counted on its calendar,
 * its current term, and dates and times on its letters and messages.
 */
import { schoolDateOf, TIME_ZONE_IANA, TIME_ZONE_OFFSET_MINUTES, type TimeZone } from '@jalur/casework';
import type { JalurDb, SchoolYearSettings } from '@jalur/db';

export interface SchoolClock {
  settings: SchoolYearSettings;
  zone: TimeZone;
  offsetMinutes: number;
  /** `Asia/Jakarta`, `Asia/Makassar` or `Asia/Jayapura`. */
  iana: string;
  /** The school's date today (`YYYY-MM-DD`) in its own zone. */
  today: string;
}

export async function schoolClockOf(db: JalurDb, schoolId: string, now: Date): Promise<SchoolClock> {
  const settings = await db.schoolYear.settings(schoolId, schoolDateOf(now));
  const zone = settings.timeZone;
  const offsetMinutes = TIME_ZONE_OFFSET_MINUTES[zone];
  return { settings, zone, offsetMinutes, iana: TIME_ZONE_IANA[zone], today: schoolDateOf(now, offsetMinutes) };
}
