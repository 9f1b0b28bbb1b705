/**
 * The case's pathway, drawn read-only with the designer's own canvas: the
 * current step(s) highlighted, the visited steps and the transitions taken
 * marked (the designer's simulate highlight, fed from the case's timeline).
 */
import { useEffect } from 'react';
import '@xyflow/react/dist/style.css';
import { ReactFlowProvider, useNodesInitialized, useReactFlow } from '@xyflow/react';
import type { PathwayDocument } from '@jalur/engine';
import { Canvas } from '../designer/canvas/Canvas.tsx';
import { highlightOf } from '../designer/simulate/highlight.ts';
import { useEditor } from '../designer/store/editorStore.ts';
import type { CaseEventView } from './types.ts';

/** The trail of steps a case went through, from its timeline. */
export function trailOf(events: readonly CaseEventView[]): { event: string; steps: string[]; at: string }[] {
  return events.map((e) => ({ event: e.seq === 1 ? 'start' : e.type, steps: e.stateAfter ? e.stateAfter.split(',').filter(Boolean) : [], at: e.at }));
}

/** Zooms to the current step(s) once the nodes are measured: a big pathway is unreadable as a whole. */
function FocusOnCurrent({ current }: { current: readonly string[] }) {
  const rf = useReactFlow();
  const ready = useNodesInitialized();
  const key = current.join(',');
  useEffect(() => {
    if (!ready || current.length === 0) return;
    void rf.fitView({ nodes: current.map((id) => ({ id })), padding: 1.2, maxZoom: 0.9, duration: 0 });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ready, key, rf]);
  return null;
}

export function CaseCanvas({ doc, events, current }: { doc: PathwayDocument; events: readonly CaseEventView[]; current: readonly string[] }) {
  useEffect(() => {
    useEditor.getState().load(doc, { readOnly: true });
  }, [doc]);
  useEffect(() => {
    const trail = trailOf(events);
    // The last entry is the case as it is now, whatever the timeline's last event was.
    if (trail.length === 0 || trail.at(-1)!.steps.join(',') !== current.join(',')) trail.push({ event: 'now', steps: [...current], at: '' });
    useEditor.getState().setSim(highlightOf(trail, useEditor.getState().edges));
  }, [doc, events, current]);
  return (
    <div className="cw-canvas designer read-only" data-testid="case-canvas">
      <div className="designer-main no-side">
        <div className="designer-center">
          <ReactFlowProvider>
            <Canvas />
            <FocusOnCurrent current={current} />
          </ReactFlowProvider>
        </div>
      </div>
    </div>
  );
}
