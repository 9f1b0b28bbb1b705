/**
 * Random statecharts, run by the engine and by raw xstate side by side: the
 * conformance suite (`test/conformance`) walks machines people wrote, this
 * walks machines nobody would write — nested and parallel groups, history
 * states, wildcards, automatic transitions with guards that read the event's
 * data, timers — and asks for the same value, status and timers after every
 * event. Machines lint refuses (targets that name nothing, automatic loops)
 * are skipped: the engine never runs those.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMachine, initialTransition, transition, type AnyMachineSnapshot, type AnyStateMachine } from 'xstate';
import { importXState } from './xstate-json.ts';
import { lintPathway } from './lint.ts';
import { compilePathway, implementationsOf } from './compile.ts';
import { advanceCase, startCase, type CaseSnapshot } from './case.ts';
import type { Effect } from './contract.ts';
import { LoopLimitError } from './microsteps.ts';
import { guardImplementations } from './guards.ts';

const now = new Date('2026-01-05T08:00:00Z');
const EVENTS = ['A', 'B', 'user.x', 'user', 'Z'] as const;

const guard = fc.constantFrom(undefined, { type: 'check', params: { field: 'form.ok', op: 'eq', value: true } }, { type: 'check', params: { field: 'form.ok', op: 'neq', value: true } });
const name = fc.constantFrom('a', 'b', 'c');
/** A target: a state picked by its number in document order (resolved once the machine exists), a history state, or none. */
const target = fc.oneof({ arbitrary: fc.nat(40).map((n) => `@${n}`), weight: 6 }, fc.constantFrom('#m.c.hist', '#m.c.deep', undefined));
const transitionArb = fc.record({ target, guard }, { requiredKeys: [] });
const onArb = fc.dictionary(fc.constantFrom('A', 'B', 'user.*', '*', 'Z'), fc.oneof(transitionArb, fc.array(transitionArb, { minLength: 1, maxLength: 2 })), { maxKeys: 3 });
const leaf = fc.record(
  {
    type: fc.constantFrom('atomic', 'final'),
    on: onArb,
    always: fc.oneof(
      { arbitrary: fc.constant(undefined), weight: 4 },
      fc.record({ target: fc.nat(40).map((n) => `@${n}`), guard: fc.constant({ type: 'check', params: { field: 'form.go', op: 'eq', value: true } }) }),
    ),
    after: fc.dictionary(fc.constantFrom('1000', '60000'), fc.nat(40).map((n) => `@${n}`), { maxKeys: 1 }),
  },
  { requiredKeys: ['type'] },
);
const node: fc.Memo<unknown> = fc.memo((n): fc.Arbitrary<unknown> =>
  n <= 1
    ? leaf
    : fc.oneof(
        leaf,
        fc.record(
          {
            type: fc.constantFrom('compound', 'parallel'),
            initial: name,
            states: fc.dictionary(name, node(n - 1), { minKeys: 1, maxKeys: 3 }),
            on: onArb,
            onDone: fc.nat(40).map((n) => `@${n}`),
          },
          { requiredKeys: ['type', 'states', 'initial'] },
        ),
      ),
);

/** Every group `c` gets a shallow and a deep history state, so `c.hist` / `c.deep` targets can resolve. */
function withHistory(states: Record<string, any>): Record<string, any> {
  const out: Record<string, any> = {};
  for (const [k, v] of Object.entries(states)) {
    const s = { ...v };
    if (s.states) {
      s.states = withHistory(s.states);
      if (!Object.hasOwn(s.states, s.initial)) s.initial = Object.keys(s.states)[0];
    }
    if (k === 'c' && s.states && s.type !== 'parallel') s.states = { ...s.states, hist: { history: true }, deep: { history: 'deep' } };
    out[k] = s;
  }
  return out;
}

/** State paths in document order, history states left out. */
function paths(states: Record<string, any>, prefix: string[] = []): string[] {
  return Object.entries(states).flatMap(([k, v]) => (v.history ? [] : [[...prefix, k].join('.'), ...(v.states ? paths(v.states, [...prefix, k]) : [])]));
}

/** Replaces each `@n` with `#m.<the n-th state>` and drops empty `always`. */
function resolve(value: unknown, all: string[]): unknown {
  if (typeof value === 'string' && value.startsWith('@')) return `#m.${all[Number(value.slice(1)) % all.length]}`;
  if (Array.isArray(value)) return value.map((v) => resolve(v, all));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, resolve(v, all)]));
  return value;
}

/**
 * The author's config plus the one thing a pathway adds: each event's data is
 * recorded in `context.form` (guards read `form.*`, also on XState's internal
 * events such as a group's completion). Raw xstate gets the same recording, so
 * the two agree on what a guard sees; nothing else is added.
 */
function recording(config: Record<string, any>): Record<string, any> {
  const withAction = (t: unknown) => (Array.isArray(t) ? t : [t]).map((x) => ({ ...(typeof x === 'string' ? { target: x } : (x as object)), actions: [{ type: 'record', params: { step: '' } }] }));
  const walk = (node: Record<string, any>): Record<string, any> => {
    const out: Record<string, any> = { ...node };
    for (const key of ['on', 'after'] as const) if (node[key]) out[key] = Object.fromEntries(Object.entries(node[key]).map(([k, t]) => [k, withAction(t)]));
    if (node.onDone) out.onDone = withAction(node.onDone);
    if (node.always) out.always = (Array.isArray(node.always) ? node.always : [node.always]).map((x: unknown) => ({ ...(typeof x === 'string' ? { target: x } : (x as object)), actions: [{ type: 'step' }] }));
    if (node.states) out.states = Object.fromEntries(Object.entries(node.states).map(([k, v]) => [k, walk(v as Record<string, any>)]));
    return out;
  };
  return { ...walk(config), context: { form: {}, forms: {} } };
}

/** Raw xstate has no bound on automatic loops; its guards count their calls and give up. */
let calls = 0;
const countedGuards = Object.fromEntries(
  Object.entries(guardImplementations).map(([k, fn]) => [
    k,
    (...args: unknown[]) => {
      if (++calls > 2000) throw new Error('automatic loop');
      return (fn as (...a: unknown[]) => boolean)(...args);
    },
  ]),
);

type Resolvable = { resolve: (...args: unknown[]) => unknown };

/** A resolvable action (as XState resolves `assign`) that counts toward the same give-up bound. */
function counting(action: Resolvable) {
  return Object.assign(function counted() {}, {
    type: 'counted',
    resolve: (scope: unknown, snapshot: unknown, args: unknown, params: unknown, _self: unknown, ...rest: unknown[]) => {
      if (++calls > 2000) throw new Error('automatic loop');
      return action.resolve(scope, snapshot, args, params, action, ...rest);
    },
  });
}

describe('the engine runs random statecharts as raw xstate does', () => {
  it('agrees on value, status and timers after every event', () => {
    let compared = 0;
    const why: Record<string, number> = { import: 0, lint: 0 };
    fc.assert(
      fc.property(
        fc.dictionary(name, node(3), { minKeys: 2, maxKeys: 3 }),
        name,
        fc.array(fc.record({ type: fc.constantFrom(...EVENTS, 'TIMER'), ok: fc.boolean(), go: fc.boolean() }), { minLength: 1, maxLength: 12 }),
        (rawStates, initial, events) => {
          const shaped = withHistory(rawStates as Record<string, any>);
          const states = resolve(shaped, paths(shaped)) as Record<string, any>;
          const config = { id: 'm', initial: Object.hasOwn(states, initial) ? initial : Object.keys(states)[0], states };
          const imported = importXState(config);
          if (!imported.ok) {
            why.import = (why.import ?? 0) + 1;
            return;
          }
          const codes = new Set(lintPathway(imported.value).map((d) => d.code));
          if ((['JALUR004', 'JALUR007', 'JALUR011', 'JALUR016', 'JALUR017'] as const).some((c) => codes.has(c))) {
            why.lint = (why.lint ?? 0) + 1;
            for (const c of codes) why[c] = (why[c] ?? 0) + 1;
            return;
          }
          // The engine first: it bounds automatic loops (LoopLimitError), raw xstate would spin forever.
          const p = compilePathway(imported.value);
          let start: ReturnType<typeof startCase>;
          try {
            start = startCase(p, {}, { now });
          } catch (e) {
            if (e instanceof LoopLimitError) return;
            throw e;
          }
          let raw: AnyStateMachine;
          let rs: AnyMachineSnapshot;
          let rawActions: { type: string; params?: any }[];
          try {
            const record = implementationsOf(imported.value).actions.record as unknown as Resolvable;
            raw = createMachine(recording(config) as never).provide({
              guards: countedGuards,
              actions: { record: counting(record), step: counting({ resolve: (_scope: unknown, snapshot: unknown) => [snapshot] }) },
            } as never) as AnyStateMachine;
            calls = 0;
            [rs, rawActions] = initialTransition(raw) as unknown as [AnyMachineSnapshot, { type: string; params?: any }[]];
          } catch {
            return; // XState refuses the machine (e.g. a history target it cannot resolve); not a pathway either.
          }

          let snap: CaseSnapshot = start.snapshot;
          // Pending timers on each side, by `state@ms`, with the event that side fires for it.
          const engineTimers = new Map<string, string>();
          const engineIds = new Map<string, string>();
          const onEffects = (effects: readonly Effect[], at: Date) => {
            for (const ef of effects) {
              if (ef.type === 'timer.schedule') {
                const key = `${ef.stateId}@${new Date(ef.dueAt).getTime() - at.getTime()}`;
                engineTimers.set(key, ef.event);
                engineIds.set(ef.timerId, key);
              } else if (ef.type === 'timer.cancel') {
                const key = engineIds.get(ef.timerId);
                if (key) engineTimers.delete(key);
              }
            }
          };
          const rawTimers = new Map<string, string>();
          const rawIds = new Map<string, string>();
          const onActions = (actions: { type: string; params?: any }[]) => {
            for (const a of actions) {
              if (a.type === 'xstate.raise' && typeof a.params?.delay === 'number') {
                const type: string = a.params.event.type;
                const nodeId = type.slice('xstate.after.'.length).split('.').slice(1).join('.');
                const key = `${raw.getStateNodeById(nodeId).path.join('.')}@${a.params.delay}`;
                rawTimers.set(key, type);
                rawIds.set(String(a.params.id), key);
              } else if (a.type === 'xstate.cancel') {
                const key = rawIds.get(String(a.params.sendId));
                if (key) rawTimers.delete(key);
              }
            }
          };
          onEffects(start.effects, now);
          onActions(rawActions);
          const where = JSON.stringify({ config, events });
          expect(snap.value, where).toEqual(rs.value);
          for (const e of events) {
            if (rs.status !== 'active') break;
            const data = { ok: e.ok, go: e.go };
            let engineEvent: { type: string; data: typeof data };
            let rawEvent: Record<string, unknown>;
            // Events carry data for the guards, so they come as the system sends them: the user gate
            // (roles, approvals, declared form fields) is Jalur's layer above XState (gate.test.ts).
            const options = { now };
            if (e.type === 'TIMER') {
              const key = [...rawTimers.keys()].sort()[0];
              if (!key) continue;
              engineEvent = { type: engineTimers.get(key) ?? 'missing', data };
              rawEvent = { type: rawTimers.get(key), data };
              rawTimers.delete(key);
              engineTimers.delete(key);
            } else {
              engineEvent = { type: e.type, data };
              rawEvent = { type: e.type, data };
            }
            const r = advanceCase(p, snap, engineEvent, options);
            if (!r.ok && r.error.code === 'loop_limit') return;
            if (r.ok) {
              snap = r.value.snapshot;
              onEffects(r.value.effects, now);
            }
            let next: AnyMachineSnapshot;
            let actions: unknown;
            calls = 0;
            try {
              [next, actions] = transition(raw, rs, rawEvent as never);
            } catch {
              return; // raw xstate loops on automatic transitions here; the engine's own bound refuses such a step
            }
            rs = next;
            onActions(actions as never);
            expect({ value: snap.value, status: snap.status }, where).toEqual({ value: rs.value, status: rs.status });
            if (rs.status === 'active') expect([...engineTimers.keys()].sort(), where).toEqual([...rawTimers.keys()].sort());
            compared++;
          }
        },
      ),
      { numRuns: 400 },
    );
    expect(compared, JSON.stringify(why)).toBeGreaterThan(200);
  });
});
