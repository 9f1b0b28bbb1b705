/**
 * School M&E (kepsek, guru BK), mounted at `/api/reports`:
 * `GET /summary`, `GET /before-after?from&to`, `GET /trends`,
 * `GET /migration-candidates`, `GET /export.csv?table=…` (every table of the
 * report as CSV), `GET /semester?year&semester` (the semester report: students
 * by status, before/after, risk level per student, satisfaction,
 * participation, aid) and `GET /semester.pdf?…&audience=komite|dinas` (its
 * printable PDF; the dinas's copy suppressed as the district tables are;
 * audited). Always the caller's school; other roles get 403.
 */
import { schoolBeforeAfter, schoolSummary, schoolTable, schoolTrends, toCsv } from '@jalur/reports';
import { requireAuth, schoolOf } from '../auth/middleware.ts';
import type { ApiContext } from '../context.ts';
import { createRouter } from '../http/router.ts';
import { csvResponse, periodOf } from './params.ts';
import { reportQueriesFor } from './report-queries.ts';
import { beforeAfterRoute, migrationCandidatesRoute, schoolExportRoute, summaryRoute, trendsRoute } from './route-defs.ts';
import { semesterPdfRoute, semesterRoute } from './me-route-defs.ts';
import { loadSemester, recentTerms, semesterPdf, semesterView } from './semester.ts';

/** The school report sub-app. */
export function reportRoutes(ctx: ApiContext) {
  const q = () => reportQueriesFor(ctx.db);
  const router = createRouter();
  router.use('*', requireAuth(ctx));
  return router
    .openapi(summaryRoute, async (c) => {
      const schoolId = schoolOf(c.var.principal);
      return c.json(await schoolSummary(q(), schoolId, ctx.clock.now()), 200);
    })
    .openapi(beforeAfterRoute, async (c) => {
      const schoolId = schoolOf(c.var.principal);
      const period = periodOf(c, c.req.valid('query'), ctx.clock.now());
      return c.json(await schoolBeforeAfter(q(), schoolId, period), 200);
    })
    .openapi(trendsRoute, async (c) => {
      const schoolId = schoolOf(c.var.principal);
      return c.json(await schoolTrends(q(), schoolId), 200);
    })
    .openapi(migrationCandidatesRoute, async (c) => {
      // Pathways of the school whose older versions still run cases: what a migration would move.
      const p = c.var.principal;
      const schoolId = schoolOf(p);
      const running = await q().activeCasesPerVersion(schoolId);
      const scope = { districtId: p.districtId ?? '', schoolId };
      const items = [];
      for (const pathway of await ctx.db.pathways.list(scope)) {
        const latest = await ctx.db.pathways.latestVersion(scope, pathway.id);
        const versions = running.filter((r) => r.pathwayId === pathway.id).map((r) => ({ version: r.version, activeCases: r.cases }));
        if (latest && versions.some((v) => v.version < latest.version)) items.push({ pathwayId: pathway.id, title: pathway.title, latestVersion: latest.version, versions });
      }
      return c.json({ items }, 200);
    })
    .openapi(semesterRoute, async (c) => {
      const schoolId = schoolOf(c.var.principal);
      const { report, current } = await loadSemester(ctx.db, schoolId, ctx.clock.now(), c.req.valid('query'));
      return c.json(semesterView(report, recentTerms(current)), 200);
    })
    .openapi(semesterPdfRoute, async (c) => {
      const p = c.var.principal;
      const schoolId = schoolOf(p);
      const query = c.req.valid('query');
      const now = ctx.clock.now();
      const { report } = await loadSemester(ctx.db, schoolId, now, query);
      const { bytes, number } = await semesterPdf(ctx.db, p, schoolId, report, query.audience, now);
      await ctx.db.audit.record({
        action: 'report.semester_pdf', subject: `report:semester`, actorId: p.userId, schoolId, at: now,
        details: { audience: query.audience, year: report.term.year, semester: report.term.semester, number },
      });
      const file = `laporan-semester-${query.audience}-${report.term.year.replace('/', '-')}-${report.term.semester}.pdf`;
      return new Response(bytes as never, { status: 200, headers: { 'content-type': 'application/pdf', 'content-disposition': `attachment; filename="${file}"`, 'cache-control': 'no-store' } }) as never;
    })
    .openapi(schoolExportRoute, async (c) => {
      const schoolId = schoolOf(c.var.principal);
      const query = c.req.valid('query');
      const now = ctx.clock.now();
      const table = query.table;
      const data =
        table === 'before-after'
          ? { beforeAfter: await schoolBeforeAfter(q(), schoolId, periodOf(c, query, now)) }
          : table === 'trends-cases' || table === 'return-to-attendance'
            ? { trends: await schoolTrends(q(), schoolId) }
            : { summary: await schoolSummary(q(), schoolId, now) };
      await ctx.db.audit.record({ action: 'report.export', subject: `report:${table}`, actorId: c.var.principal.userId, schoolId, at: now, details: { table } });
      return csvResponse(c, `jalur-${table}-${now.toISOString().slice(0, 10)}.csv`, toCsv(schoolTable(table, data)));
    });
}
