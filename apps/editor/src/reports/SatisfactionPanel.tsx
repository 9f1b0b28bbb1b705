/**
 * The case page's satisfaction survey (issue 15, M&E): the student scores a
 * service they received from 1 (sangat tidak puas) to 5 (sangat puas); the
 * guru BK, kepsek or wali kelas records it here, and the semester report
 * counts it (average and distribution per service). Services and score
 * words come from the API, in Bahasa Indonesia and English.
 */
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from '../i18n/index.ts';
import type { InferResponseType } from 'hono/client';
import type { JalurClient } from '@jalur/api/client';
import { call } from '../cases/http.ts';
import { cwKeys } from '../cases/queries.ts';
import { formatDate } from '../i18n/dates.ts';

type List = InferResponseType<JalurClient['api']['cases'][':id']['satisfaction']['$get'], 200>;

const TEXT = {
  title: ['Survei kepuasan siswa', 'Student satisfaction survey'],
  help: ['Tanyakan kepada siswa seberapa puas ia dengan layanan yang diterima (1–5).', 'Ask the student how satisfied they are with the service they received (1–5).'],
  service: ['Layanan', 'Service'],
  score: ['Skor', 'Score'],
  date: ['Tanggal', 'Date'],
  save: ['Simpan skor', 'Save score'],
  saved: ['Skor tersimpan', 'Score saved'],
  none: ['Belum ada skor.', 'No score yet.'],
  by: ['dicatat oleh', 'recorded by'],
  pick: ['Pilih skor', 'Pick a score'],
} as const;

export function SatisfactionPanel({ caseId, closed }: { caseId: string; closed: boolean }) {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en';
  const say = (k: keyof typeof TEXT) => TEXT[k][en ? 1 : 0];
  const w = (x: { id: string; en?: string }) => (en ? (x.en ?? x.id) : x.id);
  const qc = useQueryClient();
  const key = [...cwKeys.case(caseId), 'satisfaction'];
  const list = useQuery({ queryKey: key, queryFn: () => call<List>('GET', `/api/cases/${caseId}/satisfaction`) });
  const [service, setService] = useState('counseling_individual');
  const [score, setScore] = useState<number | null>(null);
  const [date, setDate] = useState('');
  const save = useMutation({
    mutationFn: () => call('POST', `/api/cases/${caseId}/satisfaction`, { json: { service, score, ...(date ? { date } : {}) } }),
    onSuccess: () => {
      setScore(null);
      void qc.invalidateQueries({ queryKey: key });
    },
  });
  const items = list.data?.items ?? [];
  return (
    <section className="cw-section" aria-labelledby="cw-satisfaction" data-testid="satisfaction">
      <h2 id="cw-satisfaction">{say('title')}</h2>
      <p className="muted small">{say('help')}</p>
      {list.isError && <p className="cw-msg error" role="alert">{list.error.message}</p>}
      {!closed && list.data && (
        <form
          className="cw-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (score !== null) save.mutate();
          }}
        >
          <label>
            {say('service')}
            <select data-testid="satisfaction-service" value={service} onChange={(e) => setService(e.target.value)}>
              {list.data.services.map((s) => (
                <option key={s.value} value={s.value}>
                  {w(s.label)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {say('date')}
            <input type="date" data-testid="satisfaction-date" value={date} onChange={(e) => setDate(e.target.value)} />
          </label>
          <fieldset className="wide" style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
            <legend className="small">{say('score')}</legend>
            <div role="radiogroup" aria-label={say('score')} style={{ display: 'flex', flexWrap: 'wrap', gap: 4 }}>
              {list.data.scores.map((s) => (
                <button
                  key={s.value}
                  type="button"
                  role="radio"
                  aria-checked={score === s.value}
                  className={`btn small${score === s.value ? ' primary' : ''}`}
                  data-testid={`satisfaction-score-${s.value}`}
                  title={w(s.label)}
                  onClick={() => setScore(s.value)}
                >
                  {s.value} · {w(s.label)}
                </button>
              ))}
            </div>
          </fieldset>
          <div className="wide">
            <button type="submit" className="btn primary small" disabled={score === null || save.isPending} data-testid="satisfaction-save">
              {score === null ? say('pick') : say('save')}
            </button>
            {save.isSuccess && <span className="muted small" role="status" data-testid="satisfaction-saved"> {say('saved')}</span>}
            {save.isError && <span className="cw-field-error" role="alert"> {save.error.message}</span>}
          </div>
        </form>
      )}
      {list.isSuccess && items.length === 0 && <p className="muted small">{say('none')}</p>}
      <ul className="cw-list" style={{ listStyle: 'none', padding: 0 }}>
        {[...items].reverse().map((s) => (
          <li key={s.id} data-testid="satisfaction-item" className="small" style={{ padding: '4px 0', borderTop: '1px solid var(--line)' }}>
            <strong>{s.score}</strong> · {w(s.scoreLabel)} — {w(s.serviceLabel)}
            <div className="muted">
              {formatDate(s.date, en ? 'en' : 'id')} · {w(s.term)}
              {s.recordedBy ? ` · ${say('by')} ${s.recordedBy}` : ''}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
