/** Idempotency-Key handling for the case-work writes a retry may repeat (notes, records). */
import { createHash } from 'node:crypto';
import { canonicalJson, type DbError, type IdempotencyRequest, type StoredResponse } from '@jalur/db';
import type { Context } from 'hono';

/** Builds the repository's idempotency request for `route`, storing a 201 with `view(value)`. */
export function idempotencyFor<T>(userId: string, key: string | undefined, route: string, path: string, body: unknown, view: (v: T) => unknown): IdempotencyRequest<T> | undefined {
  if (!key) return undefined;
  const requestHash = createHash('sha256').update(`POST ${path}\n${canonicalJson(body)}`).digest('base64url');
  return { userId, key, route, requestHash, respond: (v: T): StoredResponse => ({ status: 201, body: view(v) }) };
}

/** The stored first answer of a replayed request (the same body the first request got). */
export function replayed<T>(c: Context, error: DbError): T {
  c.header('Idempotent-Replayed', 'true');
  return error.response!.body as T;
}
