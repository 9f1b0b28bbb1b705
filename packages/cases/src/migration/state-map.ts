/**
 * The state map of a version migration: every state a case can rest in on
 * version n (atomic and final leaves) mapped to a state of version n+1.
 * Unchanged ids map to themselves automatically; a renamed or removed state
 * needs an explicit entry, and a map with a gap is refused as a whole.
 */
import { listStates, type PathwayDocument } from '@jalur/engine';

/** Explicit entries: old state path → new state path. */
export type StateMapInput = Readonly<Record<string, string>>;

export interface ResolvedStateMap {
  /** Every leaf of the old version → its state on the new one. */
  map: Map<string, string>;
  /** Which entries were automatic (same id) and which explicit. */
  automatic: string[];
  explicit: string[];
}

export type StateMapProblem =
  | { code: 'missing'; state: string }
  | { code: 'unknown_source'; state: string }
  | { code: 'unknown_target'; state: string; target: string }
  | { code: 'target_not_a_step'; state: string; target: string };

/** Leaf states (atomic or final) of a document, by dot path. */
export function leafStates(doc: PathwayDocument): Map<string, 'atomic' | 'final'> {
  const out = new Map<string, 'atomic' | 'final'>();
  for (const s of listStates(doc.machine)) if (s.id !== '' && (s.kind === 'atomic' || s.kind === 'final')) out.set(s.id, s.kind);
  return out;
}

/**
 * Completes `explicit` with the identity mapping for ids present in both
 * versions, and checks it: every old leaf a running case can rest in is
 * mapped, and no target closes the case (a top-level final state). Problems
 * come back all at once.
 */
export function resolveStateMap(from: PathwayDocument, to: PathwayDocument, explicit: StateMapInput): { ok: true; value: ResolvedStateMap } | { ok: false; problems: StateMapProblem[] } {
  const oldLeaves = leafStates(from);
  const newLeaves = leafStates(to);
  const problems: StateMapProblem[] = [];
  const map = new Map<string, string>();
  const automatic: string[] = [];
  const explicitIds: string[] = [];
  for (const state of Object.keys(explicit)) if (!oldLeaves.has(state)) problems.push({ code: 'unknown_source', state });
  // A top-level final state closes the case (closed cases are never migrated); a final state inside a
  // parallel region (e.g. `intervensi_ekonomi.bantuan.bantuan_tersalurkan`) is where a running case waits.
  const closing = (id: string, kind: 'atomic' | 'final') => kind === 'final' && !id.includes('.');
  for (const [state, kind] of oldLeaves) {
    if (closing(state, kind)) continue;
    const target = explicit[state];
    const targetKind = newLeaves.get(target ?? state);
    if (target !== undefined) {
      if (targetKind === undefined) problems.push({ code: 'unknown_target', state, target });
      else if (closing(target, targetKind)) problems.push({ code: 'target_not_a_step', state, target });
      else {
        map.set(state, target);
        explicitIds.push(state);
      }
    } else if (targetKind !== undefined && !closing(state, targetKind)) {
      map.set(state, state);
      automatic.push(state);
    } else {
      problems.push({ code: 'missing', state });
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: { map, automatic, explicit: explicitIds } };
}
