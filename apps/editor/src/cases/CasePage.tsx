/**
 * The case page (`/cases/:id`): the pathway drawn read-only with the current
 * step highlighted and the visited path marked, the actions allowed now with
 * the step's form, the timeline, notes, consent, referrals, activity records
 * and approvals. Works on a phone (one column) and prints as a case summary.
 */
import { useLayoutEffect, useState } from 'react';
import { Link, useParams } from '../app/router.tsx';
import { useTranslation } from '../i18n/index.ts';
import { useQuery } from '@tanstack/react-query';
import { Printer } from 'lucide-react';
import { removeBootPreview } from '../app/boot-data.ts';
import { useMe } from '../auth/session.ts';
import { CaseworkNav } from './CaseworkNav.tsx';
import { call } from './http.ts';
import { loc } from './i18n.ts';
import { cwKeys, useCase, useCaseEvents, useVersionDocument } from './queries.ts';
import { StepPanel } from './StepPanel.tsx';
import { lazySection, Section, whenSectionsReady } from './LazySection.tsx';
import { formatDate } from '../i18n/dates.ts';

// What a phone needs first is the student, the current step and its actions
// (this chunk): the drawn pathway (React Flow), the sections below the step
// (interventions, answers, aid, timeline) and the side panels load after that.
const CaseCanvas = lazySection(() => import('./CaseCanvas.tsx'), 'CaseCanvas');
const Details = lazySection(() => import('./CaseDetails.tsx'));
const SidePanels = lazySection(() => import('./CaseSidePanels.tsx'));

/** Prints the case summary once every section is on the page (their code arrives after the first view). */
async function printWhole(): Promise<void> {
  await Promise.allSettled([Details.preload(), SidePanels.preload()]);
  await whenSectionsReady();
  window.print();
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
  const [printing, setPrinting] = useState(false);
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
          <button
            type="button"
            className="btn small cw-no-print"
            aria-busy={printing || undefined}
            disabled={printing}
            onClick={() => {
              setPrinting(true);
              void printWhole().finally(() => setPrinting(false));
            }}
            data-testid="print"
          >
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
            <Section name="canvas" fallback={<div className="cw-canvas cw-canvas-loading" aria-busy="true" />}>
              {doc.data ? <CaseCanvas doc={doc.data} events={events.data?.items ?? []} current={c.stateValue} /> : <div className="cw-canvas cw-canvas-loading" aria-busy="true" />}
            </Section>
            <div style={{ height: 14 }} />
            <StepPanel view={c} doc={doc.data} />
            <Section name="details" minHeight={160}>
              <Details view={c} doc={doc.data} events={events.data?.items ?? []} role={me?.role} />
            </Section>
          </div>
          <div>
            <Section name="side" minHeight={160}>
              <SidePanels caseId={c.id} closed={c.status === 'closed'} role={me?.role} guardianName={student.data?.guardianName ?? null} />
            </Section>
          </div>
        </div>
      </div>
    </>
  );
}
