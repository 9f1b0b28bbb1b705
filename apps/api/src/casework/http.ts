/**
 * Small helpers of the case-work routes: authentication that runs once even
 * when a neighbouring feature router already checked the session, zod
 * validation of bodies and queries into the API's `400 invalid_request`, and
 * errors with localized text from `@jalur/casework`.
 */
import type { Localized } from '@jalur/casework';
import type { Role } from '@jalur/engine';
import type { Context, MiddlewareHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import { requireAuth } from '../auth/middleware.ts';
import type { ApiContext } from '../context.ts';
import { ApiError, forbidden } from '../http/errors.ts';
import { issueDetails, type AppEnv, type Principal } from '../http/router.ts';

/** `requireAuth`, skipped when the principal is already set by an outer router. */
export function authOnce(ctx: ApiContext): MiddlewareHandler<AppEnv> {
  const auth = requireAuth(ctx);
  return async (c, next) => {
    if (c.get('principal')) return next();
    return auth(c, next);
  };
}

/** 403 unless the caller has one of `roles`. */
export function ensureRole(p: Principal, ...roles: Role[]): void {
  if (!roles.includes(p.role)) throw forbidden({ allowedRoles: roles });
}

/** The caller's school; 403 for the district admin (no student-level data). */
export function schoolIdOf(p: Principal): string {
  if (p.schoolId === null || p.role === 'admin_dinas') throw forbidden();
  return p.schoolId;
}

/** An API error whose message is given in both languages. */
export function failWith(status: ContentfulStatusCode, code: string, text: Localized, details?: unknown): ApiError {
  return new ApiError(status, code, 'invalid_request', details, text);
}

/** Parses with `schema` or throws `400 invalid_request` with zod's issues. */
export function validate<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new ApiError(400, 'invalid_request', 'invalid_request', issueDetails(parsed.error.issues));
  return parsed.data;
}

/** The JSON body, validated. A body that is not JSON is `400 invalid_request`. */
export async function jsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch {
    throw new ApiError(400, 'invalid_request', 'malformed_body');
  }
  return validate(schema, raw);
}

/** The query string, validated. */
export function queryOf<S extends z.ZodType>(c: Context, schema: S): z.infer<S> {
  return validate(schema, c.req.query());
}

/** The path parameter `name`, bounded like every id. */
export function idParam(c: Context, name = 'id'): string {
  const v = c.req.param(name);
  if (!v || v.length > 64 || !/^[A-Za-z0-9_-]+$/.test(v)) throw new ApiError(400, 'invalid_request', 'invalid_request', [{ path: [name], code: 'invalid', message: 'id' }]);
  return v;
}
