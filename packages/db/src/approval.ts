/**
 * The kepsek's approval on a task that `requiresApproval`, the same on every
 * driver: `approved`/`rejected` decide a pending request; `pending` asks
 * again after a rejection (the guru BK revised the plan). Each change is one
 * audit row; the case event that mirrors it is the caller's.
 */
import type { TaskRow } from './rows.ts';
import { fail, ok, type DbResult } from './result.ts';

/** A decision by the kepsek, or `pending`: asked again after a rejection. */
export type ApprovalChange = 'approved' | 'rejected' | 'pending';

export interface ApprovalInput {
  decision: ApprovalChange;
  /** The kepsek's reason (a rejection needs one), or the note that comes with a new request. */
  reason?: string | null;
  /** Who decided, or who asked again. */
  decidedBy: string;
}

type ApprovalPatch = Pick<TaskRow, 'approval' | 'approvalReason' | 'decidedBy' | 'decidedAt'>;

/** What `input` writes on `row` and the audit action naming it, or why it may not happen. */
export function approvalPatch(row: TaskRow, input: ApprovalInput, now: Date): DbResult<{ patch: ApprovalPatch; action: string }> {
  if (!row.requiresApproval) return fail('invalid', 'Tugas ini tidak memerlukan persetujuan / task needs no approval');
  if (row.status !== 'open') return fail('invalid', 'Tugas sudah selesai / the task is no longer open');
  if (input.decision === 'pending') {
    if (row.approval !== 'rejected') return fail('invalid', 'Hanya persetujuan yang ditolak yang dapat diajukan ulang / only a rejected approval can be requested again');
    return ok({ patch: { approval: 'pending', approvalReason: null, decidedBy: null, decidedAt: null }, action: 'task.approval_requested' });
  }
  if (row.approval !== 'pending') return fail('invalid', 'Keputusan sudah diambil / already decided');
  return ok({ patch: { approval: input.decision, approvalReason: input.reason ?? null, decidedBy: input.decidedBy, decidedAt: now }, action: `task.${input.decision}` });
}
