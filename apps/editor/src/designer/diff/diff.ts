/**
 * The difference between two pathway versions, step by step and transition
 * by transition: added, removed, changed or the same.
 */
import type { PathwayDocument } from '@jalur/engine';
import { documentToModel } from '../model/fromDocument.ts';
import { eventKeyOf } from '../model/issues.ts';
import type { PathwayModel, StepNode, TransitionEdge } from '../model/types.ts';

export type Change = 'added' | 'removed' | 'changed' | 'same';

export interface PathwayDiff {
  /** The union of both versions' steps and transitions, each marked. */
  model: PathwayModel;
  steps: Map<string, Change>;
  transitions: Map<string, Change>;
  counts: Record<Exclude<Change, 'same'>, number>;
}

function stable(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b))) : x,
  );
}

/** A transition's identity across versions: source, trigger/event, position, target. */
function edgeKey(e: TransitionEdge, index: number): string {
  return `${e.source}|${eventKeyOf(e)}|${index}`;
}

function keyed(edges: TransitionEdge[]): Map<string, TransitionEdge> {
  const seen = new Map<string, number>();
  const out = new Map<string, TransitionEdge>();
  for (const e of edges) {
    const base = `${e.source}|${eventKeyOf(e)}`;
    const i = seen.get(base) ?? 0;
    seen.set(base, i + 1);
    out.set(edgeKey(e, i), e);
  }
  return out;
}

function stepContent(n: StepNode): string {
  return stable({ config: n.data.config, hasStates: n.data.hasStates });
}

function edgeContent(e: TransitionEdge): string {
  const d = e.data;
  return stable({ target: e.target, config: d?.config, targetless: d?.targetless ?? false });
}

/** Compares version `from` with version `to`; the drawing follows `to`, removed items keep `from`'s places. */
export function diffPathways(from: PathwayDocument, to: PathwayDocument): PathwayDiff {
  const a = documentToModel(from);
  const b = documentToModel(to);
  const aNodes = new Map(a.nodes.map((n) => [n.id, n]));
  const bIds = new Set(b.nodes.map((n) => n.id));
  const steps = new Map<string, Change>();
  const counts = { added: 0, removed: 0, changed: 0 };
  const nodes: StepNode[] = [];
  for (const n of b.nodes) {
    const old = aNodes.get(n.id);
    const change: Change = !old ? 'added' : stepContent(old) !== stepContent(n) ? 'changed' : 'same';
    steps.set(n.id, change);
    nodes.push(n);
  }
  for (const n of a.nodes) {
    if (bIds.has(n.id)) continue;
    steps.set(n.id, 'removed');
    // A removed step whose parent still exists stays inside it; otherwise it goes top level.
    const node = { ...n };
    if (node.parentId && !bIds.has(node.parentId) && !a.nodes.some((m) => m.id === node.parentId)) delete node.parentId;
    nodes.push(node);
  }
  // Parents come before children: `b`'s steps first, then `a`'s removed ones in `a`'s order.

  const aEdges = keyed(a.edges);
  const bEdges = keyed(b.edges);
  const transitions = new Map<string, Change>();
  const edges: TransitionEdge[] = [];
  for (const [k, e] of bEdges) {
    const old = aEdges.get(k);
    const change: Change = !old ? 'added' : edgeContent(old) !== edgeContent(e) ? 'changed' : 'same';
    const id = `b:${k}`;
    transitions.set(id, change);
    edges.push({ ...e, id });
  }
  for (const [k, e] of aEdges) {
    if (bEdges.has(k)) continue;
    const id = `a:${k}`;
    transitions.set(id, 'removed');
    edges.push({ ...e, id });
  }
  for (const c of [...steps.values(), ...transitions.values()]) if (c !== 'same') counts[c]++;
  return { model: { header: b.header, nodes, edges }, steps, transitions, counts };
}
