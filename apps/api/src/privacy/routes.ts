/**
 * Data protection (UU PDP) and staff roles, kepsek only:
 * - `GET /api/students/:id/export` — one student's data as JSON (audited
 *   `student.export`);
 * - `POST /api/students/:id/erase` `{ confirm: "<NISN>" }` — irreversible:
 *   anonymises the student and the free text of their cases through the
 *   database's erasure (audited `student.erase`); the cases stay, so reports
 *   still count them, de-identified;
 * - `GET /api/staff`, `PUT /api/staff/:id/role` — the school's staff, and a
 *   role change within the school (audited `user.role_change`).
 */
import { createRoute, z } from '@hono/zod-openapi';
import { requireAuth, requireRole, schoolOf } from '../auth/middleware.ts';
import type { ApiContext } from '../context.ts';
import { fromDbError } from '../http/db-errors.ts';
import { ApiError, notFound } from '../http/errors.ts';
import { createRouter } from '../http/router.ts';
import { userView } from '../routes/auth.ts';
import { meSchema } from '../schemas/auth.ts';
import { dateTimeSchema, errorResponses, idParamsSchema, json, jsonBody } from '../schemas/common.ts';
import { exportStudent } from './student-export.ts';

const STAFF_ROLES = ['kepsek', 'guru_bk', 'wali_kelas', 'tim'] as const;

const exportRoute = createRoute({
  method: 'get', path: '/students/{id}/export', tags: ['privacy'], summary: 'Ekspor data satu siswa (UU PDP) / export one student’s data',
  request: { params: idParamsSchema },
  responses: { 200: { ...json(z.object({ format: z.string() }).loose(), 'Data siswa'), headers: z.object({ 'Content-Disposition': z.string() }) }, ...errorResponses(400, 401, 403, 404) },
});
const eraseRoute = createRoute({
  method: 'post', path: '/students/{id}/erase', tags: ['privacy'], summary: 'Hapus identitas siswa (tidak dapat dibatalkan) / erase a student (irreversible)',
  request: { params: idParamsSchema, body: jsonBody(z.object({ confirm: z.string().min(1).max(64) }).strict()) },
  responses: {
    200: json(z.object({ id: z.string(), erasedAt: dateTimeSchema, cases: z.number() }), 'Identitas siswa dihapus'),
    ...errorResponses(400, 401, 403, 404, 409, 422),
  },
});
const staffRoute = createRoute({
  method: 'get', path: '/staff', tags: ['staff'], summary: 'Staf sekolah / the school’s staff',
  responses: { 200: json(z.object({ items: z.array(meSchema.extend({ disabled: z.boolean() })) }), 'Staf'), ...errorResponses(401, 403) },
});
const roleRoute = createRoute({
  method: 'put', path: '/staff/{id}/role', tags: ['staff'], summary: 'Ubah peran staf / change a staff member’s role',
  request: { params: idParamsSchema, body: jsonBody(z.object({ role: z.enum(STAFF_ROLES), className: z.string().trim().min(1).max(50).nullable().optional() }).strict()) },
  responses: { 200: json(meSchema, 'Staf'), ...errorResponses(400, 401, 403, 404, 422) },
});

/** The privacy and staff routes, mounted under `/api`. */
export function privacyRoutes(ctx: ApiContext) {
  const { db, clock } = ctx;
  const router = createRouter();
  const auth = requireAuth(ctx);
  const kepsekOnly = requireRole('kepsek');
  for (const path of ['/students/:id/export', '/students/:id/erase', '/staff', '/staff/*']) {
    router.use(path, async (c, next) => (c.get('principal') ? next() : auth(c, next)), kepsekOnly);
  }

  return router
    .openapi(exportRoute, async (c) => {
      const p = c.var.principal;
      const schoolId = schoolOf(p);
      const student = await db.students.get(schoolId, c.req.valid('param').id);
      if (!student) throw notFound('student_not_found');
      const now = clock.now();
      const doc = await exportStudent(db, ctx.compiled, p, schoolId, student, now);
      await db.audit.record({ action: 'student.export', subject: `student:${student.id}`, actorId: p.userId, schoolId, at: now, details: { cases: doc.cases.length } });
      c.header('Content-Disposition', `attachment; filename="siswa-${student.id}.json"`);
      c.header('Cache-Control', 'no-store');
      return c.json(doc, 200);
    })
    .openapi(eraseRoute, async (c) => {
      const p = c.var.principal;
      const schoolId = schoolOf(p);
      const { id } = c.req.valid('param');
      const student = await db.students.get(schoolId, id);
      if (!student) throw notFound('student_not_found');
      if (student.erasedAt) throw new ApiError(409, 'already_erased', 'invalid_request', undefined, { id: 'Data siswa ini sudah dihapus.', en: 'This student has already been erased.' });
      if (c.req.valid('json').confirm !== student.nisn) {
        throw new ApiError(422, 'confirmation_mismatch', 'invalid_request', { expected: 'nisn' }, {
          id: 'Ketik NISN siswa untuk mengonfirmasi penghapusan (tidak dapat dibatalkan).',
          en: 'Type the student’s NISN to confirm the erasure (it cannot be undone).',
        });
      }
      const cases = await db.cases.list(schoolId, { studentId: id, limit: 10_000 });
      const now = clock.now();
      const erased = await db.students.erase(schoolId, id, { now, actorId: p.userId });
      if (!erased.ok) throw fromDbError(erased.error, 'student_not_found');
      return c.json({ id, erasedAt: (erased.value.erasedAt ?? now).toISOString(), cases: cases.length }, 200);
    })
    .openapi(staffRoute, async (c) => {
      const users = await db.users.listBySchool(schoolOf(c.var.principal));
      return c.json({ items: users.map((u) => ({ ...userView(u), disabled: u.disabledAt !== null })) }, 200);
    })
    .openapi(roleRoute, async (c) => {
      const p = c.var.principal;
      const schoolId = schoolOf(p);
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      if (id === p.userId) {
        throw new ApiError(422, 'own_role', 'invalid_request', undefined, { id: 'Anda tidak dapat mengubah peran Anda sendiri.', en: 'You cannot change your own role.' });
      }
      if (body.role === 'wali_kelas' && !body.className) {
        const current = await db.users.get(id);
        if (!current || current.schoolId !== schoolId) throw notFound();
        if (!current.className) throw new ApiError(422, 'class_required', 'invalid_request', undefined, { id: 'Wali kelas memerlukan kelas.', en: 'A wali kelas needs a class.' });
      }
      const changed = await db.users.setRole(schoolId, id, { role: body.role, ...(body.className !== undefined ? { className: body.className } : {}), actorId: p.userId, now: clock.now() });
      if (!changed.ok) throw fromDbError(changed.error);
      return c.json(userView(changed.value), 200);
    });
}
