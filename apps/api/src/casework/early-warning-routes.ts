/**
 * Early warning: `GET /api/early-warning` (flagged students with the reasons
 * and whether each flag has held long enough to propose a case),
 * `POST /api/early-warning/scan`, the school's rules (`GET`/`PUT
 * /api/early-warning/rules`), manual flags by a wali kelas
 * (`POST /api/flags`), clearing a flag, and opening a case from a flag with
 * its risk factors and the indicators that opened it (`POST /api/flags/:id/open-case`).
 */
import { createRoute } from '@hono/zod-openapi';
import { identifyPrefill, proposesCase, proposesCaseAt, type Finding, type Localized } from '@jalur/casework';
import type { FlagRow, IndicatorRow, StudentRow } from '@jalur/db';
import { requireAuth, requireRole, schoolOf } from '../auth/middleware.ts';
import { caseView } from '../cases/case-view.ts';
import type { ApiContext } from '../context.ts';
import { fromDbError } from '../http/db-errors.ts';
import { ApiError, notFound } from '../http/errors.ts';
import { createRouter, type Principal } from '../http/router.ts';
import { caseViewSchema } from '../schemas/cases.ts';
import {
  earlyWarningListSchema, earlyWarningQuerySchema, flagClearedSchema, flagSchema, manualFlagBodySchema, openCaseFromFlagBodySchema, rulesBodySchema,
  rulesResponseSchema, scanSummarySchema,
} from '../schemas/casework.ts';
import { errorResponses, idParamsSchema, json, jsonBody } from '../schemas/common.ts';
import { allStudents, loadStudent } from './access.ts';
import { scanSchool, schoolRules } from './early-warning-scan.ts';
import { failWith } from './http.ts';

const list = createRoute({
  method: 'get', path: '/', tags: ['early-warning'], summary: 'Siswa yang ditandai beserta alasannya / flagged students with the reasons',
  description: 'Guru BK, kepsek, wali kelas (kelasnya / own class).',
  middleware: [requireRole('guru_bk', 'kepsek', 'wali_kelas')] as const,
  request: { query: earlyWarningQuerySchema },
  responses: { 200: json(earlyWarningListSchema, 'Siswa bertanda / flagged students'), ...errorResponses(400, 401, 403) },
});
const scan = createRoute({
  method: 'post', path: '/scan', tags: ['early-warning'], summary: 'Periksa ulang indikator / re-run the early-warning rules',
  middleware: [requireRole('guru_bk', 'kepsek')] as const,
  responses: { 200: json(scanSummarySchema, 'Tanda dinaikkan, ditandai, dibersihkan / flags raised, marked, cleared'), ...errorResponses(401, 403, 413) },
});
const getRules = createRoute({
  method: 'get', path: '/rules', tags: ['early-warning'], summary: 'Aturan sekolah / the school’s rules',
  middleware: [requireRole('guru_bk', 'kepsek', 'wali_kelas')] as const,
  responses: { 200: json(rulesResponseSchema, 'Aturan'), ...errorResponses(401, 403) },
});
const putRules = createRoute({
  method: 'put', path: '/rules', tags: ['early-warning'], summary: 'Ubah aturan / tune the rules',
  middleware: [requireRole('kepsek', 'guru_bk')] as const,
  request: { body: jsonBody(rulesBodySchema) },
  responses: { 200: json(rulesResponseSchema, 'Aturan'), ...errorResponses(400, 401, 403, 413) },
});
const raise = createRoute({
  method: 'post', path: '/', tags: ['early-warning'], summary: 'Tanda manual (wali kelas, guru BK, kepsek) / a manual flag',
  middleware: [requireRole('wali_kelas', 'guru_bk', 'kepsek')] as const,
  request: { body: jsonBody(manualFlagBodySchema) },
  responses: { 201: json(flagSchema, 'Tanda baru / the new flag'), ...errorResponses(400, 401, 403, 404, 413) },
});
const clear = createRoute({
  method: 'post', path: '/{id}/clear', tags: ['early-warning'], summary: 'Bersihkan tanda / clear a flag',
  description: 'Guru BK, kepsek, atau pembuat tanda manual / or whoever raised the manual flag.',
  request: { params: idParamsSchema },
  responses: { 200: json(flagClearedSchema, 'Dibersihkan / cleared'), ...errorResponses(400, 401, 403, 404, 413) },
});
const openCase = createRoute({
  method: 'post', path: '/{id}/open-case', tags: ['early-warning'], summary: 'Buka kasus dari tanda / open a case from a flag',
  middleware: [requireRole('guru_bk', 'kepsek')] as const,
  request: { params: idParamsSchema, body: jsonBody(openCaseFromFlagBodySchema) },
  responses: { 201: json(caseViewSchema, 'Kasus baru / the new case'), ...errorResponses(400, 401, 403, 404, 409, 413, 422) },
});

/** A flag's reason in both languages (rule flags keep it in `details.reason`). */
function reasonOf(f: FlagRow): Localized {
  const r = f.details?.reason as Localized | undefined;
  return r && typeof r.id === 'string' ? r : { id: f.reason, en: f.reason };
}

/** Facts the engine's guards may read as `student.*`, from the latest indicators. */
export function studentFacts(student: StudentRow, indicators: readonly IndicatorRow[]): Record<string, unknown> {
  const facts: Record<string, unknown> = { className: student.className, gender: student.gender };
  // The identify step's figures, as its form is prefilled (sakit, izin, alpa apart): one definition for forms and guards.
  const prefill = identifyPrefill(indicators.map((i) => ({ kind: i.kind, period: i.period, subject: i.subject, values: i.values })));
  Object.assign(facts, prefill.values);
  if (prefill.source.attendancePeriod) facts.attendancePeriod = prefill.source.attendancePeriod;
  // The Dapodik roster's facts, for pathway guards (`student.kipHolder`, `student.distanceKm`, …); absent when unknown.
  const roster = { pipEligible: student.pipEligible, kipHolder: student.kipHolder, pipReceived: student.pipReceived, distanceKm: student.distanceKm, transport: student.transport };
  for (const [k, v] of Object.entries(roster)) if (v !== null && v !== undefined) facts[k] = v;
  return facts;
}

/** The `/api/early-warning` and `/api/flags` sub-apps. */
export function earlyWarningRoutes(ctx: ApiContext) {
  const { db, clock } = ctx;

  function flagView(p: Principal, f: FlagRow, rules: Awaited<ReturnType<typeof schoolRules>>, now: Date) {
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

  const earlyWarningRouter = createRouter();
  earlyWarningRouter.use('*', requireAuth(ctx));
  const earlyWarning = earlyWarningRouter
    .openapi(list, async (c) => {
      const p = c.var.principal;
      const schoolId = schoolOf(p);
      const q = c.req.valid('query');
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
        const views = list.map((f) => flagView(p, f, rules, now));
        const level = views.some((v) => v.level === 'risk') ? ('risk' as const) : ('watch' as const);
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
    .openapi(scan, async (c) => c.json(await scanSchool(db, schoolOf(c.var.principal), clock.now()), 200))
    .openapi(getRules, async (c) => c.json({ rules: await schoolRules(db, schoolOf(c.var.principal)) }, 200))
    .openapi(putRules, async (c) => {
      const schoolId = schoolOf(c.var.principal);
      // Each rule's params were checked (and their defaults filled in) by the body schema.
      for (const r of c.req.valid('json').rules) {
        await db.earlyWarning.upsertRule(schoolId, { key: r.key, params: r.params, ...(r.holdWeeks !== undefined ? { holdWeeks: r.holdWeeks } : {}), ...(r.enabled !== undefined ? { enabled: r.enabled } : {}), now: clock.now() });
      }
      return c.json({ rules: await schoolRules(db, schoolId) }, 200);
    });

  const flagRouter = createRouter();
  flagRouter.use('*', requireAuth(ctx));
  const flagRoutes = flagRouter
    .openapi(raise, async (c) => {
      const p = c.var.principal;
      const schoolId = schoolOf(p);
      const body = c.req.valid('json');
      const student = await loadStudent(db, p, schoolId, body.studentId);
      const r = await db.earlyWarning.raiseFlag(schoolId, { studentId: student.id, source: 'manual', reason: body.reason, level: body.level, createdBy: p.userId, now: clock.now() });
      if (!r.ok) throw fromDbError(r.error, 'student_not_found');
      return c.json(flagView(p, r.value, await schoolRules(db, schoolId), clock.now()), 201);
    })
    .openapi(clear, async (c) => {
      const p = c.var.principal;
      const schoolId = schoolOf(p);
      const { id } = c.req.valid('param');
      const flag = await db.earlyWarning.getFlag(schoolId, id);
      if (!flag) throw notFound();
      if (!(p.role === 'guru_bk' || p.role === 'kepsek' || (flag.source === 'manual' && flag.createdBy === p.userId))) throw new ApiError(403, 'forbidden', 'forbidden');
      const r = await db.earlyWarning.clearFlag(schoolId, id, clock.now());
      if (!r.ok) throw fromDbError(r.error);
      return c.json({ id, active: false as const }, 200);
    })
    .openapi(openCase, async (c) => {
      const p = c.var.principal;
      const schoolId = schoolOf(p);
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
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
      // The term and class the student was in when the case opened (reports and the case book read them later, after kenaikan kelas).
      const term = await db.schoolYear.settings(schoolId, now.toISOString().slice(0, 10));
      const indicatorsAtOpen = {
        term: { academicYear: term.academicYear, semester: term.semester, className: student.className },
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
