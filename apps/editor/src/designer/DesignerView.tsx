/**
 * The designer's layout: palette, canvas, and the side panel (properties or
 * JSON while designing, the simulation while simulating), with the
 * validation panel under the canvas.
 */
import { useState, type ReactNode } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import { useTranslation } from '../i18n/index.ts';
import { Canvas } from './canvas/Canvas.tsx';
import { Palette } from './canvas/Palette.tsx';
import { PropertiesPanel } from './panels/PropertiesPanel.tsx';
import { JsonView } from './panels/JsonView.tsx';
import { LintPanel, useLiveLint } from './panels/LintPanel.tsx';
import { SimulatePanel } from './simulate/SimulatePanel.tsx';
import { Toolbar, type SidePanel } from './Toolbar.tsx';
import { useEditor } from './store/editorStore.ts';
import './strings.ts';
import './designer.css';

interface Props {
  /** Page actions shown at the toolbar's end (save state, publish, versions). */
  actions?: ReactNode;
  /** A banner above the canvas (conflicts, read-only notice). */
  banner?: ReactNode;
  title: ReactNode;
}

function Body({ actions, banner, title }: Props) {
  const { t } = useTranslation();
  useLiveLint();
  const mode = useEditor((s) => s.mode);
  const readOnly = useEditor((s) => s.readOnly);
  const [side, setSide] = useState<SidePanel>('properties');
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  return (
    <div className={`designer mode-${mode} ${readOnly ? 'read-only' : ''}`}>
      <div className="designer-head">
        <div className="designer-title">{title}</div>
        <Toolbar side={side} onSide={setSide} onMessage={setMessage}>
          {actions}
        </Toolbar>
      </div>
      {banner}
      {message && (
        <div className={`banner ${message.kind === 'error' ? 'banner-error' : 'banner-ok'}`} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
          <button type="button" className="link-btn" onClick={() => setMessage(null)}>
            {t('common.close')}
          </button>
        </div>
      )}
      <div className="designer-main">
        {!readOnly && mode === 'design' && <Palette />}
        <div className="designer-center">
          <Canvas />
          <LintPanel />
        </div>
        <aside className="designer-side">{mode === 'simulate' ? <SimulatePanel /> : side === 'json' ? <JsonView /> : <PropertiesPanel />}</aside>
      </div>
    </div>
  );
}

/** The designer around the current store contents. */
export function DesignerView(props: Props) {
  return (
    <ReactFlowProvider>
      <Body {...props} />
    </ReactFlowProvider>
  );
}
