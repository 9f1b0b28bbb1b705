import { describe, expect, it } from 'vitest';
import { schoolCalendar } from './school-days.ts';
import { lateSchoolDays, taskUrgency } from './tasks.ts';

// Instants in WIB (UTC+7): 2026-01-09 is a Friday.
const wib = (local: string) => new Date(`${local}+07:00`);
const fiveDays = schoolCalendar([]);

describe('lateSchoolDays', () => {
  it('is null for a task not yet due or without a due date', () => {
    expect(lateSchoolDays(null, wib('2026-01-09T10:00'), fiveDays)).toBeNull();
    expect(lateSchoolDays(wib('2026-01-09T12:00'), wib('2026-01-09T10:00'), fiveDays)).toBeNull();
  });

  it('counts the school days after the due date up to today, skipping the weekend', () => {
    expect(taskUrgency(wib('2026-01-09T08:00'), wib('2026-01-09T10:00'))).toBe('overdue');
    expect(lateSchoolDays(wib('2026-01-09T08:00'), wib('2026-01-09T10:00'), fiveDays)).toBe(0);
    expect(lateSchoolDays(wib('2026-01-09T08:00'), wib('2026-01-10T10:00'), fiveDays)).toBe(0); // Saturday
    expect(lateSchoolDays(wib('2026-01-09T08:00'), wib('2026-01-12T10:00'), fiveDays)).toBe(1); // Monday
    expect(lateSchoolDays(wib('2026-01-09T08:00'), wib('2026-01-16T10:00'), fiveDays)).toBe(5);
  });

  it('follows a six-day week and the school’s holidays', () => {
    const six = schoolCalendar([{ date: '2026-01-13', kind: 'holiday' }], { weekDays: 6 });
    expect(lateSchoolDays(wib('2026-01-09T08:00'), wib('2026-01-10T10:00'), six)).toBe(1);
    // Sat 10, Mon 12, (Tue 13 off), Wed 14
    expect(lateSchoolDays(wib('2026-01-09T08:00'), wib('2026-01-14T10:00'), six)).toBe(3);
  });

  it('takes the school date in the school’s time zone', () => {
    // 23:30 WIB on Friday is already Saturday in WIT (UTC+9): a day off either way, then Monday.
    expect(lateSchoolDays(wib('2026-01-08T23:30'), wib('2026-01-12T10:00'), fiveDays, 540)).toBe(1);
    expect(lateSchoolDays(wib('2026-01-08T23:30'), wib('2026-01-12T10:00'), fiveDays)).toBe(2);
  });
});
