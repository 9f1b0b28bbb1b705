import type { PathwayDocument, StateNodeConfig, TransitionConfig, TransitionsConfig } from '@jalur/engine';
import { isContainerType } from './nodeType.ts';
import { resolveTarget, targetStringFor } from './paths.ts';
import type { PathwayModel, TransitionEdge } from './types.ts';

/** The target string the document should carry for an edge. */
export function targetOf(edge: TransitionEdge, machineId: string, known: ReadonlySet<string>): string | undefined {
  const d = edge.data;
  if (!d || d.targetless) return undefined;
  if (d.targetRaw !== undefined) {
    if (d.unresolved && edge.target === edge.source) return d.targetRaw;
    if (resolveTarget(d.targetRaw, edge.source, machineId, known) === edge.target) return d.targetRaw;
  }
  return targetStringFor(edge.source, edge.target, machineId);
}

function transitionOf(edge: TransitionEdge, machineId: string, known: ReadonlySet<string>): TransitionConfig {
  const d = edge.data;
  const target = targetOf(edge, machineId, known);
  const out: TransitionConfig = {};
  if (target !== undefined) {
    const extra = d?.extraTargets ?? [];
    out.target = d?.targetArray || extra.length > 0 ? [target, ...extra] : target;
  }
  return { ...out, ...(d?.config ?? {}) };
}

function writeList(list: { edge: TransitionEdge; t: TransitionConfig }[]): TransitionsConfig {
  const first = list[0];
  if (!first) return [];
  if (list.length > 1 || first.edge.data?.shape === 'array') return list.map((x) => x.t);
  const t = first.t;
  if (first.edge.data?.shape === 'string' && typeof t.target === 'string' && Object.keys(t).length === 1) return t.target;
  return t;
}

/**
 * Turns the designer's nodes and edges back into a pathway document. The
 * inverse of `documentToModel`: states nest by `parentId`, transitions are
 * grouped per source and event in edge order, positions go to `layout`.
 */
export function modelToDocument(model: PathwayModel): PathwayDocument {
  const { header, nodes, edges } = model;
  const machineId = header.machine.id;
  const known = new Set(nodes.map((n) => n.id));
  const configs = new Map<string, StateNodeConfig>();
  const root: Record<string, StateNodeConfig> = {};
  const layout: PathwayDocument['layout'] = {};

  for (const n of nodes) {
    const config: StateNodeConfig = { ...n.data.config };
    if (n.data.hasStates) config.states = {};
    configs.set(n.id, config);
  }
  for (const n of nodes) {
    const config = configs.get(n.id)!;
    const parent = n.parentId ? configs.get(n.parentId) : undefined;
    if (parent) {
      parent.states ??= {};
      parent.states[n.data.key] = config;
    } else root[n.data.key] = config;
    const pos: PathwayDocument['layout'][string] = { x: Math.round(n.position.x), y: Math.round(n.position.y) };
    if (isContainerType(n.type)) {
      const w = n.width ?? n.measured?.width;
      const h = n.height ?? n.measured?.height;
      if (w !== undefined) pos.width = Math.round(w);
      if (h !== undefined) pos.height = Math.round(h);
    }
    layout[n.id] = pos;
  }

  // Group transitions per source, trigger and event, keeping edge order.
  const groups = new Map<string, Map<string, { edge: TransitionEdge; t: TransitionConfig }[]>>();
  for (const e of edges) {
    if (!e.data || !configs.has(e.source)) continue;
    const bySource = groups.get(e.source) ?? new Map();
    groups.set(e.source, bySource);
    const k = `${e.data.trigger}:${e.data.event}`;
    const list = bySource.get(k) ?? [];
    bySource.set(k, list);
    list.push({ edge: e, t: transitionOf(e, machineId, known) });
  }
  for (const [source, bySource] of groups) {
    const config = configs.get(source)!;
    for (const [k, list] of bySource) {
      const trigger = k.slice(0, k.indexOf(':'));
      const event = k.slice(k.indexOf(':') + 1);
      const written = writeList(list);
      if (trigger === 'always') config.always = written;
      else if (trigger === 'after') (config.after ??= {})[event] = written;
      else (config.on ??= {})[event] = written;
    }
  }

  const doc: PathwayDocument = {
    format: header.format,
    key: header.key,
    title: header.title,
    machine: { ...header.machine, states: root },
    layout,
  };
  if (header.description !== undefined) doc.description = header.description;
  if (header.tags !== undefined) doc.tags = header.tags;
  return doc;
}
