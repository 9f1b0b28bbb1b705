/**
 * Accounts managed by someone else, mounted at `/api/accounts`:
 *
 * - the kepsek manages the guru BK, wali kelas and tim accounts of their school;
 * - the district admin (`admin_dinas`) manages the kepsek accounts of its district's schools.
 *
 * `GET /` lists them; `POST /{id}/reset-password` sets a one-time password
 * (answered once, never stored in clear; the user must change it at the next
 * sign-in, and their sessions end); `POST /{id}/disable` ends the account's
 * sessions and refuses its logins; `POST /{id}/enable` undoes that. An
 * account outside the caller's scope is 404, as if it did not exist. Every
 * change is audited (`user.password_reset`, `user.disable`, `user.enable`).
 */
import { createRoute } from '@hono/zod-openapi';
import type { AccountScope, ManagedUser, RoleGrant, User } from '@jalur/db';
import { randomInt } from 'node:crypto';
import type { ApiContext } from '../context.ts';
import { fromDbError } from '../http/db-errors.ts';
import { forbidden } from '../http/errors.ts';
import { createRouter, type Principal } from '../http/router.ts';
import { errorResponses, idParamsSchema, json } from '../schemas/common.ts';
import { requireAuth } from './middleware.ts';
import { accountListSchema, accountRolesSchema, accountSchema, myRolesSchema, resetPasswordResponseSchema, setRolesBodySchema, switchRoleBodySchema } from './schemas.ts';
import { ApiError } from '../http/errors.ts';

/** Who manages whom. */
export function accountScopeOf(p: Principal): AccountScope {
  if (p.role === 'kepsek' && p.schoolId) return { schoolId: p.schoolId, roles: ['guru_bk', 'wali_kelas', 'tim'] };
  if (p.role === 'admin_dinas' && p.districtId) return { districtId: p.districtId, roles: ['kepsek'] };
  throw forbidden({ allowedRoles: ['kepsek', 'admin_dinas'] });
}

/** No look-alike characters (0/o, 1/l/i): read aloud or copied from a screen. */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A one-time password: three groups of four (about 59 bits), e.g. `k7mw-q2rt-9hxa`. */
export function temporaryPassword(): string {
  const group = () => Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return `${group()}-${group()}-${group()}`;
}

function accountView(u: User & { schoolName?: string | null }, roles: RoleGrant[]) {
  return {
    id: u.id, email: u.email, name: u.name, role: u.role, schoolId: u.schoolId, schoolName: u.schoolName ?? null, className: u.className,
    disabled: u.disabledAt !== null, mustChangePassword: u.mustChangePassword,
    roles: roles.length > 0 ? roles : [{ role: u.role, className: u.className }],
  };
}

const list = createRoute({
  method: 'get', path: '/', tags: ['accounts'], summary: 'Akun yang Anda kelola / the accounts you manage',
  description: 'Kepsek: staf sekolahnya (guru BK, wali kelas, tim). Admin dinas: kepsek sekolah-sekolah di wilayahnya. / Kepsek: their school’s staff; admin dinas: the kepsek of its schools.',
  responses: { 200: json(accountListSchema, 'Akun'), ...errorResponses(401, 403) },
});
const reset = createRoute({
  method: 'post', path: '/{id}/reset-password', tags: ['accounts'], summary: 'Reset kata sandi (sekali pakai) / reset a password (one-time)',
  request: { params: idParamsSchema },
  responses: { 200: json(resetPasswordResponseSchema, 'Kata sandi sementara (tampil sekali) / one-time password (shown once)'), ...errorResponses(400, 401, 403, 404) },
});
const disable = createRoute({
  method: 'post', path: '/{id}/disable', tags: ['accounts'], summary: 'Nonaktifkan akun (sesinya berakhir) / disable an account (its sessions end)',
  request: { params: idParamsSchema },
  responses: { 200: json(accountSchema, 'Akun'), ...errorResponses(400, 401, 403, 404) },
});
const enable = createRoute({
  method: 'post', path: '/{id}/enable', tags: ['accounts'], summary: 'Aktifkan kembali akun / enable an account again',
  request: { params: idParamsSchema },
  responses: { 200: json(accountSchema, 'Akun'), ...errorResponses(400, 401, 403, 404) },
});

const myRoles = createRoute({
  method: 'get', path: '/me/roles', tags: ['accounts'], summary: 'Peran Anda dan peran aktif / your roles and the active one',
  description: 'Satu akun bisa memegang beberapa peran (mis. guru BK sekaligus wali kelas X-1); sesi bertindak dalam satu peran. / One account may hold several roles; a session acts in one.',
  responses: { 200: json(myRolesSchema, 'Peran / roles'), ...errorResponses(401) },
});
const switchRole = createRoute({
  method: 'post', path: '/me/role', tags: ['accounts'], summary: 'Ganti peran aktif / switch the active role',
  description: 'Setiap pemeriksaan izin, notifikasi dan catatan audit memakai peran aktif. 422 `role_not_held` untuk peran yang tidak Anda pegang. / Every permission check, notification and audit row uses the active role.',
  request: { body: { content: { 'application/json': { schema: switchRoleBodySchema } }, required: true } },
  responses: { 200: json(myRolesSchema, 'Peran / roles'), ...errorResponses(400, 401, 403, 422) },
});
const setRoles = createRoute({
  method: 'put', path: '/{id}/roles', tags: ['accounts'], summary: 'Atur peran staf / set a staff member’s roles',
  description: 'Kepsek: guru BK, wali kelas (dengan kelas) dan tim, satu atau beberapa; yang pertama menjadi peran utama. / Kepsek: one or more of guru BK, wali kelas (with its class) and tim; the first is the main role.',
  request: { params: idParamsSchema, body: { content: { 'application/json': { schema: setRolesBodySchema } }, required: true } },
  responses: { 200: json(accountRolesSchema, 'Peran / roles'), ...errorResponses(400, 401, 403, 404, 422) },
});

const rolesView = (p: Principal) => ({
  active: { role: p.role, className: p.className },
  roles: p.roles.map((g) => ({ role: g.role, className: g.className })),
});

/** The `/api/accounts` sub-app. */
export function accountRoutes(ctx: ApiContext) {
  const { db, clock } = ctx;
  const router = createRouter();
  router.use('*', requireAuth(ctx));
  const withSchool = async (u: User): Promise<ManagedUser> => {
    const schoolName = u.schoolId ? ((await db.schools.get(u.schoolId))?.name ?? null) : null;
    return { ...u, schoolName };
  };
  const view = async (u: User & { schoolName?: string | null }) => accountView(u, await db.users.roles(u.id));

  return router
    .openapi(myRoles, (c) => c.json(rolesView(c.var.principal), 200))
    .openapi(switchRole, async (c) => {
      const p = c.var.principal;
      const { role } = c.req.valid('json');
      const grant = p.roles.find((g) => g.role === role);
      if (!grant) {
        throw new ApiError(422, 'role_not_held', 'invalid_request', { role, held: p.roles.map((g) => g.role) }, {
          id: 'Anda tidak memegang peran itu.',
          en: 'You do not hold that role.',
        });
      }
      await db.sessions.setActiveRole(p.sessionId, role);
      await db.audit.record({ action: 'user.role_switch', subject: `user:${p.userId}`, actorId: p.userId, actorRole: role, schoolId: p.schoolId, at: clock.now(), details: { from: p.role, to: role } });
      return c.json(rolesView({ ...p, role: grant.role, className: grant.className }), 200);
    })
    .openapi(setRoles, async (c) => {
      const p = c.var.principal;
      const scope = accountScopeOf(p);
      const grants = c.req.valid('json').roles.map((g) => ({ role: g.role, className: g.role === 'wali_kelas' ? (g.className ?? null) : null }));
      const done = await db.users.setRoles(scope, c.req.valid('param').id, grants, { actorId: p.userId, now: clock.now() });
      if (!done.ok) {
        if (done.error.code === 'invalid') throw new ApiError(422, 'invalid_roles', 'invalid_request', { reason: done.error.message });
        throw fromDbError(done.error);
      }
      return c.json({ id: c.req.valid('param').id, roles: done.value }, 200);
    })
    .openapi(list, async (c) => {
      const items = await db.users.listManaged(accountScopeOf(c.var.principal));
      const views = [];
      for (const u of items) views.push(await view(u));
      return c.json({ items: views }, 200);
    })
    .openapi(reset, async (c) => {
      const p = c.var.principal;
      const scope = accountScopeOf(p);
      const password = temporaryPassword();
      const done = await db.users.resetPassword(scope, c.req.valid('param').id, { password, actorId: p.userId, now: clock.now() });
      if (!done.ok) throw fromDbError(done.error);
      return c.json({ account: await view(await withSchool(done.value)), temporaryPassword: password }, 200);
    })
    .openapi(disable, async (c) => {
      const p = c.var.principal;
      const scope = accountScopeOf(p);
      const done = await db.users.setDisabled(scope, c.req.valid('param').id, { disabled: true, actorId: p.userId, now: clock.now() });
      if (!done.ok) throw fromDbError(done.error);
      return c.json(await view(await withSchool(done.value)), 200);
    })
    .openapi(enable, async (c) => {
      const p = c.var.principal;
      const scope = accountScopeOf(p);
      const done = await db.users.setDisabled(scope, c.req.valid('param').id, { disabled: false, actorId: p.userId, now: clock.now() });
      if (!done.ok) throw fromDbError(done.error);
      return c.json(await view(await withSchool(done.value)), 200);
    });
}
