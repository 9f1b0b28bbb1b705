/**
 * The process figures as tables (the diagram's numbers for screen readers
 * and for reading them all at once): one row per step, one per transition.
 * Counts carry `data-value` and durations `data-ms`, the API's own numbers.
 */
import { useTranslation } from '../i18n/index.ts';
import { formatCount, formatDuration, sortSteps, type Lang, type ProcessData, type StepNames } from './model.ts';

function Duration({ ms, lang }: { ms: number | null; lang: Lang }) {
  return <td data-ms={ms ?? ''}>{formatDuration(ms, lang)}</td>;
}

function Count({ n, lang }: { n: number; lang: Lang }) {
  return (
    <td className="num" data-value={n}>
      {formatCount(n, lang)}
    </td>
  );
}

export function ProcessTables({ data, names, order }: { data: ProcessData; names: StepNames; order: ReadonlyMap<string, number> }) {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'id';
  const steps = sortSteps(data.steps, (s) => s.stateId, order);
  const transitions = sortSteps(
    sortSteps(data.transitions, (x) => x.to, order),
    (x) => x.from.split(',')[0] ?? '',
    new Map([['', -1], ...order]),
  );
  const stepName = (id: string) => `${names.full(id, lang)}${names.has(id) ? '' : ` ${t('proc.olderStep')}`}`;
  return (
    <div className="proc-tables">
      <div className="proc-table-wrap" role="region" aria-labelledby="proc-steps-h" tabIndex={0}>
        <table className="proc-table" data-testid="process-steps">
          <caption id="proc-steps-h">{t('proc.stepsTable')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('proc.col.step')}</th>
              <th scope="col">{t('proc.col.entered')}</th>
              <th scope="col">{t('proc.col.stays')}</th>
              <th scope="col">{t('proc.col.median')}</th>
              <th scope="col">{t('proc.col.p90')}</th>
              <th scope="col">{t('proc.col.waitingNow')}</th>
              <th scope="col">{t('proc.col.waitingMedian')}</th>
              <th scope="col">{t('proc.col.waitingLongest')}</th>
            </tr>
          </thead>
          <tbody>
            {steps.map((s) => (
              <tr key={s.stateId} data-testid="process-step-row" data-step={s.stateId} className={s.waitingNow > 0 ? 'is-waiting' : undefined}>
                <th scope="row">{stepName(s.stateId)}</th>
                <Count n={s.entered} lang={lang} />
                <Count n={s.stays} lang={lang} />
                <Duration ms={s.medianMs} lang={lang} />
                <Duration ms={s.p90Ms} lang={lang} />
                <Count n={s.waitingNow} lang={lang} />
                <Duration ms={s.waitingMedianMs} lang={lang} />
                <Duration ms={s.waitingLongestMs} lang={lang} />
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="proc-table-wrap" role="region" aria-labelledby="proc-transitions-h" tabIndex={0}>
        <table className="proc-table" data-testid="process-transitions">
          <caption id="proc-transitions-h">{t('proc.transitionsTable')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('proc.col.from')}</th>
              <th scope="col">{t('proc.col.to')}</th>
              <th scope="col">{t('proc.col.count')}</th>
            </tr>
          </thead>
          <tbody>
            {transitions.map((x) => (
              <tr key={`${x.from}>${x.to}`} data-testid="process-transition-row" data-from={x.from} data-to={x.to}>
                <td>{x.from === '' ? t('proc.opened') : x.from.split(',').map(stepName).join(' + ')}</td>
                <td>{stepName(x.to)}</td>
                <Count n={x.count} lang={lang} />
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
