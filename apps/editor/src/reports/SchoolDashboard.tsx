/**
 * The school's M&E report (kepsek, guru BK): KPIs, before/after per factor
 * for a chosen period, open cases by step and factor, overdue tasks, median
 * time per step, cases per month, outcomes, attendance/grade trends and
 * return-to-attendance per branch. Every table has its CSV; the page prints.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from '../i18n/index.ts';
import { Link } from '../app/router.tsx';
import { Printer } from 'lucide-react';
import { HorizontalBars, MonthLines, PairedBars, TripleBars } from './Charts.tsx';
import { localized } from './messages.ts';
import { defaultPeriod, schoolCsvUrl, useBeforeAfter, useSummary, useTrends, type PeriodInput } from './queries.ts';
import { ReportSection, ReportTable } from './ReportSection.tsx';
import { TermPicker } from './TermPicker.tsx';
import { formatDate } from '../i18n/dates.ts';

const pct = (v: number | null) => (v === null ? '—' : `${Math.round(v * 1000) / 10}%`);
const num = (v: number | null) => (v === null ? '—' : String(v));

export function SchoolDashboard() {
  const { t, i18n } = useTranslation('reports');
  const lang = i18n.language;
  const [period, setPeriod] = useState<PeriodInput>(() => defaultPeriod());
  const [draft, setDraft] = useState<PeriodInput>(period);
  const summary = useSummary();
  const beforeAfter = useBeforeAfter(period);
  const trends = useTrends();
  const factorName = (f: string) => t(`factors.${f}`, { defaultValue: f });
  // The printed report is the whole report: collapsed details open before printing.
  useEffect(() => {
    const open = () => document.querySelectorAll('.report-page details').forEach((d) => d.setAttribute('open', ''));
    window.addEventListener('beforeprint', open);
    return () => window.removeEventListener('beforeprint', open);
  }, []);

  if (summary.isPending) return <p className="muted">{t('loading')}</p>;
  if (summary.isError) return <p className="error-text">{summary.error.message}</p>;
  const s = summary.data;

  return (
    <>
      <div className="report-head">
        <div>
          <h1>{t('title')}</h1>
          <p className="muted">{t('subtitle')}</p>
          <p className="no-print small">
            <Link to="/templates">{t('district.templates')} →</Link> · <Link to="/migrations">{t('migration.link')} →</Link>
          </p>
          <p className="muted small">
            {t('generatedAt')}: {formatDate(s.generatedAt, lang, 'dateTime')} · {t('period')}: {formatDate(period.from, lang)} – {formatDate(period.to, lang)}
          </p>
        </div>
        <form
          className="no-print"
          onSubmit={(e) => {
            e.preventDefault();
            setPeriod(draft);
          }}
        >
          <TermPicker today={defaultPeriod().to} value={draft} onPick={(p) => (setDraft(p), setPeriod(p))} />
          <label className="field">
            <span>{t('from')}</span>
            <input type="date" name="from" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} required />
          </label>
          <label className="field">
            <span>{t('to')}</span>
            <input type="date" name="to" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} required />
          </label>
          <button className="btn" type="submit" data-testid="apply-period">{t('period')} ✓</button>
          <button className="btn" type="button" onClick={() => window.print()}>
            <Printer size={14} /> {t('print')}
          </button>
        </form>
      </div>

      <div className="report-kpis">
        <div className="card report-kpi"><span className="muted">{t('openCases')}</span><strong data-testid="kpi-open">{s.openCases}</strong></div>
        <div className="card report-kpi"><span className="muted">{t('closedCases')}</span><strong>{s.closedCases}</strong></div>
        <div className="card report-kpi"><span className="muted">{t('overdue')}</span><strong className={s.overdueTasks.total > 0 ? 'warning-text' : undefined}>{s.overdueTasks.total}</strong></div>
      </div>

      <div className="report-grid">
        <ReportSection title={t('beforeAfter')} help={t('beforeAfterHelp')} csvHref={schoolCsvUrl('before-after', period)} testId="before-after">
          {beforeAfter.isError ? (
            <p className="error-text">{beforeAfter.error.message}</p>
          ) : beforeAfter.data ? (
            <>
              <PairedBars data={beforeAfter.data.map((r) => ({ label: factorName(r.factor), a: r.before, b: r.after }))} names={[t('before'), t('after')]} />
              <ReportTable testId="before-after-table" columns={[t('factor'), t('before'), t('after')]} rows={beforeAfter.data.map((r) => [factorName(r.factor), r.before, r.after])} />
            </>
          ) : (
            <p className="muted">{t('loading')}</p>
          )}
        </ReportSection>

        <ReportSection title={t('outcomes')} csvHref={schoolCsvUrl('outcomes')}>
          <HorizontalBars name={t('count')} data={Object.entries(s.outcomes).map(([o, n]) => ({ label: t(`outcomeNames.${o}`), value: n }))} />
        </ReportSection>

        <ReportSection title={t('byStep')} csvHref={schoolCsvUrl('open-by-step')}>
          <HorizontalBars name={t('openCases')} data={s.openByStep.map((r) => ({ label: localized(r.title, lang), value: r.count }))} />
        </ReportSection>

        <ReportSection title={t('byFactor')} csvHref={schoolCsvUrl('open-by-factor')}>
          <HorizontalBars name={t('openCases')} data={s.openByFactor.map((r) => ({ label: factorName(r.factor), value: r.count }))} />
        </ReportSection>

        <ReportSection title={t('perMonth')} csvHref={schoolCsvUrl('cases-per-month')}>
          <MonthLines data={s.casesPerMonth.map((m) => ({ label: formatDate(m.month, lang, 'monthShort'), a: m.opened, b: m.closed }))} names={[t('opened'), t('closed')]} />
        </ReportSection>

        <ReportSection title={t('medianTime')} csvHref={schoolCsvUrl('median-time-per-step')}>
          <ReportTable columns={[t('step'), t('days'), t('stays')]} rows={s.medianTimePerStep.map((r) => [localized(r.title, lang), r.medianDays, r.stays])} />
        </ReportSection>

        <ReportSection title={t('overdueByStep')} csvHref={schoolCsvUrl('overdue-by-step')}>
          <ReportTable columns={[t('step'), t('count')]} rows={s.overdueTasks.byStep.map((r) => [localized(r.title, lang), r.count])} />
        </ReportSection>

        <ReportSection title={t('trends')} csvHref={schoolCsvUrl('trends-cases')}>
          {trends.data ? (
            <>
            <PairedBars
              data={[
                { label: `${t('attendance')} (%)`, a: Math.round((trends.data.cohort.attendanceBefore ?? 0) * 100), b: Math.round((trends.data.cohort.attendanceAfter ?? 0) * 100) },
                { label: t('grade'), a: trends.data.cohort.gradeBefore ?? 0, b: trends.data.cohort.gradeAfter ?? 0 },
              ]}
              names={[t('before'), t('after')]}
            />
            <ReportTable
              columns={['', t('before'), t('after')]}
              rows={[
                [t('attendance'), pct(trends.data.cohort.attendanceBefore), pct(trends.data.cohort.attendanceAfter)],
                [t('grade'), num(trends.data.cohort.gradeBefore), num(trends.data.cohort.gradeAfter)],
              ]}
            />
            </>
          ) : (
            <p className="muted">{t('loading')}</p>
          )}
        </ReportSection>

        <ReportSection title={t('trendsPerCase')} csvHref={schoolCsvUrl('trends-cases')} testId="trends-cases">
          {trends.data && (
            <details>
              <summary>{t('migration.cases', { n: trends.data.cases.length })}</summary>
              <ReportTable
                columns={[t('migration.case'), t('branch'), `${t('attendance')} ${t('before')}`, `${t('attendance')} ${t('after')}`, `${t('grade')} ${t('before')}`, `${t('grade')} ${t('after')}`]}
                rows={trends.data.cases.map((c) => [c.caseId.slice(0, 8), c.branch ?? '—', pct(c.attendanceBefore), pct(c.attendanceAfter), num(c.gradeBefore), num(c.gradeAfter)])}
              />
            </details>
          )}
        </ReportSection>

        <ReportSection title={t('returnTitle')} csvHref={schoolCsvUrl('return-to-attendance')}>
          {trends.data && (
            <>
            <TripleBars
              data={trends.data.returnToAttendance.map((b) => ({ label: localized(b.title, lang), d30: Math.round((b.d30.rate ?? 0) * 100), d60: Math.round((b.d60.rate ?? 0) * 100), d90: Math.round((b.d90.rate ?? 0) * 100) }))}
              names={[`30 ${t('days')}`, `60 ${t('days')}`, `90 ${t('days')}`]}
            />
            <ReportTable
              columns={[t('branch'), t('cases'), '30', '60', '90']}
              rows={trends.data.returnToAttendance.map((b) => [localized(b.title, lang), b.cases, pct(b.d30.rate), pct(b.d60.rate), pct(b.d90.rate)])}
            />
            </>
          )}
        </ReportSection>
      </div>
    </>
  );
}
