/**
 * The BK paperwork and family contact (issue 15): the school's letterhead,
 * staff NIPs, the register of numbered documents, the family-contact log and
 * parent meetings. Same rules as every repository: school-scoped, errors are
 * values, one transaction per write, audit rows in the same transaction.
 */
import type { InferSelectModel } from 'drizzle-orm';
import type * as s from './schema/index.ts';
import type { DbResult } from './result.ts';
import type { Viewer } from './repository.ts';

export type SchoolProfileRow = InferSelectModel<typeof s.schoolProfiles>;
export type StaffProfileRow = InferSelectModel<typeof s.staffProfiles>;
export type GeneratedDocumentRow = InferSelectModel<typeof s.generatedDocuments>;
export type FamilyContactRow = InferSelectModel<typeof s.familyContacts>;
export type ParentMeetingRow = InferSelectModel<typeof s.parentMeetings>;
export type DocumentKindCode = GeneratedDocumentRow['kind'];

export interface SchoolProfilePatch {
  authority?: string | null;
  address?: string | null;
  city?: string | null;
  phone?: string | null;
  email?: string | null;
  website?: string | null;
  letterCode?: string | null;
  /** base64 image and its type; `null` removes the logo. */
  logo?: { base64: string; mime: 'image/png' | 'image/jpeg' } | null;
}

export interface IssueDocumentInput {
  caseId: string;
  kind: DocumentKindCode;
  year: number;
  /** The sequence number printed in the PDF: must be the next one (see `nextSeq`), else `conflict` (another issue took it; render again). */
  seq: number;
  number: string;
  subjectId?: string | null;
  recipient?: string | null;
  withRahasia: boolean;
  sha256: string;
  generatedBy: string;
  now: Date;
  /** Extra audit details (never content). */
  details?: Record<string, unknown>;
}

export interface NewContactInput {
  caseId: string;
  guardianName: string;
  relationship?: string | null;
  phone?: string | null;
  channel: FamilyContactRow['channel'];
  template?: FamilyContactRow['template'];
  message?: string | null;
  outcome?: string | null;
  confidentiality: FamilyContactRow['confidentiality'];
  contactedBy: string;
  contactedAt: Date;
  now: Date;
}

export interface NewMeetingInput {
  caseId: string;
  guardianName: string;
  scheduledAt: Date;
  place: string;
  purpose: string;
  /** Holds the meeting: gets the task (and its due-tomorrow/overdue reminders) and a notification now. Must be live staff of the school. */
  hostId: string;
  hostRole: string;
  /** The notification the host gets now (dates written for people by the caller). */
  notice: { id: string; en: string };
  createdBy: string;
  now: Date;
}

export interface PaperworkRepo {
  getSchoolProfile(schoolId: string): Promise<SchoolProfileRow | null>;
  /** Upserts the letterhead; audited `school.profile_update` (which fields, never the logo bytes). */
  setSchoolProfile(schoolId: string, patch: SchoolProfilePatch, opts: { actorId: string; now: Date }): Promise<SchoolProfileRow>;
  listStaffProfiles(schoolId: string): Promise<StaffProfileRow[]>;
  /** Sets a staff member's NIP (`not_found` for a user of another school); audited `user.nip_update`. */
  setStaffNip(schoolId: string, userId: string, nip: string | null, opts: { actorId: string; now: Date }): Promise<DbResult<StaffProfileRow>>;
  /** The number the next document of this kind would get (last + 1). */
  nextSeq(schoolId: string, year: number, kind: DocumentKindCode): Promise<number>;
  /** Registers a generated document under its number and audits `document.generate`, in one transaction; `not_found` for a case of another school. */
  issueDocument(schoolId: string, input: IssueDocumentInput): Promise<DbResult<GeneratedDocumentRow>>;
  listDocuments(schoolId: string, caseId: string): Promise<GeneratedDocumentRow[]>;
  /** Logs a contact with the family; audited `family.contact`. `not_found` for a case of another school. */
  addContact(schoolId: string, input: NewContactInput): Promise<DbResult<FamilyContactRow>>;
  /** The contacts `viewer` may see (rule of notes); each `rahasia` one returned is audited `family.contact_read_rahasia`. */
  listContacts(schoolId: string, caseId: string, viewer: Viewer, assigneeId: string | null, now: Date): Promise<FamilyContactRow[]>;
  /** Schedules a parent meeting with its task for the host and a notification, audited `family.meeting_schedule`; `invalid` when the host is not staff. */
  scheduleMeeting(schoolId: string, input: NewMeetingInput): Promise<DbResult<ParentMeetingRow>>;
  /** held / cancelled: closes its task (done / cancelled); `invalid` when it is not scheduled any more. */
  setMeetingStatus(schoolId: string, meetingId: string, status: 'held' | 'cancelled', opts: { actorId: string; now: Date }): Promise<DbResult<ParentMeetingRow>>;
  listMeetings(schoolId: string, caseId: string): Promise<ParentMeetingRow[]>;
  getMeeting(schoolId: string, meetingId: string): Promise<ParentMeetingRow | null>;
}

/** What a meeting's task and notification say (no names: erasure leaves them as they are). */
export const MEETING_TASK_TITLE = { id: 'Pertemuan dengan orang tua/wali', en: 'Meeting with the parents' };
/** The task's step id: outside every pathway, so the engine never closes it. */
export const MEETING_TASK_STATE = 'keluarga.pertemuan';
