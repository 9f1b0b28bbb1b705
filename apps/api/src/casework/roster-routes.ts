/**
 * `POST /api/students/import?dryRun=true|false`: a roster CSV becomes a
 * per-row plan (new / update / unchanged / error with reasons). Applying is
 * one transaction; any error row refuses the whole file (422, nothing
 * applied); importing the same file again changes nothing.
 */
import { parseRoster, planRoster, type RosterPlan, type RosterStudent } from '@jalur/casework';
import type { JalurDb } from '@jalur/db';
import { Hono } from 'hono';
import { z } from 'zod';
import type { ApiContext } from '../context.ts';
import type { AppEnv } from '../http/router.ts';
import { authOnce, ensureRole, failWith, queryOf, schoolIdOf } from './http.ts';
import { readCsvBody } from './csv-body.ts';
import { allStudents } from './access.ts';

const importQuery = z.object({ dryRun: z.enum(['true', 'false']).default('true') });

/** The wire form of a plan. */
export function planView(plan: RosterPlan) {
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
  };
}

async function existingStudents(db: JalurDb, schoolId: string): Promise<RosterStudent[]> {
  return (await allStudents(db, schoolId)).map((s) => ({ nisn: s.nisn, name: s.name, className: s.className, gender: s.gender, birthDate: s.birthDate, guardianName: s.guardianName, guardianPhone: s.guardianPhone }));
}

/** The `/api/students/import` route. */
export function rosterRoutes(ctx: ApiContext) {
  const { db, clock } = ctx;
  return new Hono<AppEnv>().use('*', authOnce(ctx)).post('/import', async (c) => {
    const p = c.var.principal;
    ensureRole(p, 'guru_bk', 'kepsek');
    const schoolId = schoolIdOf(p);
    const { dryRun } = queryOf(c, importQuery);
    const csv = await readCsvBody(c);
    const plan = planRoster(parseRoster(csv), await existingStudents(db, schoolId));
    const view = planView(plan);
    if (dryRun === 'true') return c.json({ ...view, applied: false, dryRun: true }, 200);
    if (!plan.applicable)
      throw failWith(422, 'import_has_errors', { id: 'Ada baris yang salah; tidak ada yang disimpan. Perbaiki lalu impor ulang.', en: 'Some rows have errors; nothing was saved. Fix them and import again.' }, { ...view, applied: false });
    const changed = plan.rows.filter((r) => r.action === 'new' || r.action === 'update').map((r) => r.student!);
    if (changed.length > 0) await db.students.applyImport(schoolId, changed, { now: clock.now(), actorId: p.userId });
    return c.json({ ...view, applied: true, dryRun: false }, 200);
  });
}
