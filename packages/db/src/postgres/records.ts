/** Notes, consents, referrals and case records on PostgreSQL (school-scoped, confidentiality-filtered). */
import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import { caseRecords, cases, consents, notes, referrals } from '../schema-pg/index.ts';
import type { CaseRecordRepo, ConsentRepo, NoteRepo, ReferralRepo } from '../repository.ts';
import { referralPatch } from '../filters.ts';
import type { NoteRow, CaseRecordRow, ConsentRow, ReferralRow } from '../rows.ts';
import { fail, ok, type DbResult } from '../result.ts';
import type { IdempotencyRequest } from '../case-unit.ts';
import { canSeeContent as canSee } from '@jalur/casework';
import { first, newId, transact, type Exec, type PgContext } from './context.ts';
import { keyStore as keys } from './ops.ts';

type ConsentInput = Parameters<ConsentRepo['add']>[1];

/** Inserts a consent row through `x` (the case is checked by the caller). */
export async function insertConsent(x: Exec, schoolId: string, input: ConsentInput): Promise<ConsentRow> {
  const [row] = await x
    .insert(consents)
    .values({
      id: newId(), caseId: input.caseId, schoolId, purpose: input.purpose, givenBy: input.givenBy, relationship: input.relationship ?? null,
      method: input.method, granted: input.granted, givenAt: input.givenAt, recordedBy: input.recordedBy, createdAt: input.now,
    })
    .returning();
  return row!;
}

/** True when the latest unrevoked consent for `purpose` is granted. */
export async function hasConsent(x: Exec, schoolId: string, caseId: string, purpose: ConsentRow['purpose']): Promise<boolean> {
  const latest = first(
    await x
      .select({ granted: consents.granted })
      .from(consents)
      .where(and(eq(consents.caseId, caseId), eq(consents.schoolId, schoolId), eq(consents.purpose, purpose), isNull(consents.revokedAt)))
      .orderBy(desc(consents.givenAt), desc(consents.createdAt))
      .limit(1),
  );
  return latest?.granted === true;
}

export function createRecordRepos(ctx: PgContext): { notes: NoteRepo; consents: ConsentRepo; referrals: ReferralRepo; caseRecords: CaseRecordRepo } {
  const { db } = ctx;
  const caseOf = async (x: Exec, schoolId: string, caseId: string) =>
    first(await x.select({ id: cases.id, assigneeId: cases.assigneeId }).from(cases).where(and(eq(cases.id, caseId), eq(cases.schoolId, schoolId))));
  const noCase = () => fail<never>('not_found', 'Kasus tidak ditemukan / case not found');

  /** Insert guarded by an optional idempotency key, in one transaction. */
  function guardedInsert<T>(idem: IdempotencyRequest<T> | undefined, now: Date, write: (tx: Exec) => Promise<DbResult<T>>): Promise<DbResult<T>> {
    return transact(ctx, async (tx) => {
      const replay = await keys.check(tx, idem);
      if (replay) return replay;
      const result = await write(tx);
      if (result.ok) await keys.store(tx, idem, result.value, now);
      return result;
    });
  }

  const noteRepo: NoteRepo = {
    async add(schoolId, input) {
      return guardedInsert(input.idempotency, input.now, async (tx) => {
        if (!(await caseOf(tx, schoolId, input.caseId))) return noCase();
        const row: NoteRow = { id: newId(), caseId: input.caseId, schoolId, authorId: input.authorId, body: input.body, confidentiality: input.confidentiality, createdAt: input.now };
        await tx.insert(notes).values(row);
        return ok(row);
      });
    },
    async list(schoolId, caseId, viewer, now) {
      return ctx.tx(async (tx) => {
        const c = await caseOf(tx, schoolId, caseId);
        if (!c) return noCase();
        const all = await tx.select().from(notes).where(and(eq(notes.caseId, caseId), eq(notes.schoolId, schoolId))).orderBy(asc(notes.createdAt), asc(notes.id));
        const visible = all.filter((n) => canSee(n.confidentiality, viewer, n.authorId, c.assigneeId));
        for (const n of visible) {
          if (n.confidentiality === 'rahasia') {
            await ctx.audit(tx, { schoolId, actorId: viewer.id, action: 'note.read_rahasia', subject: `note:${n.id}`, details: { caseId }, at: now });
          }
        }
        return ok(visible);
      });
    },
  };

  const consentRepo: ConsentRepo = {
    async add(schoolId, input) {
      if (!(await caseOf(db, schoolId, input.caseId))) return noCase();
      return ok(await insertConsent(db, schoolId, input));
    },
    async list(schoolId, caseId) {
      return db.select().from(consents).where(and(eq(consents.caseId, caseId), eq(consents.schoolId, schoolId))).orderBy(asc(consents.givenAt));
    },
    async has(schoolId, caseId, purpose) {
      return hasConsent(db, schoolId, caseId, purpose);
    },
  };

  const referralRepo: ReferralRepo = {
    async create(schoolId, input) {
      return transact(ctx, async (tx): Promise<DbResult<ReferralRow>> => {
        if (!(await caseOf(tx, schoolId, input.caseId))) return noCase();
        const [row] = await tx
          .insert(referrals)
          .values({ id: newId(), caseId: input.caseId, schoolId, target: input.target, targetName: input.targetName, partnerId: input.partnerId ?? null, reason: input.reason, status: 'sent', sentBy: input.sentBy, sentAt: input.now, updatedAt: input.now })
          .returning();
        await ctx.audit(tx, { schoolId, actorId: input.sentBy, action: 'referral.sent', subject: `referral:${row!.id}`, details: { caseId: input.caseId, target: input.target }, at: input.now });
        return ok(row!);
      });
    },
    async get(schoolId, id) {
      return first(await db.select().from(referrals).where(and(eq(referrals.id, id), eq(referrals.schoolId, schoolId)))) ?? null;
    },
    async list(schoolId, filter = {}) {
      const where = [eq(referrals.schoolId, schoolId)];
      if (filter.caseId) where.push(eq(referrals.caseId, filter.caseId));
      if (filter.status) where.push(eq(referrals.status, filter.status));
      if (filter.partnerId) where.push(eq(referrals.partnerId, filter.partnerId));
      return db.select().from(referrals).where(and(...where)).orderBy(desc(referrals.sentAt));
    },
    async transition(schoolId, id, input) {
      return transact(ctx, async (tx): Promise<DbResult<ReferralRow>> => {
        const row = first(await tx.select().from(referrals).where(and(eq(referrals.id, id), eq(referrals.schoolId, schoolId))).for('update'));
        if (!row) return fail('not_found', 'Rujukan tidak ditemukan / referral not found');
        const moved = referralPatch(row, input, input.now);
        if (!moved.ok) return moved;
        const patch = moved.value;
        await tx.update(referrals).set(patch).where(eq(referrals.id, id));
        await ctx.audit(tx, { schoolId, actorId: input.actorId, action: `referral.${input.to}`, subject: `referral:${id}`, details: { caseId: row.caseId }, at: input.now });
        return ok({ ...row, ...patch });
      });
    },
  };

  const recordRepo: CaseRecordRepo = {
    async add(schoolId, input) {
      return guardedInsert(input.idempotency, input.now, async (tx) => {
        if (!(await caseOf(tx, schoolId, input.caseId))) return noCase();
        const row: CaseRecordRow = {
          id: newId(), caseId: input.caseId, schoolId, kind: input.kind, data: input.data, confidentiality: input.confidentiality ?? 'terbatas',
          occurredAt: input.occurredAt, recordedBy: input.recordedBy, createdAt: input.now,
        };
        await tx.insert(caseRecords).values(row);
        return ok(row);
      });
    },
    async list(schoolId, caseId, viewer, filter = {}) {
      const c = await caseOf(db, schoolId, caseId);
      if (!c) return noCase();
      const where = [eq(caseRecords.caseId, caseId), eq(caseRecords.schoolId, schoolId)];
      if (filter.kind) where.push(eq(caseRecords.kind, filter.kind));
      const rows = await db.select().from(caseRecords).where(and(...where)).orderBy(asc(caseRecords.occurredAt));
      return ok(rows.filter((r) => canSee(r.confidentiality, viewer, r.recordedBy, c.assigneeId)));
    },
  };

  return { notes: noteRepo, consents: consentRepo, referrals: referralRepo, caseRecords: recordRepo };
}
