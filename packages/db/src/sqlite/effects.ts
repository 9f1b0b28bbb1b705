/**
 * Persists the engine's effects inside the case's transaction: timers are
 * scheduled/cancelled, tasks opened/closed, notifications written (to the
 * people who may see the case, `../notify-recipients.ts`). Prepared
 * statements only: this runs on every advance.
 */
import type { Effect } from '@jalur/engine';
import type { CaseRow } from '../rows.ts';
import { newId, type SqliteContext } from './context.ts';
import { RECIPIENTS_SQLITE } from '../notify-recipients.ts';

export interface EffectWriter {
  /** Applies `effects` for `row` (already updated); `closing` also cancels everything still open. */
  apply(row: CaseRow, effects: readonly Effect[], now: Date, closing: boolean): void;
}

export function createEffectWriter({ sqlite }: SqliteContext): EffectWriter {
  const cancelTimer = sqlite.prepare("UPDATE timers SET status = 'cancelled', done_at = ? WHERE case_id = ? AND timer_id = ? AND status = 'pending'");
  const insertTimer = sqlite.prepare(
    "INSERT INTO timers (id, case_id, school_id, timer_id, state_id, event, due_at, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?)",
  );
  const insertTask = sqlite.prepare(
    `INSERT INTO tasks (id, case_id, school_id, state_id, kind, title, roles, assignee_id, due_at, status, requires_approval, approval, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?)`,
  );
  const closeTasks = sqlite.prepare("UPDATE tasks SET status = 'done', closed_at = ? WHERE case_id = ? AND state_id = ? AND status = 'open'");
  const cancelAllTasks = sqlite.prepare("UPDATE tasks SET status = 'cancelled', closed_at = ? WHERE case_id = ? AND status = 'open'");
  const cancelAllTimers = sqlite.prepare("UPDATE timers SET status = 'cancelled', done_at = ? WHERE case_id = ? AND status = 'pending'");
  const insertNotification = sqlite.prepare(
    "INSERT INTO notifications (id, school_id, user_id, role, case_id, kind, body, created_at) VALUES (?, ?, ?, ?, ?, 'step_entered', ?, ?)",
  );
  const recipients = sqlite.prepare(RECIPIENTS_SQLITE).pluck();

  return {
    apply(row, effects, now, closing) {
      const at = now.getTime();
      for (const e of effects) {
        switch (e.type) {
          case 'timer.schedule':
            // Re-entering a state re-arms its timer: the old pending one goes first.
            cancelTimer.run(at, row.id, e.timerId);
            insertTimer.run(newId(), row.id, row.schoolId, e.timerId, e.stateId, e.event, Date.parse(e.dueAt), at);
            break;
          case 'timer.cancel':
            cancelTimer.run(at, row.id, e.timerId);
            break;
          case 'task.open': {
            const assignee = e.roles.includes('guru_bk') ? row.assigneeId : null;
            insertTask.run(
              newId(), row.id, row.schoolId, e.stateId, e.kind, JSON.stringify(e.title), JSON.stringify(e.roles), assignee,
              e.dueAt ? Date.parse(e.dueAt) : null, e.requiresApproval ? 1 : 0, e.requiresApproval ? 'pending' : null, at,
            );
            break;
          }
          case 'task.close':
            closeTasks.run(at, row.id, e.stateId);
            break;
          case 'notify': {
            // Only the people of each role who may see this case (notify-recipients.ts), one row each.
            const body = JSON.stringify(e.message);
            for (const role of new Set(e.roles)) {
              for (const userId of recipients.all({ school: row.schoolId, role, case: row.id }) as string[]) insertNotification.run(newId(), row.schoolId, userId, role, row.id, body, at);
            }
            break;
          }
          case 'case.closed':
            break; // status/outcome/closed_at are written with the case row
          default:
            assertNever(e);
        }
      }
      if (closing) {
        cancelAllTasks.run(at, row.id);
        cancelAllTimers.run(at, row.id);
      }
    },
  };
}

function assertNever(value: never): never {
  throw new Error(`unknown effect ${JSON.stringify(value)}`);
}
