/**
 * A student's status (aktif, mutasi masuk, mutasi keluar, putus sekolah,
 * lulus) with its date and reason, the roster's facts (PIP/KIP, distance,
 * transport), and the form that changes the status (guru BK, kepsek):
 * leaving with a reason, or re-enrolment into a class.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from '../i18n/index.ts';
import { call, errorText } from '../cases/http.ts';
import type { StudentView } from '../cases/types.ts';
import '../cases/school-year-i18n.ts';
import { localIsoDate } from '../i18n/dates.ts';

const STATUSES = ['active', 'transferred_in', 'transferred', 'dropped_out', 'graduated'] as const;
const enrolled = (s: string) => s === 'active' || s === 'transferred_in';

/** The status label, with "since" and the reason as a title. */
export function StatusBadge({ student }: { student: StudentView }) {
  const { t } = useTranslation();
  return (
    <span className={`cw-status cw-status-${student.status}`} title={student.statusReason ?? undefined} data-testid="student-status">
      {t(`sy.status.${student.status}`)}
      {student.statusDate ? <span className="muted small"> · {t('sy.status.since', { date: student.statusDate })}</span> : null}
    </span>
  );
}

/** PIP/KIP and the way to school, in words. */
export function RosterFacts({ student: s }: { student: StudentView }) {
  const { t } = useTranslation();
  const bits: string[] = [];
  if (s.kipHolder) bits.push(t('sy.status.kip'));
  if (s.pipEligible) bits.push(t('sy.status.pip'));
  if ((s.kipHolder || s.pipEligible) && s.pipReceived !== null) bits.push(`${t('sy.status.pipReceived')}: ${s.pipReceived ? t('sy.status.yes') : t('sy.status.no')}`);
  if (s.distanceKm !== null) bits.push(t('sy.status.km', { km: s.distanceKm }) + (s.transport ? ` (${s.transport})` : ''));
  return <span className="small">{bits.length > 0 ? bits.join(' · ') : '—'}</span>;
}

/** The status change form; `onChanged` after a save. */
export function StatusChange({ student, onChanged }: { student: StudentView; onChanged: () => void }) {
  const { t } = useTranslation();
  const choices = STATUSES.filter((s) => s !== student.status && (enrolled(student.status) ? s !== 'transferred_in' && !enrolled(s) : enrolled(s)));
  const [f, setF] = useState({ status: choices[0] ?? 'active', date: localIsoDate(), reason: '', className: student.className });
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    setError(null);
    try {
      await call('POST', `/api/students/${student.id}/status`, {
        json: { status: f.status, date: f.date, ...(f.reason ? { reason: f.reason } : {}), ...(enrolled(f.status) && f.className ? { className: f.className } : {}) },
      });
      onChanged();
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <form className="cw-form" data-testid="status-change" onSubmit={(e) => { e.preventDefault(); void save(); }}>
      <label>
        {t('sy.status.change')}
        <select value={f.status} onChange={(e) => setF({ ...f, status: e.target.value as (typeof STATUSES)[number] })} data-testid="status-select">
          {choices.map((s) => (
            <option key={s} value={s}>{t(`sy.status.${s}`)}</option>
          ))}
        </select>
      </label>
      <label>
        {t('sy.status.date')}
        <input type="date" value={f.date} onChange={(e) => setF({ ...f, date: e.target.value })} required />
      </label>
      <label>
        {t('sy.status.reason')}
        <input value={f.reason} onChange={(e) => setF({ ...f, reason: e.target.value })} data-testid="status-reason" />
      </label>
      {enrolled(f.status) && (
        <label>
          {t('sy.status.className')}
          <input value={f.className} onChange={(e) => setF({ ...f, className: e.target.value })} />
        </label>
      )}
      <div>
        <button type="submit" className="btn primary" data-testid="status-save">{t('sy.status.save')}</button>
      </div>
      {error && <p className="cw-msg error wide">{error}</p>}
    </form>
  );
}

interface Suggestion { caseId: string; studentId: string; name: string; className: string; outcome: 'dropped_out' | 'transferred'; closedAt: string }

/**
 * Cases closed as putus sekolah or pindah whose student is still enrolled:
 * the guru BK confirms the status change (recorded with the case) or leaves it.
 */
export function StatusSuggestions({ onChanged }: { onChanged: () => void }) {
  const { t } = useTranslation();
  const [items, setItems] = useState<Suggestion[]>([]);
  const [error, setError] = useState<string | null>(null);
  const load = () => call<{ items: Suggestion[] }>('GET', '/api/school-year/status-suggestions').then((r) => setItems(r.items), (e) => setError(errorText(e)));
  useEffect(() => void load(), []);
  if (items.length === 0 && !error) return null;
  const confirm = async (s: Suggestion) => {
    setError(null);
    try {
      await call('POST', `/api/students/${s.studentId}/status`, { json: { status: s.outcome, date: s.closedAt.slice(0, 10), caseId: s.caseId, reason: t('sy.status.fromCase') } });
      await load();
      onChanged();
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <section className="cw-section" data-testid="status-suggestions">
      <h2>{t('sy.status.toConfirm')}</h2>
      <ul className="cw-list">
        {items.map((s) => (
          <li key={s.caseId}>
            {t('sy.status.closeConfirm', { name: `${s.name} (${s.className})`, outcome: t(`sy.status.${s.outcome}`), status: t(`sy.status.${s.outcome}`) })}{' '}
            <button type="button" className="btn small" onClick={() => void confirm(s)} data-testid="status-confirm">
              {t('sy.status.confirmChange')}
            </button>
          </li>
        ))}
      </ul>
      {error && <p className="cw-msg error">{error}</p>}
    </section>
  );
}
