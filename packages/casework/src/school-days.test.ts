import { describe, expect, it } from 'vitest';
import { addSchoolDays, countSchoolDays, dueInSchoolDays, isSchoolDay, schoolCalendar, schoolDaysInMonth } from './school-days.ts';

describe('school days', () => {
  const empty = schoolCalendar([]);
  it('skips the weekend: 5 school days from Wednesday is next Wednesday', () => {
    expect(addSchoolDays('2026-01-07', 5, empty)).toBe('2026-01-14');
  });
  it('skips a holiday from the school calendar', () => {
    const cal = schoolCalendar([{ date: '2026-01-12', kind: 'holiday' }]);
    expect(addSchoolDays('2026-01-07', 5, cal)).toBe('2026-01-15');
    expect(isSchoolDay('2026-01-12', cal)).toBe(false);
  });
  it('counts a make-up Saturday and exam days as school days', () => {
    const cal = schoolCalendar([{ date: '2026-01-10', kind: 'school_day' }, { date: '2026-01-13', kind: 'exam' }]);
    expect(addSchoolDays('2026-01-09', 1, cal)).toBe('2026-01-10');
    expect(countSchoolDays('2026-01-05', '2026-01-11', cal)).toBe(6);
  });
  it('gives a due instant at the same time of day, counted on the WIB date', () => {
    // 2026-01-09 20:00 UTC is Saturday 03:00 WIB: five school days later is Friday 16th (WIB).
    const due = dueInSchoolDays(new Date('2026-01-09T20:00:00Z'), 5, empty);
    // Friday 16th 03:00 WIB is 15th 20:00 UTC.
    expect(due.toISOString()).toBe('2026-01-15T20:00:00.000Z');
  });
  it('counts school days in a month', () => {
    expect(schoolDaysInMonth('2026-02', empty)).toBe(20);
    expect(schoolDaysInMonth('2026-02', schoolCalendar([{ date: '2026-02-17', kind: 'holiday' }]))).toBe(19);
  });
});
