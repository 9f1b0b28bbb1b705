/** Tenancy: districts own schools; users belong to a school (or a district). */
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { flag, id, instant } from './columns.ts';

export const USER_ROLES = ['kepsek', 'guru_bk', 'wali_kelas', 'admin_dinas', 'tim'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const districts = sqliteTable('districts', {
  id: id(),
  name: text('name').notNull(),
  createdAt: instant('created_at').notNull(),
});

export const schools = sqliteTable(
  'schools',
  {
    id: id(),
    districtId: text('district_id').notNull().references(() => districts.id),
    name: text('name').notNull(),
    /** Nomor Pokok Sekolah Nasional, when known. */
    npsn: text('npsn'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [index('schools_district_idx').on(t.districtId)],
);

export const users = sqliteTable(
  'users',
  {
    id: id(),
    /** Lower-cased on write. */
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role', { enum: USER_ROLES }).notNull(),
    /** Null only for `admin_dinas`. */
    schoolId: text('school_id').references(() => schools.id),
    districtId: text('district_id').notNull().references(() => districts.id),
    /** The class a `wali_kelas` is homeroom teacher of (e.g. `X-2`). */
    className: text('class_name'),
    /** `scrypt$N$r$p$salt$hash` (base64). */
    passwordHash: text('password_hash').notNull(),
    /** Wrong passwords since the last successful login, from every source (counted atomically). */
    failedLogins: integer('failed_logins').notNull().default(0),
    /** Unused since lockout moved to `login_failures` (per source and account); kept for old rows. */
    lockedUntil: instant('locked_until'),
    disabledAt: instant('disabled_at'),
    /** Set by a password reset: the user must choose a new password before anything else. */
    mustChangePassword: flag('must_change_password').notNull().default(false),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [uniqueIndex('users_email_uq').on(t.email), index('users_school_role_idx').on(t.schoolId, t.role)],
);

/**
 * Wrong passwords per (email, source address): the lockout. Keyed by the
 * email typed, whether or not an account has it, so a lock answers the same
 * for unknown emails; and by source, so a stranger elsewhere cannot lock
 * the account's owner out.
 */
export const loginFailures = sqliteTable(
  'login_failures',
  {
    /** Lower-cased, as typed (may match no account). */
    email: text('email').notNull(),
    /** The client address the attempts came from. */
    source: text('source').notNull(),
    failures: integer('failures').notNull(),
    lastAt: instant('last_at').notNull(),
    lockedUntil: instant('locked_until'),
  },
  (t) => [primaryKey({ columns: [t.email, t.source] }), index('login_failures_last_idx').on(t.lastAt)],
);

export const sessions = sqliteTable(
  'sessions',
  {
    id: id(),
    /** SHA-256 of the bearer token (hex); the token itself is never stored. */
    tokenHash: text('token_hash').notNull(),
    userId: text('user_id').notNull().references(() => users.id),
    csrfToken: text('csrf_token').notNull(),
    createdAt: instant('created_at').notNull(),
    lastSeenAt: instant('last_seen_at').notNull(),
    expiresAt: instant('expires_at').notNull(),
  },
  (t) => [uniqueIndex('sessions_token_uq').on(t.tokenHash), index('sessions_user_idx').on(t.userId)],
);
