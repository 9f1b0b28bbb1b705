/**
 * The designer's one store: the model (header, nodes, edges), selection,
 * undo/redo history, the clipboard, lint marks and simulate highlights.
 * Edits go through `commit`, which records history and bumps `rev`
 * (autosave and lint follow `rev`; dragging only commits when it stops).
 */
import { create } from 'zustand';
import { applyEdgeChanges, applyNodeChanges, type Connection, type EdgeChange, type NodeChange } from '@xyflow/react';
import type { Diagnostic, PathwayDocument, StepKind } from '@jalur/engine';
import { documentToModel } from '../model/fromDocument.ts';
import { modelToDocument } from '../model/toDocument.ts';
import * as ops from '../model/ops.ts';
import type { PathwayHeader, PathwayModel, StepNode, TransitionEdge } from '../model/types.ts';
import { guardFieldsOf, type GuardField } from '../model/guardText.ts';

const HISTORY_LIMIT = 100;

import type { IssueMark } from '../model/issues.ts';
import type { EdgeRoute } from '../layout/elkGraph.ts';

export interface SimHighlight {
  active: ReadonlySet<string>;
  visited: ReadonlySet<string>;
  /** Edge ids taken so far. */
  taken: ReadonlySet<string>;
}

export type DesignerMode = 'design' | 'simulate';

interface Snapshot {
  header: PathwayHeader;
  nodes: StepNode[];
  edges: TransitionEdge[];
}

export interface EditorState extends PathwayModel {
  readOnly: boolean;
  mode: DesignerMode;
  past: Snapshot[];
  future: Snapshot[];
  /** Bumped on every committed change (not on drag frames or selection). */
  rev: number;
  /** Coalesces typing in one field into one undo step. */
  lastCoalesce: { key: string; at: number } | null;
  clipboard: { nodes: StepNode[]; edges: TransitionEdge[] } | null;
  issues: { nodes: ReadonlyMap<string, IssueMark>; edges: ReadonlyMap<string, IssueMark> };
  diagnostics: Diagnostic[];
  sim: SimHighlight | null;
  /** Marks of a version comparison (the diff view), by node id and edge id. */
  diff: { nodes: ReadonlyMap<string, string>; edges: ReadonlyMap<string, string> } | null;
  /** Derived on every committed change: ids of initial steps, fields guards can test. */
  initials: ReadonlySet<string>;
  fields: GuardField[];
  /**
   * Routes and label places from the last ELK layout, by edge id. A route is
   * drawn while both its steps stay where ELK put them (see TransitionEdgeView).
   * View state: not part of the document or the history.
   */
  routes: Readonly<Record<string, EdgeRoute>> | null;
  /** Groups drawn collapsed (view state). */
  collapsed: ReadonlySet<string>;
  setRoutes(routes: Readonly<Record<string, EdgeRoute>> | null): void;
  /** While a picture is exported every step is drawn in full (icons, badges), visible or not. */
  exporting: boolean;
  setExporting(on: boolean): void;
  toggleCollapsed(id: string): void;

  load(doc: PathwayDocument, opts?: { readOnly?: boolean }): void;
  /** Shows a comparison of two versions, read-only. */
  loadDiff(model: PathwayModel, diff: NonNullable<EditorState['diff']>): void;
  /** Applies a pure edit with history. `coalesce` merges quick edits of the same field. */
  commit(edit: (m: PathwayModel) => PathwayModel, coalesce?: string): void;
  /** Records the model in history before a drag or resize (with the drag's first change, so a drag without one adds nothing). */
  checkpoint(): void;
  /** Marks the model changed after a drag or resize ended. */
  touched(): void;
  onNodesChange(changes: NodeChange<StepNode>[]): void;
  onEdgesChange(changes: EdgeChange<TransitionEdge>[]): void;
  onConnect(c: Connection): void;
  onReconnect(old: TransitionEdge, c: Connection): void;
  addStep(kind: StepKind, position: { x: number; y: number }, parent?: string, shape?: ops.NewStepShape): string;
  deleteElements(nodeIds: string[], edgeIds: string[]): void;
  deleteSelection(): void;
  copy(): void;
  paste(): void;
  undo(): void;
  redo(): void;
  select(target: { node?: string; edge?: string }): void;
  setMode(mode: DesignerMode): void;
  setIssues(diagnostics: Diagnostic[], issues: EditorState['issues']): void;
  setSim(sim: SimHighlight | null): void;
  toDocument(): PathwayDocument;
}

const emptyDoc: PathwayDocument = {
  format: 'jalur.pathway/1',
  key: 'jalur_baru',
  title: { id: 'Jalur baru', en: 'New pathway' },
  machine: { id: 'jalur_baru', states: {} },
  layout: {},
};

/**
 * A drag or resize has started (`checkpoint`) and its first change has not come yet: the model
 * before that change goes into the history then. Not state anyone renders, so not in the store.
 */
let checkpointPending = false;

function snap(s: PathwayModel): Snapshot {
  return { header: s.header, nodes: s.nodes, edges: s.edges };
}

/** Facts the canvas shows that depend on the whole model, computed once per change. */
function derive(m: PathwayModel): Pick<EditorState, 'initials' | 'fields'> {
  const initials = new Set<string>();
  const byId = new Map(m.nodes.map((n) => [n.id, n]));
  for (const n of m.nodes) {
    const parentInitial = n.parentId ? byId.get(n.parentId)?.data.config.initial : m.header.machine.initial;
    if (parentInitial === n.data.key) initials.add(n.id);
  }
  return { initials, fields: guardFieldsOf(modelToDocument(m)) };
}

/** The elements with only `id` selected; the same array when that is already so. */
function reselect<T extends { id: string; selected?: boolean }>(items: T[], id: string | undefined): T[] {
  let changed = false;
  const next = items.map((x) => {
    const want = x.id === id;
    if (!!x.selected === want) return x;
    changed = true;
    return { ...x, selected: want };
  });
  return changed ? next : items;
}

/** A model plus what is derived from it, ready to `set`. */
function withDerived<T extends PathwayModel>(m: T): T & Pick<EditorState, 'initials' | 'fields'> {
  return { ...m, ...derive(m) };
}

export const useEditor = create<EditorState>()((set, get) => ({
  ...withDerived(documentToModel(emptyDoc)),
  readOnly: false,
  mode: 'design',
  past: [],
  future: [],
  rev: 0,
  lastCoalesce: null,
  clipboard: null,
  issues: { nodes: new Map(), edges: new Map() },
  diagnostics: [],
  sim: null,
  diff: null,
  routes: null,
  collapsed: new Set(),
  exporting: false,

  load(doc, opts) {
    checkpointPending = false;
    set({ ...withDerived(documentToModel(doc)), readOnly: opts?.readOnly ?? false, past: [], future: [], rev: get().rev + 1, lastCoalesce: null, mode: 'design', sim: null, diff: null, routes: null, collapsed: new Set() });
  },

  loadDiff(model, diff) {
    checkpointPending = false;
    set({ ...withDerived(model), readOnly: true, past: [], future: [], rev: get().rev + 1, lastCoalesce: null, mode: 'design', sim: null, diff, routes: null, collapsed: new Set() });
  },

  setRoutes(routes) {
    set({ routes });
  },

  setExporting(exporting) {
    set({ exporting });
  },

  toggleCollapsed(id) {
    const next = new Set(get().collapsed);
    if (next.has(id)) next.delete(id);
    else {
      next.add(id);
      // A group inside a collapsed one is hidden anyway.
      for (const c of [...next]) if (c !== id && c.startsWith(`${id}.`)) next.delete(c);
    }
    set({ collapsed: next, routes: null });
  },

  commit(edit, coalesce) {
    const s = get();
    if (s.readOnly) return;
    const next = edit(snap(s));
    if (next.header === s.header && next.nodes === s.nodes && next.edges === s.edges) return;
    const now = Date.now();
    const merge = coalesce !== undefined && s.lastCoalesce?.key === coalesce && now - s.lastCoalesce.at < 1500;
    const past = merge ? s.past : [...s.past, snap(s)].slice(-HISTORY_LIMIT);
    set({ ...withDerived(next), past, future: [], rev: s.rev + 1, lastCoalesce: coalesce ? { key: coalesce, at: now } : null });
  },

  checkpoint() {
    if (get().readOnly) return;
    // Recorded with the first change it is for (one store update in the drag's first frame, not two).
    checkpointPending = true;
  },

  touched() {
    checkpointPending = false;
    set({ rev: get().rev + 1 });
  },

  onNodesChange(changes) {
    // Removal goes through deleteElements (one undo step, children and initial fixed).
    const s = get();
    const kept = changes.filter((c) => c.type !== 'remove' && (!s.readOnly || c.type === 'select' || c.type === 'dimensions'));
    if (!kept.length) return;
    const nodes = applyNodeChanges(kept, s.nodes);
    if (checkpointPending && kept.some((c) => c.type === 'position' || (c.type === 'dimensions' && c.resizing))) {
      checkpointPending = false;
      set({ nodes, past: [...s.past, snap(s)].slice(-HISTORY_LIMIT), future: [], lastCoalesce: null });
    } else set({ nodes });
  },

  onEdgesChange(changes) {
    const kept = changes.filter((c) => c.type === 'select');
    if (kept.length) set({ edges: applyEdgeChanges(kept, get().edges) });
  },

  onConnect(c) {
    if (!c.source || !c.target) return;
    get().commit((m) => ops.connectSteps(m, c.source, c.target).model);
  },

  onReconnect(old, c) {
    if (!c.source || !c.target) return;
    get().commit((m) => ({ ...m, edges: m.edges.map((e) => (e.id === old.id ? { ...e, source: c.source, target: c.target, data: e.data ? { ...e.data, targetless: false, unresolved: false } : e.data } : e)) }));
  },

  addStep(kind, position, parent = '', shape = 'step') {
    let id = '';
    get().commit((m) => {
      const r = ops.addStep(m, kind, position, parent, shape);
      id = r.id;
      return r.model;
    });
    return id;
  },

  deleteElements(nodeIds, edgeIds) {
    if (!nodeIds.length && !edgeIds.length) return;
    get().commit((m) => ops.deleteElements(m, nodeIds, edgeIds));
  },

  deleteSelection() {
    const s = get();
    s.deleteElements(
      s.nodes.filter((n) => n.selected).map((n) => n.id),
      s.edges.filter((e) => e.selected).map((e) => e.id),
    );
  },

  copy() {
    const clip = ops.selectionForCopy(snap(get()));
    if (clip.nodes.length) set({ clipboard: clip });
  },

  paste() {
    const clip = get().clipboard;
    if (!clip) return;
    get().commit((m) => ops.pasteSteps(m, clip));
    // A second paste lands further away.
    set({ clipboard: { nodes: clip.nodes.map((n) => (n.parentId && clip.nodes.some((c) => c.id === n.parentId) ? n : { ...n, position: { x: n.position.x + 40, y: n.position.y + 40 } })), edges: clip.edges } });
  },

  undo() {
    const s = get();
    const prev = s.past.at(-1);
    if (!prev || s.readOnly) return;
    set({ ...withDerived(prev), past: s.past.slice(0, -1), future: [snap(s), ...s.future], rev: s.rev + 1, lastCoalesce: null });
  },

  redo() {
    const s = get();
    const next = s.future[0];
    if (!next || s.readOnly) return;
    set({ ...withDerived(next), past: [...s.past, snap(s)], future: s.future.slice(1), rev: s.rev + 1, lastCoalesce: null });
  },

  select({ node, edge }) {
    // Arrays are replaced only when a selection flag changes: a new edges array makes React Flow
    // rebuild its edge lookup and recheck every transition, which showed when pressing on a step.
    const nodes = reselect(get().nodes, node);
    const edges = reselect(get().edges, edge);
    if (nodes !== get().nodes || edges !== get().edges) set({ nodes, edges });
  },

  setMode(mode) {
    set({ mode, sim: null });
  },

  setIssues(diagnostics, issues) {
    set({ diagnostics, issues });
  },

  setSim(sim) {
    set({ sim });
  },

  toDocument() {
    return modelToDocument(snap(get()));
  },
}));
