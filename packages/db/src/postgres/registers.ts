/** The Satgas registers on PostgreSQL (see ../registers-repo.ts); parallel to ../sqlite/registers.ts. */
import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import {
  cases, groupSessionMembers, groupSessions, peerCounsellors, peerSupervisionAttendees, peerSupervisions, referralPartners, students,
} from '../schema-pg/index.ts';
import { fail, notStaff, ok, type DbResult } from '../result.ts';
import type { IdempotencyRequest } from '../case-unit.ts';
import type { GroupSession, PeerCounsellorRow, PeerSupervision, ReferralPartnerRow, RegistersRepo } from '../registers-repo.ts';
import { withoutName } from '../sqlite/registers.ts';
import { first, isStaff, newId, transact, writeAudit, type Exec, type PgContext } from './context.ts';
import { keyStore as keys } from './ops.ts';

const defined = <T extends object>(o: T): Partial<T> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
const noPartner = () => fail<never>('not_found', 'Mitra rujukan tidak ditemukan / referral partner not found');
const noCounsellor = () => fail<never>('not_found', 'Konselor sebaya tidak ditemukan / peer counsellor not found');

export function createRegistersRepo(ctx: PgContext): { registers: RegistersRepo } {
  const { db } = ctx;

  function guarded<T>(idem: IdempotencyRequest<T> | undefined, now: Date, write: (tx: Exec) => Promise<DbResult<T>>): Promise<DbResult<T>> {
    return transact(ctx, async (tx) => {
      const replay = await keys.check(tx, idem);
      if (replay) return replay;
      const result = await write(tx);
      if (result.ok) await keys.store(tx, idem, result.value, now);
      return result;
    });
  }
  const partner = async (x: Exec, schoolId: string, id: string) => first(await x.select().from(referralPartners).where(and(eq(referralPartners.id, id), eq(referralPartners.schoolId, schoolId))));
  const counsellor = async (x: Exec, schoolId: string, id: string) => first(await x.select().from(peerCounsellors).where(and(eq(peerCounsellors.id, id), eq(peerCounsellors.schoolId, schoolId))));
  const attendeesOf = async (ids: string[]) => {
    const map = new Map<string, string[]>(ids.map((id) => [id, []]));
    for (let i = 0; i < ids.length; i += 500) {
      for (const a of await db.select().from(peerSupervisionAttendees).where(inArray(peerSupervisionAttendees.supervisionId, ids.slice(i, i + 500)))) map.get(a.supervisionId)?.push(a.counsellorId);
    }
    return map;
  };
  const membersOf = async (ids: string[]) => {
    const map = new Map<string, { caseId: string; studentId: string }[]>(ids.map((id) => [id, []]));
    for (let i = 0; i < ids.length; i += 500) {
      for (const m of await db.select().from(groupSessionMembers).where(inArray(groupSessionMembers.sessionId, ids.slice(i, i + 500)))) map.get(m.sessionId)?.push({ caseId: m.caseId, studentId: m.studentId });
    }
    return map;
  };

  const repo: RegistersRepo = {
    async listPartners(schoolId, filter = {}) {
      const where = [eq(referralPartners.schoolId, schoolId)];
      if (filter.active !== undefined) where.push(eq(referralPartners.active, filter.active));
      return db.select().from(referralPartners).where(and(...where)).orderBy(asc(referralPartners.name), asc(referralPartners.id));
    },
    async getPartner(schoolId, id) {
      return (await partner(db, schoolId, id)) ?? null;
    },
    async addPartner(schoolId, input, { actorId, now, idempotency }) {
      return guarded(idempotency, now, async (tx) => {
        const row: ReferralPartnerRow = {
          id: newId(), schoolId, name: input.name, kind: input.kind, address: input.address ?? null, contactPerson: input.contactPerson ?? null, phone: input.phone ?? null,
          services: input.services ?? null, active: input.active ?? true, createdBy: actorId, createdAt: now, updatedAt: now,
        };
        await tx.insert(referralPartners).values(row);
        await writeAudit(tx, { schoolId, actorId, action: 'register.partner_add', subject: `partner:${row.id}`, details: { kind: row.kind }, at: now });
        return ok(row);
      });
    },
    async updatePartner(schoolId, id, patch, { actorId, now }) {
      return transact(ctx, async (tx) => {
        const row = await partner(tx, schoolId, id);
        if (!row) return noPartner();
        const set = { ...defined(patch), updatedAt: now };
        await tx.update(referralPartners).set(set).where(eq(referralPartners.id, id));
        await writeAudit(tx, { schoolId, actorId, action: 'register.partner_update', subject: `partner:${id}`, details: { fields: Object.keys(defined(patch)) }, at: now });
        return ok({ ...row, ...set });
      });
    },

    async listCounsellors(schoolId, filter = {}) {
      const where = [eq(peerCounsellors.schoolId, schoolId)];
      if (filter.active !== undefined) where.push(eq(peerCounsellors.active, filter.active));
      return db.select().from(peerCounsellors).where(and(...where)).orderBy(asc(peerCounsellors.createdAt), asc(peerCounsellors.id));
    },
    async getCounsellor(schoolId, id) {
      return (await counsellor(db, schoolId, id)) ?? null;
    },
    async addCounsellor(schoolId, input, { actorId, now, idempotency }) {
      return guarded(idempotency, now, async (tx) => {
        const s = first(await tx.select({ id: students.id }).from(students).where(and(eq(students.id, input.studentId), eq(students.schoolId, schoolId), isNull(students.erasedAt))));
        if (!s) return fail('invalid', 'Siswa tidak ditemukan di sekolah ini / no such student in this school');
        if (input.supervisorId && !(await isStaff(tx, input.supervisorId, schoolId))) return notStaff();
        const taken = first(await tx.select({ id: peerCounsellors.id }).from(peerCounsellors).where(and(eq(peerCounsellors.schoolId, schoolId), eq(peerCounsellors.studentId, input.studentId))));
        if (taken) return fail('conflict', 'Siswa ini sudah terdaftar sebagai konselor sebaya / already a peer counsellor');
        const row: PeerCounsellorRow = {
          id: newId(), schoolId, studentId: input.studentId, trainedOn: input.trainedOn ?? null, trainingName: input.trainingName ?? null, trainingOrganiser: input.trainingOrganiser ?? null,
          supervisorId: input.supervisorId ?? null, active: input.active ?? true, createdBy: actorId, createdAt: now, updatedAt: now,
        };
        // A concurrent add of the same student meets the unique index: answered as the conflict it is.
        const inserted = await tx.insert(peerCounsellors).values(row).onConflictDoNothing().returning({ id: peerCounsellors.id });
        if (inserted.length === 0) return fail('conflict', 'Siswa ini sudah terdaftar sebagai konselor sebaya / already a peer counsellor');
        await writeAudit(tx, { schoolId, actorId, action: 'register.peer_add', subject: `peer_counsellor:${row.id}`, details: { studentId: row.studentId }, at: now });
        return ok(row);
      });
    },
    async updateCounsellor(schoolId, id, patch, { actorId, now }) {
      return transact(ctx, async (tx) => {
        const row = await counsellor(tx, schoolId, id);
        if (!row) return noCounsellor();
        if (patch.supervisorId && !(await isStaff(tx, patch.supervisorId, schoolId))) return notStaff();
        const set = { ...defined(patch), updatedAt: now };
        await tx.update(peerCounsellors).set(set).where(eq(peerCounsellors.id, id));
        await writeAudit(tx, { schoolId, actorId, action: 'register.peer_update', subject: `peer_counsellor:${id}`, details: { fields: Object.keys(defined(patch)) }, at: now });
        return ok({ ...row, ...set });
      });
    },

    async addSupervision(schoolId, input, { actorId, now, idempotency }) {
      return guarded(idempotency, now, async (tx): Promise<DbResult<PeerSupervision>> => {
        if (!(await isStaff(tx, input.supervisorId, schoolId))) return notStaff();
        const ids = [...new Set(input.counsellorIds)];
        if (ids.length === 0) return fail('invalid', 'Pilih minimal satu konselor sebaya / pick at least one peer counsellor');
        const found = await tx.select({ id: peerCounsellors.id }).from(peerCounsellors).where(and(eq(peerCounsellors.schoolId, schoolId), inArray(peerCounsellors.id, ids)));
        if (found.length !== ids.length) return fail('invalid', 'Konselor sebaya tidak ditemukan di sekolah ini / a peer counsellor is not of this school');
        const row = { id: newId(), schoolId, heldOn: input.heldOn, supervisorId: input.supervisorId, notes: input.notes ?? null, confidentiality: input.confidentiality, recordedBy: actorId, createdAt: now };
        await tx.insert(peerSupervisions).values(row);
        await tx.insert(peerSupervisionAttendees).values(ids.map((counsellorId) => ({ supervisionId: row.id, counsellorId, schoolId })));
        await writeAudit(tx, { schoolId, actorId, action: 'register.supervision_add', subject: `peer_supervision:${row.id}`, details: { counsellors: ids.length }, at: now });
        return ok({ ...row, counsellorIds: ids });
      });
    },
    async listSupervisions(schoolId, filter = {}) {
      let rows = await db.select().from(peerSupervisions).where(eq(peerSupervisions.schoolId, schoolId)).orderBy(desc(peerSupervisions.heldOn), desc(peerSupervisions.createdAt));
      const attendees = await attendeesOf(rows.map((r) => r.id));
      if (filter.counsellorId) rows = rows.filter((r) => attendees.get(r.id)?.includes(filter.counsellorId!));
      return rows.map((r) => ({ ...r, counsellorIds: attendees.get(r.id) ?? [] }));
    },

    async addGroupSession(schoolId, input, { actorId, now, idempotency }) {
      return guarded(idempotency, now, async (tx): Promise<DbResult<GroupSession>> => {
        const ids = [...new Set(input.caseIds)];
        if (ids.length < 2) return fail('invalid', 'Konseling kelompok perlu minimal 2 anggota / a group needs at least 2 members');
        const found = await tx.select({ id: cases.id, studentId: cases.studentId }).from(cases).where(and(eq(cases.schoolId, schoolId), eq(cases.status, 'active'), inArray(cases.id, ids)));
        if (found.length !== ids.length) return fail('invalid', 'Setiap anggota harus kasus aktif di sekolah ini / every member must be an open case of this school');
        const byId = new Map(found.map((c) => [c.id, c.studentId]));
        const row = { id: newId(), schoolId, heldOn: input.heldOn, topic: input.topic, summary: input.summary ?? null, confidentiality: input.confidentiality, recordedBy: actorId, createdAt: now };
        await tx.insert(groupSessions).values(row);
        const members = ids.map((caseId) => ({ caseId, studentId: byId.get(caseId)! }));
        await tx.insert(groupSessionMembers).values(members.map((m) => ({ sessionId: row.id, ...m, schoolId })));
        await writeAudit(tx, { schoolId, actorId, action: 'register.group_session_add', subject: `group_session:${row.id}`, details: { members: members.length }, at: now });
        return ok({ ...row, members });
      });
    },
    async listGroupSessions(schoolId, filter = {}) {
      let rows = await db.select().from(groupSessions).where(eq(groupSessions.schoolId, schoolId)).orderBy(desc(groupSessions.heldOn), desc(groupSessions.createdAt));
      if (filter.caseId) {
        const mine = new Set((await db.select({ id: groupSessionMembers.sessionId }).from(groupSessionMembers).where(and(eq(groupSessionMembers.caseId, filter.caseId), eq(groupSessionMembers.schoolId, schoolId)))).map((m) => m.id));
        rows = rows.filter((r) => mine.has(r.id));
      }
      const members = await membersOf(rows.map((r) => r.id));
      return rows.map((r) => ({ ...r, members: members.get(r.id) ?? [] }));
    },
    async getGroupSession(schoolId, id) {
      const row = first(await db.select().from(groupSessions).where(and(eq(groupSessions.id, id), eq(groupSessions.schoolId, schoolId))));
      return row ? { ...row, members: (await membersOf([row.id])).get(row.id) ?? [] } : null;
    },
  };
  return { registers: repo };
}

/** Erasure of a student from the registers on PostgreSQL, inside the caller's transaction (rules: `eraseRegisters` in ../sqlite/registers.ts). */
export async function eraseRegisters(tx: Exec, schoolId: string, studentId: string, caseIds: readonly string[], name: string | null): Promise<void> {
  const peer = first(await tx.select({ id: peerCounsellors.id }).from(peerCounsellors).where(and(eq(peerCounsellors.schoolId, schoolId), eq(peerCounsellors.studentId, studentId))));
  if (peer) {
    const sessions = (await tx.select({ id: peerSupervisionAttendees.supervisionId }).from(peerSupervisionAttendees).where(eq(peerSupervisionAttendees.counsellorId, peer.id))).map((r) => r.id);
    for (const s of sessions.length > 0 ? await tx.select().from(peerSupervisions).where(inArray(peerSupervisions.id, sessions)) : []) {
      const notes = withoutName(s.notes, name);
      if (notes !== s.notes) await tx.update(peerSupervisions).set({ notes }).where(eq(peerSupervisions.id, s.id));
    }
    await tx.delete(peerSupervisionAttendees).where(eq(peerSupervisionAttendees.counsellorId, peer.id));
    await tx.delete(peerCounsellors).where(eq(peerCounsellors.id, peer.id));
  }
  const sessionIds = (await tx.select({ id: groupSessionMembers.sessionId }).from(groupSessionMembers).where(and(eq(groupSessionMembers.schoolId, schoolId), eq(groupSessionMembers.studentId, studentId)))).map((r) => r.id);
  for (const s of sessionIds.length > 0 ? await tx.select().from(groupSessions).where(inArray(groupSessions.id, sessionIds)) : []) {
    const topic = withoutName(s.topic, name)!;
    const summary = withoutName(s.summary, name);
    if (topic !== s.topic || summary !== s.summary) await tx.update(groupSessions).set({ topic, summary }).where(eq(groupSessions.id, s.id));
  }
  await tx.delete(groupSessionMembers).where(and(eq(groupSessionMembers.schoolId, schoolId), eq(groupSessionMembers.studentId, studentId)));
  if (caseIds.length > 0) await tx.delete(groupSessionMembers).where(inArray(groupSessionMembers.caseId, [...caseIds]));
}
