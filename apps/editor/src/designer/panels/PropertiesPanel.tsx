import { useDeferredValue, useMemo, useRef, useSyncExternalStore } from 'react';
import { useTranslation } from '../../i18n/index.ts';
import { useShallow } from 'zustand/react/shallow';
import { useEditor } from '../store/editorStore.ts';
import { NodeProperties } from './NodeProperties.tsx';
import { EdgeProperties } from './EdgeProperties.tsx';
import { PathwayProperties } from './PathwayProperties.tsx';

/** Whether a mouse button or a finger is down anywhere on the page (a press may be the start of a drag). */
let held = false;
const listeners = new Set<() => void>();
function setHeld(next: boolean): void {
  if (held === next) return;
  held = next;
  for (const l of listeners) l();
}
function subscribeHeld(listener: () => void): () => void {
  if (listeners.size === 0) {
    window.addEventListener('pointerdown', onDown, true);
    window.addEventListener('pointerup', onUp, true);
    window.addEventListener('pointercancel', onUp, true);
    window.addEventListener('blur', onUp);
  }
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    if (listeners.size > 0) return;
    window.removeEventListener('pointerdown', onDown, true);
    window.removeEventListener('pointerup', onUp, true);
    window.removeEventListener('pointercancel', onUp, true);
    window.removeEventListener('blur', onUp);
    held = false;
  };
}
const onDown = () => setHeld(true);
const onUp = () => setHeld(false);
const isHeld = () => held;

interface Selection {
  nodes: string[];
  edge: ReturnType<typeof firstSelectedEdge>;
}
const firstSelectedEdge = (s: ReturnType<typeof useEditor.getState>) => s.edges.find((e) => e.selected);

/**
 * Shows the editor for whatever is selected: a step, a transition, or the pathway.
 * Pressing on a step to drag it selects it; building its form then costs the
 * drag its first frames (a dropped frame at 300 steps). So the panel follows
 * the selection once the press ends (a click shows the step at once, a drag
 * when it is dropped), and the switch itself is deferred (rendered in the
 * background, interruptible).
 */
export function PropertiesPanel() {
  const { t } = useTranslation();
  const nodes = useEditor(useShallow((s) => s.nodes.filter((n) => n.selected).map((n) => n.id)));
  const edge = useEditor(firstSelectedEdge);
  // One object per selection (a new one each render would re-render the deferred panel each time).
  const live = useMemo<Selection>(() => ({ nodes, edge }), [nodes, edge]);
  const pressing = useSyncExternalStore(subscribeHeld, isHeld, () => false);
  const shown = useRef(live);
  if (!pressing) shown.current = live;
  const { nodes: selectedNodes, edge: selectedEdge } = useDeferredValue(shown.current);
  let body;
  if (selectedNodes.length > 1) body = <p className="muted">{t('props.multi', { count: selectedNodes.length })}</p>;
  else if (selectedNodes[0]) body = <NodeProperties key={selectedNodes[0]} id={selectedNodes[0]} />;
  else if (selectedEdge) body = <EdgeProperties key={selectedEdge.id} edge={selectedEdge} />;
  else body = <PathwayProperties />;
  return (
    // `data-shows`: what the panel shows now (it follows a click a moment later, see above).
    <section className="panel properties" aria-label={t('props.panel')} data-testid="properties" data-shows={selectedNodes.length === 1 ? selectedNodes[0] : selectedEdge ? selectedEdge.id : selectedNodes.length > 1 ? 'multi' : 'pathway'}>
      {body}
    </section>
  );
}
