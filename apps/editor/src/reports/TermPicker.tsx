/**
 * A semester shortcut for a report's period (issue 14): picking
 * `2025/2026 Ganjil` sets the period to 1 July – 31 December 2025 (genap:
 * 1 January – 30 June), up to today. The terms offered are the current one
 * and the seven before it (the demo's seed-002 cohort term among them).
 */
import { useTranslation } from '../i18n/index.ts';
import { termLabel, termOfDate, type Term } from '@jalur/casework';

export interface TermPeriod {
  from: string;
  to: string;
}

/** The days of a term, up to `today`. */
export function termPeriod(t: Term, today: string): TermPeriod {
  const first = Number(t.year.slice(0, 4));
  const from = t.semester === 'ganjil' ? `${first}-07-01` : `${first + 1}-01-01`;
  const end = t.semester === 'ganjil' ? `${first}-12-31` : `${first + 1}-06-30`;
  return { from, to: end < today ? end : today };
}

/** The current term and the ones before it, newest first. */
export function recentTerms(today: string, count = 8): Term[] {
  const out: Term[] = [];
  let t = termOfDate(today);
  for (let i = 0; i < count; i++) {
    out.push(t);
    const first = Number(t.year.slice(0, 4));
    t = t.semester === 'genap' ? { year: t.year, semester: 'ganjil' } : { year: `${first - 1}/${first}`, semester: 'genap' };
  }
  return out;
}

export function TermPicker({ today, value, onPick }: { today: string; value: TermPeriod; onPick: (p: TermPeriod) => void }) {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en';
  const terms = recentTerms(today);
  const selected = terms.find((t) => {
    const p = termPeriod(t, today);
    return p.from === value.from && p.to === value.to;
  });
  return (
    <label className="field">
      <span>{en ? 'Semester' : 'Semester'}</span>
      <select
        data-testid="period-term"
        value={selected ? `${selected.year} ${selected.semester}` : ''}
        onChange={(e) => {
          const t = terms.find((x) => `${x.year} ${x.semester}` === e.target.value);
          if (t) onPick(termPeriod(t, today));
        }}
      >
        <option value="">{en ? 'Dates below' : 'Pilih tanggal'}</option>
        {terms.map((t) => (
          <option key={`${t.year} ${t.semester}`} value={`${t.year} ${t.semester}`}>
            {en ? termLabel(t).en : termLabel(t).id}
          </option>
        ))}
      </select>
    </label>
  );
}
