import { useDeferredValue } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { useEditor } from '../store/editorStore.ts';
import { NodeProperties } from './NodeProperties.tsx';
import { EdgeProperties } from './EdgeProperties.tsx';
import { PathwayProperties } from './PathwayProperties.tsx';

/**
 * Shows the editor for whatever is selected: a step, a transition, or the pathway.
 * The switch is deferred (rendered in the background, interruptible): pressing
 * on a step to drag it selects it, and building its form in the same frame
 * made the drag's first frame the longest one.
 */
export function PropertiesPanel() {
  const { t } = useTranslation();
  const selectedNodes = useDeferredValue(useEditor(useShallow((s) => s.nodes.filter((n) => n.selected).map((n) => n.id))));
  const selectedEdge = useDeferredValue(useEditor((s) => s.edges.find((e) => e.selected)));
  let body;
  if (selectedNodes.length > 1) body = <p className="muted">{t('props.multi', { count: selectedNodes.length })}</p>;
  else if (selectedNodes[0]) body = <NodeProperties key={selectedNodes[0]} id={selectedNodes[0]} />;
  else if (selectedEdge) body = <EdgeProperties key={selectedEdge.id} edge={selectedEdge} />;
  else body = <PathwayProperties />;
  return (
    <section className="panel properties" aria-label={t('props.panel')}>
      {body}
    </section>
  );
}
