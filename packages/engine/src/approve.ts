/**
 * Walking a pathway without a real kepsek (the designer's simulator, the
 * template stories, the state explorer): when a step needs the kepsek's
 * approval, a stand-in kepsek approves it — the same case-work event a real
 * one records — and the event is sent again.
 */
import type { CompiledPathway } from './compile.ts';
import { advanceCase, type CaseSnapshot, type CaseStep } from './case.ts';
import type { Actor, AdvanceError, AdvanceOptions, CaseEvent, Result } from './contract.ts';

export interface ApprovedAdvance {
  result: Result<CaseStep, AdvanceError>;
  /** The approvals given on the way, one per step, in order (empty when none was needed). */
  approvals: CaseStep[];
}

export function advanceApproving(p: CompiledPathway, snapshot: CaseSnapshot, event: CaseEvent, options: AdvanceOptions, kepsek: Actor): ApprovedAdvance {
  const first = advanceCase(p, snapshot, event, options);
  if (first.ok || first.error.code !== 'approval_required') return { result: first, approvals: [] };
  const approvals: CaseStep[] = [];
  let current = snapshot;
  for (const stateId of first.error.steps) {
    const approved = advanceCase(p, current, { type: 'approval.decided', data: { stateId, decision: 'approved' } }, { now: options.now, actor: kepsek, source: 'casework' });
    if (!approved.ok) return { result: approved, approvals };
    approvals.push(approved.value);
    current = approved.value.snapshot;
  }
  return { result: advanceCase(p, current, event, options), approvals };
}
