/**
 * The records people keep on a case: home visits, case conferences,
 * counseling sessions, consents. zod schemas shared by the API (validation)
 * and the UI (forms); the database stores `data` as JSON per kind.
 */
import { z } from 'zod';
import { CONFIDENTIALITY_LEVELS } from './visibility.ts';

const text = (max = 4000) => z.string().trim().min(1).max(max);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/);

/** Kunjungan rumah: plan, date, who went, findings, follow-up. */
export const homeVisitSchema = z.object({
  plan: text(),
  date: isoDate,
  visitors: z.array(text(200)).min(1),
  metWith: z.string().max(200).optional(),
  findings: text(),
  followUp: z.string().max(4000).optional(),
});

/** Konferensi kasus: a closed meeting — attendees and decisions. */
export const caseConferenceSchema = z.object({
  date: isoDate,
  attendees: z.array(text(200)).min(1),
  decisions: text(),
  notes: z.string().max(4000).optional(),
});

/** Sesi konseling: individual or group (with its members). */
export const counselingSessionSchema = z
  .object({
    date: isoDate,
    mode: z.enum(['individual', 'group']),
    members: z.array(text(200)).default([]),
    topic: text(500),
    summary: z.string().max(4000).optional(),
  })
  .refine((s) => s.mode === 'individual' || s.members.length >= 2, { message: 'Konseling kelompok perlu minimal 2 anggota / a group needs at least 2 members', path: ['members'] });

export const CASE_RECORD_SCHEMAS = {
  home_visit: homeVisitSchema,
  case_conference: caseConferenceSchema,
  counseling_session: counselingSessionSchema,
} as const;
export type CaseRecordKind = keyof typeof CASE_RECORD_SCHEMAS;

/** A new case record as the API receives it. */
export const newCaseRecordSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('home_visit'), data: homeVisitSchema, confidentiality: z.enum(CONFIDENTIALITY_LEVELS).default('terbatas') }),
  z.object({ kind: z.literal('case_conference'), data: caseConferenceSchema, confidentiality: z.enum(CONFIDENTIALITY_LEVELS).default('terbatas') }),
  z.object({ kind: z.literal('counseling_session'), data: counselingSessionSchema, confidentiality: z.enum(CONFIDENTIALITY_LEVELS).default('terbatas') }),
]);
export type NewCaseRecord = z.infer<typeof newCaseRecordSchema>;

export const CONSENT_PURPOSES = ['referral', 'data_sharing', 'home_visit', 'other'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

/** Persetujuan orang tua/wali: who, when, for what, how. */
export const consentSchema = z.object({
  purpose: z.enum(CONSENT_PURPOSES),
  givenBy: text(200),
  relationship: z.string().max(100).optional(),
  method: z.enum(['written', 'verbal', 'digital']),
  granted: z.boolean().default(true),
  givenAt: isoDate,
});
export type ConsentInput = z.infer<typeof consentSchema>;
