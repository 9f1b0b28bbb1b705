/**
 * The XState conformance harness. A machine written by someone else is
 * imported with the engine's `importXState` and then walked at random, step
 * for step, three ways at once:
 *
 * - the engine: `compilePathway` → `startCase` → `advanceCase`, timers fired
 *   from the `timer.schedule` effects it returns, as the scheduler does;
 * - raw xstate 5.33 on the author's own config (`initialTransition` /
 *   `transition`), given the same implementations: each code guard answers
 *   from a per-walk flag that the engine reads as `student.<guard>`, and each
 *   invoked service is one that never settles (the engine runs none);
 * - raw xstate on the engine's export (`exportXState`), with its own
 *   implementations.
 *
 * After every step the three must agree on `value`, `status`, `output`, the
 * tags, the author's context and the set of pending timers (by state and
 * length). A timer is fired on each side under the event name that side
 * scheduled it with. Any disagreement is a divergent walk.
 */
import {
  advanceCase,
  compilePathway,
  exportXState,
  importXState,
  initialContext,
  lintPathway,
  startCase,
  type CaseSnapshot,
  type CompiledPathway,
  type Effect,
  guardImplementations,
  type Guard,
  type ImportWarning,
  type PathwayDocument,
  type Role,
} from '@jalur/engine';
import { createMachine, fromPromise, initialTransition, transition, type AnyMachineSnapshot, type AnyStateMachine } from 'xstate';

type Json = Record<string, unknown>;

/** One machine of the suite. */
export interface ConformanceMachine {
  /** Short unique name. */
  name: string;
  /** Where the config was taken from (repository URL and path, or `hand-made: …`). */
  source: string;
  /** The XState config, as plain JSON. Inline functions of the original are written as named references. */
  config: Json;
  /** Names of guards the original implements in code; each becomes a per-walk flag on both sides. */
  codeGuards?: string[];
  /** Events to send besides the ones the config names (e.g. with data, or to hit a wildcard). */
  events?: { type: string; data?: Json }[];
  /** Data sent with every event (timers too), so guards that read `form.*` see the same on both sides. */
  data?: (rand: () => number) => Json;
  /** Constructs the import must warn about (`construct@path`), exactly. */
  warnings?: string[];
  /** When the import must refuse the machine: each expected issue's path and a pattern of its English reason. */
  refused?: { path: string; reason: RegExp }[];
  /** Walks and steps per walk (defaults 8 × 60). */
  walks?: number;
  steps?: number;
}

/** What one machine's run found. */
export interface ConformanceReport {
  name: string;
  walks: number;
  steps: number;
  timersFired: number;
  /** Steps where the engine accepted an event (the others were refused on both sides). */
  accepted: number;
  warnings: ImportWarning[];
  divergences: string[];
}

/** A small seeded PRNG (mulberry32), so a failing walk can be replayed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** The flag a code guard reads on the engine side: `student.<name>` (field paths allow only word characters). */
export function flagField(guard: string): string {
  return `g_${guard.replace(/[^A-Za-z0-9_]/g, (c) => `_${c.charCodeAt(0).toString(16)}_`)}`;
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Every event name the config's transitions name (wildcards expanded into a few matching names), and invoke sources. */
function scan(config: Json): { events: Set<string>; services: Set<string> } {
  const events = new Set<string>();
  const services = new Set<string>();
  const visit = (node: Json): void => {
    if (isObject(node.on))
      for (const key of Object.keys(node.on)) {
        if (key === '*') ['ANY_EVENT', 'other.thing'].forEach((e) => events.add(e));
        else if (key.endsWith('.*')) {
          const prefix = key.slice(0, -2);
          [prefix, `${prefix}.x`, `${prefix}.x.y`, `${prefix}x`].forEach((e) => events.add(e));
        } else if (key !== '' && !key.startsWith('xstate.')) events.add(key);
      }
    const invokes = node.invoke === undefined ? [] : Array.isArray(node.invoke) ? node.invoke : [node.invoke];
    for (const inv of invokes) if (isObject(inv) && typeof inv.src === 'string') services.add(inv.src);
    if (isObject(node.states)) for (const child of Object.values(node.states)) if (isObject(child)) visit(child);
  };
  visit(config);
  events.add('UNHANDLED_EVENT');
  return { events, services };
}

/** A pending timer: the event this side fires for it, and when it was (re)started. */
interface Pending {
  event: string;
  at: number;
}

interface Side {
  machine: AnyStateMachine;
  snapshot: AnyMachineSnapshot;
  /** Pending timers: key (`state@ms`) → the event this side fires. */
  timers: Map<string, Pending>;
  /** Timer id → key, for cancels. */
  ids: Map<string, string>;
}

/** Applies raw xstate's executable actions to a side's pending timers. */
function rawTimers(side: Side, actions: readonly { type: string; params?: unknown }[], now: Date): void {
  for (const action of actions) {
    const params = action.params as Json | undefined;
    if (action.type === 'xstate.raise' && params && typeof params.delay === 'number') {
      const type = (params.event as { type: string }).type;
      if (!type.startsWith('xstate.after.')) continue;
      const rest = type.slice('xstate.after.'.length);
      const nodeId = rest.slice(rest.indexOf('.') + 1);
      const node = side.machine.getStateNodeById(nodeId);
      const key = `${node.path.join('.')}@${params.delay}`;
      side.timers.set(key, { event: type, at: now.getTime() });
      side.ids.set(String(params.id), key);
    } else if (action.type === 'xstate.cancel' && params) {
      const key = side.ids.get(String(params.sendId));
      if (key !== undefined) side.timers.delete(key);
      side.ids.delete(String(params.sendId));
    }
  }
}

/** Applies the engine's timer effects to its pending timers. */
function engineTimers(timers: Map<string, Pending>, ids: Map<string, string>, effects: readonly Effect[], now: Date): void {
  for (const e of effects) {
    if (e.type === 'timer.schedule') {
      const key = `${e.stateId}@${new Date(e.dueAt).getTime() - now.getTime()}`;
      timers.set(key, { event: e.event, at: now.getTime() });
      ids.set(e.timerId, key);
    } else if (e.type === 'timer.cancel') {
      const key = ids.get(e.timerId);
      if (key !== undefined) timers.delete(key);
      ids.delete(e.timerId);
    }
  }
}

function sortedKeys(m: Map<string, Pending>): string[] {
  return [...m.keys()].sort();
}

/** Pending timers as `state@ms since t` (a restarted timer shows a later start). */
function pendingOf(m: Map<string, Pending>): string[] {
  return [...m.entries()].map(([k, v]) => `${k} since ${v.at - T0.getTime()}`).sort();
}

function tagsOf(machine: AnyStateMachine, snapshot: { value: unknown; context: unknown }): string[] {
  return [...machine.resolveState({ value: snapshot.value as never, context: snapshot.context as never }).tags].sort();
}

function stable(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => (isObject(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : 1))) : x));
}

/**
 * What the author wrote that a pathway can keep — tags, outputs, meta,
 * descriptions — must come back unchanged in the export, state by state.
 */
export function keptDifferences(authored: Json, exported: Json, path: string[] = []): string[] {
  const out: string[] = [];
  const at = path.length === 0 ? '(root)' : path.join('.');
  for (const field of ['tags', 'output', 'description'] as const) {
    if (authored[field] !== undefined && stable(authored[field]) !== stable(exported[field])) out.push(`${at}.${field}: wrote ${stable(authored[field])}, export ${stable(exported[field])}`);
  }
  if (authored.meta !== undefined) {
    let back: unknown = exported.meta;
    if (path.length === 0 && isObject(back) && isObject(authored.meta)) back = Object.fromEntries(Object.entries(back).filter(([k]) => k !== 'jalur'));
    if (stable(authored.meta) !== stable(back)) out.push(`${at}.meta: wrote ${stable(authored.meta)}, export ${stable(back)}`);
  }
  if (isObject(authored.states))
    for (const [key, child] of Object.entries(authored.states)) {
      const twin = isObject(exported.states) ? exported.states[key] : undefined;
      if (!isObject(twin)) out.push(`${[...path, key].join('.')}: missing from the export`);
      else if (isObject(child)) out.push(...keptDifferences(child, twin, [...path, key]));
    }
  return out;
}

/**
 * Raw xstate has no bound on automatic transitions: a machine that loops
 * would hang the suite. Guards count their calls per step and give up (an
 * error, which the walk reports) long before memory runs out.
 */
let guardCalls = 0;
const GUARD_CALLS_PER_STEP = 5000;
function counted<G extends Record<string, (...args: never[]) => boolean>>(guards: G): G {
  return Object.fromEntries(
    Object.entries(guards).map(([name, fn]) => [
      name,
      (...args: never[]) => {
        if (++guardCalls > GUARD_CALLS_PER_STEP) throw new Error(`guard ${name} evaluated more than ${GUARD_CALLS_PER_STEP} times in one step: an automatic loop`);
        return fn(...args);
      },
    ]),
  ) as G;
}

/** Runs raw xstate, or says why it could not. */
function step(side: Side, event: Json, now: Date): string | undefined {
  guardCalls = 0;
  try {
    const [next, actions] = transition(side.machine, side.snapshot, event as never);
    side.snapshot = next;
    rawTimers(side, actions, now);
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/** `advanceCase`, with a throw turned into a refusal the walk reports (the engine must never throw). */
function engineStep(p: CompiledPathway, snapshot: CaseSnapshot, event: { type: string; data?: Json }, options: Parameters<typeof advanceCase>[3]): ReturnType<typeof advanceCase> | { ok: false; error: { code: 'threw'; message: string } } {
  try {
    return advanceCase(p, snapshot, event, options);
  } catch (e) {
    return { ok: false, error: { code: 'threw', message: String(e) } };
  }
}

const ROLE: Role = 'guru_bk';
const T0 = new Date('2026-01-05T08:00:00Z');

/** Runs one machine of the suite: import, then (unless refused) every walk. */
export function runConformance(m: ConformanceMachine): ConformanceReport {
  const report: ConformanceReport = { name: m.name, walks: 0, steps: 0, timersFired: 0, accepted: 0, warnings: [], divergences: [] };
  const codeGuards = m.codeGuards ?? [];
  const standIns: Record<string, Guard> = Object.fromEntries(codeGuards.map((g) => [g, { type: 'check', params: { field: `student.${flagField(g)}`, op: 'eq', value: true } }]));
  const imported = importXState(m.config, { guards: standIns });
  report.warnings = imported.warnings ?? [];
  if (m.refused) {
    if (imported.ok) report.divergences.push('the import accepted a machine the suite expects it to refuse');
    else
      for (const want of m.refused) {
        const found = imported.error.find((i) => i.path.join('.') === want.path && want.reason.test(i.message.en ?? ''));
        if (!found) report.divergences.push(`no refusal at ${want.path} matching ${want.reason}: got ${JSON.stringify(imported.error.map((i) => [i.path.join('.'), i.message.en]))}`);
      }
    return report;
  }
  if (!imported.ok) {
    report.divergences.push(`import refused: ${JSON.stringify(imported.error.map((i) => [i.path.join('.'), i.message.en]))}`);
    return report;
  }
  const doc: PathwayDocument = imported.value;
  const errors = lintPathway(doc).filter((d) => d.severity === 'error' && ['JALUR004', 'JALUR007', 'JALUR011', 'JALUR016'].includes(d.code));
  if (errors.length > 0) report.divergences.push(`lint refuses what xstate runs: ${JSON.stringify(errors.map((d) => [d.code, d.message.en]))}`);
  let p: CompiledPathway;
  try {
    p = compilePathway(doc);
  } catch (e) {
    report.divergences.push(`compile threw: ${String(e)}`);
    return report;
  }
  const { events, services } = scan(m.config);
  const pool: { type: string; data?: Json }[] = [...[...events].map((type) => ({ type })), ...(m.events ?? [])];
  const exported = exportXState(doc);
  for (const d of keptDifferences(m.config, exported.config)) report.divergences.push(`export: ${d}`);
  const walks = m.walks ?? 8;
  const steps = m.steps ?? 60;

  for (let w = 0; w < walks; w++) {
    const rand = prng(hash(m.name) + w * 7919);
    const flags: Record<string, boolean> = Object.fromEntries(codeGuards.map((g) => [g, rand() < 0.5]));
    const student = Object.fromEntries(codeGuards.map((g) => [flagField(g), flags[g]]));
    const say = (what: string) => report.divergences.push(`walk ${w} (flags ${JSON.stringify(flags)}): ${what}`);

    // The author's config under raw xstate, with the same implementations.
    const rawMachine = createMachine(m.config as never).provide({
      // The engine's declarative guards (a config may use them by type), and each code guard's flag.
      guards: counted({ ...guardImplementations, ...Object.fromEntries(codeGuards.map((g) => [g, () => flags[g] === true])) }),
      actors: Object.fromEntries([...services].map((s) => [s, fromPromise(() => new Promise<never>(() => {}))])),
    } as never) as AnyStateMachine;
    // The engine's export under raw xstate, with the export's implementations and the case's start data.
    const expMachine = createMachine({ ...exported.config, context: initialContext(doc.machine, { student }) } as never).provide({
      ...exported.implementations,
      guards: counted(exported.implementations.guards as Record<string, (...args: never[]) => boolean>),
    } as never) as AnyStateMachine;

    let now = new Date(T0);
    let engineSnap: CaseSnapshot;
    const eTimers = new Map<string, Pending>();
    const eIds = new Map<string, string>();
    let start: ReturnType<typeof startCase>;
    try {
      start = startCase(p, { student }, { now });
    } catch (e) {
      say(`the engine could not start: ${String(e)}`);
      continue;
    }
    engineSnap = start.snapshot;
    engineTimers(eTimers, eIds, start.effects, now);
    guardCalls = 0;
    let r0: AnyMachineSnapshot, ra0: { type: string; params?: unknown }[], x0: AnyMachineSnapshot, xa0: { type: string; params?: unknown }[];
    try {
      [r0, ra0] = initialTransition(rawMachine);
      guardCalls = 0;
      [x0, xa0] = initialTransition(expMachine);
    } catch (e) {
      say(`xstate could not start: ${String(e)}`);
      continue;
    }
    const raw: Side = { machine: rawMachine, snapshot: r0, timers: new Map(), ids: new Map() };
    rawTimers(raw, ra0, now);
    const exp: Side = { machine: expMachine, snapshot: x0, timers: new Map(), ids: new Map() };
    rawTimers(exp, xa0, now);

    const compare = (label: string): boolean => {
      const problems: string[] = [];
      if (stable(engineSnap.value) !== stable(raw.snapshot.value)) problems.push(`value: engine ${stable(engineSnap.value)}, xstate ${stable(raw.snapshot.value)}`);
      if (stable(exp.snapshot.value) !== stable(raw.snapshot.value)) problems.push(`value: export ${stable(exp.snapshot.value)}, xstate ${stable(raw.snapshot.value)}`);
      if (engineSnap.status !== raw.snapshot.status) problems.push(`status: engine ${engineSnap.status}, xstate ${raw.snapshot.status}`);
      if (exp.snapshot.status !== raw.snapshot.status) problems.push(`status: export ${exp.snapshot.status}, xstate ${raw.snapshot.status}`);
      if (stable(engineSnap.output) !== stable(raw.snapshot.output)) problems.push(`output: engine ${stable(engineSnap.output)}, xstate ${stable(raw.snapshot.output)}`);
      if (stable(exp.snapshot.output) !== stable(raw.snapshot.output)) problems.push(`output: export ${stable(exp.snapshot.output)}, xstate ${stable(raw.snapshot.output)}`);
      const rawContext = (raw.snapshot.context ?? {}) as Json;
      for (const key of Object.keys(rawContext)) {
        if (stable((engineSnap.context as Json)[key]) !== stable(rawContext[key])) problems.push(`context.${key}: engine ${stable((engineSnap.context as Json)[key])}, xstate ${stable(rawContext[key])}`);
        if (stable((exp.snapshot.context as Json)[key]) !== stable(rawContext[key])) problems.push(`context.${key}: export differs`);
      }
      if (raw.snapshot.status === 'active') {
        const rt = tagsOf(rawMachine, raw.snapshot);
        if (stable(tagsOf(p.machine, engineSnap)) !== stable(rt)) problems.push(`tags: engine ${stable(tagsOf(p.machine, engineSnap))}, xstate ${stable(rt)}`);
        if (stable(pendingOf(eTimers)) !== stable(pendingOf(raw.timers))) problems.push(`timers: engine ${stable(pendingOf(eTimers))}, xstate ${stable(pendingOf(raw.timers))}`);
        if (stable(pendingOf(exp.timers)) !== stable(pendingOf(raw.timers))) problems.push(`timers: export ${stable(pendingOf(exp.timers))}, xstate ${stable(pendingOf(raw.timers))}`);
      }
      if (problems.length > 0) say(`${label}: ${problems.join('; ')}`);
      return problems.length === 0;
    };

    report.walks++;
    if (!compare('start')) continue;
    const trail: string[] = [];
    for (let s = 0; s < steps && raw.snapshot.status === 'active'; s++) {
      report.steps++;
      const data = m.data?.(rand);
      const timerKeys = sortedKeys(raw.timers);
      let ok = true;
      if (timerKeys.length > 0 && rand() < 0.3) {
        const key = timerKeys[Math.floor(rand() * timerKeys.length)]!;
        const ms = Number(key.slice(key.lastIndexOf('@') + 1));
        now = new Date(now.getTime() + ms);
        trail.push(`timer ${key}`);
        report.timersFired++;
        const eEvent = eTimers.get(key)?.event ?? '';
        const r = engineStep(p, engineSnap, { type: eEvent, ...(data ? { data } : {}) }, { now });
        if (r.ok) {
          report.accepted++;
          engineSnap = r.value.snapshot;
          eTimers.delete(key);
          engineTimers(eTimers, eIds, r.value.effects, now);
        } else {
          // A timer the engine does not take must be one xstate ignores too.
          if (r.error.code === 'threw') say(`the engine threw after ${trail.join(' → ')}: ${r.error.message}`);
          eTimers.delete(key);
        }
        for (const [label, side] of [['xstate', raw], ['export', exp]] as const) {
          const type = side.timers.get(key)?.event ?? '';
          side.timers.delete(key);
          const failed = step(side, { type, ...(data ? { data } : {}) }, now);
          if (failed) say(`${label} threw after ${trail.join(' → ')}: ${failed}`);
        }
      } else {
        // A second passes between two people's events, so a restarted timer shows a later start.
        now = new Date(now.getTime() + 1000);
        const pick = pool[Math.floor(rand() * pool.length)]!;
        const event = { type: pick.type, ...(pick.data || data ? { data: { ...data, ...pick.data } } : {}) };
        trail.push(event.type);
        // An event without data comes from a person (the engine's user gate runs: role, approval);
        // one carrying data for guards comes as the system sends it, since the gate also refuses
        // data fields a step's form does not declare — Jalur's own layer above XState.
        const by = event.data ? {} : { actor: { id: 'u1', role: ROLE } };
        const r = engineStep(p, engineSnap, event, { now, ...by });
        if (r.ok) {
          report.accepted++;
          engineSnap = r.value.snapshot;
          engineTimers(eTimers, eIds, r.value.effects, now);
        } else if (r.error.code === 'threw') say(`the engine threw after ${trail.join(' → ')}: ${r.error.message}`);
        for (const [label, side] of [['xstate', raw], ['export', exp]] as const) {
          const failed = step(side, { ...event, ...by }, now);
          if (failed) say(`${label} threw after ${trail.join(' → ')}: ${failed}`);
        }
      }
      // Now and then the case goes through the database: a JSON round trip of its snapshot.
      if (rand() < 0.2) engineSnap = JSON.parse(JSON.stringify(engineSnap)) as CaseSnapshot;
      ok = compare(`after ${trail.join(' → ')}`);
      if (!ok) break;
    }
  }
  return report;
}
