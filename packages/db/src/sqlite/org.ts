/** Districts, schools, users (passwords, lockout) and sessions on SQLite. */
import { and, asc, eq, inArray, isNull, lt, ne, or, sql } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import { districts, loginFailures, schools, sessions, tasks, teamMembers, userRoles, users } from '../schema/index.ts';
import { grantsFromJson, orderGrants, type RoleGrant } from '../roles.ts';
import { checkGrants } from '../role-rules.ts';
import { mayNest, mayOversee } from '../oversight.ts';
import type { AccountScope, DistrictRepo, SchoolRepo, SessionRepo, UserRepo } from '../repository.ts';
import type { DistrictRow, TeamMemberRow, User, UserRow } from '../rows.ts';
import { fail, ok } from '../result.ts';
import { dummyHash, hashPassword, needsRehash, verifyPassword } from '../passwords.ts';
import { isLocked, LOGIN_FAILURE_RETENTION_MS, nextFailure } from '../login-policy.ts';
import { sha256Hex } from '../content-hash.ts';
import { newId, transact, type SqliteContext } from './context.ts';
import { SESSION_LOOKUP_SQL, sessionUserFromRow, type RawSessionUser } from './session-row.ts';
import { sessionEnd, touchSession } from '../session-policy.ts';


/** Strips the password hash: nothing outside this file sees it. */
export function publicUser(row: UserRow): User {
  const { passwordHash: _hidden, ...user } = row;
  return user;
}

const normalizeEmail = (email: string) => email.trim().toLowerCase();

/** The accounts of `scope`: a school's (or a district node's, with the nodes below it) users with one of its roles. */
function inScope(scope: AccountScope) {
  // A district admin manages the accounts of its node and of every node below it (a province: its cabang dinas's schools).
  const where =
    scope.schoolId !== undefined
      ? eq(users.schoolId, scope.schoolId)
      : sql`${users.districtId} IN (WITH RECURSIVE t(id) AS (SELECT ${scope.districtId} UNION SELECT d.id FROM districts d JOIN t ON d.parent_id = t.id) SELECT id FROM t)`;
  return and(where, inArray(users.role, [...scope.roles]));
}

const FUNCTION_ORDER = ['kepala_sekolah', 'wakasek_kesiswaan', 'guru_bk', 'wali_kelas', 'pembina_osis', 'osis', 'komite'];
const byFunctionThenName = (a: TeamMemberRow & { name: string }, b: TeamMemberRow & { name: string }) =>
  FUNCTION_ORDER.indexOf(a.function) - FUNCTION_ORDER.indexOf(b.function) || a.name.localeCompare(b.name);

export function createOrgRepos(ctx: SqliteContext): { districts: DistrictRepo; schools: SchoolRepo; users: UserRepo; sessions: SessionRepo } {
  const { db } = ctx;

  const districtRepo: DistrictRepo = {
    async create({ name, now, id, kind, parentId }) {
      const parent = parentId ? db.select().from(districts).where(eq(districts.id, parentId)).get() : undefined;
      if (!mayNest(kind ?? 'kabupaten', parent?.kind ?? null)) throw new Error(`a ${kind ?? 'kabupaten'} cannot sit under ${parent?.kind ?? 'nothing'}`);
      return db.insert(districts).values({ id: id ?? newId(), name, kind: kind ?? 'kabupaten', parentId: parentId ?? null, createdAt: now }).returning().get();
    },
    async get(id) {
      return db.select().from(districts).where(eq(districts.id, id)).get() ?? null;
    },
    async list() {
      return db.select().from(districts).orderBy(asc(districts.name)).all();
    },
    async subtree(id) {
      const ids = subtreeIds(id);
      return ids.length === 0 ? [] : db.select().from(districts).where(inArray(districts.id, ids)).orderBy(asc(districts.name)).all();
    },
    async ancestors(id) {
      const out: DistrictRow[] = [];
      let at: string | null = id;
      // The tree is a few levels deep; a cycle (never written by this code) stops at the first repeat.
      while (at !== null && !out.some((d) => d.id === at)) {
        const row: DistrictRow | undefined = db.select().from(districts).where(eq(districts.id, at)).get();
        if (!row) break;
        out.push(row);
        at = row.parentId;
      }
      return out;
    },
  };

  const subtreeStmt = ctx.sqlite.prepare(
    'WITH RECURSIVE t(id) AS (SELECT id FROM districts WHERE id = ? UNION SELECT d.id FROM districts d JOIN t ON d.parent_id = t.id) SELECT id FROM t',
  );
  const subtreeIds = (id: string): string[] => (subtreeStmt.all(id) as { id: string }[]).map((r) => r.id);

  const schoolRepo: SchoolRepo = {
    async create({ districtId, name, npsn, level, programmes, now, id }) {
      const node = db.select().from(districts).where(eq(districts.id, districtId)).get();
      if (node && !mayOversee(node.kind, level)) throw new Error(`a ${node.kind} does not oversee an ${level} (UU 23/2014)`);
      return db.insert(schools).values({ id: id ?? newId(), districtId, name, npsn: npsn ?? null, level: level ?? null, programmes: programmes ?? null, createdAt: now }).returning().get();
    },
    async get(id) {
      return db.select().from(schools).where(eq(schools.id, id)).get() ?? null;
    },
    async listByDistrict(districtId) {
      return db.select().from(schools).where(eq(schools.districtId, districtId)).orderBy(asc(schools.name)).all();
    },
    async listUnder(nodeId) {
      const ids = subtreeIds(nodeId);
      return ids.length === 0 ? [] : db.select().from(schools).where(inArray(schools.districtId, ids)).orderBy(asc(schools.name)).all();
    },
    async team(schoolId) {
      return db
        .select({ m: teamMembers, name: users.name, email: users.email, disabledAt: users.disabledAt })
        .from(teamMembers)
        .innerJoin(users, eq(users.id, teamMembers.userId))
        .where(eq(teamMembers.schoolId, schoolId))
        .all()
        .map(({ m, name, email, disabledAt }) => ({ ...m, name, email, disabled: disabledAt !== null }))
        .sort(byFunctionThenName);
    },
    async addTeamMember(schoolId, { userId, function: fn, duties, actorId, now }) {
      return transact(ctx, () => {
        if (!ctx.isStaff(userId, schoolId)) return fail('invalid', 'Anggota harus staf aktif sekolah ini / a member must be live staff of this school');
        const taken = db.select().from(teamMembers).where(and(eq(teamMembers.schoolId, schoolId), eq(teamMembers.userId, userId), eq(teamMembers.function, fn))).get();
        if (taken) return fail('conflict', 'Sudah menjadi anggota dengan fungsi ini / already a member in this function');
        const row = db.insert(teamMembers).values({ id: newId(), schoolId, userId, function: fn, duties: duties ?? '', createdAt: now }).returning().get();
        ctx.audit({ schoolId, actorId, action: 'team.add', subject: `user:${userId}`, details: { function: fn }, at: now });
        return ok(row);
      });
    },
    async updateTeamMember(schoolId, memberId, { duties, actorId, now }) {
      return transact(ctx, () => {
        const row = db.update(teamMembers).set({ duties }).where(and(eq(teamMembers.id, memberId), eq(teamMembers.schoolId, schoolId))).returning().get();
        if (!row) return fail('not_found', 'Anggota tidak ditemukan / member not found');
        ctx.audit({ schoolId, actorId, action: 'team.update', subject: `user:${row.userId}`, details: { function: row.function }, at: now });
        return ok(row);
      });
    },
    async assignTaskToFunction(schoolId, taskId, { function: fn, actorId, now }) {
      return transact(ctx, () => {
        const task = db.select().from(tasks).where(and(eq(tasks.id, taskId), eq(tasks.schoolId, schoolId), eq(tasks.status, 'open'))).get();
        if (!task) return fail('not_found', 'Tugas tidak ditemukan / task not found');
        if (task.requiresApproval) return fail('invalid', 'Persetujuan kepsek tidak dapat ditugaskan ke fungsi / an approval cannot go to a function');
        const members = db
          .select({ userId: teamMembers.userId })
          .from(teamMembers)
          .innerJoin(users, eq(users.id, teamMembers.userId))
          .where(and(eq(teamMembers.schoolId, schoolId), eq(teamMembers.function, fn), isNull(users.disabledAt)))
          .orderBy(asc(users.name))
          .all()
          .map((m) => m.userId);
        if (members.length === 0) return fail('invalid', 'Belum ada anggota tim dengan fungsi ini / nobody on the team has this function');
        const open = db.select().from(tasks).where(and(eq(tasks.caseId, task.caseId), eq(tasks.stateId, task.stateId), eq(tasks.status, 'open'))).all();
        const holders = new Set(open.filter((t) => t.id !== task.id).map((t) => t.assigneeId));
        const [first, ...rest] = members.filter((m) => !holders.has(m));
        if (first !== undefined) db.update(tasks).set({ assigneeId: first }).where(eq(tasks.id, task.id)).run();
        for (const userId of rest) db.insert(tasks).values({ ...task, id: newId(), assigneeId: userId, remindersSent: [], createdAt: now }).run();
        ctx.audit({ schoolId, actorId, action: 'task.assign_function', subject: `task:${task.id}`, details: { function: fn, members, caseId: task.caseId, stateId: task.stateId }, at: now });
        const mine = new Set(members);
        return ok(db.select().from(tasks).where(and(eq(tasks.caseId, task.caseId), eq(tasks.stateId, task.stateId), eq(tasks.status, 'open'))).all().filter((t) => t.assigneeId !== null && mine.has(t.assigneeId)));
      });
    },
    async removeTeamMember(schoolId, memberId, { actorId, now }) {
      return transact(ctx, () => {
        const row = db.delete(teamMembers).where(and(eq(teamMembers.id, memberId), eq(teamMembers.schoolId, schoolId))).returning().get();
        if (!row) return fail('not_found', 'Anggota tidak ditemukan / member not found');
        ctx.audit({ schoolId, actorId, action: 'team.remove', subject: `user:${row.userId}`, details: { function: row.function }, at: now });
        return ok(row);
      });
    },
  };

  const rolesOf = (userId: string): RoleGrant[] => {
    const row = db.select({ role: users.role }).from(users).where(eq(users.id, userId)).get();
    if (!row) return [];
    const grants = db.select({ role: userRoles.role, className: userRoles.className }).from(userRoles).where(eq(userRoles.userId, userId)).all();
    return orderGrants(row.role, grantsFromJson(grants));
  };
  const insertGrants = (userId: string, grants: readonly RoleGrant[]) => {
    for (const g of grants) db.insert(userRoles).values({ userId, role: g.role, className: g.role === 'wali_kelas' ? g.className : null }).onConflictDoNothing().run();
  };

  const byEmail = (email: string) => db.select().from(users).where(eq(users.email, normalizeEmail(email))).get();

  const userRepo: UserRepo = {
    async create(input) {
      if (input.role !== 'admin_dinas' && !input.schoolId) return fail('invalid', `role ${input.role} needs a schoolId`);
      const email = normalizeEmail(input.email);
      if (byEmail(email)) return fail('conflict', `email already registered: ${email}`);
      const passwordHash = input.passwordHash ?? (await hashPassword(input.password));
      // Checked again after the await: another request may have taken the email meanwhile.
      if (byEmail(email)) return fail('conflict', `email already registered: ${email}`);
      const row = db
        .insert(users)
        .values({
          id: newId(),
          email,
          name: input.name,
          role: input.role,
          schoolId: input.schoolId,
          districtId: input.districtId,
          className: input.className ?? null,
          passwordHash,
          createdAt: input.now,
        })
        .returning()
        .get();
      insertGrants(row.id, [{ role: input.role, className: input.className ?? null }, ...(input.extraRoles ?? []).filter((g) => g.role !== input.role)]);
      return ok(publicUser(row));
    },
    async get(id) {
      const row = db.select().from(users).where(eq(users.id, id)).get();
      return row ? publicUser(row) : null;
    },
    async getByEmail(email) {
      const row = byEmail(email);
      return row ? publicUser(row) : null;
    },
    async listBySchool(schoolId, filter) {
      const where = filter?.role ? and(eq(users.schoolId, schoolId), eq(users.role, filter.role)) : eq(users.schoolId, schoolId);
      return db.select().from(users).where(where).orderBy(asc(users.name)).all().map(publicUser);
    },
    async authenticate({ email, password, now, source = '', ...policy }) {
      // Made (once per process) before anything branches, so even the first request takes no extra time on one path only.
      const dummy = await dummyHash();
      const key = normalizeEmail(email);
      const row = byEmail(key);
      const failure = () => db.select().from(loginFailures).where(and(eq(loginFailures.email, key), eq(loginFailures.source, source))).get();
      const lockedBefore = isLocked(failure(), now);
      const usable = row && !row.disabledAt && !lockedBefore ? row : null;
      // The same scrypt work whatever the email: an unknown, disabled or locked one is checked against a dummy hash.
      const good = (await verifyPassword(password, usable ? usable.passwordHash : dummy)) && usable !== null;
      if (!good || !usable) {
        // Read and written in one synchronous BEGIN IMMEDIATE after the hash: concurrent failures all count.
        return ctx.immediate(() => {
          const current = failure();
          const locked = isLocked(current, now);
          const next = nextFailure(current, now, policy);
          db.insert(loginFailures)
            .values({ email: key, source, failures: next.failures, lastAt: now, lockedUntil: next.lockedUntil })
            .onConflictDoUpdate({ target: [loginFailures.email, loginFailures.source], set: { failures: next.failures, lastAt: now, lockedUntil: next.lockedUntil } })
            .run();
          const counted = row ? db.update(users).set({ failedLogins: sql`${users.failedLogins} + 1` }).where(eq(users.id, row.id)).returning({ n: users.failedLogins }).get() : undefined;
          const subject = row ? `user:${row.id}` : `email:${key}`;
          const schoolId = row?.schoolId ?? null;
          if (locked) {
            ctx.audit({ schoolId, actorId: row?.id ?? null, action: 'auth.login_locked', subject, details: { source }, at: now });
            return fail('locked', 'Akun dikunci sementara / account temporarily locked', { lockedUntil: current!.lockedUntil! });
          }
          const reason = !row ? 'unknown' : row.disabledAt ? 'disabled' : 'wrong_password';
          ctx.audit({ schoolId, actorId: row?.id ?? null, action: 'auth.login_failed', subject, details: { reason, failures: counted?.n ?? next.failures, locked: next.lockedNow, source }, at: now });
          return fail('invalid_credentials', 'Email atau kata sandi salah / wrong email or password');
        });
      }
      const rehashed = needsRehash(usable.passwordHash) ? await hashPassword(password) : null;
      return ctx.immediate(() => {
        db.delete(loginFailures).where(and(eq(loginFailures.email, key), eq(loginFailures.source, source))).run();
        db.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, usable.id)).run();
        // Only over the hash just checked: a password changed meanwhile is not overwritten.
        const upgraded = rehashed !== null && db.update(users).set({ passwordHash: rehashed }).where(and(eq(users.id, usable.id), eq(users.passwordHash, usable.passwordHash))).run().changes === 1;
        ctx.audit({ schoolId: usable.schoolId, actorId: usable.id, action: 'auth.login', subject: `user:${usable.id}`, ...(upgraded ? { details: { rehashed: true } } : {}), at: now });
        const fresh = db.select().from(users).where(eq(users.id, usable.id)).get()!;
        return ok(publicUser(fresh));
      });
    },
    async changePassword(userId, { currentPassword, newPassword, now, keepSessionId }) {
      const row = db.select().from(users).where(eq(users.id, userId)).get();
      if (!row || row.disabledAt) {
        await verifyPassword(currentPassword, await dummyHash());
        return fail('not_found', 'Pengguna tidak ditemukan / user not found');
      }
      if (!(await verifyPassword(currentPassword, row.passwordHash))) {
        ctx.audit({ schoolId: row.schoolId, actorId: row.id, action: 'user.password_change_failed', subject: `user:${row.id}`, at: now });
        return fail('invalid_credentials', 'Kata sandi saat ini salah / the current password is wrong');
      }
      const passwordHash = await hashPassword(newPassword);
      return transact(ctx, () => {
        const changed = db.update(users).set({ passwordHash, mustChangePassword: false, failedLogins: 0 }).where(and(eq(users.id, row.id), eq(users.passwordHash, row.passwordHash))).returning().get();
        if (!changed) return fail('conflict', 'Kata sandi baru saja diubah / the password was just changed');
        const others = keepSessionId ? and(eq(sessions.userId, row.id), ne(sessions.id, keepSessionId)) : eq(sessions.userId, row.id);
        const ended = db.delete(sessions).where(others).run().changes;
        ctx.audit({ schoolId: row.schoolId, actorId: row.id, action: 'user.password_change', subject: `user:${row.id}`, details: { sessionsEnded: ended }, at: now });
        return ok(publicUser(changed));
      });
    },
    async listManaged(scope) {
      return db
        .select({ user: users, schoolName: schools.name })
        .from(users)
        .leftJoin(schools, eq(schools.id, users.schoolId))
        .where(inScope(scope))
        .orderBy(asc(users.name))
        .all()
        .map(({ user, schoolName }) => ({ ...publicUser(user), schoolName }));
    },
    async resetPassword(scope, userId, { password, actorId, now }) {
      const target = db.select().from(users).where(and(eq(users.id, userId), inScope(scope))).get();
      if (!target) return fail('not_found', 'Pengguna tidak ditemukan / user not found');
      const passwordHash = await hashPassword(password);
      return transact(ctx, () => {
        const updated = db.update(users).set({ passwordHash, mustChangePassword: true, failedLogins: 0, lockedUntil: null }).where(and(eq(users.id, userId), inScope(scope))).returning().get();
        if (!updated) return fail('not_found', 'Pengguna tidak ditemukan / user not found');
        const ended = db.delete(sessions).where(eq(sessions.userId, userId)).run().changes;
        db.delete(loginFailures).where(eq(loginFailures.email, updated.email)).run();
        ctx.audit({ schoolId: updated.schoolId, actorId, action: 'user.password_reset', subject: `user:${userId}`, details: { sessionsEnded: ended }, at: now });
        return ok(publicUser(updated));
      });
    },
    async setDisabled(scope, userId, { disabled, actorId, now }) {
      return transact(ctx, () => {
        const row = db.select().from(users).where(and(eq(users.id, userId), inScope(scope))).get();
        if (!row) return fail('not_found', 'Pengguna tidak ditemukan / user not found');
        if ((row.disabledAt !== null) === disabled) return ok(publicUser(row)); // already so: nothing to write
        const updated = db.update(users).set({ disabledAt: disabled ? now : null }).where(eq(users.id, userId)).returning().get()!;
        const ended = disabled ? db.delete(sessions).where(eq(sessions.userId, userId)).run().changes : 0;
        ctx.audit({ schoolId: row.schoolId, actorId, action: disabled ? 'user.disable' : 'user.enable', subject: `user:${userId}`, ...(disabled ? { details: { sessionsEnded: ended } } : {}), at: now });
        return ok(publicUser(updated));
      });
    },
    async setPassword(userId, password) {
      const passwordHash = await hashPassword(password);
      db.update(users).set({ passwordHash, failedLogins: 0, lockedUntil: null, mustChangePassword: false }).where(eq(users.id, userId)).run();
    },
    async setRole(schoolId, userId, { role, className, actorId, now }) {
      if ((role as string) === 'admin_dinas') return fail('invalid', 'Peran tidak boleh admin_dinas / a school user cannot become admin_dinas');
      return ctx.immediate(() => {
        const row = db.select().from(users).where(and(eq(users.id, userId), eq(users.schoolId, schoolId))).get();
        if (!row) return fail('not_found', 'Pengguna tidak ditemukan / user not found');
        const nextClass = role === 'wali_kelas' ? (className ?? row.className) : null;
        const updated = db.update(users).set({ role, className: nextClass }).where(eq(users.id, userId)).returning().get();
        // A role change replaces every role the account held.
        db.delete(userRoles).where(eq(userRoles.userId, userId)).run();
        insertGrants(userId, [{ role, className: nextClass }]);
        db.update(sessions).set({ activeRole: null }).where(eq(sessions.userId, userId)).run();
        ctx.audit({ schoolId, actorId, action: 'user.role_change', subject: `user:${userId}`, details: { from: row.role, to: role, className: nextClass }, at: now });
        return ok(publicUser(updated));
      });
    },
    async roles(userId) {
      return rolesOf(userId);
    },
    async setRoles(scope, userId, grants, { actorId, now }) {
      const bad = checkGrants(scope.roles, grants);
      if (bad) return fail('invalid', bad);
      return transact(ctx, () => {
        const row = db.select().from(users).where(and(eq(users.id, userId), inScope(scope))).get();
        if (!row) return fail('not_found', 'Pengguna tidak ditemukan / user not found');
        const before = rolesOf(userId);
        const first = grants[0]!;
        db.update(users).set({ role: first.role, className: first.role === 'wali_kelas' ? first.className : null }).where(eq(users.id, userId)).run();
        db.delete(userRoles).where(eq(userRoles.userId, userId)).run();
        insertGrants(userId, grants);
        const kept = grants.map((g) => g.role);
        db.update(sessions).set({ activeRole: null }).where(and(eq(sessions.userId, userId), sql`${sessions.activeRole} IS NOT NULL`, sql`${sessions.activeRole} NOT IN (${sql.join(kept.map((r) => sql`${r}`), sql`, `)})`)).run();
        ctx.audit({ schoolId: row.schoolId, actorId, action: 'user.roles_change', subject: `user:${userId}`, details: { from: before, to: grants }, at: now });
        return ok(rolesOf(userId));
      });
    },
  };

  // Every authenticated request runs this: prepared once, mapped by hand.
  const sessionLookup = ctx.sqlite.prepare(SESSION_LOOKUP_SQL);
  const slide = db
    .update(sessions)
    .set({ lastSeenAt: sql`${sql.placeholder('at')}`, expiresAt: sql`${sql.placeholder('expiresAt')}` })
    .where(eq(sessions.id, sql.placeholder('id')))
    .prepare();
  const sessionRepo: SessionRepo = {
    async create({ userId, now, lifetime }) {
      const token = randomBytes(32).toString('base64url');
      const session = db
        .insert(sessions)
        .values({
          id: newId(),
          tokenHash: sha256Hex(token),
          userId,
          csrfToken: randomBytes(24).toString('base64url'),
          createdAt: now,
          lastSeenAt: now,
          expiresAt: sessionEnd(now, now, lifetime),
        })
        .returning()
        .get();
      return { token, session };
    },
    async validate(token, now, lifetime) {
      const raw = sessionLookup.get(sha256Hex(token)) as RawSessionUser | undefined;
      if (!raw || raw.disabled_at !== null) return null;
      const found = sessionUserFromRow(raw);
      const touched = touchSession(found.session, now, lifetime);
      if (touched.expired) return null;
      if (!touched.slideTo) return found;
      slide.run({ at: now.getTime(), expiresAt: touched.slideTo.getTime(), id: found.session.id });
      return { session: { ...found.session, lastSeenAt: now, expiresAt: touched.slideTo }, user: found.user, roles: found.roles };
    },
    async setActiveRole(sessionId, role) {
      db.update(sessions).set({ activeRole: role }).where(eq(sessions.id, sessionId)).run();
    },
    async revoke(token) {
      db.delete(sessions).where(eq(sessions.tokenHash, sha256Hex(token))).run();
    },
    async revokeAllForUser(userId) {
      db.delete(sessions).where(eq(sessions.userId, userId)).run();
    },
    async purgeExpired(now) {
      const stale = new Date(now.getTime() - LOGIN_FAILURE_RETENTION_MS);
      db.delete(loginFailures).where(and(lt(loginFailures.lastAt, stale), or(isNull(loginFailures.lockedUntil), lt(loginFailures.lockedUntil, now)))).run();
      return db.delete(sessions).where(lt(sessions.expiresAt, now)).run().changes;
    },
  };

  return { districts: districtRepo, schools: schoolRepo, users: userRepo, sessions: sessionRepo };
}
