/**
 * Which recorded step data a caller may read, by the step's confidentiality
 * and the shared rule of `@jalur/casework` (`canSeeContent`): `umum` every
 * staff member with access to the case, `terbatas` guru BK and kepsek,
 * `rahasia` the case's guru BK (its assignee) and whoever recorded it.
 */
import { canSeeContent, type Confidentiality, type Viewer } from '@jalur/casework';
import type { CaseSnapshot, CompiledPathway } from '@jalur/engine';

const RANK: Record<Confidentiality, number> = { umum: 0, terbatas: 1, rahasia: 2 };

/** The confidentiality of a step (state path); steps without meta are `umum`. */
export function stepLevel(compiled: CompiledPathway, stateId: string): Confidentiality {
  return compiled.steps.get(stateId)?.confidentiality ?? 'umum';
}

/** The strictest level among the steps an event left (`state_before`, comma separated). */
export function eventLevel(compiled: CompiledPathway, stateBefore: string | null): Confidentiality {
  let level: Confidentiality = 'umum';
  for (const s of stateBefore ? stateBefore.split(',') : []) {
    const l = stepLevel(compiled, s);
    if (RANK[l] > RANK[level]) level = l;
  }
  return level;
}

/**
 * The form values the viewer may read, merged over the steps that recorded
 * them, and whether any came from a `rahasia` step (such reads are audited).
 */
export function visibleForm(
  compiled: CompiledPathway,
  snapshot: CaseSnapshot,
  viewer: Viewer,
  assigneeId: string | null,
): { form: Record<string, unknown>; readsRahasia: boolean } {
  const forms = (snapshot.context.forms ?? {}) as Record<string, Record<string, unknown>>;
  const form: Record<string, unknown> = {};
  let readsRahasia = false;
  for (const [stateId, values] of Object.entries(forms)) {
    const level = stepLevel(compiled, stateId);
    if (!canSeeContent(level, viewer, '', assigneeId)) continue;
    if (level === 'rahasia' && Object.keys(values).length > 0) readsRahasia = true;
    Object.assign(form, values);
  }
  return { form, readsRahasia };
}
