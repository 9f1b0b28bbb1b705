/**
 * Case-work events: facts the case service records together with their own
 * rows — a parent's consent, the kepsek's decision on a step that needs
 * approval, the guru BK asking again after a rejection — and that the case
 * context mirrors so guards and the approval gate can read them. They run
 * through the compiled machine like any other event (a targetless root
 * transition with an `assign`), so replaying a case's events through
 * `advanceCase` alone rebuilds its snapshot.
 *
 * No user sends them through the pathway's event route: `advanceCase`
 * accepts them only with `source: 'casework'`, from the roles below.
 */
import { assign } from 'xstate';
import type { Actor, CaseContext, EventSource } from './contract.ts';
import type { Role } from './document.ts';
import type { EngineEvent } from './guards.ts';

export type ApprovalState = 'pending' | 'approved' | 'rejected';

/** The case-work event types and the roles that may record each. */
export const CASEWORK_EVENTS = {
  'consent.recorded': ['guru_bk', 'kepsek', 'wali_kelas'],
  'approval.decided': ['kepsek'],
  'approval.requested': ['guru_bk'],
  /** The guru BK adds a risk factor to the case's set, or takes one out (with a reason). */
  'riskFactor.added': ['guru_bk'],
  'riskFactor.removed': ['guru_bk'],
  /** The guru BK skips the current step: the case moves on along the step's way forward without its data. */
  'intervention.skipped': ['guru_bk'],
  /** The guru BK adds an intervention the pathway did not plan, and later marks it done. */
  'intervention.added': ['guru_bk'],
  'intervention.completed': ['guru_bk'],
} as const satisfies Record<string, readonly Role[]>;

export type CaseworkEventType = keyof typeof CASEWORK_EVENTS;

export const isCaseworkEvent = (type: string): type is CaseworkEventType => Object.hasOwn(CASEWORK_EVENTS, type);

/** Event types that belong to the engine itself (timers, done events): only the scheduler sends them. */
export const isEngineEvent = (type: string): boolean => type.startsWith('xstate.');

/** Every type no pathway may declare and no user may send: engine-internal, case-work and `case.*` bookkeeping. */
export const isReservedEvent = (type: string): boolean => isEngineEvent(type) || isCaseworkEvent(type) || type.startsWith('case.') || type.startsWith('jalur.');

/** Where a recorded event came from, by its type: how a replay sends it again. */
export function sourceOf(type: string): EventSource {
  return isEngineEvent(type) ? 'scheduler' : isCaseworkEvent(type) ? 'casework' : 'user';
}

/** May this actor record this case-work event? */
export const mayRecord = (type: CaseworkEventType, actor: Actor | undefined): boolean =>
  actor !== undefined && (CASEWORK_EVENTS[type] as readonly Role[]).includes(actor.role);

type Assigner = (args: { context: CaseContext; event: EngineEvent }, params: { step: string }) => Partial<CaseContext>;

const approvalsOf = (context: CaseContext) => (context.approvals ?? {}) as Record<string, ApprovalState>;

const setConsent: Assigner = ({ context, event }) => {
  const d = event.data ?? {};
  return typeof d.purpose === 'string' ? { consent: { ...context.consent, [d.purpose]: d.granted === true } } : {};
};

const setApproval: Assigner = ({ context, event }) => {
  const d = event.data ?? {};
  if (typeof d.stateId !== 'string') return {};
  const state: ApprovalState = event.type === 'approval.requested' ? 'pending' : d.decision === 'approved' ? 'approved' : 'rejected';
  return { approvals: { ...approvalsOf(context), [d.stateId]: state } };
};

/** Entering a step that needs approval starts without one (a step entered again asks again). */
const resetApproval: Assigner = ({ context }, { step }) => {
  const approvals = approvalsOf(context);
  if (!Object.hasOwn(approvals, step)) return {};
  const { [step]: _dropped, ...rest } = approvals;
  return { approvals: rest };
};

/** An intervention added during the case (not planned by the pathway), as the context keeps it. */
export interface AddedIntervention {
  id: string;
  kind: string;
  status: 'open' | 'done';
}

const setRiskFactors: Assigner = ({ context, event }) => {
  const factor = event.data?.factor;
  if (typeof factor !== 'string') return {};
  const current = (context.riskFactors ?? []) as string[];
  const next = event.type === 'riskFactor.added' ? (current.includes(factor) ? current : [...current, factor]) : current.filter((f) => f !== factor);
  return { riskFactors: next as CaseContext['riskFactors'] };
};

const setInterventions: Assigner = ({ context, event }) => {
  const d = event.data ?? {};
  if (typeof d.interventionId !== 'string') return {};
  const list = addedInterventions(context);
  if (event.type === 'intervention.added')
    return typeof d.kind === 'string' ? { interventions: [...list, { id: d.interventionId, kind: d.kind, status: 'open' }] } : {};
  return { interventions: list.map((i) => (i.id === d.interventionId ? { ...i, status: 'done' } : i)) };
};

/** The interventions added during a case, in the order they were added. */
export const addedInterventions = (context: CaseContext): AddedIntervention[] => (Array.isArray(context.interventions) ? (context.interventions as AddedIntervention[]) : []);

export const CASEWORK_ACTIONS = {
  'jalur.consent': assign(setConsent as never),
  'jalur.approval': assign(setApproval as never),
  'jalur.approval.reset': assign(resetApproval as never),
  'jalur.riskFactors': assign(setRiskFactors as never),
  'jalur.interventions': assign(setInterventions as never),
};

/**
 * The root transitions that apply case-work events to the context.
 * (`intervention.skipped` has none: the engine sends the skipped step's own
 * event for it, see `interventions.ts`.)
 */
export const caseworkHandlers = {
  'consent.recorded': { actions: 'jalur.consent' },
  'approval.decided': { actions: 'jalur.approval' },
  'approval.requested': { actions: 'jalur.approval' },
  'riskFactor.added': { actions: 'jalur.riskFactors' },
  'riskFactor.removed': { actions: 'jalur.riskFactors' },
  'intervention.added': { actions: 'jalur.interventions' },
  'intervention.completed': { actions: 'jalur.interventions' },
};

/** The approval state of a step in a case's context. */
export const approvalOf = (context: CaseContext, step: string): ApprovalState | undefined => approvalsOf(context)[step];

const ROLE_NAMES: Record<Role, { id: string; en: string }> = {
  kepsek: { id: 'kepala sekolah', en: 'principal' },
  guru_bk: { id: 'guru BK', en: 'school counsellor' },
  wali_kelas: { id: 'wali kelas', en: 'homeroom teacher' },
  admin_dinas: { id: 'admin dinas pendidikan', en: 'education office admin' },
  tim: { id: 'anggota Satgas SRPS', en: 'SRPS task-force member' },
};

/** A role as users say it, in both languages (never the code). */
export const roleName = (role: Role): { id: string; en: string } => ROLE_NAMES[role];
