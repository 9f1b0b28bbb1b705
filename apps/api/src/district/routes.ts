/**
 * District aggregates (admin_dinas only), mounted at `/api/district`:
 * `GET /schools`, `GET /aggregates?schoolId&from&to`,
 * `GET /aggregates.csv?table=…`; the template library under `/templates`
 * (templates.ts, open to school roles too). De-identified: the answers carry school
 * names and counts, never a student; counts of 1–4 are `"<5"` (suppressed in
 * @jalur/reports before they reach this file).
 */
import { districtAggregates, districtTable, toCsv } from '@jalur/reports';
import { createRoute, z } from '@hono/zod-openapi';
import { OVERSIGHT_KINDS, SCHOOL_LEVELS } from '@jalur/db';
import { requireAuth, requireRole } from '../auth/middleware.ts';
import { errorResponses, json } from '../schemas/common.ts';
import type { ApiContext } from '../context.ts';
import { forbidden, notFound } from '../http/errors.ts';
import type { Principal } from '../http/router.ts';
import { createRouter } from '../http/router.ts';
import { csvResponse, periodOf } from '../reports/params.ts';
import { reportQueriesFor } from '../reports/report-queries.ts';
import { aggregatesCsvRoute, aggregatesRoute, districtSchoolsRoute } from '../reports/route-defs.ts';
import { templateRoutes } from './templates.ts';

const nodeKindSchema = z.enum(OVERSIGHT_KINDS);
const nodeSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: nodeKindSchema,
    /** The nodes above, nearest first (a cabang dinas's province). */
    ancestors: z.array(z.object({ id: z.string(), name: z.string(), kind: nodeKindSchema })),
    /** The nodes below (a province's cabang dinas). */
    children: z.array(z.object({ id: z.string(), name: z.string(), kind: nodeKindSchema })),
    schools: z.array(z.object({ id: z.string(), name: z.string(), level: z.enum(SCHOOL_LEVELS).nullable(), nodeId: z.string() })),
  })
  .openapi('OversightNode');
const nodeRoute = createRoute({
  method: 'get', path: '/node', tags: ['district'], summary: 'Simpul pengawasan Anda / your node of the oversight tree',
  description: 'Dinas provinsi → cabang dinas → SMA/SMK/SLB; dinas kabupaten/kota → SD/SMP (UU 23/2014). Agregat mencakup semua sekolah di bawah simpul. / Aggregates cover every school below the node.',
  middleware: [requireRole('admin_dinas')] as const,
  responses: { 200: json(nodeSchema, 'Simpul / node'), ...errorResponses(401, 403) },
});

function districtOf(p: Principal): string {
  if (p.districtId === null) throw forbidden();
  return p.districtId;
}

/** The district sub-app. */
export function districtRoutes(ctx: ApiContext) {
  const q = () => reportQueriesFor(ctx.db);
  /** 404 unless `schoolId` is a school the caller's node oversees (directly or through a node below it). */
  async function checkSchool(districtId: string, schoolId: string | undefined): Promise<void> {
    if (schoolId === undefined) return;
    const school = await ctx.db.schools.get(schoolId);
    if (!school) throw notFound();
    if (school.districtId !== districtId && !(await ctx.db.schools.listUnder(districtId)).some((s) => s.id === schoolId)) throw notFound();
  }
  const router = createRouter();
  for (const path of ['/schools', '/aggregates', '/aggregates.csv', '/node']) router.use(path, requireAuth(ctx));
  return router
    .route('/templates', templateRoutes(ctx))
    .openapi(nodeRoute, async (c) => {
      const id = districtOf(c.var.principal);
      const [self, ...ancestors] = await ctx.db.districts.ancestors(id);
      if (!self) throw notFound();
      const below = (await ctx.db.districts.subtree(id)).filter((d) => d.parentId === id);
      const schools = await ctx.db.schools.listUnder(id);
      const brief = (d: { id: string; name: string; kind: (typeof OVERSIGHT_KINDS)[number] }) => ({ id: d.id, name: d.name, kind: d.kind });
      return c.json({ ...brief(self), ancestors: ancestors.map(brief), children: below.map(brief), schools: schools.map((s) => ({ id: s.id, name: s.name, level: s.level, nodeId: s.districtId })) }, 200);
    })
    .openapi(districtSchoolsRoute, async (c) => {
      const districtId = districtOf(c.var.principal);
      return c.json({ items: await q().districtSchools(districtId) }, 200);
    })
    .openapi(aggregatesRoute, async (c) => {
      const districtId = districtOf(c.var.principal);
      const query = c.req.valid('query');
      await checkSchool(districtId, query.schoolId);
      const now = ctx.clock.now();
      return c.json(await districtAggregates(q(), { districtId, schoolId: query.schoolId ?? null, period: periodOf(c, query, now), now }), 200);
    })
    .openapi(aggregatesCsvRoute, async (c) => {
      const districtId = districtOf(c.var.principal);
      const query = c.req.valid('query');
      await checkSchool(districtId, query.schoolId);
      const now = ctx.clock.now();
      const data = await districtAggregates(q(), { districtId, schoolId: query.schoolId ?? null, period: periodOf(c, query, now), now });
      await ctx.db.audit.record({ action: 'district.export', subject: `report:${query.table}`, actorId: c.var.principal.userId, schoolId: query.schoolId ?? null, at: now, details: { table: query.table, districtId } });
      return csvResponse(c, `jalur-kabupaten-${query.table}-${now.toISOString().slice(0, 10)}.csv`, toCsv(districtTable(query.table, data)));
    });
}
