import { describe, expect, it } from 'vitest';
import { nestedPathway } from '../samples/nestedPathway.ts';
import { COMPARISON_OPS, RISK_FACTORS } from '@jalur/engine';
import { RISK_FACTOR_LABELS } from '../../i18n/values.ts';
import { describeGuard, guardFieldsOf, opsFor } from './guardText.ts';

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

  it('reads comparisons over the set of risk factors (issue 14), offered only for a list', () => {
    const check = (op: 'includes' | 'includesAny' | 'includesAll' | 'countGte', value: unknown) => ({ type: 'check' as const, params: { field: 'riskFactors', op, value } });
    expect(describeGuard(check('includes', 'social_media'), fields, 'id')).toBe('faktor risiko memuat media sosial');
    expect(describeGuard(check('includesAll', ['economic', 'bullying']), fields, 'en')).toBe('risk factors includes all of economic, bullying');
    expect(describeGuard(check('includesAny', ['distance', 'environment']), fields, 'id')).toBe('faktor risiko memuat salah satu dari jarak dan transportasi, lingkungan');
    expect(describeGuard(check('countGte', 2), fields, 'id')).toBe('jumlah faktor risiko ≥ 2');
    const risk = fields.find((f) => f.path === 'riskFactors');
    // The case page offers the factors from the words' source: the same list as the engine's, in its order.
    expect(Object.keys(RISK_FACTOR_LABELS)).toEqual([...RISK_FACTORS]);
    expect(risk?.options).toContain('social_media');
    expect(opsFor(risk, COMPARISON_OPS)).toEqual(['includes', 'includesAny', 'includesAll', 'countGte', 'countLte', 'in', 'exists']);
    expect(opsFor(fields.find((f) => f.path === 'student.attendanceRate'), COMPARISON_OPS)).toEqual(['eq', 'neq', 'lt', 'lte', 'gt', 'gte', 'in', 'exists']);
  });
});
