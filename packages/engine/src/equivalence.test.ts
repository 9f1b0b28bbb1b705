/**
 * The engine and raw XState agree: for every template, the shared example and
 * generated pathways, random event sequences through `advanceCase` reach the
 * same states (and record the same data) as raw `xstate.transition()` on the
 * exported config with the exported implementations.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMachine, initialTransition, transition, type AnyMachineSnapshot, type AnyStateMachine } from 'xstate';
import { RISK_FACTORS, ROLES, type FormField, type PathwayDocument, type RiskFactor, type Role } from './document.ts';
import type { Actor, CaseEvent, StartCaseInput } from './contract.ts';
import { compilePathway, initialContext, type CompiledPathway } from './compile.ts';
import { advanceCase, startCase, type CaseSnapshot } from './case.ts';
import { exportXState } from './xstate-json.ts';
import { indexStates, listStates, transitionsOf, type StateEntry } from './state-tree.ts';
import { examplePathway, formData, mustParse, randomPathway, workflowFiles } from './test-fixtures.ts';

/** One random step of a run: which event to pick, who sends it, what data. */
const stepArb = fc.record({
  pick: fc.nat(),
  role: fc.nat({ max: ROLES.length }),
  data: fc.nat(),
  /** 0: send no form data (the engine may refuse an incomplete form). */
  withData: fc.nat({ max: 5 }),
});
type Step = { pick: number; role: number; data: number; withData: number };

/** Active state paths: the root (`''`), the leaves and everything between. */
function activePaths(value: unknown, prefix: string[] = []): string[] {
  if (typeof value === 'string') return [[...prefix, value].join('.')];
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) => [[...prefix, key].join('.'), ...activePaths(child, [...prefix, key])]);
}

interface Handler {
  type: string;
  forms: FormField[][];
  /** The roles of the steps that handle it (empty: anyone). */
  roles: Role[];
}

/** Events the active states react to, timers included (as XState names them). */
function candidates(doc: PathwayDocument, byId: Map<string, StateEntry>, value: unknown): Handler[] {
  const out = new Map<string, Handler>();
  for (const id of ['', ...activePaths(value)]) {
    const entry = byId.get(id);
    if (!entry) continue;
    for (const t of transitionsOf(entry)) {
      if (t.event === 'always' || t.event.startsWith('xstate.done.')) continue;
      const type = t.delay !== undefined ? `xstate.after.${t.delay}.${[doc.machine.id, ...entry.path].join('.')}` : t.event;
      const h = out.get(type) ?? { type, forms: [], roles: [] };
      h.forms.push(entry.node.meta?.form ?? []);
      h.roles.push(...(entry.node.meta?.roles ?? []));
      out.set(type, h);
    }
  }
  return [...out.values(), { type: 'TIDAK_DIKENAL', forms: [], roles: [] }];
}

interface Run {
  engine: string[];
  raw: string[];
}

/** Drives the engine and raw XState side by side, recording each state value reached. */
function run(doc: PathwayDocument, p: CompiledPathway, raw: AnyStateMachine, input: StartCaseInput, steps: Step[]): Run {
  const byId = indexStates(listStates(doc.machine));
  const now = new Date('2026-01-05T08:00:00Z');
  const started = startCase(p, input, { now });
  let snapshot: CaseSnapshot = started.snapshot;
  let [rawSnap] = initialTransition(raw) as [AnyMachineSnapshot, unknown];
  const seen: Run = { engine: [JSON.stringify(snapshot.value)], raw: [JSON.stringify(rawSnap.value)] };
  expect(rawSnap.value).toEqual(snapshot.value);
  for (const step of steps) {
    const options = candidates(doc, byId, snapshot.value);
    const chosen = options[step.pick % options.length]!;
    const isTimer = chosen.type.startsWith('xstate.after.');
    // Mostly someone the step allows; sometimes anyone (or nobody), to meet the refusals too.
    const role: Role | undefined = isTimer
      ? undefined
      : step.role % 4 !== 0 && chosen.roles.length > 0
        ? chosen.roles[step.role % chosen.roles.length]
        : ROLES[step.role % (ROLES.length + 1)];
    const actor: Actor | undefined = role ? { id: 'u1', role } : undefined;
    const event: CaseEvent = { type: chosen.type };
    if (step.withData > 0 && chosen.forms.length > 0) event.data = formData(chosen.forms, step.data);
    const result = advanceCase(p, snapshot, event, actor ? { now, actor } : { now });
    const rawEvent = { type: event.type, ...(event.data ? { data: event.data } : {}), ...(actor ? { actor } : {}) };
    if (result.ok) {
      [rawSnap] = transition(raw, rawSnap, rawEvent as never) as [AnyMachineSnapshot, unknown];
      snapshot = result.value.snapshot;
      seen.engine.push(JSON.stringify(snapshot.value));
      seen.raw.push(JSON.stringify(rawSnap.value));
      expect(rawSnap.context).toEqual(snapshot.context);
      expect(rawSnap.status).toBe(snapshot.status);
    } else if (result.error.code === 'guard_failed' || result.error.code === 'event_not_accepted' || result.error.code === 'case_done') {
      // Refused by the statechart itself: raw XState must not move either.
      const [next] = transition(raw, rawSnap, rawEvent as never) as [AnyMachineSnapshot, unknown];
      expect(JSON.stringify(next.value)).toBe(JSON.stringify(rawSnap.value));
    }
    // role_not_allowed / form_invalid are the engine's own rules on top of the chart: the event is not delivered.
  }
  return seen;
}

function rawMachine(doc: PathwayDocument, input: StartCaseInput): AnyStateMachine {
  const { config, implementations } = exportXState(doc);
  // Raw XState takes a case's starting data as the config's context.
  const withContext = { ...config, context: initialContext(doc.machine, input) };
  return createMachine(withContext as never).provide(implementations as never) as AnyStateMachine;
}

/** What a case starts with: risk factors and consents, so guards on them can pass. */
const inputArb: fc.Arbitrary<StartCaseInput> = fc.record({
  riskFactors: fc.subarray([...RISK_FACTORS] as RiskFactor[], { maxLength: 3 }),
  consent: fc.record({ referral: fc.boolean(), data_sharing: fc.boolean() }),
});

const subjects: { name: string; doc: () => PathwayDocument }[] = [
  { name: 'the shared example (contoh-singkat)', doc: examplePathway },
  ...workflowFiles().map((w) => ({ name: `template ${w.file}`, doc: () => mustParse(w.raw) })),
];

describe('advanceCase and raw xstate agree', () => {
  it.each(subjects)('on $name, for random event sequences', ({ doc: load }) => {
    const doc = load();
    const p = compilePathway(doc);
    let moved = 0;
    const visited = new Set<string>();
    fc.assert(
      fc.property(inputArb, fc.array(stepArb, { minLength: 1, maxLength: 40 }), (input, steps) => {
        const seen = run(doc, p, rawMachine(doc, input), input, steps);
        expect(seen.raw).toEqual(seen.engine);
        moved += seen.engine.length - 1;
        for (const v of seen.engine) visited.add(v);
      }),
      { numRuns: 80 },
    );
    // The runs must actually go somewhere, or the comparison proves nothing. The seed
    // is random, so the floor sits far under what a working engine reaches (over 200
    // seeds the least-moving template, konselor-sebaya, made 90 to 159 moves in 80 runs;
    // CI once saw 79 against an earlier floor of 80): half a move per run.
    expect(moved).toBeGreaterThan(40);
    expect(visited.size).toBeGreaterThan(3);
  });

  it('on generated pathways with nesting, parallel branches, timers and guards', () => {
    let moved = 0;
    fc.assert(
      fc.property(fc.nat({ max: 100_000 }), inputArb, fc.array(stepArb, { minLength: 1, maxLength: 30 }), (seed, input, steps) => {
        const doc = randomPathway(seed);
        const seen = run(doc, compilePathway(doc), rawMachine(doc, input), input, steps);
        expect(seen.raw).toEqual(seen.engine);
        moved += seen.engine.length - 1;
      }),
      { numRuns: 150 },
    );
    // Over 60 seeds a working engine made 192 to 252 moves in 150 runs.
    expect(moved).toBeGreaterThan(75);
  });

  it('runs on the example and every template in workflows/', () => {
    // Guards against the property silently running on nothing.
    expect(subjects.length).toBe(1 + workflowFiles().length);
    expect(workflowFiles().length).toBeGreaterThanOrEqual(1);
  });
});
