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

/** The document's transitions for `type` declared by one of the active states (leaves and ancestors). */
export function handlersFor(p: CompiledPathway, activePaths: readonly string[], type: string): Handler[] {
  const list = handlerIndex(p).get(type);
  if (!list) return [];
  return list.filter((h) => activePaths.includes(h.source));
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
    if (isReservedEvent(type)) continue;
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
