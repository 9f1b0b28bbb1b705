/** Notifications, the audit log and idempotency keys on SQLite. */
import { and, desc, eq, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { auditLog, idempotencyKeys, notifications } from '../schema/index.ts';
import { roleMaySee } from '../filters.ts';
import type { AuditRepo, IdempotencyRepo, NotificationRepo } from '../repository.ts';
import type { IdempotencyRequest } from '../case-unit.ts';
import { fail, type DbResult } from '../result.ts';
import { newId, pageSize, type SqliteContext } from './context.ts';
import { RECIPIENTS_SQLITE } from '../notify-recipients.ts';

/** Idempotency keys inside a caller's transaction: check first, store the answer last. */
export interface KeyStore {
  /** An error value (`idempotency_replay` with the stored answer, or `idempotency_mismatch`), or undefined for a new key. */
  check(idem: IdempotencyRequest<never> | IdempotencyRequest<any> | undefined): DbResult<never> | undefined;
  store<T>(idem: IdempotencyRequest<T> | undefined, value: T, now: Date): void;
}

export function createKeyStore({ sqlite }: SqliteContext): KeyStore {
  const find = sqlite.prepare('SELECT request_hash AS requestHash, status, body FROM idempotency_keys WHERE user_id = ? AND key = ?');
  const insert = sqlite.prepare('INSERT INTO idempotency_keys (user_id, key, route, request_hash, status, body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  return {
    check(idem) {
      if (!idem) return undefined;
      const found = find.get(idem.userId, idem.key) as { requestHash: string; status: number; body: string | null } | undefined;
      if (!found) return undefined;
      if (found.requestHash !== idem.requestHash) {
        return fail('idempotency_mismatch', 'Idempotency-Key dipakai untuk permintaan lain / key reused for a different request');
      }
      return fail('idempotency_replay', 'Permintaan ini sudah diproses / already processed', {
        response: { status: found.status, body: found.body == null ? null : JSON.parse(found.body) },
      });
    },
    store(idem, value, now) {
      if (!idem) return;
      const response = idem.respond(value);
      insert.run(idem.userId, idem.key, idem.route, idem.requestHash, response.status, JSON.stringify(response.body ?? null), now.getTime());
    },
  };
}


export function createOpsRepos(ctx: SqliteContext): { notifications: NotificationRepo; audit: AuditRepo; idempotency: IdempotencyRepo } {
  const { db } = ctx;
  const forUser = (user: { id: string; role: string; schoolId: string | null }): SQL => {
    const own = eq(notifications.userId, user.id);
    if (!user.schoolId) return own;
    return or(own, and(isNull(notifications.userId), eq(notifications.schoolId, user.schoolId), eq(notifications.role, user.role), roleMaySee(notifications, user)))!;
  };

  const recipients = ctx.sqlite.prepare(RECIPIENTS_SQLITE).pluck();
  const notificationRepo: NotificationRepo = {
    async notify(input) {
      const row = (userId: string | null) => ({ id: newId(), schoolId: input.schoolId, userId, role: input.role ?? null, caseId: input.caseId ?? null, kind: input.kind, body: input.body, createdAt: input.now });
      if (input.userId || !input.role || !input.caseId || !input.schoolId) return db.insert(notifications).values(row(input.userId ?? null)).returning().all();
      // About a case, to a role: one row for each person of the role who may see the case.
      const users = recipients.all({ school: input.schoolId, role: input.role, case: input.caseId }) as string[];
      return users.length === 0 ? [] : db.insert(notifications).values(users.map(row)).returning().all();
    },
    async listForUser(user, filter = {}) {
      const where = filter.unreadOnly ? and(forUser(user), isNull(notifications.readAt)) : forUser(user);
      return db.select().from(notifications).where(where).orderBy(desc(notifications.createdAt)).limit(pageSize(filter.limit, 500)).all();
    },
    async markRead(user, id, now) {
      return db.update(notifications).set({ readAt: now }).where(and(eq(notifications.id, id), forUser(user))).run().changes > 0;
    },
  };

  const auditRepo: AuditRepo = {
    async record(entry) {
      ctx.audit(entry);
    },
    async list(schoolId, filter = {}) {
      const where: SQL[] = [schoolId === null ? isNull(auditLog.schoolId) : eq(auditLog.schoolId, schoolId)];
      if (filter.action) where.push(eq(auditLog.action, filter.action));
      if (filter.subject) where.push(eq(auditLog.subject, filter.subject));
      if (filter.actorId) where.push(eq(auditLog.actorId, filter.actorId));
      return db.select().from(auditLog).where(and(...where)).orderBy(desc(auditLog.at)).limit(pageSize(filter.limit)).all();
    },
  };

  const idempotencyRepo: IdempotencyRepo = {
    async lookup(userId, key) {
      return db.select().from(idempotencyKeys).where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key))).get() ?? null;
    },
    async purge(before) {
      return db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, before)).run().changes;
    },
  };

  return { notifications: notificationRepo, audit: auditRepo, idempotency: idempotencyRepo };
}
