/**
 * Early warning: `GET /api/early-warning` (flagged students with the reasons
 * and whether each flag has held long enough to propose a case),
 * `POST /api/early-warning/scan`, the school's rules (`GET`/`PUT
 * /api/early-warning/rules`), manual flags by a wali kelas
 * (`POST /api/flags`), clearing a flag, and opening a case from a flag with
 * its risk factors and the indicators that opened it (`POST /api/flags/:id/open-case`).
 */
import { proposesCase, proposesCaseAt, RULE_KEYS, RULE_PARAMS, type Finding, type Localized } from '@jalur/casework';
import type { FlagRow, IndicatorRow, JalurDb, StudentRow } from '@jalur/db';
import { RISK_FACTORS } from '@jalur/engine';
import { Hono } from 'hono';
import { z } from 'zod';
import { caseView } from '../cases/case-view.ts';
import type { ApiContext } from '../context.ts';
import { fromDbError } from '../http/db-errors.ts';
import { ApiError, notFound } from '../http/errors.ts';
import type { AppEnv, Principal } from '../http/router.ts';
import { allStudents, loadStudent } from './access.ts';
import { scanSchool, schoolRules } from './early-warning-scan.ts';
import { authOnce, ensureRole, failWith, idParam, jsonBody, queryOf, schoolIdOf } from './http.ts';

const listQuery = z.object({ className: z.string().max(40).optional(), level: z.enum(['risk', 'watch']).optional() });
const manualFlagBody = z.object({ studentId: z.string().min(1).max(64), reason: z.string().trim().min(3).max(2000), level: z.enum(['risk', 'watch']).default('risk') });
const rulesBody = z.object({
  rules: z.array(z.object({ key: z.enum(RULE_KEYS), params: z.record(z.string(), z.unknown()).default({}), holdWeeks: z.number().int().min(0).max(52).optional(), enabled: z.boolean().optional() })).min(1),
});
const openCaseBody = z.object({
  pathwayId: z.string().min(1).max(64),
  version: z.number().int().min(1).optional(),
  riskFactors: z.array(z.enum(RISK_FACTORS)).max(8).optional(),
  assigneeId: z.string().min(1).max(64).nullable().optional(),
});

/** A flag's reason in both languages (rule flags keep it in `details.reason`). */
function reasonOf(f: FlagRow): Localized {
  const r = f.details?.reason as Localized | undefined;
  return r && typeof r.id === 'string' ? r : { id: f.reason, en: f.reason };
}

/** Facts the engine's guards may read as `student.*`, from the latest indicators. */
export function studentFacts(student: StudentRow, indicators: readonly IndicatorRow[]): Record<string, unknown> {
  const facts: Record<string, unknown> = { className: student.className, gender: student.gender };
  const att = indicators.filter((i) => i.kind === 'attendance').sort((a, b) => a.period.localeCompare(b.period)).at(-1);
  if (att) {
    const v = att.values as Record<string, number>;
    const days = v.schoolDays ?? 0;
    if (days > 0) facts.attendanceRate = Math.round(((v.present ?? days - (v.sick ?? 0) - (v.permitted ?? 0) - (v.absent ?? 0)) / days) * 1000) / 1000;
    facts.absentDays = (v.absent ?? 0) + (v.sick ?? 0) + (v.permitted ?? 0);
  }
  const grades = indicators.filter((i) => i.kind === 'grade');
  const term = [...new Set(grades.map((g) => g.period))].sort().at(-1);
  if (term) {
    const g = grades.filter((x) => x.period === term);
    facts.gradeAverage = Math.round((g.reduce((s, x) => s + Number((x.values as { score?: number }).score ?? 0), 0) / g.length) * 10) / 10;
    facts.failingSubjects = g.filter((x) => Number((x.values as { score?: number }).score ?? 0) < Number((x.values as { passing?: number }).passing ?? 75)).length;
  }
  return facts;
}

/** The `/api/early-warning` and `/api/flags` sub-apps. */
export function earlyWarningRoutes(ctx: ApiContext) {
  const { db, clock } = ctx;

  async function flagView(p: Principal, f: FlagRow, rules: Awaited<ReturnType<typeof schoolRules>>, now: Date) {
    return {
      id: f.id,
      source: f.source,
      ruleKey: f.ruleKey,
      level: f.level,
      reason: reasonOf(f),
      details: p.role === 'guru_bk' || p.role === 'kepsek' || p.role === 'wali_kelas' ? f.details : null,
      since: f.since.toISOString(),
      proposesCase: proposesCase(f, rules, now),
      proposesCaseAt: proposesCaseAt(f, rules).toISOString(),
      waitingToClear: Boolean(f.details?.missingSince),
      createdBy: f.createdBy,
    };
  }

  const earlyWarning = new Hono<AppEnv>()
    .use('*', authOnce(ctx))
    .get('/', async (c) => {
      const p = c.var.principal;
      ensureRole(p, 'guru_bk', 'kepsek', 'wali_kelas');
      const schoolId = schoolIdOf(p);
      const q = queryOf(c, listQuery);
      const now = clock.now();
      const rules = await schoolRules(db, schoolId);
      const flags = await db.earlyWarning.listFlags(schoolId, { active: true });
      const byStudent = new Map<string, FlagRow[]>();
      for (const f of flags) byStudent.set(f.studentId, [...(byStudent.get(f.studentId) ?? []), f]);
      const openCases = await db.cases.list(schoolId, { status: 'active', limit: 10_000 });
      const caseOf = new Map(openCases.map((k) => [k.studentId, k.id]));
      const students = new Map((await allStudents(db, schoolId)).map((s) => [s.id, s]));
      const items = [];
      for (const [studentId, list] of byStudent) {
        const s = students.get(studentId);
        if (!s) continue;
        if (p.role === 'wali_kelas' && s.className !== p.className) continue;
        if (q.className && s.className !== q.className) continue;
        const views = await Promise.all(list.map((f) => flagView(p, f, rules, now)));
        const level = views.some((v) => v.level === 'risk') ? 'risk' : 'watch';
        if (q.level && level !== q.level) continue;
        items.push({
          student: { id: s.id, nisn: s.nisn, name: s.name, className: s.className },
          level,
          proposesCase: views.some((v) => v.proposesCase),
          openCaseId: caseOf.get(s.id) ?? null,
          flags: views,
        });
      }
      items.sort((a, b) => (a.level === b.level ? a.student.name.localeCompare(b.student.name) : a.level === 'risk' ? -1 : 1));
      return c.json({ items, rules }, 200);
    })
    .post('/scan', async (c) => {
      const p = c.var.principal;
      ensureRole(p, 'guru_bk', 'kepsek');
      return c.json(await scanSchool(db, schoolIdOf(p), clock.now()), 200);
    })
    .get('/rules', async (c) => {
      const p = c.var.principal;
      ensureRole(p, 'guru_bk', 'kepsek', 'wali_kelas');
      return c.json({ rules: await schoolRules(db, schoolIdOf(p)) }, 200);
    })
    .put('/rules', async (c) => {
      const p = c.var.principal;
      ensureRole(p, 'kepsek', 'guru_bk');
      const schoolId = schoolIdOf(p);
      const body = await jsonBody(c, rulesBody);
      for (const r of body.rules) {
        const params = RULE_PARAMS[r.key].safeParse(r.params);
        if (!params.success) throw failWith(400, 'invalid_request', { id: `Parameter aturan ${r.key} tidak sah.`, en: `Invalid params for rule ${r.key}.` }, params.error.issues);
        await db.earlyWarning.upsertRule(schoolId, { key: r.key, params: params.data, ...(r.holdWeeks !== undefined ? { holdWeeks: r.holdWeeks } : {}), ...(r.enabled !== undefined ? { enabled: r.enabled } : {}), now: clock.now() });
      }
      return c.json({ rules: await schoolRules(db, schoolId) }, 200);
    });

  const flagRoutes = new Hono<AppEnv>()
    .use('*', authOnce(ctx))
    .post('/', async (c) => {
      const p = c.var.principal;
      ensureRole(p, 'wali_kelas', 'guru_bk', 'kepsek');
      const schoolId = schoolIdOf(p);
      const body = await jsonBody(c, manualFlagBody);
      const student = await loadStudent(db, p, schoolId, body.studentId);
      const r = await db.earlyWarning.raiseFlag(schoolId, { studentId: student.id, source: 'manual', reason: body.reason, level: body.level, createdBy: p.userId, now: clock.now() });
      if (!r.ok) throw fromDbError(r.error, 'student_not_found');
      return c.json(await flagView(p, r.value, await schoolRules(db, schoolId), clock.now()), 201);
    })
    .post('/:id/clear', async (c) => {
      const p = c.var.principal;
      const schoolId = schoolIdOf(p);
      const id = idParam(c);
      const flag = await db.earlyWarning.getFlag(schoolId, id);
      if (!flag) throw notFound();
      if (!(p.role === 'guru_bk' || p.role === 'kepsek' || (flag.source === 'manual' && flag.createdBy === p.userId))) throw new ApiError(403, 'forbidden', 'forbidden');
      const r = await db.earlyWarning.clearFlag(schoolId, id, clock.now());
      if (!r.ok) throw fromDbError(r.error);
      return c.json({ id, active: false }, 200);
    })
    .post('/:id/open-case', async (c) => {
      const p = c.var.principal;
      ensureRole(p, 'guru_bk', 'kepsek');
      const schoolId = schoolIdOf(p);
      const id = idParam(c);
      const body = await jsonBody(c, openCaseBody);
      const flags = await db.earlyWarning.listFlags(schoolId, {});
      const flag = flags.find((f) => f.id === id);
      if (!flag || !flag.active) throw notFound();
      const student = await db.students.get(schoolId, flag.studentId);
      if (!student) throw notFound('student_not_found');
      const open = await db.cases.list(schoolId, { studentId: student.id, status: 'active', limit: 1 });
      if (open.length > 0) throw failWith(409, 'case_already_open', { id: 'Siswa ini sudah memiliki kasus aktif.', en: 'This student already has an active case.' }, { caseId: open[0]!.id });
      if (p.districtId === null) throw new ApiError(403, 'forbidden', 'forbidden');
      const scope = { districtId: p.districtId, schoolId };
      const pathway = await db.pathways.get(scope, body.pathwayId);
      if (!pathway || pathway.schoolId !== schoolId) throw notFound('pathway_not_found');
      const versionRow = body.version !== undefined ? await db.pathways.getVersion(scope, pathway.id, body.version) : await db.pathways.latestVersion(scope, pathway.id);
      if (!versionRow) throw new ApiError(422, 'no_published_version', 'no_published_version');
      const studentFlags = flags.filter((f) => f.studentId === student.id && f.active);
      const indicators = await db.indicators.listForStudent(schoolId, student.id);
      const suggested = studentFlags.map((f) => (f.details as { riskFactor?: Finding['riskFactor'] } | null)?.riskFactor).filter((x): x is Finding['riskFactor'] => Boolean(x));
      const riskFactors = body.riskFactors ?? [...new Set(suggested.length > 0 ? suggested : ['motivation' as const])];
      const facts = studentFacts(student, indicators);
      const assigneeId = body.assigneeId === undefined ? (p.role === 'guru_bk' ? p.userId : null) : body.assigneeId;
      const now = clock.now();
      const indicatorsAtOpen = {
        flags: studentFlags.map((f) => ({ id: f.id, source: f.source, ruleKey: f.ruleKey, level: f.level, reason: reasonOf(f), details: f.details, since: f.since.toISOString() })),
        facts,
        indicators: indicators.map((i) => ({ kind: i.kind, period: i.period, subject: i.subject, values: i.values })),
      };
      const created = await ctx.cases.open({
        schoolId, student, pathwayVersion: versionRow, assigneeId, riskFactors, studentFacts: facts, indicatorsAtOpen,
        actor: { id: p.userId, role: p.role }, now, openingData: { fromFlag: flag.id },
        audit: [{ action: 'case.opened_from_flag', subject: `flag:${flag.id}` }],
      });
      if (!created.ok) throw fromDbError(created.error, 'case_not_found');
      const { case: row, version } = created.value;
      return c.json(caseView(row, version, { id: p.userId, role: p.role }, { student: { id: student.id, name: student.name, className: student.className } }), 201);
    });

  return { earlyWarning, flagRoutes };
}
