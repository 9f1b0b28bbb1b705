/**
 * Several risk factors per case, guards over the set, and interventions
 * skipped or added during a case (issue 14): the rules the engine's gate
 * applies, with replay through the engine alone.
 */
import { describe, expect, it } from 'vitest';
import { createMachine, createActor } from 'xstate';
import type { Actor } from './contract.ts';
import type { Guard } from './document.ts';
import { compilePathway } from './compile.ts';
import { activeSteps, advanceCase, startCase, stateValueOf, type CaseSnapshot } from './case.ts';
import { compare } from './guards.ts';
import { lintPathway } from './lint.ts';
import { replayEvents, type RecordedCaseEvent } from './replay.ts';
import { exportXState } from './xstate-json.ts';
import { initialContext } from './compile.ts';
import { skipWays, addedInterventionStep } from './interventions.ts';
import { meta, pathway } from './test-fixtures.ts';

const NOW = new Date('2026-01-05T08:00:00.000Z');
const BK: Actor = { id: 'bk1', role: 'guru_bk' };
const KEPSEK: Actor = { id: 'ks1', role: 'kepsek' };
const WALI: Actor = { id: 'w1', role: 'wali_kelas' };

const check = (field: string, op: Extract<Guard, { type: 'check' }>['params']['op'], value?: unknown): Guard => ({ type: 'check', params: { field, op, value } });

function ok<T>(r: { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!r.ok) throw new Error(`refused: ${JSON.stringify(r.error)}`);
  return r.value;
}

describe('set comparisons', () => {
  it('includes, includesAny, includesAll, countGte, countLte', () => {
    const set = ['economic', 'bullying'];
    expect(compare(set, 'includes', 'economic')).toBe(true);
    expect(compare(set, 'includes', 'family')).toBe(false);
    expect(compare(set, 'includesAny', ['family', 'bullying'])).toBe(true);
    expect(compare(set, 'includesAny', ['family', 'work'])).toBe(false);
    expect(compare(set, 'includesAll', ['economic', 'bullying'])).toBe(true);
    expect(compare(set, 'includesAll', ['economic', 'family'])).toBe(false);
    expect(compare(set, 'countGte', 2)).toBe(true);
    expect(compare(set, 'countGte', 3)).toBe(false);
    expect(compare(set, 'countLte', 1)).toBe(false);
    expect(compare(['economic', 'economic'], 'countGte', 2)).toBe(false); // a set: duplicates count once
  });

  it('is false on what is not a set, and a missing set counts as empty', () => {
    expect(compare('economic', 'includes', 'economic')).toBe(false);
    expect(compare(3, 'countGte', 1)).toBe(false);
    expect(compare(undefined, 'countLte', 0)).toBe(true);
    expect(compare(undefined, 'includes', 'x')).toBe(false);
    expect(compare(['a'], 'includes', ['a'])).toBe(false);
    expect(compare(['a'], 'includesAny', 'a')).toBe(false);
    expect(compare(['a'], 'countGte', 0.5)).toBe(false);
    expect(compare(['a'], 'includesAll', [])).toBe(true);
    expect(compare(['a'], 'includesAny', [])).toBe(false);
  });
});

/** Assessment routes by the set: both economic and bullying → both tracks in parallel; one → its track; else counselling. */
function routed() {
  return pathway({
    id: 'rute',
    initial: 'asesmen',
    states: {
      asesmen: {
        meta: meta('Asesmen', { kind: 'assessment', roles: ['guru_bk'], form: [{ name: 'catatan', type: 'text', label: { id: 'Catatan' }, required: true }] }),
        on: {
          TETAPKAN: [
            { target: 'keduanya', guard: check('riskFactors', 'includesAll', ['economic', 'bullying']) },
            { target: 'ekonomi', guard: check('riskFactors', 'includes', 'economic') },
            { target: 'perundungan', guard: check('riskFactors', 'includes', 'bullying') },
            { target: 'konseling', guard: check('riskFactors', 'countGte', 1) },
          ],
        },
      },
      ekonomi: { meta: meta('Bantuan dana', { kind: 'funding', roles: ['guru_bk'] }), on: { SELESAI: 'pantau' } },
      perundungan: { meta: meta('Penanganan perundungan', { kind: 'counseling_individual', roles: ['guru_bk'] }), on: { SELESAI: 'pantau' } },
      keduanya: {
        type: 'parallel',
        states: {
          dana: { initial: 'x', states: { x: { meta: meta('Dana', { kind: 'funding', roles: ['guru_bk'] }), on: { DANA_OK: 'y' } }, y: { type: 'final' } } },
          bully: { initial: 'x', states: { x: { meta: meta('Perundungan', { roles: ['guru_bk'] }), on: { BULLY_OK: 'y' } }, y: { type: 'final' } } },
        },
        on: { 'xstate.done.state.rute.keduanya': 'pantau' },
      },
      konseling: { meta: meta('Konseling', { roles: ['guru_bk'] }), on: { SELESAI: 'pantau' } },
      pantau: { meta: meta('Pantau', { kind: 'monitoring', roles: ['guru_bk'] }), on: { TUTUP: 'selesai' } },
      selesai: { type: 'final', meta: meta('Selesai', { kind: 'closure' }) },
    },
  });
}

describe('routes chosen by the set of risk factors', () => {
  const doc = routed();
  const p = compilePathway(doc);
  const route = (factors: string[]) =>
    stateValueOf(p, ok(advanceCase(p, startCase(p, { riskFactors: factors as never }, { now: NOW }).snapshot, { type: 'TETAPKAN', data: { catatan: 'ok' } }, { now: NOW, actor: BK })).snapshot);

  it('one factor → its track; both → both in parallel; another → counselling', () => {
    expect(route(['economic'])).toEqual(['ekonomi']);
    expect(route(['bullying', 'motivation'])).toEqual(['perundungan']);
    expect(route(['economic', 'bullying'])).toEqual(['keduanya.dana.x', 'keduanya.bully.x']);
    expect(route(['distance'])).toEqual(['konseling']);
  });

  it('a factor added during the case changes the route the next decision takes', () => {
    let s = startCase(p, { riskFactors: ['economic'] }, { now: NOW }).snapshot;
    s = ok(advanceCase(p, s, { type: 'riskFactor.added', data: { factor: 'bullying', reason: 'Laporan teman sekelas' } }, { now: NOW, actor: BK, source: 'casework' })).snapshot;
    expect(s.context.riskFactors).toEqual(['economic', 'bullying']);
    s = ok(advanceCase(p, s, { type: 'TETAPKAN', data: { catatan: 'ok' } }, { now: NOW, actor: BK })).snapshot;
    expect(stateValueOf(p, s)).toEqual(['keduanya.dana.x', 'keduanya.bully.x']);
  });

  it('lint-clean, and raw xstate runs the exported set guards the same way', () => {
    expect(lintPathway(doc).filter((d) => d.severity === 'error')).toEqual([]);
    const { config, implementations } = exportXState(doc);
    for (const [factors, expected] of [[['economic', 'bullying'], { keduanya: { dana: 'x', bully: 'x' } }], [['bullying'], 'perundungan'], [['work'], 'konseling']] as const) {
      const machine = createMachine({ ...config, context: initialContext(doc.machine, { riskFactors: [...factors] }) } as never).provide(implementations as never);
      const actor = createActor(machine).start();
      actor.send({ type: 'TETAPKAN', data: { catatan: 'ok' } } as never);
      expect(actor.getSnapshot().value).toEqual(expected);
      actor.stop();
    }
  });
});

describe('lint of set comparisons (JALUR014)', () => {
  const lintGuard = (guard: Guard) => {
    const doc = routed();
    (doc.machine.states.konseling as { on: Record<string, unknown> }).on = { SELESAI: { target: 'pantau', guard } };
    return lintPathway(doc).filter((d) => d.code === 'JALUR014').map((d) => d.message.en);
  };

  it('values must be risk factors; counts need whole numbers; lists and single values where the op says', () => {
    expect(lintGuard(check('riskFactors', 'includes', 'economic'))).toEqual([]);
    expect(lintGuard(check('riskFactors', 'includesAny', ['economic', 'social_media', 'distance', 'environment']))).toEqual([]);
    expect(lintGuard(check('riskFactors', 'countGte', 2))).toEqual([]);
    expect(lintGuard(check('riskFactors', 'includes', 'kemiskinan'))[0]).toMatch(/not one of its options/);
    expect(lintGuard(check('riskFactors', 'includesAll', ['economic', 'miskin']))[0]).toMatch(/not one of its options/);
    expect(lintGuard(check('riskFactors', 'includes', ['economic']))[0]).toMatch(/needs one value/);
    expect(lintGuard(check('riskFactors', 'includesAny', []))[0]).toMatch(/at least one value/);
    expect(lintGuard(check('riskFactors', 'includesAny', 'economic'))[0]).toMatch(/at least one value/);
    expect(lintGuard(check('riskFactors', 'countGte', 1.5))[0]).toMatch(/whole number/);
    expect(lintGuard(check('riskFactors', 'countLte', 'dua'))[0]).toMatch(/whole number/);
  });

  it('a set comparison on a single value (a form field, a consent) never holds', () => {
    expect(lintGuard(check('form.catatan', 'includes', 'x'))[0]).toMatch(/is not a list/);
    expect(lintGuard(check('consent.referral', 'countGte', 1))[0]).toMatch(/is not a list/);
  });
});

/** Identify → home visit (optional form) → funding (approval) → decision (data-guarded only) → done. */
function skippable() {
  return compilePathway(
    pathway({
      id: 'lewat',
      initial: 'kunjungan',
      states: {
        kunjungan: {
          meta: meta('Kunjungan rumah', { kind: 'home_visit', roles: ['guru_bk'], form: [{ name: 'hasil', type: 'text', label: { id: 'Hasil' }, required: true }] }),
          on: { SELESAI: 'dana', ULANG: 'kunjungan' },
        },
        dana: { meta: meta('Bantuan dana', { kind: 'funding', roles: ['guru_bk'], requiresApproval: true }), on: { CAIR: 'putusan' }, after: { P6W: 'putusan' } },
        putusan: {
          meta: meta('Putusan', { kind: 'decision', roles: ['guru_bk'], form: [{ name: 'lanjut', type: 'boolean', label: { id: 'Lanjut?' }, required: true }] }),
          on: { PUTUS: [{ target: 'kunjungan', guard: check('form.lanjut', 'eq', true) }, { target: 'selesai', guard: check('form.lanjut', 'eq', false) }] },
        },
        selesai: { type: 'final', meta: meta('Selesai', { kind: 'closure' }) },
      },
    }),
  );
}

describe('skipping a step with a reason', () => {
  const p = skippable();
  const skip = (s: CaseSnapshot, stateId: string, actor: Actor = BK, extra: Record<string, unknown> = {}) =>
    advanceCase(p, s, { type: 'intervention.skipped', data: { stateId, reason: 'Keluarga sudah ditemui di sekolah', ...extra } }, { now: NOW, actor, source: 'casework' });

  it('moves on along the step’s way forward without its required form', () => {
    const s = startCase(p, {}, { now: NOW }).snapshot;
    expect(advanceCase(p, s, { type: 'SELESAI' }, { now: NOW, actor: BK })).toMatchObject({ ok: false, error: { code: 'form_invalid' } });
    expect(skipWays(p, s.context, ['kunjungan'], 'kunjungan').map((w) => w.event)).toEqual(['SELESAI']); // ULANG leads back to itself
    const r = ok(skip(s, 'kunjungan'));
    expect(stateValueOf(p, r.snapshot)).toEqual(['dana']);
    expect(r.snapshot.context.forms.kunjungan).toBeUndefined();
    expect(r.effects).toEqual(expect.arrayContaining([{ type: 'task.close', stateId: 'kunjungan' }, expect.objectContaining({ type: 'task.open', stateId: 'dana' })]));
  });

  it('needs a reason, the guru BK, and an active step', () => {
    const s = startCase(p, {}, { now: NOW }).snapshot;
    expect(skip(s, 'kunjungan', BK, { reason: '  ' })).toMatchObject({ ok: false, error: { code: 'casework_invalid', fields: [{ field: 'reason' }] } });
    expect(skip(s, 'kunjungan', WALI)).toMatchObject({ ok: false, error: { code: 'reserved_event' } });
    expect(skip(s, 'dana')).toMatchObject({ ok: false, error: { code: 'skip_not_possible' } });
    expect(skip(s, 'kunjungan', BK, { event: 'ULANG' })).toMatchObject({ ok: false, error: { code: 'skip_not_possible' } });
    // A user can never send the case-work event through the pathway's event route.
    expect(advanceCase(p, s, { type: 'intervention.skipped', data: { stateId: 'kunjungan', reason: 'x' } }, { now: NOW, actor: BK })).toMatchObject({ ok: false, error: { code: 'reserved_event' } });
  });

  it('a step that needs the kepsek’s approval needs it for a skip too', () => {
    let s = ok(skip(startCase(p, {}, { now: NOW }).snapshot, 'kunjungan')).snapshot;
    expect(skip(s, 'dana')).toMatchObject({ ok: false, error: { code: 'approval_required', steps: ['dana'] } });
    s = ok(advanceCase(p, s, { type: 'approval.decided', data: { stateId: 'dana', decision: 'rejected' } }, { now: NOW, actor: KEPSEK, source: 'casework' })).snapshot;
    expect(skip(s, 'dana')).toMatchObject({ ok: false, error: { code: 'approval_rejected' } });
    s = ok(advanceCase(p, s, { type: 'approval.decided', data: { stateId: 'dana', decision: 'approved' } }, { now: NOW, actor: KEPSEK, source: 'casework' })).snapshot;
    const r = ok(skip(s, 'dana'));
    expect(stateValueOf(p, r.snapshot)).toEqual(['putusan']);
    expect(r.effects).toContainEqual(expect.objectContaining({ type: 'timer.cancel' }));
  });

  it('refuses a step whose every way forward needs its data', () => {
    let s = ok(skip(startCase(p, {}, { now: NOW }).snapshot, 'kunjungan')).snapshot;
    s = ok(advanceCase(p, s, { type: 'approval.decided', data: { stateId: 'dana', decision: 'approved' } }, { now: NOW, actor: KEPSEK, source: 'casework' })).snapshot;
    s = ok(advanceCase(p, s, { type: 'CAIR' }, { now: NOW, actor: BK })).snapshot;
    expect(activeSteps(p, s).map((a) => a.stateId)).toEqual(['putusan']);
    expect(skip(s, 'putusan')).toMatchObject({ ok: false, error: { code: 'skip_not_possible', steps: ['putusan'] } });
  });
});

describe('risk factors and added interventions as case-work records', () => {
  const p = skippable();
  const cw = (s: CaseSnapshot, type: string, data: Record<string, unknown>, actor: Actor = BK) => advanceCase(p, s, { type, data }, { now: NOW, actor, source: 'casework' });

  it('adds and removes factors with a reason; refuses unknown, duplicate and absent ones', () => {
    let s = startCase(p, { riskFactors: ['economic'] }, { now: NOW }).snapshot;
    s = ok(cw(s, 'riskFactor.added', { factor: 'social_media', reason: 'Kecanduan gawai' })).snapshot;
    expect(s.context.riskFactors).toEqual(['economic', 'social_media']);
    expect(cw(s, 'riskFactor.added', { factor: 'social_media', reason: 'lagi' })).toMatchObject({ ok: false, error: { code: 'casework_invalid', fields: [{ field: 'factor' }] } });
    expect(cw(s, 'riskFactor.added', { factor: 'kemiskinan', reason: 'x' })).toMatchObject({ ok: false, error: { code: 'casework_invalid' } });
    expect(cw(s, 'riskFactor.removed', { factor: 'family', reason: 'x' })).toMatchObject({ ok: false, error: { code: 'casework_invalid' } });
    expect(cw(s, 'riskFactor.added', { factor: 'distance', reason: 'x' }, KEPSEK)).toMatchObject({ ok: false, error: { code: 'reserved_event' } });
    s = ok(cw(s, 'riskFactor.removed', { factor: 'economic', reason: 'PIP sudah cair' })).snapshot;
    expect(s.context.riskFactors).toEqual(['social_media']);
  });

  it('an added intervention with a due date opens a task that closes when it is done', () => {
    let s = startCase(p, {}, { now: NOW }).snapshot;
    const added = ok(cw(s, 'intervention.added', { interventionId: 'iv1', kind: 'home_visit', title: 'Kunjungan kedua', reason: 'Orang tua belum hadir', dueAt: '2026-01-09T08:00:00.000Z' }));
    expect(added.effects).toContainEqual(expect.objectContaining({ type: 'task.open', stateId: addedInterventionStep('iv1'), kind: 'home_visit', roles: ['guru_bk'], dueAt: '2026-01-09T08:00:00.000Z', title: { id: 'Kunjungan rumah: Kunjungan kedua', en: 'Home visit: Kunjungan kedua' } }));
    s = added.snapshot;
    expect(stateValueOf(p, s)).toEqual(['kunjungan']); // the planned step stays where it was
    expect(cw(s, 'intervention.added', { interventionId: 'iv1', kind: 'referral', reason: 'x' })).toMatchObject({ ok: false, error: { code: 'casework_invalid' } });
    expect(cw(s, 'intervention.added', { interventionId: 'iv2', kind: 'closure', reason: 'x' })).toMatchObject({ ok: false, error: { code: 'casework_invalid', fields: [{ field: 'kind' }] } });
    const done = ok(cw(s, 'intervention.completed', { interventionId: 'iv1', note: 'Ibu hadir' }));
    expect(done.effects).toEqual([{ type: 'task.close', stateId: addedInterventionStep('iv1') }]);
    expect(done.snapshot.context.interventions).toEqual([{ id: 'iv1', kind: 'home_visit', status: 'done' }]);
    expect(cw(done.snapshot, 'intervention.completed', { interventionId: 'iv1' })).toMatchObject({ ok: false, error: { code: 'casework_invalid' } });
  });

  it('replay through the engine alone rebuilds the snapshot', () => {
    const events: RecordedCaseEvent[] = [{ seq: 1, type: 'case.opened', data: { input: { riskFactors: ['economic'] } }, at: NOW }];
    const steps: [string, Record<string, unknown> | null, Actor][] = [
      ['riskFactor.added', { factor: 'bullying', reason: 'Laporan' }, BK],
      ['intervention.added', { interventionId: 'iv1', kind: 'referral', reason: 'Psikolog', dueAt: '2026-01-20T00:00:00.000Z' }, BK],
      ['intervention.skipped', { stateId: 'kunjungan', event: 'SELESAI', reason: 'Sudah bertemu' }, BK],
      ['approval.decided', { stateId: 'dana', decision: 'approved' }, KEPSEK],
      ['intervention.skipped', { stateId: 'dana', reason: 'Sudah dapat PIP' }, BK],
      ['intervention.completed', { interventionId: 'iv1' }, BK],
    ];
    let s = startCase(p, { caseId: 'c1', riskFactors: ['economic'] }, { now: NOW }).snapshot;
    for (const [i, [type, data, actor]] of steps.entries()) {
      s = ok(advanceCase(p, s, { type, ...(data ? { data } : {}) }, { now: NOW, actor, source: 'casework' })).snapshot;
      events.push({ seq: i + 2, type, data, at: NOW, actor });
    }
    expect(stateValueOf(p, s)).toEqual(['putusan']);
    const replayed = ok(replayEvents(p, 'c1', events));
    expect(JSON.parse(JSON.stringify(replayed))).toEqual(JSON.parse(JSON.stringify(s)));
  });
});

describe('what a skip never does', () => {
  const p = compilePathway(
    pathway({
      id: 'akhir',
      initial: 'pantau',
      states: {
        pantau: { meta: meta('Pantau', { kind: 'monitoring', roles: ['guru_bk'] }), on: { CEK: 'putusan' } },
        putusan: { meta: meta('Putusan', { kind: 'decision', roles: ['guru_bk'] }), on: { TUTUP: 'tutup', LANJUT: 'pantau' } },
        lapor: { meta: meta('Lapor', { kind: 'custom', roles: ['guru_bk'] }), on: { SELESAI: 'tutup' } },
        tutup: { type: 'final', meta: meta('Selesai', { kind: 'closure' }) },
      },
    }),
  );
  const skip = (s: CaseSnapshot, stateId: string) => advanceCase(p, s, { type: 'intervention.skipped', data: { stateId, reason: 'tidak perlu' } }, { now: NOW, actor: BK, source: 'casework' });

  it('skips no decision, even one whose ways need no data', () => {
    const s = ok(advanceCase(p, startCase(p, {}, { now: NOW }).snapshot, { type: 'CEK' }, { now: NOW, actor: BK })).snapshot;
    expect(skip(s, 'putusan')).toMatchObject({ ok: false, error: { code: 'skip_not_possible' } });
  });

  it('closes no case', () => {
    const doc = pathway({ id: 'akhir2', initial: 'lapor', states: { lapor: { meta: meta('Lapor', { roles: ['guru_bk'] }), on: { SELESAI: 'tutup' } }, tutup: { type: 'final', meta: meta('Selesai', { kind: 'closure' }) } } });
    const q = compilePathway(doc);
    const r = advanceCase(q, startCase(q, {}, { now: NOW }).snapshot, { type: 'intervention.skipped', data: { stateId: 'lapor', reason: 'x' } }, { now: NOW, actor: BK, source: 'casework' });
    expect(r).toMatchObject({ ok: false, error: { code: 'skip_not_possible', message: { en: expect.stringMatching(/would close the case/) } } });
  });
});
