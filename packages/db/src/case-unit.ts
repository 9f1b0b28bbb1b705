/**
 * Types of the case unit of work: one transaction that loads a case, lets the
 * engine (through a pure callback) compute the next snapshot, and persists the
 * snapshot, the event and every effect together — or nothing at all.
 */
import type { Effect } from '@jalur/engine';
import type { DbError, StoredResponse } from './result.ts';
import type { CaseEventRow, CaseRow, ConsentRow, PathwayVersionRow, StudentRow, TaskRow, TimerRow } from './rows.ts';
import type { ApprovalInput } from './approval.ts';
import type { DisbursementInput, FundEntryRow } from './funds-repo.ts';

/** What the engine decided: the next snapshot and the effects to persist. */
export interface CaseTransition {
  /** XState persisted snapshot (plain JSON). */
  snapshot: unknown;
  /** Active leaf state paths (`stateValueOf(snapshot)`). */
  stateValue: readonly string[];
  /** `done` closes the case. */
  status: 'active' | 'done';
  /** Effects from `startCase`/`advanceCase`, persisted in the same transaction. */
  effects: readonly Effect[];
  /** How the case ended when this transition closes it (e.g. `resolved`), as the case service decided. */
  outcome?: string | null;
  /** The case's whole set of risk factors when this transition changed it (the guru BK added or removed one): the row and its per-factor rows follow. */
  riskFactors?: readonly string[];
}

/** The callback's answer: a transition, or an error value (e.g. `event_not_allowed`). */
export type ApplyResult = { ok: true; value: CaseTransition } | { ok: false; error: DbError };

/** An audit row to write in the same transaction as the change. */
export interface AuditInput {
  action: string;
  subject?: string | null;
  details?: Record<string, unknown> | null;
  /** Defaults to the change's actor. */
  actorId?: string | null;
  /** The role the actor acted in; defaults to the running request's acting role (`actingRole`). */
  actorRole?: string | null;
}

/**
 * Guards a write with an Idempotency-Key: the first answer is stored in the
 * same transaction; a retry gets `idempotency_replay` with that answer.
 */
export interface IdempotencyRequest<T> {
  userId: string;
  key: string;
  /** e.g. `POST /api/cases/:id/events`. */
  route: string;
  /** Hash of the request (method, path, body): a different request with the same key → `idempotency_mismatch`. */
  requestHash: string;
  /** Builds the HTTP answer to store, from the committed value (runs inside the transaction; must be pure). */
  respond: (value: T) => StoredResponse;
}

/** The event recorded in `case_events`. */
export interface RecordedEvent {
  type: string;
  data?: Record<string, unknown> | null;
}

/**
 * Rows an advance writes in its own transaction, before `apply` runs, so a
 * record and the case context that mirrors it land together or not at all
 * (NEEDS-FROM-CASEWORK #2). A failed write (`not_found`, `invalid`) fails
 * the advance.
 */
export interface CaseSideWrites {
  /** A parent/guardian consent on this case (as `consents.add`). */
  consent?: { purpose: ConsentRow['purpose']; givenBy: string; relationship?: string | null; method: string; granted: boolean; givenAt: Date; recordedBy: string };
  /** The kepsek's decision on a task of this case that `requiresApproval`, or a request again after a rejection (as `tasks.decide`, audited). */
  decision?: { taskId: string } & ApprovalInput;
  /** Money out of a fund of the ledger for this case (issue 15): refused with `insufficient_funds` when the balance is short (see `funds-repo.ts`). */
  disbursement?: DisbursementInput;
}

/** What the side writes stored: handed to `apply` and returned with the change. */
export interface SideWritten {
  consent?: ConsentRow;
  /** `consents.has(purpose)` right after the consent was written. */
  consentGranted?: boolean;
  /** The decided task. */
  task?: TaskRow;
  /** The ledger row of the disbursement. */
  disbursement?: FundEntryRow;
}

/** A committed change: the case after it and the event row it appended. */
export interface CaseChange {
  case: CaseRow;
  event: CaseEventRow;
  /** Rows written by `records` (advance only). */
  written?: SideWritten;
}

export interface CreateCaseInput {
  schoolId: string;
  studentId: string;
  /** The published version the case pins. */
  pathwayVersionId: string;
  assigneeId?: string | null;
  riskFactors?: readonly string[];
  indicatorsAtOpen?: Record<string, unknown> | null;
  /** Who opens it (null for the system). */
  actorId: string | null;
  now: Date;
  /** Recorded as the first event (seq 1); defaults to `{ type: 'case.opened' }`. */
  event?: RecordedEvent;
  /**
   * Pure, synchronous: call the engine's `startCase` here. Runs inside the
   * transaction; an error value (or a throw) rolls everything back.
   */
  start: (ctx: { caseId: string; pathwayVersion: PathwayVersionRow; student: StudentRow }) => ApplyResult;
  idempotency?: IdempotencyRequest<CaseChange>;
  audit?: readonly AuditInput[];
}

export interface AdvanceCaseInput {
  schoolId: string;
  caseId: string;
  /** The version the caller saw; stale → `version_conflict` with `current`. Omit only for system events. */
  expectedVersion?: number;
  /** Null for timers and system events. */
  actorId: string | null;
  now: Date;
  /** The event as recorded in `case_events`. */
  event: RecordedEvent;
  /**
   * Pure, synchronous: call the engine's `advanceCase` here with
   * `caseRow.snapshot`. Runs inside the transaction (BEGIN IMMEDIATE), so the
   * row it sees is the row that will be updated. `written`: what `records` stored.
   */
  apply: (caseRow: CaseRow, pathwayVersion: PathwayVersionRow, written: SideWritten) => ApplyResult;
  /** Records written in the same transaction, before `apply`. */
  records?: CaseSideWrites;
  idempotency?: IdempotencyRequest<CaseChange>;
  audit?: readonly AuditInput[];
}

/**
 * Moves a running case onto another published version of its school (issue 7:
 * "versions while cases run"): one transaction, like an advance.
 */
export interface MigrateCaseInput {
  schoolId: string;
  caseId: string;
  expectedVersion: number;
  /** The version to move to (same school). */
  toPathwayVersionId: string;
  actorId: string | null;
  now: Date;
  /** Recorded in `case_events`, e.g. `{ type: 'case.migrated', data: { from, to, stateMap } }`. */
  event: RecordedEvent;
  /**
   * Pure, synchronous: the snapshot on the new version and the effects of
   * the move (`timer.cancel` of old timers, `timer.schedule` of re-armed
   * ones, `task.close`/`task.open`).
   */
  apply: (caseRow: CaseRow, from: PathwayVersionRow, to: PathwayVersionRow) => ApplyResult;
  idempotency?: IdempotencyRequest<CaseChange>;
  audit?: readonly AuditInput[];
}

export interface FireTimerInput {
  /** A timer returned by `timers.claimDue` to this claimer. */
  timer: TimerRow;
  claimer: string;
  now: Date;
  /** As for `advance`: send `{ type: timer.event }` to `advanceCase`. */
  apply: (caseRow: CaseRow, pathwayVersion: PathwayVersionRow) => ApplyResult;
}

/** A fired timer advanced its case; a timer whose case moved on is cancelled instead. */
export type FireTimerOutcome = { fired: true; change: CaseChange } | { fired: false; reason: 'not_pending' | 'not_claimed' | 'case_closed' | 'refused'; error?: DbError };
