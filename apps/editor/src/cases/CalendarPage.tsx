/**
 * The school calendar (kepsek): the school year and week (five or six days,
 * WIB / WITA / WIT, national holidays on or off), the year's national
 * holidays, and the school's own holidays, extra school days and exam days
 * that school-day deadlines follow.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from '../i18n/index.ts';
import { useQueryClient } from '@tanstack/react-query';
import { CaseworkNav } from './CaseworkNav.tsx';
import { call, errorText } from './http.ts';
import { cwKeys, useCalendar } from './queries.ts';
import './school-year-i18n.ts';
import { formatDate, localIsoDate } from '../i18n/dates.ts';
import './more-i18n.ts';

export function Component() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const qc = useQueryClient();
  const [month, setMonth] = useState(localIsoDate().slice(0, 7));
  const cal = useCalendar(month);
  const [f, setF] = useState({ date: `${month}-01`, kind: 'holiday' as 'holiday' | 'school_day' | 'exam', note: '' });
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    setError(null);
    try {
      await call('PUT', '/api/calendar', { json: { entries: [{ date: f.date, kind: f.kind, note: f.note || null }] } });
      await qc.invalidateQueries({ queryKey: cwKeys.calendar(f.date.slice(0, 7)) });
    } catch (e) {
      setError(errorText(e));
    }
  };
  const remove = async (date: string) => {
    await call('DELETE', `/api/calendar/${date}`);
    await qc.invalidateQueries({ queryKey: cwKeys.calendar(month) });
  };
  return (
    <>
      <CaseworkNav />
      <div className="cw-page">
        <h1>{t('cw.calendar.title')}</h1>
        <WeekSettings year={Number(month.slice(0, 4))} />
        <div className="cw-filters">
          <label>
            {t('cw.calendar.month')}
            <input type="month" value={month} onChange={(e) => setMonth(e.target.value)} />
          </label>
        </div>
        {cal.data?.items.length === 0 && <p className="muted">{t('cw.calendar.empty')}</p>}
        <ul className="cw-list">
          {cal.data?.items.map((e) => (
            <li key={e.date}>
              <strong>{formatDate(e.date, lang, 'weekday')}</strong> · {t(`cw.calendar.kinds.${e.kind}`)} {e.note ? `— ${e.note}` : ''}{' '}
              <button type="button" className="link-btn" onClick={() => void remove(e.date)}>
                ✕
              </button>
            </li>
          ))}
        </ul>
        <form
          className="cw-form"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <label>
            {t('cw.calendar.date')}
            <input type="date" value={f.date} onChange={(e) => setF({ ...f, date: e.target.value })} required />
          </label>
          <label>
            {t('cw.calendar.kind')}
            <select value={f.kind} onChange={(e) => setF({ ...f, kind: e.target.value as typeof f.kind })}>
              {(['holiday', 'school_day', 'exam'] as const).map((k) => (
                <option key={k} value={k}>
                  {t(`cw.calendar.kinds.${k}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('cw.calendar.note')}
            <input value={f.note} onChange={(e) => setF({ ...f, note: e.target.value })} />
          </label>
          <div>
            <button type="submit" className="btn primary">
              {t('cw.calendar.add')}
            </button>
          </div>
          {error && <p className="cw-msg error wide">{error}</p>}
        </form>
      </div>
    </>
  );
}

interface Week { academicYear: string; semester: 'ganjil' | 'genap'; weekDays: 5 | 6; timeZone: 'WIB' | 'WITA' | 'WIT'; nationalHolidays: boolean }
interface Holidays { items: { date: string; name: string; overridden: boolean }[] }

/** The school year and week, and the national holidays of `year`. */
function WeekSettings({ year }: { year: number }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [week, setWeek] = useState<Week | null>(null);
  const [holidays, setHolidays] = useState<Holidays | null>(null);
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => {
    call<Week>('GET', '/api/school-year').then(setWeek, (e) => setMsg({ ok: false, text: errorText(e) }));
  }, []);
  useEffect(() => {
    call<Holidays>('GET', `/api/school-year/holidays?year=${year}`).then(setHolidays, () => setHolidays(null));
  }, [year]);
  if (!week) return msg ? <p className="cw-msg error">{msg.text}</p> : null;
  const save = async () => {
    setMsg(null);
    try {
      const { academicYear, semester, weekDays, timeZone, nationalHolidays } = week;
      setWeek(await call<Week>('PUT', '/api/school-year', { json: { academicYear, semester, weekDays, timeZone, nationalHolidays } }));
      setMsg({ ok: true, text: t('sy.week.saved') });
    } catch (e) {
      setMsg({ ok: false, text: errorText(e) });
    }
  };
  return (
    <section className="cw-section" data-testid="school-week">
      <h2>{t('sy.week.title')}</h2>
      <form className="cw-form" onSubmit={(e) => { e.preventDefault(); void save(); }}>
        <label>
          {t('sy.week.year')}
          <input value={week.academicYear} pattern="\d{4}/\d{4}" onChange={(e) => setWeek({ ...week, academicYear: e.target.value })} data-testid="week-year" />
        </label>
        <label>
          {t('sy.week.semester')}
          <select value={week.semester} onChange={(e) => setWeek({ ...week, semester: e.target.value as Week['semester'] })}>
            <option value="ganjil">{t('sy.week.ganjil')}</option>
            <option value="genap">{t('sy.week.genap')}</option>
          </select>
        </label>
        <label>
          {t('sy.week.days')}
          <select value={week.weekDays} onChange={(e) => setWeek({ ...week, weekDays: Number(e.target.value) === 6 ? 6 : 5 })} data-testid="week-days">
            <option value={5}>{t('sy.week.five')}</option>
            <option value={6}>{t('sy.week.six')}</option>
          </select>
        </label>
        <label>
          {t('sy.week.zone')}
          <select value={week.timeZone} onChange={(e) => setWeek({ ...week, timeZone: e.target.value as Week['timeZone'] })} data-testid="week-zone">
            <option value="WIB">WIB (UTC+7)</option>
            <option value="WITA">WITA (UTC+8)</option>
            <option value="WIT">WIT (UTC+9)</option>
          </select>
        </label>
        <label className="cw-check">
          <input type="checkbox" checked={week.nationalHolidays} onChange={(e) => setWeek({ ...week, nationalHolidays: e.target.checked })} /> {t('sy.week.national')}
        </label>
        <div>
          <button type="submit" className="btn primary" data-testid="week-save">{t('sy.week.save')}</button>
        </div>
        {msg && <p className={`cw-msg wide${msg.ok ? '' : ' error'}`}>{msg.text}</p>}
      </form>
      {holidays && (
        <details>
          <summary>{t('sy.week.holidays', { year })}</summary>
          <ul className="cw-list" data-testid="national-holidays">
            {holidays.items.map((h) => (
              <li key={h.date}>
                <strong>{formatDate(h.date, lang, 'weekday')}</strong> · {h.name}
                {h.overridden ? ` (${t('sy.week.overridden')})` : ''}
              </li>
            ))}
          </ul>
          <p className="muted">{t('sy.week.source')}</p>
        </details>
      )}
    </section>
  );
}
