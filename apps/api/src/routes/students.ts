/**
 * Students of the caller's school. A wali kelas sees only their own class;
 * the district admin and task-force members (`tim`) read no student records
 * here (403). Guru BK and kepsek add students.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { StudentRow } from '@jalur/db';
import { requireAuth, requireRole, schoolOf } from '../auth/middleware.ts';
import type { ApiContext } from '../context.ts';
import { fromDbError } from '../http/db-errors.ts';
import { notFound } from '../http/errors.ts';
import { createRouter } from '../http/router.ts';
import { errorResponses, idParamsSchema, json, jsonBody } from '../schemas/common.ts';
import { createStudentBodySchema, studentListQuerySchema, studentSchema } from '../schemas/students.ts';

/** The API form of a student row. */
export function studentView(s: StudentRow): z.infer<typeof studentSchema> {
  return {
    id: s.id,
    nisn: s.nisn,
    name: s.name,
    className: s.className,
    gender: s.gender,
    birthDate: s.birthDate,
    guardianName: s.guardianName,
    guardianPhone: s.guardianPhone,
    status: s.status,
    statusDate: s.statusDate,
    statusReason: s.statusReason,
    fatherName: s.fatherName,
    motherName: s.motherName,
    pipEligible: s.pipEligible,
    kipHolder: s.kipHolder,
    pipReceived: s.pipReceived,
    distanceKm: s.distanceKm,
    transport: s.transport,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}

const list = createRoute({
  method: 'get', path: '/', tags: ['students'], summary: 'Daftar siswa / list students',
  request: { query: studentListQuerySchema },
  responses: { 200: json(z.object({ items: z.array(studentSchema) }), 'Siswa'), ...errorResponses(400, 401, 403) },
});
const create = createRoute({
  method: 'post', path: '/', tags: ['students'], summary: 'Tambah siswa / add a student',
  request: { body: jsonBody(createStudentBodySchema) },
  responses: { 201: json(studentSchema, 'Siswa baru'), ...errorResponses(400, 401, 403, 409) },
});
const get = createRoute({
  method: 'get', path: '/{id}', tags: ['students'], summary: 'Satu siswa / one student',
  request: { params: idParamsSchema },
  responses: { 200: json(studentSchema, 'Siswa'), ...errorResponses(400, 401, 403, 404) },
});

/** The `/api/students` sub-app. */
export function studentRoutes(ctx: ApiContext) {
  const { db, clock } = ctx;
  const router = createRouter();
  router.use('*', requireAuth(ctx), requireRole('kepsek', 'guru_bk', 'wali_kelas'));
  router.on(['POST'], '/', requireRole('kepsek', 'guru_bk'));

  return router
    .openapi(list, async (c) => {
      const p = c.var.principal;
      const q = c.req.valid('query');
      // A wali kelas asking for another class gets an empty list, not a hint that it exists.
      if (p.role === 'wali_kelas' && q.className !== undefined && q.className !== p.className) return c.json({ items: [] }, 200);
      const className = p.role === 'wali_kelas' ? (p.className ?? '\u0000') : q.className;
      const rows = await db.students.list(schoolOf(p), {
        ...(className !== undefined ? { className } : {}),
        ...(q.status ? { status: q.status } : {}),
        ...(q.search ? { search: q.search } : {}),
        limit: q.limit ?? 200,
        offset: q.offset ?? 0,
      });
      return c.json({ items: rows.map(studentView) }, 200);
    })
    .openapi(create, async (c) => {
      const p = c.var.principal;
      const body = c.req.valid('json');
      const created = await db.students.create(
        schoolOf(p),
        {
          nisn: body.nisn, name: body.name, className: body.className, gender: body.gender ?? null,
          birthDate: body.birthDate ?? null, guardianName: body.guardianName ?? null, guardianPhone: body.guardianPhone ?? null,
        },
        { now: clock.now(), actorId: p.userId },
      );
      if (!created.ok) throw fromDbError(created.error, 'student_not_found');
      return c.json(studentView(created.value), 201);
    })
    .openapi(get, async (c) => {
      const p = c.var.principal;
      const row = await db.students.get(schoolOf(p), c.req.valid('param').id);
      if (!row || (p.role === 'wali_kelas' && row.className !== p.className)) throw notFound('student_not_found');
      return c.json(studentView(row), 200);
    });
}
