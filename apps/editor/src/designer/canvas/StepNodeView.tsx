/**
 * One node component per step kind: the kind's icon and colour, the title,
 * role badges, a due-days badge, confidentiality, lint and simulate marks.
 */
import { memo, useContext, type ComponentType, type PointerEvent as ReactPointerEvent } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { ZoomDetailContext } from './zoomDetail.ts';
import { useTranslation } from '../../i18n/index.ts';
import { Clock, Lock, Flag, ShieldCheck } from 'lucide-react';
import { STEP_KINDS, type StepKind } from '@jalur/engine';
import { KIND_LOOK } from '../kinds.ts';
import type { StepNode } from '../model/types.ts';
import { useEditor, type EditorState } from '../store/editorStore.ts';
import { ROLE_LABELS } from '../model/guardText.ts';
import type { Lang } from '../../i18n/index.ts';


/** The mark classes of one step, from lint, simulation, diff and the initial steps. */
function stepMarks(s: EditorState, id: string): string {
  const issue = s.issues.nodes.get(id)?.severity;
  const active = s.sim?.active.has(id) ?? false;
  const visited = s.sim?.visited.has(id) ?? false;
  const initial = s.initials.has(id);
  const diff = s.diff?.nodes.get(id);
  return [diff ? `diff-${diff}` : '', issue ? `has-${issue}` : '', active ? 'is-active' : '', visited && !active ? 'is-visited' : '', initial ? 'is-initial' : ''].join(' ');
}

/**
 * Selects a step as soon as the pointer is pressed on it (design mode, plain
 * press, not on a handle). React Flow would select it on the drag's first
 * move, doing the selection's work (panel, marks, toolbar) in the same frame
 * as the first drag update; the end state is the same either way.
 */
export function selectOnPress(id: string, selected: boolean, e: ReactPointerEvent): void {
  if (selected || e.button !== 0 || e.shiftKey || e.ctrlKey || e.metaKey || e.altKey) return;
  if (e.target instanceof Element && e.target.closest('.react-flow__handle')) return;
  const s = useEditor.getState();
  if (s.readOnly || s.mode !== 'design') return;
  s.select({ node: id });
}

/**
 * Classes for lint and simulate marks of one step (shared with group nodes).
 * One selector returning a string: the store changes on every drag frame, and
 * hundreds of steps each checking one string is far cheaper than five each.
 */
export function useStepMarks(id: string): string {
  return useEditor((s) => stepMarks(s, id));
}

function makeStepNode(kind: StepKind): ComponentType<NodeProps<StepNode>> {
  const look = KIND_LOOK[kind];
  const Icon = look.icon;
  function StepNodeView({ id, data, selected }: NodeProps<StepNode>) {
    const { t, i18n } = useTranslation();
    const lang: Lang = i18n.language === 'en' ? 'en' : 'id';
    const marks = useStepMarks(id);
    const detail = useContext(ZoomDetailContext);
    const compact = detail > 0;
    const meta = data.config.meta;
    const title = meta ? (meta.title[lang] ?? meta.title.id) : data.key;
    const final = data.config.type === 'final';
    return (
      <div
        className={`step-node kind-${kind} ${compact ? 'is-compact' : ''} ${final ? 'is-final' : ''} ${selected ? 'is-selected' : ''} ${marks}`}
        style={{ '--kind': look.color } as React.CSSProperties}
        data-testid={`node-${id}`}
        aria-label={`${t(`kind.${kind}`)}: ${title}`}
        onPointerDown={(e) => selectOnPress(id, !!selected, e)}
      >
        <Handle type="target" position={Position.Left} aria-label={t('canvas.handleIn')} />
        <div className="step-head">
          <span className="step-icon" aria-hidden>
            {detail < 2 && <Icon size={16} />}
          </span>
          {/* Far out the kind's name is a blur; its colour and the node's aria-label still say it. */}
          <span className="step-kind">{detail < 2 && t(`kind.${kind}`)}</span>
        </div>
        {marks.includes('is-initial') && (
          <span className="start-flag" title={t('canvas.initial')}>
            <Flag size={10} aria-hidden /> {t('canvas.start')}
          </span>
        )}
        <div className="step-title">{title}</div>
        {!compact && (
        <div className="step-foot">
          {meta?.confidentiality && meta.confidentiality !== 'umum' && (
            <span className={`badge badge-${meta.confidentiality}`} title={t(`conf.${meta.confidentiality}`)}>
              <Lock size={10} aria-hidden /> {t(`conf.${meta.confidentiality}`)}
            </span>
          )}
          {(meta?.roles ?? []).map((r) => (
            <span key={r} className={`badge role role-${r}`}>
              {ROLE_LABELS[r]?.[lang] ?? r}
            </span>
          ))}
          {meta?.dueInDays !== undefined && (
            <span className="badge badge-due" title={t('props.dueInDays')}>
              <Clock size={11} /> {t('canvas.days', { count: meta.dueInDays })}
              {meta.schoolDays ? ` ${t('canvas.schoolDaysShort')}` : ''}
            </span>
          )}
          {meta?.requiresApproval && (
            <span className="badge badge-approval" title={t('props.requiresApproval')}>
              <ShieldCheck size={11} />
            </span>
          )}
          {final && <span className="badge badge-final">{t('canvas.final')}</span>}
        </div>
        )}
        <Handle type="source" position={Position.Right} aria-label={t('canvas.handleOut')} />
      </div>
    );
  }
  StepNodeView.displayName = `StepNode_${kind}`;
  return memo(StepNodeView, sameStepProps);
}

/**
 * A step draws only its id, data and selection; React Flow also passes its
 * position, which changes on every frame of a drag. Ignoring that keeps the
 * dragged step (its text, badges and handles) from rendering again per frame.
 */
export function sameStepProps(a: NodeProps<StepNode>, b: NodeProps<StepNode>): boolean {
  return a.id === b.id && a.data === b.data && a.selected === b.selected && a.type === b.type;
}

/** The node components, one per step kind, created once. */
export const STEP_NODE_COMPONENTS = Object.fromEntries(STEP_KINDS.map((k) => [k, makeStepNode(k)])) as Record<StepKind, ComponentType<NodeProps<StepNode>>>;
