/**
 * What a user may do now: the events the active steps accept, filtered by
 * the user's role, with whether their guards already pass.
 */
import type { AvailableEvent } from './contract.ts';
import type { Guard, Localized, Role } from './document.ts';
import type { CompiledPathway } from './compile.ts';
import type { CaseSnapshot } from './case.ts';
import { evaluateGuard, type EngineEvent } from './guards.ts';
import { listStates, transitionsOf } from './state-tree.ts';
import { isReservedEvent } from './casework-events.ts';

/** One transition of the document, indexed by the event type XState sees. */
export interface Handler {
  /** The state path that declares the transition. */
  source: string;
  event: string;
  roles: Role[];
  guard: Guard | undefined;
  targets: string[];
  label: Localized | undefined;
  /** The transition exits and re-enters its source (`reenter: true`). */
  reenter: boolean;
}

const indexes = new WeakMap<CompiledPathway, Map<string, Handler[]>>();

/** Transitions by XState event type (timers as `xstate.after.<delay>.<machineId>.<path>`). */
function handlerIndex(p: CompiledPathway): Map<string, Handler[]> {
  let index = indexes.get(p);
  if (index) return index;
  index = new Map();
  for (const entry of listStates(p.doc.machine)) {
    for (const t of transitionsOf(entry)) {
      if (t.event === 'always' || t.event === 'onDone') continue;
      const type = t.delay !== undefined ? `xstate.after.${t.delay}.${[p.machineId, ...entry.path].join('.')}` : t.event;
      const handler: Handler = {
        source: entry.id,
        event: type,
        roles: entry.node.meta?.roles ?? [],
        guard: t.guard,
        targets: t.targets,
        label: t.config.meta?.label,
        reenter: t.config.reenter === true,
      };
      const list = index.get(type);
      if (list) list.push(handler);
      else index.set(type, [handler]);
    }
  }
  indexes.set(p, index);
  return index;
}

/** True for an XState wildcard descriptor: `*`, or a partial one such as `user.*`. */
export function isWildcard(descriptor: string): boolean {
  return descriptor === '*' || descriptor.endsWith('.*');
}

/** Whether `type` matches `descriptor` as XState 5 matches them (`user.*` takes `user`, `user.a`, `user.a.b`). */
export function matchesDescriptor(type: string, descriptor: string): boolean {
  if (descriptor === type || descriptor === '*') return true;
  if (!descriptor.endsWith('.*')) return false;
  const want = descriptor.split('.');
  const got = type.split('.');
  for (let i = 0; i < want.length; i++) {
    if (want[i] === '*') return i === want.length - 1;
    if (want[i] !== got[i]) return false;
  }
  return true;
}

const wildcardIndexes = new WeakMap<CompiledPathway, string[]>();

/** The pathway's wildcard descriptors, longest first (XState tries longer ones first). Usually none. */
function wildcardsOf(p: CompiledPathway): string[] {
  let list = wildcardIndexes.get(p);
  if (list) return list;
  list = [...handlerIndex(p).keys()].filter(isWildcard).sort((a, b) => b.length - a.length);
  wildcardIndexes.set(p, list);
  return list;
}

/**
 * The document's transitions for `type` declared by one of the active states
 * (leaves and ancestors): those written for `type` itself, then those of
 * wildcard descriptors that match it, longest first — the candidates XState 5
 * considers, in its order.
 */
export function handlersFor(p: CompiledPathway, activePaths: readonly string[], type: string): Handler[] {
  const index = handlerIndex(p);
  const list = index.get(type);
  const out = list ? list.filter((h) => activePaths.includes(h.source)) : [];
  for (const descriptor of wildcardsOf(p)) {
    if (descriptor === type || !matchesDescriptor(type, descriptor)) continue;
    for (const h of index.get(descriptor)!) if (activePaths.includes(h.source)) out.push(h);
  }
  return out;
}

const alwaysIndexes = new WeakMap<CompiledPathway, Handler[]>();

/** The automatic (`always`) transitions of the active states, as handlers of the event that makes XState re-evaluate them. */
export function alwaysHandlers(p: CompiledPathway, activePaths: readonly string[]): Handler[] {
  let all = alwaysIndexes.get(p);
  if (!all) {
    all = [];
    for (const entry of listStates(p.doc.machine))
      for (const t of transitionsOf(entry))
        if (t.event === 'always')
          all.push({ source: entry.id, event: 'always', roles: entry.node.meta?.roles ?? [], guard: t.guard, targets: t.targets, label: undefined, reenter: t.config.reenter === true });
    alwaysIndexes.set(p, all);
  }
  return all.length === 0 ? all : all.filter((h) => activePaths.includes(h.source));
}

/**
 * The actions a user may take now, for the case page's buttons. Timer events
 * are not offered; events of steps the role may not act on are left out.
 * `enabled` says whether a guard already lets the event through with the
 * data recorded so far (a form sent with the event may still change it).
 */
export function availableEvents(p: CompiledPathway, snapshot: CaseSnapshot, options: { role?: Role; steps?: readonly string[] } = {}): AvailableEvent[] {
  if (snapshot.status !== 'active') return [];
  const active = activePaths(snapshot);
  const byType = new Map<string, AvailableEvent>();
  for (const [type, handlers] of handlerIndex(p)) {
    // A wildcard is not a button: it answers events that have names of their own.
    if (isReservedEvent(type) || isWildcard(type)) continue;
    for (const h of handlers) {
      if (!active.includes(h.source)) continue;
      if (options.role && h.roles.length > 0 && !h.roles.includes(options.role)) continue;
      if (options.steps && !options.steps.includes(h.source)) continue;
      const probe: EngineEvent = { type, ...(options.role ? { actor: { id: '', role: options.role } } : {}) };
      const passes = h.guard === undefined || evaluateGuard(h.guard, snapshot.context as never, probe);
      const existing = byType.get(type);
      if (existing) {
        existing.enabled ||= passes;
        existing.guarded ||= h.guard !== undefined;
        for (const t of h.targets) if (!existing.targets.includes(t)) existing.targets.push(t);
        // One event, several routes with their own labels ("Tetapkan faktor: ekonomi", "…: keluarga"):
        // the action is labelled by what they share; the route taken is the step the case enters.
        if (h.label && !sameLabel(existing.label, h.label)) existing.label = sharedLabel(existing.label, h.label);
        continue;
      }
      byType.set(type, {
        type,
        label: h.label ?? { id: type, en: type },
        stateId: h.source,
        targets: [...h.targets],
        enabled: passes,
        guarded: h.guard !== undefined,
      });
    }
  }
  return [...byType.values()];
}

const sameLabel = (a: Localized, b: Localized): boolean => a.id === b.id && (a.en ?? a.id) === (b.en ?? b.id);

/** What two labels share, up to a `:` or a word (`Tetapkan faktor: ekonomi` + `Tetapkan faktor: keluarga` → `Tetapkan faktor`). */
function shared(a: string, b: string): string {
  const head = (x: string) => (x.includes(':') ? x.slice(0, x.indexOf(':')).trim() : null);
  if (head(a) !== null && head(a) === head(b)) return head(a)!;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const common = a.slice(0, i);
  return (common.length === a.length || common.length === b.length || /\s$/.test(common) ? common : common.slice(0, common.lastIndexOf(' '))).replace(/[\s:,–-]+$/, '');
}

function sharedLabel(a: Localized, b: Localized): Localized {
  const id = shared(a.id, b.id) || 'Pilih langkah berikutnya';
  const en = shared(a.en ?? a.id, b.en ?? b.id) || 'Choose the next step';
  return { id, en };
}

/** Active state paths: the root (`''`), the leaves and everything between. */
function activePaths(snapshot: CaseSnapshot): string[] {
  const out = new Set<string>(['']);
  const walk = (value: unknown, prefix: string[]): void => {
    if (typeof value === 'string') {
      out.add([...prefix, value].join('.'));
      return;
    }
    if (value && typeof value === 'object')
      for (const [key, child] of Object.entries(value)) {
        out.add([...prefix, key].join('.'));
        walk(child, [...prefix, key]);
      }
  };
  walk(snapshot.value, []);
  return [...out];
}
