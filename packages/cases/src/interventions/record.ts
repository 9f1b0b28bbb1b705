/**
 * Case work as counsellors do it (issue 14): the guru BK changes the case's
 * set of risk factors, skips a step that is not needed, or adds an
 * intervention the pathway did not plan — each with a reason, each a
 * case-work event through the engine's gate (`advanceCase` with `source:
 * 'casework'`), recorded in `case_events` with who and when, in one
 * transaction with its effects (a task for an added intervention with a due
 * date; the case row's risk factors).
 */
import { randomUUID } from 'node:crypto';
import type { AdvanceCaseInput, ApplyResult, CaseRow, PathwayVersionRow } from '@jalur/db';
import { activeSteps, skipWays, type Actor, type CaseEvent, type CaseSnapshot, type CaseworkEventType, type CompiledPathway, type InterventionKind, type RiskFactor } from '@jalur/engine';
import type { CompiledPathwayCache } from '../compiled.ts';
import { advanceWith } from '../transition.ts';
import type { IdempotencyKey } from '../service.ts';

interface Common {
  schoolId: string;
  caseId: string;
  /** The version the guru BK saw: a stale one is a `version_conflict`. */
  expectedVersion: number;
  actor: Actor;
  now: Date;
  reason: string;
  /** A retry with the same Idempotency-Key gets the first answer again, nothing written twice. */
  idempotency?: IdempotencyKey;
}

/** What the guru BK records: one of the four case-work changes. */
export type CaseworkChange =
  | (Common & { change: 'riskFactor.added' | 'riskFactor.removed'; factor: RiskFactor })
  | (Common & { change: 'intervention.skipped'; stateId: string; /** The way forward, when the step has several. */ event?: string })
  | (Common & { change: 'intervention.added'; kind: InterventionKind; title?: string | null; dueAt?: Date | null })
  | (Omit<Common, 'reason'> & { change: 'intervention.completed'; interventionId: string; note?: string | null });

/** The event a change records (an added intervention gets its id here). */
export function caseworkEvent(input: CaseworkChange): CaseEvent & { type: CaseworkEventType } {
  switch (input.change) {
    case 'riskFactor.added':
    case 'riskFactor.removed':
      return { type: input.change, data: { factor: input.factor, reason: input.reason } };
    case 'intervention.skipped':
      return { type: input.change, data: { stateId: input.stateId, reason: input.reason, ...(input.event ? { event: input.event } : {}) } };
    case 'intervention.added':
      return {
        type: input.change,
        data: {
          interventionId: randomUUID(), kind: input.kind, reason: input.reason,
          ...(input.title ? { title: input.title } : {}), ...(input.dueAt ? { dueAt: input.dueAt.toISOString() } : {}),
        },
      };
    case 'intervention.completed':
      return { type: input.change, data: { interventionId: input.interventionId, ...(input.note ? { note: input.note } : {}) } };
  }
}

/**
 * The way forward a skip takes, named in its record so the events alone
 * replay: the one asked for, else the step's first (undefined when it has
 * none: the engine refuses the skip and says why).
 */
export function chooseSkipWay(compiled: CompiledPathway, row: CaseRow, stateId: string, actor: Actor, wanted?: string): string | undefined {
  if (wanted) return wanted;
  const snapshot = row.snapshot as CaseSnapshot;
  const leaves = activeSteps(compiled, snapshot).map((s) => s.stateId);
  return skipWays(compiled, snapshot.context, leaves, stateId, actor)[0]?.event;
}

/** The unit of work's advance for a case-work change: the engine's step, and the row's risk factors when they changed. */
export function caseworkAdvance(cache: CompiledPathwayCache, input: CaseworkChange, event: CaseEvent): AdvanceCaseInput {
  const step = advanceWith(cache, event, { now: input.now, actor: input.actor, source: 'casework' });
  const changesFactors = event.type === 'riskFactor.added' || event.type === 'riskFactor.removed';
  return {
    schoolId: input.schoolId, caseId: input.caseId, expectedVersion: input.expectedVersion, actorId: input.actor.id, now: input.now, event,
    apply: (row: CaseRow, pv: PathwayVersionRow): ApplyResult => {
      const r = step(row, pv);
      if (!r.ok || !changesFactors) return r;
      const factors = (r.value.snapshot as CaseSnapshot).context.riskFactors;
      return { ok: true, value: { ...r.value, riskFactors: [...factors] } };
    },
  };
}
