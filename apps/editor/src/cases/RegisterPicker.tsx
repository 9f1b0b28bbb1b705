/**
 * A step form's `register` field (`{ type: 'register', register: <kind> }`):
 * a list of the school's register entries fed by the API, instead of a typed
 * name. The value sent is the entry's id; the person sees names (and, for a
 * fund, its balance), never an id.
 *
 * One fetcher per register kind (`REGISTER_KINDS` of the engine) turns the
 * API's answer into options. Extension point: to offer another register,
 * write its fetcher (an async function returning `RegisterOption[]`) and put
 * it in `REGISTER_FETCHERS` under its kind — the record is typed over
 * `RegisterKind`, so a new kind in the engine shows up here as a type error
 * until it has a fetcher (or an explicit `null`: "not available yet").
 */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from '../i18n/index.ts';
import type { FormField, RegisterKind } from '@jalur/engine';
import { fetchOpenFunds } from '../registers/FundsApi.ts';
import '../registers/FundsMessages.ts';
import { PARTNER_PEER_PROMPTS, partnerOptions, peerCounsellorOptions } from '../registers/PartnersPicker.tsx';

/** One entry the person can pick. */
export interface RegisterOption {
  id: string;
  /** What the list shows (already in the page's language). */
  label: string;
  /** Shown under the list when this entry is picked (e.g. a fund's balance). */
  detail?: string;
  /** Entries with a group are listed under it (e.g. funds by source: orang tua asuh, komite…). */
  group?: string;
}

/** Loads a register's entries for the picker; `t` translates in the `funds` namespace and its siblings, `lang` is the page's language. */
export type RegisterFetcher = (t: (key: string, values?: Record<string, unknown>) => string, lang: string) => Promise<RegisterOption[]>;

/** A fund: its name and balance (`Dana komite — saldo Rp 1.500.000`), grouped by source (a foster parent's funds together); only open funds. */
const fundOptions: RegisterFetcher = async (t, lang) =>
  (await fetchOpenFunds()).items.map((f) => ({
    id: f.id,
    label: t('funds:picker.option', { name: f.name, balance: f.balanceText }),
    detail: t('funds:picker.balance', { name: f.name, balance: f.balanceText }),
    group: lang === 'en' ? (f.sourceLabel.en ?? f.sourceLabel.id) : f.sourceLabel.id,
  }));

/** The fetcher of each register kind (`null`: that register's list is not available yet). */
export const REGISTER_FETCHERS: Record<RegisterKind, RegisterFetcher | null> = {
  fund: fundOptions,
  // Referral partners and peer counsellors (helper H2, apps/editor/src/registers/PartnersPicker.tsx): active partners; active, trained counsellors.
  partner: partnerOptions,
  peer_counsellor: peerCounsellorOptions,
};

/** The words of the picker per kind (the first-option prompt); falls back to the fund's. */
const PROMPTS: Partial<Record<RegisterKind, string>> = { fund: 'funds:picker.choose', ...PARTNER_PEER_PROMPTS };

export function RegisterPicker({
  field, value, onChange, invalid,
}: { field: FormField; value: unknown; onChange: (value: string | undefined) => void; invalid: boolean }) {
  const { t, i18n } = useTranslation();
  const kind = field.register;
  const fetcher = kind ? REGISTER_FETCHERS[kind] : null;
  const list = useQuery({
    queryKey: ['registers', 'picker', kind ?? 'none', i18n.language],
    queryFn: () => fetcher!((key, values) => t(key, values ?? {}) as string, i18n.language),
    enabled: !!fetcher,
    // Balances move with every disbursement: read afresh whenever a form opens.
    staleTime: 0,
    refetchOnMount: 'always',
  });
  const current = typeof value === 'string' ? value : '';
  const options = list.data ?? [];
  const chosen = options.find((o) => o.id === current);
  const common = { name: field.name, 'aria-invalid': invalid ? true : undefined, 'data-field': field.name, 'data-register': kind } as const;
  if (!fetcher) {
    return (
      <>
        <select {...common} disabled value="">
          <option value="">—</option>
        </select>
        <span className="muted small">{t('funds:picker.unavailable')}</span>
      </>
    );
  }
  return (
    <>
      <select {...common} value={current} onChange={(e) => onChange(e.target.value || undefined)} disabled={list.isPending}>
        <option value="">{list.isPending ? t('funds:picker.loading') : t(PROMPTS[kind!] ?? 'funds:picker.choose')}</option>
        {current !== '' && !chosen && !list.isPending && <option value={current}>{t('funds:picker.missing')}</option>}
        {groupsOf(options).map(([group, list]) =>
          group === undefined ? (
            list.map((o) => (
              <option key={o.id} value={o.id}>
                {o.label}
              </option>
            ))
          ) : (
            <optgroup key={group} label={group}>
              {list.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.label}
                </option>
              ))}
            </optgroup>
          ),
        )}
      </select>
      {chosen?.detail && (
        <span className="muted small" data-testid={`register-detail-${field.name}`}>
          {chosen.detail}
        </span>
      )}
      {list.isSuccess && options.length === 0 && <span className="muted small">{t('funds:picker.empty')}</span>}
      {list.isError && (
        <span className="cw-field-error" role="alert">
          {list.error instanceof Error ? list.error.message : String(list.error)}
        </span>
      )}
    </>
  );
}

/** Options in their groups, groups in order of first appearance; ungrouped ones first. */
function groupsOf(options: readonly RegisterOption[]): [string | undefined, RegisterOption[]][] {
  const groups = new Map<string | undefined, RegisterOption[]>([[undefined, []]]);
  for (const o of options) {
    if (!groups.has(o.group)) groups.set(o.group, []);
    groups.get(o.group)!.push(o);
  }
  return [...groups].filter(([, list]) => list.length > 0);
}
