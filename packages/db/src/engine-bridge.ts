/**
 * Glue between the engine's pure functions and the case unit of work: turns
 * `startCase`/`advanceCase` into the `start`/`apply` callbacks that
 * `cases.create`/`cases.advance`/`cases.fireTimer` run inside their
 * transaction, and caches compiled pathways per immutable version.
 */
import {
  advanceCase, compilePathway, parsePathway, startCase,
  type Actor, type AdvanceError, type CaseEvent, type CaseSnapshot, type CaseStep, type CompiledPathway, type StartCaseInput,
} from '@jalur/engine';
import type { ApplyResult, CaseTransition } from './case-unit.ts';
import type { CaseRow, PathwayVersionRow } from './rows.ts';

/** Compiled pathways by version id: versions never change, so entries never go stale. */
export class CompiledPathwayCache {
  readonly #byVersion = new Map<string, { version: PathwayVersionRow; compiled: CompiledPathway }>();
  constructor(private readonly max = 500) {}

  /** The compiled machine of a published version (compiled once per process). */
  get(version: PathwayVersionRow): CompiledPathway {
    const known = this.#byVersion.get(version.id);
    if (known) return known.compiled;
    const parsed = parsePathway(version.document);
    // A published version passed parse and lint when it was stored; failing now is a bug, not bad input.
    if (!parsed.ok) throw new Error(`pathway version ${version.id} no longer parses: ${JSON.stringify(parsed.error.slice(0, 3))}`);
    const compiled = compilePathway(parsed.value);
    if (this.#byVersion.size >= this.max) this.#byVersion.delete(this.#byVersion.keys().next().value!);
    this.#byVersion.set(version.id, { version, compiled });
    return compiled;
  }

  /** The row of a version compiled already (so a lookup by id needs no read), or undefined. */
  versionRow(id: string): PathwayVersionRow | undefined {
    return this.#byVersion.get(id)?.version;
  }
}

/**
 * The first event of every case: `case.opened` carrying the start input (and
 * anything else worth keeping, e.g. `{ fromFlag }`), so the events alone
 * replay to the snapshot: `startCase(p, { ...data.input, caseId })`, then
 * `advanceCase` for each later event.
 */
export function openingEvent(input: StartCaseInput, extra: Record<string, unknown> = {}): { type: 'case.opened'; data: Record<string, unknown> } {
  return { type: 'case.opened', data: { ...extra, input } };
}

/** The engine's refusal as the database's error value (`event_not_allowed`, the engine error in `details`). */
export function refusal(error: AdvanceError): ApplyResult {
  return { ok: false, error: { code: 'event_not_allowed', message: `${error.message.id} / ${error.message.en ?? error.message.id}`, details: error } };
}

/**
 * The engine's step as the transition the unit of work persists. A closing
 * event may say how the case ended (its `outcome` form field); otherwise the
 * outcome comes from the pathway or the final state (see `closingOutcome`).
 */
export function transitionOf(step: CaseStep, event?: CaseEvent): CaseTransition {
  const outcome = step.status === 'done' && typeof event?.data?.outcome === 'string' ? event.data.outcome : null;
  return { snapshot: step.snapshot, stateValue: step.active.map((a) => a.stateId), status: step.status, effects: step.effects, outcome };
}

/** A `start` callback for `cases.create`: the engine's `startCase` on the pinned version. */
export function startWith(cache: CompiledPathwayCache, input: StartCaseInput, opts: { now: Date; actor?: Actor }) {
  return ({ caseId, pathwayVersion }: { caseId: string; pathwayVersion: PathwayVersionRow }): ApplyResult => {
    const p = cache.get(pathwayVersion);
    return { ok: true, value: transitionOf(startCase(p, { ...input, caseId }, opts)) };
  };
}

/** An `apply` callback for `cases.advance` / `cases.fireTimer`: the engine's `advanceCase` on the case's snapshot. */
export function advanceWith(cache: CompiledPathwayCache, event: CaseEvent, opts: { now: Date; actor?: Actor }) {
  return (row: CaseRow, pathwayVersion: PathwayVersionRow): ApplyResult => {
    const p = cache.get(pathwayVersion);
    const result = advanceCase(p, row.snapshot as CaseSnapshot, event, opts);
    if (!result.ok) return refusal(result.error);
    return { ok: true, value: transitionOf(result.value, event) };
  };
}
