import { describe, expect, it } from 'vitest';
import { mayNest, mayOversee, overseerKinds } from './oversight.ts';

describe('oversight by level (UU 23/2014)', () => {
  it('gives SD and SMP to the kabupaten/kota, SMA, SMK and SLB to the province or its cabang dinas', () => {
    expect(overseerKinds('SMP')).toEqual(['kabupaten', 'kota']);
    expect(mayOversee('cabang_dinas', 'SMK')).toBe(true);
    expect(mayOversee('provinsi', 'SLB')).toBe(true);
    expect(mayOversee('kabupaten', 'SMK')).toBe(false);
    expect(mayOversee('cabang_dinas', 'SD')).toBe(false);
    expect(mayOversee('kota', 'SD')).toBe(true);
    expect(mayOversee('kabupaten', null)).toBe(true);
  });
  it('puts a cabang dinas under a province and nothing else under anything', () => {
    expect(mayNest('cabang_dinas', 'provinsi')).toBe(true);
    expect(mayNest('cabang_dinas', null)).toBe(false);
    expect(mayNest('kabupaten', 'provinsi')).toBe(false);
    expect(mayNest('provinsi', null)).toBe(true);
  });
});
