/**
 * The last ELK layout's routes, handed down from the canvas (one context
 * value instead of a store subscription per transition).
 */
import { createContext } from 'react';
import type { EdgeRoute } from '../layout/elkGraph.ts';

export const RoutesContext = createContext<Readonly<Record<string, EdgeRoute>> | null>(null);

/**
 * Where React Flow reports the handles relative to the box ELK saw: the out
 * handle sticks out 5px on the right, the in handle 4.5px on the left (10px
 * handles centred on the border with margins, see styles.css).
 */
const SOURCE_DX = 5;
const TARGET_DX = -4.5;
const SLACK = 2.5;

/**
 * True while the route still meets both steps where ELK put them. A step that
 * has moved since (by at least one 10px grid step) or changed its height
 * shifts its handle, and its transitions go back to plain curves.
 */
export function routeHolds(route: EdgeRoute, sx: number, sy: number, tx: number, ty: number): boolean {
  return (
    Math.abs(sx - route.from.x - SOURCE_DX) <= SLACK &&
    Math.abs(sy - route.from.y) <= SLACK &&
    Math.abs(tx - route.to.x - TARGET_DX) <= SLACK &&
    Math.abs(ty - route.to.y) <= SLACK
  );
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
