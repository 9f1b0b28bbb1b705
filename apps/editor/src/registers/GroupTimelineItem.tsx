/**
 * One of a case's group counselling sessions as an `<li>` entry of its
 * timeline (the case page merges them by date among its events). Apart from
 * GroupsInCase.tsx so that the case page's timeline does not bring the
 * "Konseling kelompok" page's code with it (issue 17).
 */
import { useTranslation } from '../i18n/index.ts';
import { dateText, type GroupSession } from './PartnersApi.ts';
import './PartnersMessages.ts';

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
