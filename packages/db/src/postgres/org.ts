/** Districts, schools, users (passwords, lockout) and sessions on PostgreSQL. */
import { and, asc, eq, lt } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import { districts, schools, sessions, users } from '../schema-pg/index.ts';
import type { DistrictRepo, SchoolRepo, SessionRepo, UserRepo } from '../repository.ts';
import { fail, ok } from '../result.ts';
import { dummyHash, hashPassword, verifyPassword } from '../passwords.ts';
import { sha256Hex } from '../content-hash.ts';
import { publicUser } from '../sqlite/org.ts';
import type { SessionRow, User } from '../rows.ts';
import { first, newId, pgCode, type PgContext } from './context.ts';
import { sessionEnd, touchSession } from '../session-policy.ts';


const normalizeEmail = (email: string) => email.trim().toLowerCase();

const SESSION_WITH_USER = `SELECT s.id AS s_id, s.token_hash, s.user_id, s.csrf_token, s.created_at AS s_created_at, s.last_seen_at, s.expires_at,
  u.id, u.email, u.name, u.role, u.school_id, u.district_id, u.class_name, u.failed_logins, u.locked_until, u.disabled_at, u.must_change_password, u.created_at
  FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1`;

/** A session joined with its user, as postgres.js returns it (timestamptz as text). */
interface RawSessionUser {
  s_id: string; token_hash: string; user_id: string; csrf_token: string; s_created_at: string; last_seen_at: string; expires_at: string;
  id: string; email: string; name: string; role: User['role']; school_id: string | null; district_id: string; class_name: string | null;
  failed_logins: number; locked_until: string | null; disabled_at: string | null; must_change_password: boolean; created_at: string;
}

const at = (v: string | null): Date | null => (v === null ? null : new Date(v));

function sessionFromRow(r: RawSessionUser): SessionRow {
  return { id: r.s_id, tokenHash: r.token_hash, userId: r.user_id, csrfToken: r.csrf_token, createdAt: new Date(r.s_created_at), lastSeenAt: new Date(r.last_seen_at), expiresAt: new Date(r.expires_at) };
}

function userFromRow(r: RawSessionUser): User {
  return {
    id: r.id, email: r.email, name: r.name, role: r.role, schoolId: r.school_id, districtId: r.district_id, className: r.class_name,
    failedLogins: r.failed_logins, lockedUntil: at(r.locked_until), disabledAt: at(r.disabled_at), mustChangePassword: r.must_change_password, createdAt: new Date(r.created_at),
  };
}

export function createOrgRepos(ctx: PgContext): { districts: DistrictRepo; schools: SchoolRepo; users: UserRepo; sessions: SessionRepo } {
  const { db } = ctx;

  const districtRepo: DistrictRepo = {
    async create({ name, now, id }) {
      return first(await db.insert(districts).values({ id: id ?? newId(), name, createdAt: now }).returning())!;
    },
    async get(id) {
      return first(await db.select().from(districts).where(eq(districts.id, id))) ?? null;
    },
    async list() {
      return db.select().from(districts).orderBy(asc(districts.name));
    },
  };

  const schoolRepo: SchoolRepo = {
    async create({ districtId, name, npsn, now, id }) {
      return first(await db.insert(schools).values({ id: id ?? newId(), districtId, name, npsn: npsn ?? null, createdAt: now }).returning())!;
    },
    async get(id) {
      return first(await db.select().from(schools).where(eq(schools.id, id))) ?? null;
    },
    async listByDistrict(districtId) {
      return db.select().from(schools).where(eq(schools.districtId, districtId)).orderBy(asc(schools.name));
    },
  };

  const byEmail = async (email: string) => first(await db.select().from(users).where(eq(users.email, normalizeEmail(email))));

  const userRepo: UserRepo = {
    async create(input) {
      if (input.role !== 'admin_dinas' && !input.schoolId) return fail('invalid', `role ${input.role} needs a schoolId`);
      const email = normalizeEmail(input.email);
      if (await byEmail(email)) return fail('conflict', `email already registered: ${email}`);
      const passwordHash = await hashPassword(input.password);
      try {
        const [row] = await db
          .insert(users)
          .values({
            id: newId(), email, name: input.name, role: input.role, schoolId: input.schoolId, districtId: input.districtId,
            className: input.className ?? null, passwordHash, createdAt: input.now,
          })
          .returning();
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
    async authenticate({ email, password, now, maxFailures = 5, lockMs = 15 * 60 * 1000 }) {
      const row = await byEmail(email);
      if (!row || row.disabledAt) {
        await verifyPassword(password, await dummyHash());
        await ctx.audit(db, { schoolId: null, actorId: null, action: 'auth.login_failed', subject: `email:${normalizeEmail(email)}`, details: { reason: 'unknown' }, at: now });
        return fail('invalid_credentials', 'Email atau kata sandi salah / wrong email or password');
      }
      if (row.lockedUntil && row.lockedUntil.getTime() > now.getTime()) {
        await ctx.audit(db, { schoolId: row.schoolId, actorId: row.id, action: 'auth.login_locked', subject: `user:${row.id}`, at: now });
        return fail('locked', 'Akun dikunci sementara / account temporarily locked', { lockedUntil: row.lockedUntil });
      }
      const good = await verifyPassword(password, row.passwordHash);
      if (!good) {
        // Counted in the database (`failed_logins + 1` under the row lock), so failures from several processes add up.
        await ctx.tx(async (tx) => {
          const [current] = await tx.select({ failedLogins: users.failedLogins }).from(users).where(eq(users.id, row.id)).for('update');
          const failures = (current?.failedLogins ?? row.failedLogins) + 1;
          const lockedUntil = failures >= maxFailures ? new Date(now.getTime() + lockMs) : null;
          await tx.update(users).set({ failedLogins: lockedUntil ? 0 : failures, lockedUntil }).where(eq(users.id, row.id));
          await ctx.audit(tx, { schoolId: row.schoolId, actorId: row.id, action: 'auth.login_failed', subject: `user:${row.id}`, details: { failures, locked: lockedUntil !== null }, at: now });
        });
        return fail('invalid_credentials', 'Email atau kata sandi salah / wrong email or password');
      }
      await ctx.tx(async (tx) => {
        await tx.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, row.id));
        await ctx.audit(tx, { schoolId: row.schoolId, actorId: row.id, action: 'auth.login', subject: `user:${row.id}`, at: now });
      });
      return ok(publicUser({ ...row, failedLogins: 0, lockedUntil: null }));
    },
    async setPassword(userId, password) {
      const passwordHash = await hashPassword(password);
      await db.update(users).set({ passwordHash, failedLogins: 0, lockedUntil: null }).where(eq(users.id, userId));
    },
    async setRole(schoolId, userId, { role, className, actorId, now }) {
      if ((role as string) === 'admin_dinas') return fail('invalid', 'Peran tidak boleh admin_dinas / a school user cannot become admin_dinas');
      return ctx.tx(async (tx) => {
        const [row] = await tx.select().from(users).where(and(eq(users.id, userId), eq(users.schoolId, schoolId))).for('update');
        if (!row) return fail('not_found', 'Pengguna tidak ditemukan / user not found');
        const nextClass = role === 'wali_kelas' ? (className ?? row.className) : null;
        const [updated] = await tx.update(users).set({ role, className: nextClass }).where(eq(users.id, userId)).returning();
        await ctx.audit(tx, { schoolId, actorId, action: 'user.role_change', subject: `user:${userId}`, details: { from: row.role, to: role, className: nextClass }, at: now });
        return ok(publicUser(updated!));
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
      const found = { session: sessionFromRow(r), user: userFromRow(r) };
      const touched = touchSession(found.session, now, lifetime);
      if (touched.expired) return null;
      if (!touched.slideTo) return found;
      await db.update(sessions).set({ lastSeenAt: now, expiresAt: touched.slideTo }).where(eq(sessions.id, found.session.id));
      return { session: { ...found.session, lastSeenAt: now, expiresAt: touched.slideTo }, user: found.user };
    },
    async revoke(token) {
      await db.delete(sessions).where(eq(sessions.tokenHash, sha256Hex(token)));
    },
    async revokeAllForUser(userId) {
      await db.delete(sessions).where(eq(sessions.userId, userId));
    },
    async purgeExpired(now) {
      return (await db.delete(sessions).where(lt(sessions.expiresAt, now)).returning({ id: sessions.id })).length;
    },
  };

  return { districts: districtRepo, schools: schoolRepo, users: userRepo, sessions: sessionRepo };
}
