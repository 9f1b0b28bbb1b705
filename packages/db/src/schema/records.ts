/** What people record on a case: notes, consents, referrals, visits, meetings. */
import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { flag, id, instant, json } from './columns.ts';
import { cases } from './cases.ts';

export const CONFIDENTIALITY_LEVELS = ['umum', 'terbatas', 'rahasia'] as const;
export type ConfidentialityLevel = (typeof CONFIDENTIALITY_LEVELS)[number];

export const notes = sqliteTable(
  'notes',
  {
    id: id(),
    caseId: text('case_id').notNull().references(() => cases.id),
    schoolId: text('school_id').notNull(),
    authorId: text('author_id').notNull(),
    body: text('body').notNull(),
    confidentiality: text('confidentiality', { enum: CONFIDENTIALITY_LEVELS }).notNull(),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [index('notes_case_idx').on(t.caseId, t.createdAt)],
);

export const CONSENT_PURPOSES = ['referral', 'data_sharing', 'home_visit', 'other'] as const;

/** A parent's or guardian's consent (who, when, for what, how). */
export const consents = sqliteTable(
  'consents',
  {
    id: id(),
    caseId: text('case_id').notNull().references(() => cases.id),
    schoolId: text('school_id').notNull(),
    purpose: text('purpose', { enum: CONSENT_PURPOSES }).notNull(),
    /** Who gave it (guardian's name) and their relationship to the student. */
    givenBy: text('given_by').notNull(),
    relationship: text('relationship'),
    /** `written`, `verbal`, `digital`. */
    method: text('method').notNull(),
    granted: flag('granted').notNull(),
    givenAt: instant('given_at').notNull(),
    recordedBy: text('recorded_by').notNull(),
    createdAt: instant('created_at').notNull(),
    revokedAt: instant('revoked_at'),
  },
  (t) => [index('consents_case_idx').on(t.caseId, t.purpose)],
);

export const REFERRAL_TARGETS = ['psychologist', 'psychiatrist', 'doctor', 'police', 'social_services', 'puskesmas', 'other'] as const;
export const REFERRAL_STATUSES = ['sent', 'accepted', 'rejected', 'completed'] as const;

export const referrals = sqliteTable(
  'referrals',
  {
    id: id(),
    caseId: text('case_id').notNull().references(() => cases.id),
    schoolId: text('school_id').notNull(),
    target: text('target', { enum: REFERRAL_TARGETS }).notNull(),
    /** The institution or person referred to. */
    targetName: text('target_name').notNull(),
    /** The referral partner of the school's register (`referral_partners`), when one was picked. */
    partnerId: text('partner_id'),
    reason: text('reason').notNull(),
    status: text('status', { enum: REFERRAL_STATUSES }).notNull(),
    rejectionReason: text('rejection_reason'),
    outcomeReport: text('outcome_report'),
    sentBy: text('sent_by').notNull(),
    sentAt: instant('sent_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [index('referrals_case_idx').on(t.caseId), index('referrals_school_status_idx').on(t.schoolId, t.status), index('referrals_partner_idx').on(t.partnerId)],
);

export const CASE_RECORD_KINDS = ['home_visit', 'case_conference', 'counseling_session'] as const;
export type CaseRecordKind = (typeof CASE_RECORD_KINDS)[number];

/**
 * Home visits, case conferences and counseling sessions: one table, the
 * shape of `data` per kind is validated by the API's zod schemas.
 */
export const caseRecords = sqliteTable(
  'case_records',
  {
    id: id(),
    caseId: text('case_id').notNull().references(() => cases.id),
    schoolId: text('school_id').notNull(),
    kind: text('kind', { enum: CASE_RECORD_KINDS }).notNull(),
    data: json('data').$type<Record<string, unknown>>().notNull(),
    confidentiality: text('confidentiality', { enum: CONFIDENTIALITY_LEVELS }).notNull().default('terbatas'),
    /** When it happened (visit date, meeting date). */
    occurredAt: instant('occurred_at').notNull(),
    recordedBy: text('recorded_by').notNull(),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [index('case_records_case_idx').on(t.caseId, t.kind)],
);
