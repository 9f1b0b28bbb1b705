/**
 * The case page (`/cases/:id`): the pathway drawn read-only with the current
 * step highlighted and the visited path marked, the actions allowed now with
 * the step's form, the timeline, notes, consent, referrals, activity records
 * and approvals. Works on a phone (one column) and prints as a case summary.
 */
import { lazy, Suspense, useLayoutEffect } from 'react';
import { Link, useParams } from '../app/router.tsx';
import { useTranslation } from '../i18n/index.ts';
import { useQuery } from '@tanstack/react-query';
import { Printer } from 'lucide-react';
import type { PathwayDocument } from '@jalur/engine';
import { removeBootPreview } from '../app/boot-data.ts';
import { useMe } from '../auth/session.ts';
import { CaseworkNav } from './CaseworkNav.tsx';
import { call } from './http.ts';
import { loc } from './i18n.ts';
import { cwKeys, useCase, useCaseEvents, useVersionDocument } from './queries.ts';
import { StepPanel } from './StepPanel.tsx';
import { GroupTimelineItem } from '../registers/GroupsInCase.tsx';
import { useCaseGroupSessions } from '../registers/PartnersApi.ts';
import { mergeTimeline } from './timeline-merge.ts';
import { CaseMoney } from './CaseMoney.tsx';
import { StepAnswers, TimelineAnswers } from './StepAnswers.tsx';
import { CaseWorkPanel, caseworkDetail } from './InterventionDialog.tsx';
import type { CaseEventView } from './types.ts';
import { formatDate } from '../i18n/dates.ts';

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

// What a phone needs first is the student, the current step and its actions:
// the drawn pathway (React Flow) and the side panels load after that.
const CaseCanvas = lazy(() => import('./CaseCanvas.tsx').then((m) => ({ default: m.CaseCanvas })));
const SidePanels = lazy(() => import('./CaseSidePanels.tsx'));

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
          return (
            <li key={e.id} data-testid="timeline-event" data-type={e.type} data-date={entry.day}>
              <strong>{sys ? (lang === 'en' ? sys[1] : sys[0]) : e.type.startsWith('xstate.after.') ? (lang === 'en' ? 'Timer' : 'Pengingat waktu') : (eventLabel(doc, e.stateBefore, e.type, lang) ?? e.type)}</strong>
              {moved && (
                <span className="muted">
                  {' '}
                  → {e.stateAfter.split(',').filter(Boolean).map((s) => stepTitle(doc, s, lang)).join(' + ')}
                </span>
              )}
              {caseworkDetail(e as never, lang, (s) => stepTitle(doc, s, lang), (k) => t(`kind.${k}`)) && (
                <div className="small" data-testid="timeline-reason">
                  {caseworkDetail(e as never, lang, (s) => stepTitle(doc, s, lang), (k) => t(`kind.${k}`))}
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

export function Component() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const me = useMe().data;
  const view = useCase(id);
  const events = useCaseEvents(id);
  const doc = useVersionDocument(view.data?.pathwayId, view.data?.pathwayVersion);
  const opening = useQuery({
    queryKey: [...cwKeys.case(id), 'opening'],
    enabled: me?.role === 'guru_bk' || me?.role === 'kepsek',
    queryFn: () => call<{ indicatorsAtOpen: { flags?: { reason?: { id: string; en?: string } }[]; facts?: Record<string, unknown> } | null }>('GET', `/api/cases/${id}/opening`),
  });
  const student = useQuery({
    queryKey: [...cwKeys.case(id), 'student', view.data?.studentId],
    enabled: Boolean(view.data?.studentId),
    queryFn: () => call<{ guardianName: string | null }>('GET', `/api/students/${view.data!.studentId}`),
  });

  // boot.js may have drawn a first view of this case while the code loaded: the page replaces it.
  useLayoutEffect(() => {
    if (!view.isPending) removeBootPreview();
  });

  if (view.isPending) return <div className="splash">{t('common.loading')}</div>;
  if (view.isError)
    return (
      <>
        <CaseworkNav />
        <div className="cw-page">
          <p className="cw-msg error" role="alert">
            {view.error.message}
          </p>
          <Link to="/cases">{t('cw.case.back')}</Link>
        </div>
      </>
    );
  const c = view.data;
  const opened = opening.data?.indicatorsAtOpen;
  return (
    <>
      <CaseworkNav />
      <div className="cw-page" data-testid="case-page" data-status={c.status}>
        <div className="cw-case-head">
          <h1 data-testid="case-student">{c.student?.name ?? c.studentId}</h1>
          <span className="muted">
            {t('cw.case.cls')} {c.student?.className}
          </span>
          <span className={`cw-tag ${c.status === 'closed' ? 'ok' : 'watch'}`} data-testid="case-status">
            {c.status === 'closed' ? t('cw.case.closed') : t('cw.board.active')}
          </span>
          {c.riskFactors.map((r) => (
            <span key={r} className="cw-tag">
              {t(`cw.risk.${r}`)}
            </span>
          ))}
          <span className="muted small">
            {t('cw.case.assignee')}: {c.assignee?.name || '—'} · {t('cw.case.opened')} {formatDate(c.openedAt, lang)}
          </span>
          <button type="button" className="btn small cw-no-print" onClick={() => window.print()} data-testid="print">
            <Printer size={14} aria-hidden /> {t('cw.case.print')}
          </button>
        </div>
        <div className="cw-summary-only">
          <h2>{t('cw.case.summary')}</h2>
          <p>
            {t('cw.case.current')}: {c.steps.map((s) => loc(s.meta?.title, lang) || s.stateId).join(', ')} · {t('cw.case.printedAt')} {formatDate(new Date(), lang, 'dateTime')}
          </p>
        </div>
        {opened?.flags && opened.flags.length > 0 && (
          <div className="cw-msg info" data-testid="opening-indicators">
            <strong>{t('cw.case.indicators')}:</strong> {opened.flags.map((f) => loc(f.reason, lang)).join(' · ')}
          </div>
        )}
        <div className="cw-case">
          <div>
            <Suspense fallback={<div className="cw-canvas cw-canvas-loading" aria-busy="true" />}>
              {doc.data ? <CaseCanvas doc={doc.data} events={events.data?.items ?? []} current={c.stateValue} /> : <div className="cw-canvas cw-canvas-loading" aria-busy="true" />}
            </Suspense>
            <div style={{ height: 14 }} />
            <StepPanel view={c} doc={doc.data} />
            {(me?.role === 'guru_bk' || me?.role === 'kepsek') && <CaseWorkPanel view={c} />}
            <StepAnswers caseId={c.id} />
            <CaseMoney caseId={c.id} role={me?.role} />
            <Timeline events={events.data?.items ?? []} doc={doc.data} caseId={c.id} />
          </div>
          <div>
            <Suspense fallback={<p className="muted small">{t('common.loading')}</p>}>
              <SidePanels caseId={c.id} closed={c.status === 'closed'} role={me?.role} guardianName={student.data?.guardianName ?? null} />
            </Suspense>
          </div>
        </div>
      </div>
    </>
  );
}
