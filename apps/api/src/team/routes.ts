/**
 * The school's Satgas SRPS (Satuan Tugas Siswa Rentan Putus Sekolah), at
 * `/api/team`: who serves, in which function (kepala sekolah, wakasek
 * kesiswaan, guru BK, wali kelas, pembina OSIS, OSIS, komite) and with
 * which duties. Every staff member of the school reads it; the kepsek
 * (acting as kepsek) adds, edits and removes members. A guru BK or kepsek
 * assigns an open step to a function (`POST /tasks/{id}/assign`): every
 * member with it gets the step. Each change is audited with the role it was
 * made in.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { TEAM_FUNCTIONS, type TeamMember } from '@jalur/db';
import type { ApiContext } from '../context.ts';
import { requireAuth, requireRole, schoolOf } from '../auth/middleware.ts';
import { fromDbError } from '../http/db-errors.ts';
import { createRouter } from '../http/router.ts';
import { errorResponses, idParamsSchema, idSchema, json, jsonBody } from '../schemas/common.ts';

const functionSchema = z.enum(TEAM_FUNCTIONS).openapi('TeamFunction');
const dutiesSchema = z.string().trim().max(500);

const memberSchema = z
  .object({
    id: z.string(),
    userId: z.string(),
    name: z.string(),
    email: z.string(),
    function: functionSchema,
    duties: z.string(),
    disabled: z.boolean(),
  })
  .openapi('TeamMember');

const teamSchema = z.object({ members: z.array(memberSchema) }).openapi('Team');
const addBodySchema = z.object({ userId: idSchema, function: functionSchema, duties: dutiesSchema.optional() }).strict().openapi('AddTeamMember');
const updateBodySchema = z.object({ duties: dutiesSchema }).strict().openapi('UpdateTeamMember');

const list = createRoute({
  method: 'get', path: '/', tags: ['team'], summary: 'Tim Satgas SRPS sekolah / the school’s Satgas SRPS team',
  responses: { 200: json(teamSchema, 'Anggota / members'), ...errorResponses(401, 403) },
});
const add = createRoute({
  method: 'post', path: '/', tags: ['team'], summary: 'Tambah anggota / add a member (kepsek)',
  request: { body: jsonBody(addBodySchema) },
  responses: { 201: json(memberSchema, 'Anggota / member'), ...errorResponses(400, 401, 403, 409, 422) },
});
const update = createRoute({
  method: 'patch', path: '/{id}', tags: ['team'], summary: 'Ubah tugas anggota / change a member’s duties (kepsek)',
  request: { params: idParamsSchema, body: jsonBody(updateBodySchema) },
  responses: { 200: json(memberSchema, 'Anggota / member'), ...errorResponses(400, 401, 403, 404) },
});
const remove = createRoute({
  method: 'delete', path: '/{id}', tags: ['team'], summary: 'Keluarkan anggota / remove a member (kepsek)',
  request: { params: idParamsSchema },
  responses: { 200: json(z.object({ ok: z.literal(true) }), 'Dikeluarkan / removed'), ...errorResponses(400, 401, 403, 404) },
});

const assignBodySchema = z.object({ function: functionSchema }).strict().openapi('AssignTaskToFunction');
const assignedSchema = z
  .object({ taskId: z.string(), function: functionSchema, tasks: z.array(z.object({ id: z.string(), assigneeId: z.string().nullable() })) })
  .openapi('TaskAssignedToFunction');
const assignToFunction = createRoute({
  method: 'post', path: '/tasks/{id}/assign', tags: ['team'], summary: 'Tugaskan langkah ke sebuah fungsi tim / assign a step to a team function (guru BK, kepsek)',
  description: 'Setiap anggota dengan fungsi itu mendapat langkah tersebut (tugasnya sendiri); meninggalkan langkah menutup semuanya. / Every member with that function gets the step (a task each); leaving the step closes them all.',
  request: { params: idParamsSchema, body: jsonBody(assignBodySchema) },
  responses: { 200: json(assignedSchema, 'Ditugaskan / assigned'), ...errorResponses(400, 401, 403, 404, 422) },
});

const view = (m: TeamMember) => ({ id: m.id, userId: m.userId, name: m.name, email: m.email, function: m.function, duties: m.duties, disabled: m.disabled });

export function teamRoutes(ctx: ApiContext) {
  const { db, clock } = ctx;
  const router = createRouter();
  router.use('*', requireAuth(ctx));
  router.use('*', requireRole('kepsek', 'guru_bk', 'wali_kelas', 'tim'));
  const memberOf = async (schoolId: string, id: string) => (await db.schools.team(schoolId)).find((m) => m.id === id)!;
  const kepsekOnly = requireRole('kepsek');
  router.post('/', kepsekOnly);
  router.patch('/:id', kepsekOnly);
  router.delete('/:id', kepsekOnly);
  router.post('/tasks/:id/assign', requireRole('guru_bk', 'kepsek'));
  return router
    .openapi(list, async (c) => {
      const members = await db.schools.team(schoolOf(c.var.principal));
      return c.json({ members: members.map(view) }, 200);
    })
    .openapi(add, async (c) => {
      const p = c.var.principal;
      const schoolId = schoolOf(p);
      const body = c.req.valid('json');
      const done = await db.schools.addTeamMember(schoolId, { userId: body.userId, function: body.function, duties: body.duties ?? '', actorId: p.userId, now: clock.now() });
      if (!done.ok) throw fromDbError(done.error);
      return c.json(view(await memberOf(schoolId, done.value.id)), 201);
    })
    .openapi(update, async (c) => {
      const p = c.var.principal;
      const schoolId = schoolOf(p);
      const done = await db.schools.updateTeamMember(schoolId, c.req.valid('param').id, { duties: c.req.valid('json').duties, actorId: p.userId, now: clock.now() });
      if (!done.ok) throw fromDbError(done.error);
      return c.json(view(await memberOf(schoolId, done.value.id)), 200);
    })
    .openapi(assignToFunction, async (c) => {
      const p = c.var.principal;
      const fn = c.req.valid('json').function;
      const done = await db.schools.assignTaskToFunction(schoolOf(p), c.req.valid('param').id, { function: fn, actorId: p.userId, now: clock.now() });
      if (!done.ok) throw fromDbError(done.error);
      return c.json({ taskId: c.req.valid('param').id, function: fn, tasks: done.value.map((t) => ({ id: t.id, assigneeId: t.assigneeId })) }, 200);
    })
    .openapi(remove, async (c) => {
      const p = c.var.principal;
      const done = await db.schools.removeTeamMember(schoolOf(p), c.req.valid('param').id, { actorId: p.userId, now: clock.now() });
      if (!done.ok) throw fromDbError(done.error);
      return c.json({ ok: true as const }, 200);
    });
}
