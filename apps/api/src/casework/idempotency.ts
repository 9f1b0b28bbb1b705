/** Idempotency-Key handling for the case-work writes a retry may repeat (notes, records). */
import { createHash } from 'node:crypto';
import { canonicalJson, type DbError, type IdempotencyRequest, type StoredResponse } from '@jalur/db';
import type { Context } from 'hono';
import { failWith } from './http.ts';

/** The request's Idempotency-Key (1–200 visible characters), or undefined. */
export function idempotencyKeyOf(c: Context): string | undefined {
  const key = c.req.header('idempotency-key');
  if (key === undefined) return undefined;
  if (!/^[\x21-\x7e]{1,200}$/.test(key)) throw failWith(400, 'invalid_request', { id: 'Idempotency-Key tidak sah.', en: 'Invalid Idempotency-Key.' });
  return key;
}

/** Builds the repository's idempotency request for `route`, storing a 201 with `view(value)`. */
export function idempotencyFor<T>(userId: string, key: string | undefined, route: string, path: string, body: unknown, view: (v: T) => unknown): IdempotencyRequest<T> | undefined {
  if (!key) return undefined;
  const requestHash = createHash('sha256').update(`POST ${path}\n${canonicalJson(body)}`).digest('base64url');
  return { userId, key, route, requestHash, respond: (v: T): StoredResponse => ({ status: 201, body: view(v) }) };
}

/** The stored first answer of a replayed request. */
export function replay(c: Context, error: DbError): Response {
  c.header('Idempotent-Replayed', 'true');
  return c.json(error.response!.body as object, (error.response!.status as 201) ?? 201);
}
