/**
 * Entry forms for a wali kelas who has no file: monthly attendance (hadir,
 * sakit, izin, alpa), a grade per subject per term, behaviour incidents.
 * Each save runs the early-warning check on the server.
 */
import { useState, type ReactNode } from 'react';
import { useTranslation } from '../i18n/index.ts';
import { useQueryClient } from '@tanstack/react-query';
import { call, errorText } from './http.ts';
import { cwKeys } from './queries.ts';
import { localIsoDate } from '../i18n/dates.ts';
import './more-i18n.ts';

type Student = { id: string; nisn: string; name: string };
type Kind = 'attendance' | 'grade' | 'behaviour';

function EntryForm({ students, children, build, label }: { students: Student[]; children: ReactNode; build: (nisn: string) => unknown; label: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [nisn, setNisn] = useState('');
  const [msg, setMsg] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const save = async () => {
    try {
      await call('POST', '/api/indicators', { json: { entries: [build(nisn)] } });
      setMsg({ kind: 'ok', text: t('cw.students.saved') });
      await qc.invalidateQueries({ queryKey: cwKeys.earlyWarning });
    } catch (e) {
      setMsg({ kind: 'error', text: errorText(e) });
    }
  };
  return (
    <form
      className="cw-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <label>
        {t('cw.flags.student')}
        <select value={nisn} onChange={(e) => setNisn(e.target.value)} required>
          <option value="">—</option>
          {students.map((s) => (
            <option key={s.id} value={s.nisn}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      {children}
      <div>
        <button type="submit" className="btn primary">
          {label}
        </button>
      </div>
      {msg && <p className={`cw-msg ${msg.kind} wide`}>{msg.text}</p>}
    </form>
  );
}

export function IndicatorEntry({ students }: { students: Student[] }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<Kind>('attendance');
  const month = localIsoDate().slice(0, 7);
  const [a, setA] = useState({ period: month, schoolDays: 20, sick: 0, permitted: 0, absent: 0 });
  const [g, setG] = useState({ period: `${new Date().getFullYear()}-1`, subject: '', score: 0, passing: 75 });
  const [b, setB] = useState({ period: month, incidents: 1, description: '' });
  const n = (v: string) => Number(v);
  return (
    <section className="cw-section">
      <div className="cw-actions" role="tablist">
        {(['attendance', 'grade', 'behaviour'] as const).map((k) => (
          <button key={k} type="button" role="tab" aria-selected={kind === k} className={`btn small ${kind === k ? 'primary' : ''}`} onClick={() => setKind(k)}>
            {k === 'attendance' ? t('cw.students.entry') : k === 'grade' ? t('cw.entry.grade') : t('cw.entry.behaviour')}
          </button>
        ))}
      </div>
      {kind === 'attendance' && (
        <EntryForm
          students={students}
          label={t('cw.students.saveEntry')}
          build={(nisn) => ({ nisn, kind: 'attendance', period: a.period, values: { schoolDays: a.schoolDays, present: a.schoolDays - a.sick - a.permitted - a.absent, sick: a.sick, permitted: a.permitted, absent: a.absent } })}
        >
          <label>
            {t('cw.students.month')}
            <input type="month" value={a.period} onChange={(e) => setA({ ...a, period: e.target.value })} required />
          </label>
          <label>
            {t('cw.students.schoolDays')}
            <input type="number" min={1} max={31} value={a.schoolDays} onChange={(e) => setA({ ...a, schoolDays: n(e.target.value) })} />
          </label>
          <label>
            {t('cw.students.sick')}
            <input type="number" min={0} value={a.sick} onChange={(e) => setA({ ...a, sick: n(e.target.value) })} />
          </label>
          <label>
            {t('cw.students.permitted')}
            <input type="number" min={0} value={a.permitted} onChange={(e) => setA({ ...a, permitted: n(e.target.value) })} />
          </label>
          <label>
            {t('cw.students.absent')}
            <input type="number" min={0} value={a.absent} onChange={(e) => setA({ ...a, absent: n(e.target.value) })} />
          </label>
        </EntryForm>
      )}
      {kind === 'grade' && (
        <EntryForm students={students} label={t('cw.entry.save')} build={(nisn) => ({ nisn, kind: 'grade', period: g.period, subject: g.subject, values: { score: g.score, passing: g.passing } })}>
          <label>
            {t('cw.entry.term')}
            <input value={g.period} pattern="\d{4}(/\d{4})?-[12]" onChange={(e) => setG({ ...g, period: e.target.value })} required />
          </label>
          <label>
            {t('cw.entry.subject')}
            <input value={g.subject} onChange={(e) => setG({ ...g, subject: e.target.value })} required />
          </label>
          <label>
            {t('cw.entry.score')}
            <input type="number" min={0} max={100} step={0.5} value={g.score} onChange={(e) => setG({ ...g, score: n(e.target.value) })} />
          </label>
          <label>
            {t('cw.entry.passing')}
            <input type="number" min={0} max={100} value={g.passing} onChange={(e) => setG({ ...g, passing: n(e.target.value) })} />
          </label>
        </EntryForm>
      )}
      {kind === 'behaviour' && (
        <EntryForm students={students} label={t('cw.entry.save')} build={(nisn) => ({ nisn, kind: 'behaviour', period: b.period, values: { incidents: b.incidents, ...(b.description ? { description: b.description } : {}) } })}>
          <label>
            {t('cw.students.month')}
            <input type="month" value={b.period} onChange={(e) => setB({ ...b, period: e.target.value })} required />
          </label>
          <label>
            {t('cw.entry.incidents')}
            <input type="number" min={0} value={b.incidents} onChange={(e) => setB({ ...b, incidents: n(e.target.value) })} />
          </label>
          <label className="wide">
            {t('cw.entry.description')}
            <textarea value={b.description} onChange={(e) => setB({ ...b, description: e.target.value })} />
          </label>
        </EntryForm>
      )}
    </section>
  );
}
