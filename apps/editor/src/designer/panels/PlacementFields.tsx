/**
 * Where a step sits (top level or inside a group) and a keyboard-friendly way
 * to connect it to another step.
 */
import { useEffect, useMemo, useState } from 'react';
import { useReactFlow } from '@xyflow/react';
import { useTranslation } from '../../i18n/index.ts';
import { useShallow } from 'zustand/react/shallow';
import { useEditor } from '../store/editorStore.ts';
import { connectSteps, moveToParent } from '../model/ops.ts';
import { isWithin } from '../model/paths.ts';
import type { StepNode } from '../model/types.ts';

/**
 * True once the page is idle with no pointer pressed. The step lists below
 * hold an option per step (hundreds on a large pathway); building them while
 * a just-pressed step is being dragged made the drag's first frames long.
 */
function useWhenIdle(): boolean {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let idle = 0;
    let pressed = false;
    const schedule = () => {
      const run = () => (pressed ? undefined : setReady(true));
      idle = 'requestIdleCallback' in window ? window.requestIdleCallback(run, { timeout: 1500 }) : setTimeout(run, 200) as unknown as number;
    };
    const down = () => {
      pressed = true;
    };
    const up = () => {
      pressed = false;
      schedule();
    };
    window.addEventListener('pointerdown', down, true);
    window.addEventListener('pointerup', up, true);
    schedule();
    return () => {
      window.removeEventListener('pointerdown', down, true);
      window.removeEventListener('pointerup', up, true);
      if ('cancelIdleCallback' in window) window.cancelIdleCallback(idle);
      else clearTimeout(idle);
    };
  }, []);
  return ready;
}

/** Where the step sits (top level or inside a group) and a keyboard way to connect it. */
export function PlacementFields({ node, readOnly }: { node: { id: string; data: StepNode['data']; parentId: string | undefined }; readOnly: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'id';
  const rf = useReactFlow();
  // Ids, types and data, not nodes: a node object changes on every drag frame, these do not.
  const flat = useEditor(useShallow((s) => s.nodes.flatMap((n) => [n.id, n.type ?? '', n.data] as const)));
  const steps = useMemo(() => {
    const out: { id: string; type: string; title: string }[] = [];
    for (let i = 0; i + 2 < flat.length; i += 3) {
      const d = flat[i + 2] as StepNode['data'];
      out.push({ id: flat[i] as string, type: flat[i + 1] as string, title: d.config.meta?.title[lang] ?? d.config.meta?.title.id ?? d.key });
    }
    return out;
  }, [flat, lang]);
  const containers = steps.filter((s) => (s.type === 'group' || s.type === 'parallel') && !isWithin(s.id, node.id));
  const absolute = (id: string) => rf.getInternalNode(id)?.internals.positionAbsolute ?? { x: 0, y: 0 };
  const listed = useWhenIdle();
  return (
    <>
      <label className="field">
        <span>{t('props.parent')}</span>
        <select
          value={node.parentId ?? ''}
          disabled={readOnly}
          data-testid="prop-parent"
          onChange={(e) => useEditor.getState().commit((m) => moveToParent(m, node.id, e.target.value, absolute))}
        >
          <option value="">{t('props.topLevel')}</option>
          {containers.map((c) => (
            <option key={c.id} value={c.id}>
              {c.title}
            </option>
          ))}
        </select>
      </label>
      {!readOnly && (
        <label className="field">
          <span>{t('props.connectTo')}</span>
          <select
            value=""
            data-testid="prop-connect"
            onChange={(e) => {
              const target = e.target.value;
              if (target) useEditor.getState().commit((m) => connectSteps(m, node.id, target).model);
            }}
          >
            <option value="">—</option>
            {listed && steps.map((s) => (
              <option key={s.id} value={s.id}>
                {s.title}
              </option>
            ))}
          </select>
        </label>
      )}
    </>
  );
}

