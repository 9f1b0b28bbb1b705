/**
 * The pathway as an ELK graph and back (pure, no DOM): layered left to right,
 * groups and parallel steps laid out hierarchically around their children,
 * every transition end on a port of its own (arrows do not all meet at one
 * point), orthogonal routes, and each transition's label a box that ELK
 * places like a node, so no label covers a step. Cycles are broken in
 * document order, so a loop back (weekly monitoring) is the edge drawn back.
 *
 * Runs in the layout worker (`layout.worker.ts`) in the browser and directly
 * in unit tests.
 */
import type { ELK, ElkExtendedEdge, ElkNode, ElkPort } from 'elkjs/lib/elk-api.js';

export interface LayoutNodeInput {
  id: string;
  parentId?: string;
  /** A group or parallel step drawn with its children. */
  container: boolean;
  width: number;
  height: number;
}

export interface LayoutEdgeInput {
  id: string;
  source: string;
  target: string;
  /** The label's box as drawn, when the transition shows one. */
  label?: { width: number; height: number };
}

export interface LayoutRequest {
  nodes: LayoutNodeInput[];
  edges: LayoutEdgeInput[];
}

export interface Placement {
  x: number;
  y: number;
  width?: number;
  height?: number;
}

export interface Point {
  x: number;
  y: number;
}

/** A transition as ELK drew it, in flow (absolute) coordinates. */
export interface EdgeRoute {
  points: Point[];
  /** Centre and drawn size of the label box. */
  label?: Point & { width: number; height: number };
  /** Where the source's out handle and the target's in handle were. */
  from: Point;
  to: Point;
  /** The placements (relative to the parent) of both steps and their groups: the route holds while they stay. */
  anchors: [id: string, x: number, y: number][];
}

export interface LayoutResult {
  /** Positions relative to the parent (as React Flow draws children); sizes of containers. */
  placements: Record<string, Placement>;
  routes: Record<string, EdgeRoute>;
}

/** Room around a label, so a label never touches a step or another label. */
export const LABEL_MARGIN = 8;
/** Space under a group's title bar before its first step. */
const GROUP_PADDING = '[top=60,left=28,bottom=28,right=28]';

const ROOT_OPTIONS: Record<string, string> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
  'elk.edgeRouting': 'ORTHOGONAL',
  'elk.json.edgeCoords': 'ROOT',
  'elk.layered.spacing.nodeNodeBetweenLayers': '70',
  'elk.layered.spacing.edgeNodeBetweenLayers': '24',
  'elk.layered.spacing.edgeEdgeBetweenLayers': '14',
  'elk.spacing.nodeNode': '48',
  'elk.spacing.edgeNode': '24',
  'elk.spacing.edgeEdge': '14',
  'elk.spacing.edgeLabel': '6',
  'elk.spacing.labelNode': '10',
  'elk.spacing.componentComponent': '60',
  'elk.edgeLabels.placement': 'CENTER',
  'elk.layered.edgeLabels.sideSelection': 'ALWAYS_UP',
  'elk.layered.cycleBreaking.strategy': 'MODEL_ORDER',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
  'elk.layered.crossingMinimization.forceNodeModelOrder': 'false',
  'elk.separateConnectedComponents': 'false',
};

function isWithin(path: string, ancestor: string): boolean {
  return path === ancestor || path.startsWith(`${ancestor}.`);
}

/** Above this many steps the layout trades some polish for speed (a 1,000-step pathway in about a second). */
export const LARGE_GRAPH = 250;

/** ELK's options for a request: the same result for a pathway without groups, found faster. */
export function rootOptions(req: LayoutRequest): Record<string, string> {
  const options = { ...ROOT_OPTIONS };
  if (!req.nodes.some((n) => n.container)) options['elk.hierarchyHandling'] = 'SEPARATE_CHILDREN';
  if (req.nodes.length > LARGE_GRAPH) {
    options['elk.layered.nodePlacement.strategy'] = 'BRANDES_KOEPF';
    options['elk.layered.thoroughness'] = '1';
    // Network-simplex and longest-path layering recurse once per step of a long chain, which overflows a
    // worker's stack at about 1,000 steps; layering in depth-first document order does not.
    options['elk.layered.layering.strategy'] = 'DF_MODEL_ORDER';
  }
  return options;
}

/** Builds the ELK graph: one port per transition end, labels as boxes. */
export function buildElkGraph(req: LayoutRequest): ElkNode {
  const large = req.nodes.length > LARGE_GRAPH;
  const root: ElkNode = { id: '__root', layoutOptions: rootOptions(req), children: [], edges: [] };
  const byId = new Map<string, ElkNode>();
  for (const n of req.nodes) {
    const e: ElkNode = n.container
      ? { id: n.id, layoutOptions: { 'elk.padding': GROUP_PADDING, 'elk.portConstraints': 'FIXED_SIDE' }, children: [], ports: [] }
      : { id: n.id, width: n.width, height: n.height, layoutOptions: { 'elk.portConstraints': 'FIXED_SIDE' }, ports: [] };
    byId.set(n.id, e);
  }
  for (const n of req.nodes) {
    const e = byId.get(n.id)!;
    const parent = n.parentId ? byId.get(n.parentId) : undefined;
    (parent ?? root).children!.push(e);
  }
  for (const n of req.nodes) {
    const e = byId.get(n.id)!;
    if (n.container && !e.children?.length) {
      e.width = Math.max(n.width, 260);
      e.height = Math.max(n.height, 140);
      delete e.children;
    }
  }
  const port = (node: ElkNode, id: string, side: 'EAST' | 'WEST'): string => {
    const p: ElkPort = { id, width: 2, height: 2, layoutOptions: { 'elk.port.side': side } };
    node.ports!.push(p);
    return id;
  };
  for (const ed of req.edges) {
    const s = byId.get(ed.source);
    const t = byId.get(ed.target);
    if (!s || !t) continue;
    // A step inside its own target (or the reverse) has no route around it: drawn plainly.
    if (ed.source !== ed.target && (isWithin(ed.source, ed.target) || isWithin(ed.target, ed.source))) continue;
    const edge: ElkExtendedEdge = {
      id: ed.id,
      sources: [port(s, `${ed.id}>out`, 'EAST')],
      targets: [port(t, `${ed.id}>in`, 'WEST')],
    };
    // Large pathways: labels sit in the gap between layers (made wide enough) instead of being laid out as
    // boxes of their own, which roughly halves ELK's time; every other pathway gets label boxes.
    if (ed.label && !large) edge.labels = [{ id: `${ed.id}>label`, text: ' ', width: ed.label.width + LABEL_MARGIN * 2, height: ed.label.height + LABEL_MARGIN * 2 }];
    root.edges!.push(edge);
  }
  if (large) {
    const widest = Math.max(0, ...req.edges.map((e) => e.label?.width ?? 0));
    root.layoutOptions = { ...root.layoutOptions, 'elk.layered.spacing.nodeNodeBetweenLayers': String(Math.max(70, widest + LABEL_MARGIN * 2 + 24)) };
  }
  return root;
}

/** Reads ELK's answer: placements relative to each parent, routes and labels in flow coordinates. */
export function readElkLayout(out: ElkNode, containers: ReadonlySet<string>, labels: ReadonlyMap<string, { width: number; height: number }> = new Map()): LayoutResult {
  const placements: Record<string, Placement> = {};
  const abs = new Map<string, { x: number; y: number; w: number; h: number }>();
  const portOwner = new Map<string, string>();
  const parentOf = new Map<string, string>();
  const walk = (node: ElkNode, ox: number, oy: number) => {
    for (const c of node.children ?? []) {
      const x = Math.round(c.x ?? 0);
      const y = Math.round(c.y ?? 0);
      const p: Placement = { x, y };
      if (containers.has(c.id)) {
        p.width = Math.round(c.width ?? 260);
        p.height = Math.round(c.height ?? 140);
      }
      placements[c.id] = p;
      abs.set(c.id, { x: ox + x, y: oy + y, w: c.width ?? 0, h: c.height ?? 0 });
      for (const port of c.ports ?? []) portOwner.set(port.id, c.id);
      if (node.id !== out.id) parentOf.set(c.id, node.id);
      walk(c, ox + x, oy + y);
    }
  };
  walk(out, 0, 0);
  const routes: Record<string, EdgeRoute> = {};
  for (const e of out.edges ?? []) {
    const section = e.sections?.[0];
    if (!section) continue;
    const points = [section.startPoint, ...(section.bendPoints ?? []), section.endPoint].map((p) => ({ x: Math.round(p.x), y: Math.round(p.y) }));
    const sourceId = portOwner.get(e.sources[0]!) ?? '';
    const targetId = portOwner.get(e.targets[0]!) ?? '';
    const s = abs.get(sourceId);
    const t = abs.get(targetId);
    if (!s || !t) continue;
    const anchors: EdgeRoute['anchors'] = [];
    const seen = new Set<string>();
    for (const start of [sourceId, targetId])
      for (let id: string | undefined = start; id && !seen.has(id); id = parentOf.get(id)) {
        seen.add(id);
        anchors.push([id, placements[id]!.x, placements[id]!.y]);
      }
    const route: EdgeRoute = { points, from: { x: s.x + s.w, y: s.y + s.h / 2 }, to: { x: t.x, y: t.y + t.h / 2 }, anchors };
    const l = e.labels?.[0];
    const size = labels.get(e.id);
    if (l && l.x !== undefined && l.y !== undefined && l.width !== undefined && l.height !== undefined)
      route.label = { x: Math.round(l.x + l.width / 2), y: Math.round(l.y + l.height / 2), width: l.width - LABEL_MARGIN * 2, height: l.height - LABEL_MARGIN * 2 };
    else if (size && points.length >= 2) {
      // No label box from ELK (a large pathway): on the first stretch out of the source, in the gap between layers.
      const [a, b] = [points[0]!, points[1]!];
      route.label = { x: Math.round((a.x + b.x) / 2), y: Math.round((a.y + b.y) / 2), ...size };
    }
    routes[e.id] = route;
  }
  return { placements, routes };
}

/** Lays a request out with the given ELK instance. */
export async function runLayout(elk: ELK, req: LayoutRequest): Promise<LayoutResult> {
  const labels = new Map(req.edges.flatMap((e) => (e.label ? [[e.id, e.label] as const] : [])));
  return readElkLayout(await elk.layout(buildElkGraph(req)), new Set(req.nodes.filter((n) => n.container).map((n) => n.id)), labels);
}
