/** Tasks (due dates, approvals, reminders) and timers (claiming due ones) on SQLite. */
import { and, asc, eq, lt, sql, type SQL } from 'drizzle-orm';
import { tasks, timers } from '../schema/index.ts';
import type { TaskRepo, TimerRepo } from '../repository.ts';
import type { TaskRow, TimerRow } from '../rows.ts';
import { fail, notStaff, ok, type DbResult } from '../result.ts';
import { approvalPatch, type ApprovalInput } from '../approval.ts';
import { newId, pageSize, type SqliteContext } from './context.ts';
import { RECIPIENTS_SQLITE } from '../notify-recipients.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/** A change of a task's approval (see approval.ts), audited; runs inside the caller's transaction. With `caseId`, a task of another case is not found. */
export function decideTask(ctx: SqliteContext, schoolId: string, taskId: string, input: ApprovalInput & { now: Date; caseId?: string }): DbResult<TaskRow> {
  const { db } = ctx;
  const row = db.select().from(tasks).where(and(eq(tasks.id, taskId), eq(tasks.schoolId, schoolId))).get();
  if (!row || (input.caseId !== undefined && row.caseId !== input.caseId)) return fail<TaskRow>('not_found', 'Tugas tidak ditemukan / task not found');
  const change = approvalPatch(row, input, input.now);
  if (!change.ok) return change;
  const { patch, action } = change.value;
  db.update(tasks).set(patch).where(eq(tasks.id, taskId)).run();
  ctx.audit({ schoolId, actorId: input.decidedBy, action, subject: `task:${taskId}`, details: { caseId: row.caseId, reason: input.reason ?? null }, at: input.now });
  return ok<TaskRow>({ ...row, ...patch });
}

export function createWorkRepos(ctx: SqliteContext): { tasks: TaskRepo; timers: TimerRepo } {
  const { db, sqlite } = ctx;
  const getTask = (schoolId: string, id: string) => db.select().from(tasks).where(and(eq(tasks.id, id), eq(tasks.schoolId, schoolId))).get();

  const taskRepo: TaskRepo = {
    async list(schoolId, filter = {}) {
      const where: SQL[] = [eq(tasks.schoolId, schoolId)];
      if (filter.status) where.push(eq(tasks.status, filter.status));
      if (filter.caseId) where.push(eq(tasks.caseId, filter.caseId));
      if (filter.stateId) where.push(eq(tasks.stateId, filter.stateId));
      if (filter.dueBefore) where.push(lt(tasks.dueAt, filter.dueBefore));
      if (filter.approval) where.push(eq(tasks.approval, filter.approval));
      const mine: SQL[] = [];
      if (filter.assigneeId) mine.push(eq(tasks.assigneeId, filter.assigneeId));
      if (filter.roles && filter.roles.length > 0) {
        // A task for a role the caller has, not yet taken by someone else.
        mine.push(sql`(${tasks.assigneeId} IS NULL AND EXISTS (SELECT 1 FROM json_each(${tasks.roles}) WHERE value IN ${filter.roles}))`);
      }
      if (mine.length > 0) where.push(sql`(${sql.join(mine, sql` OR `)})`);
      return db
        .select()
        .from(tasks)
        .where(and(...where))
        .orderBy(sql`${tasks.dueAt} IS NULL`, asc(tasks.dueAt), asc(tasks.createdAt))
        .limit(1000)
        .all();
    },
    async get(schoolId, taskId) {
      return getTask(schoolId, taskId) ?? null;
    },
    async assign(schoolId, taskId, assigneeId) {
      const row = getTask(schoolId, taskId);
      if (!row) return fail('not_found', 'Tugas tidak ditemukan / task not found');
      if (assigneeId && !ctx.isStaff(assigneeId, schoolId)) return notStaff();
      db.update(tasks).set({ assigneeId }).where(eq(tasks.id, taskId)).run();
      return ok({ ...row, assigneeId });
    },
    async decide(schoolId, taskId, input) {
      return ctx.immediate(() => decideTask(ctx, schoolId, taskId, input));
    },
    async remind(now) {
      const at = now.getTime();
      const due = sqlite.prepare(
        `SELECT id, case_id AS caseId, school_id AS schoolId, title, roles, assignee_id AS assigneeId, due_at AS dueAt, reminders_sent AS sent
         FROM tasks WHERE status = 'open' AND due_at IS NOT NULL AND due_at <= ?`,
      );
      const mark = sqlite.prepare('UPDATE tasks SET reminders_sent = ? WHERE id = ?');
      const notify = sqlite.prepare('INSERT INTO notifications (id, school_id, user_id, role, case_id, kind, body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
      const recipients = sqlite.prepare(RECIPIENTS_SQLITE).pluck();
      return ctx.immediate(() => {
        let count = 0;
        const rows = due.all(at + DAY_MS) as { id: string; caseId: string; schoolId: string; title: string; roles: string; assigneeId: string | null; dueAt: number; sent: string }[];
        for (const t of rows) {
          const sent = JSON.parse(t.sent) as string[];
          const kind = t.dueAt <= at ? 'task_overdue' : 'task_due_tomorrow';
          if (sent.includes(kind)) continue;
          const title = JSON.parse(t.title) as { id: string; en?: string };
          const body = kind === 'task_overdue'
            ? { id: `Tugas terlambat: ${title.id}`, en: `Task overdue: ${title.en ?? title.id}` }
            : { id: `Tugas jatuh tempo besok: ${title.id}`, en: `Task due tomorrow: ${title.en ?? title.id}` };
          // The assignee, else the people of the task's roles who may see its case (notify-recipients.ts).
          const targets: [string | null, string | null][] = t.assigneeId
            ? [[t.assigneeId, null]]
            : [...new Set(JSON.parse(t.roles) as string[])].flatMap((r) => (recipients.all({ school: t.schoolId, role: r, case: t.caseId }) as string[]).map((u): [string, string] => [u, r]));
          for (const [userId, role] of targets) notify.run(newId(), t.schoolId, userId, role, t.caseId, kind, JSON.stringify(body), at);
          mark.run(JSON.stringify([...sent, kind]), t.id);
          count++;
        }
        return count;
      });
    },
  };

  const claim = sqlite.prepare(
    `UPDATE timers SET claimed_by = ?, claimed_at = ?
     WHERE id IN (SELECT id FROM timers WHERE status = 'pending' AND due_at <= ? AND (claimed_at IS NULL OR claimed_at < ?) ORDER BY due_at LIMIT ?)
     RETURNING id`,
  );
  const claimForCase = sqlite.prepare(
    `UPDATE timers SET claimed_by = ?, claimed_at = ?
     WHERE id IN (SELECT id FROM timers WHERE case_id = ? AND status = 'pending' AND due_at <= ? AND (claimed_at IS NULL OR claimed_at < ?) ORDER BY due_at LIMIT ?)
     RETURNING id`,
  );
  const timerRepo: TimerRepo = {
    async claimDue(now, limit, claimer, opts) {
      const leaseMs = opts?.leaseMs ?? 60_000;
      const t = now.getTime();
      const n = Math.max(1, limit);
      const ids = ctx.immediate(() =>
        (opts?.caseId ? claimForCase.all(claimer, t, opts.caseId, t, t - leaseMs, n) : claim.all(claimer, t, t, t - leaseMs, n)) as { id: string }[],
      );
      if (ids.length === 0) return [];
      const rows = db.select().from(timers).where(sql`${timers.id} IN ${ids.map((r) => r.id)}`).all();
      return rows.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
    },
    async nextDueAt() {
      const row = db.select({ dueAt: timers.dueAt }).from(timers).where(eq(timers.status, 'pending')).orderBy(asc(timers.dueAt)).limit(1).get();
      return row?.dueAt ?? null;
    },
    async listForCase(schoolId, caseId) {
      return db.select().from(timers).where(and(eq(timers.schoolId, schoolId), eq(timers.caseId, caseId))).orderBy(asc(timers.createdAt)).limit(pageSize(undefined)).all() as TimerRow[];
    },
  };

  return { tasks: taskRepo, timers: timerRepo };
}
