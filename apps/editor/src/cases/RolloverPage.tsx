/**
 * Kenaikan kelas (kepsek): a dry run of the year-end rollover per class —
 * promoted, kept tinggal kelas, graduating, open cases that carry over —
 * then, once checked, applied class by class with the progress shown, and
 * the school moved to the new academic year.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from '../i18n/index.ts';
import { CaseworkNav } from './CaseworkNav.tsx';
import { call, errorText } from './http.ts';
import { loc } from './i18n.ts';
import './school-year-i18n.ts';

interface Settings { academicYear: string; semester: 'ganjil' | 'genap'; label: { id: string; en?: string } }
interface Row { studentId: string; name: string; from: string; to: string | null; action: 'promote' | 'repeat' | 'graduate' | 'unknown_class'; openCases: number }
interface ClassLine { className: string; to: string | null; students: number; promote: number; repeat: number; graduate: number; unknown: number; openCases: number }
interface Plan { fromYear: string; toYear: string; finalGrade: number; rows: Row[]; classes: ClassLine[]; counts: { promote: number; repeat: number; graduate: number; unknown_class: number; openCases: number } }

export function Component() {
  const { t, i18n } = useTranslation();
  const [settings, setSettings] = useState<Settings | null>(null);
  const [plan, setPlan] = useState<Plan | null>(null);
  const [repeat, setRepeat] = useState<Set<string>>(new Set());
  const [open, setOpen] = useState<string | null>(null);
  const [checked, setChecked] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number; className: string } | null>(null);
  const [finished, setFinished] = useState<Settings | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    call<Settings>('GET', '/api/school-year').then(setSettings, (e) => setError(errorText(e)));
  }, []);

  const dryRun = async (keep = repeat) => {
    setBusy(true);
    setError(null);
    setChecked(false);
    try {
      setPlan(await call<Plan>('POST', '/api/school-year/rollover/plan', { json: { repeat: [...keep] } }));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const toggleRepeat = (id: string) => {
    const next = new Set(repeat);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setRepeat(next);
    void dryRun(next);
  };

  const apply = async () => {
    if (!plan) return;
    setBusy(true);
    setError(null);
    const classes = plan.classes.filter((c) => c.students > c.unknown);
    try {
      for (let i = 0; i < classes.length; i++) {
        setProgress({ done: i + 1, total: classes.length, className: classes[i]!.className });
        await call('POST', '/api/school-year/rollover/apply', { json: { fromYear: plan.fromYear, className: classes[i]!.className, repeat: [...repeat] } });
      }
      const next = await call<Settings>('POST', '/api/school-year/rollover/finish', { json: { fromYear: plan.fromYear } });
      setFinished(next);
      setSettings(next);
      setPlan(null);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const lang = i18n.language;
  return (
    <>
      <CaseworkNav />
      <div className="cw-page" data-testid="rollover-page">
        <h1>{t('sy.rollover.title')}</h1>
        {settings && (
          <p>
            {t('sy.rollover.current')}: <strong data-testid="current-year">{loc(settings.label, lang)}</strong>
          </p>
        )}
        <p className="muted">{t('sy.rollover.intro')}</p>
        <div className="cw-filters">
          <button type="button" className="btn primary" disabled={busy} onClick={() => void dryRun()} data-testid="rollover-dry-run">
            {plan ? t('sy.rollover.refresh') : t('sy.rollover.dryRun')}
          </button>
        </div>
        {plan && plan.rows.length === 0 && <p className="muted">{t('sy.rollover.nothing')}</p>}
        {plan && plan.rows.length > 0 && (
          <>
            <p data-testid="rollover-summary">
              {t('sy.rollover.summary', { promote: plan.counts.promote, repeat: plan.counts.repeat, graduate: plan.counts.graduate, openCases: plan.counts.openCases, toYear: plan.toYear })}
            </p>
            <table className="cw-table" data-testid="rollover-table">
              <thead>
                <tr>
                  <th>{t('sy.rollover.from')}</th>
                  <th>{t('sy.rollover.to')}</th>
                  <th>{t('sy.rollover.students')}</th>
                  <th>{t('sy.rollover.promote')}</th>
                  <th>{t('sy.rollover.repeat')}</th>
                  <th>{t('sy.rollover.graduate')}</th>
                  <th>{t('sy.rollover.openCases')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {plan.classes.map((c) => (
                  <ClassRows key={c.className} line={c} rows={plan.rows.filter((r) => r.from === c.className)} open={open === c.className}
                    onToggle={() => setOpen(open === c.className ? null : c.className)} repeat={repeat} onRepeat={toggleRepeat} busy={busy} />
                ))}
              </tbody>
            </table>
            <label className="cw-check">
              <input type="checkbox" checked={checked} onChange={(e) => setChecked(e.target.checked)} data-testid="rollover-confirm" /> {t('sy.rollover.confirm')}
            </label>
            <div>
              <button type="button" className="btn primary" disabled={!checked || busy} onClick={() => void apply()} data-testid="rollover-apply">
                {t('sy.rollover.apply')}
              </button>
            </div>
          </>
        )}
        {progress && !finished && (
          <div data-testid="rollover-progress" role="status">
            <progress max={progress.total} value={progress.done} /> {t('sy.rollover.progress', progress)}
          </div>
        )}
        {finished && (
          <p className="cw-msg" role="status" data-testid="rollover-done">
            {t('sy.rollover.done', { label: loc(finished.label, lang) })}
          </p>
        )}
        {error && <p className="cw-msg error">{error}</p>}
      </div>
    </>
  );
}

function ClassRows(props: { line: ClassLine; rows: Row[]; open: boolean; onToggle: () => void; repeat: Set<string>; onRepeat: (id: string) => void; busy: boolean }) {
  const { t } = useTranslation();
  const { line: c } = props;
  return (
    <>
      <tr data-testid="rollover-class" data-class={c.className}>
        <td>{c.className}</td>
        <td>{c.graduate === c.students ? t('sy.rollover.graduates') : c.unknown === c.students ? t('sy.rollover.unknown') : c.to}</td>
        <td>{c.students}</td>
        <td>{c.promote}</td>
        <td>{c.repeat}</td>
        <td>{c.graduate}</td>
        <td>{c.openCases}</td>
        <td>
          <button type="button" className="link-btn" onClick={props.onToggle} data-testid="rollover-show">
            {props.open ? t('sy.rollover.hide') : t('sy.rollover.show')}
          </button>
        </td>
      </tr>
      {props.open &&
        props.rows.map((r) => (
          <tr key={r.studentId} className="cw-subrow" data-testid="rollover-student">
            <td />
            <td colSpan={5}>
              {r.name} → {r.action === 'graduate' ? t('sy.rollover.graduates') : r.action === 'unknown_class' ? t('sy.rollover.unknown') : r.to}
              {r.openCases > 0 ? ` · ${t('sy.rollover.openCases')}: ${r.openCases}` : ''}
            </td>
            <td colSpan={2}>
              {r.action !== 'unknown_class' && (
                <label>
                  <input type="checkbox" checked={props.repeat.has(r.studentId)} disabled={props.busy} onChange={() => props.onRepeat(r.studentId)} data-testid="rollover-repeat" /> {t('sy.rollover.keep')}
                </label>
              )}
            </td>
          </tr>
        ))}
    </>
  );
}
