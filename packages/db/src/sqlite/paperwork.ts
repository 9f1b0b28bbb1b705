/** The BK paperwork and family contact on SQLite (see ../paperwork-repo.ts). */
import { and, asc, eq } from 'drizzle-orm';
import { canSeeContent } from '@jalur/casework';
import { cases, documentCounters, familyContacts, generatedDocuments, notifications, parentMeetings, schoolProfiles, staffProfiles, tasks, users } from '../schema/index.ts';
import { fail, notStaff, ok } from '../result.ts';
import { MEETING_TASK_STATE, MEETING_TASK_TITLE, type PaperworkRepo, type SchoolProfileRow } from '../paperwork-repo.ts';
import { newId, transact, type SqliteContext } from './context.ts';

const noCase = () => fail<never>('not_found', 'Kasus tidak ditemukan / case not found');

export function createPaperworkRepo(ctx: SqliteContext): { paperwork: PaperworkRepo } {
  const { db } = ctx;
  const caseOf = (schoolId: string, caseId: string) => db.select({ id: cases.id }).from(cases).where(and(eq(cases.id, caseId), eq(cases.schoolId, schoolId))).get();

  const repo: PaperworkRepo = {
    async getSchoolProfile(schoolId) {
      return db.select().from(schoolProfiles).where(eq(schoolProfiles.schoolId, schoolId)).get() ?? null;
    },
    async setSchoolProfile(schoolId, patch, { actorId, now }) {
      return ctx.immediate(() => {
        const current = db.select().from(schoolProfiles).where(eq(schoolProfiles.schoolId, schoolId)).get();
        const { logo, ...fields } = patch;
        const next: SchoolProfileRow = {
          schoolId, authority: null, address: null, city: null, phone: null, email: null, website: null, letterCode: null, logo: null, logoMime: null,
          ...current,
          ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)),
          ...(logo === undefined ? {} : { logo: logo?.base64 ?? null, logoMime: logo?.mime ?? null }),
          updatedBy: actorId,
          updatedAt: now,
        };
        db.insert(schoolProfiles).values(next).onConflictDoUpdate({ target: schoolProfiles.schoolId, set: next }).run();
        const changed = [...Object.keys(fields).filter((k) => (fields as Record<string, unknown>)[k] !== undefined), ...(logo === undefined ? [] : ['logo'])];
        ctx.audit({ schoolId, actorId, action: 'school.profile_update', subject: `school:${schoolId}`, details: { fields: changed }, at: now });
        return next;
      });
    },
    async listStaffProfiles(schoolId) {
      return db.select().from(staffProfiles).where(eq(staffProfiles.schoolId, schoolId)).all();
    },
    async setStaffNip(schoolId, userId, nip, { actorId, now }) {
      return transact(ctx, () => {
        const user = db.select({ id: users.id }).from(users).where(and(eq(users.id, userId), eq(users.schoolId, schoolId))).get();
        if (!user) return fail('not_found', 'Staf tidak ditemukan / staff member not found');
        const row = { userId, schoolId, nip, updatedAt: now };
        db.insert(staffProfiles).values(row).onConflictDoUpdate({ target: staffProfiles.userId, set: { nip, updatedAt: now } }).run();
        ctx.audit({ schoolId, actorId, action: 'user.nip_update', subject: `user:${userId}`, at: now });
        return ok(row);
      });
    },
    async nextSeq(schoolId, year, kind) {
      const row = db.select({ last: documentCounters.last }).from(documentCounters)
        .where(and(eq(documentCounters.schoolId, schoolId), eq(documentCounters.year, year), eq(documentCounters.kind, kind))).get();
      return (row?.last ?? 0) + 1;
    },
    async issueDocument(schoolId, input) {
      return transact(ctx, () => {
        if (!caseOf(schoolId, input.caseId)) return noCase();
        const key = and(eq(documentCounters.schoolId, schoolId), eq(documentCounters.year, input.year), eq(documentCounters.kind, input.kind));
        const last = db.select({ last: documentCounters.last }).from(documentCounters).where(key).get()?.last ?? 0;
        if (input.seq !== last + 1) return fail('conflict', 'Nomor dokumen sudah dipakai / the document number was taken');
        if (last === 0) db.insert(documentCounters).values({ schoolId, year: input.year, kind: input.kind, last: input.seq }).run();
        else db.update(documentCounters).set({ last: input.seq }).where(key).run();
        const row = {
          id: newId(), schoolId, caseId: input.caseId, kind: input.kind, year: input.year, seq: input.seq, number: input.number, subjectId: input.subjectId ?? null,
          recipient: input.recipient ?? null, withRahasia: input.withRahasia, sha256: input.sha256, generatedBy: input.generatedBy, generatedAt: input.now,
        };
        db.insert(generatedDocuments).values(row).run();
        ctx.audit({
          schoolId, actorId: input.generatedBy, action: 'document.generate', subject: `case:${input.caseId}`,
          details: { documentId: row.id, kind: input.kind, number: input.number, withRahasia: input.withRahasia, ...(input.subjectId ? { subjectId: input.subjectId } : {}), ...input.details },
          at: input.now,
        });
        return ok(row);
      });
    },
    async listDocuments(schoolId, caseId) {
      return db.select().from(generatedDocuments).where(and(eq(generatedDocuments.schoolId, schoolId), eq(generatedDocuments.caseId, caseId))).orderBy(asc(generatedDocuments.generatedAt), asc(generatedDocuments.seq)).all();
    },
    async addContact(schoolId, input) {
      return transact(ctx, () => {
        if (!caseOf(schoolId, input.caseId)) return noCase();
        const row = {
          id: newId(), schoolId, caseId: input.caseId, guardianName: input.guardianName, relationship: input.relationship ?? null, phone: input.phone ?? null,
          channel: input.channel, template: input.template ?? null, message: input.message ?? null, outcome: input.outcome ?? null,
          confidentiality: input.confidentiality, contactedBy: input.contactedBy, contactedAt: input.contactedAt, createdAt: input.now,
        };
        db.insert(familyContacts).values(row).run();
        ctx.audit({ schoolId, actorId: input.contactedBy, action: 'family.contact', subject: `case:${input.caseId}`, details: { contactId: row.id, channel: row.channel, template: row.template }, at: input.now });
        return ok(row);
      });
    },
    async listContacts(schoolId, caseId, viewer, assigneeId, now) {
      return ctx.immediate(() => {
        const rows = db.select().from(familyContacts).where(and(eq(familyContacts.schoolId, schoolId), eq(familyContacts.caseId, caseId))).orderBy(asc(familyContacts.contactedAt), asc(familyContacts.id)).all();
        const visible = rows.filter((r) => canSeeContent(r.confidentiality, viewer, r.contactedBy, assigneeId));
        for (const r of visible) {
          if (r.confidentiality === 'rahasia') ctx.audit({ schoolId, actorId: viewer.id, action: 'family.contact_read_rahasia', subject: `family_contact:${r.id}`, details: { caseId }, at: now });
        }
        return visible;
      });
    },
    async scheduleMeeting(schoolId, input) {
      return transact(ctx, () => {
        if (!caseOf(schoolId, input.caseId)) return noCase();
        if (!ctx.isStaff(input.hostId, schoolId)) return notStaff();
        const taskId = newId();
        db.insert(tasks).values({
          id: taskId, caseId: input.caseId, schoolId, stateId: MEETING_TASK_STATE, kind: 'parent_meeting', title: MEETING_TASK_TITLE, roles: [input.hostRole],
          assigneeId: input.hostId, dueAt: input.scheduledAt, status: 'open', requiresApproval: false, approval: null, remindersSent: [], createdAt: input.now,
        }).run();
        const row = {
          id: newId(), schoolId, caseId: input.caseId, guardianName: input.guardianName, scheduledAt: input.scheduledAt, place: input.place, purpose: input.purpose,
          status: 'scheduled' as const, hostId: input.hostId, taskId, createdBy: input.createdBy, createdAt: input.now, updatedAt: input.now,
        };
        db.insert(parentMeetings).values(row).run();
        db.insert(notifications).values({
          id: newId(), schoolId, userId: input.hostId, role: null, caseId: input.caseId, kind: 'parent_meeting_scheduled',
          body: input.notice, createdAt: input.now,
        }).run();
        ctx.audit({ schoolId, actorId: input.createdBy, action: 'family.meeting_schedule', subject: `case:${input.caseId}`, details: { meetingId: row.id, taskId, hostId: input.hostId }, at: input.now });
        return ok(row);
      });
    },
    async setMeetingStatus(schoolId, meetingId, status, { actorId, now }) {
      return transact(ctx, () => {
        const m = db.select().from(parentMeetings).where(and(eq(parentMeetings.id, meetingId), eq(parentMeetings.schoolId, schoolId))).get();
        if (!m) return fail('not_found', 'Pertemuan tidak ditemukan / meeting not found');
        if (m.status !== 'scheduled') return fail('invalid', 'Pertemuan ini sudah selesai atau dibatalkan / the meeting is no longer scheduled');
        db.update(parentMeetings).set({ status, updatedAt: now }).where(eq(parentMeetings.id, meetingId)).run();
        if (m.taskId) db.update(tasks).set({ status: status === 'held' ? 'done' : 'cancelled', closedAt: now }).where(and(eq(tasks.id, m.taskId), eq(tasks.status, 'open'))).run();
        ctx.audit({ schoolId, actorId, action: `family.meeting_${status}`, subject: `case:${m.caseId}`, details: { meetingId }, at: now });
        return ok({ ...m, status, updatedAt: now });
      });
    },
    async listMeetings(schoolId, caseId) {
      return db.select().from(parentMeetings).where(and(eq(parentMeetings.schoolId, schoolId), eq(parentMeetings.caseId, caseId))).orderBy(asc(parentMeetings.scheduledAt)).all();
    },
    async getMeeting(schoolId, meetingId) {
      return db.select().from(parentMeetings).where(and(eq(parentMeetings.id, meetingId), eq(parentMeetings.schoolId, schoolId))).get() ?? null;
    },
  };
  return { paperwork: repo };
}
