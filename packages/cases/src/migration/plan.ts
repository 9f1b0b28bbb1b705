/**
 * Where each running case lands on the new version, and what changes with
 * it: a pure dry run. The new snapshot is XState's own resolution of the
 * mapped state value (`machine.resolveState`), the context is kept, timers
 * of states the case stays in keep their due time, timers of newly entered
 * states are re-armed from the migration instant, and tasks follow the steps.
 */
import { activeSteps, isAddedInterventionStep, parseDuration, listStates, type CaseSnapshot, type CompiledPathway, type Effect } from '@jalur/engine';
import type { ResolvedStateMap } from './state-map.ts';

/** What the planner needs to know about a case (from the db). */
export interface MigratingCase {
  id: string;
  version: number;
  snapshot: unknown;
  /** Active leaves on the old version. */
  stateValue: readonly string[];
  pendingTimers: readonly { timerId: string; event: string; dueAt: Date }[];
  openTasks: readonly { stateId: string }[];
}

export interface CasePlan {
  caseId: string;
  expectedVersion: number;
  from: string[];
  to: string[];
  snapshot: CaseSnapshot;
  /** Persisted with the case, as for an advance. */
  effects: Effect[];
  timers: { cancelled: string[]; kept: string[]; armed: { event: string; dueAt: string }[] };
  tasks: { closed: string[]; opened: string[] };
}

export interface Unmappable {
  caseId: string;
  from: string[];
  reason: string;
}

export interface MigrationPlan {
  cases: CasePlan[];
  unmappable: Unmappable[];
}

const DAY = 86_400_000;

/** A nested XState state value from leaf paths (`a.b`, `a.c.d` → `{ a: { b: {}, c: 'd' } }`). */
export function stateValueFromLeaves(leaves: readonly string[]): unknown {
  if (leaves.length === 1 && !leaves[0]!.includes('.')) return leaves[0];
  const root: Record<string, unknown> = {};
  for (const leaf of leaves) {
    const parts = leaf.split('.');
    let node = root;
    parts.forEach((part, i) => {
      if (i === parts.length - 1) {
        if (!(part in node)) node[part] = {};
      } else {
        if (typeof node[part] !== 'object' || node[part] === null) node[part] = {};
        node = node[part] as Record<string, unknown>;
      }
    });
  }
  const collapse = (v: Record<string, unknown>): unknown => {
    const keys = Object.keys(v);
    if (keys.length === 1 && Object.keys(v[keys[0]!] as object).length === 0) return keys[0];
    return Object.fromEntries(keys.map((k) => [k, Object.keys(v[k] as object).length === 0 ? {} : collapse(v[k] as Record<string, unknown>)]));
  };
  return collapse(root);
}

/** Timer events of the states active in a configuration (`after` on each active node). */
function timerEventsOf(to: CompiledPathway, active: readonly string[]): Map<string, number> {
  const activePaths = new Set<string>();
  for (const leaf of active) {
    const parts = leaf.split('.');
    for (let i = 1; i <= parts.length; i++) activePaths.add(parts.slice(0, i).join('.'));
  }
  const out = new Map<string, number>();
  for (const s of listStates(to.doc.machine)) {
    if (!activePaths.has(s.id) || !s.node.after) continue;
    for (const delay of Object.keys(s.node.after)) out.set(`xstate.after.${delay}.${to.machineId}.${s.id}`, parseDuration(delay));
  }
  return out;
}

/** Plans one case; an error string when it cannot be mapped. */
export function planCase(from: CompiledPathway, to: CompiledPathway, map: ResolvedStateMap, c: MigratingCase, now: Date): CasePlan | Unmappable {
  const fromLeaves = [...c.stateValue];
  const fail = (reason: string): Unmappable => ({ caseId: c.id, from: fromLeaves, reason });
  const targets: string[] = [];
  for (const leaf of fromLeaves) {
    const t = map.map.get(leaf);
    if (t === undefined) return fail(`state ${leaf} has no target`);
    if (!targets.includes(t)) targets.push(t);
  }
  const old = c.snapshot as CaseSnapshot;
  let snapshot: CaseSnapshot;
  let landed: string[];
  try {
    const resolved = to.machine.resolveState({ value: stateValueFromLeaves(targets) as never, context: old.context as never });
    snapshot = { status: 'active', value: resolved.value, context: old.context, historyValue: {}, children: {} } as CaseSnapshot;
    landed = activeSteps(to, snapshot).map((s) => s.stateId);
  } catch (error) {
    return fail(`target configuration ${targets.join(', ')} is not valid: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!targets.every((t) => landed.includes(t))) return fail(`targets ${targets.join(', ')} cannot be active together (resolved to ${landed.join(', ')})`);

  const effects: Effect[] = [];
  const wanted = timerEventsOf(to, landed);
  const timers: CasePlan['timers'] = { cancelled: [], kept: [], armed: [] };
  for (const t of c.pendingTimers) {
    if (wanted.has(t.event)) {
      timers.kept.push(t.event);
      wanted.delete(t.event);
    } else {
      timers.cancelled.push(t.event);
      effects.push({ type: 'timer.cancel', timerId: t.timerId });
    }
  }
  for (const [event, ms] of wanted) {
    const rest = event.slice('xstate.after.'.length);
    const delay = rest.slice(0, rest.indexOf('.'));
    const stateId = rest.slice(delay.length + 1 + to.machineId.length + 1);
    const dueAt = new Date(now.getTime() + ms).toISOString();
    timers.armed.push({ event, dueAt });
    effects.push({ type: 'timer.schedule', timerId: event, event, stateId, delay, dueAt });
  }
  const tasks: CasePlan['tasks'] = { closed: [], opened: [] };
  const open = new Set(c.openTasks.map((t) => t.stateId));
  for (const stateId of open) {
    // An intervention added during the case is no step of either version: its task stays open.
    if (!landed.includes(stateId) && !isAddedInterventionStep(stateId)) {
      tasks.closed.push(stateId);
      effects.push({ type: 'task.close', stateId });
    }
  }
  for (const stateId of landed) {
    const meta = to.steps.get(stateId);
    if (open.has(stateId) || !meta || (meta.roles ?? []).length === 0) continue;
    tasks.opened.push(stateId);
    effects.push({
      type: 'task.open', stateId, kind: meta.kind, title: meta.title, roles: meta.roles ?? [],
      dueAt: meta.dueInDays === undefined ? null : new Date(now.getTime() + meta.dueInDays * DAY).toISOString(),
      schoolDays: meta.schoolDays === true, requiresApproval: meta.requiresApproval === true,
    });
  }
  return { caseId: c.id, expectedVersion: c.version, from: fromLeaves, to: landed, snapshot, effects, timers, tasks };
}

/** The dry run over every chosen case. */
export function planMigration(from: CompiledPathway, to: CompiledPathway, map: ResolvedStateMap, cases: readonly MigratingCase[], now: Date): MigrationPlan {
  const plan: MigrationPlan = { cases: [], unmappable: [] };
  for (const c of cases) {
    const r = planCase(from, to, map, c, now);
    if ('reason' in r) plan.unmappable.push(r);
    else plan.cases.push(r);
  }
  return plan;
}
