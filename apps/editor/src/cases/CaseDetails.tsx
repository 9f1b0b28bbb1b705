/**
 * The case page's main column below the current step: extra interventions
 * and skipped steps (guru BK, kepsek), the submitted steps' answers, the aid
 * paid out and the timeline with its group counselling sessions. Its own
 * chunk (issue 17): a phone draws the student, the current step and its
 * actions first, and this arrives after.
 */
import type { PathwayDocument } from '@jalur/engine';
import { useTranslation } from '../i18n/index.ts';
import { formatDate } from '../i18n/dates.ts';
import { useCaseGroupSessions } from '../registers/PartnersApi.ts';
import { GroupTimelineItem } from '../registers/GroupTimelineItem.tsx';
import { CaseMoney } from './CaseMoney.tsx';
import { loc } from './i18n.ts';
import { CaseWorkPanel, caseworkDetail } from './InterventionDialog.tsx';
import { StepAnswers, TimelineAnswers } from './StepAnswers.tsx';
import { mergeTimeline } from './timeline-merge.ts';
import type { CaseEventView, CaseView } from './types.ts';

/** The title of a step path in a document, or the path itself. */
function stepTitle(doc: PathwayDocument | undefined, path: string, lang: string): string {
  if (!doc) return path;
  let node: { states?: Record<string, unknown>; meta?: { title?: { id: string; en?: string } } } | undefined = { states: doc.machine.states as never };
  for (const part of path.split('.')) node = node?.states?.[part] as typeof node;
  return loc(node?.meta?.title, lang) || path;
}

/** The button label of `event` as the pathway names it, from the steps the case was in. */
function eventLabel(doc: PathwayDocument | undefined, before: string | null, event: string, lang: string): string | null {
  if (!doc || !before) return null;
  for (const leaf of before.split(',')) {
    const parts = leaf.split('.');
    for (let depth = parts.length; depth > 0; depth--) {
      let node: { states?: Record<string, unknown>; on?: Record<string, unknown> } | undefined = { states: doc.machine.states as never };
      for (const part of parts.slice(0, depth)) node = node?.states?.[part] as typeof node;
      const t = node?.on?.[event];
      const list = (Array.isArray(t) ? t : t ? [t] : []) as { meta?: { label?: { id: string; en?: string } } }[];
      const label = list.find((x) => typeof x === 'object' && x.meta?.label)?.meta?.label;
      if (label) return loc(label, lang);
    }
  }
  return null;
}

const SYSTEM_EVENTS: Record<string, [string, string]> = {
  'case.opened': ['Kasus dibuka', 'Case opened'],
  'consent.recorded': ['Persetujuan orang tua/wali dicatat', 'Parent/guardian consent recorded'],
  'approval.decided': ['Keputusan kepala sekolah', 'Principal’s decision'],
  'approval.requested': ['Diajukan ulang ke kepala sekolah', 'Asked the principal again'],
  'riskFactor.added': ['Faktor risiko ditambahkan', 'Risk factor added'],
  'riskFactor.removed': ['Faktor risiko dihapus', 'Risk factor removed'],
  'intervention.skipped': ['Langkah dilewati', 'Step skipped'],
  'intervention.added': ['Intervensi tambahan dicatat', 'Intervention added'],
  'intervention.completed': ['Intervensi tambahan selesai', 'Added intervention done'],
};

function Timeline({ events, doc, caseId }: { events: readonly CaseEventView[]; doc: PathwayDocument | undefined; /** Its group counselling sessions join the timeline, by date. */ caseId: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const sessions = useCaseGroupSessions(caseId);
  const entries = mergeTimeline(events, sessions.data?.items ?? []);
  return (
    <section className="cw-section" aria-labelledby="cw-timeline">
      <h2 id="cw-timeline">{t('cw.case.timeline')}</h2>
      <ol className="cw-timeline" data-testid="timeline">
        {entries.map((entry) => {
          if (entry.kind === 'group') return <GroupTimelineItem key={`group-${entry.item.id}`} session={entry.item} caseId={caseId} />;
          const e = entry.item;
          const sys = SYSTEM_EVENTS[e.type];
          const moved = e.stateBefore !== null && e.stateBefore !== e.stateAfter;
          const detail = caseworkDetail(e as never, lang, (s) => stepTitle(doc, s, lang), (k) => t(`kind.${k}`));
          return (
            <li key={e.id} data-testid="timeline-event" data-type={e.type} data-date={entry.day}>
              <strong>{sys ? (lang === 'en' ? sys[1] : sys[0]) : e.type.startsWith('xstate.after.') ? (lang === 'en' ? 'Timer' : 'Pengingat waktu') : (eventLabel(doc, e.stateBefore, e.type, lang) ?? e.type)}</strong>
              {moved && (
                <span className="muted">
                  {' '}
                  → {e.stateAfter.split(',').filter(Boolean).map((s) => stepTitle(doc, s, lang)).join(' + ')}
                </span>
              )}
              {detail && (
                <div className="small" data-testid="timeline-reason">
                  {detail}
                </div>
              )}
              <div className="muted small" data-testid="timeline-meta">
                {e.actorName ? `${e.actorName} · ` : ''}
                {formatDate(e.at, lang, 'dateTime')}
              </div>
              <TimelineAnswers caseId={caseId} seq={e.seq} />
            </li>
          );
        })}
      </ol>
    </section>
  );
}

export default function CaseDetails({ view, doc, events, role }: { view: CaseView; doc: PathwayDocument | undefined; events: readonly CaseEventView[]; role: string | undefined }) {
  return (
    <>
      {(role === 'guru_bk' || role === 'kepsek') && <CaseWorkPanel view={view} />}
      <StepAnswers caseId={view.id} />
      <CaseMoney caseId={view.id} role={role} />
      <Timeline events={events} doc={doc} caseId={view.id} />
    </>
  );
}
