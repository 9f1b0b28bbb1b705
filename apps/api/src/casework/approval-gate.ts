/**
 * The approval gate for steps with `requiresApproval` (funding, referral):
 * a user event declared by such a step is refused until the kepsek has
 * approved that step's task. For the case-event route to call before it
 * advances (see the case-work report): it reads, never writes.
 */
import type { CaseRow, JalurDb } from '@jalur/db';
import { availableEvents, type CaseSnapshot, type CompiledPathway } from '@jalur/engine';
import { failWith } from './http.ts';

/** The steps whose approval `eventType` still waits for (empty: it may go). */
export async function pendingApprovals(db: JalurDb, row: CaseRow, compiled: CompiledPathway, eventType: string): Promise<string[]> {
  if (eventType.startsWith('xstate.after.')) return [];
  const declaring = new Set(availableEvents(compiled, row.snapshot as CaseSnapshot, {}).filter((e) => e.type === eventType).map((e) => e.stateId));
  if (declaring.size === 0) return [];
  const tasks = await db.tasks.list(row.schoolId, { caseId: row.id, status: 'open' });
  return tasks.filter((t) => t.requiresApproval && declaring.has(t.stateId) && t.approval !== 'approved').map((t) => t.stateId);
}

/** Throws `422 approval_required` when `eventType` waits for the kepsek's approval. */
export async function assertApproved(db: JalurDb, row: CaseRow, compiled: CompiledPathway, eventType: string): Promise<void> {
  const waiting = await pendingApprovals(db, row, compiled, eventType);
  if (waiting.length > 0)
    throw failWith(422, 'approval_required', { id: 'Langkah ini menunggu persetujuan kepala sekolah.', en: 'This step is waiting for the principal’s approval.' }, { steps: waiting });
}
