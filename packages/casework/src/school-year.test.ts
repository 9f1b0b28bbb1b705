import { describe, expect, it } from 'vitest';
import { finalGradeOf, gradeOfClass, isAcademicYear, nextAcademicYear, planRollover, promotedClass, statusChangeAllowed, termLabel, termOfDate, termOfPeriod } from './school-year.ts';

describe('academic year and semester', () => {
  it('July starts the ganjil semester; January the genap one of the same year', () => {
    expect(termOfDate('2025-07-14')).toEqual({ year: '2025/2026', semester: 'ganjil' });
    expect(termOfDate('2025-12-31')).toEqual({ year: '2025/2026', semester: 'ganjil' });
    expect(termOfDate('2026-01-05')).toEqual({ year: '2025/2026', semester: 'genap' });
    expect(termOfDate('2026-06-30')).toEqual({ year: '2025/2026', semester: 'genap' });
    expect(termLabel(termOfDate('2025-09-01')).id).toBe('2025/2026 Ganjil');
  });
  it('reads month and grade-term periods', () => {
    expect(termOfPeriod('2026-02')).toEqual({ year: '2025/2026', semester: 'genap' });
    expect(termOfPeriod('2025/2026-1')).toEqual({ year: '2025/2026', semester: 'ganjil' });
    expect(termOfPeriod('2023-2')).toEqual({ year: '2023/2024', semester: 'genap' });
    expect(termOfPeriod('2023-13')).toBeNull();
    expect(isAcademicYear('2025/2026')).toBe(true);
    expect(isAcademicYear('2025/2027')).toBe(false);
    expect(nextAcademicYear('2025/2026')).toBe('2026/2027');
  });
});

describe('status lifecycle', () => {
  it('an enrolled student may leave; one who left may only come back', () => {
    expect(statusChangeAllowed('active', 'dropped_out')).toBe(true);
    expect(statusChangeAllowed('transferred_in', 'graduated')).toBe(true);
    expect(statusChangeAllowed('dropped_out', 'active')).toBe(true);
    expect(statusChangeAllowed('transferred', 'transferred_in')).toBe(true);
    expect(statusChangeAllowed('dropped_out', 'graduated')).toBe(false);
    expect(statusChangeAllowed('active', 'active')).toBe(false);
    expect(statusChangeAllowed('active', 'transferred_in')).toBe(false);
  });
});

describe('kenaikan kelas', () => {
  it('promotes roman and arabic class names, keeping the rest of the name', () => {
    expect(promotedClass('X-1')).toBe('XI-1');
    expect(promotedClass('XI TKR 2')).toBe('XII TKR 2');
    expect(promotedClass('VII-B')).toBe('VIII-B');
    expect(promotedClass('7A')).toBe('8A');
    expect(promotedClass('Kelas IX')).toBe('X');
    expect(promotedClass('Rombel Khusus')).toBeNull();
    expect(gradeOfClass('XII TKJ 1')).toMatchObject({ grade: 12, roman: true });
    expect(finalGradeOf(['VII-A', 'IX-B'])).toBe(9);
    expect(finalGradeOf(['X-1', 'XII-1'])).toBe(12);
    expect(finalGradeOf(['1A', '6B'])).toBe(6);
  });
  it('plans promote / repeat / graduate for enrolled students and counts the cases that carry over', () => {
    const students = [
      { id: 'a', name: 'Ani', className: 'X-1', status: 'active', openCases: 1 },
      { id: 'b', name: 'Budi', className: 'X-1', status: 'active' },
      { id: 'c', name: 'Citra', className: 'XII-1', status: 'transferred_in', openCases: 1 },
      { id: 'd', name: 'Dedi', className: 'XI-2', status: 'dropped_out' },
      { id: 'e', name: 'Eka', className: 'Khusus', status: 'active' },
    ];
    const plan = planRollover(students, { fromYear: '2025/2026', repeat: new Set(['b']) });
    expect(plan.toYear).toBe('2026/2027');
    expect(plan.finalGrade).toBe(12);
    expect(plan.rows.map((r) => [r.studentId, r.action, r.to])).toEqual([
      ['e', 'unknown_class', null],
      ['a', 'promote', 'XI-1'],
      ['b', 'repeat', 'X-1'],
      ['c', 'graduate', null],
    ]);
    expect(plan.counts).toEqual({ promote: 1, repeat: 1, graduate: 1, unknown_class: 1, openCases: 2 });
    expect(plan.classes.find((c) => c.className === 'X-1')).toMatchObject({ to: 'XI-1', students: 2, promote: 1, repeat: 1, openCases: 1 });
  });
});
