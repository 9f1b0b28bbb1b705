/**
 * Request body size limit without touching the body. Hono's `bodyLimit`
 * reads `c.req.raw.body`, which makes `@hono/node-server` build a full web
 * `Request` with a stream for every request — and then `c.req.json()` can no
 * longer take its direct read from the socket. With a `Content-Length`
 * header (every browser and fetch body has one) the header alone decides;
 * only chunked bodies fall back to Hono's streaming check.
 */
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ApiError } from './errors.ts';

const tooLarge = () => new ApiError(413, 'body_too_large', 'body_too_large');

/** Refuses bodies over `maxBytes` with 413 `body_too_large`. */
export function bodySizeLimit(maxBytes: number): MiddlewareHandler {
  const streaming = bodyLimit({ maxSize: maxBytes, onError: () => { throw tooLarge(); } });
  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const length = c.req.header('content-length');
    if (length === undefined) return streaming(c, next);
    if (!/^\d+$/.test(length) || Number(length) > maxBytes) throw tooLarge();
    return next();
  };
}
