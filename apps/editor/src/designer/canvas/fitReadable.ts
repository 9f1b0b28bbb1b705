/**
 * Fitting a pathway so its text stays readable: the whole pathway when it
 * fits at a zoom where step titles can be read, otherwise that zoom, with the
 * start of the pathway (its first step) in view. The fit button in the
 * canvas controls still shows everything.
 */
import type { ReactFlowInstance } from '@xyflow/react';
import type { StepNode, TransitionEdge } from '../model/types.ts';
import { STEP_SIZE } from '../model/types.ts';

/** Step titles are 13.5px: at this zoom they are 10px on screen. */
export const READABLE_ZOOM = 0.75;

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

function absoluteBoxes(nodes: readonly StepNode[]): Map<string, Box> {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const out = new Map<string, Box>();
  const get = (n: StepNode): Box => {
    const known = out.get(n.id);
    if (known) return known;
    const parent = n.parentId ? byId.get(n.parentId) : undefined;
    const p = parent ? get(parent) : { x: 0, y: 0 };
    const b = { x: p.x + n.position.x, y: p.y + n.position.y, w: n.measured?.width ?? n.width ?? STEP_SIZE.width, h: n.measured?.height ?? n.height ?? STEP_SIZE.height };
    out.set(n.id, b);
    return b;
  };
  for (const n of nodes) if (!n.hidden) get(n);
  return out;
}

/**
 * Fits the view. The whole pathway is shown when it fits at `showAllAbove`
 * or more (READABLE_ZOOM when opening); otherwise the view is at
 * READABLE_ZOOM with the first step in view.
 */
export function fitReadable(rf: ReactFlowInstance<StepNode, TransitionEdge>, viewport: { width: number; height: number }, initial: string | undefined, showAllAbove = READABLE_ZOOM, duration = 0): void {
  const nodes = rf.getNodes();
  if (nodes.length === 0 || viewport.width === 0) return;
  const boxes = absoluteBoxes(nodes);
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const b of boxes.values()) {
    x0 = Math.min(x0, b.x);
    y0 = Math.min(y0, b.y);
    x1 = Math.max(x1, b.x + b.w);
    y1 = Math.max(y1, b.y + b.h);
  }
  const pad = 40;
  const fit = Math.min((viewport.width - pad * 2) / (x1 - x0), (viewport.height - pad * 2) / (y1 - y0), 1);
  if (fit >= showAllAbove) {
    const zoom = fit;
    void rf.setViewport({ x: (viewport.width - (x1 - x0) * zoom) / 2 - x0 * zoom, y: (viewport.height - (y1 - y0) * zoom) / 2 - y0 * zoom, zoom }, { duration });
    return;
  }
  const zoom = READABLE_ZOOM;
  // The pathway's start at the left; vertically the whole height when it fits, else centred on the first step.
  const start = (initial ? boxes.get(initial) : undefined) ?? { x: x0, y: y0, w: 0, h: 0 };
  const x = pad - start.x * zoom;
  const y = (y1 - y0) * zoom <= viewport.height - pad * 2 ? (viewport.height - (y1 - y0) * zoom) / 2 - y0 * zoom : viewport.height / 2 - (start.y + start.h / 2) * zoom;
  void rf.setViewport({ x, y, zoom }, { duration });
}
