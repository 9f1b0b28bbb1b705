/**
 * The case page's record of submitted steps (issue 15, "step data stays
 * visible"): each step once it was submitted, who submitted it (by name) and
 * when, and its answers as words — choices by their labels, register entries
 * by their names (the server words them: `GET /api/cases/{id}/answers`). A
 * step above the reader's confidentiality level says so and shows nothing.
 */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from '../i18n/index.ts';
import { call } from './http.ts';
import { cwKeys } from './queries.ts';
import { formatDate } from '../i18n/dates.ts';

interface Words {
  id: string;
  en: string;
}
export interface StepAnswersItem {
  seq: number;
  at: string;
  stateId: string;
  step: Words;
  actorName: string | null;
  confidentiality: 'umum' | 'terbatas' | 'rahasia';
  visible: boolean;
  answers: { field: string; label: Words; value: Words }[] | null;
}

const TEXT = {
  title: ['Jawaban langkah', 'Step answers'],
  none: ['Belum ada langkah yang dikirim dengan isian.', 'No step has been submitted with answers yet.'],
  by: ['oleh', 'by'],
  system: ['Sistem', 'System'],
  hidden: ['Isian langkah ini hanya untuk yang berwenang (tingkat {level}).', 'This step’s answers are for authorised staff only ({level}).'],
  umum: ['Umum', 'General'],
  terbatas: ['Terbatas', 'Restricted'],
  rahasia: ['Rahasia', 'Confidential'],
} as const;

export function useStepAnswers(caseId: string) {
  return useQuery({ queryKey: [...cwKeys.case(caseId), 'answers'], queryFn: () => call<{ items: StepAnswersItem[] }>('GET', `/api/cases/${caseId}/answers`) });
}

export function StepAnswers({ caseId }: { caseId: string }) {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en';
  const say = (k: keyof typeof TEXT) => TEXT[k][en ? 1 : 0];
  const w = (x: Words) => (en ? x.en : x.id);
  const answers = useStepAnswers(caseId);
  const items = answers.data?.items ?? [];
  return (
    <section className="cw-section" aria-labelledby="cw-step-answers" data-testid="step-answers">
      <h2 id="cw-step-answers">{say('title')}</h2>
      {answers.isError && (
        <p className="cw-msg error" role="alert">
          {answers.error.message}
        </p>
      )}
      {answers.isSuccess && items.length === 0 && <p className="muted small">{say('none')}</p>}
      <ol className="cw-answers" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {[...items].reverse().map((s) => (
          <li key={s.seq} style={{ borderTop: '1px solid var(--line)', padding: '8px 0', fontSize: 13 }} data-testid="step-answer" data-step={s.stateId} data-visible={s.visible}>
            <div>
              <strong>{w(s.step)}</strong>
              {s.confidentiality !== 'umum' && <span className={`cw-tag ${s.confidentiality === 'rahasia' ? 'warn' : 'watch'}`}> {say(s.confidentiality)}</span>}
            </div>
            <div className="muted small" data-testid="step-answer-by">
              {say('by')} {s.actorName ?? say('system')} · {formatDate(s.at, en ? 'en' : 'id', 'dateTime')}
            </div>
            {s.visible && s.answers ? (
              <dl className="cw-answer-list" style={{ margin: '6px 0 0', display: 'grid', gap: 4 }}>
                {s.answers.map((a) => (
                  <div key={a.field} data-field={a.field} style={{ display: 'flex', flexWrap: 'wrap', gap: '0 8px', overflowWrap: 'anywhere' }}>
                    <dt className="muted" style={{ minWidth: 120 }}>{w(a.label)}</dt>
                    <dd style={{ margin: 0, flex: '1 1 160px' }}>{w(a.value)}</dd>
                  </div>
                ))}
              </dl>
            ) : (
              <p className="muted small" data-testid="step-answer-hidden">
                {say('hidden').replace('{level}', say(s.confidentiality))}
              </p>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** A timeline entry's answers (the same words as the section above), folded; nothing when the event recorded none. */
export function TimelineAnswers({ caseId, seq }: { caseId: string; seq: number }) {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en';
  const item = useStepAnswers(caseId).data?.items.find((i) => i.seq === seq);
  if (!item) return null;
  const w = (x: Words) => (en ? x.en : x.id);
  if (!item.visible || !item.answers) {
    return (
      <div className="muted small" data-testid="timeline-answers-hidden">
        {TEXT.hidden[en ? 1 : 0].replace('{level}', TEXT[item.confidentiality][en ? 1 : 0])}
      </div>
    );
  }
  return (
    <details className="small" data-testid="timeline-answers">
      <summary>{en ? 'Answers' : 'Jawaban'} ({item.answers.length})</summary>
      <dl style={{ margin: '4px 0 0', display: 'grid', gap: 2 }}>
        {item.answers.map((a) => (
          <div key={a.field} style={{ display: 'flex', flexWrap: 'wrap', gap: '0 6px', overflowWrap: 'anywhere' }}>
            <dt className="muted">{w(a.label)}:</dt>
            <dd style={{ margin: 0 }}>{w(a.value)}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
