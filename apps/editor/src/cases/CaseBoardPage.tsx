/**
 * The case board: cases grouped by their current step, one column per step
 * of the chosen pathway (in the pathway's order) with counts, filtered by
 * class, risk factor, assignee, overdue and status.
 */
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { useMe } from '../auth/session.ts';
import { call } from './http.ts';
import { CaseworkNav } from './CaseworkNav.tsx';
import { loc, RISK_FACTOR_LIST } from './i18n.ts';
import { leafSteps } from './board-columns.ts';
import { useCases, usePathways, useVersionDocument } from './queries.ts';
import type { CaseView } from './types.ts';

interface Filters {
  pathwayId: string;
  className: string;
  riskFactor: string;
  /** '' everyone, 'me', or a user id. */
  assignee: string;
  overdue: boolean;
  status: 'active' | 'closed';
}

function CaseCard({ c, overdue, lang }: { c: CaseView; overdue: boolean; lang: string }) {
  const { t } = useTranslation();
  return (
    <Link to={`/cases/${c.id}`} className={`cw-card ${overdue ? 'is-overdue' : ''}`} data-testid="case-card">
      <div className="cw-card-name">{c.student?.name ?? c.studentId}</div>
      <div className="muted small">
        {c.student?.className} · {c.assignee?.name || '—'}
      </div>
      <div className="cw-tags">
        {c.riskFactors.map((r) => (
          <span key={r} className="cw-tag">
            {t(`cw.risk.${r}`)}
          </span>
        ))}
        {overdue && <span className="cw-tag warn">{t('cw.board.overdueBadge')}</span>}
        {c.steps.length > 1 && <span className="cw-tag watch">{c.steps.map((s) => loc(s.meta?.title, lang)).join(' + ')}</span>}
      </div>
    </Link>
  );
}

export function Component() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [f, setF] = useState<Filters>({ pathwayId: '', className: '', riskFactor: '', assignee: '', overdue: false, status: 'active' });
  const query = new URLSearchParams({ status: f.status, limit: '500', ...(f.riskFactor ? { riskFactor: f.riskFactor } : {}), ...(f.assignee ? { assignee: f.assignee } : {}) }).toString();
  const cases = useCases(query);
  const overdueCases = useCases(`${query}&overdue=true`);
  const pathways = usePathways();
  const me = useMe().data;
  const people = useQuery({
    queryKey: ['cw', 'assignees'],
    enabled: me?.role === 'guru_bk' || me?.role === 'kepsek',
    staleTime: 300_000,
    queryFn: () => call<{ items: { id: string; name: string; role: string }[] }>('GET', '/api/tasks/assignees'),
  });

  const all = cases.data?.items ?? [];
  const overdueIds = useMemo(() => new Set((overdueCases.data?.items ?? []).map((c) => c.id)), [overdueCases.data]);
  const counts = new Map<string, number>();
  for (const c of all) counts.set(c.pathwayId, (counts.get(c.pathwayId) ?? 0) + 1);
  const pathwayId = f.pathwayId || [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] || '';
  const pathway = pathways.data?.items.find((p) => p.id === pathwayId);
  const versions = [...new Set(all.filter((c) => c.pathwayId === pathwayId).map((c) => c.pathwayVersion))].sort((a, b) => b - a);
  const doc = useVersionDocument(pathwayId || undefined, versions[0] ?? pathway?.latestVersion);
  const classes = [...new Set(all.map((c) => c.student?.className).filter((x): x is string => Boolean(x)))].sort();

  const shown = all.filter((c) => c.pathwayId === pathwayId && (!f.className || c.student?.className === f.className) && (!f.overdue || overdueIds.has(c.id)));
  const columns = doc.data ? leafSteps(doc.data) : [];
  const known = new Set(columns.map((c) => c.id));
  const byStep = new Map<string, CaseView[]>();
  for (const c of shown) {
    const steps = c.stateValue.length > 0 ? c.stateValue : [''];
    for (const s of steps) {
      const key = known.has(s) ? s : '?';
      byStep.set(key, [...(byStep.get(key) ?? []), c]);
    }
  }
  const set = <K extends keyof Filters>(k: K, v: Filters[K]) => setF((x) => ({ ...x, [k]: v }));

  return (
    <>
      <CaseworkNav />
      <div className="cw-page">
        <h1>{t('cw.board.title')}</h1>
        <div className="cw-filters" role="group" aria-label={t('cw.board.title')}>
          <label>
            {t('cw.board.pathway')}
            <select value={pathwayId} onChange={(e) => set('pathwayId', e.target.value)} data-testid="board-pathway">
              {[...counts.keys()].map((id) => (
                <option key={id} value={id}>
                  {pathways.data?.items.find((p) => p.id === id)?.title ?? id} ({counts.get(id)})
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('cw.board.cls')}
            <select value={f.className} onChange={(e) => set('className', e.target.value)}>
              <option value="">{t('cw.board.all')}</option>
              {classes.map((c) => (
                <option key={c}>{c}</option>
              ))}
            </select>
          </label>
          <label>
            {t('cw.board.risk')}
            <select value={f.riskFactor} onChange={(e) => set('riskFactor', e.target.value)}>
              <option value="">{t('cw.board.all')}</option>
              {RISK_FACTOR_LIST.map((r) => (
                <option key={r} value={r}>
                  {t(`cw.risk.${r}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('cw.board.status')}
            <select value={f.status} onChange={(e) => set('status', e.target.value as Filters['status'])}>
              <option value="active">{t('cw.board.active')}</option>
              <option value="closed">{t('cw.board.closed')}</option>
            </select>
          </label>
          <label>
            {t('cw.board.assignee')}
            <select value={f.assignee} onChange={(e) => set('assignee', e.target.value)} data-testid="board-assignee">
              <option value="">{t('cw.board.all')}</option>
              <option value="me">{t('cw.board.mine')}</option>
              {(people.data?.items ?? []).filter((u) => u.id !== me?.id).map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          </label>
          <label className="check">
            <input type="checkbox" checked={f.overdue} onChange={(e) => set('overdue', e.target.checked)} /> {t('cw.board.overdue')}
          </label>
          <span className="muted small">{t('cw.board.count', { count: shown.length })}</span>
        </div>
        {cases.isPending && <p className="muted">{t('common.loading')}</p>}
        {cases.isError && <p className="cw-msg error">{cases.error.message}</p>}
        {cases.isSuccess && all.length === 0 && <p className="muted">{t('cw.board.empty')}</p>}
        <div className="cw-board" data-testid="board">
          {columns.map((col) => {
            const items = byStep.get(col.id) ?? [];
            return (
              <section key={col.id} className="cw-col" data-testid={`column-${col.id}`} aria-label={loc(col.title, lang)}>
                <div className="cw-col-head">
                  <span>{loc(col.title, lang)}</span>
                  <span className="cw-col-count" data-testid="column-count">
                    {items.length}
                  </span>
                </div>
                <div className="cw-col-body">
                  {items.map((c) => (
                    <CaseCard key={c.id} c={c} overdue={overdueIds.has(c.id)} lang={lang} />
                  ))}
                </div>
              </section>
            );
          })}
        </div>
      </div>
    </>
  );
}
