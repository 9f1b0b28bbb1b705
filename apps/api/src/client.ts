/**
 * The typed API client for the editor and the tests: a changed route or
 * schema breaks their build, not their users.
 */
import { hc } from 'hono/client';
import type { AppType } from './app.ts';

export type JalurClient = ReturnType<typeof hc<AppType>>;

/**
 * A client for `baseUrl` (e.g. `http://127.0.0.1:8787` or `''` in the
 * browser). Pass `fetch` to route calls elsewhere, e.g. `app.request` in tests,
 * and `headers` for a Bearer token.
 */
export function createClient(
  baseUrl: string,
  fetch?: typeof globalThis.fetch,
  headers?: Record<string, string> | (() => Record<string, string>),
): JalurClient {
  return hc<AppType>(baseUrl, {
    ...(fetch ? { fetch } : {}),
    ...(headers ? { headers } : {}),
  });
}
