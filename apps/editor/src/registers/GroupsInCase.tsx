/**
 * A case's group counselling sessions (`GET /api/cases/{id}/group-sessions`):
 * `CaseGroupSessions`, the section in the case's records panel, and
 * `GroupTimelineItem`, a session as an entry of the case's timeline. A
 * session is recorded once on the "Konseling kelompok" page and shows in
 * every member's case; other members are named only for a reader who may
 * open their case.
 */
import { useTranslation } from '../i18n/index.ts';
import { Link } from '../app/router.tsx';
import { errorText } from '../cases/http.ts';
import { SessionList } from './GroupsPage.tsx';
import { dateText, useCaseGroupSessions, type GroupSession } from './PartnersApi.ts';
import './PartnersMessages.ts';
import './PartnersPage.css';

export function CaseGroupSessions({ caseId }: { caseId: string }) {
  const { t } = useTranslation('satgas');
  const sessions = useCaseGroupSessions(caseId);
  return (
    <div className="reg-in-case" data-testid="case-group-sessions">
      <h3 style={{ fontSize: 14, margin: '10px 0 6px' }}>{t('groups.inCase')}</h3>
      {sessions.isError && <p className="cw-msg error" role="alert">{errorText(sessions.error)}</p>}
      {sessions.data && sessions.data.items.length === 0 && <p className="muted small">{t('groups.inCaseNone')}</p>}
      {sessions.data && sessions.data.items.length > 0 && <SessionList items={sessions.data.items} caseId={caseId} />}
    </div>
  );
}

/** One of the case's group sessions as an `<li>` entry of its timeline (the case page merges them by date among its events). */
export function GroupTimelineItem({ session: s, caseId }: { session: GroupSession; caseId: string }) {
  const { t, i18n } = useTranslation('satgas');
  return (
    <li data-testid="timeline-event" data-type="group_session" data-date={s.heldOn.slice(0, 10)}>
      <strong>{t('groups.timeline', { topic: s.topic })}</strong>
      {s.members.length > 1 && <div className="small">{t('groups.withOthers', { names: s.members.filter((m) => m.caseId !== caseId).map((m) => m.studentName).join(', ') })}</div>}
      <div className="muted small" data-testid="timeline-meta">
        {s.recordedBy.name} · {dateText(s.heldOn, i18n.language)}
      </div>
    </li>
  );
}

/** Under a counselling record's "group" mode: the session is better recorded once, for every member. */
export function GroupSessionHint() {
  const { t } = useTranslation('satgas');
  return (
    <p className="cw-msg info wide" data-testid="group-session-hint">
      <Link to="/registers/groups">{t('groups.recordOnce')}</Link>
    </p>
  );
}
