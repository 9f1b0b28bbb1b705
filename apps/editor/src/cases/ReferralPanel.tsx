/** Referrals: send (needs a recorded consent), then accepted/rejected (reason) → completed (outcome report). */
import { useState } from 'react';
import { useTranslation } from '../i18n/index.ts';
import { useQueryClient } from '@tanstack/react-query';
import { REFERRAL_STATUS_LABELS, REFERRAL_TARGET_LABELS, REFERRAL_TARGETS, referralActions, referralPending, type ReferralAction, type ReferralTarget } from '@jalur/casework';
import { useMe } from '../auth/session.ts';
import { call, errorText } from './http.ts';
import { loc } from './i18n.ts';
import { cwKeys, useConsents, useReferrals } from './queries.ts';
import type { ReferralView } from './types.ts';
import { PartnerChoice } from '../registers/PartnersPicker.tsx';
import './more-i18n.ts';

function ReferralItem({ r, caseId, canAct }: { r: ReferralView; caseId: string; canAct: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const qc = useQueryClient();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const act = async (a: ReferralAction) => {
    setError(null);
    try {
      await call('POST', `/api/referrals/${r.id}/${a}`, { json: a === 'reject' ? { reason: text } : a === 'complete' ? { outcomeReport: text } : {} });
      setText('');
      await qc.invalidateQueries({ queryKey: [...cwKeys.case(caseId), 'referrals'] });
    } catch (e) {
      setError(errorText(e));
    }
  };
  const actions = referralActions(r.status);
  return (
    <li data-testid="referral" data-status={r.status}>
      <strong>{loc(REFERRAL_TARGET_LABELS[r.target], lang)}</strong>
      {r.targetName ? ` — ${r.targetName}` : ''} <span className={`cw-tag ${r.status === 'rejected' ? 'warn' : r.status === 'completed' ? 'ok' : 'watch'}`}>{loc(REFERRAL_STATUS_LABELS[r.status], lang)}</span>
      {r.reason && <div className="meta">{r.reason}</div>}
      {r.rejectionReason && <div className="meta">{t('cw.referral.rejectReason')}: {r.rejectionReason}</div>}
      {r.outcomeReport && <div className="meta">{t('cw.referral.outcome')}: {r.outcomeReport}</div>}
      {referralPending(r.status) && <div className="small warning-text">{t('cw.referral.waiting')}</div>}
      {canAct && actions.length > 0 && (
        <div className="cw-actions" style={{ marginTop: 6 }}>
          {(actions.includes('reject') || actions.includes('complete')) && (
            <input aria-label={actions.includes('complete') ? t('cw.referral.outcome') : t('cw.referral.rejectReason')} placeholder={actions.includes('complete') ? t('cw.referral.outcome') : t('cw.referral.rejectReason')} value={text} onChange={(e) => setText(e.target.value)} data-testid="referral-text" />
          )}
          {actions.map((a) => (
            <button key={a} type="button" className="btn small" onClick={() => void act(a)} data-testid={`referral-${a}`} disabled={(a === 'reject' || a === 'complete') && !text.trim()}>
              {t(`cw.referral.${a}`)}
            </button>
          ))}
        </div>
      )}
      {error && <p className="cw-msg error">{error}</p>}
    </li>
  );
}

export function ReferralPanel({ caseId, closed = false }: { caseId: string; closed?: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const qc = useQueryClient();
  const me = useMe().data;
  const referrals = useReferrals(caseId);
  const consents = useConsents(caseId);
  const [f, setF] = useState({ target: 'psychologist' as ReferralTarget, targetName: '', reason: '', partnerId: '' });
  const [error, setError] = useState<string | null>(null);
  const canAct = me?.role === 'guru_bk' || me?.role === 'kepsek';
  const consented = (consents.data?.items ?? []).some((c) => c.purpose === 'referral' && c.granted && !c.revokedAt);

  const send = async () => {
    setError(null);
    try {
      // A partner of the school's register gives the target and its name; otherwise both are typed.
      await call('POST', `/api/cases/${caseId}/referrals`, { json: f.partnerId ? { partnerId: f.partnerId, reason: f.reason } : { target: f.target, targetName: f.targetName, reason: f.reason } });
      setF({ ...f, targetName: '', reason: '', partnerId: '' });
      await qc.invalidateQueries({ queryKey: [...cwKeys.case(caseId), 'referrals'] });
    } catch (e) {
      setError(errorText(e));
    }
  };

  return (
    <section className="cw-section" aria-labelledby="cw-referrals">
      <h2 id="cw-referrals">{t('cw.referral.title')}</h2>
      {referrals.data?.items.length === 0 && <p className="muted small">{t('cw.referral.empty')}</p>}
      <ul className="cw-list">
        {(referrals.data?.items ?? []).map((r) => (
          <ReferralItem key={r.id} r={r as ReferralView} caseId={caseId} canAct={canAct} />
        ))}
      </ul>
      {canAct && !closed && (
        <form
          className="cw-form"
          onSubmit={(e) => {
            e.preventDefault();
            void send();
          }}
        >
          {!consented && <p className="cw-msg info wide" data-testid="referral-needs-consent">{t('cw.referral.consentFirst')}</p>}
          <PartnerChoice value={f.partnerId} onChange={(partnerId) => setF({ ...f, partnerId })} />
          {!f.partnerId && (
          <>
          <label>
            {t('cw.referral.target')}
            <select value={f.target} onChange={(e) => setF({ ...f, target: e.target.value as ReferralTarget })} data-testid="referral-target">
              {REFERRAL_TARGETS.map((x) => (
                <option key={x} value={x}>
                  {loc(REFERRAL_TARGET_LABELS[x], lang)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('cw.referral.targetName')}
            <input value={f.targetName} onChange={(e) => setF({ ...f, targetName: e.target.value })} required data-testid="referral-name" />
          </label>
          </>
          )}
          <label className="wide">
            {t('cw.referral.reason')}
            <textarea value={f.reason} onChange={(e) => setF({ ...f, reason: e.target.value })} required data-testid="referral-reason" />
          </label>
          <div>
            <button type="submit" className="btn primary" disabled={!consented} data-testid="referral-send">
              {t('cw.referral.send')}
            </button>
          </div>
          {error && <p className="cw-msg error wide">{error}</p>}
        </form>
      )}
    </section>
  );
}
