/**
 * Tasks (due dates, approvals, reminders) and timers on PostgreSQL. Due timers
 * are claimed with `FOR UPDATE SKIP LOCKED`: several API processes claim
 * disjoint sets, and a claim lapses after its lease so a crashed process's
 * timers are taken over.
 */
import { and, asc, eq, inArray, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import { notifications, tasks, timers } from '../schema-pg/index.ts';
import type { TaskRepo, TimerRepo } from '../repository.ts';
import type { TaskRow } from '../rows.ts';
import { fail, ok, type DbResult } from '../result.ts';
import { approvalPatch, type ApprovalInput } from '../approval.ts';
import { first, isStaff, newId, notStaff, pageSize, transact, type Exec, type PgContext } from './context.ts';
import { RECIPIENTS_PG } from '../notify-recipients.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/** A change of a task's approval (see approval.ts), audited; runs in the caller's transaction `tx`. With `caseId`, a task of another case is not found. */
export async function decideTask(ctx: PgContext, tx: Exec, schoolId: string, taskId: string, input: ApprovalInput & { now: Date; caseId?: string }): Promise<DbResult<TaskRow>> {
  const row = first(await tx.select().from(tasks).where(and(eq(tasks.id, taskId), eq(tasks.schoolId, schoolId))).for('update'));
  if (!row || (input.caseId !== undefined && row.caseId !== input.caseId)) return fail('not_found', 'Tugas tidak ditemukan / task not found');
  const change = approvalPatch(row, input, input.now);
  if (!change.ok) return change;
  const { patch, action } = change.value;
  await tx.update(tasks).set(patch).where(eq(tasks.id, taskId));
  await ctx.audit(tx, { schoolId, actorId: input.decidedBy, action, subject: `task:${taskId}`, details: { caseId: row.caseId, reason: input.reason ?? null }, at: input.now });
  return ok({ ...row, ...patch });
}

export function createWorkRepos(ctx: PgContext): { tasks: TaskRepo; timers: TimerRepo } {
  const { db } = ctx;
  const getTask = async (schoolId: string, id: string) => first(await db.select().from(tasks).where(and(eq(tasks.id, id), eq(tasks.schoolId, schoolId))));

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
        mine.push(sql`(${tasks.assigneeId} IS NULL AND EXISTS (SELECT 1 FROM json_array_elements_text(${tasks.roles}) AS r(value) WHERE r.value IN ${filter.roles}))`);
      }
      if (mine.length > 0) where.push(sql`(${sql.join(mine, sql` OR `)})`);
      return db
        .select()
        .from(tasks)
        .where(and(...where))
        .orderBy(sql`${tasks.dueAt} IS NULL`, asc(tasks.dueAt), asc(tasks.createdAt))
        .limit(1000);
    },
    async get(schoolId, taskId) {
      return (await getTask(schoolId, taskId)) ?? null;
    },
    async assign(schoolId, taskId, assigneeId) {
      if (!(await getTask(schoolId, taskId))) return fail('not_found', 'Tugas tidak ditemukan / task not found');
      if (assigneeId && !(await isStaff(db, assigneeId, schoolId))) return notStaff();
      const [row] = await db.update(tasks).set({ assigneeId }).where(and(eq(tasks.id, taskId), eq(tasks.schoolId, schoolId))).returning();
      if (!row) return fail('not_found', 'Tugas tidak ditemukan / task not found');
      return ok(row);
    },
    async decide(schoolId, taskId, input) {
      return transact(ctx, (tx) => decideTask(ctx, tx, schoolId, taskId, input));
    },
    async remind(now) {
      return ctx.tx(async (tx) => {
        // SKIP LOCKED: two processes reminding at once split the tasks; each reminder is written once.
        const due = await tx
          .select()
          .from(tasks)
          .where(and(eq(tasks.status, 'open'), lte(tasks.dueAt, new Date(now.getTime() + DAY_MS))))
          .for('update', { skipLocked: true });
        let count = 0;
        for (const t of due) {
          const kind = t.dueAt!.getTime() <= now.getTime() ? 'task_overdue' : 'task_due_tomorrow';
          if (t.remindersSent.includes(kind)) continue;
          const body = kind === 'task_overdue'
            ? { id: `Tugas terlambat: ${t.title.id}`, en: `Task overdue: ${t.title.en ?? t.title.id}` }
            : { id: `Tugas jatuh tempo besok: ${t.title.id}`, en: `Task due tomorrow: ${t.title.en ?? t.title.id}` };
          // The assignee, else the people of the task's roles who may see its case (notify-recipients.ts).
          const targets: [string | null, string | null][] = [];
          if (t.assigneeId) targets.push([t.assigneeId, null]);
          else {
            for (const r of new Set(t.roles)) {
              for (const { id } of (await tx.$client.unsafe(RECIPIENTS_PG, [t.schoolId, r, t.caseId])) as unknown as { id: string }[]) targets.push([id, r]);
            }
          }
          for (const [userId, role] of targets) {
            await tx.insert(notifications).values({ id: newId(), schoolId: t.schoolId, userId, role, caseId: t.caseId, kind, body, createdAt: now });
          }
          await tx.update(tasks).set({ remindersSent: [...t.remindersSent, kind] }).where(eq(tasks.id, t.id));
          count++;
        }
        return count;
      });
    },
  };

  const timerRepo: TimerRepo = {
    async claimDue(now, limit, claimer, opts) {
      const leaseEnd = new Date(now.getTime() - (opts?.leaseMs ?? 60_000));
      const due: SQL[] = [eq(timers.status, 'pending'), lte(timers.dueAt, now), or(isNull(timers.claimedAt), lt(timers.claimedAt, leaseEnd))!];
      if (opts?.caseId) due.push(eq(timers.caseId, opts.caseId));
      // Rows another process is claiming right now are skipped, not waited for; a row claimed
      // and committed meanwhile fails the re-checked WHERE and is dropped: each claim is exclusive.
      const candidates = db
        .select({ id: timers.id })
        .from(timers)
        .where(and(...due))
        .orderBy(asc(timers.dueAt))
        .limit(Math.max(1, limit))
        .for('update', { skipLocked: true });
      const rows = await db.update(timers).set({ claimedBy: claimer, claimedAt: now }).where(inArray(timers.id, candidates)).returning();
      return rows.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
    },
    async nextDueAt() {
      const row = first(await db.select({ dueAt: timers.dueAt }).from(timers).where(eq(timers.status, 'pending')).orderBy(asc(timers.dueAt)).limit(1));
      return row?.dueAt ?? null;
    },
    async listForCase(schoolId, caseId) {
      return db.select().from(timers).where(and(eq(timers.schoolId, schoolId), eq(timers.caseId, caseId))).orderBy(asc(timers.createdAt)).limit(pageSize(undefined));
    },
  };

  return { tasks: taskRepo, timers: timerRepo };
}
