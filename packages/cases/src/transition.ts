/**
 * The engine's answers in the unit of work's terms: a step becomes the
 * `CaseTransition` the repository persists, a refusal its `event_not_allowed`
 * error value (the engine's reason in `details`).
 */
import type { ApplyResult, CaseRow, CaseTransition, PathwayVersionRow } from '@jalur/db';
import { advanceCase, startCase, PathwayRunError, type Actor, type CompiledPathway, type AdvanceError, type AdvanceOptions, type CaseEvent, type CaseSnapshot, type CaseStep, type StartCaseInput } from '@jalur/engine';
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
 * How a closing case ended: the outcome its closure step declares (by the
 * templates' convention a closure step's form has one `outcome` choice
 * listing exactly the outcome it means: `selesai_tuntas` → `resolved`), else
 * the one the closing event gives (its `outcome` form field), else the final
 * state's name.
 */
export function closingOutcome(step: CaseStep, event: CaseEvent | undefined, compiled: CompiledPathway | undefined): string | null {
  if (step.status !== 'done') return null;
  const closed = step.effects.find((e) => e.type === 'case.closed');
  const finalState = closed?.type === 'case.closed' ? closed.finalState : null;
  const field = finalState ? compiled?.steps.get(finalState)?.form?.find((f) => f.name === 'outcome') : undefined;
  const declared = field?.options?.length === 1 ? field.options[0] : undefined;
  const given = typeof event?.data?.outcome === 'string' ? event.data.outcome : undefined;
  return declared ?? given ?? (finalState ? (finalState.split('.').pop() ?? finalState) : null);
}

/** The engine's step as the transition the unit of work persists (with the outcome when it closes the case). */
export function transitionOf(step: CaseStep, event?: CaseEvent, compiled?: CompiledPathway): CaseTransition {
  return { snapshot: step.snapshot, stateValue: step.active.map((a) => a.stateId), status: step.status, effects: step.effects, outcome: closingOutcome(step, event, compiled) };
}

/**
 * A `start` for `db.cases.create` outside the service (tests, benches):
 * the engine's `startCase` on the pinned version.
 */
export function startWith(cache: CompiledPathwayCache, input: StartCaseInput, opts: { now: Date; actor?: Actor }) {
  return ({ caseId, pathwayVersion }: { caseId: string; pathwayVersion: PathwayVersionRow }): ApplyResult =>
  {
    const compiled = cache.get(pathwayVersion);
    return { ok: true, value: transitionOf(startCase(compiled, { ...input, caseId }, opts), undefined, compiled) };
  };
}

/**
 * An `apply` for `db.cases.advance` / `fireTimer` outside the service (tests,
 * benches): the engine's `advanceCase` — a timer without an actor, a user's event with one.
 */
export function advanceWith(cache: CompiledPathwayCache, event: CaseEvent, opts: AdvanceOptions) {
  return (row: CaseRow, pathwayVersion: PathwayVersionRow): ApplyResult => {
    const compiled = cache.get(pathwayVersion);
    try {
      const result = advanceCase(compiled, row.snapshot as CaseSnapshot, event, opts);
      return result.ok ? { ok: true, value: transitionOf(result.value, event, compiled) } : refusal(result.error);
    } catch (error) {
      if (!(error instanceof PathwayRunError)) throw error;
      return refusal({ code: 'pathway_error', message: error.detail, event: event.type, allowed: [] });
    }
  };
}
