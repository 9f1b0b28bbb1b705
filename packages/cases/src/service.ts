/**
 * The case service: the one place a case changes. Every change is
 *
 *   load → engine (`startCase` / `advanceCase`, the only gate) → persist in
 *   one transaction (snapshot, event, effects, side rows, idempotency record)
 *   → `{ case, event, version }`.
 *
 * Routes validate their input, check what the caller may see, call one
 * method here, and build their view from the answer. Nothing here knows HTTP.
 * The unit of work runs the service's pure step inside its transaction (the
 * step must not await), so a refusal or a throw rolls everything back.
 */
import type {
  ApplyResult, AuditInput, CaseChange, CaseEventRow, CaseRow, CaseSideWrites, ConsentRow, DbError, DbResult, FireTimerOutcome,
  JalurDb, PathwayVersionRow, StudentRow, TaskRow, TimerRow,
} from '@jalur/db';
import {
  startCase, LoopLimitError, PathwayRunError,
  type Actor, type CaseEvent, type CaseworkEventType, type EventSource, type RiskFactor, type StartCaseInput,
} from '@jalur/engine';
import { CompiledPathways, type CompiledVersion } from './compiled.ts';
import { advanceWith, openingEvent, refusal, transitionOf } from './transition.ts';
import { applyMigration, type ApplyContext, type ApplyOutcome } from './migration/apply.ts';
import type { CasePlan } from './migration/plan.ts';
import { caseworkAdvance, caseworkEvent, chooseSkipWay, type CaseworkChange } from './interventions/record.ts';
import { RegisterGate } from './registers/partner-checks.ts';
import { FundGate } from './registers/fund-effects.ts';

/** An Idempotency-Key on a write: a retry with the same key and request gets the first answer again. */
export interface IdempotencyKey {
  userId: string;
  key: string;
  /** e.g. `POST /api/cases/:id/events`. */
  route: string;
  /** Hash of the request (method, path, body): the same key for another request is refused. */
  requestHash: string;
}

/** A committed change: the case after it, the event it appended, and the compiled version it runs on. */
export interface CaseOutcome {
  case: CaseRow;
  event: CaseEventRow | null;
  version: CompiledVersion;
  /** True when this is the stored answer to an earlier request with the same Idempotency-Key. */
  replayed: boolean;
}

export type ServiceResult<T> = { ok: true; value: T } | { ok: false; error: DbError };

export interface OpenCaseInput {
  schoolId: string;
  student: StudentRow;
  /** The published version the case pins. */
  pathwayVersion: PathwayVersionRow;
  assigneeId: string | null;
  riskFactors: RiskFactor[];
  /** Facts about the student the guards may read (class, gender, attendance…). */
  studentFacts: Record<string, unknown>;
  actor: Actor;
  now: Date;
  /** Kept on the opening event beside the start input (e.g. `{ fromFlag }`). */
  openingData?: Record<string, unknown>;
  indicatorsAtOpen?: Record<string, unknown> | null;
  audit?: readonly AuditInput[];
  idempotency?: IdempotencyKey;
}

export interface AdvanceInput {
  schoolId: string;
  caseId: string;
  expectedVersion: number;
  event: CaseEvent;
  /** The sender; a Satgas member's assigned steps are looked up here. */
  actor: Actor;
  now: Date;
  idempotency?: IdempotencyKey;
}

export interface ConsentInput {
  schoolId: string;
  caseId: string;
  consent: NonNullable<CaseSideWrites['consent']>;
  actor: Actor;
  now: Date;
}

export interface ApprovalInput {
  schoolId: string;
  task: TaskRow;
  /** The kepsek's decision, or `pending`: the guru BK asks again after a rejection. */
  decision: 'approved' | 'rejected' | 'pending';
  /** The kepsek's reason, or the guru BK's note with a new request. */
  reason: string | null;
  actor: Actor;
  now: Date;
}

/** The stored answer of an idempotent case write: the committed case row, serialised. */
type StoredCase = Omit<CaseRow, 'openedAt' | 'updatedAt' | 'closedAt'> & { openedAt: string; updatedAt: string; closedAt: string | null };

const storeCase = (row: CaseRow): StoredCase => ({
  ...row, openedAt: row.openedAt.toISOString(), updatedAt: row.updatedAt.toISOString(), closedAt: row.closedAt?.toISOString() ?? null,
});
const loadStoredCase = (s: StoredCase): CaseRow => ({
  ...s, openedAt: new Date(s.openedAt), updatedAt: new Date(s.updatedAt), closedAt: s.closedAt === null ? null : new Date(s.closedAt),
});

export class CaseService {
  readonly pathways: CompiledPathways;

  constructor(private readonly db: JalurDb, pathways?: CompiledPathways) {
    this.pathways = pathways ?? new CompiledPathways(db);
  }

  /** The compiled version a case runs on. */
  async versionOf(row: CaseRow): Promise<CompiledVersion> {
    const v = await this.pathways.byId(row.pathwayVersionId);
    if (!v) throw new Error(`case ${row.id} pins unknown pathway version ${row.pathwayVersionId}`);
    return v;
  }

  /**
   * The steps a Satgas (`tim`) member assigned single steps of a case may act
   * on and see: those whose task assigned to them is still open (their access
   * ends with their last step); undefined when they work the whole case (its
   * assignee) or are not `tim`.
   */
  async assignedSteps(actor: Actor, row: CaseRow): Promise<string[] | undefined> {
    if (actor.role !== 'tim' || row.assigneeId === actor.id) return undefined;
    const tasks = await this.db.tasks.list(row.schoolId, { caseId: row.id, assigneeId: actor.id, status: 'open' });
    return tasks.map((t) => t.stateId);
  }

  /** Opens a case on a published version: `startCase`, then the case row, its opening event and effects. */
  async open(input: OpenCaseInput): Promise<ServiceResult<CaseOutcome>> {
    const version = this.pathways.of(input.pathwayVersion);
    const startInput: StartCaseInput = { riskFactors: input.riskFactors, student: input.studentFacts };
    const created = await this.db.cases.create({
      schoolId: input.schoolId, studentId: input.student.id, pathwayVersionId: input.pathwayVersion.id, assigneeId: input.assigneeId,
      riskFactors: input.riskFactors, actorId: input.actor.id, now: input.now,
      ...(input.indicatorsAtOpen !== undefined ? { indicatorsAtOpen: input.indicatorsAtOpen } : {}),
      // The start input rides on the first event, so the events alone replay to the snapshot.
      event: openingEvent(startInput, input.openingData),
      start: ({ caseId }) => startStep(version, { ...startInput, caseId }, input.now, input.actor),
      ...(input.idempotency ? { idempotency: keyed(input.idempotency, 201) } : {}),
      ...(input.audit ? { audit: input.audit } : {}),
    });
    return this.#outcome(created);
  }

  /** A user's event on a case: the engine decides (role, assignment, approval, form, guard), the unit of work persists. */
  async advance(input: AdvanceInput): Promise<ServiceResult<CaseOutcome>> {
    let actor = input.actor;
    if (actor.role === 'tim') {
      // The assignment is a fact outside the case row: read it first; the advance pins the version it was read at.
      const current = await this.db.cases.get(input.schoolId, input.caseId);
      const steps = current && current.version === input.expectedVersion ? await this.assignedSteps(actor, current) : undefined;
      if (steps) actor = { ...actor, steps };
    }
    // A pick from the school's registers (partner, peer counsellor) is checked after the engine accepts the event: see registers/partner-checks.ts.
    const registers = new RegisterGate(this.pathways, input.event);
    // Money out of a fund the step picks goes with the event, in its transaction (or nothing does): see registers/fund-effects.ts.
    const funding = new FundGate(this.pathways, input.event, actor.id, input.now);
    const attempt = () => this.db.cases.advance({
      schoolId: input.schoolId, caseId: input.caseId, expectedVersion: input.expectedVersion, actorId: actor.id, now: input.now, event: input.event,
      ...funding.sideWrites(),
      apply: (row, pv) => {
        const stepped = this.#step(row, pv, input.event, { now: input.now, actor, source: 'user' });
        return stepped.ok ? (funding.gate(row, pv) ?? registers.gate(row, pv) ?? stepped) : stepped;
      },
      ...(input.idempotency ? { idempotency: keyed(input.idempotency, 200) } : {}),
    });
    let changed = await attempt();
    if (!changed.ok && FundGate.isPending(changed.error)) changed = await attempt();
    if (!changed.ok && RegisterGate.isPending(changed.error)) {
      await registers.load(this.db, input.schoolId);
      changed = await attempt();
    }
    if (!changed.ok && changed.error.code === 'event_not_allowed') return { ok: false, error: await this.#explained(input.schoolId, input.caseId, changed.error) };
    return this.#outcome(changed);
  }

  /** A parent's consent: the consent row and the case context the guards read, in one transaction. */
  async recordConsent(input: ConsentInput): Promise<ServiceResult<CaseOutcome & { consent: ConsentRow }>> {
    const event = { type: 'consent.recorded', data: { purpose: input.consent.purpose, granted: input.consent.granted } };
    const changed = await this.db.cases.advance({
      schoolId: input.schoolId, caseId: input.caseId, actorId: input.actor.id, now: input.now, event,
      records: { consent: input.consent },
      apply: (row, pv) => this.#step(row, pv, event, { now: input.now, actor: input.actor, source: 'casework' }),
    });
    const out = await this.#outcome(changed);
    return out.ok && changed.ok ? { ok: true, value: { ...out.value, consent: changed.value.written!.consent! } } : (out as ServiceResult<never>);
  }

  /** The kepsek's decision on a step that needs approval, or the guru BK asking again: the task row and the case context together. */
  async changeApproval(input: ApprovalInput): Promise<ServiceResult<CaseOutcome & { task: TaskRow }>> {
    const { task } = input;
    const type: CaseworkEventType = input.decision === 'pending' ? 'approval.requested' : 'approval.decided';
    const event = input.decision === 'pending'
      ? { type, data: { stateId: task.stateId, taskId: task.id, note: input.reason } }
      : { type, data: { stateId: task.stateId, taskId: task.id, decision: input.decision, reason: input.reason } };
    const changed = await this.db.cases.advance({
      schoolId: input.schoolId, caseId: task.caseId, actorId: input.actor.id, now: input.now, event,
      records: { decision: { taskId: task.id, decision: input.decision, reason: input.reason, decidedBy: input.actor.id } },
      apply: (row, pv) => this.#step(row, pv, event, { now: input.now, actor: input.actor, source: 'casework' }),
    });
    const out = await this.#outcome(changed);
    return out.ok && changed.ok ? { ok: true, value: { ...out.value, task: changed.value.written!.task! } } : (out as ServiceResult<never>);
  }

  /**
   * The guru BK's case work (`src/interventions`): a risk factor added or
   * removed, a step skipped, an intervention added or done — each with a
   * reason, through the engine's gate, in one transaction.
   */
  async recordCasework(input: CaseworkChange): Promise<ServiceResult<CaseOutcome>> {
    let event = caseworkEvent(input);
    if (input.change === 'intervention.skipped' && !input.event) {
      // The way forward is named in the record (the events alone replay), chosen on the version the guru BK saw.
      const row = await this.db.cases.get(input.schoolId, input.caseId);
      if (row && row.version === input.expectedVersion) {
        const way = chooseSkipWay((await this.versionOf(row)).compiled, row, input.stateId, input.actor);
        if (way) event = { ...event, data: { ...event.data, event: way } };
      }
    }
    const status = input.change === 'intervention.added' ? 201 : 200;
    const changed = await this.db.cases.advance({
      ...caseworkAdvance(this.pathways, input, event), ...(input.idempotency ? { idempotency: keyed(input.idempotency, status) } : {}),
    });
    if (!changed.ok && changed.error.code === 'event_not_allowed') return { ok: false, error: await this.#explained(input.schoolId, input.caseId, changed.error) };
    return this.#outcome(changed);
  }

  /** Fires a due timer claimed by `claimer`: the scheduler's event, no actor. */
  async fireTimer(timer: TimerRow, claimer: string, now: Date): Promise<DbResult<FireTimerOutcome>> {
    return this.db.cases.fireTimer({ timer, claimer, now, apply: (row, pv) => this.#step(row, pv, { type: timer.event }, { now, source: 'scheduler' }) });
  }

  /** Moves planned cases onto another published version, each in its own transaction (see `src/migration`). */
  migrate(plans: readonly CasePlan[], context: ApplyContext): Promise<ApplyOutcome[]> {
    return applyMigration(this.db, plans, context);
  }

  /** The engine's step on a loaded case, as the unit of work's transition or refusal (pure, synchronous). */
  #step(row: CaseRow, pv: PathwayVersionRow, event: CaseEvent, options: { now: Date; actor?: Actor; source: EventSource }): ApplyResult {
    return advanceWith(this.pathways, event, options)(row, pv);
  }

  /** A refusal's details, with the kepsek's reason when a rejected approval refused it. */
  async #explained(schoolId: string, caseId: string, error: DbError): Promise<DbError> {
    const details = error.details as { code?: string; steps?: string[] } | undefined;
    if (details?.code !== 'approval_rejected') return error;
    const tasks = await this.db.tasks.list(schoolId, { caseId, status: 'open' });
    const rejected = tasks.find((t) => t.approval === 'rejected' && details.steps?.includes(t.stateId));
    const why = rejected?.approvalReason ?? '—';
    const message = {
      id: `Kepala sekolah menolak langkah ini: ${why}. Langkah ini tidak dapat dilanjutkan tanpa persetujuan kepala sekolah.`,
      en: `The principal rejected this step: ${why}. It cannot go on without the principal’s approval.`,
    };
    return { ...error, details: { ...details, message, rejectionReason: rejected?.approvalReason ?? null } };
  }

  async #outcome(result: DbResult<CaseChange>): Promise<ServiceResult<CaseOutcome>> {
    if (!result.ok) {
      if (result.error.code !== 'idempotency_replay') return result;
      const row = loadStoredCase(result.error.response!.body as StoredCase);
      return { ok: true, value: { case: row, event: null, version: await this.versionOf(row), replayed: true } };
    }
    const row = result.value.case;
    return { ok: true, value: { case: row, event: result.value.event, version: await this.versionOf(row), replayed: false } };
  }
}

/** The unit of work's idempotency record: the committed case row is the stored answer. */
function keyed(key: IdempotencyKey, status: number) {
  return { ...key, respond: (change: CaseChange) => ({ status, body: storeCase(change.case) }) };
}

/** `startCase` as the transition a new case persists; a looping start is refused like an event. */
function startStep(version: CompiledVersion, input: StartCaseInput, now: Date, actor: Actor): ApplyResult {
  try {
    return { ok: true, value: transitionOf(startCase(version.compiled, input, { now, actor }), undefined, version.compiled) };
  } catch (error) {
    if (error instanceof PathwayRunError) return refusal({ code: 'pathway_error', message: error.detail, event: 'case.opened', allowed: [] });
    if (!(error instanceof LoopLimitError)) throw error;
    return refusal({ code: 'loop_limit', message: { id: 'Jalur ini berputar tanpa henti sejak langkah pertama.', en: 'This pathway loops from its first step.' }, event: 'case.opened', allowed: [], microsteps: 0 });
  }
}
