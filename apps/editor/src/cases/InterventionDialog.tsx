/**
 * Case work as counsellors do it (issue 14), on the case page: the case's
 * risk factors (the guru BK adds or removes one), a step the guru BK skips
 * because its intervention is not needed, and interventions the pathway did
 * not plan (an extra home visit, a referral) added and later marked done —
 * each with a reason that the timeline and the case book keep. The kepsek
 * reads it; only the guru BK changes it. One column on a phone.
 */
import { useState } from 'react';
import { useTranslation } from '../i18n/index.ts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Plus, SkipForward, X } from 'lucide-react';
import { ApiFailure } from '../api/client.ts';
import { useMe } from '../auth/session.ts';
import { choiceLabel, RISK_FACTOR_LABELS } from '../i18n/values.ts';
import { formatDate } from '../i18n/dates.ts';
import { call, errorText } from './http.ts';
import { loc } from './i18n.ts';
import { cwKeys } from './queries.ts';
import { newKey } from './outbox.ts';
import type { CaseView } from './types.ts';

type Localized = { id: string; en?: string };

interface Overview {
  riskFactors: string[];
  steps: { stateId: string; title: Localized; ways: { event: string; label: Localized }[]; requiresApproval: boolean; approval: 'pending' | 'approved' | 'rejected' | null }[];
  added: { id: string; kind: string; title: string | null; reason: string; dueAt: string | null; status: 'open' | 'done'; addedAt: string; addedByName: string | null; completedAt: string | null; note: string | null }[];
  kinds: string[];
}

/** The panel's words, Bahasa Indonesia first. */
const WORDS = {
  id: {
    title: 'Faktor risiko dan intervensi',
    factors: 'Faktor risiko kasus',
    noFactors: 'Belum ada faktor risiko.',
    addFactor: 'Tambah faktor',
    chooseFactor: 'Pilih faktor risiko',
    removeFactor: 'Hapus faktor {{factor}}',
    skip: 'Lewati langkah',
    skipTitle: 'Lewati langkah: {{step}}',
    skipHelp: 'Kasus berlanjut seperti biasa tanpa isian langkah ini. Alasan dicatat di linimasa dan buku kasus.',
    cannotSkip: 'Tidak dapat dilewati: langkah ini perlu isiannya untuk memilih jalan berikutnya.',
    needsApproval: 'Langkah ini perlu persetujuan kepala sekolah, juga untuk dilewati.',
    way: 'Jalan lanjut',
    added: 'Intervensi tambahan',
    noAdded: 'Belum ada intervensi tambahan.',
    add: 'Tambah intervensi',
    addTitle: 'Tambah intervensi di luar jalur',
    kind: 'Jenis intervensi',
    what: 'Keterangan singkat (mis. kunjungan kedua)',
    due: 'Tenggat (membuat tugas)',
    reason: 'Alasan',
    reasonHelp: 'Alasan wajib diisi: mengapa keputusan ini diambil.',
    addFactorTitle: 'Tambah faktor risiko: {{factor}}',
    removeFactorTitle: 'Hapus faktor risiko: {{factor}}',
    save: 'Simpan',
    cancel: 'Batal',
    markDone: 'Tandai selesai',
    doneTitle: 'Intervensi selesai',
    note: 'Catatan hasil (boleh kosong)',
    open: 'Berjalan',
    done: 'Selesai',
    dueOn: 'tenggat',
    by: 'oleh',
    saved: 'Tersimpan.',
  },
  en: {
    title: 'Risk factors and interventions',
    factors: 'The case’s risk factors',
    noFactors: 'No risk factor yet.',
    addFactor: 'Add a factor',
    chooseFactor: 'Choose a risk factor',
    removeFactor: 'Remove the factor {{factor}}',
    skip: 'Skip step',
    skipTitle: 'Skip the step: {{step}}',
    skipHelp: 'The case moves on as usual without this step’s form. The reason is kept in the timeline and the case book.',
    cannotSkip: 'Cannot be skipped: this step needs its answers to choose the next way.',
    needsApproval: 'This step needs the principal’s approval, also to be skipped.',
    way: 'Way forward',
    added: 'Added interventions',
    noAdded: 'No added intervention yet.',
    add: 'Add an intervention',
    addTitle: 'Add an intervention the pathway did not plan',
    kind: 'Kind of intervention',
    what: 'Short description (e.g. second visit)',
    due: 'Due date (creates a task)',
    reason: 'Reason',
    reasonHelp: 'A reason is required: why this decision was taken.',
    addFactorTitle: 'Add the risk factor: {{factor}}',
    removeFactorTitle: 'Remove the risk factor: {{factor}}',
    save: 'Save',
    cancel: 'Cancel',
    markDone: 'Mark done',
    doneTitle: 'Intervention done',
    note: 'Note on the result (optional)',
    open: 'Ongoing',
    done: 'Done',
    dueOn: 'due',
    by: 'by',
    saved: 'Saved.',
  },
};
type Word = keyof (typeof WORDS)['id'];

/** What the dialog is doing now. */
type Dialog =
  | { kind: 'factor'; change: 'add' | 'remove'; factor: string }
  | { kind: 'skip'; step: Overview['steps'][number] }
  | { kind: 'add' }
  | { kind: 'done'; id: string; label: string };

export function CaseWorkPanel({ view }: { view: CaseView }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'id';
  const w = (key: Word, vars: Record<string, string> = {}) => WORDS[lang][key].replace(/\{\{(\w+)\}\}/g, (_, k: string) => vars[k] ?? '');
  const me = useMe().data;
  const qc = useQueryClient();
  const writer = me?.role === 'guru_bk' && view.status === 'active';
  const overview = useQuery({
    queryKey: [...cwKeys.case(view.id), 'casework', view.version],
    queryFn: () => call<Overview>('GET', `/api/cases/${view.id}/casework`),
  });
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [newFactor, setNewFactor] = useState('');
  const [msg, setMsg] = useState<string | null>(null);
  if (!overview.data) return null;
  const o = overview.data;
  const factors = o.riskFactors;
  // The engine's factors, in its order, from the one source of their words (no engine code on the case page).
  const free = Object.keys(RISK_FACTOR_LABELS).filter((f) => !factors.includes(f));
  const kindName = (k: string) => t(`kind.${k}`);

  return (
    <section className="cw-section cw-casework" aria-labelledby="cw-casework-title" data-testid="casework-panel">
      <h2 id="cw-casework-title">{w('title')}</h2>
      <h3 className="small muted">{w('factors')}</h3>
      <div className="cw-tags" data-testid="risk-factors">
        {factors.length === 0 && <span className="muted small">{w('noFactors')}</span>}
        {factors.map((f) => (
          <span key={f} className="cw-tag cw-factor" style={{ display: 'inline-flex', alignItems: 'center', gap: 2, fontSize: 13, padding: '2px 6px' }} data-testid="risk-chip" data-factor={f}>
            {choiceLabel(f, lang)}
            {writer && (
              <button
                type="button"
                className="icon-btn"
                aria-label={w('removeFactor', { factor: choiceLabel(f, lang) })}
                title={w('removeFactor', { factor: choiceLabel(f, lang) })}
                data-testid={`risk-remove-${f}`}
                onClick={() => setDialog({ kind: 'factor', change: 'remove', factor: f })}
              >
                <X size={12} />
              </button>
            )}
          </span>
        ))}
      </div>
      {writer && free.length > 0 && (
        <div className="cw-actions cw-casework-row" style={{ marginTop: 8 }}>
          <select style={{ maxWidth: '100%' }} aria-label={w('chooseFactor')} value={newFactor} onChange={(e) => setNewFactor(e.target.value)} data-testid="risk-add-select">
            <option value="">{w('chooseFactor')}</option>
            {free.map((f) => (
              <option key={f} value={f}>
                {choiceLabel(f, lang)}
              </option>
            ))}
          </select>
          <button type="button" className="btn" disabled={!newFactor} onClick={() => setDialog({ kind: 'factor', change: 'add', factor: newFactor })} data-testid="risk-add">
            <Plus size={13} /> {w('addFactor')}
          </button>
        </div>
      )}

      {writer && o.steps.length > 0 && (
        <ul className="cw-list cw-skip-list" style={{ marginTop: 10 }}>
          {o.steps.map((s) => (
            <li key={s.stateId} data-testid="skip-row" data-step={s.stateId}>
              <button type="button" className="btn small" style={{ whiteSpace: 'normal', textAlign: 'left' }} disabled={s.ways.length === 0} onClick={() => setDialog({ kind: 'skip', step: s })} data-testid="skip-step" data-step={s.stateId}>
                <SkipForward size={13} /> {w('skip')}: {loc(s.title, lang)}
              </button>
              {s.ways.length === 0 && <div className="muted small">{w('cannotSkip')}</div>}
              {s.ways.length > 0 && s.requiresApproval && s.approval !== 'approved' && <div className="muted small">{w('needsApproval')}</div>}
            </li>
          ))}
        </ul>
      )}

      <h3 className="small muted">{w('added')}</h3>
      {o.added.length === 0 && <p className="muted small">{w('noAdded')}</p>}
      <ul className="cw-list">
        {o.added.map((a) => (
          <li key={a.id} data-testid="added-intervention" data-status={a.status}>
            <strong>{kindName(a.kind)}</strong>
            {a.title ? `: ${a.title}` : ''}{' '}
            <span className={`cw-tag ${a.status === 'done' ? 'ok' : 'watch'}`}>{a.status === 'done' ? w('done') : w('open')}</span>
            <div className="small muted">
              {w('reason')}: {a.reason}
              {a.dueAt ? ` · ${w('dueOn')} ${formatDate(a.dueAt, lang)}` : ''}
              {a.addedByName ? ` · ${w('by')} ${a.addedByName}` : ''}
            </div>
            {a.note && <div className="small">{a.note}</div>}
            {writer && a.status === 'open' && (
              <button type="button" className="btn small" onClick={() => setDialog({ kind: 'done', id: a.id, label: `${kindName(a.kind)}${a.title ? `: ${a.title}` : ''}` })} data-testid="intervention-done">
                {w('markDone')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {writer && (
        <button type="button" className="btn" onClick={() => setDialog({ kind: 'add' })} data-testid="add-intervention">
          <Plus size={13} /> {w('add')}
        </button>
      )}
      {msg && (
        <p className="cw-msg ok" role="status" data-testid="casework-message">
          {msg}
        </p>
      )}
      {dialog && (
        <InterventionDialog
          view={view}
          dialog={dialog}
          kinds={o.kinds}
          w={w}
          kindName={kindName}
          onClose={() => setDialog(null)}
          onSaved={async () => {
            setDialog(null);
            setNewFactor('');
            setMsg(w('saved'));
            await qc.invalidateQueries({ queryKey: cwKeys.case(view.id) });
          }}
        />
      )}
    </section>
  );
}

/** A framed box in the panel's flow (no overlay: on a phone it is simply the next thing to fill in). */
const DIALOG_STYLE = { border: '1px solid var(--line)', borderRadius: 8, padding: 12, marginTop: 10, background: 'var(--brand-soft, #f5f7ff)', maxWidth: '100%', boxSizing: 'border-box' } as const;

/** The form of one case-work change: its own fields and the reason, sent to the case's route. */
function InterventionDialog({
  view, dialog, kinds, w, kindName, onClose, onSaved,
}: {
  view: CaseView;
  dialog: Dialog;
  kinds: string[];
  w: (key: Word, vars?: Record<string, string>) => string;
  kindName: (k: string) => string;
  onClose(): void;
  onSaved(): Promise<void>;
}) {
  const { i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'id';
  const [reason, setReason] = useState('');
  const [way, setWay] = useState(dialog.kind === 'skip' ? (dialog.step.ways[0]?.event ?? '') : '');
  const [kind, setKind] = useState(kinds[0] ?? 'home_visit');
  const [what, setWhat] = useState('');
  const [due, setDue] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // One key per dialog: a retry after a lost answer is answered, not recorded twice.
  const [key, setKey] = useState(newKey);
  const headers = { 'Idempotency-Key': key };
  const needsReason = dialog.kind !== 'done';

  const heading =
    dialog.kind === 'factor'
      ? w(dialog.change === 'add' ? 'addFactorTitle' : 'removeFactorTitle', { factor: choiceLabel(dialog.factor, lang) })
      : dialog.kind === 'skip'
        ? w('skipTitle', { step: loc(dialog.step.title, lang) })
        : dialog.kind === 'add'
          ? w('addTitle')
          : `${w('doneTitle')}: ${dialog.label}`;

  const submit = async () => {
    if (needsReason && !reason.trim()) {
      setError(w('reasonHelp'));
      return;
    }
    setBusy(true);
    setError(null);
    const expectedVersion = view.version;
    try {
      if (dialog.kind === 'factor') await call('POST', `/api/cases/${view.id}/risk-factors`, { json: { factor: dialog.factor, change: dialog.change, reason, expectedVersion }, headers });
      else if (dialog.kind === 'skip') await call('POST', `/api/cases/${view.id}/skip`, { json: { stateId: dialog.step.stateId, reason, expectedVersion, ...(way ? { event: way } : {}) }, headers });
      else if (dialog.kind === 'add')
        await call('POST', `/api/cases/${view.id}/interventions`, { json: { kind, reason, expectedVersion, ...(what.trim() ? { title: what.trim() } : {}), ...(due ? { dueDate: due } : {}) }, headers });
      else await call('POST', `/api/cases/${view.id}/interventions/${dialog.id}/done`, { json: { expectedVersion, ...(reason.trim() ? { note: reason.trim() } : {}) }, headers });
      await onSaved();
    } catch (e) {
      // A refusal is final for this attempt: the next try is a new request (a lost answer keeps its key).
      if (!(e instanceof ApiFailure && e.status === 0)) setKey(newKey());
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="cw-dialog"
      style={DIALOG_STYLE}
      role="dialog"
      aria-labelledby="cw-dialog-title"
      data-testid="intervention-dialog"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h3 id="cw-dialog-title">{heading}</h3>
      {dialog.kind === 'skip' && <p className="small muted">{w('skipHelp')}</p>}
      {dialog.kind === 'skip' && dialog.step.ways.length > 1 && (
        <label className="field">
          <span>{w('way')}</span>
          <select value={way} onChange={(e) => setWay(e.target.value)} data-testid="skip-way">
            {dialog.step.ways.map((x) => (
              <option key={x.event} value={x.event}>
                {loc(x.label, lang)}
              </option>
            ))}
          </select>
        </label>
      )}
      {dialog.kind === 'add' && (
        <>
          <label className="field">
            <span>{w('kind')}</span>
            <select value={kind} onChange={(e) => setKind(e.target.value)} data-testid="intervention-kind">
              {kinds.map((k) => (
                <option key={k} value={k}>
                  {kindName(k)}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{w('what')}</span>
            <input value={what} maxLength={200} onChange={(e) => setWhat(e.target.value)} data-testid="intervention-title" />
          </label>
          <label className="field">
            <span>{w('due')}</span>
            <input type="date" value={due} onChange={(e) => setDue(e.target.value)} data-testid="intervention-due" />
          </label>
        </>
      )}
      <label className="field">
        <span>{needsReason ? w('reason') : w('note')}</span>
        <textarea value={reason} maxLength={2000} rows={3} aria-required={needsReason} onChange={(e) => setReason(e.target.value)} data-testid="cw-reason" />
        {needsReason && <small className="muted">{w('reasonHelp')}</small>}
      </label>
      {error && (
        <p className="cw-msg error" role="alert" data-testid="cw-dialog-error">
          {error}
        </p>
      )}
      <div className="cw-actions">
        <button type="submit" className="btn primary" disabled={busy} data-testid="cw-dialog-submit">
          {w('save')}
        </button>
        <button type="button" className="btn" onClick={onClose} data-testid="cw-dialog-cancel">
          {w('cancel')}
        </button>
      </div>
    </form>
  );
}

/**
 * A case-work event's words for the timeline: what changed and why
 * (`Perundungan — Alasan: …`), or null for other events and when the viewer
 * may not read the event's data.
 */
export function caseworkDetail(
  e: { type: string; data: Record<string, unknown> | null },
  lang: string,
  stepTitle: (stateId: string) => string,
  kindName: (kind: string) => string,
): string | null {
  const d = e.data;
  if (!d) return null;
  const l = lang === 'en' ? 'en' : 'id';
  const what =
    e.type === 'riskFactor.added' || e.type === 'riskFactor.removed'
      ? choiceLabel(String(d.factor), l)
      : e.type === 'intervention.skipped'
        ? stepTitle(String(d.stateId))
        : e.type === 'intervention.added' || e.type === 'intervention.completed'
          ? [typeof d.kind === 'string' ? kindName(d.kind) : '', typeof d.title === 'string' ? d.title : ''].filter(Boolean).join(': ')
          : null;
  if (what === null) return null;
  const why = typeof d.reason === 'string' ? d.reason : typeof d.note === 'string' ? d.note : '';
  return [what, why ? `${l === 'en' ? 'Reason' : 'Alasan'}: ${why}` : ''].filter(Boolean).join(' — ');
}
