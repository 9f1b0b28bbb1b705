/**
 * The API as the editor uses it: the typed `hc` client from
 * `@jalur/api/client` (the package's client entry, which needs only `hono/client`),
 * the session's CSRF token on every request, and one error type.
 */
import { createClient, type JalurClient } from '@jalur/api/client';
import type { InferResponseType } from 'hono/client';
import { currentLang } from '../i18n/index.ts';
import { statusSentence } from '../app/http-errors.ts';

let csrfToken: string | null = null;

/** Remembers the CSRF token handed out by login or `/auth/me`. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export const api: JalurClient = createClient(typeof window === 'undefined' ? 'http://localhost' : window.location.origin, undefined, () => {
  const h: Record<string, string> = { 'Accept-Language': currentLang() };
  if (csrfToken) h['X-CSRF-Token'] = csrfToken;
  return h;
});

/** A failed API call: the HTTP status and the API's `{ error: { code, message, details } }`. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

interface AnyResponse {
  ok: boolean;
  status: number;
  json(): Promise<unknown>;
}

/** Awaits a client call and returns its JSON body, or throws {@link ApiFailure}. */
export async function unwrap<R extends AnyResponse>(call: Promise<R>): Promise<Extract<Awaited<ReturnType<R['json']>>, object>> {
  let res: R;
  try {
    res = await call;
  } catch (e) {
    throw new ApiFailure(0, 'network', currentLang() === 'en' ? 'The server cannot be reached.' : 'Server tidak dapat dihubungi.', e);
  }
  const body = (await res.json().catch(() => null)) as { error?: { code: string; message: string; details?: unknown } } | null;
  if (!res.ok) throw new ApiFailure(res.status, body?.error?.code ?? 'error', body?.error?.message ?? statusSentence(res.status, currentLang()), body?.error?.details);
  return body as never;
}

export type Me = InferResponseType<JalurClient['api']['auth']['me']['$get'], 200>['user'];
export type PathwaySummary = InferResponseType<JalurClient['api']['pathways']['$get'], 200>['items'][number];
export type PathwayDetail = InferResponseType<JalurClient['api']['pathways'][':id']['$get'], 200>;
export type VersionSummary = PathwayDetail['versions'][number];
export type VersionDetail = InferResponseType<JalurClient['api']['pathways'][':id']['versions'][':v']['$get'], 200>;
