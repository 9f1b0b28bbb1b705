/**
 * Group counselling sessions (issue 15), recorded once with their members,
 * mounted under `/api`:
 * - `GET|POST /registers/group-sessions`, `GET /registers/group-sessions/{id}`: the school's sessions;
 * - `GET /cases/{id}/group-sessions`: the sessions a case was a member of (its records panel and timeline).
 * A member's name is shown only to a caller who may open that member's case (others see that
 * there were more members); the summary follows the notes' confidentiality (`canSeeContent`,
 * on the member case's guru BK), a `rahasia` read is audited. The kepsek and guru BK write, the
 * Satgas reads the register; a case's sessions are read by whoever may open the case.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { canSeeContent, CONFIDENTIALITY_LEVELS, writableLevels } from '@jalur/casework';
import type { CaseRow, GroupSession, StudentRow } from '@jalur/db';
import { schoolOf } from '../auth/middleware.ts';
import { UserNames } from '../cases/people.ts';
import { loadCase } from '../casework/access.ts';
import { failWith } from '../casework/http.ts';
import type { ApiContext } from '../context.ts';
import { fromDbError } from '../http/db-errors.ts';
import { notFound } from '../http/errors.ts';
import { createOnce } from '../http/idempotent-create.ts';
import { createRouter, type Principal } from '../http/router.ts';
import { dateSchema, dateTimeSchema, errorResponses, idempotencyHeaderSchema, idParamsSchema, idSchema, json, jsonBody, replayableJson } from '../schemas/common.ts';
import { authOn, caseOpener, mayRead, mayWrite } from './groups-access.ts';

const memberSchema = z.object({ caseId: z.string(), studentName: z.string(), className: z.string().nullable() });
const sessionSchema = z.object({
  id: z.string(), heldOn: dateSchema, topic: z.string(),
  /** Null when the caller may not read it (see `summaryHidden`). */
  summary: z.string().nullable(), summaryHidden: z.boolean(), confidentiality: z.enum(CONFIDENTIALITY_LEVELS),
  /** The members whose case the caller may open. */
  members: z.array(memberSchema),
  /** How many members there were in all. */
  memberCount: z.number().int(),
  recordedBy: z.object({ id: z.string(), name: z.string() }), createdAt: dateTimeSchema,
}).openapi('GroupSession');
const sessionList = z.object({ items: z.array(sessionSchema), canWrite: z.boolean() }).openapi('GroupSessionList');
const sessionBody = z.object({
  heldOn: dateSchema, topic: z.string().trim().min(1).max(500), summary: z.string().trim().max(8000).nullable().optional(),
  confidentiality: z.enum(CONFIDENTIALITY_LEVELS).default('terbatas'), caseIds: z.array(idSchema).min(2).max(60),
}).strict().openapi('GroupSessionRequest');

const list = createRoute({
  method: 'get', path: '/registers/group-sessions', tags: ['registers'], summary: 'Konseling kelompok / group counselling sessions',
  responses: { 200: json(sessionList, 'Sesi kelompok'), ...errorResponses(401, 403) },
});
const create = createRoute({
  method: 'post', path: '/registers/group-sessions', tags: ['registers'], summary: 'Catat sesi konseling kelompok sekali untuk semua anggota / record a group session once',
  request: { headers: idempotencyHeaderSchema, body: jsonBody(sessionBody) },
  responses: { 201: replayableJson(sessionSchema, 'Sesi kelompok'), ...errorResponses(400, 401, 403, 404, 413, 422) },
});
const get = createRoute({
  method: 'get', path: '/registers/group-sessions/{id}', tags: ['registers'], summary: 'Satu sesi konseling kelompok / one group session',
  request: { params: idParamsSchema }, responses: { 200: json(sessionSchema, 'Sesi kelompok'), ...errorResponses(400, 401, 403, 404) },
});
const ofCase = createRoute({
  method: 'get', path: '/cases/{id}/group-sessions', tags: ['registers'], summary: 'Sesi konseling kelompok kasus ini / the group sessions of a case',
  request: { params: idParamsSchema }, responses: { 200: json(z.object({ items: z.array(sessionSchema) }).openapi('CaseGroupSessionList'), 'Sesi kelompok'), ...errorResponses(400, 401, 403, 404) },
});

export function groupRoutes(ctx: ApiContext) {
  const { db, clock } = ctx;
  const names = new UserNames(db, clock);
  const router = createRouter();
  authOn(ctx, router, ['/registers/group-sessions', '/registers/group-sessions/*', '/cases/:id/group-sessions']);

  const views = sessionViews(db, clock, names);

  return router
    .openapi(list, async (c) => {
      const p = c.var.principal;
      mayRead(p);
      const schoolId = schoolOf(p);
      return c.json({ items: await views(p, schoolId, await db.registers.listGroupSessions(schoolId)), canWrite: p.role === 'kepsek' || p.role === 'guru_bk' }, 200);
    })
    .openapi(create, async (c) => {
      const p = c.var.principal;
      mayWrite(p);
      const schoolId = schoolOf(p);
      const body = c.req.valid('json');
      if (!writableLevels(p.role).includes(body.confidentiality))
        throw failWith(403, 'confidentiality_not_allowed', { id: 'Anda tidak dapat menulis pada tingkat kerahasiaan ini.', en: 'You cannot write at this confidentiality level.' }, { allowed: writableLevels(p.role) });
      // Every member is a case the writer may open (another school's, or an unknown one, is "not found" in words).
      const members: { row: CaseRow; student: StudentRow }[] = [];
      for (const id of [...new Set(body.caseIds)]) {
        try {
          members.push(await loadCase(db, p, schoolId, id));
        } catch {
          throw failWith(422, 'member_invalid', { id: 'Setiap anggota harus siswa dengan kasus di sekolah ini.', en: 'Every member must be a student with a case in this school.' }, { field: 'caseIds', index: body.caseIds.indexOf(id) });
        }
      }
      const closed = members.find((m) => m.row.status !== 'active');
      if (closed)
        throw failWith(422, 'member_case_closed', { id: `Kasus ${closed.student.name} sudah ditutup; anggota kelompok harus kasus yang masih terbuka.`, en: `${closed.student.name}'s case is closed; members must have open cases.` }, { field: 'caseIds', caseId: closed.row.id });
      if (members.length < 2) throw failWith(422, 'members_too_few', { id: 'Konseling kelompok perlu minimal 2 anggota.', en: 'A group needs at least 2 members.' }, { field: 'caseIds' });
      const recorder = { id: p.userId, name: p.name };
      const build = (s: GroupSession) => ({
        id: s.id, heldOn: s.heldOn, topic: s.topic, summary: s.summary, summaryHidden: false, confidentiality: s.confidentiality,
        members: members.map((m) => ({ caseId: m.row.id, studentName: m.student.name, className: m.student.className })), memberCount: s.members.length, recordedBy: recorder, createdAt: s.createdAt.toISOString(),
      });
      const r = await createOnce(
        c, { actorId: p.userId, now: clock.now(), key: c.req.valid('header')['idempotency-key'], route: 'POST /api/registers/group-sessions', path: '/api/registers/group-sessions', body, view: build },
        (opts) => db.registers.addGroupSession(schoolId, { heldOn: body.heldOn, topic: body.topic, summary: body.summary || null, confidentiality: body.confidentiality, caseIds: members.map((m) => m.row.id) }, opts),
        (e) => (e.code === 'invalid' ? failWith(422, 'member_invalid', { id: 'Setiap anggota harus kasus terbuka di sekolah ini.', en: 'Every member must be an open case of this school.' }, { field: 'caseIds' }) : fromDbError(e)),
      );
      return c.json('replay' in r ? r.replay : build(r.value), 201);
    })
    .openapi(get, async (c) => {
      const p = c.var.principal;
      mayRead(p);
      const schoolId = schoolOf(p);
      const s = await db.registers.getGroupSession(schoolId, c.req.valid('param').id);
      if (!s) throw notFound();
      return c.json((await views(p, schoolId, [s]))[0]!, 200);
    })
    .openapi(ofCase, async (c) => {
      const p = c.var.principal;
      const schoolId = schoolOf(p);
      const { row } = await loadCase(db, p, schoolId, c.req.valid('param').id);
      return c.json({ items: await views(p, schoolId, await db.registers.listGroupSessions(schoolId, { caseId: row.id }), row) }, 200);
    });
}

/**
 * Sessions as `p` may see them. `summaryCase`: the case whose guru BK decides a `rahasia` summary
 * (a case's own list); otherwise any member case the caller may open that lets them read it.
 */
function sessionViews(db: ApiContext['db'], clock: ApiContext['clock'], names: UserNames) {
  return async function views(p: Principal, schoolId: string, sessions: GroupSession[], summaryCase?: CaseRow) {
    const caseIds = [...new Set(sessions.flatMap((s) => s.members.map((m) => m.caseId)))];
    const cases = new Map<string, CaseRow>();
    for (const id of caseIds) {
      const row = await db.cases.get(schoolId, id);
      if (row) cases.set(id, row);
    }
    const students = new Map((await db.students.getMany(schoolId, [...cases.values()].map((x) => x.studentId))).map((s) => [s.id, s] as const));
    const opens = await caseOpener(db, p, schoolId);
    const viewer = { id: p.userId, role: p.role };
    const rahasia: string[] = [];
    const out = [];
    for (const s of sessions) {
      const open: { row: CaseRow; student: StudentRow | null }[] = [];
      for (const m of s.members) {
        const row = cases.get(m.caseId);
        const student = row ? (students.get(row.studentId) ?? null) : null;
        if (row && opens(row, student)) open.push({ row, student });
      }
      const judged = summaryCase ? [summaryCase] : open.map((o) => o.row);
      const visible = s.summary !== null && judged.some((row) => canSeeContent(s.confidentiality, viewer, s.recordedBy, row.assigneeId));
      if (visible && s.confidentiality === 'rahasia') rahasia.push(s.id);
      out.push({
        id: s.id, heldOn: s.heldOn, topic: s.topic, summary: visible ? s.summary : null, summaryHidden: s.summary !== null && !visible, confidentiality: s.confidentiality,
        members: open.map((o) => ({ caseId: o.row.id, studentName: o.student?.name ?? '', className: o.student?.className ?? null })), memberCount: s.members.length,
        recordedBy: (await names.ref(schoolId, s.recordedBy)) ?? { id: s.recordedBy, name: '' }, createdAt: s.createdAt.toISOString(),
      });
    }
    if (rahasia.length > 0) await db.audit.record({ action: 'register.group_session_read_rahasia', subject: summaryCase ? `case:${summaryCase.id}` : `school:${schoolId}`, actorId: p.userId, schoolId, at: clock.now(), details: { sessions: rahasia } });
    return out;
  };
}

/**
 * The case book's lines for the group sessions a case was in (the same words as the case page): date,
 * topic, the members the reader may open (the rest counted), the summary within the reader's level.
 * `rahasia`: a rahasia summary was printed.
 */
export async function caseBookGroupSessions(ctx: ApiContext, p: Principal, schoolId: string, row: CaseRow): Promise<{ items: { kind: string; at: Date; by: string; fields: [string, string][] }[]; rahasia: boolean }> {
  const views = sessionViews(ctx.db, ctx.clock, new UserNames(ctx.db, ctx.clock));
  const seen = await views(p, schoolId, await ctx.db.registers.listGroupSessions(schoolId, { caseId: row.id }), row);
  const items = seen.map((s) => {
    const others = s.members.filter((m) => m.caseId !== row.id).map((m) => m.studentName);
    const hidden = s.memberCount - s.members.length;
    const members = [...others, ...(hidden > 0 ? [`${hidden} anggota lain`] : [])].join(', ') || '-';
    return {
      kind: 'Konseling kelompok', at: new Date(`${s.heldOn}T00:00:00Z`), by: s.recordedBy.name,
      fields: [['Tanggal', s.heldOn], ['Topik', s.topic], ['Anggota lain', members], ['Ringkasan', s.summary ?? (s.summaryHidden ? 'Rahasia — tidak ditampilkan' : '-')]] as [string, string][],
    };
  });
  return { items, rahasia: seen.some((s) => s.confidentiality === 'rahasia' && s.summary !== null) };
}
