/**
 * What the canvas highlights during a simulation: the active steps (with
 * their groups), the steps visited so far, and the transitions taken.
 */
import type { SimHighlight } from '../store/editorStore.ts';
import { eventKeyOf } from '../model/issues.ts';
import { isWithin, parentPath } from '../model/paths.ts';
import type { TransitionEdge } from '../model/types.ts';
import type { TrailEntry } from './simulator.ts';

function withAncestors(paths: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (let p of paths) {
    while (p) {
      out.add(p);
      p = parentPath(p);
    }
  }
  return out;
}

/** The event key an engine event has on the canvas (`after:P7D` for timers). */
function keyOfEvent(event: string): string {
  if (!event.startsWith('xstate.after.')) return event;
  const rest = event.slice('xstate.after.'.length);
  return `after:${rest.slice(0, rest.indexOf('.'))}`;
}

/** Highlights from the simulation's trail. */
export function highlightOf(trail: readonly TrailEntry[], edges: readonly TransitionEdge[]): SimHighlight {
  const last = trail.at(-1);
  const active = withAncestors(last?.steps ?? []);
  const visited = withAncestors(trail.flatMap((t) => t.steps));
  const taken = new Set<string>();
  for (let i = 1; i < trail.length; i++) {
    const before = trail[i - 1]!.steps;
    const entry = trail[i]!;
    const key = keyOfEvent(entry.event);
    for (const e of edges) {
      if (eventKeyOf(e) !== key) continue;
      if (!before.some((b) => isWithin(b, e.source))) continue;
      if (e.data?.targetless || entry.steps.some((s) => isWithin(s, e.target))) taken.add(e.id);
    }
  }
  return { active, visited, taken };
}
