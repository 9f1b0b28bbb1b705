/**
 * Early warning: every flagged student with the reasons (rule findings in
 * words, manual flags by a wali kelas), whether the flag has held long
 * enough to propose a case, and one click to open a case on a chosen pathway.
 */
import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { useMe } from '../auth/session.ts';
import { CaseworkNav } from './CaseworkNav.tsx';
import { RulesEditor } from './RulesEditor.tsx';
import { call, errorText } from './http.ts';
import { loc, RISK_FACTOR_LIST } from './i18n.ts';
import { cwKeys, useEarlyWarning, usePathways, useStudents } from './queries.ts';

export function Component() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const qc = useQueryClient();
  const navigate = useNavigate();
  const me = useMe().data;
  const ew = useEarlyWarning();
  const pathways = usePathways();
  const students = useStudents('');
  const published = (pathways.data?.items ?? []).filter((p) => p.latestVersion !== null);
  const [pathwayId, setPathwayId] = useState('');
  const [msg, setMsg] = useState<string | null>(null);
  const [factors, setFactors] = useState<string[]>([]);
  const [manual, setManual] = useState({ studentId: '', reason: '', level: 'risk' as 'risk' | 'watch' });
  const chosen = pathwayId || published[0]?.id || '';
  const canOpen = me?.role === 'guru_bk' || me?.role === 'kepsek';

  const open = async (flagId: string) => {
    setMsg(null);
    try {
      const c = await call<{ id: string }>('POST', `/api/flags/${flagId}/open-case`, { json: { pathwayId: chosen, ...(factors.length > 0 ? { riskFactors: factors } : {}) } });
      await qc.invalidateQueries({ queryKey: cwKeys.earlyWarning });
      void navigate(`/cases/${c.id}`);
    } catch (e) {
      setMsg(errorText(e));
    }
  };
  const flag = async () => {
    setMsg(null);
    try {
      await call('POST', '/api/flags', { json: manual });
      setManual({ ...manual, reason: '' });
      await qc.invalidateQueries({ queryKey: cwKeys.earlyWarning });
    } catch (e) {
      setMsg(errorText(e));
    }
  };
  const scan = async () => {
    await call('POST', '/api/early-warning/scan');
    await qc.invalidateQueries({ queryKey: cwKeys.earlyWarning });
  };
  // Flags age with time (holding, clearing): look again whenever a counselor opens the list.
  useEffect(() => {
    if (canOpen) void scan().catch(() => undefined);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [canOpen]);

  return (
    <>
      <CaseworkNav />
      <div className="cw-page">
        <h1>{t('cw.flags.title')}</h1>
        <div className="cw-filters">
          {canOpen && (
            <label>
              {t('cw.flags.pathwayFor')}
              <select value={chosen} onChange={(e) => setPathwayId(e.target.value)} data-testid="flag-pathway">
                {published.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.title}
                  </option>
                ))}
              </select>
            </label>
          )}
          {canOpen && (
            <fieldset className="chips" style={{ border: 0, padding: 0, margin: 0 }}>
              <legend className="small muted">{t('cw.flags.factors')}</legend>
              {RISK_FACTOR_LIST.map((r) => (
                <label key={r} className="check" style={{ flexDirection: 'row' }}>
                  <input type="checkbox" checked={factors.includes(r)} onChange={(e) => setFactors((x) => (e.target.checked ? [...x, r] : x.filter((y) => y !== r)))} /> {t(`cw.risk.${r}`)}
                </label>
              ))}
            </fieldset>
          )}
          {canOpen && (
            <button type="button" className="btn" onClick={() => void scan()}>
              {t('cw.flags.scan')}
            </button>
          )}
        </div>
        {msg && (
          <p className="cw-msg error" role="alert">
            {msg}
          </p>
        )}
        {ew.isError && <p className="cw-msg error">{ew.error.message}</p>}
        {ew.data?.items.length === 0 && <p className="muted">{t('cw.flags.empty')}</p>}
        <table className="cw-table" data-testid="flags">
          <thead>
            <tr>
              <th>{t('cw.flags.student')}</th>
              <th>{t('cw.flags.reasons')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {ew.data?.items.map((s) => (
              <tr key={s.student.id} data-testid="flagged" data-nisn={s.student.nisn}>
                <td>
                  <strong>{s.student.name}</strong>
                  <div className="muted small">
                    {s.student.className} · {s.student.nisn}
                  </div>
                  <span className={`cw-tag ${s.level === 'risk' ? 'warn' : 'watch'}`}>{s.level === 'risk' ? t('cw.flags.risk') : t('cw.flags.watch')}</span>
                </td>
                <td>
                  <ul className="cw-list">
                    {s.flags.map((f) => (
                      <li key={f.id} data-testid="flag-reason">
                        {loc(f.reason, lang)}
                        <div className="meta">
                          {f.source === 'manual' ? `${t('cw.flags.manual')} · ` : ''}
                          {t('cw.flags.since')} {new Date(f.since).toLocaleDateString(lang === 'en' ? 'en-GB' : 'id-ID')} ·{' '}
                          {f.waitingToClear ? t('cw.flags.waitingClear') : f.proposesCase ? <strong>{t('cw.flags.proposes')}</strong> : t('cw.flags.holding', { date: new Date(f.proposesCaseAt).toLocaleDateString(lang === 'en' ? 'en-GB' : 'id-ID') })}
                        </div>
                      </li>
                    ))}
                  </ul>
                </td>
                <td>
                  {s.openCaseId ? (
                    <Link to={`/cases/${s.openCaseId}`} className="btn small">
                      {t('cw.flags.caseOpen')}
                    </Link>
                  ) : (
                    canOpen && (
                      <button type="button" className="btn small primary" disabled={!chosen} onClick={() => void open(s.flags[0]!.id)} data-testid="open-case">
                        {t('cw.flags.openCase')}
                      </button>
                    )
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {canOpen && ew.data && <RulesEditor rules={ew.data.rules} />}
        <section className="cw-section" style={{ marginTop: 16 }}>
          <h2>{t('cw.flags.flagStudent')}</h2>
          <form
            className="cw-form"
            onSubmit={(e) => {
              e.preventDefault();
              void flag();
            }}
          >
            <label>
              {t('cw.flags.student')}
              <select value={manual.studentId} onChange={(e) => setManual({ ...manual, studentId: e.target.value })} required data-testid="manual-student">
                <option value="">—</option>
                {students.data?.items.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name} ({s.className})
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('cw.flags.level')}
              <select value={manual.level} onChange={(e) => setManual({ ...manual, level: e.target.value as 'risk' | 'watch' })}>
                <option value="risk">{t('cw.flags.risk')}</option>
                <option value="watch">{t('cw.flags.watch')}</option>
              </select>
            </label>
            <label className="wide">
              {t('cw.flags.reason')}
              <textarea value={manual.reason} onChange={(e) => setManual({ ...manual, reason: e.target.value })} required minLength={3} data-testid="manual-reason" />
            </label>
            <div>
              <button type="submit" className="btn primary" data-testid="manual-flag">
                {t('cw.flags.flagStudent')}
              </button>
            </div>
          </form>
        </section>
      </div>
    </>
  );
}
