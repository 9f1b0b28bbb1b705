/**
 * A case's group counselling sessions (`GET /api/cases/{id}/group-sessions`):
 * `CaseGroupSessions`, the section in the case's records panel (a session
 * as an entry of the case's timeline is GroupTimelineItem.tsx). A
 * session is recorded once on the "Konseling kelompok" page and shows in
 * every member's case; other members are named only for a reader who may
 * open their case.
 */
import { useTranslation } from '../i18n/index.ts';
import { Link } from '../app/router.tsx';
import { errorText } from '../cases/http.ts';
import { SessionList } from './GroupsPage.tsx';
import { useCaseGroupSessions } from './PartnersApi.ts';
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

/** Under a counselling record's "group" mode: the session is better recorded once, for every member. */
export function GroupSessionHint() {
  const { t } = useTranslation('satgas');
  return (
    <p className="cw-msg info wide" data-testid="group-session-hint">
      <Link to="/registers/groups">{t('groups.recordOnce')}</Link>
    </p>
  );
}
