/**
 * District aggregates (admin_dinas only), mounted at `/api/district`:
 * `GET /schools`, `GET /aggregates?schoolId&from&to`,
 * `GET /aggregates.csv?table=…`; the template library under `/templates`
 * (templates.ts, open to school roles too). De-identified: the answers carry school
 * names and counts, never a student; counts of 1–4 are `"<5"` (suppressed in
 * @jalur/reports before they reach this file).
 */
import { z } from 'zod';
import { DISTRICT_TABLES, districtAggregates, districtTable, toCsv } from '@jalur/reports';
import { requireAuth, requireRole } from '../auth/middleware.ts';
import type { ApiContext } from '../context.ts';
import { forbidden, notFound } from '../http/errors.ts';
import type { Principal } from '../http/router.ts';
import { createRouter } from '../http/router.ts';
import { csvResponse, periodOf, periodQuerySchema, validQuery } from '../reports/params.ts';
import { reportQueriesFor } from '../reports/report-queries.ts';
import { templateRoutes } from './templates.ts';
import { documentDistrictRoutes } from '../reports/openapi.ts';

const aggregatesQuerySchema = periodQuerySchema.extend({ schoolId: z.string().min(1).max(200).optional() });
const exportQuerySchema = aggregatesQuerySchema.extend({ table: z.enum(DISTRICT_TABLES) });

function districtOf(p: Principal): string {
  if (p.districtId === null) throw forbidden();
  return p.districtId;
}

/** The district sub-app. */
export function districtRoutes(ctx: ApiContext) {
  const q = () => reportQueriesFor(ctx.db);
  /** 404 unless `schoolId` is a school of the caller's district. */
  async function checkSchool(districtId: string, schoolId: string | undefined): Promise<void> {
    if (schoolId === undefined) return;
    const school = await ctx.db.schools.get(schoolId);
    if (!school || school.districtId !== districtId) throw notFound();
  }
  const router = createRouter();
  documentDistrictRoutes(router);
  for (const path of ['/schools', '/aggregates', '/aggregates.csv']) router.use(path, requireAuth(ctx), requireRole('admin_dinas'));
  return router
    .route('/templates', templateRoutes(ctx))
    .get('/schools', async (c) => {
      const districtId = districtOf(c.var.principal);
      return c.json({ items: await q().districtSchools(districtId) }, 200);
    })
    .get('/aggregates', validQuery(aggregatesQuerySchema), async (c) => {
      const districtId = districtOf(c.var.principal);
      const query = c.req.valid('query');
      await checkSchool(districtId, query.schoolId);
      const now = ctx.clock.now();
      return c.json(await districtAggregates(q(), { districtId, schoolId: query.schoolId ?? null, period: periodOf(c, query, now), now }), 200);
    })
    .get('/aggregates.csv', validQuery(exportQuerySchema), async (c) => {
      const districtId = districtOf(c.var.principal);
      const query = c.req.valid('query');
      await checkSchool(districtId, query.schoolId);
      const now = ctx.clock.now();
      const data = await districtAggregates(q(), { districtId, schoolId: query.schoolId ?? null, period: periodOf(c, query, now), now });
      await ctx.db.audit.record({ action: 'district.export', subject: `report:${query.table}`, actorId: c.var.principal.userId, schoolId: query.schoolId ?? null, at: now, details: { table: query.table, districtId } });
      return csvResponse(c, `jalur-kabupaten-${query.table}-${now.toISOString().slice(0, 10)}.csv`, toCsv(districtTable(query.table, data)));
    });
}
