/**
 * The engine is the only gate (issue 12): engine-internal and case-work
 * events never come from a user, approvals and task-force assignments are
 * checked here, and looping `always` transitions are bounded.
 */
import { describe, expect, it } from 'vitest';
import type { Actor } from './contract.ts';
import { compilePathway } from './compile.ts';
import { advanceCase, startCase, type CaseSnapshot } from './case.ts';
import { replayEvents, type RecordedCaseEvent } from './replay.ts';
import { meta, pathway } from './test-fixtures.ts';

const NOW = new Date('2026-01-05T08:00:00.000Z');
const BK: Actor = { id: 'bk1', role: 'guru_bk' };
const KEPSEK: Actor = { id: 'ks1', role: 'kepsek' };
const TIM: Actor = { id: 't1', role: 'tim' };

/** Identify → funding (needs the kepsek's approval, with a 6-week timer) → done; a parallel pair for done events. */
function approvalPathway() {
  return compilePathway(
    pathway({
      id: 'uji',
      initial: 'identifikasi',
      states: {
        identifikasi: { meta: meta('Identifikasi', { roles: ['guru_bk', 'tim'] }), on: { LANJUT: 'dana', ULANG: 'identifikasi' } },
        dana: {
          meta: meta('Bantuan dana', { kind: 'funding', roles: ['guru_bk', 'tim'], requiresApproval: true }),
          on: { CAIR: 'pantau', KEMBALI: 'identifikasi' },
          after: { P6W: 'pantau' },
        },
        pantau: {
          type: 'parallel',
          states: {
            a: { initial: 'x', states: { x: { meta: meta('A', { roles: ['guru_bk'] }), on: { A_OK: 'y' } }, y: { type: 'final' } } },
            b: { initial: 'x', states: { x: { meta: meta('B', { roles: ['guru_bk'] }), on: { B_OK: 'y' } }, y: { type: 'final' } } },
          },
          on: { 'xstate.done.state.uji.pantau': 'selesai' },
        },
        selesai: { type: 'final', meta: meta('Selesai', { kind: 'closure' }) },
      },
    }),
  );
}

function ok<T>(r: { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!r.ok) throw new Error(`refused: ${JSON.stringify(r.error)}`);
  return r.value;
}

describe('engine-internal and case-work events', () => {
  const p = approvalPathway();
  const atFunding = () => ok(advanceCase(p, startCase(p, {}, { now: NOW }).snapshot, { type: 'LANJUT' }, { now: NOW, actor: BK })).snapshot;

  it.each([BK, KEPSEK, TIM, { id: 'w', role: 'wali_kelas' } as Actor])('refuses xstate.* from a user ($role) and changes nothing', (actor) => {
    const s = atFunding();
    const frozen = JSON.stringify(s);
    for (const type of ['xstate.after.P6W.uji.dana', 'xstate.done.state.uji.pantau', 'xstate.init', 'xstate.error.actor.x']) {
      const r = advanceCase(p, s, { type }, { now: NOW, actor });
      expect(r).toMatchObject({ ok: false, error: { code: 'reserved_event', event: type } });
    }
    expect(JSON.stringify(s)).toBe(frozen);
  });

  it('fires the timer from the scheduler (no actor), approval or not', () => {
    const r = ok(advanceCase(p, atFunding(), { type: 'xstate.after.P6W.uji.dana' }, { now: NOW }));
    expect(r.active.map((a) => a.stateId)).toEqual(['pantau.a.x', 'pantau.b.x']);
  });

  it('refuses case-work events sent as step actions, and from roles that may not record them', () => {
    const s = atFunding();
    expect(advanceCase(p, s, { type: 'approval.decided', data: { stateId: 'dana', decision: 'approved' } }, { now: NOW, actor: KEPSEK })).toMatchObject({
      ok: false, error: { code: 'reserved_event' },
    });
    expect(advanceCase(p, s, { type: 'approval.decided', data: { stateId: 'dana', decision: 'approved' } }, { now: NOW, actor: BK, source: 'casework' })).toMatchObject({
      ok: false, error: { code: 'reserved_event' },
    });
    expect(advanceCase(p, s, { type: 'CAIR' }, { now: NOW, actor: BK, source: 'casework' })).toMatchObject({ ok: false, error: { code: 'reserved_event' } });
  });
});

describe('the approval gate', () => {
  const p = approvalPathway();
  const decide = (s: CaseSnapshot, decision: string) =>
    ok(advanceCase(p, s, { type: 'approval.decided', data: { stateId: 'dana', decision } }, { now: NOW, actor: KEPSEK, source: 'casework' })).snapshot;

  it('refuses the step’s events until the kepsek approves, names a rejection, and asks again when the step is entered again', () => {
    let s = ok(advanceCase(p, startCase(p, {}, { now: NOW }).snapshot, { type: 'LANJUT' }, { now: NOW, actor: BK })).snapshot;
    expect(advanceCase(p, s, { type: 'CAIR' }, { now: NOW, actor: BK })).toMatchObject({ ok: false, error: { code: 'approval_required', steps: ['dana'] } });
    s = decide(s, 'rejected');
    expect(advanceCase(p, s, { type: 'CAIR' }, { now: NOW, actor: BK })).toMatchObject({ ok: false, error: { code: 'approval_rejected' } });
    s = ok(advanceCase(p, s, { type: 'approval.requested', data: { stateId: 'dana' } }, { now: NOW, actor: BK, source: 'casework' })).snapshot;
    expect(advanceCase(p, s, { type: 'CAIR' }, { now: NOW, actor: BK })).toMatchObject({ ok: false, error: { code: 'approval_required' } });
    s = decide(s, 'approved');
    // Back to identification and in again: the old approval does not carry over.
    s = ok(advanceCase(p, s, { type: 'KEMBALI' }, { now: NOW, actor: BK })).snapshot;
    s = ok(advanceCase(p, s, { type: 'LANJUT' }, { now: NOW, actor: BK })).snapshot;
    expect(advanceCase(p, s, { type: 'CAIR' }, { now: NOW, actor: BK })).toMatchObject({ ok: false, error: { code: 'approval_required' } });
    s = decide(s, 'approved');
    expect(ok(advanceCase(p, s, { type: 'CAIR' }, { now: NOW, actor: BK })).active.map((a) => a.stateId)).toEqual(['pantau.a.x', 'pantau.b.x']);
  });
});

describe('a task-force member’s steps', () => {
  const p = approvalPathway();
  it('acts only on the steps assigned to them', () => {
    const s = startCase(p, {}, { now: NOW }).snapshot;
    expect(advanceCase(p, s, { type: 'LANJUT' }, { now: NOW, actor: { ...TIM, steps: ['dana'] } })).toMatchObject({
      ok: false, error: { code: 'step_not_assigned', steps: ['dana'] },
    });
    expect(ok(advanceCase(p, s, { type: 'LANJUT' }, { now: NOW, actor: { ...TIM, steps: ['identifikasi'] } })).active[0]?.stateId).toBe('dana');
  });
});

describe('looping always transitions', () => {
  const looping = compilePathway(
    pathway({
      id: 'putar',
      initial: 'a',
      states: {
        a: { meta: meta('A', { roles: ['guru_bk'], form: [{ name: 'go', type: 'boolean', label: { id: 'Jalan' } }] }), on: { GO: 'b' } },
        b: { meta: meta('B'), always: { target: 'c', guard: { type: 'check', params: { field: 'form.go', op: 'eq', value: true } } } },
        c: { meta: meta('C'), always: { target: 'b', guard: { type: 'check', params: { field: 'form.go', op: 'eq', value: true } } } },
      },
    }),
  );

  it('refuses the event that starts the loop with a typed refusal, quickly', () => {
    const s = startCase(looping, {}, { now: NOW }).snapshot;
    const started = performance.now();
    const r = advanceCase(looping, s, { type: 'GO', data: { go: true } }, { now: NOW, actor: BK });
    expect(r).toMatchObject({ ok: false, error: { code: 'loop_limit' } });
    expect(performance.now() - started).toBeLessThan(5_000); // a hang would never return; this only rules that out
    // The case is untouched and still answers.
    expect(ok(advanceCase(looping, s, { type: 'GO', data: { go: false } }, { now: NOW, actor: BK })).active[0]?.stateId).toBe('b');
  });
});

describe('wildcards and case-work events', () => {
  // A pathway may use XState's wildcards (`*`, `consent.*`); XState tries a state's own transitions before its
  // ancestors', so a leaf wildcard would catch the case service's consent and move the case.
  const wild = (descriptor: string, parallel = false) =>
    compilePathway(
      pathway({
        id: 'liar',
        initial: 'a',
        states: {
          a: parallel
            ? {
                type: 'parallel',
                states: {
                  p: { initial: 'x', states: { x: { meta: meta('P', { roles: ['guru_bk'] }), on: { [descriptor]: 'y' } }, y: { meta: meta('P selesai') } } },
                  q: { initial: 'x', states: { x: { meta: meta('Q', { roles: ['guru_bk'] }), on: { [descriptor]: 'y' } }, y: { meta: meta('Q selesai') } } },
                },
              }
            : { meta: meta('A', { roles: ['guru_bk'] }), on: { [descriptor]: 'b' } },
          b: { type: 'final', meta: meta('B') },
        },
      }),
    );

  it.each(['*', 'consent.*'])('a %s transition lets a consent through to the case service: the case stays, the consent is kept', (descriptor) => {
    const p = wild(descriptor);
    const s = startCase(p, {}, { now: NOW }).snapshot;
    const r = ok(advanceCase(p, s, { type: 'consent.recorded', data: { purpose: 'home_visit', granted: true } }, { now: NOW, actor: BK, source: 'casework' }));
    expect(r.snapshot.value).toBe('a');
    expect(r.snapshot.context).toMatchObject({ consent: { home_visit: true } });
  });

  it('applies a consent once in parallel regions that both wait on a wildcard', () => {
    const p = wild('*', true);
    const s = startCase(p, {}, { now: NOW }).snapshot;
    const r = ok(advanceCase(p, s, { type: 'consent.recorded', data: { purpose: 'home_visit', granted: true } }, { now: NOW, actor: BK, source: 'casework' }));
    expect(r.snapshot.value).toEqual({ a: { p: 'x', q: 'x' } });
    expect(r.snapshot.context).toMatchObject({ consent: { home_visit: true } });
  });

  it('still takes any other event through the wildcard, as XState does', () => {
    const p = wild('*');
    const s = startCase(p, {}, { now: NOW }).snapshot;
    expect(ok(advanceCase(p, s, { type: 'APA_SAJA' }, { now: NOW, actor: BK })).snapshot.value).toBe('b');
  });
});

describe('replay', () => {
  it('rebuilds the snapshot from the events alone, case-work and timers included', () => {
    const p = approvalPathway();
    const events: RecordedCaseEvent[] = [
      { seq: 1, type: 'case.opened', data: { input: { riskFactors: ['economic'] } }, at: NOW },
      { seq: 2, type: 'LANJUT', data: null, at: NOW, actor: BK },
      { seq: 3, type: 'consent.recorded', data: { purpose: 'referral', granted: true }, at: NOW, actor: BK },
      { seq: 4, type: 'approval.decided', data: { stateId: 'dana', decision: 'approved' }, at: NOW, actor: KEPSEK },
      { seq: 5, type: 'xstate.after.P6W.uji.dana', data: { timerId: 't' }, at: NOW },
      { seq: 6, type: 'A_OK', data: null, at: NOW, actor: BK },
    ];
    let s = startCase(p, { riskFactors: ['economic'], caseId: 'k' }, { now: NOW }).snapshot;
    for (const e of events.slice(1)) {
      const source = e.type.startsWith('xstate.') ? 'scheduler' : e.type.includes('.') ? 'casework' : 'user';
      s = ok(advanceCase(p, s, e.data && source !== 'scheduler' ? { type: e.type, data: e.data } : { type: e.type }, { now: NOW, source, ...(source === 'scheduler' ? {} : { actor: e.actor! }) })).snapshot;
    }
    const replayed = ok(replayEvents(p, 'k', events));
    expect(JSON.parse(JSON.stringify(replayed))).toEqual(JSON.parse(JSON.stringify(s)));
    expect(replayed.context).toMatchObject({ consent: { referral: true }, approvals: { dana: 'approved' } });
  });
});

describe('lint on always cycles and reserved names', () => {
  const guard = { type: 'check', params: { field: 'form.go', op: 'eq', value: true } } as const;
  it('warns on a guarded cycle and errs on an unguarded one', async () => {
    const { lintPathway } = await import('./lint.ts');
    const guarded = pathway({ initial: 'a', states: { a: { meta: meta('A', { roles: ['guru_bk'], form: [{ name: 'go', type: 'boolean', label: { id: 'Jalan' } }] }), on: { GO: 'b' } }, b: { meta: meta('B'), always: { target: 'c', guard } }, c: { meta: meta('C'), always: { target: 'b', guard } }, d: { type: 'final', meta: meta('D') } } });
    const codes = lintPathway(guarded).map((d) => `${d.code}:${d.severity}`);
    expect(codes).toContain('JALUR017:warning');
    expect(codes).not.toContain('JALUR016:error');
    const unguarded = pathway({ initial: 'a', states: { a: { meta: meta('A'), always: 'b' }, b: { meta: meta('B'), always: 'a' } } });
    expect(lintPathway(unguarded).map((d) => d.code)).toContain('JALUR016');
  });
  it('refuses a pathway that declares a case-work event name', async () => {
    const { lintPathway } = await import('./lint.ts');
    const doc = pathway({ initial: 'a', states: { a: { meta: meta('A', { roles: ['kepsek'] }), on: { 'approval.decided': 'b' } }, b: { type: 'final', meta: meta('B') } } });
    expect(lintPathway(doc)).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'JALUR018', severity: 'error' })]));
  });
});
