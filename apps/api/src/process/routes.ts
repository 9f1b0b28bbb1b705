/**
 * How a pathway really runs, mounted under `/api/pathways` (issue 16):
 *
 * - `GET /:id/process` — from the school's real case events: cases per step
 *   and per transition, median and 90th-percentile stay per step, where cases
 *   wait now and for how long; filterable by period, class, risk factor and
 *   version (kepsek, guru BK).
 * - `POST /:id/what-if` — the school's cases of the pathway replayed through
 *   its draft (or a document sent along): where each would be now, and which
 *   would get stuck, before the kepsek publishes. Nothing is written.
 *
 * Both are validate → the case service's read (`@jalur/cases`) → view.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { loadPathwayCases, processView, senderRoles, whatIf } from '@jalur/cases';
import { compilePathway, lintPathway, parsePathway, RISK_FACTORS } from '@jalur/engine';
import { requireAuth, requireRole, schoolOf } from '../auth/middleware.ts';
import type { ApiContext } from '../context.ts';
import { ApiError, notFound } from '../http/errors.ts';
import { createRouter } from '../http/router.ts';
import { scopeOf } from '../routes/pathways.ts';
import { dateSchema, errorResponses, idParamsSchema, json, jsonBody } from '../schemas/common.ts';

const processQuery = z.object({
  from: dateSchema.optional(),
  to: dateSchema.optional(),
  className: z.string().min(1).max(40).optional(),
  riskFactor: z.enum(RISK_FACTORS).optional(),
  version: z.coerce.number().int().positive().optional(),
});

const stepFlowSchema = z
  .object({
    stateId: z.string(),
    entered: z.number().int(),
    stays: z.number().int(),
    medianMs: z.number().nullable(),
    p90Ms: z.number().nullable(),
    waitingNow: z.number().int(),
    waitingMedianMs: z.number().nullable(),
    waitingLongestMs: z.number().nullable(),
  })
  .openapi('ProcessStep');
const processSchema = z
  .object({
    cases: z.number().int(),
    steps: z.array(stepFlowSchema),
    transitions: z.array(z.object({ from: z.string(), to: z.string(), count: z.number().int() }).openapi('ProcessTransition')),
  })
  .openapi('ProcessView');

const whatIfBody = z.object({ document: z.unknown().optional() }).openapi('WhatIfRequest');
const whatIfCaseSchema = z.union([
  z.object({ caseId: z.string(), studentId: z.string(), now: z.array(z.string()), wouldBe: z.array(z.string()), status: z.enum(['active', 'done']) }),
  z.object({
    caseId: z.string(),
    studentId: z.string(),
    now: z.array(z.string()),
    stuck: z
      .object({
        seq: z.number().int(),
        event: z.string(),
        /** The engine's refusal: event_not_accepted, guard_failed, role_not_allowed, form_invalid, approval_required, not_opened, … */
        code: z.string(),
        reason: z.object({ id: z.string(), en: z.string() }),
        /** The draft's steps the case is in when the event is refused (empty when the draft cannot open it). */
        steps: z.array(z.string()),
        at: z.iso.datetime(),
      })
      .openapi('WhatIfStuck'),
  }),
]);
const whatIfSchema = z
  .object({ cases: z.array(whatIfCaseSchema), stuck: z.number().int(), moved: z.number().int(), unchanged: z.number().int() })
  .openapi('WhatIf');

const process = createRoute({
  method: 'get',
  path: '/{id}/process',
  tags: ['pathways'],
  summary: 'How the pathway runs: cases per step and transition, stays, waiting now',
  request: { params: idParamsSchema, query: processQuery },
  responses: { 200: json(processSchema, 'The process view'), ...errorResponses(400, 401, 403, 404) },
});

const whatIfRoute = createRoute({
  method: 'post',
  path: '/{id}/what-if',
  tags: ['pathways'],
  summary: 'Replay the school’s cases through the draft before publishing',
  request: { params: idParamsSchema, body: jsonBody(whatIfBody) },
  responses: { 200: json(whatIfSchema, 'Where each case would be, and which would get stuck'), ...errorResponses(400, 401, 403, 404, 413, 422) },
});

/** Midnight WIB of a date (the school's day), as an instant. */
const dayStart = (date: string) => new Date(`${date}T00:00:00+07:00`);

export function processRoutes(ctx: ApiContext) {
  const { db, clock } = ctx;
  const router = createRouter();
  router.use('/:id/process', requireAuth(ctx), requireRole('kepsek', 'guru_bk'));
  router.use('/:id/what-if', requireAuth(ctx), requireRole('kepsek'));

  async function pathwayOf(p: Parameters<typeof scopeOf>[0], id: string) {
    const pathway = await db.pathways.get(scopeOf(p), id);
    if (!pathway || pathway.schoolId !== schoolOf(p)) throw notFound('pathway_not_found');
    return pathway;
  }

  return router
    .openapi(process, async (c) => {
      const p = c.var.principal;
      const pathway = await pathwayOf(p, c.req.valid('param').id);
      const q = c.req.valid('query');
      let pathwayVersionId: string | undefined;
      if (q.version !== undefined) {
        const v = await db.pathways.getVersion(scopeOf(p), pathway.id, q.version);
        if (!v) throw notFound('version_not_found');
        pathwayVersionId = v.id;
      }
      const filter = {
        ...(q.from ? { from: dayStart(q.from) } : {}),
        ...(q.to ? { to: new Date(dayStart(q.to).getTime() + 86_400_000) } : {}),
        ...(q.className ? { className: q.className } : {}),
        ...(q.riskFactor ? { riskFactor: q.riskFactor } : {}),
        ...(pathwayVersionId ? { pathwayVersionId } : {}),
      };
      const cases = await loadPathwayCases(db, schoolOf(p), pathway.id, filter);
      return c.json(processView(cases, clock.now(), filter), 200);
    })
    .openapi(whatIfRoute, async (c) => {
      const p = c.var.principal;
      const pathway = await pathwayOf(p, c.req.valid('param').id);
      const body = c.req.valid('json');
      const parsed = parsePathway(body.document ?? pathway.draft);
      if (!parsed.ok) throw new ApiError(400, 'invalid_document', 'invalid_document', { issues: parsed.error });
      const errors = lintPathway(parsed.value).filter((d) => d.severity === 'error');
      if (errors.length > 0) throw new ApiError(422, 'lint_failed', 'lint_failed', { diagnostics: errors });
      const draft = compilePathway(parsed.value);
      const cases = (await loadPathwayCases(db, schoolOf(p), pathway.id)).filter((k) => k.row.status === 'active');
      return c.json(whatIf(draft, cases, await senderRoles(db, cases)), 200);
    });
}
