/** Districts, schools, users (passwords, lockout) and sessions on PostgreSQL. */
import { and, asc, eq, inArray, isNull, lt, ne, or, sql } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import { districts, loginFailures, schools, sessions, tasks, teamMembers, userRoles, users } from '../schema-pg/index.ts';
import { grantsFromJson, orderGrants, type RoleGrant } from '../roles.ts';
import { checkGrants } from '../role-rules.ts';
import { mayNest, mayOversee } from '../oversight.ts';
import type { AccountScope, DistrictRepo, SchoolRepo, SessionRepo, UserRepo } from '../repository.ts';
import { fail, ok } from '../result.ts';
import { dummyHash, hashPassword, needsRehash, verifyPassword } from '../passwords.ts';
import { isLocked, LOGIN_FAILURE_RETENTION_MS, nextFailure } from '../login-policy.ts';
import { sha256Hex } from '../content-hash.ts';
import { publicUser } from '../sqlite/org.ts';
import type { DistrictRow, SessionRow, TeamMemberRow, User } from '../rows.ts';
import { first, isStaff, newId, pgCode, transact, type Exec, type PgContext } from './context.ts';
import { sessionEnd, touchSession } from '../session-policy.ts';


const normalizeEmail = (email: string) => email.trim().toLowerCase();

/** The accounts of `scope`: a school's (or a district node's, with the nodes below it) users with one of its roles. */
function inScope(scope: AccountScope) {
  // A district admin manages the accounts of its node and of every node below it (a province: its cabang dinas's schools).
  const where =
    scope.schoolId !== undefined
      ? eq(users.schoolId, scope.schoolId)
      : sql`${users.districtId} IN (WITH RECURSIVE t(id) AS (SELECT ${scope.districtId}::text UNION SELECT d.id FROM districts d JOIN t ON d.parent_id = t.id) SELECT id FROM t)`;
  return and(where, inArray(users.role, [...scope.roles]));
}

const SESSION_WITH_USER = `SELECT s.id AS s_id, s.token_hash, s.user_id, s.csrf_token, s.created_at AS s_created_at, s.last_seen_at, s.expires_at, s.active_role,
  (SELECT json_agg(json_build_object('role', r.role, 'className', r.class_name)) FROM user_roles r WHERE r.user_id = u.id) AS roles,
  u.id, u.email, u.name, u.role, u.school_id, u.district_id, u.class_name, u.failed_logins, u.locked_until, u.disabled_at, u.must_change_password, u.created_at
  FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1`;

/** A session joined with its user, as postgres.js returns it (timestamptz as text). */
interface RawSessionUser {
  s_id: string; token_hash: string; user_id: string; csrf_token: string; s_created_at: string; last_seen_at: string; expires_at: string;
  active_role: SessionRow['activeRole']; roles: unknown;
  id: string; email: string; name: string; role: User['role']; school_id: string | null; district_id: string; class_name: string | null;
  failed_logins: number; locked_until: string | null; disabled_at: string | null; must_change_password: boolean; created_at: string;
}

const at = (v: string | null): Date | null => (v === null ? null : new Date(v));

function sessionFromRow(r: RawSessionUser): SessionRow {
  return { id: r.s_id, tokenHash: r.token_hash, userId: r.user_id, csrfToken: r.csrf_token, createdAt: new Date(r.s_created_at), lastSeenAt: new Date(r.last_seen_at), expiresAt: new Date(r.expires_at), activeRole: r.active_role };
}

function userFromRow(r: RawSessionUser): User {
  return {
    id: r.id, email: r.email, name: r.name, role: r.role, schoolId: r.school_id, districtId: r.district_id, className: r.class_name,
    failedLogins: r.failed_logins, lockedUntil: at(r.locked_until), disabledAt: at(r.disabled_at), mustChangePassword: r.must_change_password, createdAt: new Date(r.created_at),
  };
}

const FUNCTION_ORDER = ['kepala_sekolah', 'wakasek_kesiswaan', 'guru_bk', 'wali_kelas', 'pembina_osis', 'osis', 'komite'];
const byFunctionThenName = (a: TeamMemberRow & { name: string }, b: TeamMemberRow & { name: string }) =>
  FUNCTION_ORDER.indexOf(a.function) - FUNCTION_ORDER.indexOf(b.function) || a.name.localeCompare(b.name);

export function createOrgRepos(ctx: PgContext): { districts: DistrictRepo; schools: SchoolRepo; users: UserRepo; sessions: SessionRepo } {
  const { db } = ctx;
  const subtreeIds = async (id: string): Promise<string[]> =>
    (await ctx.client.unsafe<{ id: string }[]>('WITH RECURSIVE t(id) AS (SELECT id FROM districts WHERE id = $1 UNION SELECT d.id FROM districts d JOIN t ON d.parent_id = t.id) SELECT id FROM t', [id])).map((r) => r.id);

  const districtRepo: DistrictRepo = {
    async create({ name, now, id, kind, parentId }) {
      const parent = parentId ? first(await db.select().from(districts).where(eq(districts.id, parentId))) : undefined;
      if (!mayNest(kind ?? 'kabupaten', parent?.kind ?? null)) throw new Error(`a ${kind ?? 'kabupaten'} cannot sit under ${parent?.kind ?? 'nothing'}`);
      return first(await db.insert(districts).values({ id: id ?? newId(), name, kind: kind ?? 'kabupaten', parentId: parentId ?? null, createdAt: now }).returning())!;
    },
    async get(id) {
      return first(await db.select().from(districts).where(eq(districts.id, id))) ?? null;
    },
    async list() {
      return db.select().from(districts).orderBy(asc(districts.name));
    },
    async subtree(id) {
      const ids = await subtreeIds(id);
      return ids.length === 0 ? [] : db.select().from(districts).where(inArray(districts.id, ids)).orderBy(asc(districts.name));
    },
    async ancestors(id) {
      const out: DistrictRow[] = [];
      let at: string | null = id;
      while (at !== null && !out.some((d) => d.id === at)) {
        const row: DistrictRow | undefined = first(await db.select().from(districts).where(eq(districts.id, at)));
        if (!row) break;
        out.push(row);
        at = row.parentId;
      }
      return out;
    },
  };

  const schoolRepo: SchoolRepo = {
    async create({ districtId, name, npsn, level, programmes, now, id }) {
      const node = first(await db.select().from(districts).where(eq(districts.id, districtId)));
      if (node && !mayOversee(node.kind, level)) throw new Error(`a ${node.kind} does not oversee an ${level} (UU 23/2014)`);
      return first(await db.insert(schools).values({ id: id ?? newId(), districtId, name, npsn: npsn ?? null, level: level ?? null, programmes: programmes ?? null, createdAt: now }).returning())!;
    },
    async get(id) {
      return first(await db.select().from(schools).where(eq(schools.id, id))) ?? null;
    },
    async listByDistrict(districtId) {
      return db.select().from(schools).where(eq(schools.districtId, districtId)).orderBy(asc(schools.name));
    },
    async listUnder(nodeId) {
      const ids = await subtreeIds(nodeId);
      return ids.length === 0 ? [] : db.select().from(schools).where(inArray(schools.districtId, ids)).orderBy(asc(schools.name));
    },
    async team(schoolId) {
      const rows = await db
        .select({ m: teamMembers, name: users.name, email: users.email, disabledAt: users.disabledAt })
        .from(teamMembers)
        .innerJoin(users, eq(users.id, teamMembers.userId))
        .where(eq(teamMembers.schoolId, schoolId));
      return rows.map(({ m, name, email, disabledAt }) => ({ ...m, name, email, disabled: disabledAt !== null })).sort(byFunctionThenName);
    },
    async addTeamMember(schoolId, { userId, function: fn, duties, actorId, now }) {
      return transact(ctx, async (tx) => {
        if (!(await isStaff(tx, userId, schoolId))) return fail('invalid', 'Anggota harus staf aktif sekolah ini / a member must be live staff of this school');
        const [row] = await tx.insert(teamMembers).values({ id: newId(), schoolId, userId, function: fn, duties: duties ?? '', createdAt: now }).onConflictDoNothing().returning();
        if (!row) return fail('conflict', 'Sudah menjadi anggota dengan fungsi ini / already a member in this function');
        await ctx.audit(tx, { schoolId, actorId, action: 'team.add', subject: `user:${userId}`, details: { function: fn }, at: now });
        return ok(row);
      });
    },
    async updateTeamMember(schoolId, memberId, { duties, actorId, now }) {
      return transact(ctx, async (tx) => {
        const [row] = await tx.update(teamMembers).set({ duties }).where(and(eq(teamMembers.id, memberId), eq(teamMembers.schoolId, schoolId))).returning();
        if (!row) return fail('not_found', 'Anggota tidak ditemukan / member not found');
        await ctx.audit(tx, { schoolId, actorId, action: 'team.update', subject: `user:${row.userId}`, details: { function: row.function }, at: now });
        return ok(row);
      });
    },
    async assignTaskToFunction(schoolId, taskId, { function: fn, actorId, now }) {
      return transact(ctx, async (tx) => {
        const [task] = await tx.select().from(tasks).where(and(eq(tasks.id, taskId), eq(tasks.schoolId, schoolId), eq(tasks.status, 'open'))).for('update');
        if (!task) return fail('not_found', 'Tugas tidak ditemukan / task not found');
        if (task.requiresApproval) return fail('invalid', 'Persetujuan kepsek tidak dapat ditugaskan ke fungsi / an approval cannot go to a function');
        const members = (
          await tx
            .select({ userId: teamMembers.userId })
            .from(teamMembers)
            .innerJoin(users, eq(users.id, teamMembers.userId))
            .where(and(eq(teamMembers.schoolId, schoolId), eq(teamMembers.function, fn), isNull(users.disabledAt)))
            .orderBy(asc(users.name))
        ).map((m) => m.userId);
        if (members.length === 0) return fail('invalid', 'Belum ada anggota tim dengan fungsi ini / nobody on the team has this function');
        const open = await tx.select().from(tasks).where(and(eq(tasks.caseId, task.caseId), eq(tasks.stateId, task.stateId), eq(tasks.status, 'open')));
        const holders = new Set(open.filter((t) => t.id !== task.id).map((t) => t.assigneeId));
        const [head, ...rest] = members.filter((m) => !holders.has(m));
        if (head !== undefined) await tx.update(tasks).set({ assigneeId: head }).where(eq(tasks.id, task.id));
        for (const userId of rest) await tx.insert(tasks).values({ ...task, id: newId(), assigneeId: userId, remindersSent: [], createdAt: now });
        await ctx.audit(tx, { schoolId, actorId, action: 'task.assign_function', subject: `task:${task.id}`, details: { function: fn, members, caseId: task.caseId, stateId: task.stateId }, at: now });
        const mine = new Set(members);
        return ok((await tx.select().from(tasks).where(and(eq(tasks.caseId, task.caseId), eq(tasks.stateId, task.stateId), eq(tasks.status, 'open')))).filter((t) => t.assigneeId !== null && mine.has(t.assigneeId)));
      });
    },
    async removeTeamMember(schoolId, memberId, { actorId, now }) {
      return transact(ctx, async (tx) => {
        const [row] = await tx.delete(teamMembers).where(and(eq(teamMembers.id, memberId), eq(teamMembers.schoolId, schoolId))).returning();
        if (!row) return fail('not_found', 'Anggota tidak ditemukan / member not found');
        await ctx.audit(tx, { schoolId, actorId, action: 'team.remove', subject: `user:${row.userId}`, details: { function: row.function }, at: now });
        return ok(row);
      });
    },
  };

  const rolesOf = async (exec: Exec, userId: string): Promise<RoleGrant[]> => {
    const row = first(await exec.select({ role: users.role }).from(users).where(eq(users.id, userId)));
    if (!row) return [];
    const grants = await exec.select({ role: userRoles.role, className: userRoles.className }).from(userRoles).where(eq(userRoles.userId, userId));
    return orderGrants(row.role, grantsFromJson(grants));
  };
  const insertGrants = async (exec: Exec, userId: string, grants: readonly RoleGrant[]) => {
    if (grants.length === 0) return;
    await exec.insert(userRoles).values(grants.map((g) => ({ userId, role: g.role, className: g.role === 'wali_kelas' ? g.className : null }))).onConflictDoNothing();
  };

  const byEmail = async (email: string) => first(await db.select().from(users).where(eq(users.email, normalizeEmail(email))));

  const userRepo: UserRepo = {
    async create(input) {
      if (input.role !== 'admin_dinas' && !input.schoolId) return fail('invalid', `role ${input.role} needs a schoolId`);
      const email = normalizeEmail(input.email);
      if (await byEmail(email)) return fail('conflict', `email already registered: ${email}`);
      const passwordHash = input.passwordHash ?? (await hashPassword(input.password));
      try {
        const [row] = await db
          .insert(users)
          .values({
            id: newId(), email, name: input.name, role: input.role, schoolId: input.schoolId, districtId: input.districtId,
            className: input.className ?? null, passwordHash, createdAt: input.now,
          })
          .returning();
        await insertGrants(db, row!.id, [{ role: input.role, className: input.className ?? null }, ...(input.extraRoles ?? []).filter((g) => g.role !== input.role)]);
        return ok(publicUser(row!));
      } catch (err) {
        // Another process took the email meanwhile: the unique index decides.
        if (pgCode(err) === '23505') return fail('conflict', `email already registered: ${email}`);
        throw err;
      }
    },
    async get(id) {
      const row = first(await db.select().from(users).where(eq(users.id, id)));
      return row ? publicUser(row) : null;
    },
    async getByEmail(email) {
      const row = await byEmail(email);
      return row ? publicUser(row) : null;
    },
    async listBySchool(schoolId, filter) {
      const where = filter?.role ? and(eq(users.schoolId, schoolId), eq(users.role, filter.role)) : eq(users.schoolId, schoolId);
      return (await db.select().from(users).where(where).orderBy(asc(users.name))).map(publicUser);
    },
    async authenticate({ email, password, now, source = '', ...policy }) {
      // Made (once per process) before anything branches, so even the first request takes no extra time on one path only.
      const dummy = await dummyHash();
      const key = normalizeEmail(email);
      const row = await byEmail(key);
      const failureWhere = and(eq(loginFailures.email, key), eq(loginFailures.source, source));
      const lockedBefore = isLocked(first(await db.select().from(loginFailures).where(failureWhere)), now);
      const usable = row && !row.disabledAt && !lockedBefore ? row : null;
      // The same scrypt work whatever the email: an unknown, disabled or locked one is checked against a dummy hash.
      const good = (await verifyPassword(password, usable ? usable.passwordHash : dummy)) && usable !== null;
      if (!good || !usable) {
        // The (email, source) row is read under its row lock after the hash: concurrent failures from several processes all count.
        return ctx.tx(async (tx) => {
          await tx.insert(loginFailures).values({ email: key, source, failures: 0, lastAt: now, lockedUntil: null }).onConflictDoNothing();
          const [current] = await tx.select().from(loginFailures).where(failureWhere).for('update');
          const wasNew = current!.failures === 0;
          const locked = isLocked(current, now);
          const next = nextFailure(wasNew ? null : current, now, policy);
          await tx.update(loginFailures).set({ failures: next.failures, lastAt: now, lockedUntil: next.lockedUntil }).where(failureWhere);
          const [counted] = row ? await tx.update(users).set({ failedLogins: sql`${users.failedLogins} + 1` }).where(eq(users.id, row.id)).returning({ n: users.failedLogins }) : [];
          const subject = row ? `user:${row.id}` : `email:${key}`;
          const schoolId = row?.schoolId ?? null;
          if (locked) {
            await ctx.audit(tx, { schoolId, actorId: row?.id ?? null, action: 'auth.login_locked', subject, details: { source }, at: now });
            return fail('locked', 'Akun dikunci sementara / account temporarily locked', { lockedUntil: current!.lockedUntil! });
          }
          const reason = !row ? 'unknown' : row.disabledAt ? 'disabled' : 'wrong_password';
          await ctx.audit(tx, { schoolId, actorId: row?.id ?? null, action: 'auth.login_failed', subject, details: { reason, failures: counted?.n ?? next.failures, locked: next.lockedNow, source }, at: now });
          return fail('invalid_credentials', 'Email atau kata sandi salah / wrong email or password');
        });
      }
      const rehashed = needsRehash(usable.passwordHash) ? await hashPassword(password) : null;
      return ctx.tx(async (tx) => {
        await tx.delete(loginFailures).where(failureWhere);
        await tx.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, usable.id));
        // Only over the hash just checked: a password changed meanwhile is not overwritten.
        const upgraded = rehashed !== null && (await tx.update(users).set({ passwordHash: rehashed }).where(and(eq(users.id, usable.id), eq(users.passwordHash, usable.passwordHash))).returning({ id: users.id })).length === 1;
        await ctx.audit(tx, { schoolId: usable.schoolId, actorId: usable.id, action: 'auth.login', subject: `user:${usable.id}`, ...(upgraded ? { details: { rehashed: true } } : {}), at: now });
        const [fresh] = await tx.select().from(users).where(eq(users.id, usable.id));
        return ok(publicUser(fresh!));
      });
    },
    async changePassword(userId, { currentPassword, newPassword, now, keepSessionId }) {
      const row = first(await db.select().from(users).where(eq(users.id, userId)));
      if (!row || row.disabledAt) {
        await verifyPassword(currentPassword, await dummyHash());
        return fail('not_found', 'Pengguna tidak ditemukan / user not found');
      }
      if (!(await verifyPassword(currentPassword, row.passwordHash))) {
        await ctx.tx(async (tx) => {
          await ctx.audit(tx, { schoolId: row.schoolId, actorId: row.id, action: 'user.password_change_failed', subject: `user:${row.id}`, at: now });
        });
        return fail('invalid_credentials', 'Kata sandi saat ini salah / the current password is wrong');
      }
      const passwordHash = await hashPassword(newPassword);
      return transact(ctx, async (tx) => {
        const [changed] = await tx.update(users).set({ passwordHash, mustChangePassword: false, failedLogins: 0 }).where(and(eq(users.id, row.id), eq(users.passwordHash, row.passwordHash))).returning();
        if (!changed) return fail('conflict', 'Kata sandi baru saja diubah / the password was just changed');
        const others = keepSessionId ? and(eq(sessions.userId, row.id), ne(sessions.id, keepSessionId)) : eq(sessions.userId, row.id);
        const ended = (await tx.delete(sessions).where(others).returning({ id: sessions.id })).length;
        await ctx.audit(tx, { schoolId: row.schoolId, actorId: row.id, action: 'user.password_change', subject: `user:${row.id}`, details: { sessionsEnded: ended }, at: now });
        return ok(publicUser(changed));
      });
    },
    async listManaged(scope) {
      const rows = await db.select({ user: users, schoolName: schools.name }).from(users).leftJoin(schools, eq(schools.id, users.schoolId)).where(inScope(scope)).orderBy(asc(users.name));
      return rows.map(({ user, schoolName }) => ({ ...publicUser(user), schoolName }));
    },
    async resetPassword(scope, userId, { password, actorId, now }) {
      const target = first(await db.select().from(users).where(and(eq(users.id, userId), inScope(scope))));
      if (!target) return fail('not_found', 'Pengguna tidak ditemukan / user not found');
      const passwordHash = await hashPassword(password);
      return transact(ctx, async (tx) => {
        const [updated] = await tx.update(users).set({ passwordHash, mustChangePassword: true, failedLogins: 0, lockedUntil: null }).where(and(eq(users.id, userId), inScope(scope))).returning();
        if (!updated) return fail('not_found', 'Pengguna tidak ditemukan / user not found');
        const ended = (await tx.delete(sessions).where(eq(sessions.userId, userId)).returning({ id: sessions.id })).length;
        await tx.delete(loginFailures).where(eq(loginFailures.email, updated.email));
        await ctx.audit(tx, { schoolId: updated.schoolId, actorId, action: 'user.password_reset', subject: `user:${userId}`, details: { sessionsEnded: ended }, at: now });
        return ok(publicUser(updated));
      });
    },
    async setDisabled(scope, userId, { disabled, actorId, now }) {
      return transact(ctx, async (tx) => {
        const [row] = await tx.select().from(users).where(and(eq(users.id, userId), inScope(scope))).for('update');
        if (!row) return fail('not_found', 'Pengguna tidak ditemukan / user not found');
        if ((row.disabledAt !== null) === disabled) return ok(publicUser(row)); // already so: nothing to write
        const [updated] = await tx.update(users).set({ disabledAt: disabled ? now : null }).where(eq(users.id, userId)).returning();
        const ended = disabled ? (await tx.delete(sessions).where(eq(sessions.userId, userId)).returning({ id: sessions.id })).length : 0;
        await ctx.audit(tx, { schoolId: row.schoolId, actorId, action: disabled ? 'user.disable' : 'user.enable', subject: `user:${userId}`, ...(disabled ? { details: { sessionsEnded: ended } } : {}), at: now });
        return ok(publicUser(updated!));
      });
    },
    async setPassword(userId, password) {
      const passwordHash = await hashPassword(password);
      await db.update(users).set({ passwordHash, failedLogins: 0, lockedUntil: null, mustChangePassword: false }).where(eq(users.id, userId));
    },
    async setRole(schoolId, userId, { role, className, actorId, now }) {
      if ((role as string) === 'admin_dinas') return fail('invalid', 'Peran tidak boleh admin_dinas / a school user cannot become admin_dinas');
      return ctx.tx(async (tx) => {
        const [row] = await tx.select().from(users).where(and(eq(users.id, userId), eq(users.schoolId, schoolId))).for('update');
        if (!row) return fail('not_found', 'Pengguna tidak ditemukan / user not found');
        const nextClass = role === 'wali_kelas' ? (className ?? row.className) : null;
        const [updated] = await tx.update(users).set({ role, className: nextClass }).where(eq(users.id, userId)).returning();
        // A role change replaces every role the account held.
        await tx.delete(userRoles).where(eq(userRoles.userId, userId));
        await insertGrants(tx, userId, [{ role, className: nextClass }]);
        await tx.update(sessions).set({ activeRole: null }).where(eq(sessions.userId, userId));
        await ctx.audit(tx, { schoolId, actorId, action: 'user.role_change', subject: `user:${userId}`, details: { from: row.role, to: role, className: nextClass }, at: now });
        return ok(publicUser(updated!));
      });
    },
    async roles(userId) {
      return rolesOf(db, userId);
    },
    async setRoles(scope, userId, grants, { actorId, now }) {
      const bad = checkGrants(scope.roles, grants);
      if (bad) return fail('invalid', bad);
      return transact(ctx, async (tx) => {
        const [row] = await tx.select().from(users).where(and(eq(users.id, userId), inScope(scope))).for('update');
        if (!row) return fail('not_found', 'Pengguna tidak ditemukan / user not found');
        const before = await rolesOf(tx, userId);
        const head = grants[0]!;
        await tx.update(users).set({ role: head.role, className: head.role === 'wali_kelas' ? head.className : null }).where(eq(users.id, userId));
        await tx.delete(userRoles).where(eq(userRoles.userId, userId));
        await insertGrants(tx, userId, grants);
        const kept = grants.map((g) => g.role);
        await tx.update(sessions).set({ activeRole: null }).where(and(eq(sessions.userId, userId), sql`${sessions.activeRole} IS NOT NULL`, sql`${sessions.activeRole} NOT IN (${sql.join(kept.map((r) => sql`${r}`), sql`, `)})`));
        await ctx.audit(tx, { schoolId: row.schoolId, actorId, action: 'user.roles_change', subject: `user:${userId}`, details: { from: before, to: grants }, at: now });
        return ok(await rolesOf(tx, userId));
      });
    },
  };

  const sessionRepo: SessionRepo = {
    async create({ userId, now, lifetime }) {
      const token = randomBytes(32).toString('base64url');
      const [session] = await db
        .insert(sessions)
        .values({
          id: newId(), tokenHash: sha256Hex(token), userId, csrfToken: randomBytes(24).toString('base64url'),
          createdAt: now, lastSeenAt: now, expiresAt: sessionEnd(now, now, lifetime),
        })
        .returning();
      return { token, session: session! };
    },
    async validate(token, now, lifetime) {
      // On every request: one hand-mapped, prepared query.
      const [r] = await ctx.client.unsafe<RawSessionUser[]>(SESSION_WITH_USER, [sha256Hex(token)]);
      if (!r || r.disabled_at !== null) return null;
      const found = { session: sessionFromRow(r), user: userFromRow(r), roles: orderGrants(r.role, grantsFromJson(r.roles ?? [])) };
      const touched = touchSession(found.session, now, lifetime);
      if (touched.expired) return null;
      if (!touched.slideTo) return found;
      await db.update(sessions).set({ lastSeenAt: now, expiresAt: touched.slideTo }).where(eq(sessions.id, found.session.id));
      return { session: { ...found.session, lastSeenAt: now, expiresAt: touched.slideTo }, user: found.user, roles: found.roles };
    },
    async setActiveRole(sessionId, role) {
      await db.update(sessions).set({ activeRole: role }).where(eq(sessions.id, sessionId));
    },
    async revoke(token) {
      await db.delete(sessions).where(eq(sessions.tokenHash, sha256Hex(token)));
    },
    async revokeAllForUser(userId) {
      await db.delete(sessions).where(eq(sessions.userId, userId));
    },
    async purgeExpired(now) {
      const stale = new Date(now.getTime() - LOGIN_FAILURE_RETENTION_MS);
      await db.delete(loginFailures).where(and(lt(loginFailures.lastAt, stale), or(isNull(loginFailures.lockedUntil), lt(loginFailures.lockedUntil, now))));
      return (await db.delete(sessions).where(lt(sessions.expiresAt, now)).returning({ id: sessions.id })).length;
    },
  };

  return { districts: districtRepo, schools: schoolRepo, users: userRepo, sessions: sessionRepo };
}
