/** A titled card of the printable report with its CSV download link. */
import type { ReactNode } from 'react';
import { useTranslation } from '../i18n/index.ts';
import { Download } from 'lucide-react';

export function ReportSection({ title, csvHref, help, children, testId }: { title: string; csvHref?: string; help?: string; children: ReactNode; testId?: string }) {
  const { t } = useTranslation('reports');
  return (
    <section className="card report-section" data-testid={testId}>
      <div className="report-section-head">
        <h2>{title}</h2>
        {csvHref && (
          <a className="link-btn no-print" href={csvHref} download>
            <Download size={14} /> {t('csv')}
          </a>
        )}
      </div>
      {help && <p className="muted small">{help}</p>}
      {children}
    </section>
  );
}

/** A plain table; `rows` are already formatted cells. */
export function ReportTable({ columns, rows, testId }: { columns: string[]; rows: (string | number)[][]; testId?: string }) {
  const { t } = useTranslation('reports');
  if (rows.length === 0) return <p className="muted">{t('none')}</p>;
  return (
    <table className="report-table" data-testid={testId}>
      <thead>
        <tr>{columns.map((c) => <th key={c}>{c}</th>)}</tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={i}>{r.map((c, j) => <td key={j} className={typeof c === 'number' ? 'num' : undefined}>{c}</td>)}</tr>
        ))}
      </tbody>
    </table>
  );
}
