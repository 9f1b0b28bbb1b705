/**
 * A transition: its event (or the button label), its guard in words and its
 * timer, on a label that can be clicked to select the transition.
 */
import { memo, useContext, useMemo } from 'react';
import { createPortal } from 'react-dom';
import { BaseEdge, getBezierPath, type EdgeProps } from '@xyflow/react';
import { ZoomDetailContext } from './zoomDetail.ts';
import { GuardFieldsContext } from './guardFieldsContext.ts';
import { LabelLayerContext } from './labelLayer.ts';
import { RoutesContext, routeHolds, routePath } from './routesContext.ts';
import { useTranslation } from '../../i18n/index.ts';
import type { TFunction } from '../../i18n/index.ts';
import { Timer, Zap } from 'lucide-react';
import { durationLabel } from '@jalur/engine';
import type { TransitionData, TransitionEdge } from '../model/types.ts';
import { useEditor, type EditorState } from '../store/editorStore.ts';
import { describeGuard, type GuardField } from '../model/guardText.ts';

function loopPath(sx: number, sy: number, tx: number, ty: number): [string, number, number] {
  const lift = 70;
  return [`M ${sx} ${sy} C ${sx + 70} ${sy - lift - 40}, ${tx - 70} ${ty - lift - 40}, ${tx} ${ty}`, (sx + tx) / 2, Math.min(sy, ty) - lift - 8];
}

/** The mark classes of one transition, from lint, simulation and diff. */
function edgeMarks(s: EditorState, id: string): string {
  const issue = s.issues.edges.get(id)?.severity;
  const taken = s.sim?.taken.has(id) ?? false;
  const diff = s.diff?.edges.get(id);
  return `${issue ? `has-${issue}` : ''} ${taken ? 'is-taken' : ''} ${diff ? `diff-${diff}` : ''}`;
}

/** What a transition's label says: its event (or button label), its guard in words, its timer. */
export function labelWords(data: TransitionData, fields: GuardField[], lang: 'id' | 'en', t: TFunction): { label: string | null; guard: string | null; timer: string | null; aria: string } {
  const label = data.trigger === 'on' ? (data.config.meta?.label?.[lang] ?? data.config.meta?.label?.id ?? data.event) : data.trigger === 'after' ? null : t('edge.always');
  const guard = data.config.guard ? describeGuard(data.config.guard, fields, lang) : null;
  let timer: string | null = null;
  if (data.trigger === 'after') {
    try {
      timer = durationLabel(data.event, lang);
    } catch {
      timer = data.event;
    }
  }
  return { label, guard, timer, aria: `${t('edge.transition')}: ${[label, timer, guard].filter(Boolean).join(', ')}` };
}

function TransitionEdgeViewInner({ id, source, target, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, selected, markerEnd }: EdgeProps<TransitionEdge>) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'id';
  const fields = useContext(GuardFieldsContext);
  // One string for all marks: one subscription instead of three per transition (the store changes on every drag frame).
  const marks = useEditor((s) => edgeMarks(s, id));
  const labelLayer = useContext(LabelLayerContext);
  const detail = useContext(ZoomDetailContext);
  const compact = detail > 0;
  // Drawn along the ELK route while both steps stay where the layout put them; a plain curve otherwise.
  const route = useContext(RoutesContext)?.[id];
  // Read, not subscribed: the transition is drawn again whenever one of its steps moves.
  const routed = route !== undefined && routeHolds(route, useEditor.getState().nodes);
  const [path, labelX, labelY] = routed
    ? [routePath(route.points), route.label?.x ?? route.points[0]!.x, route.label?.y ?? route.points[0]!.y]
    : source === target
      ? loopPath(sourceX, sourceY, targetX, targetY)
      : getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const labelWidth = routed && route.label && detail === 0 ? route.label.width : undefined;
  // The words depend on the transition, not on where it is drawn: worked out once, not on every drag frame.
  const words = useMemo(() => (data ? labelWords(data, fields, lang, t) : null), [data, fields, lang, t]);
  if (!data || !words) return null;
  const { label, guard, timer, aria } = words;
  const cls = `transition-edge ${selected ? 'is-selected' : ''} ${marks} ${data.trigger === 'after' ? 'is-timer' : ''}`;
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} className={cls} interactionWidth={16} />
      {labelLayer && createPortal(
        <button
          type="button"
          className={`edge-label nodrag nopan ${cls}`}
          style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)`, width: labelWidth }}
          data-routed={routed ? 'true' : undefined}
          onClick={() => useEditor.getState().select({ edge: id })}
          data-testid={`edge-${id}`}
          aria-label={aria}
        >
          {timer && (
            <span className="edge-timer">
              {detail < 2 && <Timer size={11} aria-hidden />} {timer}
            </span>
          )}
          {label && (
            <span className="edge-event">
              {data.trigger === 'always' && detail < 2 && <Zap size={11} aria-hidden />} {label}
            </span>
          )}
          {guard && !compact && <span className="edge-guard">[{guard}]</span>}
        </button>,
        labelLayer,
      )}
    </>
  );
}

export const TransitionEdgeView = memo(TransitionEdgeViewInner);
