/**
 * Persists the engine's effects inside the case's transaction on PostgreSQL:
 * timers scheduled/cancelled, tasks opened/closed, notifications written.
 * The same rules as `../sqlite/effects.ts`; fixed, prepared statements only
 * (this runs on every advance), sent together in one round trip.
 */
import type { Effect } from '@jalur/engine';
import type { Sql } from 'postgres';
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
/** One row per person of the role who may see the case (`notify-recipients.ts`), in one statement: $1 school, $2 role, $3 case. */
const INSERT_NOTIFICATIONS = `INSERT INTO notifications (id, school_id, user_id, role, case_id, kind, body, created_at)
  SELECT gen_random_uuid()::text, $1, r.id, $2, $3, 'step_entered', $4::json, $5::timestamptz FROM (${RECIPIENTS_PG}) r`;

/** A due date from the engine as a timestamptz parameter; an invalid one throws (and rolls the transaction back). */
const dueParam = (iso: string): string => new Date(Date.parse(iso)).toISOString();

/** A statement and its parameters. */
export type Statement = readonly [query: string, params: unknown[]];

/**
 * The statements that persist `effects` for `row` (already updated), in
 * order; `closing` also cancels everything still open. None depends on the
 * answer of another, so they can be sent together (pipelined) in one round
 * trip: each sees the ones before it, as separate statements of one
 * transaction do.
 */
export function effectStatements(row: CaseRow, effects: readonly Effect[], now: Date, closing: boolean): Statement[] {
  const at = instantParam(now);
  const out: Statement[] = [];
  for (const e of effects) {
    switch (e.type) {
      case 'timer.schedule':
        // Re-entering a state re-arms its timer: the old pending one goes first.
        out.push([CANCEL_TIMER, [at, row.id, e.timerId]]);
        out.push([INSERT_TIMER, [newId(), row.id, row.schoolId, e.timerId, e.stateId, e.event, dueParam(e.dueAt), at]]);
        break;
      case 'timer.cancel':
        out.push([CANCEL_TIMER, [at, row.id, e.timerId]]);
        break;
      case 'task.open':
        out.push([INSERT_TASK, [
          newId(), row.id, row.schoolId, e.stateId, e.kind, jsonParam(e.title), jsonParam(e.roles), e.roles.includes('guru_bk') ? row.assigneeId : null,
          e.dueAt ? dueParam(e.dueAt) : null, e.requiresApproval, e.requiresApproval ? 'pending' : null, at,
        ]]);
        break;
      case 'task.close':
        out.push([CLOSE_TASKS, [at, row.id, e.stateId]]);
        break;
      case 'notify':
        for (const role of new Set(e.roles)) out.push([INSERT_NOTIFICATIONS, [row.schoolId, role, row.id, jsonParam(e.message), at]]);
        break;
      case 'case.closed':
        break; // status/outcome/closed_at are written with the case row
      default:
        assertNever(e);
    }
  }
  if (closing) {
    out.push([CANCEL_ALL_TASKS, [at, row.id]]);
    out.push([CANCEL_ALL_TIMERS, [at, row.id]]);
  }
  return out;
}

/**
 * Sends `statements` on `sql` (a reserved connection or transaction) without
 * waiting between them — postgres.js pipelines them, one round trip for all
 * once each is prepared on the connection — and waits for every answer. The
 * first failure (in order) is thrown; the ones after it only report the
 * aborted transaction.
 */
export async function pipeline(sql: Sql, statements: readonly Statement[]): Promise<unknown[][]> {
  // Named prepared statements: a statement parsed before on this connection goes as Bind/Execute only, so nothing waits
  // for a describe (postgres.js's `unsafe` is unprepared by default, and an unprepared query with parameters is described first: a round trip of its own).
  const prepare = process.env.JALUR_PG_PREPARE !== '0';
  const sent = statements.map(([query, params]) => sql.unsafe(query, params as never[], { prepare }) as unknown as Promise<unknown[]>);
  const settled = await Promise.allSettled(sent);
  const failed = settled.find((r) => r.status === 'rejected');
  if (failed) throw (failed as PromiseRejectedResult).reason;
  return settled.map((r) => (r as PromiseFulfilledResult<unknown[]>).value);
}

/** Applies `effects` for `row` (already updated) inside `tx`; `closing` also cancels everything still open. */
export async function applyEffects(tx: Exec, row: CaseRow, effects: readonly Effect[], now: Date, closing: boolean): Promise<void> {
  await pipeline(tx.$client, effectStatements(row, effects, now, closing));
}

function assertNever(value: never): never {
  throw new Error(`unknown effect ${JSON.stringify(value)}`);
}
