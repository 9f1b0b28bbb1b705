/**
 * `pureTransition` answers exactly what xstate's `transition()` answers —
 * next snapshot and executable actions (timers scheduled and cancelled
 * included) — on every template and on generated pathways with nesting,
 * parallel regions, timers and guards, along random event sequences.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { initialTransition, transition, type AnyMachineSnapshot } from 'xstate';
import { ROLES } from './document.ts';
import { compilePathway, type CompiledPathway } from './compile.ts';
import { pureTransition, type ExecutableAction } from './pure-transition.ts';
import { formData, mustParse, randomPathway, workflowFiles } from './test-fixtures.ts';

type Live = AnyMachineSnapshot & { _nodes: { transitions: Map<string, { meta?: unknown }[]>; meta?: { form?: never[] } }[] };

/** The event types the active configuration reacts to (timers as XState names them), plus one nobody handles. */
function eventTypes(s: Live): string[] {
  const types = new Set<string>();
  for (const node of s._nodes) for (const type of node.transitions.keys()) if (type !== '' && !type.startsWith('xstate.done.')) types.add(type);
  return [...types, 'TIDAK_DIKENAL'];
}

/** What an action says, without function identities. */
const shape = (actions: readonly ExecutableAction[]) => JSON.stringify(actions.map((a) => ({ type: a.type, params: a.params })));

/** Walks one random run; counts the moves and the timer actions compared on the way. */
function walk(p: CompiledPathway, picks: { pick: number; data: number; role: number }[]): { moved: number; timers: number } {
  let [snap] = initialTransition(p.machine, { riskFactors: ['economic', 'motivation'], consent: { referral: true } }) as [Live, unknown];
  let moved = 0;
  let timers = 0;
  for (const { pick, data, role } of picks) {
    if (snap.status !== 'active') break;
    const types = eventTypes(snap);
    const type = types[pick % types.length]!;
    const forms = snap._nodes.map((n) => n.meta?.form ?? []);
    const event = { type, data: formData(forms, data), actor: { id: 'u1', role: ROLES[role % ROLES.length]! } };
    const [mine, myActions] = pureTransition<Live>(p.machine, snap, event);
    const [theirs, theirActions] = transition(p.machine, snap, event as never) as [Live, ExecutableAction[]];
    expect(mine.value).toEqual(theirs.value);
    expect(mine.context).toEqual(theirs.context);
    expect(mine.status).toBe(theirs.status);
    expect(p.machine.getPersistedSnapshot(mine)).toEqual(p.machine.getPersistedSnapshot(theirs));
    expect(shape(myActions)).toBe(shape(theirActions));
    if (mine !== snap) moved++;
    timers += theirActions.filter((a) => a.type === 'xstate.raise' || a.type === 'xstate.cancel').length;
    snap = mine;
  }
  return { moved, timers };
}

const picksArb = fc.array(fc.record({ pick: fc.nat(), data: fc.nat(), role: fc.nat() }), { minLength: 1, maxLength: 30 });

describe('pureTransition', () => {
  it.each(workflowFiles().map((w) => ({ name: w.file, raw: w.raw })))('equals xstate transition() on template $name', ({ raw }) => {
    const p = compilePathway(mustParse(raw));
    let moved = 0;
    fc.assert(fc.property(picksArb, (picks) => void (moved += walk(p, picks).moved)), { numRuns: 60 });
    expect(moved).toBeGreaterThan(60);
  });

  it('equals xstate transition() on generated pathways (nesting, parallel, timers, guards)', () => {
    let moved = 0;
    let timers = 0;
    fc.assert(
      fc.property(fc.nat({ max: 100_000 }), picksArb, (seed, picks) => {
        const run = walk(compilePathway(randomPathway(seed)), picks);
        moved += run.moved;
        timers += run.timers;
      }),
      { numRuns: 150 },
    );
    // The runs must move and meet timers, or the comparison proves little.
    expect(moved).toBeGreaterThan(150);
    expect(timers).toBeGreaterThan(10);
  });

  it('collects the actions of each call apart (the shared scope keeps none)', () => {
    const p = compilePathway(randomPathway(7));
    const [start] = initialTransition(p.machine);
    const a = pureTransition(p.machine, start, { type: 'TIDAK_DIKENAL' })[1];
    const b = pureTransition(p.machine, start, { type: 'TIDAK_DIKENAL' })[1];
    expect(a).not.toBe(b);
    expect(shape(a)).toBe(shape(b));
  });
});
