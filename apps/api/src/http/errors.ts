/**
 * One error shape for every failure the API reports:
 * `{ "error": { "code", "message", "details"? } }`. Handlers throw
 * {@link ApiError}; `onError` turns it (and Hono's own HTTPExceptions) into
 * that shape, so no route writes an error body by hand.
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { type MessageKey, pickLanguage, translate } from './messages.ts';

/** The wire shape of every error response. */
export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

/** A failure with a stable machine-readable code and a translatable message. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    readonly messageKey: MessageKey,
    readonly details?: unknown,
    /** Message text that overrides the key (already localized by the caller). */
    readonly text?: { id: string; en?: string | undefined },
  ) {
    super(code);
  }
}

export const badRequest = (code: string, key: MessageKey, details?: unknown) => new ApiError(400, code, key, details);
export const unauthorized = () => new ApiError(401, 'unauthorized', 'unauthorized');
export const forbidden = (details?: unknown) => new ApiError(403, 'forbidden', 'forbidden', details);
export const notFound = (what: MessageKey = 'not_found') => new ApiError(404, 'not_found', what);
export const conflict = (code: string, key: MessageKey, details?: unknown) => new ApiError(409, code, key, details);
export const unprocessable = (code: string, key: MessageKey, details?: unknown) => new ApiError(422, code, key, details);

/** Builds the JSON body for an error in the caller's language. */
export function errorBody(c: Context, code: string, key: MessageKey, details?: unknown, text?: ApiError['text']): ErrorBody {
  const lang = pickLanguage(c.req.header('accept-language'));
  const message = text ? (lang === 'en' && text.en ? text.en : text.id) : translate(key, lang);
  return details === undefined ? { error: { code, message } } : { error: { code, message, details } };
}

/** Hono status codes that mean "your request was malformed". */
const BAD_INPUT_STATUSES = new Set([400, 413, 415]);

/**
 * The one error handler. Known errors keep their status; Hono's own input
 * errors (malformed JSON, wrong content type, body too large) become 400 with
 * a code; anything else is a 500 whose details stay in the server log.
 */
export function handleError(err: Error, c: Context): Response {
  if (err instanceof ApiError) {
    return c.json(errorBody(c, err.code, err.messageKey, err.details, err.text), err.status);
  }
  if (err instanceof HTTPException) {
    if (BAD_INPUT_STATUSES.has(err.status)) {
      const code = err.status === 415 ? 'unsupported_media_type' : err.status === 413 ? 'body_too_large' : 'invalid_request';
      const key: MessageKey = err.status === 415 ? 'unsupported_media_type' : err.status === 413 ? 'body_too_large' : 'malformed_body';
      return c.json(errorBody(c, code, key), err.status === 413 ? 413 : 400);
    }
    if (err.status === 401) return c.json(errorBody(c, 'unauthorized', 'unauthorized'), 401);
    if (err.status === 403) return c.json(errorBody(c, 'forbidden', 'forbidden'), 403);
    if (err.status === 404) return c.json(errorBody(c, 'not_found', 'not_found'), 404);
    return c.json(errorBody(c, 'http_error', 'internal'), err.status as ContentfulStatusCode);
  }
  console.error('[jalur/api] unhandled error', c.req.method, c.req.path, err);
  return c.json(errorBody(c, 'internal', 'internal'), 500);
}

/** The not-found handler: unknown routes answer in the same error shape. */
export function handleNotFound(c: Context): Response {
  return c.json(errorBody(c, 'not_found', 'route_not_found'), 404);
}
