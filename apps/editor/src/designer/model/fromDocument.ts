import type { PathwayDocument, StateNodeConfig, TransitionConfig, TransitionsConfig } from '@jalur/engine';
import { nodeTypeFor, isContainerType } from './nodeType.ts';
import { childPath, resolveTarget } from './paths.ts';
import { EDGE_MARKER, GROUP_MIN, STEP_SIZE, type PathwayModel, type StateOwnConfig, type StepNode, type TransitionData, type TransitionEdge, type Trigger } from './types.ts';

interface Flat {
  path: string;
  parent: string;
  key: string;
  config: StateNodeConfig;
}

function flatten(states: Record<string, StateNodeConfig>, parent: string, out: Flat[]): Flat[] {
  for (const [key, config] of Object.entries(states)) {
    const path = childPath(parent, key);
    out.push({ path, parent, key, config });
    if (config.states) flatten(config.states, path, out);
  }
  return out;
}

function ownConfig(config: StateNodeConfig): StateOwnConfig {
  const { states: _s, on: _o, after: _a, always: _al, ...own } = config;
  return own;
}

/** Normalises XState's three ways of writing transitions to a list plus how it was written. */
function transitionList(t: TransitionsConfig): { list: TransitionConfig[]; shape: TransitionData['shape'] } {
  if (typeof t === 'string') return { list: [{ target: t }], shape: 'string' };
  if (Array.isArray(t)) return { list: t, shape: 'array' };
  return { list: [t], shape: 'object' };
}

/** The edge id for the `index`-th transition of `event` on `source`. */
export function edgeIdOf(source: string, trigger: Trigger, event: string, index: number): string {
  return `${source}|${trigger}:${event}|${index}`;
}

/**
 * Turns a pathway document into React Flow nodes and edges. Positions come
 * from `layout` (relative to the parent, as React Flow draws children);
 * states without a position get a simple grid position until auto-layout runs.
 */
export function documentToModel(doc: PathwayDocument): PathwayModel {
  const { states, ...machineRest } = doc.machine;
  const flat = flatten(states, '', []);
  const known = new Set(flat.map((f) => f.path));
  const siblingIndex = new Map<string, number>();
  const nodes: StepNode[] = [];
  const edges: TransitionEdge[] = [];

  for (const f of flat) {
    const own = ownConfig(f.config);
    const hasStates = f.config.states !== undefined;
    const type = nodeTypeFor(own, hasStates);
    const i = siblingIndex.get(f.parent) ?? 0;
    siblingIndex.set(f.parent, i + 1);
    const saved = doc.layout[f.path];
    const container = isContainerType(type);
    const fallback = f.parent ? { x: 30 + (i % 2) * (STEP_SIZE.width + 40), y: 60 + Math.floor(i / 2) * (STEP_SIZE.height + 50) } : { x: (i % 4) * (STEP_SIZE.width + 90), y: Math.floor(i / 4) * (STEP_SIZE.height + 110) };
    const node: StepNode = {
      id: f.path,
      type,
      position: saved ? { x: saved.x, y: saved.y } : fallback,
      data: { key: f.key, config: own, hasStates },
    };
    if (f.parent) {
      node.parentId = f.parent;
      node.extent = 'parent';
    }
    if (container) {
      node.width = saved?.width ?? GROUP_MIN.width;
      node.height = saved?.height ?? GROUP_MIN.height;
    }
    nodes.push(node);

    const addTransitions = (trigger: Trigger, event: string, t: TransitionsConfig) => {
      const { list, shape } = transitionList(t);
      list.forEach((tr, index) => {
        const { target, ...config } = tr;
        const targets = target === undefined ? [] : Array.isArray(target) ? target : [target];
        const data: TransitionData = { trigger, event, config, shape };
        const first = targets[0];
        let to = f.path;
        if (first === undefined) data.targetless = true;
        else {
          data.targetRaw = first;
          const resolved = resolveTarget(first, f.path, doc.machine.id, known);
          if (resolved === undefined) data.unresolved = true;
          to = resolved ?? f.path;
        }
        if (Array.isArray(target)) data.targetArray = true;
        if (targets.length > 1) data.extraTargets = targets.slice(1);
        edges.push({ id: edgeIdOf(f.path, trigger, event, index), type: 'transition', source: f.path, target: to, markerEnd: EDGE_MARKER, data });
      });
    };
    for (const [event, t] of Object.entries(f.config.on ?? {})) addTransitions('on', event, t);
    for (const [delay, t] of Object.entries(f.config.after ?? {})) addTransitions('after', delay, t);
    if (f.config.always !== undefined) addTransitions('always', '', f.config.always);
  }

  const header: PathwayModel['header'] = { format: doc.format, key: doc.key, title: doc.title, machine: machineRest };
  if (doc.description !== undefined) header.description = doc.description;
  if (doc.tags !== undefined) header.tags = doc.tags;
  return { header, nodes, edges };
}
