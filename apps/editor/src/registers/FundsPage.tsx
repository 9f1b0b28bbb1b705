/**
 * "Orang tua asuh & dana" (route `/registers/funds`): the school's funds with
 * their balances, each fund's ledger (donations in with their BKM receipts,
 * aid paid out by case steps with their BKK receipts), a form to record a
 * donation, renaming a fund and closing or reopening it (a closed fund keeps
 * its ledger, takes no donation and leaves a step's fund picker), and the
 * register of foster parents and donors with what they pledged. The kepsek and guru BK write; Satgas members read; money goes out
 * only through a case's funding or foster-parent step.
 */
import { useState } from 'react';
import { useTranslation } from '../i18n/index.ts';
import { Link } from '../app/router.tsx';
import { useMe } from '../auth/session.ts';
import { errorText } from '../cases/http.ts';
import { loc } from '../cases/i18n.ts';
import {
  rupiah, useAddDonation, useAddFund, useAddSponsor, useFunds, useLedger, useSetSponsorStatus, useSponsors, useUpdateFund,
  type Choice, type Fund, type FundList, type Named, type NewSponsor, type Sponsor, type SponsorList,
} from './FundsApi.ts';
import './FundsMessages.ts';
import '../cases/cases.css';
import './FundsPage.css';
import { formatDate } from '../i18n/dates.ts';

const READERS = ['kepsek', 'guru_bk', 'tim'];
const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};
/** Whole rupiah typed with or without dots (`1.500.000`, `1500000`); NaN otherwise. */
const parseRupiah = (s: string) => (/^\s*\d{1,3}(\.\d{3})*\s*$|^\s*\d+\s*$/.test(s) ? Number(s.replace(/\D/g, '')) : Number.NaN);
/** `2026-02-01` → the app's one date format (`src/i18n/dates.ts`). */
function dateText(d: string | null, lang: string): string {
  return d ? formatDate(d.slice(0, 10), lang) : '';
}

export function Component() {
  const { t } = useTranslation('funds');
  const me = useMe().data;
  const allowed = !!me && READERS.includes(me.role);
  const funds = useFunds();
  const sponsors = useSponsors();
  const [open, setOpen] = useState<string | null>(null);
  if (me && !allowed) {
    return (
      <main className="cw-page" data-testid="funds-forbidden">
        <h1>{t('title')}</h1>
        <p role="alert">{t('forbidden')}</p>
      </main>
    );
  }
  const canWrite = funds.data?.canWrite ?? false;
  return (
    <main className="cw-page funds-page" data-testid="funds-page">
      <h1>{t('title')}</h1>
      <p className="muted">{t('intro')}</p>
      {funds.data && !canWrite && <p className="muted">{t('readOnly')}</p>}
      <section className="cw-section" aria-labelledby="funds-h">
        <h2 id="funds-h">{t('funds')}</h2>
        {funds.isPending && <p className="muted">{t('loading')}</p>}
        {funds.isError && <p className="error-text" role="alert">{errorText(funds.error)}</p>}
        {funds.data && funds.data.items.length === 0 && <p className="muted">{t('noFunds')}</p>}
        {funds.data && funds.data.items.length > 0 && <FundTable list={funds.data} open={open} onOpen={setOpen} canWrite={canWrite} />}
        {open && funds.data && <LedgerPanel fundId={open} list={funds.data} canWrite={canWrite} onClose={() => setOpen(null)} />}
        {canWrite && funds.data && <AddFund list={funds.data} />}
      </section>
      <section className="cw-section" aria-labelledby="sponsors-h">
        <h2 id="sponsors-h">{t('sponsors')}</h2>
        {sponsors.isPending && <p className="muted">{t('loading')}</p>}
        {sponsors.isError && <p className="error-text" role="alert">{errorText(sponsors.error)}</p>}
        {sponsors.data && sponsors.data.items.length === 0 && <p className="muted">{t('noSponsors')}</p>}
        {sponsors.data && (
          <ul className="funds-sponsors" data-testid="sponsors">
            {sponsors.data.items.map((s) => (
              <SponsorCard key={s.id} sponsor={s} canWrite={sponsors.data.canWrite} />
            ))}
          </ul>
        )}
        {sponsors.data?.canWrite && <AddSponsor list={sponsors.data} />}
      </section>
    </main>
  );
}

function FundTable({ list, open, onOpen, canWrite }: { list: FundList; open: string | null; onOpen: (id: string | null) => void; canWrite: boolean }) {
  const { t } = useTranslation('funds');
  return (
    <table className="cw-table funds-table" data-testid="fund-table">
      <thead>
        <tr>
          <th>{t('fundName')}</th>
          <th>{t('source')}</th>
          <th className="num">{t('balance')}</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {list.items.map((f) => (
          <FundRow key={f.id} fund={f} open={open} onOpen={onOpen} canWrite={canWrite} />
        ))}
      </tbody>
    </table>
  );
}

/**
 * One fund: its name, source, balance and status, the ledger button, and for
 * the kepsek and guru BK "Ubah nama" (an inline form under the row) and
 * "Tutup dana" / "Buka kembali" (asked once more before it is done).
 */
function FundRow({ fund: f, open, onOpen, canWrite }: { fund: Fund; open: string | null; onOpen: (id: string | null) => void; canWrite: boolean }) {
  const { t, i18n } = useTranslation('funds');
  const lang = i18n.language;
  const update = useUpdateFund();
  const [mode, setMode] = useState<'rename' | 'status' | null>(null);
  const [name, setName] = useState(f.name);
  const [description, setDescription] = useState(f.description ?? '');
  const [done, setDone] = useState<string | null>(null);
  const closed = f.status === 'closed';
  const start = (m: 'rename' | 'status') => {
    update.reset();
    setDone(null);
    if (m === 'rename') {
      setName(f.name);
      setDescription(f.description ?? '');
    }
    setMode(mode === m ? null : m);
  };
  return (
    <>
      <tr data-testid="fund-row" data-fund={f.name} data-status={f.status}>
        <td>
          <strong>{f.name}</strong>
          {f.sponsor && <div className="muted small">{f.sponsor.name}</div>}
          {f.description && <div className="muted small" data-testid="fund-description">{f.description}</div>}
        </td>
        <td>
          {loc(f.sourceLabel, lang)}
          {closed && (
            <>
              {' '}
              <span className="badge muted" data-testid="fund-status">
                {t('closed')}
              </span>
            </>
          )}
        </td>
        <td className="num" data-testid="fund-balance">
          {f.balanceText}
        </td>
        <td>
          <div className="funds-row-actions">
            <button type="button" className="btn" aria-expanded={open === f.id} aria-label={t('ledgerOf', { name: f.name })} onClick={() => onOpen(open === f.id ? null : f.id)}>
              {t('showLedger')}
            </button>
            {canWrite && (
              <>
                <button type="button" className="btn" data-testid="fund-rename" aria-expanded={mode === 'rename'} aria-label={t('renameFor', { name: f.name })} onClick={() => start('rename')}>
                  {t('rename')}
                </button>
                <button
                  type="button"
                  className="btn"
                  data-testid="fund-close"
                  aria-expanded={mode === 'status'}
                  aria-label={closed ? t('reopenFor', { name: f.name }) : t('closeFor', { name: f.name })}
                  onClick={() => start('status')}
                >
                  {closed ? t('reopen') : t('close')}
                </button>
              </>
            )}
          </div>
        </td>
      </tr>
      {(mode !== null || done) && (
        <tr className="funds-edit-row" data-testid="fund-edit-row">
          <td colSpan={4}>
            {mode === 'rename' && (
              <form
                className="funds-form"
                data-testid="fund-rename-form"
                aria-label={t('renameFor', { name: f.name })}
                onSubmit={(e) => {
                  e.preventDefault();
                  update.mutate(
                    { id: f.id, name: name.trim(), description: description.trim() === '' ? null : description.trim() },
                    { onSuccess: (r) => (setMode(null), setDone(t('fundUpdated', { name: r.name }))) },
                  );
                }}
              >
                <h4>{t('renameTitle')}</h4>
                <label className="wide">
                  {t('fundName')}
                  <input name="fundRename" required maxLength={120} value={name} onChange={(e) => setName(e.target.value)} aria-invalid={name.trim() === '' ? true : undefined} />
                </label>
                <label className="wide">
                  {t('description')}
                  <input name="fundDescription" maxLength={1000} value={description} onChange={(e) => setDescription(e.target.value)} />
                </label>
                <button type="submit" className="btn primary" data-testid="fund-rename-save" disabled={update.isPending || name.trim() === ''}>
                  {t('save')}
                </button>
                <button type="button" className="btn" data-testid="fund-rename-cancel" onClick={() => (update.reset(), setMode(null))}>
                  {t('cancel')}
                </button>
              </form>
            )}
            {mode === 'status' && (
              <div className="funds-form" data-testid="fund-close-confirm" role="group" aria-label={closed ? t('reopenFor', { name: f.name }) : t('closeFor', { name: f.name })}>
                <p>{closed ? t('reopenConfirm', { name: f.name }) : t('closeConfirm', { name: f.name, balance: f.balanceText })}</p>
                <button
                  type="button"
                  className="btn primary"
                  data-testid="fund-close-confirm-yes"
                  disabled={update.isPending}
                  onClick={() =>
                    update.mutate(
                      { id: f.id, status: closed ? 'open' : 'closed' },
                      { onSuccess: (r) => (setMode(null), setDone(r.status === 'closed' ? t('fundClosed', { name: r.name }) : t('fundReopened', { name: r.name }))) },
                    )
                  }
                >
                  {closed ? t('confirmReopen') : t('confirmClose')}
                </button>
                <button type="button" className="btn" data-testid="fund-close-cancel" onClick={() => (update.reset(), setMode(null))}>
                  {t('cancel')}
                </button>
              </div>
            )}
            {update.isError && (
              <p className="error-text" role="alert" data-testid="fund-update-error">
                {errorText(update.error)}
              </p>
            )}
            {mode === null && done && (
              <p className="cw-msg ok" role="status" data-testid="fund-updated">
                {done}
              </p>
            )}
          </td>
        </tr>
      )}
    </>
  );
}

function LedgerPanel({ fundId, list, canWrite, onClose }: { fundId: string; list: FundList; canWrite: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation('funds');
  const lang = i18n.language;
  const ledger = useLedger(fundId);
  const fund = ledger.data;
  return (
    <div className="funds-ledger" data-testid="fund-ledger">
      <div className="funds-ledger-head">
        <h3>{t('ledgerOf', { name: fund?.name ?? list.items.find((f) => f.id === fundId)?.name ?? '' })}</h3>
        <button type="button" className="btn" onClick={onClose}>
          {t('closeLedger')}
        </button>
      </div>
      {ledger.isPending && <p className="muted">{t('loading')}</p>}
      {ledger.isError && <p className="error-text" role="alert">{errorText(ledger.error)}</p>}
      {fund && (
        <>
          <p className="funds-totals" data-testid="ledger-totals">
            <span>{t('totalIn')}: {rupiah(fund.totalIn)}</span>
            <span>{t('totalOut')}: {rupiah(fund.totalOut)}</span>
            <strong>
              {t('balance')}: {fund.balanceText}
            </strong>
          </p>
          {fund.entries.length === 0 ? (
            <p className="muted">{t('noEntries')}</p>
          ) : (
            <table className="cw-table funds-ledger-table" data-testid="ledger-entries">
              <thead>
                <tr>
                  <th>{t('date')}</th>
                  <th>{t('receipt')}</th>
                  <th>{t('what')}</th>
                  <th className="num">{t('in')}</th>
                  <th className="num">{t('out')}</th>
                </tr>
              </thead>
              <tbody>
                {fund.entries.map((e) => (
                  <tr key={e.id} data-testid="ledger-entry" data-direction={e.direction}>
                    <td>{dateText(e.date, lang)}</td>
                    <td className="mono">{e.receiptNumber}</td>
                    <td>
                      <div>{e.direction === 'in' ? `${loc(e.directionLabel, lang)}${e.sponsor ? `: ${e.sponsor.name}` : ''}` : `${loc(e.directionLabel, lang)}: ${loc(e.step, lang)}`}</div>
                      {e.student && (
                        <div className="small">
                          {e.student.erased ? (
                            <span className="muted">{t('erasedStudent')}</span>
                          ) : e.student.name && e.student.caseId ? (
                            <Link to={`/cases/${e.student.caseId}`} aria-label={t('openCase', { name: e.student.name })}>
                              {e.student.name}
                            </Link>
                          ) : (
                            <span className="muted">{e.student.name ?? t('hiddenStudent')}</span>
                          )}
                        </div>
                      )}
                      {e.note && <div className="muted small">{e.note}</div>}
                      {e.recordedBy && <div className="muted small">{t('recordedBy', { name: e.recordedBy })}</div>}
                    </td>
                    <td className="num">{e.direction === 'in' ? e.amountText : ''}</td>
                    <td className="num out">{e.direction === 'out' ? e.amountText : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {fund.status === 'closed' && (
            <p className="muted" data-testid="fund-closed-note">
              {t('closedNote')}
            </p>
          )}
          {canWrite && fund.status === 'open' && <AddDonation fund={fund} list={list} />}
        </>
      )}
    </div>
  );
}

function AddDonation({ fund, list }: { fund: Fund; list: FundList }) {
  const { t } = useTranslation('funds');
  const add = useAddDonation();
  const [amount, setAmount] = useState('');
  const [date, setDate] = useState(today());
  const [sponsorId, setSponsorId] = useState(fund.sponsor?.id ?? '');
  const [note, setNote] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const value = parseRupiah(amount);
  return (
    <form
      className="funds-form"
      aria-label={t('donationFor', { name: fund.name })}
      data-testid="donation-form"
      onSubmit={(e) => {
        e.preventDefault();
        setDone(null);
        add.mutate(
          { fundId: fund.id, amount: value, date, sponsorId: sponsorId || null, note: note.trim() || null },
          {
            onSuccess: (r) => {
              setAmount('');
              setNote('');
              setDone(t('donationSaved', { amount: r.entry.amountText, receipt: r.entry.receiptNumber, name: r.fund.name, balance: r.fund.balanceText }));
            },
          },
        );
      }}
    >
      <h4>{t('addDonation')}</h4>
      <label>
        {t('amount')}
        <input inputMode="numeric" name="amount" required value={amount} onChange={(e) => setAmount(e.target.value)} aria-invalid={amount !== '' && !(value > 0) ? true : undefined} />
      </label>
      <label>
        {t('date')}
        <input type="date" name="date" required value={date} onChange={(e) => setDate(e.target.value)} />
      </label>
      <SponsorField name="sponsorId" value={sponsorId} onChange={setSponsorId} sponsors={list.sponsors} />
      <label className="wide">
        {t('note')}
        <input name="note" value={note} maxLength={1000} onChange={(e) => setNote(e.target.value)} />
      </label>
      <button type="submit" className="btn primary" disabled={add.isPending || !(value > 0) || !date} data-testid="save-donation">
        {t('save')}
      </button>
      {add.isError && <p className="error-text" role="alert">{errorText(add.error)}</p>}
      {done && (
        <p className="cw-msg ok" role="status" data-testid="donation-saved">
          {done}
        </p>
      )}
    </form>
  );
}

function AddFund({ list }: { list: FundList }) {
  const { t } = useTranslation('funds');
  const add = useAddFund();
  const [name, setName] = useState('');
  const [source, setSource] = useState(list.sources[0]?.key ?? 'lainnya');
  const [sponsorId, setSponsorId] = useState('');
  const [done, setDone] = useState<string | null>(null);
  return (
    <form
      className="funds-form"
      data-testid="fund-form"
      onSubmit={(e) => {
        e.preventDefault();
        setDone(null);
        add.mutate({ name: name.trim(), source, sponsorId: sponsorId || null }, { onSuccess: (f) => (setName(''), setDone(t('fundSaved', { name: f.name }))) });
      }}
    >
      <h4>{t('addFund')}</h4>
      <label className="wide">
        {t('fundName')}
        <input name="fundName" required maxLength={200} placeholder={t('fundNameHint')} value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <ChoiceField label={t('source')} name="source" value={source} onChange={setSource} choices={list.sources} />
      <SponsorField name="fundSponsor" value={sponsorId} onChange={setSponsorId} sponsors={list.sponsors} />
      <button type="submit" className="btn primary" disabled={add.isPending || name.trim() === ''}>
        {t('save')}
      </button>
      {add.isError && <p className="error-text" role="alert">{errorText(add.error)}</p>}
      {done && <p className="cw-msg ok" role="status">{done}</p>}
    </form>
  );
}

/** A pick among keyed choices, each read in the page's language. */
function ChoiceField<K extends string>({ label, name, value, onChange, choices }: { label: string; name: string; value: K; onChange: (v: K) => void; choices: Choice<K>[] }) {
  const { i18n } = useTranslation('funds');
  return (
    <label>
      {label}
      <select name={name} value={value} onChange={(e) => onChange(e.target.value as K)}>
        {choices.map((k) => (
          <option key={k.key} value={k.key}>
            {loc(k.label, i18n.language)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The donor or foster parent behind a donation or a fund, or none. */
function SponsorField({ name, value, onChange, sponsors }: { name: string; value: string; onChange: (id: string) => void; sponsors: Named[] }) {
  const { t } = useTranslation('funds');
  return (
    <label>
      {t('sponsor')}
      <select name={name} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('noSponsor')}</option>
        {sponsors.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
    </label>
  );
}

function SponsorCard({ sponsor: s, canWrite }: { sponsor: Sponsor; canWrite: boolean }) {
  const { t, i18n } = useTranslation('funds');
  const lang = i18n.language;
  const status = useSetSponsorStatus();
  const p = s.pledge;
  return (
    <li className="funds-sponsor" data-testid="sponsor" data-status={s.status}>
      <div className="funds-sponsor-head">
        <strong>{s.name}</strong>
        <span className={`badge ${s.status === 'active' ? '' : 'muted'}`}>{loc(s.statusLabel, lang)}</span>
      </div>
      <div className="muted small">
        {loc(s.kindLabel, lang)} · {loc(s.partyLabel, lang)}
        {s.phoneDisplay ? ` · ${s.phoneDisplay}` : ''}
      </div>
      <div className="small">
        {t('pledge')}:{' '}
        {p.amountText ? t('pledgeLine', { amount: p.amountText, period: loc(p.periodLabel, lang) }) : t('noPledge')}
        {p.from && ` (${p.until ? t('pledgeRange', { from: dateText(p.from, lang), until: dateText(p.until, lang) }) : t('pledgeSince', { from: dateText(p.from, lang) })})`}
        {p.student && ` · ${t('pledgeStudent')}: ${p.student.name ?? t('hiddenStudent')}`}
      </div>
      {s.funds.length > 0 && <div className="small">{t('fundsOf', { list: s.funds.map((f) => `${f.name} (${f.balanceText})`).join(', ') })}</div>}
      {s.notes && <div className="muted small">{s.notes}</div>}
      {canWrite && (
        <button
          type="button"
          className="btn"
          disabled={status.isPending}
          aria-label={s.status === 'active' ? t('endFor', { name: s.name }) : t('reactivateFor', { name: s.name })}
          onClick={() => status.mutate({ id: s.id, status: s.status === 'active' ? 'ended' : 'active' })}
        >
          {s.status === 'active' ? t('end') : t('reactivate')}
        </button>
      )}
      {status.isError && <p className="error-text" role="alert">{errorText(status.error)}</p>}
    </li>
  );
}

function AddSponsor({ list }: { list: SponsorList }) {
  const { t } = useTranslation('funds');
  const add = useAddSponsor();
  const empty = { kind: 'orang_tua_asuh' as NewSponsor['kind'], party: 'person' as NewSponsor['party'], name: '', phone: '', amount: '', period: 'monthly' as 'monthly' | 'once', studentId: '', from: '', until: '' };
  const [f, setF] = useState(empty);
  const [done, setDone] = useState<string | null>(null);
  const set = <K extends keyof typeof empty>(k: K, v: (typeof empty)[K]) => setF((x) => ({ ...x, [k]: v }));
  const amount = f.amount.trim() === '' ? null : parseRupiah(f.amount);
  return (
    <form
      className="funds-form"
      data-testid="sponsor-form"
      onSubmit={(e) => {
        e.preventDefault();
        setDone(null);
        add.mutate(
          {
            kind: f.kind, party: f.party, name: f.name.trim(), phone: f.phone.trim() || null, pledgeAmount: amount, pledgePeriod: amount !== null ? f.period : null,
            pledgeStudentId: f.studentId || null, pledgeFrom: f.from || null, pledgeUntil: f.until || null,
          },
          { onSuccess: (s) => (setF(empty), setDone(t('sponsorSaved', { name: s.name }))) },
        );
      }}
    >
      <h4>{t('addSponsor')}</h4>
      <ChoiceField label={t('kind')} name="kind" value={f.kind} onChange={(v) => set('kind', v)} choices={list.kinds} />
      <ChoiceField label={t('party')} name="party" value={f.party} onChange={(v) => set('party', v)} choices={list.parties} />
      <label className="wide">
        {t('name')}
        <input name="sponsorName" required maxLength={200} value={f.name} onChange={(e) => set('name', e.target.value)} />
      </label>
      <label>
        {t('phone')}
        <input name="phone" type="tel" inputMode="tel" maxLength={40} value={f.phone} onChange={(e) => set('phone', e.target.value)} />
      </label>
      <label>
        {t('pledgeAmount')}
        <input name="pledgeAmount" inputMode="numeric" value={f.amount} onChange={(e) => set('amount', e.target.value)} aria-invalid={amount !== null && !(amount > 0) ? true : undefined} />
      </label>
      <ChoiceField label={t('period')} name="period" value={f.period} onChange={(v) => set('period', v)} choices={list.periods} />
      <label className="wide">
        {t('pledgeStudent')}
        <select name="pledgeStudent" value={f.studentId} onChange={(e) => set('studentId', e.target.value)}>
          <option value="">{t('anyStudent')}</option>
          {list.students.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name} ({s.className})
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('from')}
        <input type="date" name="from" value={f.from} onChange={(e) => set('from', e.target.value)} />
      </label>
      <label>
        {t('until')}
        <input type="date" name="until" value={f.until} onChange={(e) => set('until', e.target.value)} />
      </label>
      <button type="submit" className="btn primary" disabled={add.isPending || f.name.trim() === '' || (amount !== null && !(amount > 0))}>
        {t('save')}
      </button>
      {add.isError && <p className="error-text" role="alert">{errorText(add.error)}</p>}
      {done && <p className="cw-msg ok" role="status">{done}</p>}
    </form>
  );
}
