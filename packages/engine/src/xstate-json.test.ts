import { describe, expect, it } from 'vitest';
import { createMachine, initialTransition, transition, type AnyStateMachine } from 'xstate';
import type { PathwayDocument } from './document.ts';
import { exportXState, importXState, msToDuration, sanitiseName } from './xstate-json.ts';
import { lintPathway } from './lint.ts';
import { parsePathway } from './parse.ts';
import { normaliseTransitions } from './state-tree.ts';
import { examplePathway, meta, mustParse, pathway, workflowFiles } from './test-fixtures.ts';

/** The document with every transition written as a list of objects, to compare meaning rather than spelling. */
function canonical(doc: PathwayDocument): unknown {
  const walk = (node: Record<string, unknown>): Record<string, unknown> => {
    const out: Record<string, unknown> = { ...node };
    for (const key of ['on', 'after'] as const) {
      const map = node[key] as Record<string, never> | undefined;
      if (map) out[key] = Object.fromEntries(Object.entries(map).map(([k, v]) => [k, normaliseTransitions(v)]));
    }
    if (node.always !== undefined) out.always = normaliseTransitions(node.always as never);
    const states = node.states as Record<string, Record<string, unknown>> | undefined;
    if (states) out.states = Object.fromEntries(Object.entries(states).map(([k, v]) => [k, walk(v)]));
    return out;
  };
  return { ...doc, machine: { ...walk(doc.machine as never), context: undefined } };
}

/** A pathway with a nested group and a parallel group whose completion is awaited. */
function nestedAndParallel(): PathwayDocument {
  return pathway({
    initial: 'identifikasi',
    states: {
      identifikasi: { meta: meta('Identifikasi', { roles: ['guru_bk'] }), on: { LANJUT: 'intervensi' } },
      intervensi: {
        type: 'parallel',
        states: {
          dana: {
            initial: 'kunjungan',
            states: {
              kunjungan: { meta: meta('Kunjungan rumah', { kind: 'home_visit' }), on: { SELESAI: 'tersalur' } },
              tersalur: { type: 'final', meta: meta('Dana tersalur') },
            },
          },
          konseling: {
            initial: 'sesi',
            states: {
              sesi: { meta: meta('Sesi'), on: { SESI_SELESAI: 'cukup' }, after: { P7D: 'cukup' } },
              cukup: { type: 'final', meta: meta('Cukup') },
            },
          },
        },
        on: { 'xstate.done.state.uji.intervensi': 'selesai' },
      },
      selesai: { type: 'final', meta: meta('Selesai', { kind: 'closure' }) },
    },
  });
}

function raw(doc: PathwayDocument): AnyStateMachine {
  const { config, implementations } = exportXState(doc);
  return createMachine(config as never).provide(implementations as never) as AnyStateMachine;
}

describe('exportXState', () => {
  it('gives plain JSON that raw xstate accepts as it is', () => {
    const { config } = exportXState(examplePathway());
    expect(JSON.parse(JSON.stringify(config))).toEqual(config);
    expect(() => createMachine(config as never)).not.toThrow();
  });

  it('runs under raw xstate with the engine’s guards, delays and form recording', () => {
    const machine = raw(examplePathway());
    let [s] = initialTransition(machine);
    expect(s.value).toBe('identifikasi');
    [s] = transition(machine, s, { type: 'SELESAI_IDENTIFIKASI', data: { mainFactor: 'economic', attendanceRate: 0.7 } } as never);
    expect(s.value).toBe('kunjungan_rumah');
    expect(s.context.forms.identifikasi).toEqual({ mainFactor: 'economic', attendanceRate: 0.7 });
    [s] = transition(machine, s, { type: 'KUNJUNGAN_SELESAI' } as never);
    [s] = transition(machine, s, { type: 'xstate.after.P7D.contoh-singkat.pemantauan' } as never);
    expect(s.value).toBe('evaluasi');
    const refused = transition(machine, s, { type: 'RUJUK', actor: { id: 'u', role: 'guru_bk' } } as never)[0];
    expect(refused.value).toBe('evaluasi');
    const consented = { ...s, context: { ...s.context, consent: { referral: true } } };
    expect(transition(machine, consented as never, { type: 'RUJUK', actor: { id: 'u', role: 'guru_bk' } } as never)[0].value).toBe('selesai');
  });

  it('schedules timers in milliseconds from the ISO-8601 delay', () => {
    const doc = examplePathway();
    const { implementations } = exportXState(doc);
    expect(implementations.delays).toEqual({ P7D: 7 * 86_400_000 });
    expect(Object.keys(implementations.guards).sort()).toEqual(['and', 'check', 'not', 'or', 'role']);
  });

  it('carries the pathway’s key, title and layout in the root meta', () => {
    const { config } = exportXState(examplePathway());
    expect(config.meta).toMatchObject({ key: 'contoh-singkat', title: { id: 'Contoh jalur singkat' }, layout: { identifikasi: { x: 0, y: 0 } } });
  });
});

describe('importXState', () => {
  it('gives back the same pathway from its own export, nesting and parallel regions included', () => {
    for (const doc of [examplePathway(), nestedAndParallel(), ...workflowFiles().map((w) => mustParse(w.raw))]) {
      const back = importXState(exportXState(doc).config);
      expect(back.ok, doc.key).toBe(true);
      if (!back.ok) continue;
      // The engine's empty default context is not part of the document.
      expect(canonical(back.value), doc.key).toEqual(canonical(doc));
      expect(exportXState(back.value).config).toEqual(exportXState(doc).config);
    }
  });

  it('takes a config from another statechart tool: nesting, parallel, custom ids, onDone, delays, meta', () => {
    const foreign = {
      id: 'Alat lain',
      initial: 'Idle',
      context: { count: 0 },
      states: {
        Idle: { id: 'idle', entry: ['log'], on: { START: { target: 'Working', guard: 'isReady', actions: ['x'] } } },
        Working: {
          type: 'parallel',
          onDone: '#done',
          states: {
            'Region A': { initial: 'a1', states: { a1: { after: { 86400000: 'a2', 1500: 'a2' } }, a2: { type: 'final' } } },
            b: {
              initial: 'b1',
              states: {
                b1: { on: { FIN: { target: 'b2', guard: { type: 'isAdult', params: { age: 18 } } } }, meta: { color: 'red', title: 'Langkah B1', description: 'Catatan' } },
                b2: { type: 'final' },
              },
            },
          },
        },
        Done: { id: 'done', type: 'final', invoke: { src: 'mailer' }, description: 'Selesai' },
      },
    };
    const r = importXState(foreign);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const doc = r.value;
    // The machine id and every state name stay as written; only the pathway key must be URL-safe.
    expect(doc.key).toBe('Alat_lain');
    expect(doc.machine.id).toBe('Alat lain');
    expect(doc.machine.context).toEqual({ count: 0 });
    const working = doc.machine.states.Working!;
    expect(working.type).toBe('parallel');
    expect(Object.keys(working.states!)).toEqual(['Region A', 'b']);
    expect(working.on).toEqual({ 'xstate.done.state.Alat lain.Working': '#Alat lain.Done' });
    expect(working.states!['Region A']!.states!.a1!.after).toEqual({ P1D: 'a2', '1500': 'a2' });
    // Steps without our meta get kind `custom` and their name as title; foreign meta is kept.
    expect(doc.machine.states.Idle!.meta).toMatchObject({ kind: 'custom', title: { id: 'Idle' } });
    expect(working.states!.b!.states!.b1!.meta).toMatchObject({ kind: 'custom', title: { id: 'Langkah B1' }, description: { id: 'Catatan' }, extra: { color: 'red' } });
    expect(doc.machine.states.Done).toMatchObject({ type: 'final', description: 'Selesai', meta: { title: { id: 'Done' }, description: { id: 'Selesai' } } });
    // Actions, entry and invoke cannot live in a pathway: they are left out, and each one is said.
    expect(JSON.stringify(doc)).not.toMatch(/"actions"|"entry"|"invoke"/);
    expect(r.warnings.map((w) => `${w.construct} @ ${w.path.join('.')}`).sort()).toEqual([
      'actions @ states.Idle.on.START.actions',
      'entry @ states.Idle.entry',
      'guard @ states.Idle.on.START.guard',
      'guard @ states.Working.states.b.states.b1.on.FIN.guard',
      'id @ states.Done.id',
      'id @ states.Idle.id',
      'invoke @ states.Done.invoke',
      'key @ id',
    ]);
    expect(r.warnings.find((w) => w.construct === 'invoke')?.message.en).toMatch(/invoke ‘mailer’ was left out: a pathway runs no services/);
  });

  it('keeps guards that are not ours by name, for lint to point at instead of crashing, and says so', () => {
    const r = importXState({ id: 'm', initial: 'a', states: { a: { on: { GO: { target: 'b', guard: 'isReady' } } }, b: { type: 'final' } } });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.machine.states.a!.on!.GO).toEqual({ target: 'b', guard: { type: 'isReady' } });
    const unknown = lintPathway(r.value).filter((d) => d.code === 'JALUR004');
    expect(unknown.map((d) => d.transition?.event)).toEqual(['GO']);
    expect(parsePathway(r.value).ok).toBe(false);
    expect(r.warnings).toEqual([expect.objectContaining({ construct: 'guard', path: ['states', 'a', 'on', 'GO', 'guard'] })]);
  });

  it('replaces a code guard by the declarative stand-in it is given', () => {
    const standIn = { type: 'check', params: { field: 'form.ready', op: 'eq', value: true } } as const;
    const r = importXState({ id: 'm', initial: 'a', states: { a: { on: { GO: { target: 'b', guard: 'isReady' } } }, b: { type: 'final' } } }, { guards: { isReady: standIn } });
    expect(r.ok && r.value.machine.states.a!.on!.GO).toEqual({ target: 'b', guard: standIn });
    expect(r.ok && r.warnings).toEqual([]);
  });

  it('reads v4 internal as XState 5 does (ignored, with a warning) and refuses v4 cond as XState 5 does', () => {
    const r = importXState({ id: 'm', initial: 'a', states: { a: { on: { SELF: { target: 'a', internal: false } } }, b: { type: 'final' } } });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.machine.states.a!.on).toEqual({ SELF: 'a' });
    expect(r.warnings.map((w) => [w.construct, w.path.join('.')])).toEqual([['internal', 'states.a.on.SELF.internal']]);
    expect(r.warnings[0]?.message.en).toMatch(/as XState 5 ignores it: this transition does not exit and re-enter/);
    const cond = importXState({ id: 'm', initial: 'a', states: { a: { on: { ALT: { target: 'b', cond: 'v4Guard' } } }, b: { type: 'final' } } });
    expect(cond.ok).toBe(false);
    if (!cond.ok) {
      expect(cond.error[0]?.path).toEqual(['states', 'a', 'on', 'ALT', 'cond']);
      expect(cond.error[0]?.message.en).toMatch(/cond ‘v4Guard’ is XState v4\. XState 5 refuses it/);
    }
  });

  it('keeps guards in our vocabulary as they are', () => {
    const guard = { type: 'and', params: { of: [{ type: 'role', params: { in: ['guru_bk'] } }, { type: 'check', params: { field: 'form.x', op: 'exists' } }] } };
    const r = importXState({ id: 'm', initial: 'a', states: { a: { on: { GO: { target: 'b', guard } } }, b: { type: 'final' } } });
    expect(r.ok && r.value.machine.states.a!.on!.GO).toEqual({ target: 'b', guard });
  });

  it('reads XState v4 spellings: eventless "" transitions and after lists', () => {
    const r = importXState({ id: 'm', initial: 'a', states: { a: { on: { '': 'b' } }, b: { after: [{ delay: 604_800_000, target: 'c' }] }, c: { type: 'final' } } });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.machine.states.a!.always).toBe('b');
    expect(r.value.machine.states.b!.after).toEqual({ P1W: 'c' });
  });

  it('keeps every name as written: spaces, digits, letters beyond ASCII', () => {
    const r = importXState({ id: 'mesin 1', initial: 'home visit', states: { 'home visit': { on: { 'NEXT STEP': 'état.1' } }, état: { initial: '1', states: { '1': { type: 'final' } } } } });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.machine.id).toBe('mesin 1');
    expect(r.value.machine.initial).toBe('home visit');
    expect(r.value.machine.states['home visit']!.on).toEqual({ 'NEXT STEP': 'état.1' });
    expect(Object.keys(r.value.machine.states.état!.states!)).toEqual(['1']);
  });

  it('refuses what cannot become a pathway, with the reason and the path the author wrote', () => {
    const notObject = importXState('machine');
    expect(notObject.ok).toBe(false);
    if (!notObject.ok) expect(notObject.error[0]?.message.id).toMatch(/harus berupa objek/);
    const dotted = importXState({ id: 'm', initial: 'a', states: { a: { type: 'final' }, 'a.b': { type: 'final' } } });
    expect(dotted.ok).toBe(false);
    if (!dotted.ok) {
      expect(dotted.error[0]?.path).toEqual(['states', 'a.b']);
      expect(dotted.error[0]?.message.en).toMatch(/a dot \(\.\) separates steps in a path/);
    }
    const noInitial = importXState({ id: 'm', states: { a: {} } });
    expect(noInitial.ok).toBe(false);
    if (!noInitial.ok) expect(noInitial.error[0]?.path).toEqual(['initial']);
    const longEvent = importXState({ id: 'm', initial: 'a', states: { a: { on: { ['E'.repeat(200)]: 'b' } }, b: { type: 'final' } } });
    expect(longEvent.ok).toBe(false);
    if (!longEvent.ok) {
      expect(longEvent.error[0]?.path).toEqual(['states', 'a', 'on', 'E'.repeat(200)]);
      expect(longEvent.error[0]?.message.en).toMatch(/event name .* is too long: 200 characters, at most 120/);
    }
  });

  it('points a refusal inside an onDone at the onDone the author wrote, however deep', () => {
    const deep = { id: 'm', initial: 'g1', states: { g1: { initial: 'g2', states: { g2: { initial: 'x', states: { x: { type: 'final' } }, onDone: { target: Array.from({ length: 21 }, () => '#m.g1.y') } }, y: {} } } } };
    const r = importXState(deep);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error[0]?.path).toEqual(['states', 'g1', 'states', 'g2', 'onDone', 'target']);
    // A deep onDone becomes a long xstate.done.state… event name; that is not the author's event name and is not refused.
    const name = 'n'.repeat(100);
    const long = importXState({ id: 'm', initial: name, states: { [name]: { initial: name, states: { [name]: { initial: 'x', states: { x: { type: 'final' } }, onDone: 'y' }, y: { type: 'final' } } , onDone: 'z' }, z: { type: 'final' } } });
    expect(long.ok).toBe(true);
  });

  it('refuses __proto__ and friends as state or event names instead of touching prototypes', () => {
    const r = importXState(JSON.parse('{"id":"m","initial":"a","states":{"a":{"on":{"__proto__":"b"}},"b":{"type":"final"},"__proto__":{"type":"final"}}}'));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.map((i) => i.path.join('.')).sort()).toEqual(['states.__proto__', 'states.a.on.__proto__']);
    expect(r.error[0]?.message.id).toMatch(/tidak boleh dipakai/);
  });

  it('passes a pathway document through parsePathway unchanged', () => {
    const doc = examplePathway();
    const r = importXState(doc);
    expect(r.ok && r.value).toEqual(doc);
  });
});

describe('helpers', () => {
  it('turns milliseconds into the shortest ISO-8601 duration', () => {
    expect(msToDuration(604_800_000)).toBe('P1W');
    expect(msToDuration(86_400_000 * 3)).toBe('P3D');
    expect(msToDuration(3_600_000 * 12)).toBe('PT12H');
    expect(msToDuration(90_000)).toBe('PT90S');
    expect(msToDuration(1500)).toBe('1500');
  });

  it('makes pathway keys valid the same way every time', () => {
    expect(sanitiseName('home visit')).toBe('home_visit');
    expect(sanitiseName('1st')).toBe('_1st');
    expect(sanitiseName('ok-name')).toBe('ok-name');
  });
});
