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

describe('one event with several labelled routes', () => {
  it('is offered under the label the routes share, not the first route’s', async () => {
    const { readFileSync } = await import('node:fs');
    const { parsePathway } = await import('./parse.ts');
    const { compilePathway } = await import('./compile.ts');
    const { startCase, advanceCase } = await import('./case.ts');
    const parsed = parsePathway(readFileSync(new URL('../../../workflows/srps-standar.json', import.meta.url), 'utf8'));
    if (!parsed.ok) throw new Error('srps-standar does not parse');
    const p = compilePathway(parsed.value);
    let s = startCase(p, { riskFactors: ['economic'] }, { now: new Date('2026-01-05T08:00:00Z') }).snapshot;
    // Walk to the assessment step, where TETAPKAN_FAKTOR has one route per risk factor.
    for (let i = 0; i < 5 && !availableEvents(p, s, { role: 'guru_bk' }).some((e) => e.type === 'TETAPKAN_FAKTOR'); i++) {
      const next = availableEvents(p, s, { role: 'guru_bk' })[0];
      if (!next) break;
      const form = p.steps.get(next.stateId)?.form ?? [];
      const data = Object.fromEntries(form.filter((f) => f.required).map((f) => [f.name, f.type === 'number' ? 0.5 : f.type === 'boolean' ? true : f.type === 'date' ? '2026-01-05' : f.type === 'choice' ? f.options![0]! : 'catatan']));
      const r = advanceCase(p, s, { type: next.type, data }, { now: new Date('2026-01-05T08:00:00Z'), actor: { id: 'bk', role: 'guru_bk' } });
      if (!r.ok) break;
      s = r.value.snapshot;
    }
    const factor = availableEvents(p, s, { role: 'guru_bk' }).find((e) => e.type === 'TETAPKAN_FAKTOR');
    expect(factor?.label).toEqual({ id: 'Tetapkan faktor', en: 'Set the factor' });
    expect(factor?.targets.length).toBe(4);
  });
});
