/**
 * Students of the school (a wali kelas: their class): the roster import with
 * a preview (a Dapodik export as it is, or a column mapping), the indicator
 * import, entry forms (attendance, grades, behaviour) for a wali kelas who
 * has no file, each student's status (aktif, mutasi, putus sekolah, lulus)
 * with its date and reason, and the roster's PIP/KIP and distance facts.
 */
import { Fragment, useState } from 'react';
import { useTranslation } from '../i18n/index.ts';
import { useQueryClient } from '@tanstack/react-query';
import { useMe } from '../auth/session.ts';
import { CaseworkNav } from './CaseworkNav.tsx';
import { CsvImport } from './CsvImport.tsx';
import { IndicatorEntry } from './IndicatorEntry.tsx';
import { useStudents } from './queries.ts';
import { StudentPrivacyActions } from '../privacy/StudentPrivacyActions.tsx';
import { RosterFacts, StatusBadge, StatusChange, StatusSuggestions } from '../students/StudentStatus.tsx';
import './more-i18n.ts';

/** Example files a school can fill in (the headers the import understands). */
const ROSTER_EXAMPLE = 'NISN;Nama Siswa;Kelas;JK;Tanggal Lahir;Nama Wali;No HP Wali\n0012345678;Budi Santoso;X-1;L;07/03/2009;Slamet;081234567890\n';
const ATTENDANCE_EXAMPLE = 'NISN;Bulan;Hari Sekolah;Hadir;Sakit;Izin;Alpa\n0012345678;2026-01;20;17;1;0;2\n';

export function Component() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const me = useMe().data;
  const [search, setSearch] = useState('');
  const [changing, setChanging] = useState<string | null>(null);
  const canChangeStatus = me?.role === 'guru_bk' || me?.role === 'kepsek';
  const students = useStudents(search);
  const canImportRoster = me?.role === 'guru_bk' || me?.role === 'kepsek';
  const refresh = () => void qc.invalidateQueries({ queryKey: ['cw'] });
  return (
    <>
      <CaseworkNav />
      <div className="cw-page">
        <h1>{t('cw.students.title')}</h1>
        <div className="cw-two">
          {canImportRoster && <CsvImport title={t('cw.students.import')} endpoint="/api/students/import" testId="roster" onApplied={refresh} example={ROSTER_EXAMPLE} />}
          <CsvImport title={t('cw.students.indicators')} endpoint="/api/indicators/import" testId="indicators" onApplied={refresh} example={ATTENDANCE_EXAMPLE} />
        </div>
        {canChangeStatus && <StatusSuggestions onChanged={refresh} />}
        <IndicatorEntry students={students.data?.items ?? []} />
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
                <th>{t('sy.status.title')}</th>
                <th>PIP/KIP · {t('sy.status.distance')}</th>
                {me?.role === 'kepsek' && <th>{t('privacy:actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {students.data?.items.map((s) => (
                <Fragment key={s.id}>
                <tr data-testid="student-row">
                  <td>{s.nisn}</td>
                  <td>{s.name}</td>
                  <td>{s.className}</td>
                  <td>{s.gender ?? '—'}</td>
                  <td>
                    {s.guardianName ?? '—'} <span className="muted small">{s.guardianPhone ?? ''}</span>
                  </td>
                  <td>
                    <StatusBadge student={s} />
                    {canChangeStatus && <br />}
                    {canChangeStatus && (
                      <button type="button" className="link-btn" onClick={() => setChanging(changing === s.id ? null : s.id)} data-testid="status-open">
                        {t('sy.status.change')}
                      </button>
                    )}
                  </td>
                  <td>
                    <RosterFacts student={s} />
                  </td>
                  {me?.role === 'kepsek' && (
                    <td>
                      <StudentPrivacyActions student={s} />
                    </td>
                  )}
                </tr>
                {changing === s.id && (
                  <tr>
                    <td colSpan={me?.role === 'kepsek' ? 8 : 7}>
                      <StatusChange student={s} onChanged={() => { setChanging(null); refresh(); }} />
                    </td>
                  </tr>
                )}
                </Fragment>
              ))}
            </tbody>
          </table>
        </section>
      </div>
    </>
  );
}
