/**
 * XState fidelity: machines written for XState 5 run in the engine step for
 * step as raw xstate runs them (issue 12, section 4). Each case here once
 * ran differently; the conformance suite in `test/conformance` walks whole
 * machines at random, these pin the single constructs down.
 */
import { describe, expect, it } from 'vitest';
import { createMachine, initialTransition, transition, type AnyStateMachine } from 'xstate';
import { importXState, exportXState } from './xstate-json.ts';
import { compilePathway } from './compile.ts';
import { advanceCase, startCase, type CaseSnapshot } from './case.ts';
import { guardImplementations } from './guards.ts';
import type { PathwayDocument } from './document.ts';
import { PathwayRunError } from './run-error.ts';

const now = new Date('2026-01-05T08:00:00Z');
const actor = { id: 'u1', role: 'guru_bk' as const };

function imported(config: Record<string, unknown>): PathwayDocument {
  const r = importXState(config);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

/** Sends the events through the engine and through raw xstate; returns both values after each. */
function both(config: Record<string, unknown>, events: { type: string; data?: Record<string, unknown> }[]): { engine: unknown[]; xstate: unknown[] } {
  const p = compilePathway(imported(config));
  let snap: CaseSnapshot = startCase(p, {}, { now }).snapshot;
  const raw = createMachine(config as never).provide({ guards: guardImplementations } as never) as AnyStateMachine;
  let [rs] = initialTransition(raw);
  const engine: unknown[] = [snap.value];
  const xstate: unknown[] = [rs.value];
  for (const e of events) {
    // Data for guards comes as the system sends it: the user gate (roles, approvals, the step's
    // declared form fields) is Jalur's own layer above XState, tested in gate.test.ts.
    const by = e.data ? {} : { actor };
    const r = advanceCase(p, snap, e, { now, ...by });
    if (r.ok) snap = r.value.snapshot;
    [rs] = transition(raw, rs, { ...e, ...by } as never);
    engine.push(snap.value);
    xstate.push(rs.value);
  }
  return { engine, xstate };
}

describe('XState fidelity', () => {
  it('runs wildcard transitions: `*`, partial `user.*` (which matches `user` itself), exact before wildcard', () => {
    const config = {
      id: 'w',
      initial: 'idle',
      states: {
        idle: { on: { 'user.*': 'user', 'user.login': 'login' } },
        user: { on: { '*': 'idle' } },
        login: { on: { 'admin.*': 'idle' } },
      },
    };
    const run = both(config, [{ type: 'user.login' }, { type: 'admin' }, { type: 'user' }, { type: 'whatever.else' }, { type: 'user.x.y' }]);
    expect(run.xstate).toEqual(['idle', 'login', 'idle', 'user', 'idle', 'user']);
    expect(run.engine).toEqual(run.xstate);
  });

  it('re-evaluates `always` after an event no state handles, as XState does', () => {
    const config = {
      id: 'a',
      initial: 'waiting',
      states: {
        waiting: { always: { guard: { type: 'check', params: { field: 'form.ready', op: 'eq', value: true } }, target: 'ready' } },
        ready: {},
      },
    };
    const run = both(config, [{ type: 'NOBODY_HANDLES', data: { ready: false } }, { type: 'NOBODY_HANDLES', data: { ready: true } }]);
    expect(run.xstate).toEqual(['waiting', 'waiting', 'ready']);
    expect(run.engine).toEqual(run.xstate);
  });

  it('still refuses an unhandled event that moves nothing', () => {
    const p = compilePathway(imported({ id: 'a', initial: 'x', states: { x: { always: { guard: { type: 'check', params: { field: 'form.go', op: 'eq', value: true } }, target: 'y' } }, y: {} } }));
    const start = startCase(p, {}, { now });
    const r = advanceCase(p, start.snapshot, { type: 'NOBODY_HANDLES' }, { now, actor });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('event_not_accepted');
  });

  it('lets an unhandled event move a case through `always` only past the gate of the step it moves', () => {
    const meta = { kind: 'custom', title: { id: 'Menunggu' }, roles: ['kepsek'] };
    const doc = imported({ id: 'g', initial: 'waiting', states: { waiting: { meta, always: { guard: { type: 'role', params: { in: ['guru_bk'] } }, target: 'done' } }, done: {} } });
    const p = compilePathway(doc);
    const start = startCase(p, {}, { now });
    const bk = advanceCase(p, start.snapshot, { type: 'POKE' }, { now, actor });
    expect(bk.ok).toBe(false);
    if (!bk.ok) expect(bk.error.code).toBe('role_not_allowed');
    const kepsek = advanceCase(p, start.snapshot, { type: 'POKE' }, { now, actor: { id: 'k', role: 'kepsek' } });
    expect(kepsek.ok).toBe(false);
    if (!kepsek.ok) expect(kepsek.error.code).toBe('event_not_accepted');
  });

  it('takes a targetless `always` with a passing guard as XState does, without looping', () => {
    const config = { id: 't', initial: 'a', states: { a: { always: { guard: { type: 'check', params: { field: 'form.x', op: 'exists', value: false } } }, on: { GO: 'b' } }, b: {} } };
    const run = both(config, [{ type: 'GO' }]);
    expect(run.engine).toEqual(['a', 'b']);
    expect(run.engine).toEqual(run.xstate);
  });

  it('reads `history: true` as a shallow history state, and `history: "deep"` without a type as a deep one', () => {
    const config = {
      id: 'h',
      initial: 'on',
      states: {
        on: {
          initial: 'a',
          on: { POWER: 'off' },
          states: { a: { on: { NEXT: 'b' } }, b: { initial: 'b1', states: { b1: { on: { NEXT: 'b2' } }, b2: {} } }, hist: { history: true }, deep: { history: 'deep' } },
        },
        off: { on: { BACK: 'on.hist', DEEP: 'on.deep' } },
      },
    };
    const doc = imported(config);
    expect(doc.machine.states.on!.states!.hist).toEqual({ type: 'history', history: 'shallow' });
    expect(doc.machine.states.on!.states!.deep).toEqual({ type: 'history', history: 'deep' });
    const run = both(config, [{ type: 'NEXT' }, { type: 'NEXT' }, { type: 'POWER' }, { type: 'DEEP' }, { type: 'POWER' }, { type: 'BACK' }]);
    // Deep history brings back b.b2; shallow history only b, which starts again at b1.
    expect(run.xstate.slice(-4)).toEqual(['off', { on: { b: 'b2' } }, 'off', { on: { b: 'b1' } }]);
    expect(run.engine).toEqual(run.xstate);
  });

  it('does not restart a timer on a v4 `internal: false` self-transition, as XState 5 ignores `internal`', () => {
    const doc = imported({ id: 'v', initial: 'a', states: { a: { after: { 60000: 'b' }, on: { PING: { target: 'a', internal: false } } }, b: {} } });
    const p = compilePathway(doc);
    const start = startCase(p, {}, { now });
    expect(start.effects.filter((e) => e.type === 'timer.schedule')).toHaveLength(1);
    const r = advanceCase(p, start.snapshot, { type: 'PING' }, { now, actor });
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value.effects.filter((e) => e.type.startsWith('timer.'))).toEqual([]);
  });

  it('runs root-level `always` and `after`', () => {
    const config = {
      id: 'r',
      initial: 'a',
      after: { 60000: '.late' },
      always: { guard: { type: 'check', params: { field: 'form.stop', op: 'eq', value: true } }, target: '.stopped' },
      states: { a: { on: { NEXT: 'b' } }, b: {}, late: {}, stopped: { type: 'final' } },
    };
    const p = compilePathway(imported(config));
    const start = startCase(p, {}, { now });
    const timer = start.effects.find((e) => e.type === 'timer.schedule');
    expect(timer).toMatchObject({ event: 'xstate.after.PT1M.r', stateId: '' });
    const late = advanceCase(p, start.snapshot, { type: timer && timer.type === 'timer.schedule' ? timer.event : '' }, { now });
    expect(late.ok && late.value.snapshot.value).toBe('late');
    const run = both(config, [{ type: 'NEXT', data: { stop: false } }, { type: 'NEXT', data: { stop: true } }]);
    expect(run.engine).toEqual(['a', 'b', 'stopped']);
    expect(run.engine).toEqual(run.xstate);
  });

  it('keeps names with digits and letters beyond ASCII, so snapshot.value is what xstate gives', () => {
    const config = { id: 'n', initial: '1', states: { '1': { on: { '2': 'état' } }, état: { on: { GO: '日本' } }, 日本: {} } };
    const run = both(config, [{ type: '2' }, { type: 'GO' }]);
    expect(run.engine).toEqual(['1', 'état', '日本']);
    expect(run.engine).toEqual(run.xstate);
  });

  it('does not call a case active when a code guard on the first automatic transition stops XState at the start', () => {
    const r = importXState({ id: 'j', initial: 'a', states: { a: { always: { guard: 'isReady', target: 'b' } }, b: { type: 'final' } } });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.warnings.map((w) => w.construct)).toEqual(['guard']);
    const p = compilePathway(r.value);
    // XState stops with status `error`; the engine says why instead of calling the case active.
    expect(() => startCase(p, {}, { now })).toThrow(PathwayRunError);
    expect(() => startCase(p, {}, { now })).toThrow(/guard ‘isReady’ is code a pathway cannot run/);
  });

  it('keeps tags, outputs, root meta, meta given as text and descriptions through import and export unchanged', () => {
    const config = {
      id: 'k',
      initial: 'draft',
      description: 'Review',
      meta: { owner: 'team-a' },
      output: { result: 'done' },
      states: {
        draft: { tags: ['editable'], meta: 'plain text', description: 'Being written', on: { SUBMIT: 'done' } },
        done: { type: 'final', tags: 'closed', output: { step: 2 }, meta: { color: 'red' } },
      },
    };
    const r = importXState(config);
    expect(r.ok && r.warnings).toEqual([]);
    if (!r.ok) return;
    const back = exportXState(r.value).config as Record<string, any>;
    expect(back.meta).toMatchObject({ owner: 'team-a' });
    expect(back.output).toEqual({ result: 'done' });
    expect(back.description).toBe('Review');
    expect(back.states.draft).toMatchObject({ tags: ['editable'], meta: 'plain text', description: 'Being written' });
    expect(back.states.done).toMatchObject({ tags: 'closed', output: { step: 2 }, meta: { color: 'red' } });
    // And the export imports back to the same document.
    const again = importXState(back);
    expect(again.ok && again.value).toEqual(r.value);
  });
});
