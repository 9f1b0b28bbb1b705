/**
 * District aggregates (admin_dinas only), mounted at `/api/district`:
 * `GET /schools`, `GET /aggregates?schoolId&from&to`,
 * `GET /aggregates.csv?table=…`; the template library under `/templates`
 * (templates.ts, open to school roles too). De-identified: the answers carry school
 * names and counts, never a student; counts of 1–4 are `"<5"` (suppressed in
 * @jalur/reports before they reach this file).
 */
import { districtAggregates, districtTable, toCsv } from '@jalur/reports';
import { requireAuth } from '../auth/middleware.ts';
import type { ApiContext } from '../context.ts';
import { forbidden, notFound } from '../http/errors.ts';
import type { Principal } from '../http/router.ts';
import { createRouter } from '../http/router.ts';
import { csvResponse, periodOf } from '../reports/params.ts';
import { reportQueriesFor } from '../reports/report-queries.ts';
import { aggregatesCsvRoute, aggregatesRoute, districtSchoolsRoute } from '../reports/route-defs.ts';
import { templateRoutes } from './templates.ts';

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
  for (const path of ['/schools', '/aggregates', '/aggregates.csv']) router.use(path, requireAuth(ctx));
  return router
    .route('/templates', templateRoutes(ctx))
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
