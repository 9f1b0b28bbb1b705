/**
 * Exhaustive walk of a template through the engine: from the start, send
 * every event the active steps declare (user events with form data that
 * fills the step's required fields and satisfies the transition's guard,
 * sent by a role the step allows; timer events with no actor) and collect
 * every configuration reached. Used to show that every state is reachable
 * and that every reachable configuration can still reach a closed case.
 */
import {
  advanceApproving,
  availableEvents,
  listStates,
  startCase,
  stateValueOf,
  transitionsOf,
  type CaseSnapshot,
  type CompiledPathway,
  type FormField,
  type Guard,
  type Role,
  type StartCaseInput,
  type StateEntry,
} from '@jalur/engine';

/** A value that fits a field, used when the guard says nothing about it. */
export function sampleValue(field: FormField): unknown {
  switch (field.type) {
    case 'text':
      return 'Catatan uji';
    case 'number': {
      const lo = field.min ?? 0;
      const hi = field.max ?? lo + 10;
      return Math.min(Math.max(1, lo), hi);
    }
    case 'date':
      return '2023-08-15';
    case 'choice':
      return field.options?.[0] ?? 'lainnya';
    case 'boolean':
      return true;
    case 'register':
      // An entry id of the school's register (the engine checks only its shape; the case service checks the entry).
      return `contoh-${field.register ?? 'entri'}`;
  }
}

/** Values for every field of a form (required or not), so guards on optional fields see something. */
export function sampleForm(fields: readonly FormField[]): Record<string, unknown> {
  return Object.fromEntries(fields.map((f) => [f.name, sampleValue(f)]));
}

/**
 * Form values that make `guard` hold, for the `form.*` fields it reads
 * (`undefined` when it cannot be satisfied by form data alone). Consents
 * and roles are left to the caller.
 */
export function satisfy(guard: Guard | undefined, fields: readonly FormField[]): Record<string, unknown> | undefined {
  if (!guard) return {};
  switch (guard.type) {
    case 'role':
      return {};
    case 'and': {
      let out: Record<string, unknown> = {};
      for (const g of guard.params.of) {
        const part = satisfy(g, fields);
        if (!part) return undefined;
        out = { ...out, ...part };
      }
      return out;
    }
    case 'or': {
      for (const g of guard.params.of) {
        const part = satisfy(g, fields);
        if (part) return part;
      }
      return undefined;
    }
    case 'not':
      return negate(guard.params.guard, fields);
    case 'check': {
      const { field, op, value } = guard.params;
      if (!field.startsWith('form.')) return {};
      const name = field.slice('form.'.length);
      switch (op) {
        case 'eq':
          return { [name]: value };
        case 'in':
          return { [name]: Array.isArray(value) ? value[0] : value };
        case 'gte':
        case 'lte':
          return { [name]: value };
        case 'gt':
          return { [name]: (value as number) + 1 };
        case 'lt':
          return { [name]: (value as number) - 1 };
        case 'exists': {
          const def = fields.find((f) => f.name === name);
          return value === false ? { [name]: null } : { [name]: def ? sampleValue(def) : 'ada' };
        }
        case 'neq':
          return negate({ type: 'check', params: { field, op: 'eq', value } }, fields);
      }
    }
  }
}

function negate(guard: Guard, fields: readonly FormField[]): Record<string, unknown> | undefined {
  if (guard.type !== 'check' || !guard.params.field.startsWith('form.')) return guard.type === 'check' ? {} : undefined;
  const name = guard.params.field.slice('form.'.length);
  if (guard.params.op !== 'eq') return undefined;
  const v = guard.params.value;
  if (typeof v === 'boolean') return { [name]: !v };
  const options = fields.find((f) => f.name === name)?.options ?? [];
  const other = options.find((o) => o !== v);
  return other === undefined ? undefined : { [name]: other };
}

function roleGuards(guard: Guard | undefined): Role[][] {
  if (!guard) return [];
  switch (guard.type) {
    case 'role':
      return [guard.params.in];
    case 'and':
      return guard.params.of.flatMap(roleGuards);
    default:
      return [];
  }
}

/** A role that may send a transition: one of the step's roles that every `role` guard allows. */
export function roleFor(stepRoles: readonly Role[], guard: Guard | undefined): Role | undefined {
  const candidates: Role[] = stepRoles.length > 0 ? [...stepRoles] : ['guru_bk'];
  return candidates.find((r) => roleGuards(guard).every((allowed) => allowed.includes(r)));
}

/** One event the explorer can send from a configuration. */
export interface Move {
  type: string;
  role?: Role;
  data?: Record<string, unknown>;
}

/** Every event the active states declare, each with data and a role that should let it through. */
export function movesFrom(p: CompiledPathway, snapshot: CaseSnapshot, entries: readonly StateEntry[]): Move[] {
  const leaves = stateValueOf(p, snapshot);
  const active = new Set<string>(['']);
  for (const leaf of leaves) {
    const parts = leaf.split('.');
    for (let i = 1; i <= parts.length; i++) active.add(parts.slice(0, i).join('.'));
  }
  const moves: Move[] = [];
  for (const entry of entries) {
    if (!active.has(entry.id)) continue;
    const fields = entry.node.meta?.form ?? [];
    for (const t of transitionsOf(entry)) {
      if (t.event === 'always' || t.event === 'onDone' || t.event.startsWith('xstate.')) continue;
      if (t.delay !== undefined) {
        moves.push({ type: `xstate.after.${t.delay}.${[p.machineId, ...entry.path].join('.')}` });
        continue;
      }
      const wanted = satisfy(t.guard, fields);
      const role = roleFor(entry.node.meta?.roles ?? [], t.guard);
      if (!wanted || !role) continue;
      moves.push({ type: t.event, role, data: { ...sampleForm(fields), ...wanted } });
    }
  }
  return moves;
}

/** The reachable configurations of a pathway and the moves between them. */
export interface Exploration {
  /** Configuration key (sorted active leaves) → a snapshot in it. */
  configs: Map<string, { snapshot: CaseSnapshot; done: boolean }>;
  /** Configuration key → keys reached from it in one event. */
  edges: Map<string, Set<string>>;
  /** User events that the engine accepted although `availableEvents` did not offer them to that role. */
  notOffered: string[];
}

export function configKey(p: CompiledPathway, snapshot: CaseSnapshot): string {
  return [...stateValueOf(p, snapshot)].sort().join(' | ');
}

/** Breadth-first walk over configurations, starting from `input`. */
export function explore(p: CompiledPathway, input: StartCaseInput, limit = 500): Exploration {
  const entries = listStates(p.doc.machine);
  const now = new Date('2023-08-14T02:00:00Z');
  const start = startCase(p, input, { now }).snapshot;
  const configs: Exploration['configs'] = new Map([[configKey(p, start), { snapshot: start, done: start.status === 'done' }]]);
  const edges: Exploration['edges'] = new Map();
  const notOffered: string[] = [];
  const queue = [configKey(p, start)];
  while (queue.length > 0 && configs.size < limit) {
    const key = queue.shift()!;
    const { snapshot, done } = configs.get(key)!;
    edges.set(key, new Set());
    if (done) continue;
    for (const move of movesFrom(p, snapshot, entries)) {
      const event = move.data ? { type: move.type, data: move.data } : { type: move.type };
      const options = move.role ? { now, actor: { id: 'explorer', role: move.role } } : { now };
      // A step that needs the kepsek's approval: the kepsek approves it first (a case-work event), then the event goes.
      const { result } = advanceApproving(p, snapshot, event, options, { id: 'explorer-kepsek', role: 'kepsek' });
      if (!result.ok) continue;
      if (move.role && !availableEvents(p, snapshot, { role: move.role }).some((a) => a.type === move.type))
        notOffered.push(`${key} --${move.type}/${move.role}`);
      const next = configKey(p, result.value.snapshot);
      edges.get(key)!.add(next);
      if (!configs.has(next)) {
        configs.set(next, { snapshot: result.value.snapshot, done: result.value.status === 'done' });
        queue.push(next);
      }
    }
  }
  return { configs, edges, notOffered };
}

/** Keys of the configurations from which some sequence of events closes the case. */
export function canClose(x: Exploration): Set<string> {
  const good = new Set([...x.configs].filter(([, c]) => c.done).map(([k]) => k));
  for (let changed = true; changed; ) {
    changed = false;
    for (const [from, tos] of x.edges) {
      if (good.has(from)) continue;
      if ([...tos].some((to) => good.has(to))) {
        good.add(from);
        changed = true;
      }
    }
  }
  return good;
}

/** Every state path (`a.b`) some reachable configuration is in. */
export function visitedStates(x: Exploration): Set<string> {
  const seen = new Set<string>();
  for (const key of x.configs.keys()) {
    for (const leaf of key.split(' | ')) {
      const parts = leaf.split('.');
      for (let i = 1; i <= parts.length; i++) seen.add(parts.slice(0, i).join('.'));
    }
  }
  return seen;
}
