/**
 * Driving demo cases through the case service as a school would: a user's
 * event as that user; a step that needs the kepsek's approval gets it from
 * the kepsek first (as the demo's kepsek approves every plan); a timer fires
 * from its own timer row, claimed like the scheduler claims it.
 */
import type { CaseRow, DbError, JalurDb, User } from '@jalur/db';
import type { CaseEvent } from '@jalur/engine';
import type { CaseService } from '../service.ts';

export type Driven = { ok: true; row: CaseRow } | { ok: false; error: DbError };

const CLAIMER = 'seed';

/** Sends a user's event; when the kepsek's approval is missing, the kepsek approves the step and the event is sent again. */
export async function sendAs(
  cases: CaseService, db: JalurDb, row: CaseRow, event: CaseEvent, user: User, kepsek: User, at: Date,
): Promise<Driven> {
  const send = (r: CaseRow) =>
    cases.advance({ schoolId: r.schoolId, caseId: r.id, expectedVersion: r.version, event, actor: { id: user.id, role: user.role }, now: at });
  let result = await send(row);
  const reason = !result.ok ? (result.error.details as { code?: string; steps?: string[] } | undefined) : undefined;
  if (!result.ok && reason?.code === 'approval_required') {
    let current = row;
    for (const task of await db.tasks.list(row.schoolId, { caseId: row.id, status: 'open' })) {
      if (!task.requiresApproval || task.approval !== 'pending' || !reason.steps?.includes(task.stateId)) continue;
      const approved = await cases.changeApproval({ schoolId: row.schoolId, task, decision: 'approved', reason: null, actor: { id: kepsek.id, role: 'kepsek' }, now: at });
      if (!approved.ok) return { ok: false, error: approved.error };
      current = approved.value.case;
    }
    result = await send(current);
  }
  return result.ok ? { ok: true, row: result.value.case } : { ok: false, error: result.error };
}

/** Fires the case's pending timer for `type` (`xstate.after.…`) at `at`, claimed as the scheduler would. */
export async function fireTimer(cases: CaseService, db: JalurDb, row: CaseRow, type: string, at: Date): Promise<Driven> {
  const pending = (await db.timers.listForCase(row.schoolId, row.id)).find((t) => t.status === 'pending' && t.event === type);
  if (!pending) return { ok: false, error: { code: 'event_not_allowed', message: `no pending timer ${type}` } };
  const [claimed] = await db.timers.claimDue(pending.dueAt, 1, CLAIMER, { caseId: row.id });
  if (!claimed) return { ok: false, error: { code: 'event_not_allowed', message: `timer ${type} could not be claimed` } };
  const fired = await cases.fireTimer(claimed, CLAIMER, at);
  if (!fired.ok) return fired;
  if (!fired.value.fired) return { ok: false, error: fired.value.error ?? { code: 'event_not_allowed', message: `timer ${type}: ${fired.value.reason}` } };
  return { ok: true, row: fired.value.change.case };
}
