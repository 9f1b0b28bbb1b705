/**
 * Persists the engine's effects inside the case's transaction on PostgreSQL:
 * timers scheduled/cancelled, tasks opened/closed, notifications written.
 * The same rules as `../sqlite/effects.ts`; fixed, prepared statements only
 * (this runs on every advance).
 */
import type { Effect } from '@jalur/engine';
import type { CaseRow } from '../rows.ts';
import { newId, type Exec } from './context.ts';
import { instantParam, jsonParam } from './case-row.ts';
import { RECIPIENTS_PG } from '../notify-recipients.ts';

const CANCEL_TIMER = "UPDATE timers SET status = 'cancelled', done_at = $1::timestamptz WHERE case_id = $2 AND timer_id = $3 AND status = 'pending'";
const INSERT_TIMER =
  "INSERT INTO timers (id, case_id, school_id, timer_id, state_id, event, due_at, status, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7::timestamptz, 'pending', $8::timestamptz)";
const INSERT_TASK = `INSERT INTO tasks (id, case_id, school_id, state_id, kind, title, roles, assignee_id, due_at, status, requires_approval, approval, created_at)
  VALUES ($1, $2, $3, $4, $5, $6::json, $7::json, $8, $9::timestamptz, 'open', $10, $11, $12::timestamptz)`;
const CLOSE_TASKS = "UPDATE tasks SET status = 'done', closed_at = $1::timestamptz WHERE case_id = $2 AND state_id = $3 AND status = 'open'";
const CANCEL_ALL_TASKS = "UPDATE tasks SET status = 'cancelled', closed_at = $1::timestamptz WHERE case_id = $2 AND status = 'open'";
const CANCEL_ALL_TIMERS = "UPDATE timers SET status = 'cancelled', done_at = $1::timestamptz WHERE case_id = $2 AND status = 'pending'";
const INSERT_NOTIFICATION =
  "INSERT INTO notifications (id, school_id, user_id, role, case_id, kind, body, created_at) VALUES ($1, $2, $3, $4, $5, 'step_entered', $6::json, $7::timestamptz)";

/** A due date from the engine as a timestamptz parameter; an invalid one throws (and rolls the transaction back). */
const dueParam = (iso: string): string => new Date(Date.parse(iso)).toISOString();

/** Applies `effects` for `row` (already updated); `closing` also cancels everything still open. */
export async function applyEffects(tx: Exec, row: CaseRow, effects: readonly Effect[], now: Date, closing: boolean): Promise<void> {
  const sql = tx.$client;
  const run = (query: string, params: unknown[]) => sql.unsafe(query, params as never[]);
  const at = instantParam(now);
  for (const e of effects) {
    switch (e.type) {
      case 'timer.schedule':
        // Re-entering a state re-arms its timer: the old pending one goes first.
        await run(CANCEL_TIMER, [at, row.id, e.timerId]);
        await run(INSERT_TIMER, [newId(), row.id, row.schoolId, e.timerId, e.stateId, e.event, dueParam(e.dueAt), at]);
        break;
      case 'timer.cancel':
        await run(CANCEL_TIMER, [at, row.id, e.timerId]);
        break;
      case 'task.open':
        await run(INSERT_TASK, [
          newId(), row.id, row.schoolId, e.stateId, e.kind, jsonParam(e.title), jsonParam(e.roles), e.roles.includes('guru_bk') ? row.assigneeId : null,
          e.dueAt ? dueParam(e.dueAt) : null, e.requiresApproval, e.requiresApproval ? 'pending' : null, at,
        ]);
        break;
      case 'task.close':
        await run(CLOSE_TASKS, [at, row.id, e.stateId]);
        break;
      case 'notify': {
        // Only the people of each role who may see this case (notify-recipients.ts), one row each.
        for (const role of new Set(e.roles)) {
          for (const { id } of (await run(RECIPIENTS_PG, [row.schoolId, role, row.id])) as unknown as { id: string }[]) {
            await run(INSERT_NOTIFICATION, [newId(), row.schoolId, id, role, row.id, jsonParam(e.message), at]);
          }
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
    await run(CANCEL_ALL_TASKS, [at, row.id]);
    await run(CANCEL_ALL_TIMERS, [at, row.id]);
  }
}

function assertNever(value: never): never {
  throw new Error(`unknown effect ${JSON.stringify(value)}`);
}
