/**
 * Students of the school (a wali kelas: their class): the roster import with
 * a preview, the indicator import, and a monthly attendance form for a wali
 * kelas who has no file.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { useMe } from '../auth/session.ts';
import { CaseworkNav } from './CaseworkNav.tsx';
import { CsvImport } from './CsvImport.tsx';
import { call, errorText } from './http.ts';
import { cwKeys, useStudents } from './queries.ts';

function AttendanceEntry({ students }: { students: { id: string; nisn: string; name: string }[] }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [f, setF] = useState({ nisn: '', period: new Date().toISOString().slice(0, 7), schoolDays: 20, sick: 0, permitted: 0, absent: 0 });
  const [msg, setMsg] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const num = (k: 'schoolDays' | 'sick' | 'permitted' | 'absent') => (e: { target: { value: string } }) => setF({ ...f, [k]: Number(e.target.value) });
  const save = async () => {
    try {
      const present = f.schoolDays - f.sick - f.permitted - f.absent;
      await call('POST', '/api/indicators', { json: { entries: [{ nisn: f.nisn, kind: 'attendance', period: f.period, values: { schoolDays: f.schoolDays, present, sick: f.sick, permitted: f.permitted, absent: f.absent } }] } });
      setMsg({ kind: 'ok', text: t('cw.students.saved') });
      await qc.invalidateQueries({ queryKey: cwKeys.earlyWarning });
    } catch (e) {
      setMsg({ kind: 'error', text: errorText(e) });
    }
  };
  return (
    <section className="cw-section">
      <h2>{t('cw.students.entry')}</h2>
      <form
        className="cw-form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <label>
          {t('cw.flags.student')}
          <select value={f.nisn} onChange={(e) => setF({ ...f, nisn: e.target.value })} required>
            <option value="">—</option>
            {students.map((s) => (
              <option key={s.id} value={s.nisn}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('cw.students.month')}
          <input type="month" value={f.period} onChange={(e) => setF({ ...f, period: e.target.value })} required />
        </label>
        <label>
          {t('cw.students.schoolDays')}
          <input type="number" min={1} max={31} value={f.schoolDays} onChange={num('schoolDays')} />
        </label>
        <label>
          {t('cw.students.sick')}
          <input type="number" min={0} value={f.sick} onChange={num('sick')} />
        </label>
        <label>
          {t('cw.students.permitted')}
          <input type="number" min={0} value={f.permitted} onChange={num('permitted')} />
        </label>
        <label>
          {t('cw.students.absent')}
          <input type="number" min={0} value={f.absent} onChange={num('absent')} />
        </label>
        <div>
          <button type="submit" className="btn primary">
            {t('cw.students.saveEntry')}
          </button>
        </div>
        {msg && <p className={`cw-msg ${msg.kind} wide`}>{msg.text}</p>}
      </form>
    </section>
  );
}

export function Component() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const me = useMe().data;
  const [search, setSearch] = useState('');
  const students = useStudents(search);
  const canImportRoster = me?.role === 'guru_bk' || me?.role === 'kepsek';
  const refresh = () => void qc.invalidateQueries({ queryKey: ['cw'] });
  return (
    <>
      <CaseworkNav />
      <div className="cw-page">
        <h1>{t('cw.students.title')}</h1>
        <div className="cw-two">
          {canImportRoster && <CsvImport title={t('cw.students.import')} endpoint="/api/students/import" testId="roster" onApplied={refresh} />}
          <CsvImport title={t('cw.students.indicators')} endpoint="/api/indicators/import" testId="indicators" onApplied={refresh} />
        </div>
        <AttendanceEntry students={students.data?.items ?? []} />
        <section className="cw-section">
          <div className="cw-filters">
            <label>
              {t('cw.students.search')}
              <input value={search} onChange={(e) => setSearch(e.target.value)} type="search" />
            </label>
          </div>
          {students.data?.items.length === 0 && <p className="muted">{t('cw.students.none')}</p>}
          <table className="cw-table" data-testid="students">
            <thead>
              <tr>
                <th>{t('cw.students.nisn')}</th>
                <th>{t('cw.students.name')}</th>
                <th>{t('cw.students.cls')}</th>
                <th>{t('cw.students.gender')}</th>
                <th>{t('cw.students.guardian')}</th>
              </tr>
            </thead>
            <tbody>
              {students.data?.items.map((s) => (
                <tr key={s.id} data-testid="student-row">
                  <td>{s.nisn}</td>
                  <td>{s.name}</td>
                  <td>{s.className}</td>
                  <td>{s.gender ?? '—'}</td>
                  <td>
                    {s.guardianName ?? '—'} <span className="muted small">{s.guardianPhone ?? ''}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
    </>
  );
}
