/** Districts, schools, users (passwords, lockout) and sessions on SQLite. */
import { and, asc, eq, lt, sql } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import { districts, schools, sessions, users } from '../schema/index.ts';
import type { DistrictRepo, SchoolRepo, SessionRepo, UserRepo } from '../repository.ts';
import type { User, UserRow } from '../rows.ts';
import { fail, ok } from '../result.ts';
import { dummyHash, hashPassword, verifyPassword } from '../passwords.ts';
import { sha256Hex } from '../content-hash.ts';
import { newId, type SqliteContext } from './context.ts';
import { SESSION_LOOKUP_SQL, sessionUserFromRow, type RawSessionUser } from './session-row.ts';
import { sessionEnd, touchSession } from '../session-policy.ts';


/** Strips the password hash: nothing outside this file sees it. */
export function publicUser(row: UserRow): User {
  const { passwordHash: _hidden, ...user } = row;
  return user;
}

const normalizeEmail = (email: string) => email.trim().toLowerCase();

export function createOrgRepos(ctx: SqliteContext): { districts: DistrictRepo; schools: SchoolRepo; users: UserRepo; sessions: SessionRepo } {
  const { db } = ctx;

  const districtRepo: DistrictRepo = {
    async create({ name, now, id }) {
      return db.insert(districts).values({ id: id ?? newId(), name, createdAt: now }).returning().get();
    },
    async get(id) {
      return db.select().from(districts).where(eq(districts.id, id)).get() ?? null;
    },
    async list() {
      return db.select().from(districts).orderBy(asc(districts.name)).all();
    },
  };

  const schoolRepo: SchoolRepo = {
    async create({ districtId, name, npsn, now, id }) {
      return db.insert(schools).values({ id: id ?? newId(), districtId, name, npsn: npsn ?? null, createdAt: now }).returning().get();
    },
    async get(id) {
      return db.select().from(schools).where(eq(schools.id, id)).get() ?? null;
    },
    async listByDistrict(districtId) {
      return db.select().from(schools).where(eq(schools.districtId, districtId)).orderBy(asc(schools.name)).all();
    },
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
    async authenticate({ email, password, now, maxFailures = 5, lockMs = 15 * 60 * 1000 }) {
      const row = byEmail(email);
      if (!row || row.disabledAt) {
        await verifyPassword(password, await dummyHash());
        ctx.audit({ schoolId: null, actorId: null, action: 'auth.login_failed', subject: `email:${normalizeEmail(email)}`, details: { reason: 'unknown' }, at: now });
        return fail('invalid_credentials', 'Email atau kata sandi salah / wrong email or password');
      }
      if (row.lockedUntil && row.lockedUntil.getTime() > now.getTime()) {
        ctx.audit({ schoolId: row.schoolId, actorId: row.id, action: 'auth.login_locked', subject: `user:${row.id}`, at: now });
        return fail('locked', 'Akun dikunci sementara / account temporarily locked', { lockedUntil: row.lockedUntil });
      }
      const good = await verifyPassword(password, row.passwordHash);
      if (!good) {
        const failures = row.failedLogins + 1;
        const lockedUntil = failures >= maxFailures ? new Date(now.getTime() + lockMs) : null;
        ctx.immediate(() => {
          db.update(users).set({ failedLogins: lockedUntil ? 0 : failures, lockedUntil }).where(eq(users.id, row.id)).run();
          ctx.audit({ schoolId: row.schoolId, actorId: row.id, action: 'auth.login_failed', subject: `user:${row.id}`, details: { failures, locked: lockedUntil !== null }, at: now });
        });
        return fail('invalid_credentials', 'Email atau kata sandi salah / wrong email or password');
      }
      ctx.immediate(() => {
        db.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, row.id)).run();
        ctx.audit({ schoolId: row.schoolId, actorId: row.id, action: 'auth.login', subject: `user:${row.id}`, at: now });
      });
      return ok(publicUser({ ...row, failedLogins: 0, lockedUntil: null }));
    },
    async setPassword(userId, password) {
      const passwordHash = await hashPassword(password);
      db.update(users).set({ passwordHash, failedLogins: 0, lockedUntil: null }).where(eq(users.id, userId)).run();
    },
    async setRole(schoolId, userId, { role, className, actorId, now }) {
      if ((role as string) === 'admin_dinas') return fail('invalid', 'Peran tidak boleh admin_dinas / a school user cannot become admin_dinas');
      return ctx.immediate(() => {
        const row = db.select().from(users).where(and(eq(users.id, userId), eq(users.schoolId, schoolId))).get();
        if (!row) return fail('not_found', 'Pengguna tidak ditemukan / user not found');
        const nextClass = role === 'wali_kelas' ? (className ?? row.className) : null;
        const updated = db.update(users).set({ role, className: nextClass }).where(eq(users.id, userId)).returning().get();
        ctx.audit({ schoolId, actorId, action: 'user.role_change', subject: `user:${userId}`, details: { from: row.role, to: role, className: nextClass }, at: now });
        return ok(publicUser(updated));
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
      return { session: { ...found.session, lastSeenAt: now, expiresAt: touched.slideTo }, user: found.user };
    },
    async revoke(token) {
      db.delete(sessions).where(eq(sessions.tokenHash, sha256Hex(token))).run();
    },
    async revokeAllForUser(userId) {
      db.delete(sessions).where(eq(sessions.userId, userId)).run();
    },
    async purgeExpired(now) {
      return db.delete(sessions).where(lt(sessions.expiresAt, now)).run().changes;
    },
  };

  return { districts: districtRepo, schools: schoolRepo, users: userRepo, sessions: sessionRepo };
}
