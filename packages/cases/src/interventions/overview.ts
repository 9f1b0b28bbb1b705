/**
 * What the case page's case-work panel shows: the case's risk factors, the
 * active steps the guru BK may skip now (with their ways forward, or why
 * not), and the interventions added during the case with their reasons.
 * Pure: from the compiled pathway, the stored row and its events.
 */
import type { CaseEventRow, CaseRow } from '@jalur/db';
import {
  activeSteps, addedInterventions, approvalOf, skipWays, type Actor, type CaseSnapshot, type CompiledPathway, type Localized,
} from '@jalur/engine';

export interface SkippableStep {
  stateId: string;
  title: Localized;
  /** The ways forward without the step's data; empty: it cannot be skipped. */
  ways: { event: string; label: Localized }[];
  requiresApproval: boolean;
  /** The kepsek's decision on the step, when it needs one. */
  approval: 'pending' | 'approved' | 'rejected' | null;
}

export interface AddedInterventionView {
  id: string;
  kind: string;
  title: string | null;
  reason: string;
  dueAt: string | null;
  status: 'open' | 'done';
  addedAt: string;
  addedBy: string | null;
  completedAt: string | null;
  note: string | null;
}

export interface CaseworkOverview {
  riskFactors: string[];
  steps: SkippableStep[];
  added: AddedInterventionView[];
}

export function caseworkOverview(compiled: CompiledPathway, row: CaseRow, events: readonly CaseEventRow[], actor: Actor): CaseworkOverview {
  const snapshot = row.snapshot as CaseSnapshot;
  const context = snapshot.context;
  const active = row.status === 'active' ? activeSteps(compiled, snapshot) : [];
  const leaves = active.map((a) => a.stateId);
  const steps: SkippableStep[] = active
    .filter((a) => a.meta !== undefined && a.meta.kind !== 'closure')
    .map((a) => ({
      stateId: a.stateId,
      title: a.meta!.title,
      ways: skipWays(compiled, context, leaves, a.stateId, actor).map((w) => ({ event: w.event, label: w.label })),
      requiresApproval: a.meta!.requiresApproval === true,
      approval: a.meta!.requiresApproval === true ? (approvalOf(context, a.stateId) ?? 'pending') : null,
    }));
  const status = new Map(addedInterventions(context).map((i) => [i.id, i.status]));
  const done = new Map<string, CaseEventRow>();
  for (const e of events) if (e.type === 'intervention.completed' && typeof e.data?.interventionId === 'string') done.set(e.data.interventionId, e);
  const added: AddedInterventionView[] = [];
  for (const e of events) {
    const d = e.data ?? {};
    if (e.type !== 'intervention.added' || typeof d.interventionId !== 'string') continue;
    const finished = done.get(d.interventionId);
    added.push({
      id: d.interventionId,
      kind: String(d.kind),
      title: typeof d.title === 'string' ? d.title : null,
      reason: typeof d.reason === 'string' ? d.reason : '',
      dueAt: typeof d.dueAt === 'string' ? d.dueAt : null,
      status: status.get(d.interventionId) ?? 'open',
      addedAt: e.at.toISOString(),
      addedBy: e.actorId,
      completedAt: finished ? finished.at.toISOString() : null,
      note: finished && typeof finished.data?.note === 'string' ? finished.data.note : null,
    });
  }
  return { riskFactors: [...(context.riskFactors ?? row.riskFactors)] as string[], steps, added };
}
