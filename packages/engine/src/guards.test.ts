import { describe, expect, it } from 'vitest';
import type { Guard } from './document.ts';
import { compare, evaluateGuard, guardFields, readField, type EngineEvent } from './guards.ts';

const context = {
  riskFactors: ['economic', 'family'],
  form: { attendanceRate: 0.8, mainFactor: 'economic' },
  forms: { identifikasi: { attendanceRate: 0.8 } },
  consent: { referral: true },
  student: { grade: 8, name: 'Ani' },
};
const none: EngineEvent = { type: 'X' };
const check = (field: string, op: Extract<Guard, { type: 'check' }>['params']['op'], value?: unknown): Guard => ({ type: 'check', params: { field, op, value } });

describe('readField', () => {
  it('reads dotted paths from the case data', () => {
    expect(readField(context, none, 'form.attendanceRate')).toBe(0.8);
    expect(readField(context, none, 'forms.identifikasi.attendanceRate')).toBe(0.8);
    expect(readField(context, none, 'consent.referral')).toBe(true);
    expect(readField(context, none, 'riskFactors')).toEqual(['economic', 'family']);
  });

  it('sees the form being submitted over what was recorded before', () => {
    expect(readField(context, { type: 'X', data: { attendanceRate: 0.5 } }, 'form.attendanceRate')).toBe(0.5);
  });

  it('reads own properties only, never the prototype', () => {
    expect(readField(context, none, 'form.constructor')).toBeUndefined();
    expect(readField(context, none, 'student.name.length')).toBeUndefined();
    expect(readField(context, none, 'tidak.ada')).toBeUndefined();
  });
});

describe('compare', () => {
  it('implements eq neq lt lte gt gte in exists', () => {
    expect(compare(0.8, 'lt', 0.9)).toBe(true);
    expect(compare(0.9, 'lte', 0.9)).toBe(true);
    expect(compare(0.9, 'gt', 0.9)).toBe(false);
    expect(compare(1, 'gte', 0.9)).toBe(true);
    expect(compare('a', 'eq', 'a')).toBe(true);
    expect(compare('a', 'neq', 'b')).toBe(true);
    expect(compare('b', 'in', ['a', 'b'])).toBe(true);
    expect(compare('', 'exists', undefined)).toBe(false);
    expect(compare(0, 'exists', undefined)).toBe(true);
    expect(compare(undefined, 'exists', false)).toBe(true);
  });

  it('treats a list field as a set: eq means contains, in means overlaps', () => {
    expect(compare(['economic', 'family'], 'eq', 'family')).toBe(true);
    expect(compare(['economic'], 'in', ['family', 'bullying'])).toBe(false);
    expect(compare(['economic'], 'neq', 'family')).toBe(true);
  });

  it('is false, never a throw, when the types do not fit', () => {
    expect(compare('tinggi', 'gt', 3)).toBe(false);
    expect(compare(undefined, 'lt', 3)).toBe(false);
    expect(compare({}, 'gte', 1)).toBe(false);
  });
});

describe('evaluateGuard', () => {
  it('combines checks with and, or, not', () => {
    const lowAndEconomic: Guard = { type: 'and', params: { of: [check('form.attendanceRate', 'lt', 0.9), check('riskFactors', 'eq', 'economic')] } };
    expect(evaluateGuard(lowAndEconomic, context, none)).toBe(true);
    expect(evaluateGuard({ type: 'not', params: { guard: lowAndEconomic } }, context, none)).toBe(false);
    expect(evaluateGuard({ type: 'or', params: { of: [check('student.grade', 'gt', 9), check('consent.referral', 'eq', true)] } }, context, none)).toBe(true);
  });

  it('checks the sender’s role, and refuses when nobody is named', () => {
    const bk: Guard = { type: 'role', params: { in: ['guru_bk'] } };
    expect(evaluateGuard(bk, context, { type: 'X', actor: { id: 'u', role: 'guru_bk' } })).toBe(true);
    expect(evaluateGuard(bk, context, { type: 'X', actor: { id: 'u', role: 'wali_kelas' } })).toBe(false);
    expect(evaluateGuard(bk, context, none)).toBe(false);
  });
});

describe('guardFields', () => {
  it('lists every field a guard reads', () => {
    const g: Guard = { type: 'and', params: { of: [check('form.a', 'exists'), { type: 'not', params: { guard: check('consent.b', 'eq', true) } }, { type: 'role', params: { in: ['kepsek'] } }] } };
    expect(guardFields(g)).toEqual(['form.a', 'consent.b']);
  });
});
