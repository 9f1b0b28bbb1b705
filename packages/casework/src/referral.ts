/**
 * A referral's life: sent → accepted or rejected (with a reason);
 * accepted → completed (with the outcome report). Nothing else moves it.
 */
import { say, type Localized } from './text.ts';

export const REFERRAL_TARGETS = ['psychologist', 'psychiatrist', 'doctor', 'police', 'social_services', 'puskesmas', 'other'] as const;
export type ReferralTarget = (typeof REFERRAL_TARGETS)[number];
export type ReferralStatus = 'sent' | 'accepted' | 'rejected' | 'completed';
export type ReferralAction = 'accept' | 'reject' | 'complete';

/** Labels of referral targets. */
export const REFERRAL_TARGET_LABELS: Record<ReferralTarget, Localized> = {
  psychologist: say('Psikolog', 'Psychologist'),
  psychiatrist: say('Psikiater', 'Psychiatrist'),
  doctor: say('Dokter', 'Doctor'),
  police: say('Polisi', 'Police'),
  social_services: say('Dinas Sosial', 'Social services'),
  puskesmas: say('Puskesmas', 'Community health centre'),
  other: say('Lainnya', 'Other'),
};

export const REFERRAL_STATUS_LABELS: Record<ReferralStatus, Localized> = {
  sent: say('Terkirim', 'Sent'),
  accepted: say('Diterima', 'Accepted'),
  rejected: say('Ditolak', 'Rejected'),
  completed: say('Selesai', 'Completed'),
};

const MOVES: Record<ReferralAction, { from: ReferralStatus; to: Exclude<ReferralStatus, 'sent'> }> = {
  accept: { from: 'sent', to: 'accepted' },
  reject: { from: 'sent', to: 'rejected' },
  complete: { from: 'accepted', to: 'completed' },
};

/** The actions a referral in `status` allows (the UI's buttons). */
export function referralActions(status: ReferralStatus): ReferralAction[] {
  return (Object.keys(MOVES) as ReferralAction[]).filter((a) => MOVES[a].from === status);
}

export type ReferralMove = { ok: true; to: Exclude<ReferralStatus, 'sent'> } | { ok: false; message: Localized };

/**
 * Where `action` takes a referral in `status`. A rejection needs a reason; a
 * completion needs an outcome report.
 */
export function moveReferral(status: ReferralStatus, action: ReferralAction, input: { reason?: string | null; outcomeReport?: string | null } = {}): ReferralMove {
  const move = MOVES[action];
  if (move.from !== status)
    return { ok: false, message: say(`Rujukan berstatus "${REFERRAL_STATUS_LABELS[status].id}" tidak dapat di-${action}.`, `A referral that is ${status} cannot be ${action}ed.`) };
  if (action === 'reject' && !input.reason?.trim()) return { ok: false, message: say('Alasan penolakan wajib diisi.', 'A rejection needs a reason.') };
  if (action === 'complete' && !input.outcomeReport?.trim()) return { ok: false, message: say('Laporan hasil rujukan wajib diisi.', 'Completing needs an outcome report.') };
  return { ok: true, to: move.to };
}

/** True while a case must wait on the referral. */
export const referralPending = (status: ReferralStatus): boolean => status === 'sent' || status === 'accepted';
