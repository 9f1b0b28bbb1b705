/**
 * The palette of step kinds. Drag an entry onto the canvas, or focus it and
 * press Enter to add it in the middle of the view (keyboard access).
 */
import { memo, useCallback } from 'react';
import { useReactFlow } from '@xyflow/react';
import { useTranslation } from '../../i18n/index.ts';
import { Columns2, Layers, CircleStop } from 'lucide-react';
import { STEP_KINDS } from '@jalur/engine';
import { KIND_LOOK } from '../kinds.ts';
import { GROUP_MIN, STEP_SIZE } from '../model/types.ts';
import { useEditor } from '../store/editorStore.ts';
import { PALETTE_MIME, type PaletteItem } from './Canvas.tsx';

function PaletteInner() {
  const { t } = useTranslation();
  const rf = useReactFlow();
  const disabled = useEditor((s) => s.readOnly || s.mode !== 'design');

  const add = useCallback(
    (item: PaletteItem) => {
      const rect = document.querySelector('.canvas')?.getBoundingClientRect();
      const center = rect ? rf.screenToFlowPosition({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 }) : { x: 0, y: 0 };
      const s = useEditor.getState();
      const selected = s.nodes.find((n) => n.selected && (n.type === 'group' || (n.type === 'parallel' && item.shape === 'group')));
      if (selected) {
        // Children of a group go in rows of two; regions of a parallel step side by side.
        const count = s.nodes.filter((n) => n.parentId === selected.id).length;
        const position =
          selected.type === 'parallel' ? { x: 20 + count * (GROUP_MIN.width + 24), y: 60 } : { x: 20 + (count % 2) * (STEP_SIZE.width + 30), y: 60 + Math.floor(count / 2) * (STEP_SIZE.height + 40) };
        s.addStep(item.kind, position, selected.id, item.shape);
        return;
      }
      // A click adds at the top level (a drop or a selected group decides otherwise).
      const jitter = (s.nodes.length % 5) * 24;
      s.addStep(item.kind, { x: center.x - 110 + jitter, y: center.y - 40 + jitter }, '', item.shape);
    },
    [rf],
  );

  const entry = (item: PaletteItem, label: string, Icon: React.ComponentType<{ size?: number }>, color: string, testId: string) => (
    <li key={testId}>
      <button
        type="button"
        className="palette-item"
        draggable={!disabled}
        disabled={disabled}
        data-testid={testId}
        style={{ '--kind': color } as React.CSSProperties}
        onDragStart={(e) => {
          e.dataTransfer.setData(PALETTE_MIME, JSON.stringify(item));
          e.dataTransfer.effectAllowed = 'move';
        }}
        onClick={() => add(item)}
        aria-label={t('palette.add', { what: label })}
        title={t('palette.hint')}
      >
        <span className="palette-icon" aria-hidden>
          <Icon size={15} />
        </span>
        {label}
      </button>
    </li>
  );

  return (
    <nav className="palette" aria-label={t('palette.title')}>
      <h2>{t('palette.title')}</h2>
      <ul>{STEP_KINDS.map((k) => entry({ kind: k, shape: 'step' }, t(`kind.${k}`), KIND_LOOK[k].icon, KIND_LOOK[k].color, `palette-${k}`))}</ul>
      <h2>{t('palette.structure')}</h2>
      <ul>
        {entry({ kind: 'custom', shape: 'group' }, t('palette.group'), Layers, '#334155', 'palette-group')}
        {entry({ kind: 'custom', shape: 'parallel' }, t('palette.parallel'), Columns2, '#334155', 'palette-parallel')}
        {entry({ kind: 'closure', shape: 'final' }, t('palette.final'), CircleStop, '#475569', 'palette-final')}
      </ul>
      <p className="palette-hint">{t('palette.hint')}</p>
    </nav>
  );
}

export const Palette = memo(PaletteInner);
