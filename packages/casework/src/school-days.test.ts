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

describe('six-day weeks and national holidays', () => {
  it('a six-day school counts Saturday, never Sunday', () => {
    const six = schoolCalendar([], { weekDays: 6 });
    expect(isSchoolDay('2026-01-10', six)).toBe(true);
    expect(isSchoolDay('2026-01-11', six)).toBe(false);
    // Friday + 1 school day: Saturday in a six-day week, Monday in a five-day one.
    expect(addSchoolDays('2026-01-09', 1, six)).toBe('2026-01-10');
    expect(addSchoolDays('2026-01-09', 1, schoolCalendar([]))).toBe('2026-01-12');
  });
  it("national holidays are days off unless the school's own entry says otherwise", async () => {
    const { nationalHolidays } = await import('./holidays.ts');
    const h2026 = nationalHolidays(2026);
    expect(h2026.find((h) => h.date === '2026-08-17')?.note).toMatch(/Kemerdekaan/);
    expect(h2026.find((h) => h.date === '2026-01-01')).toBeTruthy();
    // Idul Fitri (movable) is there too.
    expect(h2026.some((h) => /Idul Fitri/.test(h.note ?? ''))).toBe(true);
    const cal = schoolCalendar([], { national: h2026 });
    expect(isSchoolDay('2026-08-17', cal)).toBe(false);
    // 14 Aug 2026 is a Friday; 1 school day later skips the weekend and the 17th.
    expect(addSchoolDays('2026-08-14', 1, cal)).toBe('2026-08-18');
    const override = schoolCalendar([{ date: '2026-08-17', kind: 'school_day' }], { national: h2026 });
    expect(isSchoolDay('2026-08-17', override)).toBe(true);
    expect(nationalHolidays(1800)).toEqual([]);
  });
  it('WITA and WIT turn an instant into a later school date than WIB', async () => {
    const { schoolDateOf, TIME_ZONE_OFFSET_MINUTES } = await import('./school-days.ts');
    const late = new Date('2026-01-09T16:30:00Z'); // 23:30 WIB, 00:30 WITA next day
    expect(schoolDateOf(late, TIME_ZONE_OFFSET_MINUTES.WIB)).toBe('2026-01-09');
    expect(schoolDateOf(late, TIME_ZONE_OFFSET_MINUTES.WITA)).toBe('2026-01-10');
    expect(schoolDateOf(late, TIME_ZONE_OFFSET_MINUTES.WIT)).toBe('2026-01-10');
  });
});
