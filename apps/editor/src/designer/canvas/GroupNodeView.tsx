/**
 * Containers: a compound step (its children run one after another, starting
 * at its initial child) and a parallel step (every child region runs at once).
 */
import { memo } from 'react';
import { Handle, NodeResizer, Position, type NodeProps } from '@xyflow/react';
import { useTranslation } from '../../i18n/index.ts';
import { ChevronDown, ChevronRight, Columns2, Layers } from 'lucide-react';
import type { StepNode } from '../model/types.ts';
import { useEditor } from '../store/editorStore.ts';
import { KIND_LOOK } from '../kinds.ts';
import { kindOf } from '../model/nodeType.ts';
import { sameStepProps, selectOnPress, useStepMarks } from './StepNodeView.tsx';
import '../strings.ts';

function ContainerNode({ id, data, selected, type }: NodeProps<StepNode>) {
  const { t, i18n } = useTranslation();
  const marks = useStepMarks(id);
  const { checkpoint, touched } = useEditor.getState();
  const readOnly = useEditor((s) => s.readOnly);
  const collapsed = useEditor((s) => s.collapsed.has(id));
  const inside = useEditor((s) => (collapsed ? s.nodes.filter((n) => n.id.startsWith(`${id}.`) && n.type !== 'group' && n.type !== 'parallel').length : 0));
  const parallel = type === 'parallel';
  const meta = data.config.meta;
  const title = meta ? (meta.title[i18n.language === 'en' ? 'en' : 'id'] ?? meta.title.id) : data.key;
  const look = KIND_LOOK[kindOf(data.config)];
  const Icon = parallel ? Columns2 : Layers;
  return (
    <div className={`group-node ${collapsed ? 'is-collapsed' : ''} ${parallel ? 'is-parallel' : ''} ${selected ? 'is-selected' : ''} ${marks}`} style={{ '--kind': look.color } as React.CSSProperties} data-testid={`node-${id}`} aria-label={`${parallel ? t('canvas.parallel') : t('canvas.group')}: ${title}`} onPointerDown={(e) => selectOnPress(id, !!selected, e)}>
      <NodeResizer isVisible={selected && !readOnly && !collapsed} minWidth={200} minHeight={120} onResizeStart={checkpoint} onResizeEnd={touched} />
      <Handle type="target" position={Position.Left} aria-label={t('canvas.handleIn')} />
      <div className="group-head">
        <Icon size={14} aria-hidden />
        <span className="group-title">{title}</span>
        {parallel && <span className="badge">{t('canvas.parallel')}</span>}
        <button
          type="button"
          className="group-toggle nodrag"
          aria-expanded={!collapsed}
          aria-label={collapsed ? t('dsg.expandGroup', { name: title }) : t('dsg.collapseGroup', { name: title })}
          title={collapsed ? t('dsg.expandGroup', { name: title }) : t('dsg.collapseGroup', { name: title })}
          data-testid={`collapse-${id}`}
          onPointerDown={(e) => e.stopPropagation()}
          onClick={() => useEditor.getState().toggleCollapsed(id)}
        >
          {collapsed ? <ChevronRight size={14} aria-hidden /> : <ChevronDown size={14} aria-hidden />}
        </button>
      </div>
      {collapsed && <div className="group-summary">{t('dsg.stepsInside', { count: inside })}</div>}
      <Handle type="source" position={Position.Right} aria-label={t('canvas.handleOut')} />
    </div>
  );
}

export const GroupNodeView = memo(ContainerNode, sameStepProps);
