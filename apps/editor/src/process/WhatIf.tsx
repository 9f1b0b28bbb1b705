/**
 * What-if before publishing (issue 16): "Coba pada kasus nyata" in the
 * designer replays the school's active cases through the draft as it is on
 * the canvas now (`POST /api/pathways/{id}/what-if`; nothing is written) and
 * shows, per student, where the case is now and where it would be — and
 * first the cases that would get stuck, with the event and the reason.
 * Kepsek only, on the school's own pathways.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link } from '../app/router.tsx';
import { useTranslation } from '../i18n/index.ts';
import { FlaskConical, X } from 'lucide-react';
import type { PathwayDocument } from '@jalur/engine';
import { ApiFailure } from '../api/client.ts';
import { useMe } from '../auth/session.ts';
import { useEditor } from '../designer/store/editorStore.ts';
import { documentToModel } from '../designer/model/fromDocument.ts';
import type { TransitionEdge } from '../designer/model/types.ts';
import { eventName, formatDate, plainReason, StepNames, type Lang } from './model.ts';
import { runWhatIf, useActiveCases, usePathwayDetail, useVersionDocuments, type WhatIfAnswer, type WhatIfCase } from './queries.ts';
import './i18n.ts';
import './process.css';

type Stuck = Extract<WhatIfCase, { stuck: unknown }>;
type Replayed = Extract<WhatIfCase, { wouldBe: unknown }>;

const isStuck = (c: WhatIfCase): c is Stuck => 'stuck' in c;
const sameSteps = (a: readonly string[], b: readonly string[]) => [...a].sort().join(',') === [...b].sort().join(',');

/** A modal like the designer's, wide enough for the list. */
function WideDialog({ title, onClose, children }: { title: string; onClose(): void; children: React.ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const { t } = useTranslation();
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    ref.current?.querySelector<HTMLElement>('button')?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      before?.focus?.();
    };
  }, [onClose]);
  return (
    <div className="dialog-backdrop" onPointerDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="dialog whatif-dialog" role="dialog" aria-modal="true" aria-labelledby="whatif-title" ref={ref} data-testid="whatif-dialog">
        <div className="whatif-titlebar">
          <h2 id="whatif-title">{title}</h2>
          <button type="button" className="icon-btn" onClick={onClose} aria-label={t('common.close')} title={t('common.close')} data-testid="whatif-close">
            <X size={16} />
          </button>
        </div>
        {children}
      </div>
    </div>
  );
}

function Result({ pathwayId, answer, draft }: { pathwayId: string; answer: WhatIfAnswer; draft: PathwayDocument }) {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'id';
  const detail = usePathwayDetail(pathwayId);
  const versions = useMemo(() => (detail.data?.versions ?? []).map((v) => v.version).sort((a, b) => b - a), [detail.data]);
  const published = useVersionDocuments(pathwayId, versions);
  const cases = useActiveCases(pathwayId, true);
  const publishedDocs = versions.map((v) => published.docs.get(v));
  // Where a case is now is named from the published versions; where it would be, from the draft.
  const nowNames = useMemo(() => new StepNames([...publishedDocs, draft]), [publishedDocs, draft]); // eslint-disable-line react-hooks/exhaustive-deps
  const wouldNames = useMemo(() => new StepNames([draft, ...publishedDocs]), [publishedDocs, draft]); // eslint-disable-line react-hooks/exhaustive-deps
  const edges = useMemo<TransitionEdge[]>(
    () => [...publishedDocs, draft].flatMap((d) => (d ? documentToModel(d).edges : [])),
    [publishedDocs, draft], // eslint-disable-line react-hooks/exhaustive-deps
  );
  const tt = t as unknown as (k: string, o?: Record<string, unknown>) => string;
  const studentOf = (c: WhatIfCase) => cases.data?.get(c.caseId)?.student?.name ?? (cases.isPending ? '…' : t('proc.whatIf.unknownStudent'));
  const classOf = (c: WhatIfCase) => cases.data?.get(c.caseId)?.student?.className;
  const stuck = answer.cases.filter(isStuck);
  const replayed = answer.cases.filter((c): c is Replayed => !isStuck(c));
  const moved = replayed.filter((c) => !sameSteps(c.now, c.wouldBe));
  const unchanged = replayed.filter((c) => sameSteps(c.now, c.wouldBe));
  const byName = <T extends WhatIfCase>(xs: T[]) => [...xs].sort((a, b) => studentOf(a).localeCompare(studentOf(b), lang));

  const name = (c: WhatIfCase) => (
    <span className="whatif-name">
      <Link to={`/cases/${c.caseId}`} target="_blank" rel="noopener" aria-label={t('proc.whatIf.openCase', { name: studentOf(c) })}>
        {studentOf(c)}
      </Link>
      {classOf(c) && <span className="muted small"> · {classOf(c)}</span>}
    </span>
  );
  // The engine's usual refusal says the event again: the sentence before it names it already. Any other reason in the user's language, codes as words.
  const reasonText = (s: Stuck['stuck']) => (s.code === 'event_not_accepted' ? t('proc.whatIf.notAccepted') : plainReason(s.reason[lang] ?? s.reason.id, edges, lang, tt));

  if (answer.cases.length === 0) return <p className="muted" data-testid="whatif-none">{t('proc.whatIf.none')}</p>;
  return (
    <>
      <p className="whatif-summary" role="status" data-testid="whatif-summary">
        {t('proc.whatIf.summary', { total: answer.cases.length, stuck: answer.stuck, moved: answer.moved, unchanged: answer.unchanged })}
      </p>
      {stuck.length > 0 && (
        <section className="whatif-group is-stuck" aria-labelledby="whatif-stuck-h">
          <h3 id="whatif-stuck-h">
            {t('proc.whatIf.stuckTitle')} ({stuck.length})
          </h3>
          <ul className="whatif-list">
            {byName(stuck).map((c) => (
              <li key={c.caseId} className="whatif-item is-stuck" data-testid="whatif-stuck" data-case={c.caseId}>
                {name(c)}
                <span className="whatif-route">
                  <span className="muted">{t('proc.whatIf.now')}:</span> <span data-testid="whatif-now">{nowNames.list(c.now, lang)}</span>
                </span>
                <span className="whatif-route">
                  <span className="muted">{t('proc.whatIf.stuckIn')}:</span>{' '}
                  <strong data-testid="whatif-stuck-step" data-steps={c.stuck.steps.join(',')}>
                    {c.stuck.steps.length > 0 ? wouldNames.list(c.stuck.steps, lang) : t('proc.whatIf.notOpened')}
                  </strong>
                </span>
                <span className="whatif-reason" data-testid="whatif-reason" data-code={c.stuck.code}>
                  <strong>{t('proc.whatIf.stuckAt', { event: eventName(c.stuck.event, edges, lang, tt), date: formatDate(c.stuck.at, lang) })}</strong>
                  {' — '}
                  <span>{reasonText(c.stuck)}</span>
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {moved.length > 0 && (
        <section className="whatif-group" aria-labelledby="whatif-moved-h">
          <h3 id="whatif-moved-h">
            {t('proc.whatIf.movedTitle')} ({moved.length})
          </h3>
          <ul className="whatif-list">
            {byName(moved).map((c) => (
              <li key={c.caseId} className="whatif-item is-moved" data-testid="whatif-moved" data-case={c.caseId}>
                {name(c)}
                <span className="whatif-route">
                  <span data-testid="whatif-now">{nowNames.list(c.now, lang)}</span>
                  <span className="whatif-arrow" aria-label={t('proc.whatIf.wouldBe')}>
                    →
                  </span>
                  <strong data-testid="whatif-would-be">{c.status === 'done' ? `${t('proc.whatIf.closed')} (${wouldNames.list(c.wouldBe, lang)})` : wouldNames.list(c.wouldBe, lang)}</strong>
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {unchanged.length > 0 && (
        <details className="whatif-group" open={stuck.length + moved.length === 0}>
          <summary>
            <strong>
              {t('proc.whatIf.unchangedTitle')} ({unchanged.length})
            </strong>
          </summary>
          <ul className="whatif-list">
            {byName(unchanged).map((c) => (
              <li key={c.caseId} className="whatif-item is-same" data-testid="whatif-unchanged" data-case={c.caseId}>
                {name(c)}
                <span className="whatif-route">
                  <span data-testid="whatif-now">{nowNames.list(c.now, lang)}</span>
                </span>
              </li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
}

/** The designer's "Coba pada kasus nyata" button and its result. */
export function WhatIfButton({ pathwayId }: { pathwayId: string }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const detail = usePathwayDetail(pathwayId);
  const [open, setOpen] = useState(false);
  const [state, setState] = useState<{ kind: 'running' } | { kind: 'done'; answer: WhatIfAnswer; draft: PathwayDocument } | { kind: 'error'; text: string } | null>(null);
  const close = useCallback(() => setOpen(false), []);

  const run = async () => {
    setOpen(true);
    setState({ kind: 'running' });
    const draft = useEditor.getState().toDocument();
    try {
      setState({ kind: 'done', answer: await runWhatIf(pathwayId, draft), draft });
    } catch (e) {
      if (e instanceof ApiFailure && e.code === 'lint_failed') {
        const count = (e.details as { diagnostics?: unknown[] } | undefined)?.diagnostics?.length ?? 1;
        setState({ kind: 'error', text: t('proc.whatIf.lintFailed', { count }) });
      } else if (e instanceof ApiFailure && e.code === 'invalid_document') setState({ kind: 'error', text: t('proc.whatIf.invalid') });
      else setState({ kind: 'error', text: t('proc.whatIf.failed', { error: e instanceof Error ? e.message : String(e) }) });
    }
  };

  if (me?.role !== 'kepsek' || detail.data?.scope !== 'school') return null;
  return (
    <>
      <button type="button" className="btn" onClick={() => void run()} title={t('proc.whatIf.hint')} data-testid="whatif-run">
        <FlaskConical size={15} aria-hidden /> {t('proc.whatIf.button')}
      </button>
      {open && (
        <WideDialog title={t('proc.whatIf.title')} onClose={close}>
          <div className="whatif-body">
            <p className="muted small">{t('proc.whatIf.intro')}</p>
            {state?.kind === 'running' && (
              <p className="muted" role="status">
                {t('proc.whatIf.running')}
              </p>
            )}
            {state?.kind === 'error' && (
              <p className="error-text" role="alert" data-testid="whatif-error">
                {state.text}
              </p>
            )}
            {state?.kind === 'done' && <Result pathwayId={pathwayId} answer={state.answer} draft={state.draft} />}
          </div>
          <div className="dialog-actions">
            <button type="button" className="btn" onClick={() => void run()} disabled={state?.kind === 'running'} data-testid="whatif-again">
              {t('proc.whatIf.again')}
            </button>
            <button type="button" className="btn primary" onClick={close}>
              {t('common.close')}
            </button>
          </div>
        </WideDialog>
      )}
    </>
  );
}
