/**
 * The document as JSON, for experts. It follows every change on the canvas;
 * edits apply after `parsePathway` accepts them (one undo step).
 */
import { useEffect, useState } from 'react';
import { useTranslation } from '../../i18n/index.ts';
import { parsePathway, type DocumentIssue } from '@jalur/engine';
import { useEditor } from '../store/editorStore.ts';
import { documentToModel } from '../model/fromDocument.ts';

export function JsonView() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'id';
  const rev = useEditor((s) => s.rev);
  const readOnly = useEditor((s) => s.readOnly);
  const [text, setText] = useState(() => JSON.stringify(useEditor.getState().toDocument(), null, 2));
  const [dirty, setDirty] = useState(false);
  const [issues, setIssues] = useState<DocumentIssue[]>([]);

  useEffect(() => {
    if (!dirty) setText(JSON.stringify(useEditor.getState().toDocument(), null, 2));
  }, [rev, dirty]);

  const apply = () => {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      setIssues([{ path: [], message: { id: `JSON tidak valid: ${(e as Error).message}`, en: `Invalid JSON: ${(e as Error).message}` } }]);
      return;
    }
    const parsed = parsePathway(json);
    if (!parsed.ok) {
      setIssues(parsed.error);
      return;
    }
    setIssues([]);
    setDirty(false);
    const next = documentToModel(parsed.value);
    useEditor.getState().commit(() => next);
  };

  return (
    <section className="panel json-view" aria-label={t('json.title')}>
      <div className="json-head">
        <h2>{t('json.title')}</h2>
        {dirty && !readOnly && (
          <>
            <button type="button" className="btn small primary" onClick={apply} data-testid="json-apply">
              {t('json.apply')}
            </button>
            <button type="button" className="btn small" onClick={() => { setDirty(false); setIssues([]); }}>
              {t('json.discard')}
            </button>
          </>
        )}
      </div>
      <textarea
        className="mono json-text"
        spellCheck={false}
        value={text}
        readOnly={readOnly}
        aria-label={t('json.title')}
        data-testid="json-text"
        onChange={(e) => {
          setText(e.target.value);
          setDirty(true);
        }}
      />
      {issues.length > 0 && (
        <ul className="json-issues">
          {issues.map((i, k) => (
            <li key={k} className="error-text">
              {i.path.length ? <code>{i.path.join('.')}</code> : null} {i.message[lang] ?? i.message.id}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
