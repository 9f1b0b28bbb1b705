/**
 * Picking from the Satgas registers outside the registers' own pages: the
 * step form picker's fetchers for `partner` and `peer_counsellor` fields
 * (REGISTER_FETCHERS of ../cases/RegisterPicker.tsx: only active partners;
 * only active, trained counsellors), and the partner choice of a case's
 * referral form (ReferralPanel). People see names, never ids.
 */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from '../i18n/index.ts';
import { currentLang } from '../i18n/index.ts';
import { dateText, fetchPartners, fetchPickableCounsellors, locText, regKeys } from './PartnersApi.ts';
import './PartnersMessages.ts';

type Translate = (key: string, values?: Record<string, unknown>) => string;
export interface PickerOption { id: string; label: string; detail?: string }

/** Active referral partners: `Puskesmas Muara Sabak (Puskesmas)`, with the address under the list. */
export async function partnerOptions(t: Translate): Promise<PickerOption[]> {
  const lang = currentLang();
  return (await fetchPartners(true)).items.map((p) => ({
    id: p.id,
    label: t('satgas:picker.partnerOption', { name: p.name, kind: locText(p.kindLabel, lang) }),
    ...(p.address ? { detail: t('satgas:picker.partnerDetail', { name: p.name, address: p.address }) } : {}),
  }));
}

/** Active, trained peer counsellors: `Nadia Putri Lestari, kelas XI-1`, with the training and supervisor under the list. */
export async function peerCounsellorOptions(t: Translate): Promise<PickerOption[]> {
  const lang = currentLang();
  return (await fetchPickableCounsellors()).items.map((c) => ({
    id: c.id,
    label: t('satgas:picker.peerOption', { name: c.studentName, className: c.className ?? '—' }),
    detail: t('satgas:picker.peerDetail', { date: dateText(c.trainedOn, lang), supervisor: c.supervisor?.name ?? '—' }),
  }));
}

/** The first-option prompts of the step picker per register kind. */
export const PARTNER_PEER_PROMPTS = { partner: 'satgas:picker.partner', peer_counsellor: 'satgas:picker.peer' } as const;

/** A referral's partner, chosen from the school's active partners ('' = typed by hand). */
export function PartnerChoice({ value, onChange }: { value: string; onChange: (id: string) => void }) {
  const { t, i18n } = useTranslation('satgas');
  const list = useQuery({ queryKey: [...regKeys.partners, 'active'], queryFn: () => fetchPartners(true) });
  return (
    <label>
      {t('nav.partners')}
      <select value={value} onChange={(e) => onChange(e.target.value)} data-testid="referral-partner">
        <option value="">{t('picker.partner')}</option>
        {(list.data?.items ?? []).map((p) => (
          <option key={p.id} value={p.id}>
            {p.name} ({locText(p.kindLabel, i18n.language)})
          </option>
        ))}
      </select>
    </label>
  );
}
