/**
 * The bridge between the engine and the database's unit of work: pure,
 * synchronous callbacks that run inside the case transaction. They turn the
 * engine's results into the `ApplyResult` the repository persists, and the
 * engine's refusals into error values that roll the transaction back.
 */
import { transitionOf, type ApplyResult, type CaseRow, type PathwayVersionRow } from '@jalur/db';
import {
  advanceCase, availableEvents, startCase,
  type Actor, type CaseEvent, type CaseSnapshot, type CompiledPathway, type StartCaseInput,
} from '@jalur/engine';
import type { CompiledPathways, CompiledVersion } from './compiled-pathways.ts';

/** What an `apply` produced, kept so the response is built from the same objects. */
export interface StepOutcome {
  snapshot: CaseSnapshot | null;
  /** The version the case runs on (set by {@link advanceStep}). */
  version: CompiledVersion | null;
}

export const emptyOutcome = (): StepOutcome => ({ snapshot: null, version: null });

/** `startCase` as the repository's `start` callback. */
export function startStep(compiled: CompiledPathway, input: StartCaseInput, now: Date, actor: Actor | undefined, out: StepOutcome): ApplyResult {
  const step = startCase(compiled, input, actor ? { now, actor } : { now });
  out.snapshot = step.snapshot;
  return { ok: true, value: transitionOf(step) };
}

/**
 * `advanceCase` as the repository's `apply` callback. A refusal becomes an
 * `event_not_allowed` error value carrying the engine's reason and the events
 * the sender may send instead.
 */
export function advanceStep(
  cache: CompiledPathways,
  event: CaseEvent,
  now: Date,
  actor: Actor | undefined,
  out: StepOutcome,
): (row: CaseRow, version: PathwayVersionRow) => ApplyResult {
  return (row, versionRow) => {
    const version = cache.of(versionRow);
    const { compiled } = version;
    const snapshot = row.snapshot as CaseSnapshot;
    const result = advanceCase(compiled, snapshot, event, actor ? { now, actor } : { now });
    out.version = version;
    if (!result.ok) {
      const available = row.status === 'active' ? availableEvents(compiled, snapshot, actor ? { role: actor.role } : {}) : [];
      return {
        ok: false,
        error: { code: 'event_not_allowed', message: result.error.message.id, details: { ...result.error, availableEvents: available } },
      };
    }
    out.snapshot = result.value.snapshot;
    return { ok: true, value: transitionOf(result.value, event) };
  };
}
