/**
 * The case page's "Kontak keluarga" panel: the guardian and their phone,
 * message templates filled from the case that open WhatsApp or SMS (each
 * use is logged by the API first), the contact log, a form to log a call or
 * visit, and parent meetings (scheduling one gives its host a task with
 * reminders).
 */
import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { MessageCircle, MessageSquare } from 'lucide-react';
import { call, type FamilyView, type Level } from './api.ts';
import { pick, useWords } from './text.ts';
import { formatDate } from '../i18n/dates.ts';

const errorOf = (e: unknown) => (e instanceof Error ? e.message : String(e));
const CHANNELS = ['phone', 'in_person', 'home_visit', 'letter', 'whatsapp', 'sms'] as const;

export function FamilyContactPanel({ caseId, closed = false }: { caseId: string; closed?: boolean }) {
  const { w, lang } = useWords();
  const qc = useQueryClient();
  const key = ['paperwork', caseId, 'family'];
  const family = useQuery({ queryKey: key, queryFn: () => call<FamilyView>('GET', `/api/cases/${caseId}/family`) });
  const [template, setTemplate] = useState('undangan');
  const [phone, setPhone] = useState('');
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const [contact, setContact] = useState({ channel: 'phone', outcome: '', confidentiality: 'umum' as Level });
  const [meeting, setMeeting] = useState({ at: '', place: '', purpose: '' });
  const refresh = () => qc.invalidateQueries({ queryKey: key });
  if (!family.data) return null;
  const f = family.data;
  const chosen = f.templates.find((t) => t.key === template) ?? f.templates[0];

  const open = async (channel: 'whatsapp' | 'sms') => {
    // Opened in the click itself (popup blockers), pointed at the link once the API has logged the message.
    const win = window.open('about:blank', '_blank');
    setMsg(null);
    try {
      const r = await call<{ url: string }>('POST', `/api/cases/${caseId}/family/messages`, { json: { template: chosen!.key, channel, ...(phone.trim() ? { phone: phone.trim() } : {}) } });
      if (win) win.location.href = r.url;
      else window.location.href = r.url;
      setMsg({ ok: true, text: w.logged });
      await refresh();
    } catch (e) {
      win?.close();
      setMsg({ ok: false, text: errorOf(e) });
    }
  };

  return (
    <section className="cw-section cw-no-print" aria-labelledby="pw-family" data-testid="family">
      <h2 id="pw-family">{w.family}</h2>
      <p>
        <strong>{w.guardian}:</strong> {f.guardian.name ?? '—'} · {f.guardian.phoneDisplay ?? <span className="muted">{w.phoneMissing}</span>}
      </p>
      {f.guardian.phoneProblem && <div className="cw-msg error">{pick(f.guardian.phoneProblem, lang)}</div>}
      {f.canWrite && !closed && (
        <>
          <h3>{w.templates}</h3>
          <div className="cw-form">
            <label>
              {w.templates}
              <select value={chosen?.key} onChange={(e) => setTemplate(e.target.value)} data-testid="family-template">
                {f.templates.map((t) => (
                  <option key={t.key} value={t.key}>
                    {pick(t.label, lang)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {w.otherPhone}
              <input value={phone} onChange={(e) => setPhone(e.target.value)} inputMode="tel" placeholder="08xx-xxxx-xxxx" data-testid="family-phone" />
            </label>
            <pre className="pw-message wide" data-testid="family-message">
              {chosen?.text}
            </pre>
            <div className="wide pw-buttons">
              <button type="button" className="btn small primary" onClick={() => void open('whatsapp')} data-testid="family-whatsapp">
                <MessageCircle size={14} aria-hidden /> {w.whatsapp}
              </button>
              <button type="button" className="btn small" onClick={() => void open('sms')} data-testid="family-sms">
                <MessageSquare size={14} aria-hidden /> {w.sms}
              </button>
            </div>
          </div>
        </>
      )}
      {msg && (
        <div className={`cw-msg ${msg.ok ? 'ok' : 'error'}`} role={msg.ok ? 'status' : 'alert'} data-testid="family-result">
          {msg.text}
        </div>
      )}
      <h3>{w.log}</h3>
      {f.contacts.length === 0 ? (
        <p className="muted small">{w.logEmpty}</p>
      ) : (
        <ul className="cw-list" data-testid="family-log">
          {f.contacts.map((c) => (
            <li key={c.id} data-testid="family-contact" data-channel={c.channel}>
              <strong>{w.channels[c.channel as keyof typeof w.channels] ?? c.channelLabel}</strong> · {c.guardianName} · {formatDate(c.contactedAt, lang, 'dateTime')}
              <div className="meta">
                {c.contactedBy.name}
                {c.template ? ` · ${pick(f.templates.find((t) => t.key === c.template)?.label, lang)}` : ''}
                {c.outcome ? ` · ${c.outcome}` : ''}
                {c.confidentiality !== 'umum' ? ` · ${w.levels[c.confidentiality]}` : ''}
              </div>
            </li>
          ))}
        </ul>
      )}
      {f.canWrite && !closed && (
        <form
          className="cw-form"
          data-testid="family-contact-form"
          onSubmit={async (e) => {
            e.preventDefault();
            try {
              await call('POST', `/api/cases/${caseId}/family/contacts`, { json: contact });
              setContact((c) => ({ ...c, outcome: '' }));
              setMsg({ ok: true, text: w.saved });
              await refresh();
            } catch (err) {
              setMsg({ ok: false, text: errorOf(err) });
            }
          }}
        >
          <label>
            {w.channel}
            <select value={contact.channel} onChange={(e) => setContact((c) => ({ ...c, channel: e.target.value }))}>
              {CHANNELS.map((ch) => (
                <option key={ch} value={ch}>
                  {w.channels[ch]}
                </option>
              ))}
            </select>
          </label>
          <label>
            {w.level}
            <select value={contact.confidentiality} onChange={(e) => setContact((c) => ({ ...c, confidentiality: e.target.value as Level }))}>
              {f.writableLevels.map((l) => (
                <option key={l} value={l}>
                  {w.levels[l]}
                </option>
              ))}
            </select>
          </label>
          <label className="wide">
            {w.outcome}
            <textarea value={contact.outcome} onChange={(e) => setContact((c) => ({ ...c, outcome: e.target.value }))} required />
          </label>
          <div>
            <button type="submit" className="btn small">
              {w.addContact}
            </button>
          </div>
        </form>
      )}
      <h3>{w.meetings}</h3>
      {f.meetings.length === 0 ? (
        <p className="muted small">{w.meetingsEmpty}</p>
      ) : (
        <ul className="cw-list" data-testid="family-meetings">
          {f.meetings.map((m) => (
            <li key={m.id} data-testid="family-meeting">
              <strong>{m.when}</strong> · {m.place} · <span className={`cw-tag ${m.status === 'scheduled' ? 'watch' : m.status === 'held' ? 'ok' : ''}`}>{w.status[m.status]}</span>
              <div className="meta">
                {m.purpose} · {m.host.name}
              </div>
              {m.status === 'scheduled' && f.canWrite && (
                <div className="pw-buttons">
                  {(['held', 'cancelled'] as const).map((s) => (
                    <button
                      key={s}
                      type="button"
                      className="btn small"
                      onClick={async () => {
                        try {
                          await call('POST', `/api/cases/${caseId}/family/meetings/${m.id}/status`, { json: { status: s } });
                          await refresh();
                        } catch (err) {
                          setMsg({ ok: false, text: errorOf(err) });
                        }
                      }}
                    >
                      {s === 'held' ? w.held : w.cancel}
                    </button>
                  ))}
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {f.canWrite && !closed && (
        <form
          className="cw-form"
          data-testid="family-meeting-form"
          onSubmit={async (e) => {
            e.preventDefault();
            try {
              await call('POST', `/api/cases/${caseId}/family/meetings`, { json: { scheduledAt: new Date(meeting.at).toISOString(), place: meeting.place, purpose: meeting.purpose } });
              setMeeting({ at: '', place: '', purpose: '' });
              setMsg({ ok: true, text: w.saved });
              await refresh();
              await qc.invalidateQueries({ queryKey: ['paperwork', caseId, 'documents'] });
            } catch (err) {
              setMsg({ ok: false, text: errorOf(err) });
            }
          }}
        >
          <label>
            {w.when}
            <input type="datetime-local" value={meeting.at} onChange={(e) => setMeeting((m) => ({ ...m, at: e.target.value }))} required />
          </label>
          <label>
            {w.place}
            <input value={meeting.place} onChange={(e) => setMeeting((m) => ({ ...m, place: e.target.value }))} required />
          </label>
          <label className="wide">
            {w.purpose}
            <input value={meeting.purpose} onChange={(e) => setMeeting((m) => ({ ...m, purpose: e.target.value }))} required />
          </label>
          <div>
            <button type="submit" className="btn small">
              {w.schedule}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
