/**
 * Peer counsellors (konselor sebaya) and their supervision (issue 15), mounted under `/api`:
 * - `GET /registers/peer-counsellors` (`?pickable=true`: active and trained, for a step's picker), with
 *   the school's guru BK who may supervise;
 * - `POST /registers/peer-counsellors`: a student of the school, trained when / by whom, supervised by a guru BK;
 * - `GET|PATCH /registers/peer-counsellors/{id}`: one counsellor with the supervision sessions they were at;
 * - `GET|POST /registers/supervisions`: supervision sessions, recorded once for every counsellor present.
 * Supervision notes follow the notes' confidentiality (`canSeeContent`, the supervising guru BK in the
 * place of a case's guru BK); a `rahasia` read is audited. The kepsek and guru BK write, the Satgas reads.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { canSeeContent, CONFIDENTIALITY_LEVELS, writableLevels } from '@jalur/casework';
import type { PeerCounsellorRow, PeerSupervision, StudentRow } from '@jalur/db';
import { schoolOf } from '../auth/middleware.ts';
import { UserNames } from '../cases/people.ts';
import { failWith } from '../casework/http.ts';
import type { ApiContext } from '../context.ts';
import { fromDbError } from '../http/db-errors.ts';
import { notFound } from '../http/errors.ts';
import { createOnce } from '../http/idempotent-create.ts';
import { createRouter, type Principal } from '../http/router.ts';
import { dateSchema, dateTimeSchema, errorResponses, idempotencyHeaderSchema, idParamsSchema, idSchema, json, jsonBody, replayableJson } from '../schemas/common.ts';
import { authOn, mayRead, mayWrite } from './groups-access.ts';

const person = z.object({ id: z.string(), name: z.string() });
const counsellorSchema = z.object({
  id: z.string(), studentId: z.string(), studentName: z.string(), className: z.string().nullable(),
  trainedOn: dateSchema.nullable(), trainingName: z.string().nullable(), trainingOrganiser: z.string().nullable(), trained: z.boolean(),
  supervisor: person.nullable(), active: z.boolean(),
  /** Active and trained: a peer-support step may pick them. */
  pickable: z.boolean(),
  createdAt: dateTimeSchema, updatedAt: dateTimeSchema,
}).openapi('PeerCounsellor');
const supervisionSchema = z.object({
  id: z.string(), heldOn: dateSchema, supervisor: person, counsellors: z.array(person.extend({ className: z.string().nullable() })),
  /** Null when the caller may not read them (see `notesHidden`). */
  notes: z.string().nullable(), notesHidden: z.boolean(), confidentiality: z.enum(CONFIDENTIALITY_LEVELS), recordedBy: person, createdAt: dateTimeSchema,
}).openapi('PeerSupervision');
const counsellorListSchema = z.object({ items: z.array(counsellorSchema), supervisors: z.array(person), canWrite: z.boolean() }).openapi('PeerCounsellorList');
const counsellorDetailSchema = counsellorSchema.extend({ supervisions: z.array(supervisionSchema) }).openapi('PeerCounsellorDetail');

const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();
const counsellorFields = {
  trainedOn: dateSchema.nullable().optional(), trainingName: optionalText(200), trainingOrganiser: optionalText(200), supervisorId: idSchema.nullable().optional(), active: z.boolean().optional(),
};
const counsellorBody = z.object({ studentId: idSchema, ...counsellorFields }).strict().openapi('PeerCounsellorRequest');
const counsellorPatch = z.object(counsellorFields).strict().refine((b) => Object.keys(b).length > 0, { message: 'Tidak ada yang diubah / nothing to change' }).openapi('PeerCounsellorPatch');
const supervisionBody = z.object({
  heldOn: dateSchema, supervisorId: idSchema.optional(), counsellorIds: z.array(idSchema).min(1).max(100), notes: optionalText(8000), confidentiality: z.enum(CONFIDENTIALITY_LEVELS).default('terbatas'),
}).strict().openapi('PeerSupervisionRequest');

const READ = errorResponses(400, 401, 403, 404);
const WRITE = errorResponses(400, 401, 403, 404, 409, 413, 422);
const list = createRoute({
  method: 'get', path: '/registers/peer-counsellors', tags: ['registers'], summary: 'Konselor sebaya / peer counsellors',
  request: { query: z.object({ pickable: z.enum(['true', 'false']).optional(), active: z.enum(['true', 'false']).optional() }) },
  responses: { 200: json(counsellorListSchema, 'Konselor sebaya'), ...errorResponses(400, 401, 403) },
});
const create = createRoute({
  method: 'post', path: '/registers/peer-counsellors', tags: ['registers'], summary: 'Daftarkan konselor sebaya / register a peer counsellor',
  request: { headers: idempotencyHeaderSchema, body: jsonBody(counsellorBody) }, responses: { 201: replayableJson(counsellorSchema, 'Konselor sebaya'), ...WRITE },
});
const get = createRoute({
  method: 'get', path: '/registers/peer-counsellors/{id}', tags: ['registers'], summary: 'Konselor sebaya dan supervisinya / a peer counsellor and their supervision',
  request: { params: idParamsSchema }, responses: { 200: json(counsellorDetailSchema, 'Konselor sebaya'), ...READ },
});
const update = createRoute({
  method: 'patch', path: '/registers/peer-counsellors/{id}', tags: ['registers'], summary: 'Ubah konselor sebaya / change a peer counsellor',
  request: { params: idParamsSchema, body: jsonBody(counsellorPatch) }, responses: { 200: json(counsellorSchema, 'Konselor sebaya'), ...WRITE },
});
const listSupervisions = createRoute({
  method: 'get', path: '/registers/supervisions', tags: ['registers'], summary: 'Sesi supervisi konselor sebaya / supervision sessions',
  responses: { 200: json(z.object({ items: z.array(supervisionSchema) }).openapi('PeerSupervisionList'), 'Supervisi'), ...errorResponses(401, 403) },
});
const createSupervision = createRoute({
  method: 'post', path: '/registers/supervisions', tags: ['registers'], summary: 'Catat sesi supervisi (sekali untuk semua konselor yang hadir) / record a supervision session once',
  request: { headers: idempotencyHeaderSchema, body: jsonBody(supervisionBody) }, responses: { 201: replayableJson(supervisionSchema, 'Supervisi'), ...WRITE },
});

function levelAllowed(p: Principal, level: (typeof CONFIDENTIALITY_LEVELS)[number]): void {
  if (!writableLevels(p.role).includes(level))
    throw failWith(403, 'confidentiality_not_allowed', { id: 'Anda tidak dapat menulis pada tingkat kerahasiaan ini.', en: 'You cannot write at this confidentiality level.' }, { allowed: writableLevels(p.role) });
}

export function peerRoutes(ctx: ApiContext) {
  const { db, clock } = ctx;
  const names = new UserNames(db, clock);
  const router = createRouter();
  authOn(ctx, router, ['/registers/peer-counsellors', '/registers/peer-counsellors/*', '/registers/supervisions']);

  const supervisors = async (schoolId: string) => (await db.users.listBySchool(schoolId, { role: 'guru_bk' })).filter((u) => !u.disabledAt);
  const checkSupervisor = async (schoolId: string, id: string | null | undefined) => {
    if (!id) return;
    if (!(await supervisors(schoolId)).some((u) => u.id === id))
      throw failWith(422, 'supervisor_invalid', { id: 'Pembimbing harus guru BK aktif di sekolah ini.', en: 'The supervisor must be an active guru BK of this school.' }, { field: 'supervisorId' });
  };
  const studentsOf = async (schoolId: string, ids: string[]) => new Map((await db.students.getMany(schoolId, ids)).map((s) => [s.id, s] as const));
  const ref = async (schoolId: string, id: string | null) => (id ? ((await names.ref(schoolId, id)) ?? { id, name: '' }) : null);
  const viewWith = (r: PeerCounsellorRow, s: StudentRow | null | undefined, supervisor: { id: string; name: string } | null) => ({
    id: r.id, studentId: r.studentId, studentName: s?.name ?? '', className: s?.className ?? null, trainedOn: r.trainedOn, trainingName: r.trainingName,
    trainingOrganiser: r.trainingOrganiser, trained: r.trainedOn !== null, supervisor, active: r.active, pickable: r.active && r.trainedOn !== null,
    createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString(),
  });
  const view = async (schoolId: string, r: PeerCounsellorRow, s: StudentRow | null | undefined) => viewWith(r, s, await ref(schoolId, r.supervisorId));
  /** Supervision sessions as `p` may read them; each `rahasia` note shown is audited. */
  const supervisionViews = async (p: Principal, schoolId: string, rows: PeerSupervision[]) => {
    const counsellors = new Map((await db.registers.listCounsellors(schoolId)).map((c) => [c.id, c]));
    const students = await studentsOf(schoolId, [...counsellors.values()].map((c) => c.studentId));
    const viewer = { id: p.userId, role: p.role };
    const out = [];
    const rahasia: string[] = [];
    for (const s of rows) {
      const visible = canSeeContent(s.confidentiality, viewer, s.recordedBy, s.supervisorId);
      if (visible && s.confidentiality === 'rahasia' && s.notes !== null) rahasia.push(s.id);
      out.push({
        id: s.id, heldOn: s.heldOn, supervisor: (await ref(schoolId, s.supervisorId))!,
        counsellors: s.counsellorIds.map((id) => {
          const st = students.get(counsellors.get(id)?.studentId ?? '');
          return { id, name: st?.name ?? '', className: st?.className ?? null };
        }),
        notes: visible ? s.notes : null, notesHidden: !visible && s.notes !== null, confidentiality: s.confidentiality, recordedBy: (await ref(schoolId, s.recordedBy))!, createdAt: s.createdAt.toISOString(),
      });
    }
    if (rahasia.length > 0) await db.audit.record({ action: 'register.supervision_read_rahasia', subject: `school:${schoolId}`, actorId: p.userId, schoolId, at: clock.now(), details: { supervisions: rahasia } });
    return out;
  };

  return router
    .openapi(list, async (c) => {
      const p = c.var.principal;
      mayRead(p);
      const schoolId = schoolOf(p);
      const q = c.req.valid('query');
      let rows = await db.registers.listCounsellors(schoolId, q.active ? { active: q.active === 'true' } : {});
      if (q.pickable === 'true') rows = rows.filter((r) => r.active && r.trainedOn !== null);
      const students = await studentsOf(schoolId, rows.map((r) => r.studentId));
      const items = [];
      for (const r of rows) items.push(await view(schoolId, r, students.get(r.studentId)));
      items.sort((a, b) => a.studentName.localeCompare(b.studentName, 'id'));
      return c.json({ items, supervisors: (await supervisors(schoolId)).map((u) => ({ id: u.id, name: u.name })), canWrite: p.role === 'kepsek' || p.role === 'guru_bk' }, 200);
    })
    .openapi(create, async (c) => {
      const p = c.var.principal;
      mayWrite(p);
      const schoolId = schoolOf(p);
      const body = c.req.valid('json');
      await checkSupervisor(schoolId, body.supervisorId);
      const student = await db.students.get(schoolId, body.studentId);
      const supervisor = await ref(schoolId, body.supervisorId ?? null);
      const build = (row: PeerCounsellorRow) => viewWith(row, student, supervisor);
      const r = await createOnce(
        c, { actorId: p.userId, now: clock.now(), key: c.req.valid('header')['idempotency-key'], route: 'POST /api/registers/peer-counsellors', path: '/api/registers/peer-counsellors', body, view: build },
        (opts) => db.registers.addCounsellor(
          schoolId,
          { studentId: body.studentId, trainedOn: body.trainedOn ?? null, trainingName: body.trainingName || null, trainingOrganiser: body.trainingOrganiser || null, supervisorId: body.supervisorId ?? null, ...(body.active === undefined ? {} : { active: body.active }) },
          opts,
        ),
        (e) => {
          if (e.code === 'invalid') return failWith(422, 'student_invalid', { id: 'Siswa tidak ditemukan di sekolah ini.', en: 'No such student in this school.' }, { field: 'studentId' });
          if (e.code === 'conflict') return failWith(409, 'duplicate', { id: 'Siswa ini sudah terdaftar sebagai konselor sebaya.', en: 'This student is already a peer counsellor.' }, { field: 'studentId' });
          return fromDbError(e);
        },
      );
      return c.json('replay' in r ? r.replay : build(r.value), 201);
    })
    .openapi(get, async (c) => {
      const p = c.var.principal;
      mayRead(p);
      const schoolId = schoolOf(p);
      const row = await db.registers.getCounsellor(schoolId, c.req.valid('param').id);
      if (!row) throw notFound();
      const student = await db.students.get(schoolId, row.studentId);
      const supervisions = await supervisionViews(p, schoolId, await db.registers.listSupervisions(schoolId, { counsellorId: row.id }));
      return c.json({ ...(await view(schoolId, row, student)), supervisions }, 200);
    })
    .openapi(update, async (c) => {
      const p = c.var.principal;
      mayWrite(p);
      const schoolId = schoolOf(p);
      const body = c.req.valid('json');
      await checkSupervisor(schoolId, body.supervisorId);
      const patch = {
        ...(body.trainedOn !== undefined ? { trainedOn: body.trainedOn } : {}), ...(body.trainingName !== undefined ? { trainingName: body.trainingName || null } : {}),
        ...(body.trainingOrganiser !== undefined ? { trainingOrganiser: body.trainingOrganiser || null } : {}), ...(body.supervisorId !== undefined ? { supervisorId: body.supervisorId } : {}),
        ...(body.active !== undefined ? { active: body.active } : {}),
      };
      const r = await db.registers.updateCounsellor(schoolId, c.req.valid('param').id, patch, { actorId: p.userId, now: clock.now() });
      if (!r.ok) throw fromDbError(r.error);
      return c.json(await view(schoolId, r.value, await db.students.get(schoolId, r.value.studentId)), 200);
    })
    .openapi(listSupervisions, async (c) => {
      const p = c.var.principal;
      mayRead(p);
      const schoolId = schoolOf(p);
      return c.json({ items: await supervisionViews(p, schoolId, await db.registers.listSupervisions(schoolId)) }, 200);
    })
    .openapi(createSupervision, async (c) => {
      const p = c.var.principal;
      mayWrite(p);
      const schoolId = schoolOf(p);
      const body = c.req.valid('json');
      levelAllowed(p, body.confidentiality);
      const supervisorId = body.supervisorId ?? (p.role === 'guru_bk' ? p.userId : undefined);
      if (!supervisorId) throw failWith(422, 'supervisor_required', { id: 'Pilih guru BK yang menyupervisi.', en: 'Choose the supervising guru BK.' }, { field: 'supervisorId' });
      await checkSupervisor(schoolId, supervisorId);
      const counsellors = new Map((await db.registers.listCounsellors(schoolId)).map((x) => [x.id, x]));
      const students = await studentsOf(schoolId, [...counsellors.values()].map((x) => x.studentId));
      const supervisor = (await ref(schoolId, supervisorId))!;
      const recorder = { id: p.userId, name: p.name };
      const build = (s: PeerSupervision) => ({
        id: s.id, heldOn: s.heldOn, supervisor,
        counsellors: s.counsellorIds.map((id) => {
          const st = students.get(counsellors.get(id)?.studentId ?? '');
          return { id, name: st?.name ?? '', className: st?.className ?? null };
        }),
        notes: s.notes, notesHidden: false, confidentiality: s.confidentiality, recordedBy: recorder, createdAt: s.createdAt.toISOString(),
      });
      const r = await createOnce(
        c, { actorId: p.userId, now: clock.now(), key: c.req.valid('header')['idempotency-key'], route: 'POST /api/registers/supervisions', path: '/api/registers/supervisions', body, view: build },
        (opts) => db.registers.addSupervision(schoolId, { heldOn: body.heldOn, supervisorId, counsellorIds: body.counsellorIds, notes: body.notes || null, confidentiality: body.confidentiality }, opts),
        (e) => (e.code === 'invalid' ? failWith(422, 'counsellor_invalid', { id: 'Setiap konselor yang hadir harus terdaftar di sekolah ini.', en: 'Every counsellor present must be registered in this school.' }, { field: 'counsellorIds' }) : fromDbError(e)),
      );
      return c.json('replay' in r ? r.replay : build(r.value), 201);
    });
}
