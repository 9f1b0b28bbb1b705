/**
 * Sign-in, sessions and the user's own password. Login sets an httpOnly,
 * SameSite=Lax cookie and also returns the token for `Authorization:
 * Bearer`, plus the CSRF token that cookie-authenticated writes must echo in
 * `X-CSRF-Token`. Attempts are rate limited per (email, IP) and per IP
 * (429 with Retry-After); the database locks an (email, source) pair after
 * repeated wrong passwords and writes the login audit rows. A wrong
 * password, an unknown or disabled email and a lock all answer the same 401
 * after the same scrypt work, so nothing tells which emails exist.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { User } from '@jalur/db';
import { deleteCookie, setCookie } from 'hono/cookie';
import { requireAuth, SESSION_COOKIE, sessionTokenOf } from '../auth/middleware.ts';
import type { ApiContext } from '../context.ts';
import { clientIp, sourceOf } from '../http/client-ip.ts';
import { fromDbError } from '../http/db-errors.ts';
import { ApiError } from '../http/errors.ts';
import { createRouter } from '../http/router.ts';
import { loginBodySchema, meResponseSchema, meSchema, sessionSchema } from '../schemas/auth.ts';
import { errorResponses, json, jsonBody } from '../schemas/common.ts';
import { changePasswordBodySchema, okSchema } from '../auth/schemas.ts';

/** One answer for a wrong password, an unknown or disabled email and a lock. */
const loginRefused = () =>
  new ApiError(401, 'invalid_credentials', 'invalid_credentials', undefined, {
    id: 'Email atau kata sandi salah. Setelah beberapa kali salah, masuk dari perangkat ini ditahan 15 menit.',
    en: 'Wrong email or password. After several wrong tries, signing in from this device is paused for 15 minutes.',
  });

/** The API form of a user (never the password hash or lockout counters). */
export function userView(u: Pick<User, 'id' | 'email' | 'name' | 'role' | 'schoolId' | 'districtId' | 'className'>): z.infer<typeof meSchema> {
  return { id: u.id, email: u.email, name: u.name, role: u.role, schoolId: u.schoolId, districtId: u.districtId, className: u.className };
}

const login = createRoute({
  method: 'post', path: '/login', tags: ['auth'], summary: 'Masuk / sign in',
  // Signing in needs no session (429 comes with Retry-After).
  security: [],
  request: { body: jsonBody(loginBodySchema) },
  responses: { 200: json(sessionSchema, 'Sesi baru (juga cookie httpOnly)'), ...errorResponses(400, 401, 429) },
});
const logout = createRoute({
  method: 'post', path: '/logout', tags: ['auth'], summary: 'Keluar / sign out',
  responses: { 200: json(z.object({ ok: z.literal(true) }), 'Sesi berakhir'), ...errorResponses(401, 403) },
});
const changePassword = createRoute({
  method: 'post', path: '/password', tags: ['auth'], summary: 'Ganti kata sandi sendiri / change my password',
  description:
    'Kata sandi saat ini + yang baru (minimal 10 karakter, tidak sama). Sesi lain pengguna ini berakhir. Juga untuk mengganti kata sandi sementara setelah direset. / ' +
    'Current + new password (at least 10 characters, different). The user’s other sessions end. Also replaces a one-time password after a reset.',
  request: { body: jsonBody(changePasswordBodySchema) },
  responses: {
    200: json(okSchema, 'Kata sandi diganti / password changed'),
    ...errorResponses(400, 401, 403, 409, 422, 429),
  },
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
  router.use('/password', requireAuth(ctx));

  return router
    .openapi(login, async (c) => {
      const { email, password } = c.req.valid('json');
      const ip = sourceOf(clientIp(c, ctx.trustProxy));
      const verdict = ctx.loginGuard.attempt(email, ip);
      if (!verdict.ok) {
        c.header('Retry-After', String(verdict.retryAfterSeconds));
        throw new ApiError(429, 'rate_limited', 'rate_limited', { retryAfterSeconds: verdict.retryAfterSeconds });
      }
      const now = clock.now();
      const result = await db.users.authenticate({ email, password, now, source: ip });
      // Locked, unknown, disabled or wrong: the same answer (no Retry-After, which would tell a lock apart).
      if (!result.ok) throw loginRefused();
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
      return c.json({ token, csrfToken: session.csrfToken, expiresAt: session.expiresAt.toISOString(), user: userView(user), mustChangePassword: user.mustChangePassword }, 200);
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
          mustChangePassword: p.mustChangePassword ?? false,
        },
        200,
      );
    })
    .openapi(changePassword, async (c) => {
      const p = c.var.principal;
      const { currentPassword, newPassword } = c.req.valid('json');
      if (newPassword.normalize('NFKC') === currentPassword.normalize('NFKC')) {
        throw new ApiError(422, 'password_unchanged', 'invalid_request', undefined, {
          id: 'Kata sandi baru harus berbeda dari kata sandi saat ini.',
          en: 'The new password must differ from the current one.',
        });
      }
      // Guessing the current password through a stolen session counts like guessing at login.
      const ip = sourceOf(clientIp(c, ctx.trustProxy));
      const verdict = ctx.loginGuard.attempt(p.email, ip);
      if (!verdict.ok) {
        c.header('Retry-After', String(verdict.retryAfterSeconds));
        throw new ApiError(429, 'rate_limited', 'rate_limited', { retryAfterSeconds: verdict.retryAfterSeconds });
      }
      const changed = await db.users.changePassword(p.userId, { currentPassword, newPassword, now: clock.now(), keepSessionId: p.sessionId });
      if (!changed.ok) {
        if (changed.error.code === 'invalid_credentials') {
          throw new ApiError(422, 'wrong_current_password', 'invalid_request', { fields: ['currentPassword'] }, {
            id: 'Kata sandi saat ini salah.',
            en: 'The current password is wrong.',
          });
        }
        throw fromDbError(changed.error);
      }
      ctx.loginGuard.reset(p.email, ip);
      return c.json({ ok: true as const }, 200);
    });
}
