/**
 * Starting and advancing a student's case: pure functions over XState's
 * `initialTransition` / `transition` (the latter via `pureTransition`). They never do I/O; what must happen in
 * the world (timers, tasks, notifications) comes back as effects.
 */
import { initialTransition, type AnyMachineSnapshot } from 'xstate';
import type { Actor, AdvanceError, AdvanceOptions, CaseContext, CaseEvent, Effect, FieldError, Result, StartCaseInput } from './contract.ts';
import type { FormField, Localized, StepMeta } from './document.ts';
import type { CompiledPathway } from './compile.ts';
import { evaluateGuard, type EngineEvent } from './guards.ts';
import { validateForm } from './forms.ts';
import { PathwayRunError } from './run-error.ts';
import { alwaysHandlers, availableEvents, handlersFor, type Handler } from './available.ts';
import { pureTransition, type ExecutableAction } from './pure-transition.ts';
import { approvalOf, isCaseworkEvent, isEngineEvent, isReservedEvent, mayRecord, roleName } from './casework-events.ts';
import { bounded, LoopLimitError, MAX_MICROSTEPS } from './microsteps.ts';
import { caseworkEffects, checkCaseworkData, skipWays } from './interventions.ts';

/** A case's persisted XState snapshot: plain JSON, stored as it is. */
export interface CaseSnapshot {
  status: 'active' | 'done' | 'error' | 'stopped';
  value: unknown;
  context: CaseContext;
  historyValue?: unknown;
  children?: Record<string, unknown>;
  output?: unknown;
  error?: unknown;
  [key: string]: unknown;
}

export interface ActiveStep {
  /** State path, dot separated (`intervensi.ekonomi.kunjungan`). */
  stateId: string;
  meta: StepMeta | undefined;
}

export interface CaseStep {
  snapshot: CaseSnapshot;
  effects: Effect[];
  /** The active leaf steps after the step. */
  active: ActiveStep[];
  status: 'active' | 'done';
}

export interface StartOptions {
  now: Date;
  actor?: Actor;
}

type StateNodeLike = { path: string[]; type: string };
type LiveSnapshot = AnyMachineSnapshot & { _nodes: StateNodeLike[] };

const DAY = 86_400_000;
/** Live snapshots for the persisted objects this module handed out, so a chain of advances skips the restore. */
const live = new WeakMap<object, LiveSnapshot>();

/**
 * The persisted form of a live snapshot. Cases spawn no child actors and keep
 * no actor refs in context, so this is XState's `getPersistedSnapshot` without
 * its walks over children and context (a third of an advance's cost).
 */
function persist(snapshot: LiveSnapshot): CaseSnapshot {
  const history = snapshot.historyValue as Record<string, { id: string }[]>;
  let historyValue: Record<string, { id: string }[]> = {};
  for (const key in history) {
    historyValue = { ...historyValue, [key]: history[key]!.map((node) => ({ id: node.id })) };
  }
  const persisted: CaseSnapshot = {
    status: snapshot.status,
    value: snapshot.value,
    context: snapshot.context as CaseContext,
    historyValue,
    children: {},
    output: snapshot.output,
    error: snapshot.error,
  };
  live.set(persisted, snapshot);
  return persisted;
}

function restore(p: CompiledPathway, snapshot: CaseSnapshot): LiveSnapshot {
  const cached = live.get(snapshot);
  if (cached && cached.machine === p.machine) return cached;
  const restored = p.machine.restoreSnapshot(
    { children: {}, historyValue: {}, ...snapshot } as never,
    { self: undefined } as never,
  ) as LiveSnapshot;
  live.set(snapshot, restored);
  return restored;
}

function pathOf(node: StateNodeLike): string {
  return node.path.join('.');
}

/** The active leaf steps of a case, in document order. */
export function activeSteps(p: CompiledPathway, snapshot: CaseSnapshot): ActiveStep[] {
  return leaves(p, restore(p, snapshot));
}

function leaves(p: CompiledPathway, s: LiveSnapshot): ActiveStep[] {
  return s._nodes
    .filter((n) => n.path.length > 0 && (n.type === 'atomic' || n.type === 'final'))
    .map((n) => ({ stateId: pathOf(n), meta: p.steps.get(pathOf(n)) }));
}

/** Active leaf state paths (`a.b`), the queryable form of the state value. */
export function stateValueOf(p: CompiledPathway, snapshot: CaseSnapshot): string[] {
  return activeSteps(p, snapshot).map((s) => s.stateId);
}

function dueAt(meta: StepMeta, now: Date): string | null {
  return meta.dueInDays === undefined ? null : new Date(now.getTime() + meta.dueInDays * DAY).toISOString();
}

const ENTERED: Localized = { id: 'Langkah baru perlu ditangani', en: 'A new step needs attention' };

/** Effects of moving from one configuration to the next: timers, tasks, notifications, closing. */
function effectsOf(
  p: CompiledPathway,
  before: LiveSnapshot | undefined,
  after: LiveSnapshot,
  actions: readonly { type: string; params?: unknown }[],
  now: Date,
  reentered: ReadonlySet<string> = new Set(),
): Effect[] {
  const effects: Effect[] = [];
  for (const action of actions) {
    const params = action.params as Record<string, unknown> | undefined;
    if (action.type === 'xstate.raise' && params && typeof params.delay === 'number') {
      const event = (params.event as { type: string }).type;
      // `xstate.after.<delay>.<machineId>.<state path>`
      const rest = event.slice('xstate.after.'.length);
      const delay = rest.slice(0, rest.indexOf('.'));
      const stateId = rest.slice(delay.length + 1 + p.machineId.length + 1);
      effects.push({
        type: 'timer.schedule',
        timerId: String(params.id),
        event,
        stateId,
        delay,
        dueAt: new Date(now.getTime() + params.delay).toISOString(),
      });
    } else if (action.type === 'xstate.cancel' && params) {
      effects.push({ type: 'timer.cancel', timerId: String(params.sendId) });
    }
  }
  // A re-entered step (`reenter: true`) counts as left and entered again: its task is renewed.
  const was = new Set(before ? before._nodes.map(pathOf).filter((id) => !reentered.has(id)) : []);
  const now_ = new Set(after._nodes.map(pathOf));
  for (const node of before?._nodes ?? []) {
    const id = pathOf(node);
    if ((!now_.has(id) || reentered.has(id)) && node.type === 'atomic' && p.steps.has(id)) effects.push({ type: 'task.close', stateId: id });
  }
  for (const node of after._nodes) {
    const id = pathOf(node);
    const meta = p.steps.get(id);
    const roles = meta?.roles ?? [];
    // A step nobody acts on (a waiting step) gets no task.
    if (was.has(id) || node.type !== 'atomic' || !meta || roles.length === 0) continue;
    effects.push({
      type: 'task.open',
      stateId: id,
      kind: meta.kind,
      title: meta.title,
      roles,
      dueAt: dueAt(meta, now),
      schoolDays: meta.schoolDays === true,
      requiresApproval: meta.requiresApproval === true,
    });
    effects.push({ type: 'notify', roles, stateId: id, message: { id: `${ENTERED.id}: ${meta.title.id}`, en: `${ENTERED.en}: ${meta.title.en ?? meta.title.id}` } });
  }
  if (after.status === 'done') {
    const finals = after._nodes.filter((n) => n.type === 'final').map(pathOf);
    effects.push({ type: 'case.closed', finalState: finals[finals.length - 1] ?? '' });
  }
  return effects;
}

/**
 * The steps a `reenter: true` transition exits and enters again: its source
 * and the active states below it. The transition taken is the first whose
 * guard passes, as XState picks it.
 */
function reenteredBy(handlers: readonly Handler[], context: unknown, event: EngineEvent, activePaths: readonly string[]): Set<string> {
  const taken = handlers.find((h) => h.guard === undefined || evaluateGuard(h.guard, context as Record<string, unknown>, event));
  if (!taken?.reenter) return new Set();
  const prefix = taken.source === '' ? '' : `${taken.source}.`;
  return new Set(activePaths.filter((id) => id === taken.source || id.startsWith(prefix)));
}

/**
 * Starts a case on a compiled pathway: the initial snapshot and the effects
 * of entering the first step(s) (tasks, timers).
 */
export function startCase(p: CompiledPathway, input: StartCaseInput, options: StartOptions): CaseStep {
  // A pathway whose first steps loop throws LoopLimitError (publish's lint reports such cycles first).
  const [first, actions] = bounded(() => initialTransition(p.machine, input)) as [LiveSnapshot, { type: string; params?: unknown }[]];
  // XState stops with status `error` when it cannot run the first steps (a code guard): say why, never call the case active.
  if (first.status === 'error') throw first.error instanceof LoopLimitError ? first.error : new PathwayRunError(first.error);
  const effects = effectsOf(p, undefined, first, actions, options.now);
  return { snapshot: persist(first), effects, active: leaves(p, first), status: first.status === 'done' ? 'done' : 'active' };
}

function refuse(code: 'case_done' | 'event_not_accepted' | 'guard_failed' | 'reserved_event', message: Localized, event: string, allowed: string[]): Result<CaseStep, AdvanceError> {
  return { ok: false, error: { code, message, event, allowed } as AdvanceError };
}

/**
 * Advances a case by one event. This is the only gate a case change passes:
 * the event must suit its source (a user never sends engine-internal
 * `xstate.*` or case-work events), be accepted by an active step, come from a
 * role that step allows and from a step the actor is assigned to, have the
 * kepsek's approval when the step needs it, carry valid form data, pass the
 * transition's guard, and settle within the microstep bound — otherwise an
 * error value says which rule refused it and what is allowed now. Never a
 * silent no-op.
 */
export function advanceCase(
  p: CompiledPathway,
  snapshot: CaseSnapshot,
  event: CaseEvent,
  options: AdvanceOptions,
): Result<CaseStep, AdvanceError> {
  const before = restore(p, snapshot);
  const actor = options.actor;
  const source = options.source ?? (actor ? 'user' : 'scheduler');
  const allowed = () => availableEvents(p, snapshot, actor ? { role: actor.role, ...(actor.steps ? { steps: actor.steps } : {}) } : {}).map((e) => e.type);
  if (before.status !== 'active')
    return refuse('case_done', { id: 'Kasus sudah selesai.', en: 'The case is already closed.' }, event.type, []);

  if (source === 'casework') {
    if (!isCaseworkEvent(event.type) || !mayRecord(event.type, actor)) return reserved(event.type, allowed());
    const invalid = checkCaseworkData(before.context as CaseContext, event);
    if (invalid.length > 0)
      return { ok: false, error: { code: 'casework_invalid', message: { id: 'Catatan kerja kasus belum lengkap atau tidak sesuai.', en: 'The case-work record is incomplete or invalid.' }, event: event.type, allowed: allowed(), fields: invalid } };
    if (event.type === 'intervention.skipped') return skipStep(p, before, event, actor!, options.now, allowed);
    const r = transitionBy(p, before, { type: event.type, ...(event.data ? { data: event.data } : {}), ...(actor ? { actor } : {}) }, options.now, []);
    return r.ok ? { ok: true, value: { ...r.value, effects: [...r.value.effects, ...caseworkEffects(event)] } } : r;
  }
  if (source === 'user' && isReservedEvent(event.type)) return reserved(event.type, allowed());

  const activePaths = before._nodes.map(pathOf);
  const handlers = handlersFor(p, activePaths, event.type);
  if (handlers.length === 0) {
    // XState re-evaluates automatic transitions after every event, also one no state handles.
    const automatic = alwaysHandlers(p, activePaths);
    const moved = automatic.length > 0 ? unhandledEvent(p, before, event, actor, options.now) : undefined;
    if (moved && !moved.ok) return moved; // loop_limit
    if (moved) {
      // It moves the case as those transitions' steps would: their gate applies.
      const refused = source === 'user' && actor ? userGate(p, before, automatic, event, actor, allowed) : undefined;
      return refused ?? moved;
    }
    return refuse(
      'event_not_accepted',
      { id: `Langkah saat ini tidak menerima "${event.type}".`, en: `The current step does not accept "${event.type}".` },
      event.type,
      allowed(),
    );
  }
  if (source === 'user' && actor) {
    const refused = userGate(p, before, handlers, event, actor, allowed);
    if (refused) return refused;
  }

  const xsEvent: EngineEvent = { type: event.type };
  if (event.data) xsEvent.data = event.data;
  if (actor) xsEvent.actor = actor;
  return transitionBy(p, before, xsEvent, options.now, handlers);
}

/**
 * The guru BK skips an active step (`intervention.skipped`): the step's own
 * way forward without data (`skipWays`; the one the record names, else the
 * first) is sent as the step's event, with no form data. A step that needs
 * the kepsek's approval needs it for a skip too.
 */
function skipStep(p: CompiledPathway, before: LiveSnapshot, event: CaseEvent, actor: Actor, now: Date, allowed: () => string[]): Result<CaseStep, AdvanceError> {
  const stateId = String(event.data?.stateId);
  const context = before.context as CaseContext;
  const leaves = leaves_(p, before);
  const meta = p.steps.get(stateId);
  if (meta?.requiresApproval === true && leaves.includes(stateId) && approvalOf(context, stateId) !== 'approved') {
    const rejected = approvalOf(context, stateId) === 'rejected';
    return {
      ok: false,
      error: {
        code: rejected ? 'approval_rejected' : 'approval_required',
        message: rejected
          ? { id: 'Kepala sekolah menolak langkah ini; melewatinya juga butuh persetujuan kepala sekolah.', en: 'The principal rejected this step; skipping it needs the principal’s approval too.' }
          : { id: 'Melewati langkah ini butuh persetujuan kepala sekolah terlebih dahulu.', en: 'Skipping this step needs the principal’s approval first.' },
        event: event.type,
        allowed: allowed(),
        steps: [stateId],
      },
    };
  }
  const ways = skipWays(p, context, leaves, stateId, actor);
  const wanted = typeof event.data?.event === 'string' ? event.data.event : undefined;
  const way = wanted === undefined ? ways[0] : ways.find((w) => w.event === wanted);
  if (!way)
    return {
      ok: false,
      error: {
        code: 'skip_not_possible',
        message: !leaves.includes(stateId)
          ? { id: 'Langkah ini tidak sedang berjalan, jadi tidak dapat dilewati.', en: 'This step is not the current one, so it cannot be skipped.' }
          : { id: 'Langkah ini tidak punya jalan lanjut tanpa isian datanya; kerjakan langkahnya atau pilih jalan lain.', en: 'This step has no way forward without its data; work the step or choose another way.' },
        event: event.type,
        allowed: allowed(),
        steps: [stateId],
      },
    };
  const moved = transitionBy(p, before, { type: way.event, actor }, now, handlersFor(p, before._nodes.map(pathOf), way.event));
  // A skip moves a case on; it never closes one (closing is the decision's, with its outcome).
  if (moved.ok && moved.value.status === 'done')
    return {
      ok: false,
      error: {
        code: 'skip_not_possible',
        message: { id: 'Melewati langkah ini akan menutup kasus; tutup kasus melalui langkah keputusan.', en: 'Skipping this step would close the case; close it through the decision step.' },
        event: event.type,
        allowed: allowed(),
        steps: [stateId],
      },
    };
  return moved;
}

const leaves_ = (p: CompiledPathway, s: LiveSnapshot): string[] => leaves(p, s).map((a) => a.stateId);

/** An event no state handles: XState still re-evaluates `always`; the step counts only when that moves the case (or loops). */
function unhandledEvent(p: CompiledPathway, before: LiveSnapshot, event: CaseEvent, actor: Actor | undefined, now: Date): Result<CaseStep, AdvanceError> | undefined {
  const xsEvent: EngineEvent = { type: event.type };
  if (event.data) xsEvent.data = event.data;
  if (actor) xsEvent.actor = actor;
  const r = transitionBy(p, before, xsEvent, now, []);
  return r.ok || r.error.code === 'loop_limit' ? r : undefined;
}

/** The user's part of the gate: role, assignment, approval, form. Undefined when the event may go. */
function userGate(
  p: CompiledPathway,
  before: LiveSnapshot,
  handlers: readonly Handler[],
  event: CaseEvent,
  actor: Actor,
  allowed: () => string[],
): Result<CaseStep, AdvanceError> | undefined {
  const byRole = handlers.filter((h) => h.roles.length === 0 || h.roles.includes(actor.role));
  if (byRole.length === 0)
    return {
      ok: false,
      error: {
        code: 'role_not_allowed',
        message: { id: `Peran ${roleName(actor.role).id} tidak boleh melakukan "${event.type}" pada langkah ini.`, en: `The ${roleName(actor.role).en} may not do "${event.type}" at this step.` },
        event: event.type,
        role: actor.role,
        allowed: allowed(),
      },
    };
  const scope = actor.steps;
  const assigned = scope ? byRole.filter((h) => scope.includes(h.source)) : byRole;
  if (assigned.length === 0)
    return {
      ok: false,
      error: {
        code: 'step_not_assigned',
        message: { id: 'Langkah ini tidak ditugaskan kepada Anda.', en: 'This step is not assigned to you.' },
        event: event.type,
        allowed: allowed(),
        steps: [...scope!],
      },
    };
  const context = before.context as CaseContext;
  const waiting = (h: Handler) => p.steps.get(h.source)?.requiresApproval === true && approvalOf(context, h.source) !== 'approved';
  const permitted = assigned.filter((h) => !waiting(h));
  if (permitted.length === 0) {
    const steps = [...new Set(assigned.map((h) => h.source))];
    const rejected = steps.some((s) => approvalOf(context, s) === 'rejected');
    return {
      ok: false,
      error: rejected
        ? {
            code: 'approval_rejected',
            message: { id: 'Kepala sekolah menolak langkah ini; langkah ini tidak dapat dilanjutkan tanpa persetujuan kepala sekolah.', en: 'The principal rejected this step; it cannot go on without the principal’s approval.' },
            event: event.type,
            allowed: allowed(),
            steps,
          }
        : {
            code: 'approval_required',
            message: { id: 'Kepala sekolah harus menyetujui langkah ini terlebih dahulu.', en: 'The principal must approve this step first.' },
            event: event.type,
            allowed: allowed(),
            steps,
          },
    };
  }
  const sources = [...new Set(permitted.map((h) => h.source))];
  const forms = sources.map((source) => p.steps.get(source)?.form ?? []);
  const fields = [
    ...sources.flatMap((source, i) =>
      validateForm(forms[i]!, event.data, context.forms?.[source] as Record<string, unknown> | undefined, { requireAll: true }),
    ),
    ...undeclaredFields(forms.flat(), event.data),
  ];
  if (fields.length > 0)
    return {
      ok: false,
      error: {
        code: 'form_invalid',
        message: { id: 'Isian formulir belum lengkap atau tidak sesuai.', en: 'The form is incomplete or invalid.' },
        event: event.type,
        allowed: allowed(),
        fields,
      },
    };
  return undefined;
}

/**
 * Data keys no form of the step declares: refused, so a case records only
 * what its pathway asks for (and erasure knows every field it must clear).
 */
function undeclaredFields(fields: readonly FormField[], data: Record<string, unknown> | undefined): FieldError[] {
  if (!data) return [];
  const declared = new Set(fields.map((f) => f.name));
  return Object.keys(data)
    .filter((key) => !declared.has(key))
    .map((key) => ({ field: key, message: { id: `"${key}" bukan isian formulir langkah ini.`, en: `"${key}" is not a field of this step's form.` } }));
}

/** Runs the event through the machine within the microstep bound, and turns the result into a step. */
function transitionBy(p: CompiledPathway, before: LiveSnapshot, xsEvent: EngineEvent, now: Date, handlers: readonly Handler[]): Result<CaseStep, AdvanceError> {
  let next: LiveSnapshot;
  let actions: ExecutableAction[];
  try {
    [next, actions] = bounded(() => pureTransition<LiveSnapshot>(p.machine, before, xsEvent));
  } catch (error) {
    if (error instanceof LoopLimitError) return loopRefusal(xsEvent.type);
    throw error instanceof Error && /Guard '/.test(error.message) ? new PathwayRunError(error) : error;
  }
  if (next === before)
    return refuse(
      'guard_failed',
      { id: `Syarat untuk "${xsEvent.type}" belum terpenuhi.`, en: `The conditions for "${xsEvent.type}" are not met yet.` },
      xsEvent.type,
      availableEvents(p, before as unknown as CaseSnapshot, xsEvent.actor ? { role: xsEvent.actor.role } : {}).map((e) => e.type),
    );
  const activePaths = before._nodes.map(pathOf);
  const effects = effectsOf(p, before, next, actions, now, reenteredBy(handlers, before.context, xsEvent, activePaths));
  return { ok: true, value: { snapshot: persist(next), effects, active: leaves(p, next), status: next.status === 'done' ? 'done' : 'active' } };
}

function reserved(type: string, allowed: string[]): Result<CaseStep, AdvanceError> {
  return refuse(
    'reserved_event',
    isEngineEvent(type)
      ? { id: `"${type}" adalah peristiwa internal mesin; hanya penjadwal yang boleh mengirimnya.`, en: `"${type}" is an engine-internal event; only the scheduler may send it.` }
      : { id: `"${type}" dicatat melalui fiturnya sendiri (persetujuan, persetujuan orang tua, faktor risiko, intervensi), bukan sebagai tindakan langkah.`, en: `"${type}" is recorded through its own feature (approval, parental consent, risk factors, interventions), not as a step action.` },
    type,
    allowed,
  );
}

function loopRefusal(type: string): Result<CaseStep, AdvanceError> {
  return {
    ok: false,
    error: {
      code: 'loop_limit',
      message: {
        id: `Jalur ini berputar tanpa henti setelah "${type}" (lebih dari ${MAX_MICROSTEPS} perpindahan otomatis). Perbaiki transisi otomatis (always) yang saling menunjuk.`,
        en: `This pathway loops after "${type}" (more than ${MAX_MICROSTEPS} automatic transitions). Fix the always transitions that point at each other.`,
      },
      event: type,
      allowed: [],
      microsteps: MAX_MICROSTEPS,
    },
  };
}
