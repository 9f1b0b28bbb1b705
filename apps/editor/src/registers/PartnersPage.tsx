/**
 * "Mitra rujukan" (route `/registers/partners`): the school's referral
 * partners with their contact and services, each one's referrals and whether
 * the closed-loop report came back (guru BK and kepsek; others see counts),
 * a form to add a partner (phone refused in words when it is not an
 * Indonesian mobile number) and to change or deactivate one. The kepsek and
 * guru BK write; Satgas members and wali kelas read.
 */
import { useState } from 'react';
import { useTranslation } from '../i18n/index.ts';
import { Link } from '../app/router.tsx';
import { errorText } from '../cases/http.ts';
import { dateText, locText, useAddPartner, usePartner, usePartners, useUpdatePartner, type Partner, type PartnerInput, type PartnerKind, type PartnerList } from './PartnersApi.ts';
import { ListStatus, RegisterPage } from './RegisterPageKit.tsx';
import '../cases/cases.css';

export function Component() {
  const { t } = useTranslation('satgas');
  const partners = usePartners();
  const [open, setOpen] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const canWrite = partners.data?.canWrite ?? false;
  return (
    <RegisterPage area="partners" readOnly={!!partners.data && !canWrite}>
      <section className="cw-section" aria-label={t('partners.title')}>
        <ListStatus query={partners} none={t('partners.none')} />
        {partners.data && (
          <ul className="reg-cards" data-testid="partners">
            {partners.data.items.map((p) =>
              editing === p.id ? (
                <li key={p.id} className="reg-card">
                  <PartnerForm list={partners.data} partner={p} onDone={() => setEditing(null)} />
                </li>
              ) : (
                <PartnerCard key={p.id} partner={p} canWrite={canWrite} open={open === p.id} onOpen={() => setOpen(open === p.id ? null : p.id)} onEdit={() => setEditing(p.id)} />
              ),
            )}
          </ul>
        )}
        {canWrite && partners.data && <PartnerForm list={partners.data} />}
      </section>
    </RegisterPage>
  );
}

function PartnerCard({ partner: p, canWrite, open, onOpen, onEdit }: { partner: Partner; canWrite: boolean; open: boolean; onOpen: () => void; onEdit: () => void }) {
  const { t, i18n } = useTranslation('satgas');
  const lang = i18n.language;
  const update = useUpdatePartner();
  return (
    <li className={`reg-card${p.active ? '' : ' is-inactive'}`} data-testid="partner" data-name={p.name}>
      <div className="reg-card-head">
        <strong>{p.name}</strong>
        <span className={`cw-tag ${p.active ? 'ok' : 'watch'}`}>{p.active ? t('active') : t('inactive')}</span>
      </div>
      <span className="muted small">{locText(p.kindLabel, lang)}</span>
      {p.address && <span className="small">{p.address}</span>}
      {(p.contactPerson || p.phoneDisplay) && (
        <span className="small">
          {[p.contactPerson, p.phoneDisplay].filter(Boolean).join(' · ')}
        </span>
      )}
      {p.services && (
        <span className="small">
          {t('partners.services')}: {p.services}
        </span>
      )}
      <div className="reg-actions">
        <button type="button" className="btn small" aria-expanded={open} onClick={onOpen} aria-label={t('partners.open', { name: p.name })} data-testid="partner-open">
          {t('partners.referrals')}
        </button>
        {canWrite && (
          <>
            <button type="button" className="btn small" onClick={onEdit} data-testid="partner-edit">
              {t('partners.edit')}
            </button>
            <button type="button" className="btn small" disabled={update.isPending} onClick={() => update.mutate({ id: p.id, patch: { active: !p.active } })} data-testid="partner-toggle">
              {p.active ? t('deactivate') : t('activate')}
            </button>
          </>
        )}
      </div>
      {update.isError && <p className="cw-msg error" role="alert">{errorText(update.error)}</p>}
      {open && <PartnerReferrals id={p.id} lang={lang} />}
    </li>
  );
}

function PartnerReferrals({ id, lang }: { id: string; lang: string }) {
  const { t } = useTranslation('satgas');
  const detail = usePartner(id);
  if (detail.isPending) return <p className="muted small">{t('loading')}</p>;
  if (detail.isError) return <p className="cw-msg error" role="alert">{errorText(detail.error)}</p>;
  const d = detail.data;
  return (
    <div className="reg-detail" data-testid="partner-referrals">
      <strong className="small">{t('partners.referrals')}</strong>
      {d.referrals === null ? (
        <p className="small">{t('partners.countsOnly', d.counts)}</p>
      ) : d.referrals.length === 0 ? (
        <p className="muted small">{t('partners.noReferrals')}</p>
      ) : (
        <div className="reg-scroll">
          <table className="cw-table">
            <thead>
              <tr>
                <th>{t('partners.student')}</th>
                <th>{t('partners.sentAt')}</th>
                <th>{t('partners.status')}</th>
                <th>{t('partners.feedback')}</th>
              </tr>
            </thead>
            <tbody>
              {d.referrals.map((r) => (
                <tr key={r.id} data-testid="partner-referral" data-feedback={r.feedback}>
                  <td>
                    <Link to={`/cases/${r.caseId}`} aria-label={t('partners.openCase', { name: r.studentName })}>
                      {r.studentName}
                    </Link>
                  </td>
                  <td>{dateText(r.sentAt, lang)}</td>
                  <td>{locText(r.statusLabel, lang)}</td>
                  <td>
                    <span className={`cw-tag ${r.feedback ? 'ok' : 'watch'}`}>{r.feedback ? t('partners.feedbackYes') : t('partners.feedbackNo')}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function PartnerForm({ list, partner, onDone }: { list: PartnerList; partner?: Partner; onDone?: () => void }) {
  const { t, i18n } = useTranslation('satgas');
  const lang = i18n.language;
  const add = useAddPartner();
  const update = useUpdatePartner();
  const blank = { name: '', kind: 'puskesmas' as PartnerKind, address: '', contactPerson: '', phone: '', services: '' };
  const [f, setF] = useState(partner ? { name: partner.name, kind: partner.kind, address: partner.address ?? '', contactPerson: partner.contactPerson ?? '', phone: partner.phoneDisplay ?? '', services: partner.services ?? '' } : blank);
  const [done, setDone] = useState<string | null>(null);
  const busy = add.isPending || update.isPending;
  const error = add.error ?? update.error;
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setDone(null);
    const body: PartnerInput = { name: f.name.trim(), kind: f.kind, address: f.address.trim() || null, contactPerson: f.contactPerson.trim() || null, phone: f.phone.trim() || null, services: f.services.trim() || null };
    if (partner) update.mutate({ id: partner.id, patch: body }, { onSuccess: () => onDone?.() });
    else
      add.mutate(body, {
        onSuccess: (p) => {
          setDone(t('partners.added', { name: p.name }));
          setF(blank);
        },
      });
  };
  return (
    <form className="reg-form" onSubmit={submit} data-testid={partner ? 'partner-edit-form' : 'partner-form'}>
      <h3>{partner ? partner.name : t('partners.add')}</h3>
      <div className="cw-form">
        <label>
          {t('partners.name')} *
          <input name="name" required maxLength={200} value={f.name} onChange={set('name')} />
        </label>
        <label>
          {t('partners.kind')}
          <select name="kind" value={f.kind} onChange={set('kind')}>
            {list.kinds.map((k) => (
              <option key={k.key} value={k.key}>
                {locText(k.label, lang)}
              </option>
            ))}
          </select>
        </label>
        <label className="wide">
          {t('partners.address')}
          <input name="address" maxLength={500} value={f.address} onChange={set('address')} />
        </label>
        <label>
          {t('partners.contactPerson')}
          <input name="contactPerson" maxLength={200} value={f.contactPerson} onChange={set('contactPerson')} />
        </label>
        <label>
          {t('partners.phone')}
          <input name="phone" type="tel" inputMode="tel" maxLength={40} placeholder={t('partners.phoneHint')} value={f.phone} onChange={set('phone')} aria-invalid={(error as { code?: string } | null)?.code === 'invalid_phone' || undefined} />
        </label>
        <label className="wide">
          {t('partners.services')}
          <textarea name="services" maxLength={2000} value={f.services} onChange={set('services')} />
        </label>
      </div>
      {error && <p className="cw-msg error" role="alert" data-testid="partner-error">{errorText(error)}</p>}
      {done && <p className="cw-msg ok" role="status">{done}</p>}
      <div className="reg-actions">
        <button type="submit" className="btn primary" disabled={busy || f.name.trim() === ''} data-testid={partner ? 'partner-save' : 'partner-add'}>
          {partner ? t('save') : t('partners.add')}
        </button>
        {partner && (
          <button type="button" className="btn" onClick={onDone}>
            {t('cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
