/**
 * A task-force member (`tim`) assigned one step of a case — not the case —
 * sees that step only: the case view, its form values and its timeline are
 * narrowed to the steps whose tasks are assigned to them (the engine itself
 * refuses their events on other steps). Everyone else sees the case as before.
 */
import type { CaseService } from '@jalur/cases';
import type { CaseRow } from '@jalur/db';
import type { CaseSnapshot } from '@jalur/engine';
import type { CaseView } from '../cases/case-view.ts';
import type { Principal } from '../http/router.ts';

/** The steps (state paths) a `tim` member was assigned on this case; null when they see the whole case. */
export async function assignedSteps(cases: CaseService, p: Principal, row: CaseRow): Promise<ReadonlySet<string> | null> {
  const steps = await cases.assignedSteps({ id: p.userId, role: p.role }, row);
  return steps ? new Set(steps) : null;
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
