/**
 * Time spent in each step, from the append-only case events: a step (active
 * leaf) is entered at the first event whose `state_after` contains it and left
 * at the first later event whose `state_after` no longer does. Stays that have
 * not ended yet are not counted (they would bias the median down).
 */
import type { StepEventRow } from './queries.ts';
import { leavesOf } from './steps.ts';

/**
 * Durations (ms) of every finished stay, by step path, from a whole event log
 * at once (`rows` ordered by case, then seq). The dashboard keeps the same
 * figure incrementally (`StepStayLog`); this is its from-scratch definition.
 */
export function stepStays(rows: readonly StepEventRow[]): Map<string, number[]> {
  const stays = new Map<string, number[]>();
  let caseId: string | null = null;
  let entered = new Map<string, number>();
  for (const [rowCase, , at, stateAfter] of rows) {
    if (rowCase !== caseId) {
      caseId = rowCase;
      entered = new Map();
    }
    const now = new Set(leavesOf(stateAfter));
    for (const [leaf, since] of entered) {
      if (now.has(leaf)) continue;
      let list = stays.get(leaf);
      if (!list) stays.set(leaf, (list = []));
      list.push(at - since);
      entered.delete(leaf);
    }
    for (const leaf of now) if (!entered.has(leaf)) entered.set(leaf, at);
  }
  return stays;
}
