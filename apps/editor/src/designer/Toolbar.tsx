/**
 * The designer's toolbar: edit history, clipboard, layout, mode, the JSON
 * view, import/export; page-specific actions (save state, publish) come in
 * as children.
 */
import { useState, type ReactNode } from 'react';
import { useReactFlow } from '@xyflow/react';
import { useTranslation } from '../i18n/index.ts';
import { Braces, ClipboardPaste, Copy, Download, FileImage, LayoutGrid, PencilRuler, Play, Redo2, Trash2, Undo2, Upload } from 'lucide-react';
import { useEditor } from './store/editorStore.ts';
import { autoLayout as layOut } from './layout/useLayout.ts';
import { fitReadable } from './canvas/fitReadable.ts';
import { downloadFile, exportImage, xstateJson } from './export/download.ts';
import { importErrorText, importWarningText, pathwayFromJson, pickJsonFile } from '../pathways/importFile.ts';
import { documentToModel } from './model/fromDocument.ts';

export type SidePanel = 'properties' | 'json';

interface Props {
  side: SidePanel;
  onSide(s: SidePanel): void;
  children?: ReactNode;
  onMessage(m: { kind: 'ok' | 'error'; text: string } | null): void;
}

function IconButton({ label, onClick, disabled, children, testId, pressed }: { label: string; onClick(): void; disabled?: boolean; children: ReactNode; testId?: string; pressed?: boolean }) {
  return (
    <button type="button" className={`icon-btn ${pressed ? 'active' : ''}`} aria-label={label} title={label} onClick={onClick} disabled={disabled} data-testid={testId} aria-pressed={pressed}>
      {children}
    </button>
  );
}

export function Toolbar({ side, onSide, children, onMessage }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'id';
  const rf = useReactFlow();
  const canUndo = useEditor((s) => s.past.length > 0 && !s.readOnly);
  const canRedo = useEditor((s) => s.future.length > 0 && !s.readOnly);
  const readOnly = useEditor((s) => s.readOnly);
  const mode = useEditor((s) => s.mode);
  const hasSelection = useEditor((s) => s.nodes.some((n) => n.selected) || s.edges.some((e) => e.selected));
  const hasClipboard = useEditor((s) => s.clipboard !== null);
  const key = useEditor((s) => s.header.key);
  const [busy, setBusy] = useState(false);
  const s = useEditor.getState;
  const editable = !readOnly && mode === 'design';

  const autoLayout = async () => {
    setBusy(true);
    try {
      await layOut({ t, lang, layer: document.querySelector<HTMLElement>('.react-flow__edgelabel-renderer') });
      // The whole pathway when it can be seen at a useful size, else its start at a readable size.
      setTimeout(() => {
        const box = document.querySelector('.canvas')?.getBoundingClientRect();
        fitReadable(rf as never, { width: box?.width ?? 800, height: box?.height ?? 600 }, s().header.machine.initial, 0.3, 300);
      }, 50);
    } catch (e) {
      onMessage({ kind: 'error', text: t('dsg.layoutFailed', { error: e instanceof Error ? e.message : String(e) }) });
    } finally {
      setBusy(false);
    }
  };

  const importJson = async () => {
    const text = await pickJsonFile();
    if (text === null) return;
    const r = pathwayFromJson(text);
    if (!r.ok) {
      onMessage({ kind: 'error', text: importErrorText(r.error, lang, t as never) });
      return;
    }
    // Keep this pathway's key (the server owns it); take the imported steps.
    const model = documentToModel({ ...r.value, key });
    s().commit(() => model);
    // What the import left out (actions, services, code guards) is said, never dropped in silence.
    onMessage({ kind: 'ok', text: r.warnings.length > 0 ? importWarningText(r.warnings, lang, t as never) : t('toolbar.imported') });
    setTimeout(() => void rf.fitView({ duration: 300 }), 50);
  };

  const exportPicture = async (format: 'png' | 'svg') => {
    // The picture shows every step in full, whatever the zoom: icons, kinds and badges included.
    s().setExporting(true);
    try {
      await new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())));
      await exportImage(rf.getNodes(), format, key);
    } catch (e) {
      onMessage({ kind: 'error', text: String(e) });
    } finally {
      s().setExporting(false);
    }
  };

  return (
    <div className="toolbar" role="toolbar" aria-label={t('toolbar.label')}>
      <div className="tool-group">
        <IconButton label={t('toolbar.undo')} onClick={() => s().undo()} disabled={!canUndo || mode !== 'design'} testId="undo">
          <Undo2 size={16} />
        </IconButton>
        <IconButton label={t('toolbar.redo')} onClick={() => s().redo()} disabled={!canRedo || mode !== 'design'} testId="redo">
          <Redo2 size={16} />
        </IconButton>
      </div>
      <div className="tool-group">
        <IconButton label={t('toolbar.copy')} onClick={() => s().copy()} disabled={!hasSelection || mode !== 'design'}>
          <Copy size={16} />
        </IconButton>
        <IconButton label={t('toolbar.paste')} onClick={() => s().paste()} disabled={!hasClipboard || !editable}>
          <ClipboardPaste size={16} />
        </IconButton>
        <IconButton label={t('toolbar.delete')} onClick={() => s().deleteSelection()} disabled={!hasSelection || !editable} testId="delete">
          <Trash2 size={16} />
        </IconButton>
        <IconButton label={t('toolbar.autoLayout')} onClick={() => void autoLayout()} disabled={!editable || busy} testId="auto-layout">
          <LayoutGrid size={16} />
        </IconButton>
      </div>
      <div className="tool-group segmented" role="group" aria-label={t('toolbar.mode')}>
        <button type="button" className={mode === 'design' ? 'active' : ''} aria-pressed={mode === 'design'} onClick={() => s().setMode('design')} data-testid="mode-design">
          <PencilRuler size={15} aria-hidden /> {t('toolbar.design')}
        </button>
        <button type="button" className={mode === 'simulate' ? 'active' : ''} aria-pressed={mode === 'simulate'} onClick={() => s().setMode('simulate')} data-testid="mode-simulate">
          <Play size={15} aria-hidden /> {t('toolbar.simulate')}
        </button>
      </div>
      <div className="tool-group">
        <IconButton label={t('toolbar.json')} onClick={() => onSide(side === 'json' ? 'properties' : 'json')} pressed={side === 'json'} testId="toggle-json">
          <Braces size={16} />
        </IconButton>
        <IconButton label={t('toolbar.exportXState')} onClick={() => downloadFile(`${key}.xstate.json`, xstateJson(s().toDocument()))} testId="export-xstate">
          <Download size={16} />
        </IconButton>
        <IconButton label={t('toolbar.exportPng')} onClick={() => void exportPicture('png')} testId="export-png">
          <FileImage size={16} />
        </IconButton>
        <IconButton label={t('toolbar.exportSvg')} onClick={() => void exportPicture('svg')} testId="export-svg">
          <span className="svg-tag">SVG</span>
        </IconButton>
        <IconButton label={t('toolbar.import')} onClick={() => void importJson()} disabled={!editable} testId="import">
          <Upload size={16} />
        </IconButton>
      </div>
      <div className="tool-spacer" />
      {children}
    </div>
  );
}
