/**
 * Persists the engine's effects inside the case's transaction on PostgreSQL:
 * timers scheduled/cancelled, tasks opened/closed, notifications written.
 * The same rules as `../sqlite/effects.ts`.
 */
import { and, eq } from 'drizzle-orm';
import type { Effect } from '@jalur/engine';
import { notifications, tasks, timers } from '../schema-pg/index.ts';
import type { CaseRow } from '../rows.ts';
import { newId, type Exec } from './context.ts';

/** Applies `effects` for `row` (already updated); `closing` also cancels everything still open. */
export async function applyEffects(tx: Exec, row: CaseRow, effects: readonly Effect[], now: Date, closing: boolean): Promise<void> {
  const cancelTimer = (timerId: string) =>
    tx.update(timers).set({ status: 'cancelled', doneAt: now }).where(and(eq(timers.caseId, row.id), eq(timers.timerId, timerId), eq(timers.status, 'pending')));
  for (const e of effects) {
    switch (e.type) {
      case 'timer.schedule':
        // Re-entering a state re-arms its timer: the old pending one goes first.
        await cancelTimer(e.timerId);
        await tx.insert(timers).values({
          id: newId(), caseId: row.id, schoolId: row.schoolId, timerId: e.timerId, stateId: e.stateId, event: e.event,
          dueAt: new Date(Date.parse(e.dueAt)), status: 'pending', createdAt: now,
        });
        break;
      case 'timer.cancel':
        await cancelTimer(e.timerId);
        break;
      case 'task.open':
        await tx.insert(tasks).values({
          id: newId(), caseId: row.id, schoolId: row.schoolId, stateId: e.stateId, kind: e.kind, title: e.title, roles: [...e.roles],
          assigneeId: e.roles.includes('guru_bk') ? row.assigneeId : null, dueAt: e.dueAt ? new Date(Date.parse(e.dueAt)) : null,
          status: 'open', requiresApproval: e.requiresApproval, approval: e.requiresApproval ? 'pending' : null, createdAt: now,
        });
        break;
      case 'task.close':
        await tx.update(tasks).set({ status: 'done', closedAt: now }).where(and(eq(tasks.caseId, row.id), eq(tasks.stateId, e.stateId), eq(tasks.status, 'open')));
        break;
      case 'notify':
        for (const role of e.roles) {
          await tx.insert(notifications).values({ id: newId(), schoolId: row.schoolId, userId: null, role, caseId: row.id, kind: 'step_entered', body: e.message, createdAt: now });
        }
        break;
      case 'case.closed':
        break; // status/outcome/closed_at are written with the case row
      default:
        assertNever(e);
    }
  }
  if (closing) {
    await tx.update(tasks).set({ status: 'cancelled', closedAt: now }).where(and(eq(tasks.caseId, row.id), eq(tasks.status, 'open')));
    await tx.update(timers).set({ status: 'cancelled', doneAt: now }).where(and(eq(timers.caseId, row.id), eq(timers.status, 'pending')));
  }
}

function assertNever(value: never): never {
  throw new Error(`unknown effect ${JSON.stringify(value)}`);
}
