/**
 * The case board: cases grouped by their current step, one column per step
 * of the chosen pathway (in the pathway's order) with counts, the columns
 * grouped by stage (the pathway's top-level steps; a stage with no case
 * starts folded), filtered by class, risk factor, assignee, overdue and
 * status. Or the same cases as a list (student, class, step, due date, how
 * many school days late), the view each user chose remembered in this
 * browser.
 */
import { useMemo, useState } from 'react';
import { ChevronDown, ChevronRight, Columns3, List } from 'lucide-react';
import { Link } from '../app/router.tsx';
import { useTranslation } from '../i18n/index.ts';
import { useQuery } from '@tanstack/react-query';
import { useMe } from '../auth/session.ts';
import { call } from './http.ts';
import { CaseworkNav } from './CaseworkNav.tsx';
import { loc, RISK_FACTOR_LIST } from './i18n.ts';
import { boardStages, type BoardColumn, type BoardStage } from './board-columns.ts';
import { lateText } from './late.ts';
import { useCases, usePathways, useVersionDocument } from './queries.ts';
import type { CaseView, TaskList, TaskView } from './types.ts';
import { formatDate } from '../i18n/dates.ts';
import './board.css';

type BoardView = 'board' | 'list';
const viewKey = (userId: string) => `jalur.caseBoard.view:${userId}`;

/** The view this user last chose (board by default), per user in this browser. */
function storedView(userId: string | undefined): BoardView {
  if (!userId) return 'board';
  try {
    return localStorage.getItem(viewKey(userId)) === 'list' ? 'list' : 'board';
  } catch {
    return 'board';
  }
}

/** What the board shows of a case's open tasks: the earliest due date and how late the latest one is. */
interface Due {
  dueAt: string | null;
  overdue: boolean;
  lateSchoolDays: number | null;
}

function dueOf(tasks: readonly TaskView[]): Map<string, Due> {
  const out = new Map<string, Due>();
  for (const x of tasks) {
    if (x.status !== 'open' || !x.dueAt) continue;
    const d = out.get(x.caseId) ?? { dueAt: null, overdue: false, lateSchoolDays: null };
    if (!d.dueAt || x.dueAt < d.dueAt) d.dueAt = x.dueAt;
    if (x.urgency === 'overdue') {
      d.overdue = true;
      d.lateSchoolDays = Math.max(d.lateSchoolDays ?? 0, x.lateSchoolDays ?? 0);
    }
    out.set(x.caseId, d);
  }
  return out;
}

interface Filters {
  pathwayId: string;
  className: string;
  riskFactor: string;
  /** '' everyone, 'me', or a user id. */
  assignee: string;
  overdue: boolean;
  status: 'active' | 'closed';
}

function CaseCard({ c, overdue, due, lang }: { c: CaseView; overdue: boolean; due: Due | undefined; lang: string }) {
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
        {overdue && (
          <span className="cw-tag warn" data-testid="card-late">
            {due?.overdue ? lateText(t, due.lateSchoolDays) : t('cw.board.overdueBadge')}
          </span>
        )}
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
  const stages = useMemo(() => (doc.data ? boardStages(doc.data) : []), [doc.data]);
  const columns = stages.flatMap((st) => st.columns);
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
  const [chosenView, setChosenView] = useState<BoardView | null>(null);
  const view = chosenView ?? storedView(me?.id);
  const chooseView = (v: BoardView) => {
    setChosenView(v);
    try {
      if (me) localStorage.setItem(viewKey(me.id), v);
    } catch {
      // Private mode without storage: the choice lasts for this visit.
    }
  };
  const taskList = useQuery({ queryKey: ['cw', 'tasks', 'board'], queryFn: () => call<TaskList>('GET', '/api/tasks?scope=all') });
  const dues = useMemo(() => dueOf(taskList.data?.items ?? []), [taskList.data]);
  // Stages the user opened or folded; otherwise a stage with no case starts folded.
  const [folded, setFolded] = useState<Record<string, boolean>>({});
  const stageCount = (st: BoardStage) => st.columns.reduce((n, col) => n + (byStep.get(col.id)?.length ?? 0), 0);
  const isFolded = (st: BoardStage) => folded[st.id] ?? stageCount(st) === 0;
  const titleOf = (st: BoardStage) => (st.title ? loc(st.title, lang) : t('cw.board.stageClosed'));
  const stepTitles = (c: CaseView) => (c.steps.length > 0 ? c.steps.map((s) => loc(s.meta?.title, lang) || s.stateId).join(' + ') : t('cw.board.noSteps'));
  const listed = [...shown].sort((a, b) => {
    const da = dues.get(a.id);
    const db = dues.get(b.id);
    const late = (db?.lateSchoolDays ?? -1) - (da?.lateSchoolDays ?? -1);
    if (late !== 0) return late;
    return (da?.dueAt ?? '9999').localeCompare(db?.dueAt ?? '9999');
  });

  const column = (col: BoardColumn) => {
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
            <CaseCard key={c.id} c={c} overdue={overdueIds.has(c.id)} due={dues.get(c.id)} lang={lang} />
          ))}
        </div>
      </section>
    );
  };

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
          <div className="cw-view-switch" role="group" aria-label={t('cw.board.view')}>
            <button type="button" className={`btn small ${view === 'board' ? 'primary' : ''}`} aria-pressed={view === 'board'} onClick={() => chooseView('board')} data-testid="view-board">
              <Columns3 size={14} aria-hidden /> {t('cw.board.viewBoard')}
            </button>
            <button type="button" className={`btn small ${view === 'list' ? 'primary' : ''}`} aria-pressed={view === 'list'} onClick={() => chooseView('list')} data-testid="view-list">
              <List size={14} aria-hidden /> {t('cw.board.viewList')}
            </button>
          </div>
        </div>
        {cases.isPending && <p className="muted">{t('common.loading')}</p>}
        {cases.isError && <p className="cw-msg error">{cases.error.message}</p>}
        {cases.isSuccess && all.length === 0 && <p className="muted">{t('cw.board.empty')}</p>}
        {view === 'board' ? (
          <div className="cw-board" data-testid="board">
            {stages.map((st) => {
              const count = stageCount(st);
              const closedUp = isFolded(st);
              const single = st.columns.length === 1 && st.title !== null;
              if (single && !closedUp) return column(st.columns[0]!);
              return (
                <section key={st.id} className={`cw-stage ${closedUp ? 'is-folded' : ''}`} data-testid={`stage-${st.id}`} aria-label={titleOf(st)}>
                  <button
                    type="button"
                    className="cw-stage-head"
                    aria-expanded={!closedUp}
                    onClick={() => setFolded((x) => ({ ...x, [st.id]: !closedUp }))}
                    title={titleOf(st)}
                    data-testid="stage-toggle"
                  >
                    {closedUp ? <ChevronRight size={14} aria-hidden /> : <ChevronDown size={14} aria-hidden />}
                    <span className="cw-stage-title">{titleOf(st)}</span>
                    <span className="cw-col-count" data-testid="stage-count">
                      {count}
                    </span>
                    {closedUp && <span className="cw-stage-steps muted small">{t('cw.board.stageSteps', { count: st.columns.length })}</span>}
                  </button>
                  {!closedUp && <div className="cw-stage-cols">{st.columns.map(column)}</div>}
                </section>
              );
            })}
          </div>
        ) : (
          <table className="cw-table cw-case-list" data-testid="case-list">
            <caption className="sr-only">{t('cw.board.listCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('cw.flags.student')}</th>
                <th scope="col">{t('cw.board.cls')}</th>
                <th scope="col">{t('cw.case.current')}</th>
                <th scope="col">{t('cw.tasks.due')}</th>
                <th scope="col">{t('cw.board.late')}</th>
                <th scope="col">{t('cw.board.assignee')}</th>
              </tr>
            </thead>
            <tbody>
              {listed.map((c) => {
                const due = dues.get(c.id);
                const late = overdueIds.has(c.id) || due?.overdue;
                return (
                  <tr key={c.id} className={late ? 'is-overdue' : ''} data-testid="case-row">
                    <td>
                      <Link to={`/cases/${c.id}`}>{c.student?.name ?? c.studentId}</Link>
                    </td>
                    <td>{c.student?.className}</td>
                    <td>{stepTitles(c)}</td>
                    <td>{formatDate(due?.dueAt, lang)}</td>
                    <td className={late ? 'error-text' : 'muted'} data-testid="row-late">
                      {late ? lateText(t, due?.lateSchoolDays) : '—'}
                    </td>
                    <td>{c.assignee?.name || '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </div>
    </>
  );
}
