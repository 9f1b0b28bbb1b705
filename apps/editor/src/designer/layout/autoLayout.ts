/**
 * Auto-layout with elkjs (layered, left to right), nested groups included:
 * ELK lays children out inside their container and sizes the container.
 */
import type { ELK as ElkApi, ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk.bundled.js';
import { isContainerType } from '../model/nodeType.ts';
import { isWithin } from '../model/paths.ts';
import { STEP_SIZE, type PathwayModel } from '../model/types.ts';

export interface Placement {
  x: number;
  y: number;
  width?: number;
  height?: number;
}

let elk: Promise<ElkApi> | null = null;
/** elkjs is large: it loads the first time a layout is asked for. */
function loadElk(): Promise<ElkApi> {
  elk ??= import('elkjs/lib/elk.bundled.js').then((m) => new m.default());
  return elk;
}

const ROOT_OPTIONS = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
  'elk.layered.spacing.nodeNodeBetweenLayers': '110',
  'elk.spacing.nodeNode': '50',
  'elk.spacing.edgeNode': '30',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
};
const CONTAINER_OPTIONS = { 'elk.padding': '[top=72,left=24,bottom=24,right=24]' };

/** Computes positions (relative to each parent) and container sizes for every step. */
export async function computeLayout(model: PathwayModel): Promise<Map<string, Placement>> {
  const elkNodes = new Map<string, ElkNode>();
  const root: ElkNode = { id: '__root', layoutOptions: ROOT_OPTIONS, children: [], edges: [] };
  for (const n of model.nodes) {
    const container = isContainerType(n.type);
    const e: ElkNode = container
      ? { id: n.id, layoutOptions: CONTAINER_OPTIONS, children: [] }
      : { id: n.id, width: n.measured?.width ?? STEP_SIZE.width, height: n.measured?.height ?? STEP_SIZE.height };
    elkNodes.set(n.id, e);
    const parent = n.parentId ? elkNodes.get(n.parentId) : root;
    (parent?.children ?? root.children!).push(e);
  }
  const edges: ElkExtendedEdge[] = [];
  for (const e of model.edges) {
    if (e.source === e.target || isWithin(e.source, e.target) || isWithin(e.target, e.source)) continue;
    if (!elkNodes.has(e.source) || !elkNodes.has(e.target)) continue;
    edges.push({ id: e.id, sources: [e.source], targets: [e.target] });
  }
  root.edges = edges;
  // Empty containers still need a size.
  for (const n of model.nodes) {
    const e = elkNodes.get(n.id)!;
    if (isContainerType(n.type) && !e.children?.length) {
      e.width = 260;
      e.height = 140;
    }
  }
  const out = await (await loadElk()).layout(root);
  const placements = new Map<string, Placement>();
  const walk = (node: ElkNode) => {
    for (const c of node.children ?? []) {
      const p: Placement = { x: Math.round(c.x ?? 0), y: Math.round(c.y ?? 0) };
      if (c.children) {
        p.width = Math.round(c.width ?? 260);
        p.height = Math.round(c.height ?? 140);
      }
      placements.set(c.id, p);
      walk(c);
    }
  };
  walk(out);
  return placements;
}

/** Applies computed placements to the model (pure). */
export function applyLayout(model: PathwayModel, placements: ReadonlyMap<string, Placement>): PathwayModel {
  return {
    ...model,
    nodes: model.nodes.map((n) => {
      const p = placements.get(n.id);
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
