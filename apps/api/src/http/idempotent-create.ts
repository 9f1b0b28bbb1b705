/**
 * A create that honours the `Idempotency-Key` header (a retry after a lost answer gets the first
 * answer, nothing is written twice), as the register writes do it: the repository stores the 201
 * body `view(row)` with the row in one transaction, and a replay answers that stored body with
 * `Idempotent-Replayed: true`.
 */
import type { DbError, DbResult, IdempotencyRequest } from '@jalur/db';
import type { Context } from 'hono';
import { idempotencyFor, replayed } from '../casework/idempotency.ts';

/** What a repository create takes besides its input: who, when, and the idempotency request when a key was sent. */
export interface CreateOptions<T> {
  actorId: string;
  now: Date;
  idempotency?: IdempotencyRequest<T>;
}

export interface CreateOnce<T, V> {
  actorId: string;
  now: Date;
  /** The request's validated `idempotency-key` header. */
  key: string | undefined;
  /** The route as stored with the answer (`POST /api/registers/funds/:id/donations`) and the request's path. */
  route: string;
  path: string;
  body: unknown;
  /** The 201 body for the new row (stored with it, so built without reads). */
  view: (row: T) => V;
}

/**
 * Runs `write` with the options built from `o`: `{ replay }` is the stored first answer (the
 * header is set), `{ value }` the new row; any other refusal is thrown as `refuse` maps it.
 */
export async function createOnce<T, V>(
  c: Context,
  o: CreateOnce<T, V>,
  write: (opts: CreateOptions<T>) => Promise<DbResult<T>>,
  refuse: (error: DbError) => Error,
): Promise<{ replay: V } | { value: T }> {
  const idem = idempotencyFor<T>(o.actorId, o.key, o.route, o.path, o.body, o.view);
  const r = await write({ actorId: o.actorId, now: o.now, ...(idem ? { idempotency: idem } : {}) });
  if (r.ok) return { value: r.value };
  if (r.error.code === 'idempotency_replay') return { replay: replayed<V>(c, r.error) };
  throw refuse(r.error);
}
