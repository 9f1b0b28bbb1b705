/** Notes, consents, referrals and case records on SQLite (school-scoped, confidentiality-filtered). */
import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import { caseRecords, cases, consents, notes, referrals } from '../schema/index.ts';
import type { CaseRecordRepo, ConsentRepo, NoteRepo, ReferralRepo } from '../repository.ts';
import { referralPatch } from '../filters.ts';
import type { NoteRow, CaseRecordRow, ConsentRow, ReferralRow } from '../rows.ts';
import { fail, ok, type DbResult } from '../result.ts';
import type { IdempotencyRequest } from '../case-unit.ts';
import { canSeeContent as canSee } from '@jalur/casework';
import { newId, transact, type SqliteContext } from './context.ts';
import { createKeyStore } from './ops.ts';

type ConsentInput = Parameters<ConsentRepo['add']>[1];

/** Inserts a consent row (the case is checked by the caller); runs inside the caller's transaction, if any. */
export function insertConsent(ctx: SqliteContext, schoolId: string, input: ConsentInput): ConsentRow {
  return ctx.db
    .insert(consents)
    .values({
      id: newId(), caseId: input.caseId, schoolId, purpose: input.purpose, givenBy: input.givenBy, relationship: input.relationship ?? null,
      method: input.method, granted: input.granted, givenAt: input.givenAt, recordedBy: input.recordedBy, createdAt: input.now,
    })
    .returning()
    .get();
}

/** True when the latest unrevoked consent for `purpose` is granted. */
export function hasConsent(ctx: SqliteContext, schoolId: string, caseId: string, purpose: ConsentRow['purpose']): boolean {
  const latest = ctx.db
    .select({ granted: consents.granted })
    .from(consents)
    .where(and(eq(consents.caseId, caseId), eq(consents.schoolId, schoolId), eq(consents.purpose, purpose), isNull(consents.revokedAt)))
    .orderBy(desc(consents.givenAt), desc(consents.createdAt))
    .get();
  return latest?.granted === true;
}

export function createRecordRepos(ctx: SqliteContext): { notes: NoteRepo; consents: ConsentRepo; referrals: ReferralRepo; caseRecords: CaseRecordRepo } {
  const { db } = ctx;
  const keys = createKeyStore(ctx);
  const caseOf = (schoolId: string, caseId: string) =>
    db.select({ id: cases.id, assigneeId: cases.assigneeId }).from(cases).where(and(eq(cases.id, caseId), eq(cases.schoolId, schoolId))).get();
  const noCase = () => fail<never>('not_found', 'Kasus tidak ditemukan / case not found');

  /** Insert guarded by an optional idempotency key, in one transaction. */
  function guardedInsert<T>(idem: IdempotencyRequest<T> | undefined, now: Date, write: () => DbResult<T>): DbResult<T> {
    return transact(ctx, () => {
      const replay = keys.check(idem);
      if (replay) return replay;
      const result = write();
      if (result.ok) keys.store(idem, result.value, now);
      return result;
    });
  }

  const noteRepo: NoteRepo = {
    async add(schoolId, input) {
      return guardedInsert(input.idempotency, input.now, () => {
        if (!caseOf(schoolId, input.caseId)) return noCase();
        const row: NoteRow = { id: newId(), caseId: input.caseId, schoolId, authorId: input.authorId, body: input.body, confidentiality: input.confidentiality, createdAt: input.now };
        db.insert(notes).values(row).run();
        return ok(row);
      });
    },
    async list(schoolId, caseId, viewer, now) {
      return ctx.immediate(() => {
        const c = caseOf(schoolId, caseId);
        if (!c) return noCase();
        const all = db.select().from(notes).where(and(eq(notes.caseId, caseId), eq(notes.schoolId, schoolId))).orderBy(asc(notes.createdAt), asc(notes.id)).all();
        const visible = all.filter((n) => canSee(n.confidentiality, viewer, n.authorId, c.assigneeId));
        for (const n of visible) {
          if (n.confidentiality === 'rahasia') {
            ctx.audit({ schoolId, actorId: viewer.id, action: 'note.read_rahasia', subject: `note:${n.id}`, details: { caseId }, at: now });
          }
        }
        return ok(visible);
      });
    },
  };

  const consentRepo: ConsentRepo = {
    async add(schoolId, input) {
      if (!caseOf(schoolId, input.caseId)) return noCase();
      return ok(insertConsent(ctx, schoolId, input));
    },
    async list(schoolId, caseId) {
      return db.select().from(consents).where(and(eq(consents.caseId, caseId), eq(consents.schoolId, schoolId))).orderBy(asc(consents.givenAt)).all();
    },
    async has(schoolId, caseId, purpose) {
      return hasConsent(ctx, schoolId, caseId, purpose);
    },
  };

  const getReferral = (schoolId: string, id: string) => db.select().from(referrals).where(and(eq(referrals.id, id), eq(referrals.schoolId, schoolId))).get();
  const referralRepo: ReferralRepo = {
    async create(schoolId, input) {
      if (!caseOf(schoolId, input.caseId)) return noCase();
      const row = db
        .insert(referrals)
        .values({ id: newId(), caseId: input.caseId, schoolId, target: input.target, targetName: input.targetName, partnerId: input.partnerId ?? null, reason: input.reason, status: 'sent', sentBy: input.sentBy, sentAt: input.now, updatedAt: input.now })
        .returning()
        .get();
      ctx.audit({ schoolId, actorId: input.sentBy, action: 'referral.sent', subject: `referral:${row.id}`, details: { caseId: input.caseId, target: input.target }, at: input.now });
      return ok(row);
    },
    async get(schoolId, id) {
      return getReferral(schoolId, id) ?? null;
    },
    async list(schoolId, filter = {}) {
      const where = [eq(referrals.schoolId, schoolId)];
      if (filter.caseId) where.push(eq(referrals.caseId, filter.caseId));
      if (filter.status) where.push(eq(referrals.status, filter.status));
      if (filter.partnerId) where.push(eq(referrals.partnerId, filter.partnerId));
      return db.select().from(referrals).where(and(...where)).orderBy(desc(referrals.sentAt)).all();
    },
    async transition(schoolId, id, input) {
      return transact(ctx, (): DbResult<ReferralRow> => {
        const row = getReferral(schoolId, id);
        if (!row) return fail('not_found', 'Rujukan tidak ditemukan / referral not found');
        const moved = referralPatch(row, input, input.now);
        if (!moved.ok) return moved;
        const patch = moved.value;
        db.update(referrals).set(patch).where(eq(referrals.id, id)).run();
        ctx.audit({ schoolId, actorId: input.actorId, action: `referral.${input.to}`, subject: `referral:${id}`, details: { caseId: row.caseId }, at: input.now });
        return ok({ ...row, ...patch });
      });
    },
  };

  const recordRepo: CaseRecordRepo = {
    async add(schoolId, input) {
      return guardedInsert(input.idempotency, input.now, () => {
        if (!caseOf(schoolId, input.caseId)) return noCase();
        const row: CaseRecordRow = {
          id: newId(), caseId: input.caseId, schoolId, kind: input.kind, data: input.data, confidentiality: input.confidentiality ?? 'terbatas',
          occurredAt: input.occurredAt, recordedBy: input.recordedBy, createdAt: input.now,
        };
        db.insert(caseRecords).values(row).run();
        return ok(row);
      });
    },
    async list(schoolId, caseId, viewer, filter = {}) {
      const c = caseOf(schoolId, caseId);
      if (!c) return noCase();
      const where = [eq(caseRecords.caseId, caseId), eq(caseRecords.schoolId, schoolId)];
      if (filter.kind) where.push(eq(caseRecords.kind, filter.kind));
      const rows = db.select().from(caseRecords).where(and(...where)).orderBy(asc(caseRecords.occurredAt)).all();
      return ok(rows.filter((r) => canSee(r.confidentiality, viewer, r.recordedBy, c.assigneeId)));
    },
  };

  return { notes: noteRepo, consents: consentRepo, referrals: referralRepo, caseRecords: recordRepo };
}
