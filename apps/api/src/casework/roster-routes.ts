/**
 * `POST /api/students/import?dryRun=true|false`: a roster CSV becomes a
 * per-row plan (new / update / unchanged / error with reasons). Applying is
 * one transaction; any error row refuses the whole file (422, nothing
 * applied); importing the same file again changes nothing.
 */
import { createRoute } from '@hono/zod-openapi';
import { parseRoster, planRoster, type ExistingStudent, type RosterParse, type RosterPlan } from '@jalur/casework';
import type { JalurDb } from '@jalur/db';
import { requireAuth, requireRole, schoolOf } from '../auth/middleware.ts';
import type { ApiContext } from '../context.ts';
import { createRouter } from '../http/router.ts';
import { rosterImportQuerySchema, rosterPlanSchema, spreadsheetBody } from '../schemas/casework.ts';
import { errorResponses, json } from '../schemas/common.ts';
import { allStudents } from './access.ts';
import { readCsvBody } from './csv-body.ts';
import { failWith } from './http.ts';

/** The wire form of a plan. */
export function planView(plan: RosterPlan, parsed: Pick<RosterParse, 'headers' | 'headerLines'>) {
  return {
    rows: plan.rows.map((r) => ({
      line: r.line,
      nisn: r.nisn,
      action: r.action,
      ...(r.changes ? { changes: r.changes } : {}),
      ...(r.errors ? { errors: r.errors.map((e) => ({ field: e.field, message: e.message })) } : {}),
      ...(r.student ? { name: r.student.name, className: r.student.className } : {}),
    })),
    fileErrors: plan.fileErrors,
    counts: plan.counts,
    headers: parsed.headers.map((h) => ({ index: h.index, label: h.label, field: h.field })),
    headerLines: parsed.headerLines,
  };
}

async function existingStudents(db: JalurDb, schoolId: string): Promise<ExistingStudent[]> {
  return (await allStudents(db, schoolId)).map((s) => ({
    nisn: s.nisn, name: s.name, className: s.className, gender: s.gender, birthDate: s.birthDate, guardianName: s.guardianName, guardianPhone: s.guardianPhone,
    fatherName: s.fatherName, motherName: s.motherName, pipEligible: s.pipEligible, kipHolder: s.kipHolder, pipReceived: s.pipReceived, distanceKm: s.distanceKm, transport: s.transport,
  }));
}

const importRoster = createRoute({
  method: 'post', path: '/import', tags: ['students'],
  summary: 'Impor daftar siswa (CSV/XLSX) / import the roster',
  description: 'Guru BK, kepsek. `dryRun=true` (bawaan) memberi rencana per baris; `false` menerapkan semuanya atau tidak sama sekali (422 dengan laporan per baris). / Preview by default; applying is all or nothing (422 with the per-row report).',
  middleware: [requireRole('guru_bk', 'kepsek')] as const,
  request: { query: rosterImportQuerySchema, body: spreadsheetBody },
  responses: { 200: json(rosterPlanSchema, 'Rencana atau hasil impor / the plan or what was applied'), ...errorResponses(400, 401, 403, 413, 415, 422) },
});

/** The `/api/students/import` route. */
export function rosterRoutes(ctx: ApiContext) {
  const { db, clock } = ctx;
  const router = createRouter();
  router.use('*', requireAuth(ctx));
  return router.openapi(importRoster, async (c) => {
    const p = c.var.principal;
    const schoolId = schoolOf(p);
    const { dryRun, mapping } = c.req.valid('query');
    const csv = await readCsvBody(c);
    const parsed = parseRoster(csv, mapping ?? {});
    const plan = planRoster(parsed, await existingStudents(db, schoolId));
    const view = planView(plan, parsed);
    if (dryRun === 'true') return c.json({ ...view, applied: false, dryRun: true }, 200);
    if (!plan.applicable)
      throw failWith(422, 'import_has_errors', { id: 'Ada baris yang salah; tidak ada yang disimpan. Perbaiki lalu impor ulang.', en: 'Some rows have errors; nothing was saved. Fix them and import again.' }, { ...view, applied: false });
    const changed = plan.rows.filter((r) => r.action === 'new' || r.action === 'update').map((r) => r.student!);
    if (changed.length > 0) await db.students.applyImport(schoolId, changed, { now: clock.now(), actorId: p.userId });
    return c.json({ ...view, applied: true, dryRun: false }, 200);
  });
}
