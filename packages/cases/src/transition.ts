/**
 * The engine's answers in the unit of work's terms: a step becomes the
 * `CaseTransition` the repository persists, a refusal its `event_not_allowed`
 * error value (the engine's reason in `details`).
 */
import type { ApplyResult, CaseRow, CaseTransition, PathwayVersionRow } from '@jalur/db';
import { advanceCase, startCase, type Actor, type AdvanceError, type AdvanceOptions, type CaseEvent, type CaseSnapshot, type CaseStep, type StartCaseInput } from '@jalur/engine';
import type { CompiledPathwayCache } from './compiled.ts';

/**
 * The first event of every case: `case.opened` carrying the start input (and
 * anything else worth keeping, e.g. `{ fromFlag }`), so the events alone
 * replay to the snapshot.
 */
export function openingEvent(input: StartCaseInput, extra: Record<string, unknown> = {}): { type: 'case.opened'; data: Record<string, unknown> } {
  return { type: 'case.opened', data: { ...extra, input } };
}

/** The engine's refusal as the database's error value. */
export function refusal(error: AdvanceError): ApplyResult {
  return { ok: false, error: { code: 'event_not_allowed', message: `${error.message.id} / ${error.message.en ?? error.message.id}`, details: error } };
}

/**
 * The engine's step as the transition the unit of work persists. A closing
 * event may say how the case ended (its `outcome` form field); otherwise the
 * outcome comes from the pathway or the final state.
 */
export function transitionOf(step: CaseStep, event?: CaseEvent): CaseTransition {
  const outcome = step.status === 'done' && typeof event?.data?.outcome === 'string' ? event.data.outcome : null;
  return { snapshot: step.snapshot, stateValue: step.active.map((a) => a.stateId), status: step.status, effects: step.effects, outcome };
}

/**
 * A `start` for `db.cases.create` outside the service (tests, benches):
 * the engine's `startCase` on the pinned version.
 */
export function startWith(cache: CompiledPathwayCache, input: StartCaseInput, opts: { now: Date; actor?: Actor }) {
  return ({ caseId, pathwayVersion }: { caseId: string; pathwayVersion: PathwayVersionRow }): ApplyResult =>
    ({ ok: true, value: transitionOf(startCase(cache.get(pathwayVersion), { ...input, caseId }, opts)) });
}

/**
 * An `apply` for `db.cases.advance` / `fireTimer` outside the service (tests,
 * benches): the engine's `advanceCase` — a timer without an actor, a user's event with one.
 */
export function advanceWith(cache: CompiledPathwayCache, event: CaseEvent, opts: AdvanceOptions) {
  return (row: CaseRow, pathwayVersion: PathwayVersionRow): ApplyResult => {
    const result = advanceCase(cache.get(pathwayVersion), row.snapshot as CaseSnapshot, event, opts);
    return result.ok ? { ok: true, value: transitionOf(result.value, event) } : refusal(result.error);
  };
}
