/**
 * Work of the day: "my tasks" (each step's due date is a task for its roles
 * or its assignee) with overdue counts, the kepsek's approvals on steps that
 * require them, in-app notifications (due tomorrow / overdue reminders), and
 * the school calendar the kepsek keeps.
 */
import { addSchoolDays, countByUrgency, schoolCalendar, taskUrgency } from '@jalur/casework';
import type { ApprovalChange, TaskRow } from '@jalur/db';
import { Hono } from 'hono';
import { z } from 'zod';
import type { ApiContext } from '../context.ts';
import { fromDbError } from '../http/db-errors.ts';
import { notFound } from '../http/errors.ts';
import type { AppEnv, Principal } from '../http/router.ts';
import { loadCase } from './access.ts';
import { authOnce, ensureRole, idParam, jsonBody, queryOf, schoolIdOf } from './http.ts';

const tasksQuery = z.object({
  scope: z.enum(['mine', 'all']).default('mine'),
  status: z.enum(['open', 'done', 'cancelled']).default('open'),
  caseId: z.string().max(64).optional(),
});
const decisionBody = z.object({ decision: z.enum(['approved', 'rejected']), reason: z.string().trim().max(2000).optional() }).refine((b) => b.decision === 'approved' || (b.reason ?? '').length > 0, {
  message: 'Alasan penolakan wajib diisi / a rejection needs a reason', path: ['reason'],
});
const requestAgainBody = z.object({ note: z.string().trim().min(1, 'Jelaskan apa yang diperbaiki / say what was revised').max(2000) });
const assignBody = z.object({ assigneeId: z.string().min(1).max(64).nullable() });
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const calendarQuery = z.object({ from: date, to: date });
const calendarBody = z.object({ entries: z.array(z.object({ date, kind: z.enum(['school_day', 'holiday', 'exam']), note: z.string().max(200).nullable().optional() })).min(1).max(400) });
const schoolDaysQuery = z.object({ from: date, days: z.coerce.number().int().min(0).max(365) });

/**
 * Records a change of the task's approval — the kepsek's decision, or
 * (`pending`) the guru BK asking again after a rejection — through the case
 * service (the task row and the case context, one transaction); then tells
 * the other side (`notice`) and answers the task's approval.
 */
async function changeApproval(
  ctx: ApiContext, schoolId: string, task: TaskRow, decision: ApprovalChange, reason: string | null, p: Principal,
  notice: { role: 'kepsek' | 'guru_bk'; kind: string; body: { id: string; en: string } },
) {
  const now = ctx.clock.now();
  const change = await ctx.cases.changeApproval({ schoolId, task, decision, reason, actor: { id: p.userId, role: p.role }, now });
  if (!change.ok) throw fromDbError(change.error);
  await ctx.db.notifications.notify({ schoolId, role: notice.role, caseId: task.caseId, kind: notice.kind, now, body: notice.body });
  const changed = change.value.task;
  return { id: changed.id, approval: changed.approval, approvalReason: changed.approvalReason, caseVersion: change.value.case.version };
}

/** `/api/tasks`, `/api/approvals`, `/api/notifications`, `/api/calendar`. */
export function workRoutes(ctx: ApiContext) {
  const { db, clock } = ctx;

  /** Open tasks the caller should act on, with the case's student. */
  async function tasksFor(p: Principal, schoolId: string, q: z.infer<typeof tasksQuery>) {
    const rows = await db.tasks.list(schoolId, { status: q.status, ...(q.caseId ? { caseId: q.caseId } : {}) });
    const mine = (t: TaskRow) => t.assigneeId === p.userId || (t.assigneeId === null && (t.roles.length === 0 || t.roles.includes(p.role)));
    const out = [];
    const cases = new Map<string, Awaited<ReturnType<typeof loadCase>> | null>();
    for (const t of rows) {
      if (p.role === 'tim' && t.assigneeId !== p.userId) continue;
      if (q.scope === 'mine' && !mine(t)) continue;
      if (!cases.has(t.caseId)) cases.set(t.caseId, await loadCase(db, p, schoolId, t.caseId).catch(() => null));
      const k = cases.get(t.caseId);
      if (!k) continue;
      out.push({
        id: t.id, caseId: t.caseId, stateId: t.stateId, kind: t.kind, title: t.title, roles: t.roles, assigneeId: t.assigneeId,
        dueAt: t.dueAt?.toISOString() ?? null, status: t.status, urgency: taskUrgency(t.dueAt, clock.now()),
        requiresApproval: t.requiresApproval, approval: t.approval, approvalReason: t.approvalReason,
        student: { id: k.student.id, name: k.student.name, className: k.student.className },
      });
    }
    out.sort((a, b) => (a.dueAt ?? '9999').localeCompare(b.dueAt ?? '9999'));
    return out;
  }

  const tasks = new Hono<AppEnv>()
    .use('*', authOnce(ctx))
    .get('/', async (c) => {
      const p = c.var.principal;
      const schoolId = schoolIdOf(p);
      const items = await tasksFor(p, schoolId, queryOf(c, tasksQuery));
      return c.json({ items, counts: countByUrgency(items.map((i) => ({ dueAt: i.dueAt ? new Date(i.dueAt) : null })), clock.now()) }, 200);
    })
    .get('/assignees', async (c) => {
      const p = c.var.principal;
      ensureRole(p, 'guru_bk', 'kepsek');
      const users = await db.users.listBySchool(schoolIdOf(p));
      return c.json({ items: users.filter((u) => u.disabledAt === null).map((u) => ({ id: u.id, name: u.name, role: u.role })) }, 200);
    })
    .post('/:id/decision', async (c) => {
      const p = c.var.principal;
      ensureRole(p, 'kepsek');
      const schoolId = schoolIdOf(p);
      const task = await db.tasks.get(schoolId, idParam(c));
      if (!task) throw notFound();
      const { decision, reason } = await jsonBody(c, decisionBody);
      const title = { id: task.title.id, en: task.title.en ?? task.title.id };
      const body = decision === 'approved'
        ? { id: `Disetujui kepala sekolah: ${title.id}`, en: `Approved by the principal: ${title.en}` }
        : { id: `Ditolak kepala sekolah: ${title.id} — ${reason}`, en: `Rejected by the principal: ${title.en} — ${reason}` };
      const answer = await changeApproval(ctx, schoolId, task, decision, reason ?? null, p, { role: 'guru_bk', kind: 'approval_decided', body });
      return c.json(answer, 200);
    })
    .post('/:id/approval-request', async (c) => {
      // After a rejection the guru BK revises the plan and asks the kepsek again.
      const p = c.var.principal;
      ensureRole(p, 'guru_bk');
      const schoolId = schoolIdOf(p);
      const task = await db.tasks.get(schoolId, idParam(c));
      if (!task) throw notFound();
      await loadCase(db, p, schoolId, task.caseId);
      const { note } = await jsonBody(c, requestAgainBody);
      const body = { id: `Diajukan ulang untuk persetujuan: ${task.title.id} — ${note}`, en: `Asked again for approval: ${task.title.en ?? task.title.id} — ${note}` };
      const answer = await changeApproval(ctx, schoolId, task, 'pending', note, p, { role: 'kepsek', kind: 'approval_requested', body });
      return c.json(answer, 200);
    })
    .post('/:id/assign', async (c) => {
      const p = c.var.principal;
      ensureRole(p, 'guru_bk', 'kepsek');
      const schoolId = schoolIdOf(p);
      const body = await jsonBody(c, assignBody);
      if (body.assigneeId !== null) {
        const u = await db.users.get(body.assigneeId);
        if (!u || u.schoolId !== schoolId) throw notFound();
      }
      const r = await db.tasks.assign(schoolId, idParam(c), body.assigneeId);
      if (!r.ok) throw fromDbError(r.error);
      return c.json({ id: r.value.id, assigneeId: r.value.assigneeId }, 200);
    });

  const approvals = new Hono<AppEnv>().use('*', authOnce(ctx)).get('/', async (c) => {
    const p = c.var.principal;
    ensureRole(p, 'kepsek', 'guru_bk');
    const schoolId = schoolIdOf(p);
    const items = (await tasksFor(p, schoolId, { scope: 'all', status: 'open' })).filter((t) => t.requiresApproval);
    return c.json({ items }, 200);
  });

  const notifications = new Hono<AppEnv>()
    .use('*', authOnce(ctx))
    .get('/', async (c) => {
      const p = c.var.principal;
      // Reminders are written once per task; checking here means nobody misses one between scheduler runs.
      await db.tasks.remind(clock.now());
      const user = { id: p.userId, role: p.role, schoolId: p.schoolId };
      const q = queryOf(c, z.object({ unread: z.enum(['true', 'false']).optional() }));
      const rows = await db.notifications.listForUser(user, { unreadOnly: q.unread === 'true', limit: 100 });
      return c.json({ items: rows.map((n) => ({ id: n.id, kind: n.kind, body: n.body, caseId: n.caseId, createdAt: n.createdAt.toISOString(), read: n.readAt !== null })) }, 200);
    })
    .post('/:id/read', async (c) => {
      const p = c.var.principal;
      const ok = await db.notifications.markRead({ id: p.userId, role: p.role, schoolId: p.schoolId }, idParam(c), clock.now());
      if (!ok) throw notFound();
      return c.json({ ok: true }, 200);
    });

  const calendar = new Hono<AppEnv>()
    .use('*', authOnce(ctx))
    .get('/', async (c) => {
      const p = c.var.principal;
      const q = queryOf(c, calendarQuery);
      const rows = await db.calendar.list(schoolIdOf(p), q);
      return c.json({ items: rows.map((r) => ({ date: r.date, kind: r.kind, note: r.note })) }, 200);
    })
    .get('/school-days', async (c) => {
      const p = c.var.principal;
      const q = queryOf(c, schoolDaysQuery);
      const rows = await db.calendar.list(schoolIdOf(p), { from: q.from, to: `${Number(q.from.slice(0, 4)) + 2}-12-31` });
      return c.json({ from: q.from, days: q.days, date: addSchoolDays(q.from, q.days, schoolCalendar(rows)) }, 200);
    })
    .put('/', async (c) => {
      const p = c.var.principal;
      ensureRole(p, 'kepsek');
      const body = await jsonBody(c, calendarBody);
      await db.calendar.set(schoolIdOf(p), body.entries.map((e) => ({ date: e.date, kind: e.kind, note: e.note ?? null })));
      return c.json({ saved: body.entries.length }, 200);
    })
    .delete('/:date', async (c) => {
      const p = c.var.principal;
      ensureRole(p, 'kepsek');
      const d = date.safeParse(c.req.param('date'));
      if (!d.success) throw notFound();
      await db.calendar.remove(schoolIdOf(p), d.data);
      return c.json({ removed: d.data }, 200);
    });

  return { tasks, approvals, notifications, calendar };
}
