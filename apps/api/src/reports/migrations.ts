/**
 * Moving running cases to a newer version of their pathway (kepsek), mounted
 * under `/api/pathways`:
 *
 * - `POST /:id/migrations/dry-run` `{fromVersion, toVersion, stateMap, filter?}`
 *   → where each chosen case lands, which timers and tasks change, and the
 *   cases that cannot be mapped. An incomplete or wrong state map → 422
 *   `state_map_invalid` with every problem.
 * - `POST /:id/migrations/apply` (same body) → plans again and applies, one
 *   transaction per case (`db.cases.migrate`: the case unit of work, so timers
 *   and tasks are re-armed through the db's own effects) with a
 *   `case.migrated` event and an audit row; cases that moved since are
 *   reported as `version_conflict`.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { compilePathway, parsePathway, type CompiledPathway } from '@jalur/engine';
import { loadMigratingCases, planMigration, resolveStateMap, type CasePlan } from '@jalur/cases';
import { requireAuth, requireRole, schoolOf } from '../auth/middleware.ts';
import type { ApiContext } from '../context.ts';
import { ApiError, notFound } from '../http/errors.ts';
import { createRouter, type Principal } from '../http/router.ts';
import { dateTimeSchema, errorResponses, idParamsSchema, idSchema, json, jsonBody } from '../schemas/common.ts';

const bodySchema = z
  .object({
    fromVersion: z.number().int().positive(),
    toVersion: z.number().int().positive(),
    /** Old leaf step → new step; steps with the same id in both versions map themselves. */
    stateMap: z.record(z.string().min(1).max(400), z.string().min(1).max(400)).default({}),
    filter: z
      .object({ caseIds: z.array(idSchema).max(10_000).optional(), state: z.string().min(1).max(400).optional(), riskFactor: z.string().min(1).max(40).optional() })
      .optional(),
  })
  .openapi('MigrationRequest');

const casePlanSchema = z
  .object({
    caseId: z.string(),
    from: z.array(z.string()),
    to: z.array(z.string()),
    timers: z.object({ cancelled: z.array(z.string()), kept: z.array(z.string()), armed: z.array(z.object({ event: z.string(), dueAt: dateTimeSchema })) }),
    tasks: z.object({ closed: z.array(z.string()), opened: z.array(z.string()) }),
  })
  .openapi('MigrationCasePlan');
const unmappableSchema = z.object({ caseId: z.string(), from: z.array(z.string()), reason: z.string() }).openapi('MigrationUnmappable');
const dryRunSchema = z
  .object({ stateMap: z.record(z.string(), z.string()), cases: z.array(casePlanSchema), unmappable: z.array(unmappableSchema) })
  .openapi('MigrationDryRun');
const appliedSchema = z
  .object({
    applied: z.number().int(),
    outcomes: z.array(
      z.union([
        z.object({ caseId: z.string(), applied: z.literal(true), version: z.number().int() }),
        z.object({ caseId: z.string(), applied: z.literal(false), reason: z.string() }),
      ]),
    ),
    cases: z.array(casePlanSchema),
    unmappable: z.array(unmappableSchema),
  })
  .openapi('MigrationApplied');

const ERRORS = errorResponses(400, 401, 403, 404, 413, 422);
const dryRun = createRoute({
  method: 'post', path: '/{id}/migrations/dry-run', tags: ['pathways'], summary: 'Uji coba migrasi kasus (kepsek) / migration dry run',
  description: 'Ke mana tiap kasus pindah, timer dan tugas yang berubah, kasus yang tidak dapat dipetakan; peta yang salah → 422 `state_map_invalid`. / Where each case lands; a wrong state map → 422.',
  middleware: requireRole('kepsek'),
  request: { params: idParamsSchema, body: jsonBody(bodySchema) },
  responses: { 200: json(dryRunSchema, 'Rencana per kasus / per-case plan'), ...ERRORS },
});
const apply = createRoute({
  method: 'post', path: '/{id}/migrations/apply', tags: ['pathways'], summary: 'Terapkan migrasi kasus (kepsek) / apply a migration',
  description: 'Satu transaksi per kasus; kasus yang berubah sejak itu → `version_conflict` di `outcomes`. / One transaction per case; cases that moved since are reported.',
  middleware: requireRole('kepsek'),
  request: { params: idParamsSchema, body: jsonBody(bodySchema) },
  responses: { 200: json(appliedSchema, 'Hasil per kasus / per-case outcome'), ...ERRORS },
});

function compiled(document: unknown): CompiledPathway {
  const parsed = parsePathway(document);
  if (!parsed.ok) throw new ApiError(422, 'invalid_document', 'invalid_document', { issues: parsed.error });
  return compilePathway(parsed.value);
}

const planView = (c: CasePlan) => ({ caseId: c.caseId, from: c.from, to: c.to, timers: c.timers, tasks: c.tasks });

/** The migration sub-app (mounted at `/api/pathways`). */
export function migrationRoutes(ctx: ApiContext) {
  const { db, clock } = ctx;
  async function plan(p: Principal, id: string, body: z.infer<typeof bodySchema>) {
    const schoolId = schoolOf(p);
    const scope = { districtId: p.districtId ?? '', schoolId };
    const pathway = await db.pathways.get(scope, id);
    if (!pathway || pathway.schoolId !== schoolId) throw notFound('pathway_not_found');
    const from = await db.pathways.getVersion(scope, id, body.fromVersion);
    const to = await db.pathways.getVersion(scope, id, body.toVersion);
    if (!from || !to) throw notFound('version_not_found');
    if (to.version <= from.version) throw new ApiError(400, 'invalid_request', 'invalid_request', { toVersion: 'must be newer than fromVersion' });
    const p1 = compiled(from.document);
    const p2 = compiled(to.document);
    const map = resolveStateMap(p1.doc, p2.doc, body.stateMap);
    if (!map.ok) throw new ApiError(422, 'state_map_invalid', 'invalid_request', { problems: map.problems });
    const cases = await loadMigratingCases(db, { schoolId, pathwayId: pathway.id, pathwayVersionId: from.id, ...(body.filter ? { filter: body.filter } : {}) });
    const now = clock.now();
    return { schoolId, from, to, now, map: map.value, result: planMigration(p1, p2, map.value, cases, now) };
  }
  const router = createRouter();
  router.use('/:id/migrations/*', requireAuth(ctx));
  return router
    .openapi(dryRun, async (c) => {
      const { map, result } = await plan(c.var.principal, c.req.valid('param').id, c.req.valid('json'));
      return c.json({ stateMap: Object.fromEntries(map.map), cases: result.cases.map(planView), unmappable: result.unmappable }, 200);
    })
    .openapi(apply, async (c) => {
      const { schoolId, from, to, now, result } = await plan(c.var.principal, c.req.valid('param').id, c.req.valid('json'));
      const outcomes = await ctx.cases.migrate(result.cases, { schoolId, toPathwayVersionId: to.id, fromVersion: from.version, toVersion: to.version, actorId: c.var.principal.userId, now });
      return c.json({ applied: outcomes.filter((o) => o.applied).length, outcomes, cases: result.cases.map(planView), unmappable: result.unmappable }, 200);
    });
}
