/**
 * Calls to the case-work routes: JSON or CSV bodies, the session's CSRF
 * token on writes, the API's error shape as {@link ApiFailure}. Types of the
 * answers come from the API's route types (see `types.ts`).
 */
import { ApiFailure } from '../api/client.ts';
import { takeBoot } from '../app/boot-data.ts';
import { currentLang } from '../i18n/index.ts';
import { statusSentence } from '../app/http-errors.ts';

let csrf: Promise<string | null> | null = null;

/** The session's CSRF token, as login or `/api/auth/me` gave it (null at sign-out: fetched again when needed). */
export function setSessionCsrf(token: string | null): void {
  csrf = token === null ? null : Promise.resolve(token);
}

/** The session's CSRF token (from `/api/auth/me`), fetched once per session. */
function csrfToken(): Promise<string | null> {
  csrf ??= fetch('/api/auth/me', { credentials: 'same-origin' })
    .then((r) => (r.ok ? (r.json() as Promise<{ csrfToken?: string }>) : null))
    .then((b) => b?.csrfToken ?? null)
    .catch(() => null);
  return csrf;
}

export interface CallOptions {
  json?: unknown;
  csv?: string;
  /** A file sent as it is (e.g. an `.xlsx` workbook). */
  file?: { data: ArrayBuffer; type: string };
  headers?: Record<string, string>;
}

/** One API call; resolves with the JSON body or throws {@link ApiFailure} (status 0 = network). */
export async function call<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, opts: CallOptions = {}): Promise<T> {
  const headers: Record<string, string> = { 'Accept-Language': currentLang(), ...opts.headers };
  let body: string | ArrayBuffer | undefined;
  if (opts.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.json);
  } else if (opts.csv !== undefined) {
    headers['Content-Type'] = 'text/csv';
    body = opts.csv;
  } else if (opts.file !== undefined) {
    headers['Content-Type'] = opts.file.type;
    body = opts.file.data;
  }
  if (method !== 'GET') {
    const token = await csrfToken();
    if (token) headers['X-CSRF-Token'] = token;
  }
  let res: Response;
  try {
    // boot.js may have asked for this answer already, before the app arrived.
    res = await ((method === 'GET' ? takeBoot(path) : undefined) ?? fetch(path, { method, headers, credentials: 'same-origin', ...(body !== undefined ? { body } : {}) }));
  } catch (e) {
    throw new ApiFailure(0, 'network', currentLang() === 'en' ? 'The server cannot be reached.' : 'Server tidak dapat dihubungi.', e);
  }
  const parsed = (await res.json().catch(() => null)) as { error?: { code: string; message: string; details?: unknown } } | null;
  if (!res.ok) throw new ApiFailure(res.status, parsed?.error?.code ?? 'error', parsed?.error?.message ?? statusSentence(res.status, currentLang()), parsed?.error?.details);
  return parsed as T;
}

/** The message of any error, for a banner. */
export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
