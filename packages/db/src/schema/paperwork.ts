/**
 * The BK paperwork and the family (issue 15): the school's letterhead and its
 * staff's NIP, numbered generated documents, the family-contact log and
 * parent meetings.
 */
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { flag, id, instant } from './columns.ts';
import { schools, users } from './org.ts';
import { cases } from './cases.ts';
import { CONFIDENTIALITY_LEVELS } from '../schema/records.ts';

/** The letterhead (kop surat) of a school, kept by the kepsek. */
export const schoolProfiles = sqliteTable('school_profiles', {
  schoolId: text('school_id').primaryKey().references(() => schools.id),
  /** Lines above the school's name, e.g. `PEMERINTAH PROVINSI JAMBI` / `DINAS PENDIDIKAN`. */
  authority: text('authority'),
  address: text('address'),
  /** Where letters are signed (`Tanjung Jabung Timur, 6 Desember 2026`). */
  city: text('city'),
  phone: text('phone'),
  email: text('email'),
  website: text('website'),
  /** The school's code in letter numbers (`SMKN1-TJT`). */
  letterCode: text('letter_code'),
  /** PNG or JPEG, base64 (≤ 512 KB decoded, checked by the API). */
  logo: text('logo'),
  logoMime: text('logo_mime'),
  updatedBy: text('updated_by'),
  updatedAt: instant('updated_at').notNull(),
});

/** What a letter's signature block needs about a staff member. */
export const staffProfiles = sqliteTable(
  'staff_profiles',
  {
    userId: text('user_id').primaryKey().references(() => users.id),
    schoolId: text('school_id').notNull().references(() => schools.id),
    /** Nomor Induk Pegawai (18 digits), when the staff member has one. */
    nip: text('nip'),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [index('staff_profiles_school_idx').on(t.schoolId)],
);

export const DOCUMENT_KINDS = ['buku_kasus', 'laporan_layanan', 'berita_acara_kunjungan', 'notulen_konferensi', 'surat_rujukan', 'surat_panggilan'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** The last number given per school, year and kind of document. */
export const documentCounters = sqliteTable(
  'document_counters',
  {
    schoolId: text('school_id').notNull().references(() => schools.id),
    year: integer('year').notNull(),
    kind: text('kind', { enum: DOCUMENT_KINDS }).notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.schoolId, t.year, t.kind] })],
);

/** One generated (numbered) document: the register of letters sent. The PDF itself is re-rendered from the records. */
export const generatedDocuments = sqliteTable(
  'generated_documents',
  {
    id: id(),
    schoolId: text('school_id').notNull().references(() => schools.id),
    caseId: text('case_id').notNull().references(() => cases.id),
    kind: text('kind', { enum: DOCUMENT_KINDS }).notNull(),
    year: integer('year').notNull(),
    seq: integer('seq').notNull(),
    /** The full number as printed, e.g. `003/BK-BA/SMKN1-TJT/XII/2026`. */
    number: text('number').notNull(),
    /** The record, referral or meeting the document is about, when it is about one. */
    subjectId: text('subject_id'),
    /** Who it is addressed to (guardian, referral partner); scrubbed on erasure. */
    recipient: text('recipient'),
    /** Whether `rahasia` content was printed (the generator was allowed to see it). */
    withRahasia: flag('with_rahasia').notNull(),
    /** SHA-256 of the PDF bytes first issued; cleared on erasure. */
    sha256: text('sha256'),
    generatedBy: text('generated_by').notNull(),
    generatedAt: instant('generated_at').notNull(),
  },
  (t) => [index('generated_documents_case_idx').on(t.caseId, t.generatedAt), index('generated_documents_school_idx').on(t.schoolId, t.year, t.kind, t.seq)],
);

export const CONTACT_CHANNELS = ['whatsapp', 'sms', 'phone', 'in_person', 'home_visit', 'letter'] as const;
export const CONTACT_TEMPLATES = ['undangan', 'kunjungan_rumah', 'pengingat', 'terima_kasih'] as const;

/** Who contacted which guardian, when, how, and what came of it. */
export const familyContacts = sqliteTable(
  'family_contacts',
  {
    id: id(),
    schoolId: text('school_id').notNull().references(() => schools.id),
    caseId: text('case_id').notNull().references(() => cases.id),
    guardianName: text('guardian_name').notNull(),
    relationship: text('relationship'),
    /** Normalised to `62…` digits; null for contacts without a phone. */
    phone: text('phone'),
    channel: text('channel', { enum: CONTACT_CHANNELS }).notNull(),
    /** The message template used, if any. */
    template: text('template', { enum: CONTACT_TEMPLATES }),
    /** The message sent (filled template), if any. */
    message: text('message'),
    outcome: text('outcome'),
    confidentiality: text('confidentiality', { enum: CONFIDENTIALITY_LEVELS }).notNull(),
    contactedBy: text('contacted_by').notNull(),
    contactedAt: instant('contacted_at').notNull(),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [index('family_contacts_case_idx').on(t.caseId, t.contactedAt)],
);

export const MEETING_STATUSES = ['scheduled', 'held', 'cancelled'] as const;

/** A meeting with a student's parents: a date, a place, and a task (with its reminders) for the staff who hold it. */
export const parentMeetings = sqliteTable(
  'parent_meetings',
  {
    id: id(),
    schoolId: text('school_id').notNull().references(() => schools.id),
    caseId: text('case_id').notNull().references(() => cases.id),
    guardianName: text('guardian_name').notNull(),
    scheduledAt: instant('scheduled_at').notNull(),
    place: text('place').notNull(),
    purpose: text('purpose').notNull(),
    status: text('status', { enum: MEETING_STATUSES }).notNull(),
    /** The staff member who holds it (gets the task and its reminders). */
    hostId: text('host_id').notNull().references(() => users.id),
    /** The reminder task in `tasks`. */
    taskId: text('task_id'),
    createdBy: text('created_by').notNull(),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [index('parent_meetings_case_idx').on(t.caseId, t.scheduledAt), index('parent_meetings_school_idx').on(t.schoolId, t.status, t.scheduledAt)],
);
