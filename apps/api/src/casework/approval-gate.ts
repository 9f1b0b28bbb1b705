/**
 * The approval gate for steps with `requiresApproval` (funding, referral):
 * a user event declared by such a step is refused until the kepsek has
 * approved that step's task. For the case-event route to call before it
 * advances (see the case-work report): it reads, never writes.
 */
import type { CaseRow, JalurDb, TaskRow } from '@jalur/db';
import { availableEvents, type CaseSnapshot, type CompiledPathway } from '@jalur/engine';
import { ApiError } from '../http/errors.ts';

const withApprovals = new WeakMap<CompiledPathway, boolean>();

/** True when some step of the pathway requires approval (cached: most pathways skip the gate at no cost). */
function hasApprovalSteps(compiled: CompiledPathway): boolean {
  let has = withApprovals.get(compiled);
  if (has === undefined) withApprovals.set(compiled, (has = [...compiled.steps.values()].some((m) => m.requiresApproval === true)));
  return has;
}

/** Open tasks of the steps declaring `eventType` that still wait for (or were refused) the kepsek's approval. */
async function blockingTasks(db: JalurDb, row: CaseRow, compiled: CompiledPathway, eventType: string): Promise<TaskRow[]> {
  if (eventType.startsWith('xstate.after.') || !hasApprovalSteps(compiled)) return [];
  const declaring = new Set(availableEvents(compiled, row.snapshot as CaseSnapshot, {}).filter((e) => e.type === eventType).map((e) => e.stateId));
  if (declaring.size === 0) return [];
  const tasks = await db.tasks.list(row.schoolId, { caseId: row.id, status: 'open' });
  return tasks.filter((t) => t.requiresApproval && declaring.has(t.stateId) && t.approval !== 'approved');
}

/** The steps whose approval `eventType` still waits for (empty: it may go). */
export async function pendingApprovals(db: JalurDb, row: CaseRow, compiled: CompiledPathway, eventType: string): Promise<string[]> {
  return (await blockingTasks(db, row, compiled, eventType)).map((t) => t.stateId);
}

/**
 * Throws `422 event_not_allowed` (reason `approval_required`, or
 * `approval_rejected` with the kepsek's reason) when `eventType` belongs to a
 * step that needs the kepsek's approval and does not have it. Call it with
 * the row at the request's `expectedVersion`: the advance then refuses any
 * other version, and an approval once given is never taken back.
 */
export async function assertApproved(db: JalurDb, row: CaseRow, compiled: CompiledPathway, eventType: string): Promise<void> {
  const blocking = await blockingTasks(db, row, compiled, eventType);
  if (blocking.length === 0) return;
  const rejected = blocking.find((t) => t.approval === 'rejected');
  const steps = blocking.map((t) => t.stateId);
  if (rejected) {
    const why = rejected.approvalReason ?? '—';
    throw new ApiError(422, 'event_not_allowed', 'event_not_allowed', { reason: 'approval_rejected', steps, rejectionReason: rejected.approvalReason }, {
      id: `Kepala sekolah menolak langkah ini: ${why}. Langkah ini tidak dapat dilanjutkan tanpa persetujuan kepala sekolah.`,
      en: `The principal rejected this step: ${why}. It cannot go on without the principal’s approval.`,
    });
  }
  throw new ApiError(422, 'event_not_allowed', 'event_not_allowed', { reason: 'approval_required', steps }, {
    id: 'Kepala sekolah harus menyetujui langkah ini terlebih dahulu.',
    en: 'The principal must approve this step first.',
  });
}
