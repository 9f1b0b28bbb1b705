/**
 * Linting a pathway: the mistakes a school leader drawing a pathway would
 * trip over — steps nobody reaches, steps nobody leaves, timers without a
 * unit, guards that can never pass. Each diagnostic has a stable code
 * (`JALUR001`…, explained in `LINT.md`) and points at a state or a transition.
 *
 * The linter is tolerant: it runs on drafts straight from the editor and on
 * imports, which may not satisfy the schema yet, and never throws on them.
 */
import { STEP_KINDS, type Guard, type PathwayDocument, type StepMeta } from './document.ts';
import type { Diagnostic } from './contract.ts';
import { isDuration } from './duration.ts';
import { lintMessages as msg, shown } from './messages.ts';
import {
  childKeys,
  entrySet,
  indexStates,
  isWithin,
  listStates,
  resolveTarget,
  transitionsOf,
  type StateEntry,
  type TransitionEntry,
} from './state-tree.ts';
import { lintGuards } from './lint-guards.ts';
import { diagnostic, type LintScope } from './lint-scope.ts';
import { isEngineEvent, isReservedEvent } from './casework-events.ts';

export type { LintScope } from './lint-scope.ts';

/**
 * Lints a pathway document. Returns every diagnostic, errors first; an empty
 * list means the pathway is ready to publish.
 */
export function lintPathway(doc: PathwayDocument): Diagnostic[] {
  const machine = doc?.machine;
  if (!machine || typeof machine !== 'object') return [];
  const states = listStates(machine);
  const byId = indexStates(states);
  const transitions = states.flatMap(transitionsOf);
  const machineId = typeof machine.id === 'string' ? machine.id : '';
  const resolved = new Map(
    transitions.map((t) => [t, t.targets.map((target) => (typeof target === 'string' ? resolveTarget(machineId, byId, t.source, target) : undefined))]),
  );
  const scope: LintScope = { doc, machineId, states, byId, transitions, resolved };
  const out = [
    ...targetsMissing(scope),
    ...initials(scope),
    ...unreachable(scope),
    ...deadEnds(scope),
    ...noFinal(scope),
    ...awaitedGroups(scope),
    ...stepMeta(scope),
    ...shadowed(scope),
    ...delays(scope),
    ...alwaysLoops(scope),
    ...reservedEvents(scope),
    ...lintGuards(scope),
  ];
  return out.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
}

/** JALUR007: a target that names no state. */
function targetsMissing({ resolved }: LintScope): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [t, targets] of resolved) {
    targets.forEach((state, i) => {
      if (state) return;
      const target = shown(t.targets[i]);
      const fromRoot = t.source.parent === undefined && !target.startsWith('.') && !target.startsWith('#');
      const rootChild = fromRoot && t.source.node.states && Object.hasOwn(t.source.node.states, target.split('.')[0] ?? '');
      out.push(diagnostic('JALUR007', rootChild ? msg.targetFromRoot(target) : msg.targetMissing(target, t.source.id), { transition: t }));
    });
  }
  return out;
}

/** JALUR011: a group (compound state) must name an existing first step. */
function initials({ states }: LintScope): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const s of states) {
    if (s.kind !== 'compound') continue;
    const children = childKeys(s.node);
    if (children.length === 0) {
      out.push(diagnostic('JALUR011', msg.groupWithoutSteps(s.id), { state: s.id }));
      continue;
    }
    const initial: unknown = s.node.initial;
    if (initial === undefined) out.push(diagnostic('JALUR011', msg.initialMissing(s.id), { state: s.id }));
    else if (typeof initial !== 'string' || !children.includes(initial))
      out.push(diagnostic('JALUR011', msg.initialUnknown(s.id, shown(initial), children), { state: s.id }));
  }
  return out;
}

/** The states a case can ever be in, following every transition regardless of guards. */
export function reachableStates({ states, byId, resolved }: LintScope): Set<StateEntry> {
  const root = states[0];
  const reached = new Set<StateEntry>();
  if (!root) return reached;
  const queue: StateEntry[] = [];
  const enter = (s: StateEntry): void => {
    for (const e of entrySet(s, byId)) {
      if (reached.has(e)) continue;
      reached.add(e);
      queue.push(e);
    }
  };
  enter(root);
  const bySource = new Map<StateEntry, (StateEntry | undefined)[][]>();
  for (const [t, targets] of resolved) {
    const list = bySource.get(t.source);
    if (list) list.push(targets);
    else bySource.set(t.source, [targets]);
  }
  while (queue.length > 0) {
    const s = queue.shift()!;
    for (const targets of bySource.get(s) ?? []) for (const target of targets) if (target) enter(target);
  }
  return reached;
}

/** JALUR001: steps no transition leads to. Only the outermost unreachable state is reported. */
function unreachable(scope: LintScope): Diagnostic[] {
  const reached = reachableStates(scope);
  const out: Diagnostic[] = [];
  for (const s of scope.states) {
    if (reached.has(s) || s.parent === undefined) continue;
    if (s.parent && !reached.has(s.parent)) continue;
    out.push(diagnostic('JALUR001', msg.unreachable(s.id), { state: s.id }));
  }
  return out;
}

/** True when the transition moves somewhere else than `from` (or names a target at all, when unresolved). */
function leaves(t: TransitionEntry, targets: (StateEntry | undefined)[], from: StateEntry): boolean {
  if (t.targets.length === 0) return false;
  return targets.some((target) => target === undefined || target !== from);
}

/** JALUR002: a non-final step with no way out — its own or its groups' transitions, timers included. */
function deadEnds(scope: LintScope): Diagnostic[] {
  const { states, transitions, resolved } = scope;
  const exits = new Map<StateEntry, TransitionEntry[]>();
  for (const t of transitions) exits.set(t.source, [...(exits.get(t.source) ?? []), t]);
  const hasWayOut = (a: StateEntry, from: StateEntry): boolean =>
    (exits.get(a) ?? []).some((t) => {
      // A group's completion is no way out for a step that keeps the group from completing.
      const group = from.kind !== 'final' ? doneGroup(scope, t) : undefined;
      if (group && isWithin(from, group)) return false;
      return leaves(t, resolved.get(t) ?? [], from);
    });
  const out: Diagnostic[] = [];
  for (const s of states) {
    if (s.parent === undefined) continue;
    if (s.kind !== 'atomic' && s.kind !== 'final') continue;
    // A final step at the top level closes the case; a nested one completes its group.
    if (s.kind === 'final' && s.parent.parent === undefined) continue;
    let wayOut = false;
    for (let a: StateEntry | undefined = s; a && !wayOut; a = a.parent) {
      if (s.kind === 'final' && a === s) continue;
      wayOut = hasWayOut(a, s);
    }
    if (wayOut) continue;
    out.push(diagnostic('JALUR002', s.kind === 'final' ? msg.deadEndGroup(s.id, s.parent.id) : msg.deadEnd(s.id), { state: s.id }));
  }
  return out;
}

/** JALUR003: the case must be able to close: a final step at the top (in every region when the top is parallel). */
function noFinal({ states }: LintScope): Diagnostic[] {
  const root = states[0];
  if (!root) return [];
  const children = states.filter((s) => s.parent === root);
  if (root.kind === 'parallel') {
    return children
      .filter((region) => !states.some((s) => s.parent === region && s.kind === 'final'))
      .map((region) => diagnostic('JALUR003', msg.noFinalRegion(region.id), { state: region.id }));
  }
  return children.some((s) => s.kind === 'final') ? [] : [diagnostic('JALUR003', msg.noFinal(), {})];
}

const DONE_PREFIX = 'xstate.done.state.';

/** The group whose completion a transition waits for (`onDone`, `xstate.done.state.<machine>.<group>`), if any. */
function doneGroup({ byId, machineId }: LintScope, t: TransitionEntry): StateEntry | undefined {
  if (t.event === 'onDone') return t.source;
  if (!t.event.startsWith(DONE_PREFIX)) return undefined;
  const id = t.event.slice(DONE_PREFIX.length);
  const path = id === machineId ? '' : id.startsWith(machineId + '.') ? id.slice(machineId.length + 1) : undefined;
  return path === undefined ? undefined : byId.get(path);
}

/**
 * JALUR012: a group whose completion is awaited (`onDone`, or an event
 * `xstate.done.state.<machine>.<group>`) must be able to complete: a compound
 * group needs a final step, a parallel one needs one in every branch.
 */
function awaitedGroups(scope: LintScope): Diagnostic[] {
  const { states } = scope;
  const out: Diagnostic[] = [];
  const awaited = new Set<StateEntry>();
  for (const t of scope.transitions) {
    if (t.event !== 'onDone' && (!t.event.startsWith(DONE_PREFIX) || t.index !== 0)) continue;
    const group = doneGroup(scope, t);
    if (group) awaited.add(group);
    else out.push(diagnostic('JALUR012', msg.doneOfUnknownGroup(t.event), { transition: t }));
  }
  const hasFinalChild = (g: StateEntry): boolean => states.some((s) => s.parent === g && s.kind === 'final');
  for (const group of awaited) {
    if (group.kind === 'parallel') {
      for (const region of states.filter((s) => s.parent === group)) {
        if (region.kind === 'compound' && !hasFinalChild(region)) out.push(diagnostic('JALUR012', msg.regionNeverFinishes(region.id, group.id), { state: region.id }));
      }
    } else if (group.kind === 'compound' && !hasFinalChild(group)) {
      out.push(diagnostic('JALUR012', msg.groupNeverFinishes(group.id), { state: group.id }));
    }
  }
  return out;
}

/** JALUR008 (steps need a kind and a title) and JALUR015 (forms must make sense). */
function stepMeta({ states }: LintScope): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const s of states) {
    if (s.parent === undefined || (s.kind !== 'atomic' && s.kind !== 'final')) continue;
    const meta = s.node.meta as Partial<StepMeta> | undefined;
    const severity = s.kind === 'final' ? 'warning' : 'error';
    if (!meta || typeof meta !== 'object') {
      out.push(diagnostic('JALUR008', msg.stepWithoutMeta(s.id), { state: s.id }, severity));
      continue;
    }
    if (typeof meta.kind !== 'string' || !(STEP_KINDS as readonly string[]).includes(meta.kind))
      out.push(diagnostic('JALUR008', msg.stepWithoutKind(s.id, shown(meta.kind ?? '')), { state: s.id }, severity));
    if (!meta.title || typeof meta.title.id !== 'string' || meta.title.id.trim() === '')
      out.push(diagnostic('JALUR008', msg.stepWithoutTitle(s.id), { state: s.id }, severity));
    const seen = new Set<string>();
    for (const field of Array.isArray(meta.form) ? meta.form : []) {
      if (seen.has(field.name)) out.push(diagnostic('JALUR015', msg.duplicateField(s.id, field.name), { state: s.id }));
      seen.add(field.name);
      if (field.type === 'choice' && (!field.options || field.options.length === 0))
        out.push(diagnostic('JALUR015', msg.choiceWithoutOptions(s.id, field.name), { state: s.id }));
      if (field.type === 'register' && !field.register)
        out.push(diagnostic('JALUR015', msg.registerWithoutKind(s.id, field.name), { state: s.id }));
      if (field.min !== undefined && field.max !== undefined && field.min > field.max)
        out.push(diagnostic('JALUR015', msg.minAboveMax(s.id, field.name), { state: s.id }));
    }
  }
  return out;
}

/** JALUR009: a later option for the same event that an earlier one always pre-empts. */
function shadowed({ transitions }: LintScope): Diagnostic[] {
  const out: Diagnostic[] = [];
  const groups = new Map<string, TransitionEntry[]>();
  for (const t of transitions) {
    const key = `${t.source.id}\u0000${t.event}`;
    groups.set(key, [...(groups.get(key) ?? []), t]);
  }
  for (const list of groups.values()) {
    list.forEach((t, i) => {
      const earlier = list.slice(0, i).findIndex((e) => e.guard === undefined || sameGuard(e.guard, t.guard));
      if (earlier !== -1) out.push(diagnostic('JALUR009', msg.shadowed(t.event, t.source.id, earlier), { transition: t }));
    });
  }
  return out;
}

function sameGuard(a: Guard, b: Guard | undefined): boolean {
  return b !== undefined && JSON.stringify(a) === JSON.stringify(b);
}

/** A count with no unit: `7`, `7000`, `P7`, `PT12`. */
const NO_UNIT = /^P?T?\d+(?:\.\d+)?$/i;

/** JALUR010 (a number without a unit) and JALUR005 (anything else that is not a duration). */
function delays({ transitions }: LintScope): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const t of transitions) {
    if (t.delay === undefined || t.index !== 0 || isDuration(t.delay)) continue;
    if (NO_UNIT.test(t.delay)) out.push(diagnostic('JALUR010', msg.timerWithoutUnit(t.delay), { transition: t }));
    else out.push(diagnostic('JALUR005', msg.unknownDelay(t.delay), { transition: t }));
  }
  return out;
}

/** The `always` transitions among `candidates` that lead, through others of them, back to themselves. */
function alwaysCycles(candidates: readonly TransitionEntry[], { resolved, byId }: LintScope): Set<TransitionEntry> {
  const bySource = new Map<StateEntry, TransitionEntry[]>();
  for (const t of candidates) bySource.set(t.source, [...(bySource.get(t.source) ?? []), t]);
  // Taking `t` enters its targets (with their ancestors and initial steps); their own `always` then fire.
  const next = new Map<TransitionEntry, TransitionEntry[]>();
  for (const t of candidates) {
    const entered = new Set((resolved.get(t) ?? []).flatMap((target) => (target ? entrySet(target, byId) : [])));
    next.set(t, [...entered].flatMap((s) => bySource.get(s) ?? []));
  }
  const onCycle = new Set<TransitionEntry>();
  for (const start of candidates) {
    // Does `start` lead back to itself?
    const seen = new Set<TransitionEntry>();
    const stack = [...(next.get(start) ?? [])];
    while (stack.length > 0) {
      const t = stack.pop()!;
      if (t === start) {
        onCycle.add(start);
        break;
      }
      if (seen.has(t)) continue;
      seen.add(t);
      stack.push(...(next.get(t) ?? []));
    }
  }
  return onCycle;
}

/**
 * JALUR016: unguarded `always` transitions that lead, directly or through
 * other unguarded `always`, back to a state whose unguarded `always` fires
 * again: XState would step forever. JALUR017: a cycle of `always`
 * transitions some of which are guarded: it loops whenever the guards hold
 * together (the engine then stops the event at its microstep bound).
 */
function alwaysLoops(scope: LintScope): Diagnostic[] {
  const always = scope.transitions.filter((t) => t.event === 'always' && t.targets.length > 0);
  const certain = alwaysCycles(always.filter((t) => t.guard === undefined), scope);
  const possible = alwaysCycles(always, scope);
  return always.flatMap((t) =>
    certain.has(t)
      ? [diagnostic('JALUR016', msg.alwaysLoop(t.source.id), { transition: t })]
      : possible.has(t)
        ? [diagnostic('JALUR017', msg.guardedAlwaysLoop(t.source.id), { transition: t })]
        : [],
  );
}

/** JALUR018: a transition on an event name the system reserves for case-work records. */
function reservedEvents({ transitions }: LintScope): Diagnostic[] {
  return transitions
    .filter((t) => t.delay === undefined && t.event !== 'always' && t.event !== 'onDone' && isReservedEvent(t.event) && !isEngineEvent(t.event))
    .map((t) => diagnostic('JALUR018', msg.reservedEvent(t.source.id, t.event), { transition: t }));
}
