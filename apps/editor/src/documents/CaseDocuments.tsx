/**
 * The case page's "Dokumen" section: a download button per document (with
 * the record, step, referral or meeting it is about, when it needs one), the
 * register of numbered documents made for the case, and — for the kepsek —
 * the letterhead (fields, logo) and the signers' NIP.
 */
import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { FileDown } from 'lucide-react';
import { useMe } from '../auth/session.ts';
import { call, downloadDocument, uploadLogo, type DocumentKind, type DocumentsView, type SchoolProfile } from './api.ts';
import { pick, useWords } from './text.ts';
import { formatDate } from '../i18n/dates.ts';

const errorOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

function DocumentRow({ caseId, entry, onDone }: { caseId: string; entry: DocumentsView['available'][number]; onDone: (number: string) => void }) {
  const { w, lang } = useWords();
  const [subject, setSubject] = useState(entry.subjects[0]?.id ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const title = pick(entry.title, lang);
  const unavailable = entry.needsSubject && entry.subjects.length === 0;
  const chosen = entry.subjects.some((s) => s.id === subject) ? subject : (entry.subjects[0]?.id ?? '');
  return (
    <li data-testid="document-row" data-kind={entry.kind}>
      <strong>{title}</strong>
      {entry.needsSubject && entry.subjects.length > 0 && (
        <label className="pw-subject">
          <span className="sr-only">{`${w.choose}: ${title}`}</span>
          <select value={chosen} onChange={(e) => setSubject(e.target.value)} aria-label={`${w.choose}: ${title}`}>
            {entry.subjects.map((s) => (
              <option key={s.id} value={s.id}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
      )}
      {unavailable ? (
        <div className="meta">{w.nothingYet}</div>
      ) : (
        <button
          type="button"
          className="btn small"
          disabled={busy}
          aria-label={`${w.download}: ${title}`}
          onClick={async () => {
            setBusy(true);
            setError(null);
            try {
              onDone(await downloadDocument(caseId, entry.kind, entry.needsSubject ? chosen : undefined));
            } catch (e) {
              setError(errorOf(e));
            } finally {
              setBusy(false);
            }
          }}
        >
          <FileDown size={14} aria-hidden /> {w.download}
        </button>
      )}
      {error && (
        <div className="cw-msg error" role="alert">
          {error}
        </div>
      )}
    </li>
  );
}

function Letterhead() {
  const { w } = useWords();
  const qc = useQueryClient();
  const profile = useQuery({ queryKey: ['paperwork', 'school-profile'], queryFn: () => call<SchoolProfile>('GET', '/api/school/profile') });
  const staff = useQuery({ queryKey: ['paperwork', 'staff-nip'], queryFn: () => call<{ items: { id: string; name: string; role: string; nip: string | null }[] }>('GET', '/api/school/staff') });
  const [draft, setDraft] = useState<Partial<SchoolProfile>>({});
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const [nips, setNips] = useState<Record<string, string>>({});
  if (!profile.data) return null;
  const value = (k: keyof SchoolProfile) => (draft[k] ?? profile.data[k] ?? '') as string;
  const field = (k: 'authority' | 'address' | 'city' | 'phone' | 'email' | 'website' | 'letterCode', label: string, multi = false) => (
    <label className={multi ? 'wide' : undefined}>
      {label}
      {multi ? (
        <textarea value={value(k)} onChange={(e) => setDraft((d) => ({ ...d, [k]: e.target.value }))} rows={2} />
      ) : (
        <input value={value(k)} onChange={(e) => setDraft((d) => ({ ...d, [k]: e.target.value }))} type={k === 'email' ? 'email' : 'text'} />
      )}
    </label>
  );
  const done = (p: SchoolProfile) => {
    qc.setQueryData(['paperwork', 'school-profile'], p);
    setDraft({});
    setMsg({ ok: true, text: w.saved });
  };
  const fail = (e: unknown) => setMsg({ ok: false, text: errorOf(e) });
  return (
    <details className="pw-letterhead" data-testid="letterhead">
      <summary>{w.letterhead}</summary>
      <form
        className="cw-form"
        onSubmit={async (e) => {
          e.preventDefault();
          const body = Object.fromEntries(Object.entries(draft).filter(([k]) => ['authority', 'address', 'city', 'phone', 'email', 'website', 'letterCode'].includes(k)));
          try {
            done(await call<SchoolProfile>('PUT', '/api/school/profile', { json: body }));
          } catch (err) {
            fail(err);
          }
        }}
      >
        {field('authority', w.authority, true)}
        {field('address', w.address, true)}
        {field('city', w.city)}
        {field('phone', w.phone)}
        {field('email', w.email)}
        {field('website', w.website)}
        {field('letterCode', w.letterCode)}
        <label className="wide">
          {w.logo}
          <span className="pw-logo">
            {profile.data.hasLogo ? <img src={`/api/school/logo?v=${encodeURIComponent(profile.data.updatedAt ?? '')}`} alt={w.logo} height={48} /> : <span className="muted small">{w.logoNone}</span>}
            <input
              type="file"
              accept="image/png,image/jpeg"
              onChange={async (e) => {
                const file = e.target.files?.[0];
                e.target.value = '';
                if (!file) return;
                try {
                  done(await uploadLogo(file));
                } catch (err) {
                  fail(err);
                }
              }}
            />
            {profile.data.hasLogo && (
              <button type="button" className="btn small" onClick={async () => call<SchoolProfile>('DELETE', '/api/school/logo').then(done, fail)}>
                {w.removeLogo}
              </button>
            )}
          </span>
        </label>
        <div>
          <button type="submit" className="btn small primary">
            {w.save}
          </button>
        </div>
      </form>
      {staff.data && (
        <table className="pw-nips">
          <tbody>
            {staff.data.items
              .filter((s) => s.role === 'kepsek' || s.role === 'guru_bk')
              .map((s) => (
                <tr key={s.id}>
                  <td>{s.name}</td>
                  <td>
                    <input
                      aria-label={`${w.nip}: ${s.name}`}
                      inputMode="numeric"
                      value={nips[s.id] ?? s.nip ?? ''}
                      onChange={(e) => setNips((n) => ({ ...n, [s.id]: e.target.value }))}
                      placeholder={w.nip}
                    />
                  </td>
                  <td>
                    <button
                      type="button"
                      className="btn small"
                      onClick={async () => {
                        const nip = (nips[s.id] ?? s.nip ?? '').replace(/\s/g, '');
                        try {
                          await call('PUT', `/api/school/staff/${s.id}/nip`, { json: { nip: nip === '' ? null : nip } });
                          await qc.invalidateQueries({ queryKey: ['paperwork', 'staff-nip'] });
                          setMsg({ ok: true, text: w.saved });
                        } catch (err) {
                          fail(err);
                        }
                      }}
                    >
                      {w.save}
                    </button>
                  </td>
                </tr>
              ))}
          </tbody>
        </table>
      )}
      {msg && (
        <div className={`cw-msg ${msg.ok ? 'ok' : 'error'}`} role={msg.ok ? 'status' : 'alert'}>
          {msg.text}
        </div>
      )}
    </details>
  );
}

export function CaseDocuments({ caseId }: { caseId: string }) {
  const { w, lang } = useWords();
  const me = useMe().data;
  const qc = useQueryClient();
  const key = ['paperwork', caseId, 'documents'];
  const docs = useQuery({ queryKey: key, queryFn: () => call<DocumentsView>('GET', `/api/cases/${caseId}/documents`) });
  const [last, setLast] = useState<string | null>(null);
  if (!docs.data) return null;
  const titles = new Map<DocumentKind, string>(docs.data.available.map((a) => [a.kind, pick(a.title, lang)]));
  return (
    <section className="cw-section cw-no-print" aria-labelledby="pw-documents" data-testid="documents">
      <h2 id="pw-documents">{w.documents}</h2>
      <p className="muted small">{w.documentsHelp}</p>
      <ul className="cw-list">
        {docs.data.available.map((entry) => (
          <DocumentRow
            key={entry.kind}
            caseId={caseId}
            entry={entry}
            onDone={(number) => {
              setLast(number);
              void qc.invalidateQueries({ queryKey: key });
            }}
          />
        ))}
      </ul>
      {last && (
        <div className="cw-msg ok" role="status" data-testid="document-downloaded">
          {w.downloaded}: {last}
        </div>
      )}
      <h3>{w.issued}</h3>
      {docs.data.issued.length === 0 ? (
        <p className="muted small">{w.issuedEmpty}</p>
      ) : (
        <ul className="cw-list" data-testid="documents-issued">
          {[...docs.data.issued].reverse().map((d) => (
            <li key={d.id}>
              <strong>{d.number}</strong> · {titles.get(d.kind)}
              <div className="meta">
                {formatDate(d.generatedAt, lang, 'dateTime')} {w.by} {d.generatedBy.name}
                {d.withRahasia ? ` · ${w.withRahasia}` : ''}
              </div>
            </li>
          ))}
        </ul>
      )}
      {me?.role === 'kepsek' && <Letterhead />}
    </section>
  );
}
