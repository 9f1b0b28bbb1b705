/**
 * The pathway drawn read-only with the designer's own canvas, overlaid with
 * the process figures: each transition's line as thick and as dark as the
 * number of cases that took it (with the number pinned to its label), each
 * step with a badge (entered · waiting now · median stay) whose details show
 * on hover, and the steps where cases wait now highlighted. The same figures
 * are in the tables under the diagram for screen readers.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import '@xyflow/react/dist/style.css';
import { ReactFlowProvider, useNodesInitialized, useReactFlow, useStore, ViewportPortal } from '@xyflow/react';
import { useTranslation } from '../i18n/index.ts';
import { Hourglass, LogIn, Timer } from 'lucide-react';
import type { PathwayDocument } from '@jalur/engine';
import { Canvas } from '../designer/canvas/Canvas.tsx';
import { useEditor } from '../designer/store/editorStore.ts';
import { parentPath } from '../designer/model/paths.ts';
import { countsPerEdge, edgeLook, formatCount, formatDuration, type EdgeCount, type Lang, type ProcessData, type ProcessStep, type StepNames } from './model.ts';

function withAncestors(paths: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (let p of paths) {
    while (p) {
      out.add(p);
      p = parentPath(p);
    }
  }
  return out;
}

/** Badges keep a readable size when the pathway is zoomed out (up to this factor). */
const MAX_UPSCALE = 1.5;
const upscale = (zoom: number) => Math.min(MAX_UPSCALE, Math.max(1, 0.8 / zoom));

function StepBadge({ step, names, lang }: { step: ProcessStep; names: StepNames; lang: Lang }) {
  const { t } = useTranslation();
  const rf = useReactFlow();
  // Re-drawn when steps move or are measured; the portal moves with the viewport by itself.
  useStore((s) => s.nodes);
  const zoom = useStore((s) => s.transform[2]);
  const n = rf.getInternalNode(step.stateId);
  if (!n || n.hidden) return null;
  const { x, y } = n.internals.positionAbsolute;
  const h = n.measured.height ?? n.height ?? 84;
  const name = names.full(step.stateId, lang);
  // Under the step's left edge: above it sit group titles and incoming labels.
  return (
    <div className="proc-anchor" style={{ transform: `translate(${x}px, ${y + h}px)` }}>
      <div
        className={`proc-badge ${step.waitingNow > 0 ? 'is-waiting' : ''}`}
        style={{ transform: `scale(${upscale(zoom)})` }}
        data-testid={`proc-badge-${step.stateId}`}
        data-entered={step.entered}
        data-waiting={step.waitingNow}
        aria-hidden
      >
        <span className="proc-fig" data-fig="entered">
          <LogIn size={11} aria-hidden /> {formatCount(step.entered, lang)}
        </span>
        <span className="proc-fig" data-fig="waiting">
          <Hourglass size={11} aria-hidden /> {formatCount(step.waitingNow, lang)}
        </span>
        {step.medianMs !== null && (
          <span className="proc-fig" data-fig="median">
            <Timer size={11} aria-hidden /> {formatDuration(step.medianMs, lang)}
          </span>
        )}
        <div className="proc-tip" role="tooltip" data-testid="proc-tip">
          <strong>{name}</strong>
          <span>
            {t('proc.col.entered')}: {formatCount(step.entered, lang)}
          </span>
          <span>
            {t('proc.col.stays')}: {formatCount(step.stays, lang)}
          </span>
          <span>
            {t('proc.col.median')}: {formatDuration(step.medianMs, lang)}
          </span>
          <span>
            {t('proc.col.p90')}: {formatDuration(step.p90Ms, lang)}
          </span>
          <span>
            {t('proc.col.waitingNow')}: {formatCount(step.waitingNow, lang)}
          </span>
          {step.waitingNow > 0 && (
            <span>
              {t('proc.col.waitingMedian')}: {formatDuration(step.waitingMedianMs, lang)} · {t('proc.col.waitingLongest')}: {formatDuration(step.waitingLongestMs, lang)}
            </span>
          )}
        </div>
      </div>
    </div>
  );
}

/** Where each counted transition's label sits (flow coordinates), read from the label layer. */
function useLabelCorners(ids: readonly string[]): Map<string, { x: number; y: number }> {
  const domNode = useStore((s) => s.domNode);
  const [corners, setCorners] = useState<Map<string, { x: number; y: number }>>(new Map());
  const key = ids.join('\n');
  useEffect(() => {
    if (!domNode) return;
    let frame = 0;
    const measure = () => {
      frame = 0;
      const out = new Map<string, { x: number; y: number }>();
      for (const id of ids) {
        const label = domNode.querySelector<HTMLElement>(`[data-testid="edge-${CSS.escape(id)}"]`);
        if (!label) continue;
        const m = /translate\(([-\d.e]+)px,\s*([-\d.e]+)px\)\s*$/.exec(label.style.transform);
        if (!m) continue;
        // Centred just above the label: beside it sit the steps the transition joins.
        out.set(id, { x: Number(m[1]), y: Number(m[2]) - label.offsetHeight / 2 - 8 });
      }
      setCorners((prev) => (JSON.stringify([...prev]) === JSON.stringify([...out]) ? prev : out));
    };
    const later = () => {
      if (!frame) frame = requestAnimationFrame(measure);
    };
    later();
    const layer = domNode.querySelector('.react-flow__viewport') ?? domNode;
    const watch = new MutationObserver(later);
    watch.observe(layer, { subtree: true, childList: true, attributes: true, attributeFilter: ['style', 'd'] });
    return () => {
      watch.disconnect();
      if (frame) cancelAnimationFrame(frame);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [domNode, key]);
  return corners;
}

function EdgeCounts({ counts, names, lang }: { counts: ReadonlyMap<string, EdgeCount>; names: StepNames; lang: Lang }) {
  const { t } = useTranslation();
  const zoom = useStore((s) => s.transform[2]);
  const ids = useMemo(() => [...counts.keys()].sort(), [counts]);
  const corners = useLabelCorners(ids);
  return (
    <>
      {ids.map((id) => {
        const at = corners.get(id);
        const c = counts.get(id)!;
        if (!at) return null;
        return (
          <div key={id} className="proc-anchor" style={{ transform: `translate(${at.x}px, ${at.y}px)` }}>
            <div className="proc-count" style={{ transform: `translate(-50%, -50%) scale(${upscale(zoom)})` }} data-testid={`proc-edge-${id}`} data-count={c.count} aria-hidden>
              {formatCount(c.count, lang)}
              <div className="proc-tip" role="tooltip">
                {c.parts.map((p) => (
                  <span key={`${p.from}>${p.to}`}>{t('proc.edgeTip', { from: names.list(p.from.split(','), lang), to: names.full(p.to, lang), count: formatCount(p.count, lang) })}</span>
                ))}
              </div>
            </div>
          </div>
        );
      })}
    </>
  );
}

/**
 * Once the steps are measured: the whole pathway when it can be read at half
 * size or more (the process view is about the overall picture), else half
 * size from the pathway's start (its left edge), the rest a pan away.
 */
function FitAll() {
  const rf = useReactFlow();
  const ready = useNodesInitialized();
  const domNode = useStore((s) => s.domNode);
  const done = useRef(false);
  useEffect(() => {
    if (!ready || done.current || !domNode) return;
    done.current = true;
    // After the designer's own opening fit.
    setTimeout(() => {
      const { width: W, height: H } = domNode.getBoundingClientRect();
      const b = rf.getNodesBounds(rf.getNodes().filter((n) => !n.hidden));
      if (W === 0 || b.width === 0) return;
      const pad = 16;
      const zoom = Math.min(1, Math.max(0.5, Math.min((W - 2 * pad) / b.width, (H - 2 * pad) / b.height)));
      const x = b.width * zoom <= W - 2 * pad ? (W - b.width * zoom) / 2 - b.x * zoom : pad - b.x * zoom;
      const y = b.height * zoom <= H - 2 * pad ? (H - b.height * zoom) / 2 - b.y * zoom : pad - b.y * zoom;
      void rf.setViewport({ x, y, zoom });
    }, 120);
  }, [ready, rf, domNode]);
  return null;
}

function Overlay({ data, names, lang }: { data: ProcessData; names: StepNames; lang: Lang }) {
  const edges = useEditor((s) => s.edges);
  const counts = useMemo(() => countsPerEdge(edges, data.transitions), [edges, data.transitions]);
  const max = Math.max(0, ...[...counts.values()].map((c) => c.count));
  // Line thickness and colour per transition, as a style sheet over the designer's own edges.
  const css = useMemo(() => {
    const rules = ['.proc-canvas .react-flow__edge-path.transition-edge { stroke: #cbd5e1; stroke-width: 1.5px; stroke-dasharray: 5 4; }'];
    for (const [id, c] of counts) {
      const look = edgeLook(c.count, max);
      rules.push(`.proc-canvas .react-flow__edge[data-id="${CSS.escape(id)}"] .react-flow__edge-path.transition-edge { stroke: ${look.color}; stroke-width: ${look.width}px; stroke-dasharray: none; }`);
    }
    return rules.join('\n');
  }, [counts, max]);
  return (
    <>
      <style>{css}</style>
      <ViewportPortal>
        <EdgeCounts counts={counts} names={names} lang={lang} />
        {data.steps.map((s) => (
          <StepBadge key={s.stateId} step={s} names={names} lang={lang} />
        ))}
      </ViewportPortal>
    </>
  );
}

export function ProcessCanvas({ doc, data, names }: { doc: PathwayDocument; data: ProcessData; names: StepNames }) {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'id';
  useEffect(() => {
    useEditor.getState().load(doc, { readOnly: true });
  }, [doc]);
  useEffect(() => {
    // Steps where cases wait now glow (the designer's "active" mark), steps cases passed are tinted.
    const waiting = withAncestors(data.steps.filter((s) => s.waitingNow > 0).map((s) => s.stateId));
    const visited = withAncestors(data.steps.filter((s) => s.entered > 0).map((s) => s.stateId));
    useEditor.getState().setSim({ active: waiting, visited, taken: new Set() });
  }, [doc, data]);
  return (
    <div className="cw-canvas designer read-only proc-canvas" data-testid="process-canvas" role="group" aria-label={t('proc.diagram')}>
      <div className="designer-main no-side">
        <div className="designer-center">
          <ReactFlowProvider>
            <Canvas />
            <Overlay data={data} names={names} lang={lang} />
            <FitAll />
          </ReactFlowProvider>
        </div>
      </div>
    </div>
  );
}
