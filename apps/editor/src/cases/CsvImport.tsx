/**
 * A CSV import with a preview: choose or paste a file, see each row as the
 * server would apply it (new / update / unchanged / error with the reason),
 * then apply it — all rows or none. A roster shows the columns it read (a
 * Dapodik export's title rows skipped, its two-row header joined) and lets
 * the guru BK say which field an unknown column fills, then preview again.
 */
import { useState } from 'react';
import { useTranslation } from '../i18n/index.ts';
import { ApiFailure } from '../api/client.ts';
import { call, errorText } from './http.ts';
import { loc } from './i18n.ts';
import './school-year-i18n.ts';
import './more-i18n.ts';

/** The roster fields a column can fill (the server's list). */
const ROSTER_FIELDS = ['nisn', 'name', 'className', 'gender', 'birthDate', 'guardianName', 'guardianPhone', 'fatherName', 'motherName', 'pipEligible', 'kipHolder', 'pipReceived', 'distanceKm', 'transport'] as const;

interface PreviewRow {
  line: number;
  nisn: string | null;
  action: string;
  name?: string;
  className?: string;
  changes?: string[];
  errors?: ({ field?: string; message: { id: string; en?: string } } | { id: string; en?: string })[];
}
interface Preview {
  rows: PreviewRow[];
  fileErrors: { id: string; en?: string }[];
  counts: Record<string, number>;
  applied: boolean;
  /** Roster imports: every column as read, and the field it fills. */
  headers?: { index: number; label: string; field: string | null }[];
  headerLines?: number[];
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const messageOf = (e: NonNullable<PreviewRow['errors']>[number]) => ('message' in e ? e.message : e);

export function CsvImport({ title, endpoint, testId, onApplied, example }: { title: string; endpoint: string; testId: string; onApplied: () => void; example?: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [csv, setCsv] = useState('');
  const [xlsx, setXlsx] = useState<{ name: string; data: ArrayBuffer } | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [msg, setMsg] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [mapping, setMapping] = useState<Record<string, string>>({});

  const run = async (dryRun: boolean) => {
    setBusy(true);
    setMsg(null);
    try {
      const mapped = Object.keys(mapping).length > 0 ? `&mapping=${encodeURIComponent(JSON.stringify(mapping))}` : '';
      const r = await call<Preview>('POST', `${endpoint}?dryRun=${dryRun}${mapped}`, xlsx ? { file: { data: xlsx.data, type: XLSX_TYPE } } : { csv });
      setPreview(r);
      if (!dryRun) {
        setMsg({ kind: 'ok', text: t('cw.students.applied') });
        onApplied();
      }
    } catch (e) {
      if (e instanceof ApiFailure && e.status === 422 && e.details) setPreview(e.details as Preview);
      setMsg({ kind: 'error', text: e instanceof ApiFailure && e.status === 422 ? t('cw.students.hasErrors') : errorText(e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="cw-section" data-testid={testId}>
      <h2>{title}</h2>
      <div className="cw-form">
        <label>
          {t('cw.students.chooseFile')}
          <input
            type="file"
            accept=".csv,.xlsx,text/csv,text/plain"
            data-testid={`${testId}-file`}
            onChange={(e) => {
              const file = e.target.files?.[0];
              setPreview(null);
              if (!file) return;
              // Excel files go to the server as they are; it reads the first sheet like a CSV.
              if (file.name.toLowerCase().endsWith('.xlsx')) void file.arrayBuffer().then((data) => (setXlsx({ name: file.name, data }), setCsv('')));
              else void file.text().then((text) => (setCsv(text), setXlsx(null)));
            }}
          />
        </label>
        <label className="wide">
          {t('cw.students.orPaste')}
          <textarea value={xlsx ? xlsx.name : csv} readOnly={xlsx !== null} onChange={(e) => (setCsv(e.target.value), setPreview(null))} rows={4} data-testid={`${testId}-text`} />
        </label>
      </div>
      <div className="cw-actions">
        {example && (
          <a className="btn small" download={`contoh-${testId}.csv`} href={`data:text/csv;charset=utf-8,${encodeURIComponent(example)}`}>
            {t('cw.students.example')}
          </a>
        )}
        <button type="button" className="btn" disabled={(!csv.trim() && !xlsx) || busy} onClick={() => void run(true)} data-testid={`${testId}-preview`}>
          {t('cw.students.preview')}
        </button>
        <button type="button" className="btn primary" disabled={!preview || busy || (preview.counts.error ?? 0) > 0 || preview.applied} onClick={() => void run(false)} data-testid={`${testId}-apply`}>
          {t('cw.students.apply')}
        </button>
      </div>
      {msg && (
        <p className={`cw-msg ${msg.kind}`} role={msg.kind === 'error' ? 'alert' : 'status'} data-testid={`${testId}-message`}>
          {msg.text}
        </p>
      )}
      {preview && (
        <>
          {preview.fileErrors.map((e, i) => (
            <p key={i} className="cw-msg error">
              {loc(e, lang)}
            </p>
          ))}
          {preview.headers && preview.headers.length > 0 && (
            <details className="cw-mapping" open={preview.fileErrors.length > 0} data-testid={`${testId}-mapping`}>
              <summary>
                {t('sy.import.columns', { count: preview.headers.filter((h) => h.field).length, lines: (preview.headerLines ?? []).join('–') })}
              </summary>
              <table className="cw-table">
                <thead>
                  <tr>
                    <th>{t('sy.import.column')}</th>
                    <th>{t('sy.import.field')}</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.headers.filter((h) => h.label !== '').map((h) => (
                    <tr key={h.index}>
                      <td>{h.label}</td>
                      <td>
                        <select value={mapping[h.label] ?? h.field ?? ''} onChange={(e) => setMapping({ ...mapping, [h.label]: e.target.value })} data-testid={`${testId}-map`} data-label={h.label}>
                          <option value="">{t('sy.import.ignore')}</option>
                          {ROSTER_FIELDS.map((f) => (
                            <option key={f} value={f}>{t(`sy.import.fields.${f}`)}</option>
                          ))}
                        </select>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <button type="button" className="btn small" disabled={busy} onClick={() => void run(true)} data-testid={`${testId}-remap`}>
                {t('sy.import.again')}
              </button>
            </details>
          )}
          <p className="small muted" data-testid={`${testId}-counts`}>
            {Object.entries(preview.counts)
              .map(([k, v]) => `${t(`cw.students.actions.${k}`, { defaultValue: k })}: ${v}`)
              .join(' · ')}
          </p>
          <table className="cw-table">
            <thead>
              <tr>
                <th>{t('cw.students.line')}</th>
                <th>{t('cw.students.nisn')}</th>
                <th>{t('cw.students.name')}</th>
                <th>{t('cw.students.action')}</th>
                <th>{t('cw.students.problems')}</th>
              </tr>
            </thead>
            <tbody>
              {preview.rows.map((r) => (
                <tr key={r.line} className={r.action === 'error' ? 'row-error' : ''} data-testid={`${testId}-row`} data-action={r.action}>
                  <td>{r.line}</td>
                  <td>{r.nisn ?? '—'}</td>
                  <td>
                    {r.name ?? ''} {r.className ? <span className="muted small">{r.className}</span> : null}
                  </td>
                  <td>
                    {t(`cw.students.actions.${r.action}`, { defaultValue: r.action })}
                    {r.changes ? <span className="muted small"> ({r.changes.join(', ')})</span> : null}
                  </td>
                  <td className="error-text">{(r.errors ?? []).map((e) => loc(messageOf(e), lang)).join(' · ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
