/**
 * Work of the day: "my tasks" (each step's due date is a task for its roles
 * or its assignee) with overdue counts, the kepsek's approvals on steps that
 * require them, in-app notifications (due tomorrow / overdue reminders), and
 * the school calendar the kepsek keeps.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { addSchoolDays, canSeeContent, countByUrgency, lateSchoolDays, schoolCalendar, schoolDateOf, taskUrgency, type SchoolCalendar } from '@jalur/casework';
import { schoolClockOf } from './school-time.ts';
import { nationalHolidaysBetween } from '@jalur/casework/holidays';
import type { ApprovalChange, TaskRow } from '@jalur/db';
import { requireAuth, requireRole, schoolOf } from '../auth/middleware.ts';
import { stepLevel } from '../cases/step-visibility.ts';
import type { ApiContext } from '../context.ts';
import { fromDbError } from '../http/db-errors.ts';
import { notFound } from '../http/errors.ts';
import { createRouter, type Principal } from '../http/router.ts';
import {
  approvalChangedSchema, approvalRequestBodySchema, assigneesSchema, calendarBodySchema, calendarDateParamsSchema, calendarListSchema, calendarQuerySchema,
  calendarRemovedSchema, calendarSavedSchema, decisionBodySchema, notificationListSchema, notificationReadSchema, notificationsQuerySchema,
  schoolDaysQuerySchema, schoolDaysSchema, taskAssignBodySchema, taskAssignedSchema, taskListSchema, taskSchema, tasksQuerySchema,
} from '../schemas/casework.ts';
import { errorResponses, idParamsSchema, json, jsonBody } from '../schemas/common.ts';
import { loadCase } from './access.ts';

const listTasks = createRoute({
  method: 'get', path: '/', tags: ['tasks'], summary: 'Tugas saya / my tasks with urgency counts',
  description: 'Alasan kepsek (`approvalReason`) mengikuti kerahasiaan langkahnya, seperti linimasa / the kepsek’s reason follows the step’s confidentiality, as the timeline does.',
  request: { query: tasksQuerySchema },
  responses: { 200: json(taskListSchema, 'Tugas'), ...errorResponses(400, 401, 403) },
});
const assignees = createRoute({
  method: 'get', path: '/assignees', tags: ['tasks'], summary: 'Staf yang dapat ditugaskan / assignable staff',
  middleware: [requireRole('guru_bk', 'kepsek')] as const,
  responses: { 200: json(assigneesSchema, 'Staf'), ...errorResponses(401, 403) },
});
const decide = createRoute({
  method: 'post', path: '/{id}/decision', tags: ['tasks'], summary: 'Persetujuan kepala sekolah / the kepsek’s approval',
  middleware: [requireRole('kepsek')] as const,
  request: { params: idParamsSchema, body: jsonBody(decisionBodySchema) },
  responses: { 200: json(approvalChangedSchema, 'Keputusan tercatat / decided'), ...errorResponses(400, 401, 403, 404, 409, 413, 422) },
});
const askAgain = createRoute({
  method: 'post', path: '/{id}/approval-request', tags: ['tasks'], summary: 'Ajukan ulang setelah ditolak / ask again after a rejection',
  middleware: [requireRole('guru_bk')] as const,
  request: { params: idParamsSchema, body: jsonBody(approvalRequestBodySchema) },
  responses: { 200: json(approvalChangedSchema, 'Diajukan ulang / asked again'), ...errorResponses(400, 401, 403, 404, 409, 413, 422) },
});
const assignTask = createRoute({
  method: 'post', path: '/{id}/assign', tags: ['tasks'], summary: 'Tugaskan langkah / assign a step',
  middleware: [requireRole('guru_bk', 'kepsek')] as const,
  request: { params: idParamsSchema, body: jsonBody(taskAssignBodySchema) },
  responses: { 200: json(taskAssignedSchema, 'Ditugaskan / assigned'), ...errorResponses(400, 401, 403, 404, 413, 422) },
});
const listApprovals = createRoute({
  method: 'get', path: '/', tags: ['tasks'], summary: 'Menunggu persetujuan / waiting for approval',
  middleware: [requireRole('kepsek', 'guru_bk')] as const,
  responses: { 200: json(z.object({ items: z.array(taskSchema) }).openapi('ApprovalList'), 'Tugas yang perlu persetujuan'), ...errorResponses(401, 403) },
});
const listNotifications = createRoute({
  method: 'get', path: '/', tags: ['tasks'], summary: 'Pemberitahuan (pengingat tenggat) / notifications (due reminders)',
  request: { query: notificationsQuerySchema },
  responses: { 200: json(notificationListSchema, 'Pemberitahuan'), ...errorResponses(400, 401) },
});
const markRead = createRoute({
  method: 'post', path: '/{id}/read', tags: ['tasks'], summary: 'Tandai dibaca / mark read',
  request: { params: idParamsSchema },
  responses: { 200: json(notificationReadSchema, 'Dibaca / read'), ...errorResponses(400, 401, 403, 404, 413) },
});
const getCalendar = createRoute({
  method: 'get', path: '/', tags: ['calendar'], summary: 'Kalender sekolah / school calendar',
  request: { query: calendarQuerySchema },
  responses: { 200: json(calendarListSchema, 'Kalender'), ...errorResponses(400, 401, 403) },
});
const schoolDays = createRoute({
  method: 'get', path: '/school-days', tags: ['calendar'], summary: 'Tanggal n hari sekolah kemudian / the date n school days later',
  request: { query: schoolDaysQuerySchema },
  responses: { 200: json(schoolDaysSchema, 'Tanggal'), ...errorResponses(400, 401, 403) },
});
const putCalendar = createRoute({
  method: 'put', path: '/', tags: ['calendar'], summary: 'Atur libur dan hari sekolah (kepsek) / set holidays',
  middleware: [requireRole('kepsek')] as const,
  request: { body: jsonBody(calendarBodySchema) },
  responses: { 200: json(calendarSavedSchema, 'Tersimpan / saved'), ...errorResponses(400, 401, 403, 413) },
});
const deleteCalendar = createRoute({
  method: 'delete', path: '/{date}', tags: ['calendar'], summary: 'Hapus pengecualian (kepsek) / remove an entry',
  middleware: [requireRole('kepsek')] as const,
  request: { params: calendarDateParamsSchema },
  responses: { 200: json(calendarRemovedSchema, 'Dihapus / removed'), ...errorResponses(400, 401, 403, 413) },
});

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

  /**
   * Open tasks the caller should act on, with the case's student. The
   * kepsek's reason is step content: it follows the step's confidentiality
   * exactly as the case's timeline shows the decision event.
   */
  async function tasksFor(p: Principal, schoolId: string, q: z.infer<typeof tasksQuerySchema>) {
    const rows = await db.tasks.list(schoolId, { status: q.status, ...(q.caseId ? { caseId: q.caseId } : {}) });
    const mine = (t: TaskRow) => t.assigneeId === p.userId || (t.assigneeId === null && (t.roles.length === 0 || t.roles.includes(p.role)));
    const out: z.infer<typeof taskSchema>[] = [];
    const cases = new Map<string, Awaited<ReturnType<typeof loadCase>> | null>();
    const viewer = { id: p.userId, role: p.role };
    for (const t of rows) {
      if (p.role === 'tim' && t.assigneeId !== p.userId) continue;
      if (q.scope === 'mine' && !mine(t)) continue;
      if (!cases.has(t.caseId)) cases.set(t.caseId, await loadCase(db, p, schoolId, t.caseId).catch(() => null));
      const k = cases.get(t.caseId);
      if (!k) continue;
      let approvalReason = t.approvalReason;
      if (approvalReason !== null) {
        const { compiled } = await ctx.cases.versionOf(k.row);
        if (!canSeeContent(stepLevel(compiled, t.stateId), viewer, t.decidedBy ?? '', k.row.assigneeId)) approvalReason = null;
      }
      out.push({
        id: t.id, caseId: t.caseId, stateId: t.stateId, kind: t.kind, title: t.title, roles: t.roles, assigneeId: t.assigneeId,
        dueAt: t.dueAt?.toISOString() ?? null, status: t.status, urgency: taskUrgency(t.dueAt, clock.now()), lateSchoolDays: null,
        requiresApproval: t.requiresApproval, approval: t.approval, approvalReason,
        student: { id: k.student.id, name: k.student.name, className: k.student.className },
      });
    }
    out.sort((a, b) => (a.dueAt ?? '9999').localeCompare(b.dueAt ?? '9999'));
    const overdue = out.filter((t) => t.urgency === 'overdue' && t.dueAt !== null);
    if (overdue.length > 0) {
      const late = await lateCounter(schoolId, overdue[0]!.dueAt!);
      for (const t of overdue) t.lateSchoolDays = late(new Date(t.dueAt!));
    }
    return out;
  }

  /**
   * Counts school days late by the school's own week (five or six days, its
   * time zone), the national holidays when it keeps them and the kepsek's
   * calendar, from the oldest due date on.
   */
  async function lateCounter(schoolId: string, oldestDue: string): Promise<(dueAt: Date) => number | null> {
    const now = clock.now();
    const { settings, offsetMinutes: offset, today } = await schoolClockOf(db, schoolId, now);
    const from = schoolDateOf(new Date(oldestDue), offset);
    const entries = await db.calendar.list(schoolId, { from, to: today });
    const cal: SchoolCalendar = schoolCalendar(entries, { weekDays: settings.weekDays === 6 ? 6 : 5, national: settings.nationalHolidays ? nationalHolidaysBetween(from, today) : [] });
    return (dueAt) => lateSchoolDays(dueAt, now, cal, offset);
  }

  const taskRouter = createRouter();
  taskRouter.use('*', requireAuth(ctx));
  const tasks = taskRouter
    .openapi(listTasks, async (c) => {
      const items = await tasksFor(c.var.principal, schoolOf(c.var.principal), c.req.valid('query'));
      return c.json({ items, counts: countByUrgency(items.map((i) => ({ dueAt: i.dueAt ? new Date(i.dueAt) : null })), clock.now()) }, 200);
    })
    .openapi(assignees, async (c) => {
      const users = await db.users.listBySchool(schoolOf(c.var.principal));
      return c.json({ items: users.filter((u) => u.disabledAt === null).map((u) => ({ id: u.id, name: u.name, role: u.role })) }, 200);
    })
    .openapi(decide, async (c) => {
      const p = c.var.principal;
      const schoolId = schoolOf(p);
      const task = await db.tasks.get(schoolId, c.req.valid('param').id);
      if (!task) throw notFound();
      const { decision, reason } = c.req.valid('json');
      const title = { id: task.title.id, en: task.title.en ?? task.title.id };
      const body = decision === 'approved'
        ? { id: `Disetujui kepala sekolah: ${title.id}`, en: `Approved by the principal: ${title.en}` }
        : { id: `Ditolak kepala sekolah: ${title.id} — ${reason}`, en: `Rejected by the principal: ${title.en} — ${reason}` };
      const answer = await changeApproval(ctx, schoolId, task, decision, reason ?? null, p, { role: 'guru_bk', kind: 'approval_decided', body });
      return c.json(answer, 200);
    })
    .openapi(askAgain, async (c) => {
      // After a rejection the guru BK revises the plan and asks the kepsek again.
      const p = c.var.principal;
      const schoolId = schoolOf(p);
      const task = await db.tasks.get(schoolId, c.req.valid('param').id);
      if (!task) throw notFound();
      await loadCase(db, p, schoolId, task.caseId);
      const { note } = c.req.valid('json');
      const body = { id: `Diajukan ulang untuk persetujuan: ${task.title.id} — ${note}`, en: `Asked again for approval: ${task.title.en ?? task.title.id} — ${note}` };
      const answer = await changeApproval(ctx, schoolId, task, 'pending', note, p, { role: 'kepsek', kind: 'approval_requested', body });
      return c.json(answer, 200);
    })
    .openapi(assignTask, async (c) => {
      const p = c.var.principal;
      const schoolId = schoolOf(p);
      const body = c.req.valid('json');
      if (body.assigneeId !== null) {
        const u = await db.users.get(body.assigneeId);
        if (!u || u.schoolId !== schoolId) throw notFound();
      }
      const r = await db.tasks.assign(schoolId, c.req.valid('param').id, body.assigneeId);
      if (!r.ok) throw fromDbError(r.error);
      return c.json({ id: r.value.id, assigneeId: r.value.assigneeId }, 200);
    });

  const approvalRouter = createRouter();
  approvalRouter.use('*', requireAuth(ctx));
  const approvals = approvalRouter.openapi(listApprovals, async (c) => {
    const p = c.var.principal;
    const items = (await tasksFor(p, schoolOf(p), { scope: 'all', status: 'open' })).filter((t) => t.requiresApproval);
    return c.json({ items }, 200);
  });

  const notificationRouter = createRouter();
  notificationRouter.use('*', requireAuth(ctx));
  const notifications = notificationRouter
    .openapi(listNotifications, async (c) => {
      const p = c.var.principal;
      // Reminders are written once per task; checking here means nobody misses one between scheduler runs.
      await db.tasks.remind(clock.now());
      const user = { id: p.userId, role: p.role, schoolId: p.schoolId };
      const q = c.req.valid('query');
      const rows = await db.notifications.listForUser(user, { unreadOnly: q.unread === 'true', limit: 100 });
      return c.json({ items: rows.map((n) => ({ id: n.id, kind: n.kind, body: n.body, caseId: n.caseId, createdAt: n.createdAt.toISOString(), read: n.readAt !== null })) }, 200);
    })
    .openapi(markRead, async (c) => {
      const p = c.var.principal;
      const ok = await db.notifications.markRead({ id: p.userId, role: p.role, schoolId: p.schoolId }, c.req.valid('param').id, clock.now());
      if (!ok) throw notFound();
      return c.json({ ok: true as const }, 200);
    });

  const calendarRouter = createRouter();
  calendarRouter.use('*', requireAuth(ctx));
  const calendar = calendarRouter
    .openapi(getCalendar, async (c) => {
      const rows = await db.calendar.list(schoolOf(c.var.principal), c.req.valid('query'));
      return c.json({ items: rows.map((r) => ({ date: r.date, kind: r.kind, note: r.note })) }, 200);
    })
    .openapi(schoolDays, async (c) => {
      const q = c.req.valid('query');
      const rows = await db.calendar.list(schoolOf(c.var.principal), { from: q.from, to: `${Number(q.from.slice(0, 4)) + 2}-12-31` });
      return c.json({ from: q.from, days: q.days, date: addSchoolDays(q.from, q.days, schoolCalendar(rows)) }, 200);
    })
    .openapi(putCalendar, async (c) => {
      const body = c.req.valid('json');
      await db.calendar.set(schoolOf(c.var.principal), body.entries.map((e) => ({ date: e.date, kind: e.kind, note: e.note ?? null })));
      return c.json({ saved: body.entries.length }, 200);
    })
    .openapi(deleteCalendar, async (c) => {
      const { date } = c.req.valid('param');
      await db.calendar.remove(schoolOf(c.var.principal), date);
      return c.json({ removed: date }, 200);
    });

  return { tasks, approvals, notifications, calendar };
}
