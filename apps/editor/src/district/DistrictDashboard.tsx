/**
 * District aggregates for admin_dinas: per school and district-wide, no
 * student data; small counts arrive from the API already as "<5", and the
 * cells hidden to protect them as "≥5" (complementary suppression). Rows come
 * ordered by published counts only; shares are the API's (null when hidden).
 */
import { useState } from 'react';
import { useTranslation } from '../i18n/index.ts';
import { Link } from '../app/router.tsx';
import { Printer } from 'lucide-react';
import '../reports/messages.ts';
import './messages.ts';
import '../reports/reports.css';
import { localized } from '../reports/messages.ts';
import { defaultPeriod } from '../reports/queries.ts';
import { ReportSection, ReportTable } from '../reports/ReportSection.tsx';
import { PairedBars } from '../reports/Charts.tsx';
import { districtCsvUrl, useAggregates, useDistrictNode, useDistrictSchools, type AggregateBlock } from './queries.ts';
import { formatDate } from '../i18n/dates.ts';

type Cell = number | '<5' | '≥5' | 'x';
const cell = (c: Cell) => c;
/** Charts cannot draw a hidden count; it is drawn as 0 and the table beside says "<5" or "≥5". */
const drawable = (c: Cell) => (typeof c === 'number' ? c : 0);

export default function DistrictDashboard() {
  const { t, i18n } = useTranslation('reports');
  const lang = i18n.language;
  const schools = useDistrictSchools();
  const node = useDistrictNode();
  const [input, setInput] = useState(() => ({ schoolId: '', ...defaultPeriod() }));
  const [draft, setDraft] = useState(input);
  const agg = useAggregates(input);
  const factorName = (f: string) => t(`factors.${f}`, { defaultValue: f });
  const blocks: AggregateBlock[] = agg.data ? (input.schoolId ? agg.data.schools : [agg.data.district, ...agg.data.schools]) : [];
  const who = (b: AggregateBlock) => b.school?.name ?? t('district.districtWide');

  return (
    <>
      <div className="report-head">
        <div>
          <h1>{t('district.title')}</h1>
          {node.data && (
            <p data-testid="district-node">
              <strong>{node.data.name}</strong> · {t(`district.kinds.${node.data.kind}`)}
              {node.data.ancestors[0] ? ` ${t('district.under', { name: node.data.ancestors[0].name })}` : ''} — {t('district.schoolsBelow', { count: node.data.schools.length })}
            </p>
          )}
          <p className="muted">{t('district.subtitle')}</p>
          <p className="no-print"><Link to="/templates">{t('district.templates')} →</Link></p>
        </div>
        <form
          className="no-print"
          onSubmit={(e) => {
            e.preventDefault();
            setInput(draft);
          }}
        >
          <label className="field">
            <span>{t('district.school')}</span>
            <select value={draft.schoolId} onChange={(e) => setDraft({ ...draft, schoolId: e.target.value })} data-testid="school-select">
              <option value="">{t('district.allSchools')}</option>
              {schools.data?.items.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
            </select>
          </label>
          <label className="field">
            <span>{t('from')}</span>
            <input type="date" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} required />
          </label>
          <label className="field">
            <span>{t('to')}</span>
            <input type="date" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} required />
          </label>
          <button className="btn" type="submit">{t('period')} ✓</button>
          <button className="btn" type="button" onClick={() => window.print()}><Printer size={14} /> {t('print')}</button>
        </form>
      </div>
      <p className="muted small">
        {t('district.suppressed')} · {t('district.withheld')}
        {agg.data && <> · {t('period')}: {formatDate(agg.data.period.from, lang)} – {formatDate(agg.data.period.to, lang)} ({t('district.wholeMonths')})</>}
      </p>
      {agg.isPending && <p className="muted">{t('loading')}</p>}
      {agg.isError && <p className="error-text">{agg.error.message}</p>}
      {agg.data && (
        <div className="report-grid">
          <ReportSection title={`${t('openCases')} / ${t('closedCases')}`} csvHref={districtCsvUrl('schools', input)} testId="district-schools">
            <ReportTable columns={[t('district.school'), t('openCases'), t('closedCases')]} rows={blocks.map((b) => [who(b), cell(b.openCases), cell(b.closedCases)])} />
          </ReportSection>
          {blocks.map((b) => (
            <ReportSection key={b.school?.id ?? 'district'} title={`${t('beforeAfter')} — ${who(b)}`} csvHref={districtCsvUrl('before-after', input)}>
              <PairedBars data={b.beforeAfter.map((r) => ({ label: factorName(r.factor), a: drawable(r.before), b: drawable(r.after) }))} names={[t('before'), t('after')]} />
              <ReportTable columns={[t('factor'), t('before'), t('after')]} rows={b.beforeAfter.map((r) => [factorName(r.factor), cell(r.before), cell(r.after)])} />
            </ReportSection>
          ))}
          <ReportSection title={t('byFactor')} csvHref={districtCsvUrl('open-by-factor', input)}>
            <ReportTable columns={[t('district.school'), t('factor'), t('count')]} rows={blocks.flatMap((b) => b.openByFactor.map((r) => [who(b), factorName(r.factor), cell(r.count)]))} />
          </ReportSection>
          <ReportSection title={t('outcomes')} csvHref={districtCsvUrl('outcomes', input)}>
            <ReportTable
              columns={[t('district.school'), t('outcomes'), t('count'), t('district.rate')]}
              rows={blocks.flatMap((b) => Object.entries(b.outcomes).map(([o, v]) => [who(b), t(`outcomeNames.${o}`), cell(v.count), v.rate === null ? (typeof v.count === 'number' && typeof b.closedCases === 'number' ? '—' : t('district.hiddenRate')) : `${Math.round(v.rate * 1000) / 10}%`]))}
            />
          </ReportSection>
          <ReportSection title={t('byStep')} csvHref={districtCsvUrl('open-by-step', input)}>
            <ReportTable columns={[t('district.school'), t('step'), t('count')]} rows={blocks.flatMap((b) => b.openByStep.map((r) => [who(b), localized(r.title, lang), cell(r.count)]))} />
          </ReportSection>
        </div>
      )}
    </>
  );
}
