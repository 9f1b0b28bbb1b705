/** The Satgas registers on SQLite (see ../registers-repo.ts); parallel to ../postgres/registers.ts. */
import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import {
  cases, groupSessionMembers, groupSessions, peerCounsellors, peerSupervisionAttendees, peerSupervisions, referralPartners, students,
} from '../schema/index.ts';
import { fail, notStaff, ok, type DbResult } from '../result.ts';
import type { IdempotencyRequest } from '../case-unit.ts';
import type { GroupSession, PeerCounsellorRow, PeerSupervision, ReferralPartnerRow, RegistersRepo } from '../registers-repo.ts';
import { ERASED } from '../erasure-rules.ts';
import { newId, transact, type SqliteContext } from './context.ts';
import { createKeyStore } from './ops.ts';

const defined = <T extends object>(o: T): Partial<T> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
const noPartner = () => fail<never>('not_found', 'Mitra rujukan tidak ditemukan / referral partner not found');
const noCounsellor = () => fail<never>('not_found', 'Konselor sebaya tidak ditemukan / peer counsellor not found');

export function createRegistersRepo(ctx: SqliteContext): { registers: RegistersRepo } {
  const { db } = ctx;
  const keys = createKeyStore(ctx);

  function guarded<T>(idem: IdempotencyRequest<T> | undefined, now: Date, write: () => DbResult<T>): DbResult<T> {
    return transact(ctx, () => {
      const replay = keys.check(idem);
      if (replay) return replay;
      const result = write();
      if (result.ok) keys.store(idem, result.value, now);
      return result;
    });
  }
  const partner = (schoolId: string, id: string) => db.select().from(referralPartners).where(and(eq(referralPartners.id, id), eq(referralPartners.schoolId, schoolId))).get();
  const counsellor = (schoolId: string, id: string) => db.select().from(peerCounsellors).where(and(eq(peerCounsellors.id, id), eq(peerCounsellors.schoolId, schoolId))).get();
  const attendeesOf = (ids: string[]) => {
    const map = new Map<string, string[]>(ids.map((id) => [id, []]));
    for (let i = 0; i < ids.length; i += 500) {
      for (const a of db.select().from(peerSupervisionAttendees).where(inArray(peerSupervisionAttendees.supervisionId, ids.slice(i, i + 500))).all()) map.get(a.supervisionId)?.push(a.counsellorId);
    }
    return map;
  };
  const membersOf = (ids: string[]) => {
    const map = new Map<string, { caseId: string; studentId: string }[]>(ids.map((id) => [id, []]));
    for (let i = 0; i < ids.length; i += 500) {
      for (const m of db.select().from(groupSessionMembers).where(inArray(groupSessionMembers.sessionId, ids.slice(i, i + 500))).all()) map.get(m.sessionId)?.push({ caseId: m.caseId, studentId: m.studentId });
    }
    return map;
  };

  const repo: RegistersRepo = {
    async listPartners(schoolId, filter = {}) {
      const where = [eq(referralPartners.schoolId, schoolId)];
      if (filter.active !== undefined) where.push(eq(referralPartners.active, filter.active));
      return db.select().from(referralPartners).where(and(...where)).orderBy(asc(referralPartners.name), asc(referralPartners.id)).all();
    },
    async getPartner(schoolId, id) {
      return partner(schoolId, id) ?? null;
    },
    async addPartner(schoolId, input, { actorId, now, idempotency }) {
      return guarded(idempotency, now, () => {
        const row: ReferralPartnerRow = {
          id: newId(), schoolId, name: input.name, kind: input.kind, address: input.address ?? null, contactPerson: input.contactPerson ?? null, phone: input.phone ?? null,
          services: input.services ?? null, active: input.active ?? true, createdBy: actorId, createdAt: now, updatedAt: now,
        };
        db.insert(referralPartners).values(row).run();
        ctx.audit({ schoolId, actorId, action: 'register.partner_add', subject: `partner:${row.id}`, details: { kind: row.kind }, at: now });
        return ok(row);
      });
    },
    async updatePartner(schoolId, id, patch, { actorId, now }) {
      return transact(ctx, () => {
        const row = partner(schoolId, id);
        if (!row) return noPartner();
        const set = { ...defined(patch), updatedAt: now };
        db.update(referralPartners).set(set).where(eq(referralPartners.id, id)).run();
        ctx.audit({ schoolId, actorId, action: 'register.partner_update', subject: `partner:${id}`, details: { fields: Object.keys(defined(patch)) }, at: now });
        return ok({ ...row, ...set });
      });
    },

    async listCounsellors(schoolId, filter = {}) {
      const where = [eq(peerCounsellors.schoolId, schoolId)];
      if (filter.active !== undefined) where.push(eq(peerCounsellors.active, filter.active));
      return db.select().from(peerCounsellors).where(and(...where)).orderBy(asc(peerCounsellors.createdAt), asc(peerCounsellors.id)).all();
    },
    async getCounsellor(schoolId, id) {
      return counsellor(schoolId, id) ?? null;
    },
    async addCounsellor(schoolId, input, { actorId, now, idempotency }) {
      return guarded(idempotency, now, () => {
        const s = db.select({ id: students.id }).from(students).where(and(eq(students.id, input.studentId), eq(students.schoolId, schoolId), isNull(students.erasedAt))).get();
        if (!s) return fail('invalid', 'Siswa tidak ditemukan di sekolah ini / no such student in this school');
        if (input.supervisorId && !ctx.isStaff(input.supervisorId, schoolId)) return notStaff();
        const taken = db.select({ id: peerCounsellors.id }).from(peerCounsellors).where(and(eq(peerCounsellors.schoolId, schoolId), eq(peerCounsellors.studentId, input.studentId))).get();
        if (taken) return fail('conflict', 'Siswa ini sudah terdaftar sebagai konselor sebaya / already a peer counsellor');
        const row: PeerCounsellorRow = {
          id: newId(), schoolId, studentId: input.studentId, trainedOn: input.trainedOn ?? null, trainingName: input.trainingName ?? null, trainingOrganiser: input.trainingOrganiser ?? null,
          supervisorId: input.supervisorId ?? null, active: input.active ?? true, createdBy: actorId, createdAt: now, updatedAt: now,
        };
        db.insert(peerCounsellors).values(row).run();
        ctx.audit({ schoolId, actorId, action: 'register.peer_add', subject: `peer_counsellor:${row.id}`, details: { studentId: row.studentId }, at: now });
        return ok(row);
      });
    },
    async updateCounsellor(schoolId, id, patch, { actorId, now }) {
      return transact(ctx, () => {
        const row = counsellor(schoolId, id);
        if (!row) return noCounsellor();
        if (patch.supervisorId && !ctx.isStaff(patch.supervisorId, schoolId)) return notStaff();
        const set = { ...defined(patch), updatedAt: now };
        db.update(peerCounsellors).set(set).where(eq(peerCounsellors.id, id)).run();
        ctx.audit({ schoolId, actorId, action: 'register.peer_update', subject: `peer_counsellor:${id}`, details: { fields: Object.keys(defined(patch)) }, at: now });
        return ok({ ...row, ...set });
      });
    },

    async addSupervision(schoolId, input, { actorId, now, idempotency }) {
      return guarded(idempotency, now, (): DbResult<PeerSupervision> => {
        if (!ctx.isStaff(input.supervisorId, schoolId)) return notStaff();
        const ids = [...new Set(input.counsellorIds)];
        if (ids.length === 0) return fail('invalid', 'Pilih minimal satu konselor sebaya / pick at least one peer counsellor');
        const found = db.select({ id: peerCounsellors.id }).from(peerCounsellors).where(and(eq(peerCounsellors.schoolId, schoolId), inArray(peerCounsellors.id, ids))).all();
        if (found.length !== ids.length) return fail('invalid', 'Konselor sebaya tidak ditemukan di sekolah ini / a peer counsellor is not of this school');
        const row = { id: newId(), schoolId, heldOn: input.heldOn, supervisorId: input.supervisorId, notes: input.notes ?? null, confidentiality: input.confidentiality, recordedBy: actorId, createdAt: now };
        db.insert(peerSupervisions).values(row).run();
        db.insert(peerSupervisionAttendees).values(ids.map((counsellorId) => ({ supervisionId: row.id, counsellorId, schoolId }))).run();
        ctx.audit({ schoolId, actorId, action: 'register.supervision_add', subject: `peer_supervision:${row.id}`, details: { counsellors: ids.length }, at: now });
        return ok({ ...row, counsellorIds: ids });
      });
    },
    async listSupervisions(schoolId, filter = {}) {
      let rows = db.select().from(peerSupervisions).where(eq(peerSupervisions.schoolId, schoolId)).orderBy(desc(peerSupervisions.heldOn), desc(peerSupervisions.createdAt)).all();
      const attendees = attendeesOf(rows.map((r) => r.id));
      if (filter.counsellorId) rows = rows.filter((r) => attendees.get(r.id)?.includes(filter.counsellorId!));
      return rows.map((r) => ({ ...r, counsellorIds: attendees.get(r.id) ?? [] }));
    },

    async addGroupSession(schoolId, input, { actorId, now, idempotency }) {
      return guarded(idempotency, now, (): DbResult<GroupSession> => {
        const ids = [...new Set(input.caseIds)];
        if (ids.length < 2) return fail('invalid', 'Konseling kelompok perlu minimal 2 anggota / a group needs at least 2 members');
        const found = db.select({ id: cases.id, studentId: cases.studentId }).from(cases).where(and(eq(cases.schoolId, schoolId), eq(cases.status, 'active'), inArray(cases.id, ids))).all();
        if (found.length !== ids.length) return fail('invalid', 'Setiap anggota harus kasus aktif di sekolah ini / every member must be an open case of this school');
        const byId = new Map(found.map((c) => [c.id, c.studentId]));
        const row = { id: newId(), schoolId, heldOn: input.heldOn, topic: input.topic, summary: input.summary ?? null, confidentiality: input.confidentiality, recordedBy: actorId, createdAt: now };
        db.insert(groupSessions).values(row).run();
        const members = ids.map((caseId) => ({ caseId, studentId: byId.get(caseId)! }));
        db.insert(groupSessionMembers).values(members.map((m) => ({ sessionId: row.id, ...m, schoolId }))).run();
        ctx.audit({ schoolId, actorId, action: 'register.group_session_add', subject: `group_session:${row.id}`, details: { members: members.length }, at: now });
        return ok({ ...row, members });
      });
    },
    async listGroupSessions(schoolId, filter = {}) {
      let rows = db.select().from(groupSessions).where(eq(groupSessions.schoolId, schoolId)).orderBy(desc(groupSessions.heldOn), desc(groupSessions.createdAt)).all();
      if (filter.caseId) {
        const mine = new Set(db.select({ id: groupSessionMembers.sessionId }).from(groupSessionMembers).where(and(eq(groupSessionMembers.caseId, filter.caseId), eq(groupSessionMembers.schoolId, schoolId))).all().map((m) => m.id));
        rows = rows.filter((r) => mine.has(r.id));
      }
      const members = membersOf(rows.map((r) => r.id));
      return rows.map((r) => ({ ...r, members: members.get(r.id) ?? [] }));
    },
    async getGroupSession(schoolId, id) {
      const row = db.select().from(groupSessions).where(and(eq(groupSessions.id, id), eq(groupSessions.schoolId, schoolId))).get();
      return row ? { ...row, members: membersOf([row.id]).get(row.id) ?? [] } : null;
    },
  };
  return { registers: repo };
}

/** Replaces every occurrence of `name` (case-insensitive) in `text`. */
export function withoutName(text: string | null, name: string | null): string | null {
  if (text === null || !name || name.trim().length < 2) return text;
  const escaped = name.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return text.replace(new RegExp(escaped, 'gi'), ERASED);
}

/**
 * Erasure (UU PDP) of a student from the registers, inside the caller's
 * transaction: their peer-counsellor row and attendance go; their name goes
 * from the notes of supervision sessions they were at and from the topic and
 * summary of group sessions they were in; they leave the member lists.
 */
export function eraseRegisters(ctx: SqliteContext, schoolId: string, studentId: string, caseIds: readonly string[], name: string | null): void {
  const { db } = ctx;
  const peer = db.select({ id: peerCounsellors.id }).from(peerCounsellors).where(and(eq(peerCounsellors.schoolId, schoolId), eq(peerCounsellors.studentId, studentId))).get();
  if (peer) {
    const sessions = db.select({ id: peerSupervisionAttendees.supervisionId }).from(peerSupervisionAttendees).where(eq(peerSupervisionAttendees.counsellorId, peer.id)).all().map((r) => r.id);
    for (const s of sessions.length > 0 ? db.select().from(peerSupervisions).where(inArray(peerSupervisions.id, sessions)).all() : []) {
      const notes = withoutName(s.notes, name);
      if (notes !== s.notes) db.update(peerSupervisions).set({ notes }).where(eq(peerSupervisions.id, s.id)).run();
    }
    db.delete(peerSupervisionAttendees).where(eq(peerSupervisionAttendees.counsellorId, peer.id)).run();
    db.delete(peerCounsellors).where(eq(peerCounsellors.id, peer.id)).run();
  }
  const sessionIds = db.select({ id: groupSessionMembers.sessionId }).from(groupSessionMembers).where(and(eq(groupSessionMembers.schoolId, schoolId), eq(groupSessionMembers.studentId, studentId))).all().map((r) => r.id);
  for (const s of sessionIds.length > 0 ? db.select().from(groupSessions).where(inArray(groupSessions.id, sessionIds)).all() : []) {
    const topic = withoutName(s.topic, name)!;
    const summary = withoutName(s.summary, name);
    if (topic !== s.topic || summary !== s.summary) db.update(groupSessions).set({ topic, summary }).where(eq(groupSessions.id, s.id)).run();
  }
  db.delete(groupSessionMembers).where(and(eq(groupSessionMembers.schoolId, schoolId), eq(groupSessionMembers.studentId, studentId))).run();
  if (caseIds.length > 0) db.delete(groupSessionMembers).where(inArray(groupSessionMembers.caseId, [...caseIds])).run();
}
