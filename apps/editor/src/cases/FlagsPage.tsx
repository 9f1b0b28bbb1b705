/**
 * Early warning: every flagged student with the reasons (rule findings in
 * words, manual flags by a wali kelas), whether the flag has held long
 * enough to propose a case, and one click to open a case. Each student's row
 * proposes the pathway that fits their risk factors (`propose-pathway.ts`);
 * the pathway menu can choose one for every row instead. Only the school's
 * published pathways that are not archived are offered, each once.
 */
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate } from '../app/router.tsx';
import { useTranslation } from '../i18n/index.ts';
import { useQueries, useQueryClient } from '@tanstack/react-query';
import { useMe } from '../auth/session.ts';
import { CaseworkNav } from './CaseworkNav.tsx';
import { RulesEditor } from './RulesEditor.tsx';
import { call, errorText } from './http.ts';
import { loc, RISK_FACTOR_LIST } from './i18n.ts';
import { cwKeys, useCases, useEarlyWarning, usePathways, useStudents } from './queries.ts';
import { proposePathway, uniquePathways } from './propose-pathway.ts';
import type { FlaggedStudent, VersionDetail } from './types.ts';
import { formatDate } from '../i18n/dates.ts';
import './more-i18n.ts';

export function Component() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const qc = useQueryClient();
  const navigate = useNavigate();
  const me = useMe().data;
  const ew = useEarlyWarning();
  const pathways = usePathways();
  const students = useStudents('');
  // The school's own published pathways that are not archived, each once (templates of the dinas are adopted first).
  const published = uniquePathways((pathways.data?.items ?? []).filter((p) => p.scope === 'school' && p.latestVersion !== null && p.archivedAt === null));
  const documents = useQueries({
    queries: published.map((p) => ({
      queryKey: cwKeys.version(p.id, p.latestVersion ?? 0),
      staleTime: Infinity,
      queryFn: async () => (await call<VersionDetail>('GET', `/api/pathways/${p.id}/versions/${p.latestVersion}`)).document as unknown,
    })),
  });
  const openCases = useCases('status=active&limit=500');
  const choices = useMemo(() => {
    const open = new Map<string, number>();
    for (const c of openCases.data?.items ?? []) open.set(c.pathwayId, (open.get(c.pathwayId) ?? 0) + 1);
    return published.map((p, i) => ({ id: p.id, title: p.title, document: documents[i]?.data, openCases: open.get(p.id) ?? 0 }));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [published.map((p) => p.id).join(), documents.map((d) => d.dataUpdatedAt).join(), openCases.data]);
  /** The student's risk factors: the boxes ticked above, else what their flags' rules found. */
  const factorsOf = (s: FlaggedStudent): string[] => {
    if (factors.length > 0) return factors;
    const found = s.flags.map((f) => (f.details as { riskFactor?: unknown } | null)?.riskFactor).filter((x): x is string => typeof x === 'string');
    return [...new Set(found)];
  };
  const proposalFor = (s: FlaggedStudent) => proposePathway(choices, factorsOf(s), RISK_FACTOR_LIST);
  /** '' = each student's proposed pathway. */
  const [pathwayId, setPathwayId] = useState('');
  const [msg, setMsg] = useState<string | null>(null);
  const [factors, setFactors] = useState<string[]>([]);
  const [manual, setManual] = useState({ studentId: '', reason: '', level: 'risk' as 'risk' | 'watch' });
  const canOpen = me?.role === 'guru_bk' || me?.role === 'kepsek';

  const open = async (flagId: string, chosen: string) => {
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
              <select value={pathwayId} onChange={(e) => setPathwayId(e.target.value)} data-testid="flag-pathway">
                <option value="">{t('cw.flags.proposed')}</option>
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
            {ew.data?.items.map((s) => {
              const proposal = proposalFor(s);
              const chosen = pathwayId || proposal?.id || '';
              const chosenTitle = published.find((p) => p.id === chosen)?.title;
              return (
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
                          {t('cw.flags.since')} {formatDate(f.since, lang)} ·{' '}
                          {f.waitingToClear ? t('cw.flags.waitingClear') : f.proposesCase ? <strong>{t('cw.flags.proposes')}</strong> : t('cw.flags.holding', { date: formatDate(f.proposesCaseAt, lang) })}
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
                      <>
                        <button type="button" className="btn small primary" disabled={!chosen} onClick={() => void open(s.flags[0]!.id, chosen)} data-testid="open-case">
                          {t('cw.flags.openCase')}
                        </button>
                        {chosenTitle && (
                          <div className="muted small" data-testid="proposed-pathway" data-pathway={chosen}>
                            {t('cw.flags.onPathway')}: {chosenTitle}
                            {!pathwayId && proposal && proposal.matched.length > 0 && (
                              <> ({t('cw.flags.fits', { factors: proposal.matched.map((f) => t(`cw.risk.${f}`)).join(', ') })})</>
                            )}
                          </div>
                        )}
                      </>
                    )
                  )}
                </td>
              </tr>
              );
            })}
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
