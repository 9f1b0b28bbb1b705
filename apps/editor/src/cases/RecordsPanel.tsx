/**
 * Home visits, case conferences and counseling sessions. A report is kept in
 * the browser first (outbox) and sent with its own Idempotency-Key, so one
 * written offline at the student's home is sent exactly once when the
 * connection returns — shown as "belum terkirim" until then.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from '../i18n/index.ts';
import { useQueryClient } from '@tanstack/react-query';
import { useMe } from '../auth/session.ts';
import { discard, enqueue, flushOutbox, newKey, onSent, useOutbox } from './outbox.ts';
import { cwKeys, useRecords } from './queries.ts';
import { CaseGroupSessions, GroupSessionHint } from '../registers/GroupsInCase.tsx';
import { formatDate, localIsoDate } from '../i18n/dates.ts';
import './more-i18n.ts';

type Kind = 'home_visit' | 'case_conference' | 'counseling_session';
const list = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean);
const today = () => localIsoDate();

export function RecordsPanel({ caseId, closed = false }: { caseId: string; closed?: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const qc = useQueryClient();
  const me = useMe().data;
  const records = useRecords(caseId);
  const outbox = useOutbox();
  const unsent = outbox.items.filter((i) => i.caseId === caseId && i.kind !== 'advance');
  const [kind, setKind] = useState<Kind>('home_visit');
  const [f, setF] = useState({ plan: '', date: today(), visitors: me?.name ?? '', metWith: '', findings: '', followUp: '', attendees: '', decisions: '', mode: 'individual', members: '', topic: '', summary: '' });
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF((x) => ({ ...x, [k]: e.target.value }));
  const kinds: Kind[] = me && (me.role === 'wali_kelas' || me.role === 'tim') ? ['home_visit', 'counseling_session'] : ['home_visit', 'case_conference', 'counseling_session'];
  const label: Record<Kind, string> = { home_visit: t('cw.records.homeVisit'), case_conference: t('cw.records.conference'), counseling_session: t('cw.records.session') };

  useEffect(() => onSent((item) => item.caseId === caseId && void qc.invalidateQueries({ queryKey: [...cwKeys.case(caseId), 'records'] })), [caseId, qc]);

  const save = async () => {
    const data =
      kind === 'home_visit'
        ? { plan: f.plan, date: f.date, visitors: list(f.visitors), ...(f.metWith ? { metWith: f.metWith } : {}), findings: f.findings, ...(f.followUp ? { followUp: f.followUp } : {}) }
        : kind === 'case_conference'
          ? { date: f.date, attendees: list(f.attendees), decisions: f.decisions }
          : { date: f.date, mode: f.mode, members: list(f.members), topic: f.topic, ...(f.summary ? { summary: f.summary } : {}) };
    await enqueue({ key: newKey(), kind: 'record', caseId, path: `/api/cases/${caseId}/records`, body: { kind, data }, label: `${label[kind]} ${f.date}` });
    setF((x) => ({ ...x, plan: '', metWith: '', findings: '', followUp: '', attendees: '', decisions: '', members: '', topic: '', summary: '' }));
  };

  return (
    <section className="cw-section" aria-labelledby="cw-records">
      <h2 id="cw-records">{t('cw.records.title')}</h2>
      {unsent.length > 0 && (
        <div className="cw-unsent" role="status" data-testid="unsent">
          <strong>{t('cw.records.unsent')}</strong> — {t('cw.records.unsentHelp')}
          <ul>
            {unsent.map((u) => (
              <li key={u.key} data-testid="unsent-item">
                {u.label}
                {u.lastError ? <span className="error-text"> — {u.lastError}</span> : null}
                {u.failed ? (
                  <button type="button" className="btn small" onClick={() => discard(u.key)} data-testid="unsent-discard">
                    {t('cw.case.queuedDiscard')}
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
          <button type="button" className="btn small" onClick={() => void flushOutbox()} disabled={outbox.sending}>
            {outbox.sending ? t('cw.records.sending') : t('cw.records.retry')}
          </button>
        </div>
      )}
      {records.data?.items.length === 0 && unsent.length === 0 && <p className="muted small">{t('cw.records.empty')}</p>}
      <ul className="cw-list" data-testid="records">
        {records.data?.items.map((r) => {
          const d = r.data as Record<string, unknown>;
          return (
            <li key={r.id} data-testid="record" data-kind={r.kind}>
              <strong>{label[r.kind]}</strong> · {formatDate(r.occurredAt, lang)} <span className="cw-tag ok">{t('cw.records.sent')}</span>
              <div className="meta">
                {[d.plan, d.findings, d.followUp, d.decisions, d.topic, d.summary].filter((x) => typeof x === 'string' && x).join(' — ')}
                {Array.isArray(d.visitors) ? ` · ${(d.visitors as string[]).join(', ')}` : ''}
                {Array.isArray(d.attendees) ? ` · ${(d.attendees as string[]).join(', ')}` : ''}
                {Array.isArray(d.members) && (d.members as string[]).length > 0 ? ` · ${(d.members as string[]).join(', ')}` : ''}
              </div>
            </li>
          );
        })}
      </ul>
      {/* Group counselling sessions this student was a member of: recorded once, on the Konseling kelompok page. */}
      <CaseGroupSessions caseId={caseId} />
      {!closed && (
      <form
        className="cw-form"
        data-testid="record-form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <label>
          {t('cw.records.title')}
          <select value={kind} onChange={(e) => setKind(e.target.value as Kind)} data-testid="record-kind">
            {kinds.map((k) => (
              <option key={k} value={k}>
                {label[k]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('cw.records.date')}
          <input type="date" value={f.date} onChange={set('date')} required />
        </label>
        {kind === 'home_visit' && (
          <>
            <label className="wide">
              {t('cw.records.plan')}
              <input value={f.plan} onChange={set('plan')} required data-testid="visit-plan" />
            </label>
            <label>
              {t('cw.records.visitors')}
              <input value={f.visitors} onChange={set('visitors')} required data-testid="visit-visitors" />
            </label>
            <label>
              {t('cw.records.metWith')}
              <input value={f.metWith} onChange={set('metWith')} />
            </label>
            <label className="wide">
              {t('cw.records.findings')}
              <textarea value={f.findings} onChange={set('findings')} required data-testid="visit-findings" />
            </label>
            <label className="wide">
              {t('cw.records.followUp')}
              <textarea value={f.followUp} onChange={set('followUp')} />
            </label>
          </>
        )}
        {kind === 'case_conference' && (
          <>
            <label className="wide">
              {t('cw.records.attendees')}
              <input value={f.attendees} onChange={set('attendees')} required />
            </label>
            <label className="wide">
              {t('cw.records.decisions')}
              <textarea value={f.decisions} onChange={set('decisions')} required />
            </label>
          </>
        )}
        {kind === 'counseling_session' && (
          <>
            <label>
              {t('cw.records.mode')}
              <select value={f.mode} onChange={set('mode')}>
                <option value="individual">{t('cw.records.individual')}</option>
                <option value="group">{t('cw.records.group')}</option>
              </select>
            </label>
            {f.mode === 'group' && (
              <label>
                {t('cw.records.members')}
                <input value={f.members} onChange={set('members')} required />
              </label>
            )}
            {f.mode === 'group' && <GroupSessionHint />}
            <label className="wide">
              {t('cw.records.topic')}
              <input value={f.topic} onChange={set('topic')} required data-testid="session-topic" />
            </label>
            <label className="wide">
              {t('cw.records.summaryField')}
              <textarea value={f.summary} onChange={set('summary')} />
            </label>
          </>
        )}
        <div>
          <button type="submit" className="btn primary" data-testid="record-save">
            {t('cw.records.save')}
          </button>
        </div>
      </form>
      )}
    </section>
  );
}
