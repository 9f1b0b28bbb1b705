/**
 * Pure edits of the designer model. Each takes a model and returns a new one;
 * the store wraps them with undo history.
 */
import type { StepKind, StepMeta } from '@jalur/engine';
import { KIND_LOOK } from '../kinds.ts';
import { isContainerType, nodeTypeFor } from './nodeType.ts';
import { childPath, isWithin, keyOf, parentPath } from './paths.ts';
import { EDGE_MARKER, GROUP_MIN, STEP_SIZE, type PathwayModel, type StateOwnConfig, type StepNode, type TransitionData, type TransitionEdge } from './types.ts';

const KEY_RE = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** True when `key` may name a state (the document's `nameSchema`). */
export function isValidKey(key: string): boolean {
  return key.length > 0 && key.length <= 80 && KEY_RE.test(key);
}

/** A key not yet used by a sibling under `parent`: `base`, `base_2`, … */
export function uniqueKey(nodes: readonly StepNode[], parent: string, base: string): string {
  const taken = new Set(nodes.filter((n) => (n.parentId ?? '') === parent).map((n) => n.data.key));
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}_${i}`)) return `${base}_${i}`;
}

/** A fresh step meta for a kind, titled and with the kind's usual roles. */
export function defaultMeta(kind: StepKind): StepMeta {
  const look = KIND_LOOK[kind];
  const meta: StepMeta = { kind, title: { ...look.title }, roles: [...look.roles], form: [], confidentiality: look.confidentiality };
  if (look.dueInDays !== undefined) meta.dueInDays = look.dueInDays;
  return meta;
}

export type NewStepShape = 'step' | 'group' | 'parallel' | 'final';

/** Sets `initial` of `parent` (or the machine) when it has none yet. */
function withInitialFor(model: PathwayModel, parent: string, key: string): PathwayModel {
  if (!parent) {
    if (model.header.machine.initial) return model;
    return { ...model, header: { ...model.header, machine: { ...model.header.machine, initial: key } } };
  }
  return {
    ...model,
    nodes: model.nodes.map((n) => {
      if (n.id !== parent || n.data.config.type === 'parallel' || n.data.config.initial) return n;
      return { ...n, data: { ...n.data, config: { ...n.data.config, initial: key } } };
    }),
  };
}

/** Inserts a new step of `kind` at `position` (relative to `parent`, '' for top level). */
export function addStep(model: PathwayModel, kind: StepKind, position: { x: number; y: number }, parent = '', shape: NewStepShape = 'step'): { model: PathwayModel; id: string } {
  const base = shape === 'group' ? 'kelompok' : shape === 'parallel' ? 'paralel' : KIND_LOOK[kind].key;
  const key = uniqueKey(model.nodes, parent, base);
  const id = childPath(parent, key);
  const meta = defaultMeta(kind);
  if (shape === 'group') meta.title = { id: 'Kelompok langkah', en: 'Step group' };
  if (shape === 'parallel') meta.title = { id: 'Berjalan bersamaan', en: 'Runs in parallel' };
  const config: StateOwnConfig = { meta };
  if (shape === 'parallel') config.type = 'parallel';
  if (shape === 'final') config.type = 'final';
  const hasStates = shape === 'group' || shape === 'parallel';
  const node: StepNode = { id, type: nodeTypeFor(config, hasStates), position, data: { key, config, hasStates }, selected: true };
  if (parent) {
    node.parentId = parent;
    node.extent = 'parent';
  }
  if (hasStates) {
    node.width = GROUP_MIN.width;
    node.height = GROUP_MIN.height;
  }
  const nodes = model.nodes.map((n) => (n.selected ? { ...n, selected: false } : n));
  const next = { ...model, nodes: [...nodes, node], edges: model.edges.map((e) => (e.selected ? { ...e, selected: false } : e)) };
  return { model: fitParents(withInitialFor(next, parent, key), id), id };
}

/** The drawn size of a step (containers carry theirs; steps use the measured or default size). */
function sizeOf(n: StepNode): { width: number; height: number } {
  return { width: n.width ?? n.measured?.width ?? STEP_SIZE.width, height: n.height ?? n.measured?.height ?? STEP_SIZE.height };
}

/** Grows every group around `id` so that it still contains it (and its own ancestors contain them). */
export function fitParents(model: PathwayModel, id: string): PathwayModel {
  let nodes = model.nodes;
  let child = nodes.find((n) => n.id === id);
  while (child?.parentId) {
    const parentId: string = child.parentId;
    const parent = nodes.find((n) => n.id === parentId);
    if (!parent) break;
    const c = sizeOf(child);
    const p = sizeOf(parent);
    const width = Math.max(p.width, child.position.x + c.width + 24);
    const height = Math.max(p.height, child.position.y + c.height + 24);
    if (width === p.width && height === p.height) break;
    const grown: StepNode = { ...parent, width, height };
    nodes = nodes.map((n) => (n.id === parentId ? grown : n));
    child = grown;
  }
  return nodes === model.nodes ? model : { ...model, nodes };
}

/** A fresh event name for a new transition out of `source`: LANJUT, LANJUT_2, … */
export function uniqueEvent(edges: readonly TransitionEdge[], source: string, base = 'LANJUT'): string {
  const taken = new Set(edges.filter((e) => e.source === source).map((e) => e.data?.event));
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}_${i}`)) return `${base}_${i}`;
}

let edgeSeq = 0;
/** A new unique edge id. */
export function newEdgeId(): string {
  edgeSeq += 1;
  return `t${Date.now().toString(36)}${edgeSeq}`;
}

/** Connects `source` to `target` with a new event transition. */
export function connectSteps(model: PathwayModel, source: string, target: string, data?: Partial<TransitionData>): { model: PathwayModel; id: string } {
  const id = newEdgeId();
  const edge: TransitionEdge = {
    id,
    type: 'transition',
    source,
    target,
    markerEnd: EDGE_MARKER,
    selected: true,
    data: { trigger: 'on', event: uniqueEvent(model.edges, source), config: {}, shape: 'object', ...data },
  };
  return { model: { ...model, nodes: model.nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), edges: [...model.edges.map((e) => (e.selected ? { ...e, selected: false } : e)), edge] }, id };
}

/** Removes steps (with everything inside them) and transitions, and the transitions that touched removed steps. */
export function deleteElements(model: PathwayModel, nodeIds: readonly string[], edgeIds: readonly string[]): PathwayModel {
  const gone = (id: string) => nodeIds.some((r) => isWithin(id, r));
  const removedEdges = new Set(edgeIds);
  const nodes = model.nodes.filter((n) => !gone(n.id));
  const edges = model.edges.filter((e) => !removedEdges.has(e.id) && !gone(e.source) && !gone(e.target));
  // Keep every `initial` pointing at an existing child.
  const byParent = new Map<string, StepNode[]>();
  for (const n of nodes) {
    const p = n.parentId ?? '';
    byParent.set(p, [...(byParent.get(p) ?? []), n]);
  }
  const fixedNodes = nodes.map((n) => {
    const initial = n.data.config.initial;
    if (!initial || byParent.get(n.id)?.some((c) => c.data.key === initial)) return n;
    const first = byParent.get(n.id)?.[0]?.data.key;
    const config = { ...n.data.config };
    if (first) config.initial = first;
    else delete config.initial;
    return { ...n, data: { ...n.data, config } };
  });
  let header = model.header;
  const rootInitial = header.machine.initial;
  if (rootInitial && !byParent.get('')?.some((c) => c.data.key === rootInitial)) {
    const machine = { ...header.machine };
    const first = byParent.get('')?.[0]?.data.key;
    if (first) machine.initial = first;
    else delete machine.initial;
    header = { ...header, machine };
  }
  return { header, nodes: fixedNodes, edges };
}

/** Renames a step's key, moving its id, its children's ids and every edge end with it. */
export function renameStep(model: PathwayModel, id: string, key: string): PathwayModel {
  const node = model.nodes.find((n) => n.id === id);
  if (!node || !isValidKey(key) || key === node.data.key) return model;
  const parent = parentPath(id);
  if (model.nodes.some((n) => (n.parentId ?? '') === parent && n.data.key === key)) return model;
  const newId = childPath(parent, key);
  const move = (p: string) => (isWithin(p, id) ? newId + p.slice(id.length) : p);
  const oldKey = keyOf(id);
  const nodes = model.nodes.map((n) => {
    let out = n;
    if (isWithin(n.id, id)) {
      out = { ...out, id: move(n.id) };
      if (out.parentId) out.parentId = move(out.parentId);
    }
    if (n.id === id) out = { ...out, data: { ...out.data, key } };
    if (n.id === parent && n.data.config.initial === oldKey) out = { ...out, data: { ...out.data, config: { ...out.data.config, initial: key } } };
    return out;
  });
  const edges = model.edges.map((e) => (isWithin(e.source, id) || isWithin(e.target, id) ? { ...e, source: move(e.source), target: move(e.target) } : e));
  let header = model.header;
  if (!parent && header.machine.initial === oldKey) header = { ...header, machine: { ...header.machine, initial: key } };
  return { header, nodes, edges };
}

/** Replaces a node's own config (kind changes also change its node type). */
export function setNodeConfig(model: PathwayModel, id: string, config: StateOwnConfig): PathwayModel {
  return {
    ...model,
    nodes: model.nodes.map((n) => (n.id === id ? { ...n, type: nodeTypeFor(config, n.data.hasStates), data: { ...n.data, config } } : n)),
  };
}

/** The steps and transitions to copy: the selection, everything inside selected groups, and edges among them. */
export function selectionForCopy(model: PathwayModel): { nodes: StepNode[]; edges: TransitionEdge[] } {
  const roots = model.nodes.filter((n) => n.selected).map((n) => n.id);
  const nodes = model.nodes.filter((n) => roots.some((r) => isWithin(n.id, r)));
  const ids = new Set(nodes.map((n) => n.id));
  const edges = model.edges.filter((e) => ids.has(e.source) && ids.has(e.target));
  return { nodes, edges };
}

/** Pastes copied steps with fresh keys, shifted by `offset`, as new siblings of their originals. */
export function pasteSteps(model: PathwayModel, clip: { nodes: StepNode[]; edges: TransitionEdge[] }, offset = 40): PathwayModel {
  const copiedIds = new Set(clip.nodes.map((n) => n.id));
  const idMap = new Map<string, string>();
  let nodes = model.nodes.map((n) => (n.selected ? { ...n, selected: false } : n));
  const added: StepNode[] = [];
  for (const n of clip.nodes) {
    const oldParent = n.parentId ?? '';
    const inCopy = copiedIds.has(oldParent);
    const parent = inCopy ? idMap.get(oldParent)! : nodes.some((m) => m.id === oldParent) ? oldParent : '';
    const key = inCopy ? n.data.key : uniqueKey([...nodes, ...added], parent, n.data.key);
    const id = childPath(parent, key);
    idMap.set(n.id, id);
    const copy: StepNode = { ...n, id, data: { ...n.data, key }, selected: !inCopy, position: inCopy ? n.position : { x: n.position.x + offset, y: n.position.y + offset } };
    delete copy.measured;
    if (parent) copy.parentId = parent;
    else delete copy.parentId;
    added.push(copy);
  }
  const edges = clip.edges.map((e) => ({ ...e, id: newEdgeId(), source: idMap.get(e.source)!, target: idMap.get(e.target)!, selected: false }));
  nodes = [...nodes, ...added];
  return { ...model, nodes, edges: [...model.edges.map((e) => (e.selected ? { ...e, selected: false } : e)), ...edges] };
}

/** Sets the initial child of a container (or of the machine when `parent` is ''). */
export function setInitial(model: PathwayModel, parent: string, key: string): PathwayModel {
  if (!parent) return { ...model, header: { ...model.header, machine: { ...model.header.machine, initial: key } } };
  return { ...model, nodes: model.nodes.map((n) => (n.id === parent ? { ...n, data: { ...n.data, config: { ...n.data.config, initial: key } } } : n)) };
}

/**
 * Moves a step (with everything inside it) into another group, or to the top
 * level when `parent` is ''. Ids follow the new parent; positions stay where
 * they were on screen (`absolute` gives each step's absolute position).
 */
export function moveToParent(model: PathwayModel, id: string, parent: string, absolute: (id: string) => { x: number; y: number }): PathwayModel {
  const node = model.nodes.find((n) => n.id === id);
  if (!node || (node.parentId ?? '') === parent || isWithin(parent, id)) return model;
  if (parent && !model.nodes.some((n) => n.id === parent && isContainerType(n.type))) return model;
  const key = uniqueKey(model.nodes, parent, node.data.key);
  const newId = childPath(parent, key);
  const move = (p: string) => (isWithin(p, id) ? newId + p.slice(id.length) : p);
  const abs = absolute(id);
  const parentAbs = parent ? absolute(parent) : { x: 0, y: 0 };
  const moved = model.nodes
    .filter((n) => isWithin(n.id, id))
    .map((n) => {
      const out: StepNode = { ...n, id: move(n.id) };
      if (n.id === id) {
        out.data = { ...n.data, key };
        out.position = { x: Math.max(10, abs.x - parentAbs.x), y: Math.max(parent ? 56 : -1e9, abs.y - parentAbs.y) };
        if (parent) {
          out.parentId = parent;
          out.extent = 'parent';
        } else {
          delete out.parentId;
          delete out.extent;
        }
      } else if (out.parentId) out.parentId = move(out.parentId);
      return out;
    });
  // Children must come after their parent in React Flow's list.
  const rest = model.nodes.filter((n) => !isWithin(n.id, id));
  const edges = model.edges.map((e) => (isWithin(e.source, id) || isWithin(e.target, id) ? { ...e, source: move(e.source), target: move(e.target) } : e));
  let next: PathwayModel = { ...model, nodes: [...rest, ...moved], edges };
  next = deleteElements(next, [], []); // re-points `initial` of the group it left
  return fitParents(withInitialFor(next, parent, key), newId);
}

export { isContainerType };
