/**
 * Cases: open a case on a published pathway version, list and read cases,
 * the event timeline, and advancing a case by an event. A write is
 * validate → the case service (engine → one transaction: snapshot, event,
 * effects, idempotency record) → the caller's view, so a 200 means it is on disk.
 */
import { createHash } from 'node:crypto';
import type { CaseOutcome, IdempotencyKey } from '@jalur/cases';
import { canonicalJson, type CaseListFilter, type CaseRow, type DbError, type StudentRow } from '@jalur/db';
import type { AdvanceError, CaseSnapshot } from '@jalur/engine';
import type { Context } from 'hono';
import { requireAuth, requireRole, schoolOf } from '../auth/middleware.ts';
import { canSeeContent } from '@jalur/casework';
import { loadCase } from '../casework/access.ts';
import { assignedSteps, fromStep, narrowView, onlyStepForms } from '../casework/tim-scope.ts';
import { caseView, type CaseView } from '../cases/case-view.ts';
import { eventLevel, visibleForm } from '../cases/step-visibility.ts';
import { UserNames } from '../cases/people.ts';
import type { ApiContext } from '../context.ts';
import { fromDbError } from '../http/db-errors.ts';
import { ApiError, forbidden, notFound } from '../http/errors.ts';
import { createRouter, type Principal } from '../http/router.ts';
import { scopeOf } from './pathways.ts';
import { advance, assign, board, create, get, list, timeline } from './case-route-defs.ts';

const OPENERS = ['kepsek', 'guru_bk'] as const;

function requestHash(method: string, path: string, body: unknown): string {
  return createHash('sha256').update(`${method} ${path}\n${canonicalJson(body)}`).digest('base64url');
}

/** An engine refusal as an API error: 422 with the reason and what is allowed now. */
function refusalError(error: DbError): ApiError {
  const details = (error.details ?? {}) as AdvanceError;
  const code = details.code === 'form_invalid' ? 'form_invalid' : 'event_not_allowed';
  const { message, code: reason, ...rest } = details;
  return new ApiError(422, code, 'event_not_allowed', { reason, ...rest }, message);
}

/** The Idempotency-Key of a request, for the case service. */
function idempotencyOf(userId: string, key: string | undefined, route: string, path: string, body: unknown): IdempotencyKey | undefined {
  return key ? { userId, key, route, requestHash: requestHash('POST', path, body) } : undefined;
}

/** Marks the answer as the stored one when the service replayed it. */
function markReplay(c: Context, outcome: CaseOutcome): void {
  if (outcome.replayed) c.header('Idempotent-Replayed', 'true');
}

/** The `/api/cases` sub-app. */
export function caseRoutes(ctx: ApiContext) {
  const { db, clock, cases } = ctx;
  const names = new UserNames(db, clock);
  const router = createRouter();
  router.use('*', requireAuth(ctx), requireRole('kepsek', 'guru_bk', 'wali_kelas', 'tim'));
  router.on(['POST'], '/', requireRole(...OPENERS));

  /**
   * A case view for the caller. `form` adds the form values they may read:
   * `read` audits a `rahasia` read, `own-write` (the answer to their own
   * event) does not.
   */
  async function view(p: Principal, row: CaseRow, student: StudentRow | null | undefined, form?: 'read' | 'own-write'): Promise<CaseView> {
    const version = await cases.versionOf(row);
    const viewer = { id: p.userId, role: p.role };
    // A tim member assigned only some steps sees only those steps.
    const steps = await assignedSteps(cases, p, row);
    let visibleValues: Record<string, unknown> | undefined;
    if (form) {
      const snapshot = steps ? onlyStepForms(row.snapshot as CaseSnapshot, steps) : (row.snapshot as CaseSnapshot);
      const visible = visibleForm(version.compiled, snapshot, viewer, row.assigneeId);
      visibleValues = visible.form;
      if (visible.readsRahasia && form === 'read') {
        await db.audit.record({ action: 'case.read_confidential', subject: `case:${row.id}`, actorId: p.userId, schoolId: row.schoolId, at: clock.now(), details: { what: 'form' } });
      }
    }
    const built = caseView(row, version, viewer, {
      student: student ? { id: student.id, name: student.name, className: student.className } : undefined,
      assignee: await names.ref(row.schoolId, row.assigneeId),
      ...(visibleValues ? { form: visibleValues } : {}),
    });
    return steps ? narrowView(built, steps) : built;
  }

  /** Adds each case's active leaf steps to the column counts. */
  function countLeaves(counts: Map<string, number>, stateValue: string, n: number): void {
    for (const leaf of stateValue === '' ? [] : stateValue.split(',')) counts.set(leaf, (counts.get(leaf) ?? 0) + n);
  }

  return router
    .openapi(board, async (c) => {
      const p = c.var.principal;
      const schoolId = schoolOf(p);
      const q = c.req.valid('query');
      const status = q.status ?? 'active';
      const counts = new Map<string, number>();
      let total = 0;
      if ((p.role === 'kepsek' || p.role === 'guru_bk') && !q.pathwayId) {
        // The whole school: one grouped query.
        for (const { stateValue, count } of await db.cases.countByState(schoolId, { status })) {
          countLeaves(counts, stateValue, count);
          total += count;
        }
      } else {
        // A class, a member's own cases or one pathway: counted from the (capped) list the caller may see.
        const filter: CaseListFilter = { status, limit: 1000 };
        if (q.pathwayId) filter.pathwayId = q.pathwayId;
        if (p.role === 'wali_kelas') filter.className = p.className ?? '\u0000';
        // A task-force member sees the cases, or single steps, assigned to them.
        if (p.role === 'tim') filter.involving = p.userId;
        const rows = await db.cases.list(schoolId, filter);
        for (const row of rows) countLeaves(counts, row.stateValue, 1);
        total = rows.length;
      }
      const columns = [...counts].map(([stateId, count]) => ({ stateId, count })).sort((a, b) => a.stateId.localeCompare(b.stateId));
      return c.json({ columns, total }, 200);
    })
    .openapi(assign, async (c) => {
      const p = c.var.principal;
      if (p.role !== 'kepsek' && p.role !== 'guru_bk') throw forbidden({ allowedRoles: ['kepsek', 'guru_bk'] });
      const schoolId = schoolOf(p);
      const { id } = c.req.valid('param');
      const { assigneeId } = c.req.valid('json');
      const result = await db.cases.setAssignee(schoolId, id, assigneeId, { actorId: p.userId, now: clock.now() });
      if (!result.ok) {
        if (result.error.code === 'invalid') throw new ApiError(422, 'invalid_reference', 'invalid_reference', { field: 'assigneeId' });
        throw fromDbError(result.error, 'case_not_found');
      }
      const student = await db.students.get(schoolId, result.value.studentId);
      return c.json(await view(p, result.value, student), 200);
    })
    .openapi(create, async (c) => {
      const p = c.var.principal;
      const schoolId = schoolOf(p);
      const body = c.req.valid('json');
      const scope = scopeOf(p);
      const student = await db.students.get(schoolId, body.studentId);
      if (!student) throw notFound('student_not_found');
      const pathway = await db.pathways.get(scope, body.pathwayId);
      if (!pathway || pathway.schoolId !== schoolId) throw notFound('pathway_not_found');
      const versionRow =
        body.version !== undefined ? await db.pathways.getVersion(scope, pathway.id, body.version) : await db.pathways.latestVersion(scope, pathway.id);
      if (!versionRow) {
        if (body.version !== undefined) throw notFound('version_not_found');
        throw new ApiError(422, 'no_published_version', 'no_published_version');
      }
      const assigneeId = body.assigneeId === undefined ? (p.role === 'guru_bk' ? p.userId : null) : body.assigneeId;
      if (assigneeId !== null && !(await names.ref(schoolId, assigneeId))) throw new ApiError(422, 'invalid_reference', 'invalid_reference', { field: 'assigneeId' });
      const idempotency = idempotencyOf(p.userId, c.req.valid('header')['idempotency-key'], 'POST /api/cases', '/api/cases', body);
      const result = await cases.open({
        schoolId, student, pathwayVersion: versionRow, assigneeId, riskFactors: body.riskFactors ?? [],
        studentFacts: { className: student.className, gender: student.gender },
        actor: { id: p.userId, role: p.role }, now: clock.now(), ...(idempotency ? { idempotency } : {}),
      });
      if (!result.ok) {
        if (result.error.code === 'event_not_allowed') throw refusalError(result.error);
        throw fromDbError(result.error, 'case_not_found');
      }
      markReplay(c, result.value);
      return c.json(await view(p, result.value.case, student), 201);
    })
    .openapi(list, async (c) => {
      const p = c.var.principal;
      const schoolId = schoolOf(p);
      const q = c.req.valid('query');
      const filter: CaseListFilter = { limit: q.limit ?? 100, offset: q.offset ?? 0 };
      if (q.status) filter.status = q.status;
      if (q.state) filter.state = q.state;
      if (q.riskFactor) filter.riskFactor = q.riskFactor;
      if (q.studentId) filter.studentId = q.studentId;
      if (q.pathwayId) filter.pathwayId = q.pathwayId;
      if (q.assignee) filter.assigneeId = q.assignee === 'me' ? p.userId : q.assignee;
      if (q.overdue) filter.overdueAt = clock.now();
      if (p.role === 'wali_kelas') filter.className = p.className ?? '\u0000';
      if (p.role === 'tim') {
        if (filter.assigneeId !== undefined && filter.assigneeId !== p.userId) return c.json({ items: [] }, 200);
        delete filter.assigneeId;
        filter.involving = p.userId;
      }
      const rows = await db.cases.list(schoolId, filter);
      const students = new Map((await db.students.getMany(schoolId, [...new Set(rows.map((r) => r.studentId))])).map((s) => [s.id, s]));
      const items: CaseView[] = [];
      for (const row of rows) items.push(await view(p, row, students.get(row.studentId) ?? null));
      return c.json({ items }, 200);
    })
    .openapi(get, async (c) => {
      const p = c.var.principal;
      const { row, student } = await loadCase(db, p, schoolOf(p), c.req.valid('param').id);
      return c.json(await view(p, row, student, 'read'), 200);
    })
    .openapi(timeline, async (c) => {
      const p = c.var.principal;
      const schoolId = schoolOf(p);
      const { row } = await loadCase(db, p, schoolId, c.req.valid('param').id);
      const events = await db.cases.events(schoolId, row.id);
      const { compiled } = await cases.versionOf(row);
      const viewer = { id: p.userId, role: p.role };
      const steps = await assignedSteps(cases, p, row);
      const rahasiaRead: number[] = [];
      const actorNames = new Map<string, string | null>();
      for (const a of new Set(events.map((e) => e.actorId).filter((x): x is string => x !== null))) actorNames.set(a, (await names.ref(schoolId, a))?.name ?? null);
      const items = events.map((e) => {
        const level = eventLevel(compiled, e.stateBefore);
        const visible = e.data !== null && (!steps || fromStep(e.stateBefore, steps)) && canSeeContent(level, viewer, e.actorId ?? '', row.assigneeId);
        if (visible && level === 'rahasia') rahasiaRead.push(e.seq);
        return {
          id: e.id, seq: e.seq, type: e.type, data: visible ? e.data : null, actorId: e.actorId, actorName: e.actorId ? (actorNames.get(e.actorId) ?? null) : null,
          at: e.at.toISOString(), stateBefore: e.stateBefore, stateAfter: e.stateAfter,
        };
      });
      if (rahasiaRead.length > 0) {
        await db.audit.record({
          action: 'case.read_confidential', subject: `case:${row.id}`, actorId: p.userId, schoolId, at: clock.now(), details: { what: 'events', events: rahasiaRead },
        });
      }
      return c.json({ items }, 200);
    })
    .openapi(advance, async (c) => {
      const p = c.var.principal;
      const schoolId = schoolOf(p);
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      // A wali kelas or Satgas member reaches only the cases of their class or assigned to them.
      if (p.role === 'wali_kelas' || p.role === 'tim') await loadCase(db, p, schoolId, id);
      const idempotency = idempotencyOf(p.userId, c.req.valid('header')['idempotency-key'], 'POST /api/cases/:id/events', `/api/cases/${id}/events`, body);
      const result = await cases.advance({
        schoolId, caseId: id, expectedVersion: body.expectedVersion, event: body.data ? { type: body.type, data: body.data } : { type: body.type },
        actor: { id: p.userId, role: p.role }, now: clock.now(), ...(idempotency ? { idempotency } : {}),
      });
      if (!result.ok) {
        if (result.error.code === 'event_not_allowed') throw refusalError(result.error);
        throw fromDbError(result.error, 'case_not_found');
      }
      markReplay(c, result.value);
      // Their own write: the answer shows what they may read of the form, with no audit row.
      return c.json(await view(p, result.value.case, undefined, 'own-write'), 200);
    });
}
