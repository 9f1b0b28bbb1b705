/**
 * Sign-in and sessions. Login sets an httpOnly, SameSite=Lax cookie and also
 * returns the token for `Authorization: Bearer`, plus the CSRF token that
 * cookie-authenticated writes must echo in `X-CSRF-Token`. Attempts are rate
 * limited per (email, IP); the database locks an account after repeated
 * wrong passwords and writes the login audit rows.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { User } from '@jalur/db';
import { deleteCookie, setCookie } from 'hono/cookie';
import { requireAuth, SESSION_COOKIE, sessionTokenOf } from '../auth/middleware.ts';
import type { ApiContext } from '../context.ts';
import { clientIp } from '../http/client-ip.ts';
import { fromDbError } from '../http/db-errors.ts';
import { ApiError } from '../http/errors.ts';
import { createRouter } from '../http/router.ts';
import { loginBodySchema, meResponseSchema, meSchema, sessionSchema } from '../schemas/auth.ts';
import { errorResponses, json, jsonBody } from '../schemas/common.ts';

/** The API form of a user (never the password hash or lockout counters). */
export function userView(u: Pick<User, 'id' | 'email' | 'name' | 'role' | 'schoolId' | 'districtId' | 'className'>): z.infer<typeof meSchema> {
  return { id: u.id, email: u.email, name: u.name, role: u.role, schoolId: u.schoolId, districtId: u.districtId, className: u.className };
}

const login = createRoute({
  method: 'post', path: '/login', tags: ['auth'], summary: 'Masuk / sign in',
  request: { body: jsonBody(loginBodySchema) },
  responses: { 200: json(sessionSchema, 'Sesi baru (juga cookie httpOnly)'), ...errorResponses(400, 401, 429) },
});
const logout = createRoute({
  method: 'post', path: '/logout', tags: ['auth'], summary: 'Keluar / sign out',
  responses: { 200: json(z.object({ ok: z.literal(true) }), 'Sesi berakhir'), ...errorResponses(401, 403) },
});
const me = createRoute({
  method: 'get', path: '/me', tags: ['auth'], summary: 'Pengguna saat ini / current user',
  responses: { 200: json(meResponseSchema, 'Pengguna'), ...errorResponses(401) },
});

/** The `/api/auth` sub-app. */
export function authRoutes(ctx: ApiContext) {
  const { db, clock } = ctx;
  const router = createRouter();
  router.use('/logout', requireAuth(ctx));
  router.use('/me', requireAuth(ctx));

  return router
    .openapi(login, async (c) => {
      const { email, password } = c.req.valid('json');
      const ip = clientIp(c, ctx.trustProxy);
      const verdict = ctx.loginGuard.attempt(email, ip);
      if (!verdict.ok) {
        c.header('Retry-After', String(verdict.retryAfterSeconds));
        throw new ApiError(429, 'rate_limited', 'rate_limited', { retryAfterSeconds: verdict.retryAfterSeconds });
      }
      const now = clock.now();
      const result = await db.users.authenticate({ email, password, now });
      if (!result.ok) {
        if (result.error.lockedUntil) {
          c.header('Retry-After', String(Math.max(1, Math.ceil((result.error.lockedUntil.getTime() - now.getTime()) / 1000))));
        }
        throw fromDbError(result.error);
      }
      ctx.loginGuard.reset(email, ip);
      const user = result.value;
      const { token, session } = await db.sessions.create({ userId: user.id, now, lifetime: ctx.sessionLifetime });
      setCookie(c, SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'Lax',
        path: '/',
        secure:
          ctx.secureCookies ??
          (new URL(c.req.url).protocol === 'https:' || (ctx.trustProxy && c.req.header('x-forwarded-proto') === 'https')),
        // The server ends the session (idle or absolute); the cookie only must not end it sooner.
        maxAge: Math.floor(ctx.sessionLifetime.maxAgeMs / 1000),
      });
      return c.json({ token, csrfToken: session.csrfToken, expiresAt: session.expiresAt.toISOString(), user: userView(user) }, 200);
    })
    .openapi(logout, async (c) => {
      const found = sessionTokenOf(c);
      if (found) await db.sessions.revoke(found.token);
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.json({ ok: true as const }, 200);
    })
    .openapi(me, async (c) => {
      const p = c.var.principal;
      return c.json(
        {
          user: userView({ id: p.userId, email: p.email, name: p.name, role: p.role, schoolId: p.schoolId, districtId: p.districtId ?? '', className: p.className }),
          csrfToken: p.csrfToken,
          expiresAt: p.expiresAt.toISOString(),
        },
        200,
      );
    });
}
