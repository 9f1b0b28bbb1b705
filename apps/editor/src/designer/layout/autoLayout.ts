/**
 * Auto-layout with ELK (see `elkGraph.ts`). In the browser ELK runs in a Web
 * Worker, so laying out a 1,000-step pathway never freezes the page; in
 * unit tests (no Worker) it runs in-process.
 */
import { isContainerType } from '../model/nodeType.ts';
import { STEP_SIZE, type PathwayModel } from '../model/types.ts';
import { runLayout, type LayoutRequest, type LayoutResult, type Placement } from './elkGraph.ts';

export type { LayoutResult, Placement, EdgeRoute } from './elkGraph.ts';

export interface LayoutOptions {
  /** The drawn size of each transition's label (by edge id); transitions without one have no label box. */
  labelSize?: (edgeId: string) => { width: number; height: number } | undefined;
  /** Groups drawn collapsed: laid out as one step, their children keep their places. */
  collapsed?: ReadonlySet<string>;
  /** The drawn size of a collapsed group. */
  collapsedSize?: { width: number; height: number };
}

/** The request ELK gets for a model: measured sizes where known, step defaults otherwise. */
export function layoutRequest(model: PathwayModel, opts: LayoutOptions = {}): LayoutRequest {
  const collapsed = opts.collapsed ?? new Set<string>();
  const hiddenUnder = (id: string): string | undefined => {
    for (const c of collapsed) if (id !== c && id.startsWith(`${c}.`)) return c;
    return undefined;
  };
  const size = opts.collapsedSize ?? STEP_SIZE;
  // Steps not drawn yet (large pathways draw only what is in view) are taken at the usual drawn size.
  const heights = model.nodes.filter((n) => !isContainerType(n.type) && n.measured?.height).map((n) => n.measured!.height!).sort((a, b) => a - b);
  const usual = { width: STEP_SIZE.width, height: heights.length ? heights[Math.floor(heights.length / 2)]! : STEP_SIZE.height };
  const nodes: LayoutRequest['nodes'] = [];
  for (const n of model.nodes) {
    if (collapsed.size && hiddenUnder(n.id)) continue;
    const isCollapsed = collapsed.has(n.id);
    const container = isContainerType(n.type) && !isCollapsed;
    const input: LayoutRequest['nodes'][number] = {
      id: n.id,
      container,
      width: isCollapsed ? size.width : (n.measured?.width ?? (container ? (n.width ?? 260) : usual.width)),
      height: isCollapsed ? size.height : (n.measured?.height ?? (container ? (n.height ?? 140) : usual.height)),
    };
    if (n.parentId) input.parentId = n.parentId;
    nodes.push(input);
  }
  const edges: LayoutRequest['edges'] = [];
  for (const e of model.edges) {
    const source = collapsed.size ? (hiddenUnder(e.source) ?? e.source) : e.source;
    const target = collapsed.size ? (hiddenUnder(e.target) ?? e.target) : e.target;
    // Inside a collapsed group nothing is drawn.
    if (source === target && (e.source !== e.target || hiddenUnder(e.source))) continue;
    const edge: LayoutRequest['edges'][number] = { id: e.id, source, target };
    const label = opts.labelSize?.(e.id);
    if (label) edge.label = label;
    edges.push(edge);
  }
  return { nodes, edges };
}

let worker: Worker | null = null;
let nextId = 0;
const pending = new Map<number, { resolve(r: LayoutResult): void; reject(e: Error): void }>();

function layoutWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module', name: 'jalur-layout' });
  w.onmessage = (e: MessageEvent<{ id: number; result?: LayoutResult; error?: string }>) => {
    const p = pending.get(e.data.id);
    if (!p) return;
    pending.delete(e.data.id);
    if (e.data.result) p.resolve(e.data.result);
    else p.reject(new Error(e.data.error ?? 'layout failed'));
  };
  w.onerror = (e) => {
    for (const p of pending.values()) p.reject(new Error(e.message || 'layout worker failed'));
    pending.clear();
    worker = null;
  };
  worker = w;
  return w;
}

let inProcess: Promise<{ layout: (r: LayoutRequest) => Promise<LayoutResult> }> | null = null;
/** ELK on this thread (unit tests, or a browser without module workers). */
function loadInProcess() {
  inProcess ??= import('elkjs/lib/elk.bundled.js').then((m) => {
    const elk = new m.default();
    return { layout: (r: LayoutRequest) => runLayout(elk, r) };
  });
  return inProcess;
}

/** Runs ELK on a request: in the worker when the browser has one. */
export async function layoutInBackground(req: LayoutRequest): Promise<LayoutResult> {
  if (typeof Worker === 'undefined' || typeof window === 'undefined') return (await loadInProcess()).layout(req);
  const id = ++nextId;
  return new Promise<LayoutResult>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    layoutWorker().postMessage({ id, request: req });
  });
}

/**
 * Starts the worker and lets ELK lay out a small graph, so the first real
 * layout does not also pay for loading and warming ELK up.
 */
export function warmUpLayout(): void {
  if (typeof Worker === 'undefined' || typeof window === 'undefined' || worker) return;
  const nodes = Array.from({ length: 12 }, (_, i) => ({ id: `w${i}`, container: false, width: 220, height: 84 }));
  const edges = nodes.slice(1).map((n, i) => ({ id: `w${i}|on:X|0`, source: `w${i}`, target: n.id, label: { width: 80, height: 20 } }));
  void layoutInBackground({ nodes, edges }).catch(() => undefined);
}

/** Computes positions (relative to each parent), container sizes, routes and label places. */
export async function computeLayout(model: PathwayModel, opts: LayoutOptions = {}): Promise<LayoutResult> {
  return layoutInBackground(layoutRequest(model, opts));
}

/** Applies computed placements to the model (pure). */
export function applyLayout(model: PathwayModel, placements: Readonly<Record<string, Placement>>): PathwayModel {
  return {
    ...model,
    nodes: model.nodes.map((n) => {
      const p = placements[n.id];
      if (!p) return n;
      const next = { ...n, position: { x: p.x, y: p.y } };
      if (p.width !== undefined && isContainerType(n.type)) {
        next.width = p.width;
        next.height = p.height;
      }
      return next;
    }),
  };
}
