/**
 * Compiling a pathway document into an XState v5 machine. The document's
 * `machine` is already XState JSON; compiling adds the one thing JSON cannot
 * say — how guards, delays and form recording behave — by name, so raw
 * `xstate` given the same implementations behaves the same.
 */
import { and, assign, createMachine, type AnyStateMachine } from 'xstate';
import type { MachineConfig, PathwayDocument, StateNodeConfig, StepMeta, TransitionsConfig } from './document.ts';
import type { CaseContext, StartCaseInput } from './contract.ts';
import { guardImplementations, type EngineEvent } from './guards.ts';
import { tryParseDuration } from './duration.ts';
import { listStates } from './state-tree.ts';
import { CASEWORK_ACTIONS, CASEWORK_EVENTS, caseworkHandlers, isCaseworkEvent } from './casework-events.ts';
import { spendMicrostep } from './microsteps.ts';

/** The action every transition carries: it records the event's form data under its step. */
export const RECORD_ACTION = 'record';

export interface CompiledPathway {
  doc: PathwayDocument;
  /** The XState machine, guards/delays/actions provided. */
  machine: AnyStateMachine;
  /** Step meta by state path (`a.b`), for every state that has meta. */
  steps: Map<string, StepMeta>;
  /** The machine id, the prefix of XState's state node ids (`<id>.a.b`). */
  machineId: string;
}

/** The implementations raw `xstate` needs: `createMachine(config).provide(implementations)`. */
export interface PathwayImplementations {
  guards: typeof guardImplementations;
  delays: Record<string, number>;
  actions: Record<string, ReturnType<typeof assign>>;
}

/** The context every case starts from, before the document's own `context` and the case's input. */
export function defaultContext(machine: MachineConfig): CaseContext {
  return { riskFactors: [], form: {}, forms: {}, consent: {}, student: {}, ...(machine.context ?? {}) } as CaseContext;
}

/** The context a case starts with: the document's defaults with the case's own input laid over them. */
export function initialContext(machine: MachineConfig, input: StartCaseInput = {}): CaseContext {
  const base = defaultContext(machine);
  return {
    ...base,
    ...(input.caseId !== undefined ? { caseId: input.caseId } : {}),
    riskFactors: input.riskFactors ?? base.riskFactors,
    student: { ...base.student, ...input.student },
    form: { ...base.form, ...input.form },
    consent: { ...base.consent, ...input.consent },
  };
}

/**
 * Records `event.data` into `form` (merged, latest wins) and `forms[step]`.
 * Every transition carries it, so it also spends the event's microstep budget.
 */
const record = assign(({ context, event }: { context: CaseContext; event: EngineEvent }, params: { step: string }) => {
  spendMicrostep();
  const data = event.data;
  if (!data || Object.keys(data).length === 0) return {};
  return {
    form: { ...context.form, ...data },
    forms: { ...context.forms, [params.step]: { ...context.forms[params.step], ...data } },
  };
});

/** The action every automatic transition carries: it spends one microstep and changes nothing. */
export const STEP_ACTION = 'step';

/**
 * An action XState resolves while it transitions (as it resolves `assign`),
 * returning the snapshot untouched: the bound on an event's microsteps sees
 * every automatic transition, and a transition that changes nothing still
 * changes nothing, so XState stops where raw XState stops.
 */
const step = Object.assign(function step() {}, {
  type: 'jalur.step',
  resolve: (_scope: unknown, snapshot: unknown) => {
    spendMicrostep();
    return [snapshot];
  },
});

function withStep(config: TransitionsConfig): unknown {
  const list = typeof config === 'string' ? [{ target: config }] : Array.isArray(config) ? config : [config];
  return list.map((t) => ({ ...t, actions: [{ type: STEP_ACTION }] }));
}

function withRecord(config: TransitionsConfig, step: string): unknown {
  const list = typeof config === 'string' ? [{ target: config }] : Array.isArray(config) ? config : [config];
  return list.map((t) => ({ ...t, actions: [{ type: RECORD_ACTION, params: { step } }] }));
}

/** The machine config with a `record` action on every transition (pure JSON). */
export function executableConfig(doc: PathwayDocument): Record<string, unknown> {
  const walk = (node: StateNodeConfig, path: string[]): Record<string, unknown> => {
    const step = path.join('.');
    const out: Record<string, unknown> = { ...node };
    if (node.on) out.on = Object.fromEntries(Object.entries(node.on).map(([e, t]) => [e, withRecord(t, step)]));
    if (node.after) out.after = Object.fromEntries(Object.entries(node.after).map(([d, t]) => [d, withRecord(t, step)]));
    // Automatic transitions carry no data of their own: no `record` (an assign there would make a
    // targetless `always` whose guard holds step forever, where XState, with nothing to do,
    // stops). They still spend the event's microstep budget, through `step`.
    if (node.always !== undefined) out.always = withStep(node.always);

    if (node.states)
      out.states = Object.fromEntries(Object.entries(node.states).map(([k, s]) => [k, walk(s, [...path, k])]));
    return out;
  };
  const root = walk(doc.machine as StateNodeConfig, []);
  return { ...root, id: doc.machine.id, context: defaultContext(doc.machine) };
}

/** Delay names used by the document, resolved to milliseconds (ISO-8601 durations). */
export function delaysOf(doc: PathwayDocument): Record<string, number> {
  const delays: Record<string, number> = {};
  for (const entry of listStates(doc.machine)) {
    for (const key of Object.keys(entry.node.after ?? {})) {
      const ms = tryParseDuration(key);
      if (ms !== undefined) delays[key] = ms;
    }
  }
  return delays;
}

/** The guard, delay and action implementations for a document. */
export function implementationsOf(doc: PathwayDocument): PathwayImplementations {
  return { guards: guardImplementations, delays: delaysOf(doc), actions: { [RECORD_ACTION]: record as ReturnType<typeof assign>, [STEP_ACTION]: step as unknown as ReturnType<typeof assign> } };
}

/** Does an XState event descriptor (`*`, `consent.*`) match some case-work event type? */
const catchesCasework = (descriptor: string): boolean =>
  descriptor === '*' || (descriptor.endsWith('.*') && Object.keys(CASEWORK_EVENTS).some((type) => type === descriptor.slice(0, -2) || type.startsWith(descriptor.slice(0, -1))));

/** Case-work events pass a wildcard by: they reach the root transition that records them, wherever the case stands. */
const notCasework = ({ event }: { event: EngineEvent }) => !isCaseworkEvent(event.type);

/**
 * A pathway's wildcard transitions (`*`, `consent.*`) would otherwise catch the
 * case service's own events (XState tries a state's transitions before its
 * ancestors'), and a consent would move the case. Each such transition gets
 * the extra condition that the event is not a case-work event; every other
 * event is matched exactly as XState matches it.
 */
function withoutCaseworkWildcards(on: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [descriptor, transitions] of Object.entries(on)) {
    if (!catchesCasework(descriptor) || transitions === undefined) {
      out[descriptor] = transitions;
      continue;
    }
    const list = Array.isArray(transitions) ? transitions : [transitions];
    out[descriptor] = list.map((t) => {
      const config: Record<string, unknown> = typeof t === 'string' ? { target: t } : { ...(t as Record<string, unknown>) };
      config.guard = config.guard === undefined ? notCasework : and([notCasework, config.guard as never]);
      return config;
    });
  }
  return out;
}

/**
 * The engine's own additions to the executable config: root transitions for
 * the case-work events, and on every step that needs the kepsek's approval an
 * entry action that clears an earlier decision (a step entered again asks again).
 */
function withCasework(config: Record<string, unknown>, doc: PathwayDocument): Record<string, unknown> {
  const approvalSteps = new Set(listStates(doc.machine).filter((e) => e.id !== '' && e.node.meta?.requiresApproval === true).map((e) => e.id));
  const walk = (node: Record<string, unknown>, path: string[]): Record<string, unknown> => {
    const out = { ...node };
    const step = path.join('.');
    if (approvalSteps.has(step)) {
      const entry = out.entry === undefined ? [] : Array.isArray(out.entry) ? out.entry : [out.entry];
      out.entry = [...entry, { type: 'jalur.approval.reset', params: { step } }];
    }
    if (out.on && typeof out.on === 'object') out.on = withoutCaseworkWildcards(out.on as Record<string, unknown>);
    const states = node.states as Record<string, Record<string, unknown>> | undefined;
    if (states) out.states = Object.fromEntries(Object.entries(states).map(([k, s]) => [k, walk(s, [...path, k])]));
    return out;
  };
  const root = walk(config, []);
  root.on = { ...((config.on as object | undefined) ?? {}), ...caseworkHandlers };
  return root;
}

/**
 * Compiles a (parsed, preferably lint-clean) pathway document into an XState
 * machine. Throws only when XState itself rejects the machine (e.g. a target
 * that names no state); `lintPathway` reports those beforehand.
 */
export function compilePathway(doc: PathwayDocument): CompiledPathway {
  // The export keeps the static JSON context; the engine's own machine takes the case's input,
  // and applies the case-work events (consent, approval) to its context.
  const config = withCasework(executableConfig(doc), doc);
  config.context = ({ input }: { input: StartCaseInput | undefined }) => initialContext(doc.machine, input);
  const implementations = implementationsOf(doc);
  const machine = createMachine(config as never).provide({ ...implementations, actions: { ...implementations.actions, ...CASEWORK_ACTIONS } } as never) as AnyStateMachine;
  const steps = new Map<string, StepMeta>();
  for (const entry of listStates(doc.machine)) if (entry.node.meta && entry.id !== '') steps.set(entry.id, entry.node.meta);
  return { doc, machine, steps, machineId: doc.machine.id };
}
