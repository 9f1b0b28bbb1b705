/**
 * Authentication, CSRF defence and role checks, as Hono middleware.
 *
 * A request authenticates with `Authorization: Bearer <token>` or the
 * `jalur_session` cookie. Cookie-authenticated unsafe requests (POST, PUT,
 * PATCH, DELETE) must also prove they come from our own pages: either the
 * `X-CSRF-Token` header equals the session's CSRF token (handed out by login
 * and `/me`), or the browser says the request is same-origin (`Origin`
 * matching the request's origin, or `Sec-Fetch-Site: same-origin`). Bearer
 * requests are not sent automatically by browsers, so they need neither.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Role } from '@jalur/engine';
import { actingRole, activeGrant } from '@jalur/db';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { ApiContext } from '../context.ts';
import { ApiError, forbidden, unauthorized } from '../http/errors.ts';
import type { AppEnv, Principal } from '../http/router.ts';

export const SESSION_COOKIE = 'jalur_session';
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** What a user who must change their password may still reach. */
const PASSWORD_CHANGE_PATHS = new Set(['/api/auth/me', '/api/auth/logout', '/api/auth/password']);

/** 403 for a user who must first replace a one-time password (after a reset). */
export const passwordChangeRequired = () =>
  new ApiError(403, 'password_change_required', 'forbidden', undefined, {
    id: 'Ganti kata sandi sementara Anda terlebih dahulu.',
    en: 'Change your temporary password first.',
  });

/** The session token of a request and how it came. */
export function sessionTokenOf(c: Context): { token: string; via: 'cookie' | 'bearer' } | null {
  const header = c.req.header('authorization');
  if (header !== undefined) {
    const match = /^Bearer\s+([A-Za-z0-9._~+/=-]{16,512})$/i.exec(header);
    return match ? { token: match[1]!, via: 'bearer' } : null;
  }
  const cookie = getCookie(c, SESSION_COOKIE);
  return cookie && cookie.length <= 512 ? { token: cookie, via: 'cookie' } : null;
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** True when a browser marks the request as coming from our own origin. */
function isSameOrigin(c: Context): boolean {
  const site = c.req.header('sec-fetch-site');
  if (site !== undefined) return site === 'same-origin';
  const origin = c.req.header('origin');
  return origin !== undefined && origin === new URL(c.req.url).origin;
}

/**
 * Requires a live session; sets `c.var.principal`. 401 otherwise; 403
 * `csrf_failed` for an unprotected cookie write; 403
 * `password_change_required` while the user holds a one-time password
 * (anything but `/api/auth/me`, `/logout` and `/password`).
 */
export function requireAuth(ctx: ApiContext): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    // Feature routers share prefixes (`/api/students/*`): the first to check the session decides.
    if (c.get('principal')) return next();
    const found = sessionTokenOf(c);
    if (!found) throw unauthorized();
    const live = await ctx.db.sessions.validate(found.token, ctx.clock.now(), ctx.sessionLifetime);
    if (!live) throw unauthorized();
    const { session, user, roles } = live;
    // The session's active role while the account still holds it, else the account's first role.
    const acting = activeGrant(user.role, user.className, roles, session.activeRole);
    if (found.via === 'cookie' && !SAFE_METHODS.has(c.req.method)) {
      const sent = c.req.header(CSRF_HEADER);
      const ok = sent !== undefined ? sameSecret(sent, session.csrfToken) : isSameOrigin(c);
      if (!ok) throw new ApiError(403, 'csrf_failed', 'csrf_failed');
    }
    const principal: Principal = {
      userId: user.id,
      schoolId: user.schoolId,
      districtId: user.districtId,
      role: acting.role,
      name: user.name,
      email: user.email,
      className: acting.className,
      roles: roles.length > 0 ? roles : [{ role: user.role, className: user.className }],
      sessionId: session.id,
      via: found.via,
      csrfToken: session.csrfToken,
      expiresAt: session.expiresAt,
      mustChangePassword: user.mustChangePassword,
    };
    if (user.mustChangePassword && !PASSWORD_CHANGE_PATHS.has(c.req.path)) throw passwordChangeRequired();
    c.set('principal', principal);
    // Audit rows written while the request runs record the role it acted in.
    await actingRole.run(acting.role, next);
  };
}

/** Only these roles may pass; others get 403. Use after {@link requireAuth}. */
export function requireRole(...roles: Role[]): MiddlewareHandler<AppEnv> {
  const allowed = new Set<Role>(roles);
  return async (c, next) => {
    if (!allowed.has(c.var.principal.role)) throw forbidden({ allowedRoles: roles });
    await next();
  };
}

/** The caller's school; 403 for a caller without one (a district admin on a school route). */
export function schoolOf(p: Principal): string {
  if (p.schoolId === null) throw forbidden();
  return p.schoolId;
}
