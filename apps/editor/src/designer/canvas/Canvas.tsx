/**
 * The drawing surface: React Flow bound to the editor store. Drops from the
 * palette land inside the group under the pointer; delete, copy/paste and
 * undo/redo work from the keyboard.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { Background, BackgroundVariant, Controls, MiniMap, ReactFlow, useReactFlow, useStore, type OnDelete, type OnNodeDrag } from '@xyflow/react';
import { LabelLayerContext } from './labelLayer.ts';
import { ZoomDetailContext, zoomDetailSelector } from './zoomDetail.ts';
import { GuardFieldsContext } from './guardFieldsContext.ts';
import { RoutesContext } from './routesContext.ts';
import { fitReadable } from './fitReadable.ts';
import { autoLayout, COLLAPSED_SIZE, recoverRoutes, takeLayoutOnOpen } from '../layout/useLayout.ts';
import { warmUpLayout } from '../layout/autoLayout.ts';
import { useTranslation } from '../../i18n/index.ts';
import type { StepKind } from '@jalur/engine';
import { useEditor } from '../store/editorStore.ts';
import { edgeTypes, nodeTypes } from './nodeTypes.ts';
import { isContainerType } from '../model/nodeType.ts';
import type { StepNode, TransitionEdge } from '../model/types.ts';
import { withKnownHandles } from './knownHandles.ts';
import { KIND_LOOK } from '../kinds.ts';
import { moveToParent, type NewStepShape } from '../model/ops.ts';
import { isWithin } from '../model/paths.ts';

export const PALETTE_MIME = 'application/x-jalur-step';

/** What the palette drags: a step kind, or a group / parallel / final step. */
export interface PaletteItem {
  kind: StepKind;
  shape: NewStepShape;
}

const SNAP: [number, number] = [10, 10];
/** Above this many steps only the steps in view are drawn. */
const VIRTUAL_ABOVE = 150;
/** Above this many steps the canvas has no minimap. */
const MINIMAP_MAX = 400;
const PRO = { hideAttribution: true };

function minimapColor(n: StepNode): string {
  if (isContainerType(n.type)) return '#e2e8f0';
  return KIND_LOOK[n.data.config.meta?.kind ?? 'custom'].color;
}

/** True when a key event comes from a text field (shortcuts must not steal typing). */
export function isTyping(e: KeyboardEvent): boolean {
  const el = e.target as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);
}

/** Finds the innermost container under a flow position, and the position relative to it. */
export function useDropTarget() {
  const rf = useReactFlow<StepNode, TransitionEdge>();
  return useCallback(
    (flowPos: { x: number; y: number }, shape: NewStepShape) => {
      let best: { id: string; x: number; y: number; depth: number } | null = null;
      for (const n of useEditor.getState().nodes) {
        if (!isContainerType(n.type)) continue;
        const internal = rf.getInternalNode(n.id);
        if (!internal) continue;
        const { x, y } = internal.internals.positionAbsolute;
        const w = n.width ?? n.measured?.width ?? 0;
        const h = n.height ?? n.measured?.height ?? 0;
        const depth = n.id.split('.').length;
        if (flowPos.x >= x && flowPos.x <= x + w && flowPos.y >= y && flowPos.y <= y + h && (!best || depth > best.depth)) best = { id: n.id, x, y, depth };
      }
      // A parallel step holds regions (groups), not plain steps: a step dropped on it becomes top level.
      const parentNode = best ? useEditor.getState().nodes.find((n) => n.id === best!.id) : undefined;
      if (best && parentNode?.type === 'parallel' && shape !== 'group') best = null;
      if (!best) return { parent: '', position: { x: flowPos.x - 110, y: flowPos.y - 40 } };
      return { parent: best.id, position: { x: Math.max(10, flowPos.x - best.x - 110), y: Math.max(48, flowPos.y - best.y - 40) } };
    },
    [rf],
  );
}

/** Where a step inside a collapsed group is drawn: on the outermost collapsed group around it. */
function collapsedOwner(id: string, collapsed: ReadonlySet<string>): string | undefined {
  let owner: string | undefined;
  for (const c of collapsed) if (id !== c && id.startsWith(`${c}.`) && (!owner || c.length < owner.length)) owner = c;
  return owner;
}

/**
 * The nodes and edges as drawn with some groups collapsed: their steps hidden,
 * the group drawn small, transitions to and from hidden steps drawn to the
 * group, transitions inside it hidden. The same arrays when nothing is collapsed.
 */
export function collapsedView(nodes: StepNode[], edges: TransitionEdge[], collapsed: ReadonlySet<string>): { nodes: StepNode[]; edges: TransitionEdge[] } {
  if (collapsed.size === 0) return { nodes, edges };
  return {
    nodes: nodes.map((n) => {
      if (collapsedOwner(n.id, collapsed)) return { ...n, hidden: true };
      if (collapsed.has(n.id)) return { ...n, width: COLLAPSED_SIZE.width, height: COLLAPSED_SIZE.height };
      return n;
    }),
    edges: edges.map((e) => {
      const s = collapsedOwner(e.source, collapsed);
      const t = collapsedOwner(e.target, collapsed);
      if (!s && !t) return e;
      const source = s ?? e.source;
      const target = t ?? e.target;
      if (source === target && e.source !== e.target) return { ...e, hidden: true };
      return { ...e, source, target, sourceHandle: null, targetHandle: null };
    }),
  };
}

/**
 * `focusable: false` (the case page's read-only picture): steps and
 * transitions are not tab stops; the page gives the picture one focusable
 * region with a text alternative instead.
 */
export function Canvas({ focusable = true }: { focusable?: boolean } = {}) {
  const { t, i18n } = useTranslation();
  const storeNodes = useEditor((s) => s.nodes);
  const storeEdges = useEditor((s) => s.edges);
  const collapsed = useEditor((s) => s.collapsed);
  const routes = useEditor((s) => s.routes);
  const exporting = useEditor((s) => s.exporting);
  const { nodes, edges } = useMemo(() => collapsedView(storeNodes, storeEdges, collapsed), [storeNodes, storeEdges, collapsed]);
  // Large pathways draw only what is in view (see withKnownHandles); an exported picture draws everything.
  const virtual = nodes.length > VIRTUAL_ABOVE && !exporting;
  const drawn = useMemo(() => (virtual ? nodes.map(withKnownHandles) : nodes), [nodes, virtual]);
  const readOnly = useEditor((s) => s.readOnly);
  const mode = useEditor((s) => s.mode);
  const store = useEditor.getState;
  const rf = useReactFlow<StepNode, TransitionEdge>();
  const dropTarget = useDropTarget();
  const editable = !readOnly && mode === 'design';
  const domNode = useStore((s) => s.domNode);
  const zoomDetail = useStore(zoomDetailSelector);
  const detail = exporting ? 0 : zoomDetail;
  const fields = useEditor((s) => s.fields);
  const [labelLayer, setLabelLayer] = useState<HTMLElement | null>(null);
  useEffect(() => {
    setLabelLayer(domNode?.querySelector<HTMLElement>('.react-flow__edgelabel-renderer') ?? null);
  }, [domNode]);

  // Opening: fit so the text stays readable, then find the layout's routes in the background.
  const opened = useRef(false);
  const onInit = useCallback(() => {
    if (opened.current) return;
    opened.current = true;
    const box = domNode?.getBoundingClientRect() ?? document.querySelector('.canvas')?.getBoundingClientRect();
    const fit = () => fitReadable(rf, { width: box?.width ?? 800, height: box?.height ?? 600 }, store().header.machine.initial);
    fit();
    const lang = i18n.language === 'en' ? 'en' : 'id';
    const layer = () => document.querySelector<HTMLElement>('.react-flow__edgelabel-renderer');
    if (takeLayoutOnOpen()) {
      // Positions first drawn on a grid; laid out once the steps and labels can be measured.
      setTimeout(() => void autoLayout({ t, lang, layer: layer() }).then(() => setTimeout(fit, 50)).catch(() => undefined), 100);
      return;
    }
    // Only pathways drawn in full (all steps rendered, so all measured) find their routes again, once the
    // page is idle; large ones are laid out when asked (a background run would compete with the first drags).
    const later = (fn: () => void) => ('requestIdleCallback' in window ? window.requestIdleCallback(fn, { timeout: 2000 }) : setTimeout(fn, 500));
    if (store().nodes.length <= 150) later(() => void recoverRoutes({ t, lang, layer: layer() }).catch(() => 0));
    // Otherwise ELK is only warmed up in its worker, ready for when a layout is asked for.
    else later(warmUpLayout);
  }, [rf, domNode, store, t, i18n.language]);

  const onDrop = useCallback(
    (e: DragEvent) => {
      e.preventDefault();
      const raw = e.dataTransfer.getData(PALETTE_MIME);
      if (!raw || !editable) return;
      const item = JSON.parse(raw) as PaletteItem;
      const pos = rf.screenToFlowPosition({ x: e.clientX, y: e.clientY });
      const { parent, position } = dropTarget(pos, item.shape);
      store().addStep(item.kind, position, parent, item.shape);
    },
    [rf, dropTarget, store, editable],
  );

  // A top-level step dropped onto a group goes inside it (out again via the properties panel).
  const onNodeDragStop: OnNodeDrag<StepNode> = useCallback(
    (_e, dragged, dragging) => {
      store().touched();
      if (dragging.length !== 1 || dragged.parentId) return;
      const me = rf.getInternalNode(dragged.id);
      if (!me) return;
      const cx = me.internals.positionAbsolute.x + (me.measured.width ?? 0) / 2;
      const cy = me.internals.positionAbsolute.y + (me.measured.height ?? 0) / 2;
      let best: { id: string; depth: number } | null = null;
      for (const n of store().nodes) {
        if (!isContainerType(n.type) || isWithin(n.id, dragged.id)) continue;
        const g = rf.getInternalNode(n.id);
        if (!g) continue;
        const { x, y } = g.internals.positionAbsolute;
        const inside = cx >= x && cx <= x + (g.measured.width ?? 0) && cy >= y && cy <= y + (g.measured.height ?? 0);
        const depth = n.id.split('.').length;
        if (inside && (!best || depth > best.depth)) best = { id: n.id, depth };
      }
      const target = best?.id;
      // Plain steps do not go straight into a parallel step: its children are regions.
      if (!target || (store().nodes.find((n) => n.id === target)?.type === 'parallel' && !isContainerType(dragged.type))) return;
      const absolute = (id: string) => rf.getInternalNode(id)?.internals.positionAbsolute ?? { x: 0, y: 0 };
      store().commit((m) => moveToParent(m, dragged.id, target, absolute));
    },
    [rf, store],
  );

  const onDelete: OnDelete<StepNode, TransitionEdge> = useCallback(
    ({ nodes: ns, edges: es }) => store().deleteElements(ns.map((n) => n.id), es.map((e) => e.id)),
    [store],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTyping(e) || !(e.ctrlKey || e.metaKey)) return;
      const k = e.key.toLowerCase();
      const s = store();
      if (k === 'z' && !e.shiftKey) s.undo();
      else if ((k === 'z' && e.shiftKey) || k === 'y') s.redo();
      else if (k === 'c') s.copy();
      else if (k === 'v') s.paste();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);

  return (
    <ZoomDetailContext.Provider value={detail}>
    <GuardFieldsContext.Provider value={fields}>
    <LabelLayerContext.Provider value={labelLayer}>
    <RoutesContext.Provider value={routes}>
    <div className="canvas" onDragOver={(e) => e.preventDefault()} onDrop={onDrop} aria-label={t('canvas.label')}>
      <ReactFlow<StepNode, TransitionEdge>
        nodes={drawn}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={store().onNodesChange}
        onEdgesChange={store().onEdgesChange}
        onConnect={store().onConnect}
        onReconnect={store().onReconnect}
        onDelete={onDelete}
        onNodeDragStart={store().checkpoint}
        onNodeDragStop={onNodeDragStop}
        onSelectionDragStart={store().checkpoint}
        onSelectionDragStop={store().touched}
        nodesFocusable={focusable}
        edgesFocusable={focusable}
        nodesDraggable={editable}
        nodesConnectable={editable}
        edgesReconnectable={editable}
        deleteKeyCode={editable ? ['Delete', 'Backspace'] : null}
        snapToGrid
        snapGrid={SNAP}
        onInit={onInit}
        minZoom={0.1}
        maxZoom={2}
        proOptions={PRO}
        onlyRenderVisibleElements={virtual}
      >
        <Background variant={BackgroundVariant.Dots} gap={20} size={1} />
        {/* The minimap draws every step again (and again on every drag frame): left out for very large pathways. */}
        {nodes.length <= MINIMAP_MAX && <MiniMap<StepNode> pannable zoomable nodeColor={minimapColor} ariaLabel={t('canvas.minimap')} />}
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
    </RoutesContext.Provider>
    </LabelLayerContext.Provider>
    </GuardFieldsContext.Provider>
    </ZoomDetailContext.Provider>
  );
}
