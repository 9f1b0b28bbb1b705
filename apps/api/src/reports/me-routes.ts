/**
 * Issue 15's "step data stays visible" and the M&E records, mounted at `/api`:
 *
 * - `GET /cases/{id}/answers` — every submitted step of the case: the step,
 *   who submitted it (name), when, and its answers as words, for whoever may
 *   open the case, within their confidentiality level (a hidden step says so
 *   and shows nothing); a `rahasia` read is audited like the notes' reads.
 * - `GET|POST /cases/{id}/satisfaction` — the student's 1–5 scores of the
 *   services they received (kepsek, guru BK, the class's wali kelas); a score
 *   counts in the semester of the day it was given.
 * - `GET|POST /participation` — ekstrakurikuler and P5 participation per
 *   term (kepsek and guru BK the whole school, a wali kelas their class).
 */
import { ACTIVITY_KIND_LABELS, SCORE_LABELS, SURVEY_SERVICE_LABELS, SURVEY_SERVICES, termLabel, termOfDate, type ActivityKind, type SurveyService } from '@jalur/casework';
import type { MeRecordRow } from '@jalur/db';
import { requireAuth, requireRole, schoolOf } from '../auth/middleware.ts';
import { loadCase, loadStudent } from '../casework/access.ts';
import { fromDbError } from '../http/db-errors.ts';
import { assignedSteps } from '../casework/tim-scope.ts';
import { UserNames } from '../cases/people.ts';
import type { ApiContext } from '../context.ts';
import { createRouter } from '../http/router.ts';
import { answersOf, submissionsOf } from './answers.ts';
import { participationAddRoute, participationListRoute, satisfactionAddRoute, satisfactionListRoute, stepAnswersRoute } from './me-route-defs.ts';
import { schoolTerm } from './semester.ts';

const SCORES = [1, 2, 3, 4, 5] as const;

/** The `/api` sub-app of step answers and M&E records. */
export function meRoutes(ctx: ApiContext) {
  const { db, clock, cases } = ctx;
  const names = new UserNames(db, clock);
  const router = createRouter();
  const auth = requireAuth(ctx);
  const staff = requireRole('kepsek', 'guru_bk', 'wali_kelas', 'tim');
  // The case router (`/api/cases`) may have signed the caller in already.
  const signedIn = async (c: Parameters<typeof auth>[0], next: Parameters<typeof auth>[1]) => (c.get('principal') ? next() : auth(c, next));
  router.use('/cases/:id/answers', signedIn, staff);
  // Scores and participation: the staff who keep a student's record, not the task force or the dinas.
  const recorders = requireRole('kepsek', 'guru_bk', 'wali_kelas');
  router.use('/cases/:id/satisfaction', signedIn, recorders);
  router.use('/participation', signedIn, recorders);

  const satisfactionView = async (r: MeRecordRow) => {
    const d = r.data as { service?: string; score?: number; date?: string };
    const service = (SURVEY_SERVICES as readonly string[]).includes(d.service ?? '') ? (d.service as SurveyService) : 'other';
    const score = (SCORES as readonly number[]).includes(d.score ?? 0) ? (d.score as 1 | 2 | 3 | 4 | 5) : 3;
    return {
      id: r.id, service, serviceLabel: SURVEY_SERVICE_LABELS[service], score, scoreLabel: SCORE_LABELS[score], date: d.date ?? r.recordedAt.toISOString().slice(0, 10),
      term: termLabel({ year: r.academicYear, semester: r.semester }) as { id: string; en: string }, recordedBy: (await names.ref(r.schoolId, r.recordedBy))?.name ?? null, recordedAt: r.recordedAt.toISOString(),
    };
  };
  const participationView = (r: MeRecordRow, student: { id: string; name: string; className: string }) => {
    const d = r.data as { activity?: ActivityKind; name?: string; attended?: boolean };
    const activity: ActivityKind = d.activity === 'p5' ? 'p5' : 'ekstrakurikuler';
    return {
      id: r.id, student, activity, activityLabel: ACTIVITY_KIND_LABELS[activity], name: d.name ?? '', attended: d.attended === true,
      term: termLabel({ year: r.academicYear, semester: r.semester }) as { id: string; en: string }, recordedAt: r.recordedAt.toISOString(),
    };
  };

  return router
    .openapi(satisfactionListRoute, async (c) => {
      const p = c.var.principal;
      const schoolId = schoolOf(p);
      const { row } = await loadCase(db, p, schoolId, c.req.valid('param').id);
      const rows = await db.me.list(schoolId, { kind: 'satisfaction', caseId: row.id });
      const items = [];
      for (const r of rows) items.push(await satisfactionView(r));
      return c.json({
        items,
        services: SURVEY_SERVICES.map((value) => ({ value, label: SURVEY_SERVICE_LABELS[value] })),
        scores: SCORES.map((value) => ({ value, label: SCORE_LABELS[value] })),
      }, 200);
    })
    .openapi(satisfactionAddRoute, async (c) => {
      const p = c.var.principal;
      const schoolId = schoolOf(p);
      const { row } = await loadCase(db, p, schoolId, c.req.valid('param').id);
      const body = c.req.valid('json');
      const { today } = await schoolTerm(db, schoolId, clock.now());
      const date = body.date ?? today;
      const term = termOfDate(date);
      const added = await db.me.add(
        schoolId,
        { studentId: row.studentId, caseId: row.id, kind: 'satisfaction', academicYear: term.year, semester: term.semester, data: { service: body.service, score: body.score, date } },
        { actorId: p.userId, now: clock.now() },
      );
      if (!added.ok) throw fromDbError(added.error, 'case_not_found');
      return c.json(await satisfactionView(added.value), 201);
    })
    .openapi(participationListRoute, async (c) => {
      const p = c.var.principal;
      const schoolId = schoolOf(p);
      const q = c.req.valid('query');
      const current = await schoolTerm(db, schoolId, clock.now());
      const term = { year: q.year ?? current.year, semester: q.semester ?? current.semester };
      const rows = await db.me.list(schoolId, { kind: 'participation', academicYear: term.year, semester: term.semester });
      const students = new Map((await db.students.getMany(schoolId, [...new Set(rows.map((r) => r.studentId))])).map((s) => [s.id, s]));
      const items = [];
      for (const r of rows) {
        const s = students.get(r.studentId);
        if (!s || s.erasedAt !== null) continue;
        if (p.role === 'wali_kelas' && s.className !== p.className) continue;
        items.push(participationView(r, { id: s.id, name: s.name, className: s.className }));
      }
      return c.json({ items, term: termLabel(term) as { id: string; en: string } }, 200);
    })
    .openapi(participationAddRoute, async (c) => {
      const p = c.var.principal;
      const schoolId = schoolOf(p);
      const body = c.req.valid('json');
      // A wali kelas records their own class only (another class's student is not found).
      const student = await loadStudent(db, p, schoolId, body.studentId);
      const added = await db.me.add(
        schoolId,
        { studentId: student.id, caseId: null, kind: 'participation', academicYear: body.academicYear, semester: body.semester, data: { activity: body.activity, name: body.name, attended: body.attended } },
        { actorId: p.userId, now: clock.now() },
      );
      if (!added.ok) throw fromDbError(added.error, 'student_not_found');
      return c.json(participationView(added.value, { id: student.id, name: student.name, className: student.className }), 201);
    })
    .openapi(stepAnswersRoute, async (c) => {
    const p = c.var.principal;
    const schoolId = schoolOf(p);
    const { row } = await loadCase(db, p, schoolId, c.req.valid('param').id);
    const { compiled } = await cases.versionOf(row);
    const steps = await assignedSteps(cases, p, row);
    const subs = submissionsOf(compiled, await db.cases.events(schoolId, row.id), { id: p.userId, role: p.role }, row.assigneeId, steps);
    const answers = await answersOf(db, schoolId, compiled, subs);
    const items = [];
    for (const s of subs) {
      const step = compiled.steps.get(s.stateId);
      const actor = await names.ref(schoolId, s.event.actorId);
      items.push({
        seq: s.event.seq,
        at: s.event.at.toISOString(),
        stateId: s.stateId,
        step: { id: step?.title.id ?? s.stateId, en: step?.title.en ?? step?.title.id ?? s.stateId },
        actorName: actor?.name ?? null,
        confidentiality: s.level,
        visible: s.visible,
        answers: s.visible ? (answers.get(s.event.seq) ?? []) : null,
      });
    }
    const rahasia = subs.filter((s) => s.visible && s.level === 'rahasia').map((s) => s.event.seq);
    if (rahasia.length > 0) {
      await db.audit.record({ action: 'case.read_confidential', subject: `case:${row.id}`, actorId: p.userId, schoolId, at: clock.now(), details: { what: 'answers', events: rahasia } });
    }
    return c.json({ items }, 200);
  });
}
