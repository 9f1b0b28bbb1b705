import { describe, expect, it } from 'vitest';
import { nestedPathway } from '../samples/nestedPathway.ts';
import { describeGuard, guardFieldsOf } from './guardText.ts';

const fields = guardFieldsOf(nestedPathway);

describe('guards in words', () => {
  it('shows attendance as a percentage, in Indonesian first', () => {
    expect(describeGuard({ type: 'check', params: { field: 'student.attendanceRate', op: 'lt', value: 0.9 } }, fields, 'id')).toBe('kehadiran < 90%');
    expect(describeGuard({ type: 'check', params: { field: 'form.attendanceRate', op: 'lt', value: 0.9 } }, fields, 'en')).toBe('Attendance < 90%');
  });

  it('reads and / or / not and roles', () => {
    const g = {
      type: 'and' as const,
      params: {
        of: [
          { type: 'check' as const, params: { field: 'consent.referral', op: 'eq' as const, value: true } },
          { type: 'not' as const, params: { guard: { type: 'check' as const, params: { field: 'riskFactors', op: 'in' as const, value: ['economic', 'family'] } } } },
          { type: 'role' as const, params: { in: ['guru_bk' as const] } },
        ],
      },
    };
    expect(describeGuard(g, fields, 'id')).toBe('persetujuan orang tua untuk rujukan dan bukan (faktor risiko salah satu dari ekonomi, keluarga) dan oleh guru BK');
  });

  it('lists the form fields of every step, nested ones too', () => {
    expect(fields.map((f) => f.path)).toContain('form.attendanceRate');
  });
});
