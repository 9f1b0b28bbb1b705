/**
 * Types shared by the engine's functions and its callers (the API, the
 * editor's simulator, the templates' tests). The engine is pure: everything
 * that must happen in the world comes back as an {@link Effect}.
 */
import type { Localized, RiskFactor, Role } from './document.ts';

/** Who sends an event. `role` decides which steps' events they may send. */
export interface Actor {
  id: string;
  role: Role;
  /**
   * The steps (state paths) this actor is confined to on this case — a Satgas
   * member assigned single steps; omitted when they may act on every step
   * their role allows.
   */
  steps?: readonly string[];
}

/**
 * The data a case carries in its XState context. Guards read dotted paths of
 * it (`form.attendanceRate`, `riskFactors`, `consent.referral`, `student.*`).
 */
export interface CaseContext {
  caseId?: string;
  riskFactors: RiskFactor[];
  /** Every form value recorded so far, merged, latest wins. */
  form: Record<string, unknown>;
  /** Form values per step id, as recorded when the step's event was sent. */
  forms: Record<string, Record<string, unknown>>;
  /** Consents recorded for this case, by purpose (`referral`, `data_sharing`). */
  consent: Record<string, boolean>;
  /** Facts about the student the guards may test (attendanceRate, gradeAverage, …). */
  student: Record<string, unknown>;
  [key: string]: unknown;
}

export interface StartCaseInput {
  caseId?: string;
  riskFactors?: RiskFactor[];
  student?: Record<string, unknown>;
  form?: Record<string, unknown>;
  consent?: Record<string, boolean>;
}

/** A user's or a timer's event, as the API receives it. */
export interface CaseEvent {
  type: string;
  data?: Record<string, unknown>;
}

/**
 * Where an event comes from. `user`: a person through the API — only the
 * pathway's own events. `scheduler`: a due timer (`xstate.after.*`), no
 * actor. `casework`: a case-work record the case service writes together
 * with its row (consent, approval), from the role that may write it.
 */
export type EventSource = 'user' | 'scheduler' | 'casework';

export interface AdvanceOptions {
  /** The moment the event happens: timers and due dates count from it. */
  now: Date;
  /** Who sends it; omitted for timers. */
  actor?: Actor;
  /** Defaults to `user` with an actor, `scheduler` without. */
  source?: EventSource;
}

/** Effects: data for the caller to persist, never done by the engine. */
export type Effect =
  | { type: 'timer.schedule'; timerId: string; event: string; stateId: string; delay: string; dueAt: string }
  | { type: 'timer.cancel'; timerId: string }
  | { type: 'task.open'; stateId: string; kind: string; title: Localized; roles: Role[]; dueAt: string | null; schoolDays: boolean; requiresApproval: boolean }
  | { type: 'task.close'; stateId: string }
  | { type: 'notify'; roles: Role[]; stateId: string; message: Localized }
  | { type: 'case.closed'; finalState: string };

/** Why an event was refused: an error value, never a silent no-op. */
export type AdvanceError =
  | { code: 'event_not_accepted'; message: Localized; event: string; allowed: string[] }
  | { code: 'role_not_allowed'; message: Localized; event: string; role: Role; allowed: string[] }
  | { code: 'guard_failed'; message: Localized; event: string; allowed: string[] }
  | { code: 'case_done'; message: Localized; event: string; allowed: string[] }
  | { code: 'form_invalid'; message: Localized; event: string; allowed: string[]; fields: FieldError[] }
  /** An engine-internal (`xstate.*`) or case-work event sent by a user, or a timer event with an actor. */
  | { code: 'reserved_event'; message: Localized; event: string; allowed: string[] }
  /** The step needs the kepsek's approval first (`rejected`: the kepsek said no). */
  | { code: 'approval_required' | 'approval_rejected'; message: Localized; event: string; allowed: string[]; steps: string[] }
  /** A Satgas member sent an event of a step not assigned to them. */
  | { code: 'step_not_assigned'; message: Localized; event: string; allowed: string[]; steps: string[] }
  /** Eventless (`always`) transitions kept firing past the engine's bound: the pathway loops. */
  | { code: 'loop_limit'; message: Localized; event: string; allowed: string[]; microsteps: number }
  /** A case-work record (risk factor, added or skipped intervention) whose data does not fit the case now. */
  | { code: 'casework_invalid'; message: Localized; event: string; allowed: string[]; fields: FieldError[] }
  /** The step cannot be skipped: it is not active, or it has no way forward without its data. */
  | { code: 'skip_not_possible'; message: Localized; event: string; allowed: string[]; steps: string[] }
  /** XState itself cannot run the pathway (a code guard kept by name on import, JALUR004). */
  | { code: 'pathway_error'; message: Localized; event: string; allowed: string[] };

/** A form value that does not fit the step's form definition. */
export interface FieldError {
  field: string;
  message: Localized;
}

export type Result<T, E> = { ok: true; value: T } | { ok: false; error: E };

export interface AvailableEvent {
  type: string;
  /** Button label from the transition's meta, or the event name. */
  label: Localized;
  /** The step (state id path, dot separated) whose transition this is. */
  stateId: string;
  /** Targets the event may lead to. */
  targets: string[];
  /** False when every transition for it is guarded and no guard passes yet. */
  enabled: boolean;
  /** True when a guard decides (the form or a consent may still change it). */
  guarded: boolean;
}

/** A lint diagnostic, pointing at a state (dot path) or a transition. */
export interface Diagnostic {
  code: `JALUR${string}`;
  severity: 'error' | 'warning';
  message: Localized;
  /** State path, dot separated, e.g. `intervensi.ekonomi.kunjungan`. */
  state?: string;
  /** Transition: source state, event (or `after:P7D`, `always`), index in the list. */
  transition?: { source: string; event: string; index: number };
}

/** A parse error with its JSON path, in words a school leader understands. */
export interface DocumentIssue {
  path: (string | number)[];
  message: Localized;
}
