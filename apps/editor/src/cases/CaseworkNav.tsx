/** The case-work area's own tabs: board, my tasks, students, early warning, calendar. */
import { NavLink } from '../app/router.tsx';
import { useTranslation } from '../i18n/index.ts';
import { useMe } from '../auth/session.ts';
import { useOutbox } from './outbox.ts';
import { useTasks } from './queries.ts';
import './i18n.ts';
import './school-year-core-i18n.ts';
import './cases.css';

export function CaseworkNav() {
  const { t } = useTranslation();
  const me = useMe().data;
  const outbox = useOutbox();
  const overdue = useTasks().data?.counts.overdue ?? 0;
  const role = me?.role;
  return (
    <nav className="cw-tabs" aria-label={t('cw.nav.label')}>
      <NavLink to="/cases" end>
        {t('cw.nav.board')}
      </NavLink>
      <NavLink to="/cases/tasks">
        {t('cw.nav.tasks')}
        {overdue > 0 && (
          <span className="cw-nav-badge" title={t('cw.tasks.overdue')} data-testid="nav-overdue">
            {overdue}
          </span>
        )}
      </NavLink>
      {role !== 'tim' && <NavLink to="/cases/students">{t('cw.nav.students')}</NavLink>}
      {role !== 'tim' && <NavLink to="/cases/flags">{t('cw.nav.flags')}</NavLink>}
      {(role === 'kepsek' || role === 'guru_bk') && <NavLink to="/process">{t('app.process')}</NavLink>}
      {role === 'kepsek' && <NavLink to="/cases/calendar">{t('cw.nav.calendar')}</NavLink>}
      {role === 'kepsek' && <NavLink to="/cases/rollover">{t('sy.nav.rollover')}</NavLink>}
      {outbox.items.length > 0 && (
        <span className="cw-unsent-pill" data-testid="outbox-count" title={t('cw.records.unsentHelp')}>
          {t('cw.records.unsent')}: {outbox.items.length}
        </span>
      )}
    </nav>
  );
}
