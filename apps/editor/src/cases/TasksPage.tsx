/**
 * "My tasks": each open step due for my role or assigned to me, overdue ones
 * highlighted and counted; the kepsek's approvals; in-app notifications
 * (due tomorrow / overdue reminders).
 */
import { Link } from '../app/router.tsx';
import { useTranslation } from '../i18n/index.ts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMe } from '../auth/session.ts';
import { CaseworkNav } from './CaseworkNav.tsx';
import { call } from './http.ts';
import { loc } from './i18n.ts';
import { lateText } from './late.ts';
import { useDates } from '../i18n/dates.ts';
import { cwKeys, useNotifications, useTasks } from './queries.ts';
import type { TaskView } from './types.ts';

export function Component() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const dates = useDates();
  const qc = useQueryClient();
  const tasks = useTasks();
  const notes = useNotifications();
  const counts = tasks.data?.counts;
  const urgencyText: Record<string, string> = { overdue: t('cw.tasks.overdue'), due_today: t('cw.tasks.today'), due_tomorrow: t('cw.tasks.tomorrow'), later: t('cw.tasks.later'), no_due_date: t('cw.tasks.noDue') };
  const me = useMe().data;
  // The kepsek sees every step waiting for approval, whatever roles the step names.
  const approvalList = useQuery({
    queryKey: ['cw', 'approvals'],
    enabled: me?.role === 'kepsek' || me?.role === 'guru_bk',
    queryFn: () => call<{ items: TaskView[] }>('GET', '/api/approvals'),
  });
  const approvals = (approvalList.data?.items ?? []).filter((x) => x.approval === 'pending');
  const markRead = async (id: string) => {
    await call('POST', `/api/notifications/${id}/read`);
    await qc.invalidateQueries({ queryKey: cwKeys.notifications });
  };
  return (
    <>
      <CaseworkNav />
      <div className="cw-page">
        <h1>{t('cw.tasks.title')}</h1>
        {counts && (
          <div className="cw-counts" data-testid="task-counts">
            <span className={`cw-count ${counts.overdue > 0 ? 'bad' : ''}`} data-testid="overdue-count">
              {t('cw.tasks.overdue')}: {counts.overdue}
            </span>
            <span className="cw-count">
              {t('cw.tasks.today')}: {counts.due_today}
            </span>
            <span className="cw-count">
              {t('cw.tasks.tomorrow')}: {counts.due_tomorrow}
            </span>
          </div>
        )}
        {tasks.isError && <p className="cw-msg error">{tasks.error.message}</p>}
        {tasks.data?.items.length === 0 && <p className="muted">{t('cw.tasks.empty')}</p>}
        {approvals.length > 0 && (
          <section className="cw-section">
            <h2>{t('cw.tasks.approvals')}</h2>
            <ul className="cw-list" data-testid="approvals">
              {approvals.map((a) => (
                <li key={a.id}>
                  <Link to={`/cases/${a.caseId}`}>{a.student.name}</Link> — {loc(a.title, lang)}
                </li>
              ))}
            </ul>
          </section>
        )}
        <table className="cw-table" data-testid="tasks">
          <thead>
            <tr>
              <th>{t('cw.flags.student')}</th>
              <th>{t('cw.case.current')}</th>
              <th>{t('cw.tasks.due')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {tasks.data?.items.map((x) => (
              <tr key={x.id} className={x.urgency === 'overdue' ? 'is-overdue' : ''} data-testid="task" data-urgency={x.urgency}>
                <td>
                  <Link to={`/cases/${x.caseId}`}>{x.student.name}</Link> <span className="muted small">{x.student.className}</span>
                </td>
                <td>
                  {loc(x.title, lang)}
                  {x.requiresApproval && <span className="cw-tag watch"> {t('cw.case.approval')}</span>}
                </td>
                <td className={x.urgency === 'overdue' ? 'error-text' : ''}>
                  {dates.date(x.dueAt)} · <span data-testid="task-urgency">{x.urgency === 'overdue' ? lateText(t, x.lateSchoolDays) : urgencyText[x.urgency]}</span>
                </td>
                <td>
                  <Link to={`/cases/${x.caseId}`} className="btn small">
                    {t('cw.board.open')}
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <section className="cw-section" style={{ marginTop: 16 }}>
          <h2>{t('cw.tasks.notifications')}</h2>
          {notes.data?.items.length === 0 && <p className="muted small">{t('cw.tasks.noNotifications')}</p>}
          <ul className="cw-list" data-testid="notifications">
            {notes.data?.items.map((n) => (
              <li key={n.id} data-kind={n.kind} style={{ opacity: n.read ? 0.6 : 1 }}>
                {loc(n.body, lang)}
                <div className="meta">
                  {dates.dateTime(n.createdAt)} {n.caseId && <Link to={`/cases/${n.caseId}`}>→</Link>}{' '}
                  {!n.read && (
                    <button type="button" className="link-btn" onClick={() => void markRead(n.id)}>
                      {t('cw.tasks.markRead')}
                    </button>
                  )}
                </div>
              </li>
            ))}
          </ul>
        </section>
      </div>
    </>
  );
}
