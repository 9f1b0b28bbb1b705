/** Parent/guardian consents: who, when, for what, how. Recording one updates the case's guards. */
import { useState } from 'react';
import { useTranslation } from '../i18n/index.ts';
import { useQueryClient } from '@tanstack/react-query';
import { CONSENT_PURPOSES, type ConsentPurpose } from '@jalur/casework';
import { useMe } from '../auth/session.ts';
import { call, errorText } from './http.ts';
import { cwKeys, useConsents } from './queries.ts';
import { formatDate, localIsoDate } from '../i18n/dates.ts';
import './more-i18n.ts';

const today = () => localIsoDate();

export function ConsentPanel({ caseId, guardianName, closed = false }: { caseId: string; guardianName: string | null; closed?: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const qc = useQueryClient();
  const me = useMe().data;
  const consents = useConsents(caseId);
  const [f, setF] = useState({ purpose: 'referral' as ConsentPurpose, givenBy: guardianName ?? '', relationship: '', method: 'written' as 'written' | 'verbal' | 'digital', granted: true, givenAt: today() });
  const [error, setError] = useState<string | null>(null);
  const canRecord = !closed && me && ['guru_bk', 'kepsek', 'wali_kelas'].includes(me.role);

  const save = async () => {
    setError(null);
    try {
      await call('POST', `/api/cases/${caseId}/consents`, { json: { ...f, ...(f.relationship ? {} : { relationship: undefined }) } });
      await qc.invalidateQueries({ queryKey: cwKeys.case(caseId) });
    } catch (e) {
      setError(errorText(e));
    }
  };

  return (
    <section className="cw-section" aria-labelledby="cw-consent">
      <h2 id="cw-consent">{t('cw.consent.title')}</h2>
      {consents.data?.items.length === 0 && <p className="muted small">{t('cw.consent.empty')}</p>}
      <ul className="cw-list" data-testid="consents">
        {consents.data?.items.map((c) => (
          <li key={c.id} data-testid="consent">
            <span className={`cw-tag ${c.granted ? 'ok' : 'warn'}`}>{c.granted ? t('cw.consent.granted') : t('cw.consent.refused')}</span> <strong>{t(`cw.consent.purposes.${c.purpose}`)}</strong> — {c.givenBy}
            {c.relationship ? ` (${c.relationship})` : ''}
            <div className="meta">
              {t(`cw.consent.methods.${c.method}`, { defaultValue: c.method })} · {formatDate(c.givenAt, lang)}
            </div>
          </li>
        ))}
      </ul>
      {canRecord && (
        <form
          className="cw-form"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <label>
            {t('cw.consent.purpose')}
            <select value={f.purpose} onChange={(e) => setF({ ...f, purpose: e.target.value as ConsentPurpose })} data-testid="consent-purpose">
              {CONSENT_PURPOSES.map((p) => (
                <option key={p} value={p}>
                  {t(`cw.consent.purposes.${p}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('cw.consent.givenBy')}
            <input value={f.givenBy} onChange={(e) => setF({ ...f, givenBy: e.target.value })} required data-testid="consent-given-by" />
          </label>
          <label>
            {t('cw.consent.relationship')}
            <input value={f.relationship} onChange={(e) => setF({ ...f, relationship: e.target.value })} />
          </label>
          <label>
            {t('cw.consent.method')}
            <select value={f.method} onChange={(e) => setF({ ...f, method: e.target.value as typeof f.method })}>
              {(['written', 'verbal', 'digital'] as const).map((m) => (
                <option key={m} value={m}>
                  {t(`cw.consent.methods.${m}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('cw.consent.givenAt')}
            <input type="date" value={f.givenAt} onChange={(e) => setF({ ...f, givenAt: e.target.value })} required />
          </label>
          <label className="check">
            <span>
              <input type="checkbox" checked={f.granted} onChange={(e) => setF({ ...f, granted: e.target.checked })} /> {t('cw.consent.granted')}
            </span>
          </label>
          <div>
            <button type="submit" className="btn primary" data-testid="consent-save">
              {t('cw.consent.add')}
            </button>
          </div>
          {error && <p className="cw-msg error wide">{error}</p>}
        </form>
      )}
    </section>
  );
}
