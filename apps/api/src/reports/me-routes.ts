/**
 * Issue 15's "step data stays visible" and the M&E records, mounted at `/api`:
 *
 * - `GET /cases/{id}/answers` — every submitted step of the case: the step,
 *   who submitted it (name), when, and its answers as words, for whoever may
 *   open the case, within their confidentiality level (a hidden step says so
 *   and shows nothing); a `rahasia` read is audited like the notes' reads.
 */
import { requireAuth, requireRole, schoolOf } from '../auth/middleware.ts';
import { loadCase } from '../casework/access.ts';
import { assignedSteps } from '../casework/tim-scope.ts';
import { UserNames } from '../cases/people.ts';
import type { ApiContext } from '../context.ts';
import { createRouter } from '../http/router.ts';
import { answersOf, submissionsOf } from './answers.ts';
import { stepAnswersRoute } from './me-route-defs.ts';

/** The `/api` sub-app of step answers and M&E records. */
export function meRoutes(ctx: ApiContext) {
  const { db, clock, cases } = ctx;
  const names = new UserNames(db, clock);
  const router = createRouter();
  const auth = requireAuth(ctx);
  const staff = requireRole('kepsek', 'guru_bk', 'wali_kelas', 'tim');
  // The case router (`/api/cases`) may have signed the caller in already.
  router.use('/cases/:id/answers', async (c, next) => (c.get('principal') ? next() : auth(c, next)), staff);
  return router.openapi(stepAnswersRoute, async (c) => {
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
