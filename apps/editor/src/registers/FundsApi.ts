/**
 * The fund ledger's API (`/api/registers/sponsors`, `/api/registers/funds`)
 * as server state: orang tua asuh and donors, funds with balances, a fund's
 * ledger, donations. Shapes follow apps/api/src/registers/funds-routes.ts.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call } from '../cases/http.ts';

export interface Localized { id: string; en?: string | undefined }
export interface Choice<K extends string = string> { key: K; label: Localized }
export interface Named { id: string; name: string }

export interface Sponsor {
  id: string;
  kind: 'orang_tua_asuh' | 'donatur';
  kindLabel: Localized;
  party: 'person' | 'organisation';
  partyLabel: Localized;
  name: string;
  phone: string | null;
  phoneDisplay: string | null;
  email: string | null;
  address: string | null;
  pledge: { amount: number | null; amountText: string | null; period: 'monthly' | 'once' | null; periodLabel: Localized | null; from: string | null; until: string | null; student: { id: string; name: string | null } | null };
  status: 'active' | 'ended';
  statusLabel: Localized;
  notes: string | null;
  funds: { id: string; name: string; balance: number; balanceText: string }[];
}
export interface SponsorList {
  items: Sponsor[];
  kinds: Choice<Sponsor['kind']>[];
  parties: Choice<Sponsor['party']>[];
  periods: Choice<'monthly' | 'once'>[];
  statuses: Choice<Sponsor['status']>[];
  students: { id: string; name: string; className: string }[];
  canWrite: boolean;
}
export interface Fund {
  id: string;
  name: string;
  source: string;
  sourceLabel: Localized;
  sponsor: Named | null;
  description: string | null;
  status: 'open' | 'closed';
  totalIn: number;
  totalOut: number;
  balance: number;
  balanceText: string;
}
export interface FundList { items: Fund[]; sources: Choice[]; sponsors: Named[]; canWrite: boolean }
export interface FundEntry {
  id: string;
  direction: 'in' | 'out';
  directionLabel: Localized;
  amount: number;
  amountText: string;
  date: string;
  receiptNumber: string;
  sponsor: Named | null;
  student: { name: string | null; caseId: string | null; erased: boolean } | null;
  step: Localized | null;
  note: string | null;
  recordedBy: string | null;
}
export type FundLedger = Fund & { entries: FundEntry[]; canWrite: boolean };

export interface NewSponsor {
  kind: Sponsor['kind'];
  party: Sponsor['party'];
  name: string;
  phone?: string | null;
  pledgeAmount?: number | null;
  pledgePeriod?: 'monthly' | 'once' | null;
  pledgeStudentId?: string | null;
  pledgeFrom?: string | null;
  pledgeUntil?: string | null;
  notes?: string | null;
}

export const fundKeys = {
  sponsors: ['registers', 'sponsors'] as const,
  funds: (open = false) => ['registers', 'funds', open ? 'open' : 'all'] as const,
  ledger: (id: string) => ['registers', 'fund', id] as const,
  all: ['registers'] as const,
};

/** The open funds with their balances, for a step's picker. */
export const fetchOpenFunds = () => call<FundList>('GET', '/api/registers/funds?open=true');

export function useSponsors() {
  return useQuery({ queryKey: fundKeys.sponsors, queryFn: () => call<SponsorList>('GET', '/api/registers/sponsors') });
}
export function useFunds() {
  return useQuery({ queryKey: fundKeys.funds(), queryFn: () => call<FundList>('GET', '/api/registers/funds') });
}
export function useLedger(id: string | null) {
  return useQuery({ queryKey: fundKeys.ledger(id ?? ''), queryFn: () => call<FundLedger>('GET', `/api/registers/funds/${id}`), enabled: id !== null });
}

/** Writes refresh every register query (balances move together). */
function useWrite<I, O>(fn: (input: I) => Promise<O>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSettled: () => void qc.invalidateQueries({ queryKey: fundKeys.all }) });
}
const key = () => (globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random()}`);

export const useAddSponsor = () => useWrite((json: NewSponsor) => call<Sponsor>('POST', '/api/registers/sponsors', { json, headers: { 'Idempotency-Key': key() } }));
// `call` types the verbs its callers use; PATCH goes through as it is.
export const useSetSponsorStatus = () =>
  useWrite((input: { id: string; status: Sponsor['status'] }) => call<Sponsor>('PATCH' as 'PUT', `/api/registers/sponsors/${input.id}`, { json: { status: input.status } }));
export const useAddFund = () =>
  useWrite((json: { name: string; source: string; sponsorId?: string | null; description?: string | null }) => call<Fund>('POST', '/api/registers/funds', { json, headers: { 'Idempotency-Key': key() } }));
/** Rename, describe, close or reopen a fund (`PATCH /api/registers/funds/{id}`). */
export const useUpdateFund = () =>
  useWrite((input: { id: string; name?: string; description?: string | null; status?: Fund['status'] }) => {
    const { id, ...json } = input;
    return call<Fund>('PATCH' as 'PUT', `/api/registers/funds/${id}`, { json });
  });
export const useAddDonation = () =>
  useWrite((input: { fundId: string; amount: number; date: string; sponsorId?: string | null; note?: string | null }) => {
    const { fundId, ...json } = input;
    return call<{ entry: FundEntry; fund: Fund }>('POST', `/api/registers/funds/${fundId}/donations`, { json, headers: { 'Idempotency-Key': key() } });
  });

/** `1500000` → `Rp 1.500.000` (id-ID). */
export function rupiah(n: number): string {
  return `Rp ${new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0 }).format(n)}`;
}
