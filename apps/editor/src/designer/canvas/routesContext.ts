/**
 * The last ELK layout's routes, handed down from the canvas (one context
 * value instead of a store subscription per transition).
 */
import { createContext } from 'react';
import type { EdgeRoute } from '../layout/elkGraph.ts';
import type { StepNode } from '../model/types.ts';

export const RoutesContext = createContext<Readonly<Record<string, EdgeRoute>> | null>(null);

const indexes = new WeakMap<readonly StepNode[], Map<string, StepNode>>();
/** Steps by id, built once per nodes array (once per drag frame at most). */
function indexOf(nodes: readonly StepNode[]): Map<string, StepNode> {
  let m = indexes.get(nodes);
  if (!m) {
    m = new Map(nodes.map((n) => [n.id, n]));
    indexes.set(nodes, m);
  }
  return m;
}

/**
 * True while both steps of a route (and the groups around them) are where
 * ELK put them: a step moved since (by a drag, a paste, an undo) sends its
 * transitions back to plain curves, which always meet it.
 */
export function routeHolds(route: EdgeRoute, nodes: readonly StepNode[]): boolean {
  const byId = indexOf(nodes);
  for (const [id, x, y] of route.anchors) {
    const n = byId.get(id);
    if (!n || Math.abs(n.position.x - x) > 0.5 || Math.abs(n.position.y - y) > 0.5) return false;
  }
  return true;
}

/** An orthogonal route as an SVG path with softly rounded corners. */
export function routePath(points: readonly { x: number; y: number }[], radius = 8): string {
  if (points.length === 0) return '';
  let d = `M ${points[0]!.x} ${points[0]!.y}`;
  for (let i = 1; i < points.length; i++) {
    const p = points[i]!;
    const next = points[i + 1];
    if (!next) {
      d += ` L ${p.x} ${p.y}`;
      break;
    }
    const prev = points[i - 1]!;
    const inLen = Math.hypot(p.x - prev.x, p.y - prev.y);
    const outLen = Math.hypot(next.x - p.x, next.y - p.y);
    const r = Math.min(radius, inLen / 2, outLen / 2);
    if (r < 1) {
      d += ` L ${p.x} ${p.y}`;
      continue;
    }
    const ax = p.x - ((p.x - prev.x) / inLen) * r;
    const ay = p.y - ((p.y - prev.y) / inLen) * r;
    const bx = p.x + ((next.x - p.x) / outLen) * r;
    const by = p.y + ((next.y - p.y) / outLen) * r;
    d += ` L ${ax} ${ay} Q ${p.x} ${p.y} ${bx} ${by}`;
  }
  return d;
}
