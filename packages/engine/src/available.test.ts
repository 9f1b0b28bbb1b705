import { describe, expect, it } from 'vitest';
import { compilePathway } from './compile.ts';
import { advanceCase, startCase } from './case.ts';
import { availableEvents } from './available.ts';
import { examplePathway } from './test-fixtures.ts';

const NOW = new Date('2026-01-05T08:00:00Z');

function atReview() {
  const p = compilePathway(examplePathway());
  let s = startCase(p, {}, { now: NOW }).snapshot;
  const actor = { id: 'u', role: 'guru_bk' as const };
  for (const [type, data] of [['SELESAI_IDENTIFIKASI', { attendanceRate: 0.5, mainFactor: 'family' }], ['SESI_SELESAI', undefined], ['EVALUASI_SEKARANG', undefined]] as const) {
    const r = advanceCase(p, s, data ? { type, data } : { type }, { now: NOW, actor });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    s = r.value.snapshot;
  }
  return { p, s };
}

describe('availableEvents', () => {
  it('offers the events of the current step with their targets', () => {
    const p = compilePathway(examplePathway());
    const { snapshot } = startCase(p, {}, { now: NOW });
    const events = availableEvents(p, snapshot, { role: 'guru_bk' });
    expect(events).toEqual([expect.objectContaining({ type: 'SELESAI_IDENTIFIKASI', stateId: 'identifikasi', targets: ['kunjungan_rumah', 'konseling_individual'], guarded: true, enabled: true })]);
  });

  it('leaves out steps the role may not act on', () => {
    const p = compilePathway(examplePathway());
    const { snapshot } = startCase(p, {}, { now: NOW });
    expect(availableEvents(p, snapshot, { role: 'kepsek' })).toEqual([]);
  });

  it('marks an event whose guard does not pass yet as not enabled', () => {
    const { p, s } = atReview();
    const byType = Object.fromEntries(availableEvents(p, s, { role: 'guru_bk' }).map((e) => [e.type, e]));
    expect(Object.keys(byType).sort()).toEqual(['LANJUTKAN', 'RUJUK', 'TUNTAS']);
    expect(byType.RUJUK).toMatchObject({ guarded: true, enabled: false });
    expect(byType.TUNTAS).toMatchObject({ guarded: false, enabled: true });
  });

  it('does not offer timers as buttons, and nothing once the case is closed', () => {
    const p = compilePathway(examplePathway());
    let s = startCase(p, {}, { now: NOW }).snapshot;
    const actor = { id: 'u', role: 'guru_bk' as const };
    const r1 = advanceCase(p, s, { type: 'SELESAI_IDENTIFIKASI', data: { attendanceRate: 0.5, mainFactor: 'family' } }, { now: NOW, actor });
    if (!r1.ok) throw new Error();
    const r2 = advanceCase(p, r1.value.snapshot, { type: 'SESI_SELESAI' }, { now: NOW, actor });
    if (!r2.ok) throw new Error();
    expect(availableEvents(p, r2.value.snapshot, { role: 'guru_bk' }).map((e) => e.type)).toEqual(['EVALUASI_SEKARANG']);
    const { p: p2, s: review } = atReview();
    const closed = advanceCase(p2, review, { type: 'TUNTAS' }, { now: NOW, actor });
    if (!closed.ok) throw new Error();
    s = closed.value.snapshot;
    expect(availableEvents(p2, s, { role: 'guru_bk' })).toEqual([]);
  });
});
