/** The school calendar (kepsek): holidays, extra school days and exam days that school-day deadlines follow. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { CaseworkNav } from './CaseworkNav.tsx';
import { call, errorText } from './http.ts';
import { cwKeys, useCalendar } from './queries.ts';

export function Component() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [month, setMonth] = useState(new Date().toISOString().slice(0, 7));
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
              <strong>{e.date}</strong> · {t(`cw.calendar.kinds.${e.kind}`)} {e.note ? `— ${e.note}` : ''}{' '}
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
