/**
 * The case's pathway, drawn read-only with the designer's own canvas: the
 * current step(s) highlighted, the visited steps and the transitions taken
 * marked (the designer's simulate highlight, fed from the case's timeline).
 * For the keyboard and screen readers it is one focusable region whose text
 * alternative names the current step and the steps the case went through,
 * not a tab stop per step and per arrow.
 */
import { useEffect, useId, useRef } from 'react';
import { useTranslation } from '../i18n/index.ts';
import '@xyflow/react/dist/style.css';
import { ReactFlowProvider, useNodesInitialized, useReactFlow } from '@xyflow/react';
import type { PathwayDocument } from '@jalur/engine';
import { Canvas } from '../designer/canvas/Canvas.tsx';
import { highlightOf } from '../designer/simulate/highlight.ts';
import { useEditor } from '../designer/store/editorStore.ts';
import { loc } from './i18n.ts';
import type { CaseEventView } from './types.ts';

/** The title of a step path in the document, or the path itself. */
function titleOf(doc: PathwayDocument, path: string, lang: string): string {
  let node: { states?: Record<string, unknown>; meta?: { title?: { id: string; en?: string } } } | undefined = { states: doc.machine.states as never };
  for (const part of path.split('.')) node = node?.states?.[part] as typeof node;
  return loc(node?.meta?.title, lang) || path;
}

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
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const descId = useId();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    useEditor.getState().load(doc, { readOnly: true });
  }, [doc]);
  useEffect(() => {
    const trail = trailOf(events);
    // The last entry is the case as it is now, whatever the timeline's last event was.
    if (trail.length === 0 || trail.at(-1)!.steps.join(',') !== current.join(',')) trail.push({ event: 'now', steps: [...current], at: '' });
    useEditor.getState().setSim(highlightOf(trail, useEditor.getState().edges));
  }, [doc, events, current]);
  // The transition labels and zoom buttons stay for the mouse; the keyboard has the region and its text.
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const quiet = () =>
      el.querySelectorAll<HTMLElement>('button, a[href], input, select, textarea, [tabindex]:not([tabindex="-1"])').forEach((b) => {
        if (b.getAttribute('tabindex') !== '-1') b.setAttribute('tabindex', '-1');
      });
    quiet();
    const seen = new MutationObserver(quiet);
    seen.observe(el, { childList: true, subtree: true, attributes: true, attributeFilter: ['tabindex'] });
    return () => seen.disconnect();
  }, []);
  // The steps the case went through, in order, each once where it was entered.
  const visited: string[] = [];
  for (const e of trailOf(events)) for (const s of e.steps) if (visited.at(-1) !== s && !current.includes(s)) visited.push(s);
  const now = current.map((s) => titleOf(doc, s, lang)).join(', ');
  return (
    <div
      ref={box}
      className="cw-canvas designer read-only"
      data-testid="case-canvas"
      role="group"
      tabIndex={0}
      aria-label={t('cw.case.diagram', { steps: now || '—' })}
      aria-describedby={descId}
    >
      <div id={descId} className="sr-only" data-testid="case-canvas-text">
        <p>
          {t('cw.case.current')}: {now || '—'}.
        </p>
        {visited.length > 0 && (
          <>
            <p>{t('cw.case.visited')}:</p>
            <ol>
              {visited.map((s, i) => (
                <li key={`${s}-${i}`}>{titleOf(doc, s, lang)}</li>
              ))}
            </ol>
          </>
        )}
      </div>
      <div className="designer-main no-side">
        <div className="designer-center">
          <ReactFlowProvider>
            <Canvas focusable={false} />
            <FocusOnCurrent current={current} />
          </ReactFlowProvider>
        </div>
      </div>
    </div>
  );
}
