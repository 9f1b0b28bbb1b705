/**
 * The Satgas registers' API as server state: referral partners
 * (`/api/registers/partners`), peer counsellors and supervision
 * (`/api/registers/peer-counsellors`, `/api/registers/supervisions`), group
 * sessions (`/api/registers/group-sessions`, `/api/cases/{id}/group-sessions`),
 * and the step form picker's fetchers for `partner` and `peer_counsellor`.
 * Shapes follow apps/api/src/registers/{partners,peers,groups}-routes.ts.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call } from '../cases/http.ts';
import { formatDate } from '../i18n/dates.ts';

export interface Localized { id: string; en?: string | undefined }
export interface Named { id: string; name: string }
export type Level = 'umum' | 'terbatas' | 'rahasia';
export type PartnerKind = 'puskesmas' | 'psikolog' | 'uptd_ppa' | 'dinas_sosial' | 'polisi' | 'pkbm' | 'lainnya';

export interface Partner {
  id: string;
  name: string;
  kind: PartnerKind;
  kindLabel: Localized;
  address: string | null;
  contactPerson: string | null;
  phone: string | null;
  phoneDisplay: string | null;
  services: string | null;
  active: boolean;
}
export interface PartnerList { items: Partner[]; kinds: { key: PartnerKind; label: Localized }[]; canWrite: boolean }
export interface PartnerDetail extends Partner {
  referrals: { id: string; caseId: string; studentName: string; status: string; statusLabel: Localized; sentAt: string; feedback: boolean }[] | null;
  counts: { total: number; open: number; feedback: number };
}
export interface PartnerInput {
  name?: string;
  kind?: PartnerKind;
  address?: string | null;
  contactPerson?: string | null;
  phone?: string | null;
  services?: string | null;
  active?: boolean;
}

export interface Counsellor {
  id: string;
  studentId: string;
  studentName: string;
  className: string | null;
  trainedOn: string | null;
  trainingName: string | null;
  trainingOrganiser: string | null;
  trained: boolean;
  supervisor: Named | null;
  active: boolean;
  pickable: boolean;
}
export interface CounsellorList { items: Counsellor[]; supervisors: Named[]; canWrite: boolean }
export interface Supervision {
  id: string;
  heldOn: string;
  supervisor: Named;
  counsellors: (Named & { className: string | null })[];
  notes: string | null;
  notesHidden: boolean;
  confidentiality: Level;
  recordedBy: Named;
}
export interface CounsellorDetail extends Counsellor { supervisions: Supervision[] }

export interface GroupSession {
  id: string;
  heldOn: string;
  topic: string;
  summary: string | null;
  summaryHidden: boolean;
  confidentiality: Level;
  members: { caseId: string; studentName: string; className: string | null }[];
  memberCount: number;
  recordedBy: Named;
}

/** A new Idempotency-Key per write: a retry after a lost answer is applied once. */
const key = () => (globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(36).slice(2)}`);
// `call` types the verbs its callers use; PATCH goes through as it is.
const PATCH = 'PATCH' as 'PUT';

export const regKeys = {
  all: ['satgas-registers'] as const,
  partners: ['satgas-registers', 'partners'] as const,
  partner: (id: string) => ['satgas-registers', 'partners', id] as const,
  peers: ['satgas-registers', 'peers'] as const,
  peer: (id: string) => ['satgas-registers', 'peers', id] as const,
  supervisions: ['satgas-registers', 'supervisions'] as const,
  groups: ['satgas-registers', 'groups'] as const,
  caseGroups: (caseId: string) => ['satgas-registers', 'case-groups', caseId] as const,
};

export const fetchPartners = (activeOnly = false) => call<PartnerList>('GET', `/api/registers/partners${activeOnly ? '?active=true' : ''}`);
export const fetchPickableCounsellors = () => call<CounsellorList>('GET', '/api/registers/peer-counsellors?pickable=true');

export const usePartners = () => useQuery({ queryKey: regKeys.partners, queryFn: () => fetchPartners() });
export const usePartner = (id: string | null) => useQuery({ queryKey: regKeys.partner(id ?? ''), queryFn: () => call<PartnerDetail>('GET', `/api/registers/partners/${id}`), enabled: id !== null });
export const useCounsellors = () => useQuery({ queryKey: regKeys.peers, queryFn: () => call<CounsellorList>('GET', '/api/registers/peer-counsellors') });
export const useCounsellor = (id: string | null) => useQuery({ queryKey: regKeys.peer(id ?? ''), queryFn: () => call<CounsellorDetail>('GET', `/api/registers/peer-counsellors/${id}`), enabled: id !== null });
export const useSupervisions = () => useQuery({ queryKey: regKeys.supervisions, queryFn: () => call<{ items: Supervision[] }>('GET', '/api/registers/supervisions') });
export const useGroupSessions = () => useQuery({ queryKey: regKeys.groups, queryFn: () => call<{ items: GroupSession[]; canWrite: boolean }>('GET', '/api/registers/group-sessions') });
export const useCaseGroupSessions = (caseId: string) =>
  useQuery({ queryKey: regKeys.caseGroups(caseId), queryFn: () => call<{ items: GroupSession[] }>('GET', `/api/cases/${caseId}/group-sessions`) });

function useWrite<I, O>(fn: (input: I) => Promise<O>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: regKeys.all }) });
}
export const useAddPartner = () => useWrite((json: PartnerInput) => call<Partner>('POST', '/api/registers/partners', { json, headers: { 'Idempotency-Key': key() } }));
export const useUpdatePartner = () => useWrite((input: { id: string; patch: PartnerInput }) => call<Partner>(PATCH, `/api/registers/partners/${input.id}`, { json: input.patch }));
export const useAddCounsellor = () =>
  useWrite((json: { studentId: string; trainedOn?: string | null; trainingName?: string | null; trainingOrganiser?: string | null; supervisorId?: string | null }) =>
    call<Counsellor>('POST', '/api/registers/peer-counsellors', { json, headers: { 'Idempotency-Key': key() } }));
export const useUpdateCounsellor = () =>
  useWrite((input: { id: string; patch: { active?: boolean; trainedOn?: string | null; trainingName?: string | null; trainingOrganiser?: string | null; supervisorId?: string | null } }) =>
    call<Counsellor>(PATCH, `/api/registers/peer-counsellors/${input.id}`, { json: input.patch }));
export const useAddSupervision = () =>
  useWrite((json: { heldOn: string; supervisorId?: string; counsellorIds: string[]; notes?: string | null; confidentiality: Level }) =>
    call<Supervision>('POST', '/api/registers/supervisions', { json, headers: { 'Idempotency-Key': key() } }));
export const useAddGroupSession = () =>
  useWrite((json: { heldOn: string; topic: string; summary?: string | null; confidentiality: Level; caseIds: string[] }) =>
    call<GroupSession>('POST', '/api/registers/group-sessions', { json, headers: { 'Idempotency-Key': key() } }));

/** Today in the browser's calendar, `YYYY-MM-DD`. */
export function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
/** `2026-02-01` → the app's one date format (`src/i18n/dates.ts`). */
export function dateText(d: string | null, lang: string): string {
  return d ? formatDate(d.slice(0, 10), lang) : '';
}
export const locText = (l: Localized | null | undefined, lang: string) => (l ? (lang === 'en' ? (l.en ?? l.id) : l.id) : '');
