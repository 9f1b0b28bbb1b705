/**
 * Notes with confidentiality. The server returns only notes this user may
 * see (and audits rahasia reads); the form offers only the levels this
 * role may write (`writableLevels`, shared with the API).
 */
import { useState } from 'react';
import { useTranslation } from '../i18n/index.ts';
import { useQueryClient } from '@tanstack/react-query';
import { CONFIDENTIALITY_LABELS, writableLevels, type Confidentiality } from '@jalur/casework';
import { useMe } from '../auth/session.ts';
import { call, errorText } from './http.ts';
import { newKey } from './outbox.ts';
import { loc } from './i18n.ts';
import { cwKeys, useNotes } from './queries.ts';
import { formatDate } from '../i18n/dates.ts';
import './more-i18n.ts';

export function NotesPanel({ caseId }: { caseId: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const qc = useQueryClient();
  const me = useMe().data;
  const notes = useNotes(caseId);
  const levels = me ? writableLevels(me.role) : [];
  const [body, setBody] = useState('');
  const [level, setLevel] = useState<Confidentiality>('umum');
  const [error, setError] = useState<string | null>(null);
  // One key per note being written: a retry after a lost answer does not save it twice.
  const [key, setKey] = useState(newKey);

  const save = async () => {
    setError(null);
    try {
      await call('POST', `/api/cases/${caseId}/notes`, { json: { body, confidentiality: level }, headers: { 'Idempotency-Key': key } });
      setBody('');
      setKey(newKey());
      await qc.invalidateQueries({ queryKey: [...cwKeys.case(caseId), 'notes'] });
    } catch (e) {
      setError(errorText(e));
    }
  };

  return (
    <section className="cw-section" aria-labelledby="cw-notes">
      <h2 id="cw-notes">{t('cw.notes.title')}</h2>
      {notes.isError && <p className="cw-msg error">{notes.error.message}</p>}
      {notes.data && notes.data.items.length === 0 && <p className="muted small">{t('cw.notes.empty')}</p>}
      <ul className="cw-list" data-testid="notes">
        {notes.data?.items.map((n) => (
          <li key={n.id} className={`cw-note level-${n.confidentiality}`} data-testid="note" data-level={n.confidentiality}>
            <div style={{ whiteSpace: 'pre-wrap' }}>{n.body}</div>
            <div className="meta">
              <span className={`cw-tag ${n.confidentiality === 'rahasia' ? 'warn' : n.confidentiality === 'terbatas' ? 'watch' : ''}`}>{t(`conf.${n.confidentiality}`)}</span> {t('cw.notes.by')} {n.author.name} ·{' '}
              {formatDate(n.createdAt, lang, 'dateTime')}
            </div>
          </li>
        ))}
      </ul>
      {levels.length > 0 && (
        <form
          className="cw-form"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <label className="wide">
            {t('cw.notes.body')}
            <textarea value={body} onChange={(e) => (setBody(e.target.value), setKey(newKey()))} data-testid="note-body" required />
          </label>
          <label>
            {t('cw.notes.level')}
            <select value={level} onChange={(e) => setLevel(e.target.value as Confidentiality)} data-testid="note-level">
              {levels.map((l) => (
                <option key={l} value={l}>
                  {loc(CONFIDENTIALITY_LABELS[l], lang)}
                </option>
              ))}
            </select>
          </label>
          <div>
            <button type="submit" className="btn primary" disabled={!body.trim()} data-testid="note-save">
              {t('cw.notes.add')}
            </button>
          </div>
          {error && <p className="cw-msg error wide">{error}</p>}
        </form>
      )}
    </section>
  );
}
