import { describe, expect, it } from 'vitest';
import type { PathwayDocument } from './document.ts';
import type { Actor, Effect } from './contract.ts';
import { compilePathway } from './compile.ts';
import { activeSteps, advanceCase, startCase, stateValueOf, type CaseSnapshot, type CaseStep } from './case.ts';
import { examplePathway, meta, pathway } from './test-fixtures.ts';

const NOW = new Date('2026-01-05T08:00:00.000Z');
const GURU_BK: Actor = { id: 'bk1', role: 'guru_bk' };
const WALI: Actor = { id: 'wk1', role: 'wali_kelas' };
const KEPSEK: Actor = { id: 'ks1', role: 'kepsek' };
const IDENTIFIED = { attendanceRate: 0.6, mainFactor: 'economic' };

function ok<T>(r: { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!r.ok) throw new Error(`refused: ${JSON.stringify(r.error)}`);
  return r.value;
}

function of<T extends Effect['type']>(effects: Effect[], type: T): Extract<Effect, { type: T }>[] {
  return effects.filter((e): e is Extract<Effect, { type: T }> => e.type === type);
}

/** A case of the example pathway moved to the weekly monitoring step. */
function atMonitoring(): { p: ReturnType<typeof compilePathway>; step: CaseStep } {
  const p = compilePathway(examplePathway());
  let s = startCase(p, {}, { now: NOW }).snapshot;
  s = ok(advanceCase(p, s, { type: 'SELESAI_IDENTIFIKASI', data: IDENTIFIED }, { now: NOW, actor: GURU_BK })).snapshot;
  const step = ok(advanceCase(p, s, { type: 'KUNJUNGAN_SELESAI' }, { now: NOW, actor: GURU_BK }));
  return { p, step };
}

/** Two things at once: economic help and counseling, then closure when both are done. */
function parallelPathway(): PathwayDocument {
  return pathway({
    initial: 'intervensi',
    states: {
      intervensi: {
        type: 'parallel',
        states: {
          dana: { initial: 'kunjungan', states: { kunjungan: { meta: meta('Kunjungan rumah', { kind: 'home_visit', roles: ['guru_bk'] }), on: { SELESAI: 'tersalur' } }, tersalur: { type: 'final', meta: meta('Tersalur') } } },
          konseling: { initial: 'sesi', states: { sesi: { meta: meta('Sesi', { roles: ['guru_bk'] }), on: { SELESAI: 'cukup' } }, cukup: { type: 'final', meta: meta('Cukup') } } },
        },
        on: { 'xstate.done.state.uji.intervensi': 'selesai' },
      },
      selesai: { type: 'final', meta: meta('Selesai', { kind: 'closure' }) },
    },
  });
}

describe('startCase', () => {
  it('enters the first step and opens its task for the step’s roles with a due date', () => {
    const p = compilePathway(examplePathway());
    const started = startCase(p, { caseId: 'k-1', riskFactors: ['economic'] }, { now: NOW });
    expect(started.status).toBe('active');
    expect(started.active.map((s) => s.stateId)).toEqual(['identifikasi']);
    expect(started.active[0]?.meta?.title.id).toBe('Identifikasi siswa');
    const [task] = of(started.effects, 'task.open');
    expect(task).toMatchObject({ stateId: 'identifikasi', kind: 'identify', roles: ['guru_bk', 'wali_kelas'], dueAt: '2026-01-10T08:00:00.000Z' });
    expect(of(started.effects, 'notify')[0]?.roles).toEqual(['guru_bk', 'wali_kelas']);
  });

  it('puts the case’s input into the context the guards read', () => {
    const p = compilePathway(examplePathway());
    const { snapshot } = startCase(p, { caseId: 'k-1', riskFactors: ['family'], student: { grade: 8 }, consent: { referral: true } }, { now: NOW });
    expect(snapshot.context).toMatchObject({ caseId: 'k-1', riskFactors: ['family'], student: { grade: 8 }, consent: { referral: true }, form: {}, forms: {} });
  });

  it('gives a snapshot that is plain JSON', () => {
    const p = compilePathway(examplePathway());
    const { snapshot } = startCase(p, {}, { now: NOW });
    expect(JSON.parse(JSON.stringify(snapshot))).toEqual(snapshot);
  });
});

describe('advanceCase', () => {
  it('moves the case, records the form data under the step, and closes the old task', () => {
    const p = compilePathway(examplePathway());
    const s = startCase(p, {}, { now: NOW }).snapshot;
    const next = ok(advanceCase(p, s, { type: 'SELESAI_IDENTIFIKASI', data: IDENTIFIED }, { now: NOW, actor: GURU_BK }));
    expect(next.active.map((a) => a.stateId)).toEqual(['kunjungan_rumah']);
    expect(next.snapshot.context.form).toEqual(IDENTIFIED);
    expect(next.snapshot.context.forms.identifikasi).toEqual(IDENTIFIED);
    expect(of(next.effects, 'task.close')).toEqual([{ type: 'task.close', stateId: 'identifikasi' }]);
    expect(of(next.effects, 'task.open')[0]?.stateId).toBe('kunjungan_rumah');
  });

  it('follows the guard that the submitted form satisfies', () => {
    const p = compilePathway(examplePathway());
    const s = startCase(p, {}, { now: NOW }).snapshot;
    const other = ok(advanceCase(p, s, { type: 'SELESAI_IDENTIFIKASI', data: { attendanceRate: 0.6, mainFactor: 'family' } }, { now: NOW, actor: GURU_BK }));
    expect(other.active.map((a) => a.stateId)).toEqual(['konseling_individual']);
  });

  it('accepts a stored snapshot read back from JSON', () => {
    const p = compilePathway(examplePathway());
    const stored = JSON.parse(JSON.stringify(startCase(p, {}, { now: NOW }).snapshot)) as CaseSnapshot;
    const next = ok(advanceCase(p, stored, { type: 'SELESAI_IDENTIFIKASI', data: IDENTIFIED }, { now: NOW, actor: WALI }));
    expect(stateValueOf(p, next.snapshot)).toEqual(['kunjungan_rumah']);
  });

  it('refuses an event the current step does not accept, saying what is allowed', () => {
    const p = compilePathway(examplePathway());
    const s = startCase(p, {}, { now: NOW }).snapshot;
    const r = advanceCase(p, s, { type: 'TUNTAS' }, { now: NOW, actor: GURU_BK });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('event_not_accepted');
    expect(r.error.allowed).toEqual(['SELESAI_IDENTIFIKASI']);
    expect(r.error.message.id).toMatch(/tidak menerima "TUNTAS"/);
  });

  it('refuses a role the step does not list', () => {
    const p = compilePathway(examplePathway());
    const s = startCase(p, {}, { now: NOW }).snapshot;
    const r = advanceCase(p, s, { type: 'SELESAI_IDENTIFIKASI', data: IDENTIFIED }, { now: NOW, actor: KEPSEK });
    expect(!r.ok && r.error.code).toBe('role_not_allowed');
  });

  it('refuses an incomplete form, naming the field', () => {
    const p = compilePathway(examplePathway());
    const s = startCase(p, {}, { now: NOW }).snapshot;
    const r = advanceCase(p, s, { type: 'SELESAI_IDENTIFIKASI', data: { attendanceRate: 2 } }, { now: NOW, actor: GURU_BK });
    expect(r.ok).toBe(false);
    if (r.ok || r.error.code !== 'form_invalid') throw new Error('expected form_invalid');
    expect(r.error.fields.map((f) => f.field).sort()).toEqual(['attendanceRate', 'mainFactor']);
  });

  it('refuses an event whose guard does not pass yet, as an error value', () => {
    const { p, step } = atMonitoring();
    const atReview = ok(advanceCase(p, step.snapshot, { type: 'EVALUASI_SEKARANG' }, { now: NOW, actor: GURU_BK }));
    const r = advanceCase(p, atReview.snapshot, { type: 'RUJUK' }, { now: NOW, actor: GURU_BK });
    expect(!r.ok && r.error.code).toBe('guard_failed');
  });

  it('schedules a timer on entering a step with `after`, and fires it without an actor', () => {
    const { p, step } = atMonitoring();
    const [timer] = of(step.effects, 'timer.schedule');
    expect(timer).toMatchObject({ stateId: 'pemantauan', delay: 'P7D', dueAt: '2026-01-12T08:00:00.000Z', event: 'xstate.after.P7D.contoh-singkat.pemantauan' });
    const fired = ok(advanceCase(p, step.snapshot, { type: timer!.event }, { now: new Date(timer!.dueAt) }));
    expect(stateValueOf(p, fired.snapshot)).toEqual(['evaluasi']);
  });

  it('cancels the timer when the step is left before it fires', () => {
    const { p, step } = atMonitoring();
    const [timer] = of(step.effects, 'timer.schedule');
    const left = ok(advanceCase(p, step.snapshot, { type: 'EVALUASI_SEKARANG' }, { now: NOW, actor: GURU_BK }));
    expect(of(left.effects, 'timer.cancel')).toEqual([{ type: 'timer.cancel', timerId: timer!.timerId }]);
  });

  it('closes the case on a final step and refuses anything after', () => {
    const { p, step } = atMonitoring();
    const review = ok(advanceCase(p, step.snapshot, { type: 'EVALUASI_SEKARANG' }, { now: NOW, actor: GURU_BK }));
    const closed = ok(advanceCase(p, review.snapshot, { type: 'TUNTAS' }, { now: NOW, actor: KEPSEK }));
    expect(closed.status).toBe('done');
    expect(of(closed.effects, 'case.closed')).toEqual([{ type: 'case.closed', finalState: 'selesai' }]);
    const after = advanceCase(p, closed.snapshot, { type: 'LANJUTKAN' }, { now: NOW, actor: GURU_BK });
    expect(!after.ok && after.error.code).toBe('case_done');
  });

  it('runs parallel branches side by side and continues when both are done', () => {
    const p = compilePathway(parallelPathway());
    const started = startCase(p, {}, { now: NOW });
    expect(started.active.map((a) => a.stateId)).toEqual(['intervensi.dana.kunjungan', 'intervensi.konseling.sesi']);
    expect(of(started.effects, 'task.open').map((t) => t.stateId)).toEqual(['intervensi.dana.kunjungan', 'intervensi.konseling.sesi']);
    // One event, two branches: both move.
    const done = ok(advanceCase(p, started.snapshot, { type: 'SELESAI' }, { now: NOW, actor: GURU_BK }));
    expect(done.status).toBe('done');
    expect(stateValueOf(p, done.snapshot)).toEqual(['selesai']);
  });
});

describe('activeSteps and stateValueOf', () => {
  it('list the active leaf steps with their meta, and their dot paths', () => {
    const p = compilePathway(parallelPathway());
    const { snapshot } = startCase(p, {}, { now: NOW });
    expect(activeSteps(p, snapshot).map((s) => [s.stateId, s.meta?.title.id])).toEqual([
      ['intervensi.dana.kunjungan', 'Kunjungan rumah'],
      ['intervensi.konseling.sesi', 'Sesi'],
    ]);
    expect(stateValueOf(p, snapshot)).toEqual(['intervensi.dana.kunjungan', 'intervensi.konseling.sesi']);
  });
});
