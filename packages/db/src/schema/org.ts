/** Tenancy: districts own schools; users belong to a school (or a district). */
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { flag, id, instant, json } from './columns.ts';

export const USER_ROLES = ['kepsek', 'guru_bk', 'wali_kelas', 'admin_dinas', 'tim'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/**
 * The oversight tree (UU 23/2014): a province's dinas oversees SMA/SMK/SLB,
 * usually through a regional cabang dinas; a kabupaten/kota's dinas oversees
 * SD/SMP. Every node is a row of `districts` (the name is historical).
 */
export const OVERSIGHT_KINDS = ['provinsi', 'cabang_dinas', 'kabupaten', 'kota'] as const;
export type OversightKind = (typeof OVERSIGHT_KINDS)[number];

/** School levels (jenjang). */
export const SCHOOL_LEVELS = ['SD', 'SMP', 'SMA', 'SMK', 'SLB'] as const;
export type SchoolLevel = (typeof SCHOOL_LEVELS)[number];

/** The functions of a Satgas SRPS member, as the seed-002 case study lists them. */
export const TEAM_FUNCTIONS = ['kepala_sekolah', 'wakasek_kesiswaan', 'guru_bk', 'wali_kelas', 'pembina_osis', 'osis', 'komite'] as const;
export type TeamFunction = (typeof TEAM_FUNCTIONS)[number];

export const districts = sqliteTable(
  'districts',
  {
    id: id(),
    name: text('name').notNull(),
    /** What kind of dinas this node is; older rows were all kabupaten. */
    kind: text('kind', { enum: OVERSIGHT_KINDS }).notNull().default('kabupaten'),
    /** The node above (a cabang dinas's province); null at a root. */
    parentId: text('parent_id'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [index('districts_parent_idx').on(t.parentId)],
);

export const schools = sqliteTable(
  'schools',
  {
    id: id(),
    districtId: text('district_id').notNull().references(() => districts.id),
    name: text('name').notNull(),
    /** Nomor Pokok Sekolah Nasional, when known. */
    npsn: text('npsn'),
    /** Jenjang; decides which dinas oversees the school. Null for older rows. */
    level: text('level', { enum: SCHOOL_LEVELS }),
    /** An SMK's programmes (kompetensi keahlian), e.g. `[{ code: 'TKJ', name: 'Teknik Komputer dan Jaringan' }]`. */
    programmes: json('programmes').$type<{ code: string; name: string }[]>(),
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
    /** The account's first role (its default); every role it holds is in `user_roles`. */
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
    /** The role this session acts in (one of the user's `user_roles`); null = the account's first role. */
    activeRole: text('active_role', { enum: USER_ROLES }),
  },
  (t) => [uniqueIndex('sessions_token_uq').on(t.tokenHash), index('sessions_user_idx').on(t.userId)],
);

/**
 * Every role an account holds: a guru BK may also be the wali kelas of a
 * class. A request acts in one of them (the session's active role).
 */
export const userRoles = sqliteTable(
  'user_roles',
  {
    userId: text('user_id').notNull().references(() => users.id),
    role: text('role', { enum: USER_ROLES }).notNull(),
    /** For `wali_kelas`: the class. */
    className: text('class_name'),
  },
  (t) => [primaryKey({ columns: [t.userId, t.role] }), index('user_roles_role_idx').on(t.role, t.className)],
);

/** The school's Satgas SRPS: who serves, in which function, with which duties. */
export const teamMembers = sqliteTable(
  'team_members',
  {
    id: id(),
    schoolId: text('school_id').notNull().references(() => schools.id),
    userId: text('user_id').notNull().references(() => users.id),
    function: text('function', { enum: TEAM_FUNCTIONS }).notNull(),
    /** The member's duties in the team, in the school's words. */
    duties: text('duties').notNull().default(''),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [uniqueIndex('team_members_uq').on(t.schoolId, t.userId, t.function), index('team_members_function_idx').on(t.schoolId, t.function)],
);
