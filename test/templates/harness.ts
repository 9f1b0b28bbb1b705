/**
 * Test harness for the template pathways: load and compile a template, and
 * run a case through `startCase` / `advanceCase` the way the API does —
 * persisting the timers the engine schedules and sending each timer's event
 * back when its `dueAt` passes.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  advanceApproving,
  compilePathway,
  parsePathway,
  startCase,
  stateValueOf,
  type AdvanceError,
  type CaseSnapshot,
  type CompiledPathway,
  type Effect,
  type PathwayDocument,
  type Role,
  type StartCaseInput,
} from '@jalur/engine';

export const WORKFLOWS_DIR = fileURLToPath(new URL('../../workflows/', import.meta.url));

/** Keys of the template pathways (`workflows/*.json`). */
export function templateKeys(): string[] {
  return readdirSync(WORKFLOWS_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
}

/** The raw JSON of a template, as stored. */
export function readTemplate(key: string): unknown {
  return JSON.parse(readFileSync(`${WORKFLOWS_DIR}${key}.json`, 'utf8'));
}

/** Parses a template; throws with the issues when it does not parse. */
export function loadDocument(key: string): PathwayDocument {
  const parsed = parsePathway(readTemplate(key));
  if (!parsed.ok) throw new Error(`${key} does not parse: ${JSON.stringify(parsed.error)}`);
  return parsed.value;
}

const compiled = new Map<string, CompiledPathway>();

/** The compiled template (cached per key: compiling is pure). */
export function loadPathway(key: string): CompiledPathway {
  let p = compiled.get(key);
  if (!p) {
    p = compilePathway(loadDocument(key));
    compiled.set(key, p);
  }
  return p;
}

/** A demo actor for a role. */
export function actor(role: Role, id = `demo-${role}`): { id: string; role: Role } {
  return { id, role };
}

/** A timer the caller persisted from a `timer.schedule` effect. */
export interface PendingTimer {
  timerId: string;
  event: string;
  dueAt: string;
}

/** Applies `timer.schedule` / `timer.cancel` effects to the list of pending timers. */
export function applyTimerEffects(timers: readonly PendingTimer[], effects: readonly Effect[]): PendingTimer[] {
  let next = [...timers];
  for (const e of effects) {
    if (e.type === 'timer.schedule') next = [...next.filter((t) => t.timerId !== e.timerId), { timerId: e.timerId, event: e.event, dueAt: e.dueAt }];
    else if (e.type === 'timer.cancel') next = next.filter((t) => t.timerId !== e.timerId);
  }
  return next;
}

/** One case as the API would hold it: the snapshot, its pending timers and what happened. */
export interface CaseRun {
  pathway: CompiledPathway;
  snapshot: CaseSnapshot;
  status: 'active' | 'done';
  timers: PendingTimer[];
  effects: Effect[];
  /** Every event sent, with the active steps after it. */
  log: { at: string; event: string; role?: Role; data?: Record<string, unknown>; states: string[] }[];
}

/** Starts a case at `now`. */
export function begin(pathway: CompiledPathway, input: StartCaseInput, now: Date): CaseRun {
  const started = startCase(pathway, input, { now });
  return {
    pathway,
    snapshot: started.snapshot,
    status: started.status,
    timers: applyTimerEffects([], started.effects),
    effects: started.effects,
    log: [{ at: now.toISOString(), event: '(start)', states: stateValueOf(pathway, started.snapshot) }],
  };
}

export interface SendOptions {
  at: Date;
  role?: Role;
  data?: Record<string, unknown>;
}

/** Sends one event; the engine's refusal comes back as the error value. */
export function send(run: CaseRun, type: string, options: SendOptions): { ok: true; run: CaseRun } | { ok: false; error: AdvanceError } {
  const event = options.data ? { type, data: options.data } : { type };
  const opts = options.role ? { now: options.at, actor: actor(options.role) } : { now: options.at };
  // The kepsek approves a step that needs it first, as the school's procedure asks (a case-work event).
  const { result, approvals } = advanceApproving(run.pathway, run.snapshot, event, opts, actor('kepsek'));
  const approved = approvals.at(-1)?.snapshot;
  if (approved) run = { ...run, snapshot: approved, log: [...run.log, { at: options.at.toISOString(), event: 'approval.decided', states: stateValueOf(run.pathway, approved), role: 'kepsek' }] };
  if (!result.ok) return { ok: false, error: result.error };
  const { snapshot, effects, status } = result.value;
  const entry: CaseRun['log'][number] = { at: options.at.toISOString(), event: type, states: stateValueOf(run.pathway, snapshot) };
  if (options.role) entry.role = options.role;
  if (options.data) entry.data = options.data;
  return {
    ok: true,
    run: { ...run, snapshot, status, effects, timers: applyTimerEffects(run.timers, effects), log: [...run.log, entry] },
  };
}

/** Sends one event and throws with the engine's error when it is refused. */
export function must(run: CaseRun, type: string, options: SendOptions): CaseRun {
  const r = send(run, type, options);
  if (!r.ok) throw new Error(`${type} refused at ${stateValueOf(run.pathway, run.snapshot).join(', ')}: ${JSON.stringify(r.error)}`);
  return r.run;
}

/**
 * Fires, earliest first, every pending timer due at or before `until`, each
 * at its own `dueAt` and without an actor — as the API's timer worker does.
 */
export function fireTimersUntil(run: CaseRun, until: Date): CaseRun {
  let current = run;
  for (;;) {
    const due = current.timers
      .filter((t) => Date.parse(t.dueAt) <= until.getTime())
      .sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt))[0];
    if (!due || current.status === 'done') return current;
    const without = { ...current, timers: current.timers.filter((t) => t.timerId !== due.timerId) };
    current = must(without, due.event, { at: new Date(due.dueAt) });
  }
}

/** The active leaf steps of a run. */
export function statesOf(run: CaseRun): string[] {
  return stateValueOf(run.pathway, run.snapshot);
}
