/**
 * The Satgas registers (issue 15): referral partners, peer counsellors
 * (konselor sebaya) with their supervision sessions, and group counselling
 * sessions recorded once with their member cases. Every row carries
 * `school_id`; date-only fields are `YYYY-MM-DD` text.
 */
import { index, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { flag, id, instant } from './columns.ts';
import { schools, users } from './org.ts';
import { students } from './students.ts';
import { cases } from './cases.ts';
import { CONFIDENTIALITY_LEVELS } from '../schema/records.ts';

export const PARTNER_KINDS = ['puskesmas', 'psikolog', 'uptd_ppa', 'dinas_sosial', 'polisi', 'pkbm', 'lainnya'] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];

/** An institution or professional the school refers students to. */
export const referralPartners = sqliteTable(
  'referral_partners',
  {
    id: id(),
    schoolId: text('school_id').notNull().references(() => schools.id),
    name: text('name').notNull(),
    kind: text('kind', { enum: PARTNER_KINDS }).notNull(),
    address: text('address'),
    contactPerson: text('contact_person'),
    /** Normalised to `62…` digits. */
    phone: text('phone'),
    /** What the partner offers (konseling, pemeriksaan kesehatan, pendampingan hukum…). */
    services: text('services'),
    active: flag('active').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [index('referral_partners_school_idx').on(t.schoolId, t.name)],
);

/** A student of the school trained as a peer counsellor, supervised by a guru BK. */
export const peerCounsellors = sqliteTable(
  'peer_counsellors',
  {
    id: id(),
    schoolId: text('school_id').notNull().references(() => schools.id),
    studentId: text('student_id').notNull().references(() => students.id),
    /** When the training ended (`YYYY-MM-DD`); null while not trained yet. */
    trainedOn: text('trained_on'),
    trainingName: text('training_name'),
    /** Who gave the training (Puskesmas, PIK-R, the school's guru BK…). */
    trainingOrganiser: text('training_organiser'),
    supervisorId: text('supervisor_id').references(() => users.id),
    active: flag('active').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [uniqueIndex('peer_counsellors_student_uq').on(t.schoolId, t.studentId)],
);

/** A supervision session of peer counsellors, recorded once. */
export const peerSupervisions = sqliteTable(
  'peer_supervisions',
  {
    id: id(),
    schoolId: text('school_id').notNull().references(() => schools.id),
    heldOn: text('held_on').notNull(),
    supervisorId: text('supervisor_id').notNull().references(() => users.id),
    notes: text('notes'),
    confidentiality: text('confidentiality', { enum: CONFIDENTIALITY_LEVELS }).notNull(),
    recordedBy: text('recorded_by').notNull(),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [index('peer_supervisions_school_idx').on(t.schoolId, t.heldOn)],
);

/** Which counsellors were at a supervision session. */
export const peerSupervisionAttendees = sqliteTable(
  'peer_supervision_attendees',
  {
    supervisionId: text('supervision_id').notNull().references(() => peerSupervisions.id),
    counsellorId: text('counsellor_id').notNull().references(() => peerCounsellors.id),
    schoolId: text('school_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.supervisionId, t.counsellorId] }), index('peer_supervision_attendees_counsellor_idx').on(t.counsellorId)],
);

/** A group counselling session, recorded once for all its members. */
export const groupSessions = sqliteTable(
  'group_sessions',
  {
    id: id(),
    schoolId: text('school_id').notNull().references(() => schools.id),
    heldOn: text('held_on').notNull(),
    topic: text('topic').notNull(),
    summary: text('summary'),
    confidentiality: text('confidentiality', { enum: CONFIDENTIALITY_LEVELS }).notNull(),
    recordedBy: text('recorded_by').notNull(),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [index('group_sessions_school_idx').on(t.schoolId, t.heldOn)],
);

/** A member of a group session: a student's open case of the school. */
export const groupSessionMembers = sqliteTable(
  'group_session_members',
  {
    sessionId: text('session_id').notNull().references(() => groupSessions.id),
    caseId: text('case_id').notNull().references(() => cases.id),
    studentId: text('student_id').notNull(),
    schoolId: text('school_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.caseId] }), index('group_session_members_case_idx').on(t.caseId)],
);
