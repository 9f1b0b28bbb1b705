/**
 * Case work as counsellors do it (issue 14), mounted at `/api` (paths under `/cases`): the
 * guru BK changes the case's set of risk factors, skips a step that is not
 * needed, or adds an intervention the pathway did not plan (and marks it
 * done) — each with a reason, through the case service and the engine's gate
 * (case-work events no user can send through `/events`). The kepsek reads
 * the overview; only the guru BK writes.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { caseworkOverview, type CaseworkChange } from '@jalur/cases';
import { endOfSchoolDate } from '@jalur/casework';
import { createHash } from 'node:crypto';
import { canonicalJson, type DbError } from '@jalur/db';
import { CASEWORK_TEXT_MAX, INTERVENTION_KINDS, RISK_FACTORS, type AdvanceError } from '@jalur/engine';
import { requireAuth, requireRole, schoolOf } from '../auth/middleware.ts';
import { loadCase } from '../casework/access.ts';
import { schoolClockOf } from '../casework/school-time.ts';
import type { ApiContext } from '../context.ts';
import { fromDbError } from '../http/db-errors.ts';
import { ApiError } from '../http/errors.ts';
import { createRouter, type Principal } from '../http/router.ts';
import { caseViewSchema } from '../schemas/cases.ts';
import { dateSchema, dateTimeSchema, errorResponses, idempotencyHeaderSchema, idParamsSchema, idSchema, json, jsonBody } from '../schemas/common.ts';
import { caseView } from './case-view.ts';
import { UserNames } from './people.ts';

const localized = z.object({ id: z.string(), en: z.string().optional() });
const reason = z.string().trim().min(1).max(CASEWORK_TEXT_MAX).openapi({ description: 'Alasan / the reason, kept in the timeline and the case book' });
const expectedVersion = z.number().int().min(0).openapi({ description: 'Versi kasus yang dilihat / the case version the guru BK saw' });

const riskFactorBodySchema = z
  .object({ factor: z.enum(RISK_FACTORS), change: z.enum(['add', 'remove']), reason, expectedVersion })
  .strict()
  .openapi('RiskFactorChange');
const skipBodySchema = z
  .object({
    stateId: z.string().min(1).max(400).openapi({ description: 'Langkah yang dilewati / the step skipped' }),
    event: z.string().min(1).max(120).optional().openapi({ description: 'Jalan lanjut bila langkah punya beberapa / the way forward when the step has several' }),
    reason,
    expectedVersion,
  })
  .strict()
  .openapi('SkipStep');
const addBodySchema = z
  .object({
    kind: z.enum(INTERVENTION_KINDS),
    title: z.string().trim().max(200).optional(),
    reason,
    dueDate: dateSchema.optional().openapi({ description: 'Tenggat: membuka tugas guru BK / a due date opens a task for the guru BK' }),
    expectedVersion,
  })
  .strict()
  .openapi('AddIntervention');
const doneBodySchema = z.object({ note: z.string().trim().max(CASEWORK_TEXT_MAX).optional(), expectedVersion }).strict().openapi('InterventionDone');

const overviewSchema = z
  .object({
    riskFactors: z.array(z.string()),
    steps: z.array(
      z.object({
        stateId: z.string(),
        title: localized,
        ways: z.array(z.object({ event: z.string(), label: localized })),
        requiresApproval: z.boolean(),
        approval: z.enum(['pending', 'approved', 'rejected']).nullable(),
      }),
    ),
    added: z.array(
      z.object({
        id: z.string(), kind: z.string(), title: z.string().nullable(), reason: z.string(), dueAt: dateTimeSchema.nullable(), status: z.enum(['open', 'done']),
        addedAt: dateTimeSchema, addedBy: z.string().nullable(), addedByName: z.string().nullable(), completedAt: dateTimeSchema.nullable(), note: z.string().nullable(),
      }),
    ),
    kinds: z.array(z.enum(INTERVENTION_KINDS)),
  })
  .openapi('CaseworkOverview');

const WRITE_ERRORS = errorResponses(400, 401, 403, 404, 409, 413, 422);

const overview = createRoute({
  method: 'get', path: '/{id}/casework', tags: ['cases'], summary: 'Faktor risiko, langkah yang bisa dilewati, intervensi tambahan / risk factors, skippable steps, added interventions',
  middleware: [requireRole('guru_bk', 'kepsek')] as const,
  request: { params: idParamsSchema },
  responses: { 200: json(overviewSchema, 'Kerja kasus / case work'), ...errorResponses(400, 401, 403, 404) },
});
/** A guru BK's case-work write: POST with an Idempotency-Key and the body, answered with the case as it is afterwards. */
const caseworkWrite = <B extends z.ZodType, P extends z.ZodObject = typeof idParamsSchema>(body: B, params: P = idParamsSchema as unknown as P) => ({
  method: 'post' as const, tags: ['cases'],
  middleware: [requireRole('guru_bk')],
  request: { params, headers: idempotencyHeaderSchema, body: jsonBody(body) },
});
const caseAfter = json(caseViewSchema, 'Kasus sesudahnya / the case after');

const riskFactors = createRoute({
  ...caseworkWrite(riskFactorBodySchema), path: '/{id}/risk-factors', summary: 'Tambah atau hapus faktor risiko (dengan alasan) / add or remove a risk factor (with a reason)',
  responses: { 200: caseAfter, ...WRITE_ERRORS },
});
const skip = createRoute({
  ...caseworkWrite(skipBodySchema), path: '/{id}/skip', summary: 'Lewati langkah saat ini (dengan alasan) / skip the current step (with a reason)',
  description: 'Langkah yang butuh persetujuan kepala sekolah juga butuh persetujuan untuk dilewati; langkah tanpa jalan lanjut tanpa data ditolak (422 `skip_not_possible`). / A step that needs the principal’s approval needs it to be skipped too; a step with no way forward without its data is refused.',
  responses: { 200: caseAfter, ...WRITE_ERRORS },
});
const addIntervention = createRoute({
  ...caseworkWrite(addBodySchema), path: '/{id}/interventions', summary: 'Tambah intervensi di luar jalur (dengan alasan) / add an intervention the pathway did not plan (with a reason)',
  responses: { 201: caseAfter, ...WRITE_ERRORS },
});
const interventionDone = createRoute({
  ...caseworkWrite(doneBodySchema, idParamsSchema.extend({ interventionId: idSchema.openapi({ param: { name: 'interventionId', in: 'path' } }) })),
  path: '/{id}/interventions/{interventionId}/done', summary: 'Intervensi tambahan selesai / an added intervention is done',
  responses: { 200: caseAfter, ...WRITE_ERRORS },
});

/** The engine's refusal: 422 with its reason (`skip_not_possible`, `casework_invalid`, `approval_required`, …) and what is allowed now. */
function refusal(error: DbError): ApiError {
  if (error.code !== 'event_not_allowed') return fromDbError(error, 'case_not_found');
  const details = (error.details ?? {}) as AdvanceError & { message?: { id: string; en?: string } };
  const { message, code: reason, ...rest } = details;
  return new ApiError(422, reason ?? 'event_not_allowed', 'event_not_allowed', { reason, ...rest }, message);
}

export function interventionRoutes(ctx: ApiContext) {
  const { db, clock, cases } = ctx;
  const names = new UserNames(db, clock);
  const router = createRouter();
  router.use('*', requireAuth(ctx));

  /** A due date (YYYY-MM-DD) as the end of that day in the school's own time zone (WIB, WITA or WIT). */
  const dueAtOf = async (schoolId: string, date: string, now: Date): Promise<Date> => endOfSchoolDate(date, (await schoolClockOf(db, schoolId, now)).offsetMinutes);

  /** Records the change through the case service; answers the case as the guru BK sees it. */
  async function record(p: Principal, change: CaseworkChange, c: { header(name: string, value: string): void }) {
    const result = await cases.recordCasework(change);
    if (!result.ok) throw refusal(result.error);
    if (result.value.replayed) c.header('Idempotent-Replayed', 'true');
    const row = result.value.case;
    const student = await db.students.get(row.schoolId, row.studentId);
    return caseView(row, result.value.version, { id: p.userId, role: p.role }, {
      student: student ? { id: student.id, name: student.name, className: student.className } : undefined,
      assignee: await names.ref(row.schoolId, row.assigneeId),
    });
  }

  /** Who, on which case, at which version; with the request's Idempotency-Key (a retry gets the first answer). */
  const base = (p: Principal, caseId: string, expected: number, c: { req: { path: string; header(name: string): string | undefined } }, body: unknown) => {
    const key = c.req.header('idempotency-key');
    const route = `POST ${c.req.path.replace(caseId, ':id')}`;
    const requestHash = createHash('sha256').update(`POST ${c.req.path}\n${canonicalJson(body)}`).digest('base64url');
    return {
      schoolId: schoolOf(p), caseId, expectedVersion: expected, actor: { id: p.userId, role: p.role }, now: clock.now(),
      ...(key ? { idempotency: { userId: p.userId, key, route, requestHash } } : {}),
    };
  };

  const routes = router
    .openapi(overview, async (c) => {
      const p = c.var.principal;
      const schoolId = schoolOf(p);
      const { row } = await loadCase(db, p, schoolId, c.req.valid('param').id);
      const version = await cases.versionOf(row);
      const events = await db.cases.events(schoolId, row.id);
      const o = caseworkOverview(version.compiled, row, events, { id: p.userId, role: 'guru_bk' });
      const added = [];
      for (const a of o.added) added.push({ ...a, addedByName: a.addedBy ? ((await names.ref(schoolId, a.addedBy))?.name ?? null) : null });
      return c.json({ ...o, added, kinds: [...INTERVENTION_KINDS] }, 200);
    })
    .openapi(riskFactors, async (c) => {
      const p = c.var.principal;
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      await loadCase(db, p, schoolOf(p), id);
      const change = body.change === 'add' ? 'riskFactor.added' : 'riskFactor.removed';
      return c.json(await record(p, { ...base(p, id, body.expectedVersion, c, body), change, factor: body.factor, reason: body.reason }, c), 200);
    })
    .openapi(skip, async (c) => {
      const p = c.var.principal;
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      await loadCase(db, p, schoolOf(p), id);
      return c.json(
        await record(p, { ...base(p, id, body.expectedVersion, c, body), change: 'intervention.skipped', stateId: body.stateId, reason: body.reason, ...(body.event ? { event: body.event } : {}) }, c),
        200,
      );
    })
    .openapi(addIntervention, async (c) => {
      const p = c.var.principal;
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      await loadCase(db, p, schoolOf(p), id);
      const now = clock.now();
      const dueAt = body.dueDate ? await dueAtOf(schoolOf(p), body.dueDate, now) : null;
      if (dueAt && dueAt.getTime() < now.getTime())
        throw new ApiError(422, 'due_in_past', 'invalid_request', { field: 'dueDate' }, { id: 'Tenggat sudah lewat; pilih hari ini atau sesudahnya.', en: 'The due date has passed; choose today or later.' });
      return c.json(
        await record(p, { ...base(p, id, body.expectedVersion, c, body), change: 'intervention.added', kind: body.kind, reason: body.reason, ...(body.title ? { title: body.title } : {}), dueAt }, c),
        201,
      );
    })
    .openapi(interventionDone, async (c) => {
      const p = c.var.principal;
      const { id, interventionId } = c.req.valid('param');
      const body = c.req.valid('json');
      await loadCase(db, p, schoolOf(p), id);
      return c.json(await record(p, { ...base(p, id, body.expectedVersion, c, body), change: 'intervention.completed', interventionId, ...(body.note ? { note: body.note } : {}) }, c), 200);
    });
  return createRouter().route('/cases', routes);
}
