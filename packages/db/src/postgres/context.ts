/** What every PostgreSQL repository shares: the pool, drizzle, transactions and helpers. */
import { currentActingRole } from '../roles.ts';
import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import type { Sql } from 'postgres';
import { and, eq, isNull } from 'drizzle-orm';
import { auditLog, users } from '../schema-pg/index.ts';
import type { AuditInput } from '../case-unit.ts';
import { newId } from '../sqlite/context.ts';

export { newId };
export { pageSize } from '../sqlite/context.ts';

/** The pool or an open transaction: every query builder method works on both; `$client` is its postgres.js `sql`. */
export type Exec = PostgresJsDatabase & { $client: Sql };

export interface PgContext {
  /** The connection pool (postgres.js). */
  client: Sql;
  db: Exec;
  /**
   * Runs `fn` in one READ COMMITTED transaction; a throw rolls back. Retried
   * (a fresh transaction, `fn` runs again) on a deadlock or serialization
   * failure, so `fn` must only write through `tx`.
   */
  tx<T>(fn: (tx: Exec) => Promise<T>): Promise<T>;
  /** Writes one audit row through `exec` (the caller's transaction, if any). */
  audit(exec: Exec, entry: AuditInput & { schoolId: string | null; at: Date }): Promise<void>;
}

/** Rolls the transaction back without treating it as a failure: carries the error value out. */
class Rollback<E> extends Error {
  constructor(readonly value: E) {
    super('rollback');
  }
}

/** SQLSTATEs after which running the whole transaction again is safe and likely to succeed. */
const RETRYABLE = new Set(['40001', '40P01']);
const MAX_ATTEMPTS = 5;

/** The PostgreSQL error code of a driver error, if any. */
export const pgCode = (err: unknown): string | undefined =>
  typeof err === 'object' && err !== null && 'code' in err && typeof (err as { code: unknown }).code === 'string' ? (err as { code: string }).code : undefined;

/**
 * Makes drizzle's queries on `sql` use named prepared statements (one round
 * trip each, parsed once per connection). drizzle hands postgres.js
 * `prepare: false` for every query that is not an explicit `.prepare()`,
 * and postgres.js then describes each parameterised query first: two round
 * trips. `JALUR_PG_PREPARE=0` turns this off (e.g. behind an old PgBouncer
 * in transaction mode).
 */
export function preparing(sql: Sql): Sql {
  // Every query of this driver goes through `unsafe` (drizzle's and the hand-written ones), so this one switch covers all.
  if (process.env.JALUR_PG_PREPARE === '0') return sql;
  const unsafe = sql.unsafe;
  const patched = (query: string, args?: unknown[], options?: Record<string, unknown>) => unsafe(query, args as never, { ...options, prepare: true });
  (sql as { unsafe: unknown }).unsafe = patched;
  return sql;
}

/** A drizzle database on a postgres.js connection or transaction (no relational schema: only the query builder is used). */
export const drizzleOn = (sql: Sql): Exec => drizzle(preparing(sql));

/**
 * One transaction on a connection reserved from the pool for it alone.
 * postgres.js 3.4.9's `sql.begin` can, under load, send BEGIN on a connection
 * it has not reserved yet (porsager/postgres#823, #1189: its reservation hook
 * is skipped when the pipeline or the socket is full), which fails the request
 * with UNSAFE_TRANSACTION or lets another query into the transaction. A
 * connection taken with `reserve()` is out of the pool before BEGIN is sent.
 */
async function inTransaction<T>(client: Sql, fn: (tx: Exec) => Promise<T>): Promise<T> {
  const conn = await client.reserve();
  try {
    await conn.unsafe('begin');
    try {
      // A reserved `sql` lacks the pool's `options`, which drizzle() reads (to set its date/json parsers
      // on them, once per pool): lend it the pool's, so the transaction gets a plain drizzle database too.
      const result = await fn(drizzleOn(Object.assign(conn, { options: client.options }) as unknown as Sql));
      await conn.unsafe('commit');
      return result;
    } catch (err) {
      await conn.unsafe('rollback').catch(() => undefined);
      throw err;
    }
  } finally {
    conn.release();
  }
}

/** `ctx.tx` for a pool: one reserved connection per transaction, drizzle on top, retried on deadlock. */
export function makeTx(client: Sql): PgContext['tx'] {
  return async <T>(fn: (tx: Exec) => Promise<T>): Promise<T> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await inTransaction(client, fn);
      } catch (err) {
        if (attempt < MAX_ATTEMPTS && RETRYABLE.has(pgCode(err) ?? '')) continue;
        throw err;
      }
    }
  };
}

/**
 * Runs `fn` in a transaction; when it returns `{ ok: false }` the
 * transaction is rolled back (a failed request changes no data) and the value
 * is returned as is.
 */
export async function transact<T extends { ok: boolean }>(ctx: PgContext, fn: (tx: Exec) => Promise<T>): Promise<T> {
  try {
    return await ctx.tx(async (tx) => {
      const result = await fn(tx);
      if (!result.ok) throw new Rollback(result);
      return result;
    });
  } catch (err) {
    if (err instanceof Rollback) return err.value as T;
    throw err;
  }
}

/** The audit writer of {@link PgContext}. */
export async function writeAudit(exec: Exec, e: AuditInput & { schoolId: string | null; at: Date }): Promise<void> {
  await exec.insert(auditLog).values({ id: newId(), schoolId: e.schoolId, actorId: e.actorId ?? null, actorRole: e.actorRole ?? currentActingRole(), action: e.action, subject: e.subject ?? null, details: e.details ?? null, at: e.at });
}

/** True when `userId` is active staff of `schoolId` (the only valid assignees of its cases and tasks). */
export async function isStaff(exec: Exec, userId: string, schoolId: string): Promise<boolean> {
  const rows = await exec.select({ id: users.id }).from(users).where(and(eq(users.id, userId), eq(users.schoolId, schoolId), isNull(users.disabledAt)));
  return rows.length > 0;
}

export { notStaff } from '../result.ts';

/** The first row of a result, or undefined. */
export const first = <T>(rows: readonly T[]): T | undefined => rows[0];
