/**
 * A task-force member (`tim`) assigned one step of a case — not the case —
 * works on that step only: the case view, its form values, its timeline and
 * the events they may send are narrowed to the steps whose tasks are
 * assigned to them. Everyone else sees the case as before.
 */
import type { CaseRow, JalurDb } from '@jalur/db';
import { availableEvents, type CaseSnapshot, type CompiledPathway } from '@jalur/engine';
import type { CaseView } from '../cases/case-view.ts';
import { ApiError } from '../http/errors.ts';
import type { Principal } from '../http/router.ts';

/** The steps (state paths) a `tim` member was assigned on this case; null when they see the whole case. */
export async function assignedSteps(db: JalurDb, p: Principal, row: CaseRow): Promise<ReadonlySet<string> | null> {
  if (p.role !== 'tim' || row.assigneeId === p.userId) return null;
  const tasks = await db.tasks.list(row.schoolId, { caseId: row.id, assigneeId: p.userId });
  return new Set(tasks.map((t) => t.stateId));
}

/** True when one of the steps an event left (`state_before`, comma separated) is in `steps`. */
export const fromStep = (stateBefore: string | null, steps: ReadonlySet<string>): boolean =>
  (stateBefore ?? '').split(',').some((s) => steps.has(s));

/** The snapshot with only these steps' recorded form values (for `visibleForm`). */
export function onlyStepForms(snapshot: CaseSnapshot, steps: ReadonlySet<string>): CaseSnapshot {
  const forms = (snapshot.context.forms ?? {}) as Record<string, Record<string, unknown>>;
  const kept = Object.fromEntries(Object.entries(forms).filter(([stateId]) => steps.has(stateId)));
  return { ...snapshot, context: { ...snapshot.context, forms: kept } };
}

/** The case view narrowed to these steps: their active steps and actions only. */
export function narrowView(view: CaseView, steps: ReadonlySet<string>): CaseView {
  const mine = view.steps.filter((s) => steps.has(s.stateId));
  return { ...view, steps: mine, step: mine[0] ?? null, availableEvents: view.availableEvents.filter((e) => steps.has(e.stateId)) };
}

/** Refuses (422 `event_not_allowed`, reason `step_not_assigned`) an event of a step not assigned to the member. */
export function assertOwnStep(compiled: CompiledPathway, row: CaseRow, p: Principal, eventType: string, steps: ReadonlySet<string>): void {
  const declaring = availableEvents(compiled, row.snapshot as CaseSnapshot, { role: p.role }).filter((e) => e.type === eventType);
  if (declaring.length === 0 || declaring.some((e) => steps.has(e.stateId))) return; // the engine answers unknown events itself
  throw new ApiError(422, 'event_not_allowed', 'event_not_allowed', { reason: 'step_not_assigned', steps: [...steps] }, {
    id: 'Langkah ini tidak ditugaskan kepada Anda.',
    en: 'This step is not assigned to you.',
  });
}
