/**
 * Reading a pathway's statechart the way XState does: every state with its
 * dot path, every transition with where it comes from, and target
 * resolution (`sibling`, `.child`, `#machineId.a.b`). Shared by the linter
 * and the XState import; pure and tolerant of half-drawn documents.
 */
import type { Guard, MachineConfig, StateNodeConfig, TransitionConfig, TransitionsConfig } from './document.ts';

/** A state in the tree. The root has `path: []` and `id: ''`. */
export interface StateEntry {
  /** Keys from the root, e.g. `['intervensi', 'ekonomi']`. */
  path: string[];
  /** Dot path, e.g. `intervensi.ekonomi` (the root is `''`). */
  id: string;
  node: StateNodeConfig;
  parent: StateEntry | undefined;
  kind: 'atomic' | 'compound' | 'parallel' | 'final' | 'history';
}

/** One transition, normalised: `event` is the event name, `after:P7D` or `always`. */
export interface TransitionEntry {
  source: StateEntry;
  event: string;
  index: number;
  /** The `after` key when the transition is a timer. */
  delay?: string;
  targets: string[];
  guard: Guard | undefined;
  config: TransitionConfig;
}

const KINDS: ReadonlySet<string> = new Set(['atomic', 'compound', 'parallel', 'final', 'history']);

/** The names of a state's children (none when `states` is missing or, in a draft, not an object). */
export function childKeys(node: StateNodeConfig): string[] {
  const states: unknown = node.states;
  return typeof states === 'object' && states !== null && !Array.isArray(states) ? Object.keys(states) : [];
}

/** The kind of a state node, as XState infers it when `type` is absent. */
export function stateKind(node: StateNodeConfig): StateEntry['kind'] {
  if (typeof node.type === 'string' && KINDS.has(node.type)) return node.type;
  if (childKeys(node).length > 0) return 'compound';
  // XState 5 makes a childless state with `history` (`shallow`, `deep`, v4's `true`) a history state.
  return node.history ? 'history' : 'atomic';
}

/** Every state of the machine, parents before children, the root first. */
export function listStates(machine: MachineConfig): StateEntry[] {
  const rootNode: StateNodeConfig = { ...machine, type: machine.type ?? 'compound' } as StateNodeConfig;
  const root: StateEntry = { path: [], id: '', node: rootNode, parent: undefined, kind: machine.type ?? 'compound' };
  const out: StateEntry[] = [root];
  const visit = (entry: StateEntry): void => {
    for (const key of childKeys(entry.node)) {
      const child: unknown = entry.node.states?.[key];
      if (!isObject(child)) continue;
      const path = [...entry.path, key];
      const childEntry: StateEntry = { path, id: path.join('.'), node: child, parent: entry, kind: stateKind(child) };
      out.push(childEntry);
      visit(childEntry);
    }
  };
  visit(root);
  return out;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Normalises XState's three spellings (string, object, list) into a list of transition objects. */
export function normaliseTransitions(config: TransitionsConfig | undefined): TransitionConfig[] {
  if (config === undefined || config === null) return [];
  // Drafts may hold anything; only strings and objects are transitions.
  const list: unknown[] = Array.isArray(config) ? config : [config];
  return list.flatMap((t) => (typeof t === 'string' ? [{ target: t }] : typeof t === 'object' && t !== null && !Array.isArray(t) ? [t as TransitionConfig] : []));
}

/** The targets of one transition as a list (empty for a targetless transition). */
export function targetsOf(t: TransitionConfig): string[] {
  if (t.target === undefined) return [];
  return Array.isArray(t.target) ? t.target : [t.target];
}

/** Every transition leaving `entry` itself (`on`, `after`, `always`), in document order. */
export function transitionsOf(entry: StateEntry): TransitionEntry[] {
  const out: TransitionEntry[] = [];
  const push = (event: string, config: TransitionsConfig | undefined, delay?: string): void => {
    normaliseTransitions(config).forEach((t, index) => {
      const item: TransitionEntry = { source: entry, event, index, targets: targetsOf(t), guard: t.guard, config: t };
      if (delay !== undefined) item.delay = delay;
      out.push(item);
    });
  };
  for (const [event, config] of Object.entries(entry.node.on ?? {})) push(event, config);
  for (const [delay, config] of Object.entries(entry.node.after ?? {})) push(`after:${delay}`, config, delay);
  if (entry.node.always !== undefined) push('always', entry.node.always);
  // `onDone` is not in the document schema, but drafts and imports may carry it.
  const onDone = (entry.node as { onDone?: TransitionsConfig }).onDone;
  if (onDone !== undefined) push('onDone', onDone);
  return out;
}

/** Looks a state up by its key path from the root. */
export function stateAt(states: Map<string, StateEntry>, path: string[]): StateEntry | undefined {
  return states.get(path.join('.'));
}

/** Indexes states by dot path. */
export function indexStates(list: StateEntry[]): Map<string, StateEntry> {
  return new Map(list.map((s) => [s.id, s]));
}

/**
 * Resolves a target written on `source` the way XState v5 does, or returns
 * `undefined` when it names no state: a bare name is a sibling (`a.b` walks
 * into it), `.child` is a child of the source, `#machineId` / `#machineId.a.b`
 * is absolute. On the root, only `.child` and `#…` resolve.
 */
export function resolveTarget(
  machineId: string,
  states: Map<string, StateEntry>,
  source: StateEntry,
  target: string,
): StateEntry | undefined {
  let base: string[];
  let rest: string;
  if (target.startsWith('#')) {
    const [id = '', ...tail] = target.slice(1).split('.');
    if (id !== machineId) return undefined;
    base = [];
    rest = tail.join('.');
  } else if (target.startsWith('.')) {
    base = source.path;
    rest = target.slice(1);
  } else {
    if (!source.parent) return undefined;
    base = source.parent.path;
    rest = target;
  }
  const tail = rest === '' ? [] : rest.split('.');
  if (tail.some((k) => k === '')) return undefined;
  return stateAt(states, [...base, ...tail]);
}

/** True when `ancestor` is `entry` or one of its ancestors. */
export function isWithin(entry: StateEntry, ancestor: StateEntry): boolean {
  for (let s: StateEntry | undefined = entry; s; s = s.parent) if (s === ancestor) return true;
  return false;
}

/** The states XState enters when it enters `entry`: the entry, its ancestors and the initial/parallel descendants. */
export function entrySet(entry: StateEntry, states: Map<string, StateEntry>): StateEntry[] {
  const out: StateEntry[] = [];
  const seen = new Set<StateEntry>();
  const descend = (s: StateEntry): void => {
    // Drafts can point a group's initial at itself; enter each state once.
    if (seen.has(s)) return;
    seen.add(s);
    out.push(s);
    const children = childKeys(s.node);
    if (s.kind === 'parallel') {
      for (const key of children) {
        const child = stateAt(states, [...s.path, key]);
        if (child) descend(child);
      }
    } else if (s.kind === 'compound') {
      const initial: unknown = s.node.initial;
      const child = typeof initial === 'string' && initial !== '' ? stateAt(states, [...s.path, initial]) : undefined;
      if (child) descend(child);
    } else if (s.kind === 'history' && s.parent) {
      // A history state enters whatever its parent would enter by default.
      const fallback = s.node.target !== undefined ? resolveTarget('', states, s, s.node.target) : undefined;
      if (fallback) descend(fallback);
    }
  };
  descend(entry);
  // Entering a state enters its ancestors, and every other region of a
  // parallel ancestor starts in its own initial state.
  let inner: StateEntry = entry;
  for (let s = entry.parent; s; inner = s, s = s.parent) {
    out.push(s);
    if (s.kind !== 'parallel') continue;
    for (const key of childKeys(s.node)) {
      const region = stateAt(states, [...s.path, key]);
      if (region && region !== inner) descend(region);
    }
  }
  return out;
}
