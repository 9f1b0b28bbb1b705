/** Cross-cutting rows: notifications, the audit log, idempotency keys. */
import { getTableName } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { id, instant, json } from './columns.ts';

/** To one user (`userId`) or to every user of a role in a school. */
export const notifications = sqliteTable(
  'notifications',
  {
    id: id(),
    schoolId: text('school_id'),
    userId: text('user_id'),
    role: text('role'),
    caseId: text('case_id'),
    /** `step_entered`, `task_due_tomorrow`, `task_overdue`, … */
    kind: text('kind').notNull(),
    body: json('body').$type<{ id: string; en?: string }>().notNull(),
    createdAt: instant('created_at').notNull(),
    readAt: instant('read_at'),
  },
  (t) => [index('notifications_user_idx').on(t.userId, t.readAt), index('notifications_role_idx').on(t.schoolId, t.role, t.createdAt)],
);

export const auditLog = sqliteTable(
  'audit_log',
  {
    id: id(),
    /** Null for district-level actions. */
    schoolId: text('school_id'),
    actorId: text('actor_id'),
    /** The role the actor acted in (an account may hold several); null for system rows and older rows. */
    actorRole: text('actor_role'),
    /** `auth.login`, `auth.login_failed`, `note.read_rahasia`, `pathway.publish`, … */
    action: text('action').notNull(),
    /** What it was done to, e.g. `case:<id>`, `note:<id>`. */
    subject: text('subject'),
    details: json('details').$type<Record<string, unknown>>(),
    at: instant('at').notNull(),
  },
  (t) => [index('audit_school_at_idx').on(t.schoolId, t.at), index('audit_subject_idx').on(t.subject)],
);

/** The first answer to a write, replayed for a retry with the same key. */
export const idempotencyKeys = sqliteTable(
  'idempotency_keys',
  {
    userId: text('user_id').notNull(),
    key: text('key').notNull(),
    route: text('route').notNull(),
    /** Hash of method + path + body: a reused key with another request is refused. */
    requestHash: text('request_hash').notNull(),
    status: integer('status').notNull(),
    body: json('body').$type<unknown>(),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] }), index('idempotency_created_idx').on(t.createdAt)],
);

/**
 * One run of a periodic job (e.g. the early-warning scan of a school for one
 * day): claimed by exactly one process; a claim not finished within its lease
 * may be taken over.
 */
export const jobRuns = sqliteTable(
  'job_runs',
  {
    /** e.g. `early-warning:<schoolId>`. */
    job: text('job').notNull(),
    /** e.g. `2026-11-25` or `2026-11-25T10`. */
    period: text('period').notNull(),
    claimedBy: text('claimed_by').notNull(),
    claimedAt: instant('claimed_at').notNull(),
    doneAt: instant('done_at'),
  },
  (t) => [primaryKey({ columns: [t.job, t.period] })],
);

/**
 * A school's dashboard figures that change only when one of its cases changes
 * (open cases by step and factor, cases per month, outcomes, median stays),
 * saved with the school's event count when they were read (`events`;
 * `case_events` is append-only, so an equal count means the figures are
 * current). The first dashboard load after a restart reads them instead of
 * counting every case and event again. A cache: rows may be deleted at any
 * time, and a row whose `events` or `format` differs is ignored.
 */
export const schoolDashboardFigures = sqliteTable('school_dashboard_figures', {
  schoolId: text('school_id').primaryKey(),
  events: integer('events').notNull(),
  offsetMinutes: integer('offset_minutes').notNull(),
  /** The shape of `figures` (@jalur/reports `FIGURES_FORMAT`); other formats are ignored. */
  format: integer('format').notNull(),
  figures: json('figures').$type<unknown>().notNull(),
  savedAt: instant('saved_at').notNull(),
});

/**
 * Tables that hold only figures derived from other tables (caches): reading
 * may write them, deleting them loses nothing, and nothing a request sent is
 * in them. Checks that "a refused request changed nothing" leave them out.
 */
export const DERIVED_TABLES: readonly string[] = [getTableName(schoolDashboardFigures)];
