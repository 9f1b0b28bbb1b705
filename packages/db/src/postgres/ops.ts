/** Notifications, the audit log and idempotency keys on PostgreSQL. */
import { and, desc, eq, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { auditLog, idempotencyKeys, notifications } from '../schema-pg/index.ts';
import { roleMaySee } from '../filters.ts';
import type { AuditRepo, IdempotencyRepo, NotificationRepo } from '../repository.ts';
import type { IdempotencyRequest } from '../case-unit.ts';
import { fail, type DbResult } from '../result.ts';
import { first, newId, pageSize, type Exec, type PgContext } from './context.ts';
import { RECIPIENTS_PG } from '../notify-recipients.ts';

/** Idempotency keys inside a caller's transaction: check (and lock) first, store the answer last. */
export interface KeyStore {
  /**
   * Takes a transaction-scoped advisory lock on (user, key), so a concurrent
   * retry in another process waits for the first to commit, then answers:
   * `idempotency_replay` with the stored answer, `idempotency_mismatch`, or
   * undefined for a new key.
   */
  check(tx: Exec, idem: IdempotencyRequest<any> | undefined): Promise<DbResult<never> | undefined>;
  store<T>(tx: Exec, idem: IdempotencyRequest<T> | undefined, value: T, now: Date): Promise<void>;
}

/** The answer to a request whose key is already stored: its first answer again, or a mismatch. */
export function keyAnswer(found: { requestHash: string; status: number; body: unknown }, idem: IdempotencyRequest<any>): DbResult<never> {
  if (found.requestHash !== idem.requestHash) {
    return fail('idempotency_mismatch', 'Idempotency-Key dipakai untuk permintaan lain / key reused for a different request');
  }
  return fail('idempotency_replay', 'Permintaan ini sudah diproses / already processed', { response: { status: found.status, body: found.body ?? null } });
}

const INSERT_KEY = 'INSERT INTO idempotency_keys (user_id, key, route, request_hash, status, body, created_at) VALUES ($1, $2, $3, $4, $5, $6::json, $7::timestamptz)';

/**
 * The statement that stores the answer to a keyed request (no lock taken: a
 * second request with the same key fails on the primary key, or waits for
 * the first's commit and then fails, so its caller reads the key again).
 */
export function keyStatement<T>(idem: IdempotencyRequest<T>, value: T, now: Date): readonly [string, unknown[]] {
  const response = idem.respond(value);
  // Through JSON like the SQLite store (undefined fields dropped, dates as strings).
  return [INSERT_KEY, [idem.userId, idem.key, idem.route, idem.requestHash, response.status, JSON.stringify(response.body ?? null), now.toISOString()]];
}

export const keyStore: KeyStore = {
  async check(tx, idem) {
    if (!idem) return undefined;
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`idem\n${idem.userId}\n${idem.key}`}, 0))`);
    const found = first(
      await tx
        .select({ requestHash: idempotencyKeys.requestHash, status: idempotencyKeys.status, body: idempotencyKeys.body })
        .from(idempotencyKeys)
        .where(and(eq(idempotencyKeys.userId, idem.userId), eq(idempotencyKeys.key, idem.key))),
    );
    return found ? keyAnswer(found, idem) : undefined;
  },
  async store(tx, idem, value, now) {
    if (!idem) return;
    const response = idem.respond(value);
    await tx.insert(idempotencyKeys).values({
      userId: idem.userId, key: idem.key, route: idem.route, requestHash: idem.requestHash, status: response.status,
      // Round-trips through JSON like the SQLite store (undefined fields dropped, dates as strings).
      body: JSON.parse(JSON.stringify(response.body ?? null)) as unknown, createdAt: now,
    });
  },
};


export function createOpsRepos(ctx: PgContext): { notifications: NotificationRepo; audit: AuditRepo; idempotency: IdempotencyRepo } {
  const { db } = ctx;
  const forUser = (user: { id: string; role: string; schoolId: string | null }): SQL => {
    const own = eq(notifications.userId, user.id);
    if (!user.schoolId) return own;
    return or(own, and(isNull(notifications.userId), eq(notifications.schoolId, user.schoolId), eq(notifications.role, user.role), roleMaySee(notifications, user)))!;
  };

  const notificationRepo: NotificationRepo = {
    async notify(input) {
      const row = (userId: string | null) => ({ id: newId(), schoolId: input.schoolId, userId, role: input.role ?? null, caseId: input.caseId ?? null, kind: input.kind, body: input.body, createdAt: input.now });
      if (input.userId || !input.role || !input.caseId || !input.schoolId) return db.insert(notifications).values(row(input.userId ?? null)).returning();
      // About a case, to a role: one row for each person of the role who may see the case.
      const users = (await ctx.client.unsafe(RECIPIENTS_PG, [input.schoolId, input.role, input.caseId])) as unknown as { id: string }[];
      return users.length === 0 ? [] : db.insert(notifications).values(users.map((u) => row(u.id))).returning();
    },
    async listForUser(user, filter = {}) {
      const where = filter.unreadOnly ? and(forUser(user), isNull(notifications.readAt)) : forUser(user);
      return db.select().from(notifications).where(where).orderBy(desc(notifications.createdAt)).limit(pageSize(filter.limit, 500));
    },
    async markRead(user, id, now) {
      return (await db.update(notifications).set({ readAt: now }).where(and(eq(notifications.id, id), forUser(user))).returning({ id: notifications.id })).length > 0;
    },
  };

  const auditRepo: AuditRepo = {
    async record(entry) {
      await ctx.audit(db, entry);
    },
    async list(schoolId, filter = {}) {
      const where: SQL[] = [schoolId === null ? isNull(auditLog.schoolId) : eq(auditLog.schoolId, schoolId)];
      if (filter.action) where.push(eq(auditLog.action, filter.action));
      if (filter.subject) where.push(eq(auditLog.subject, filter.subject));
      if (filter.actorId) where.push(eq(auditLog.actorId, filter.actorId));
      return db.select().from(auditLog).where(and(...where)).orderBy(desc(auditLog.at)).limit(pageSize(filter.limit));
    },
  };

  const idempotencyRepo: IdempotencyRepo = {
    async lookup(userId, key) {
      return first(await db.select().from(idempotencyKeys).where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)))) ?? null;
    },
    async purge(before) {
      return (await db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, before)).returning({ key: idempotencyKeys.key })).length;
    },
  };

  return { notifications: notificationRepo, audit: auditRepo, idempotency: idempotencyRepo };
}
