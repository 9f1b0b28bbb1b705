/** Cases, their append-only events, and the work they generate (tasks, timers). */
// GENERATED from ../schema/cases.ts by generate.mjs — do not edit by hand.
import { CASE_STATUSES, CASE_OUTCOMES, TASK_STATUSES, APPROVAL_DECISIONS, TIMER_STATUSES } from '../schema/cases.ts';
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { flag, id, instant, json } from './columns.ts';
import { schools, users } from './org.ts';
import { pathways, pathwayVersions } from './pathways.ts';
import { students } from './students.ts';

/** Outcomes of a closed case (M&E reports count these). */

export const cases = pgTable(
  'cases',
  {
    id: id(),
    schoolId: text('school_id').notNull().references(() => schools.id),
    studentId: text('student_id').notNull().references(() => students.id),
    pathwayId: text('pathway_id').notNull().references(() => pathways.id),
    /** The immutable version this case runs on. */
    pathwayVersionId: text('pathway_version_id').notNull().references(() => pathwayVersions.id),
    /** XState persisted snapshot (JSON). */
    snapshot: json('snapshot').$type<unknown>().notNull(),
    /** Active leaf state paths, sorted, joined by `,` (e.g. `intervensi.konseling`). */
    stateValue: text('state_value').notNull(),
    /** Optimistic concurrency: +1 on every event; equals the last event's `seq`. */
    version: integer('version').notNull(),
    status: text('status', { enum: CASE_STATUSES }).notNull(),
    outcome: text('outcome'),
    assigneeId: text('assignee_id').references(() => users.id),
    riskFactors: json('risk_factors').$type<string[]>().notNull(),
    openedBy: text('opened_by').references(() => users.id),
    openedAt: instant('opened_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
    closedAt: instant('closed_at'),
    /** The indicators that opened the case (kept for before/after reports). */
    indicatorsAtOpen: json('indicators_at_open').$type<Record<string, unknown>>(),
  },
  (t) => [
    index('cases_board_idx').on(t.schoolId, t.status, t.stateValue),
    index('cases_assignee_idx').on(t.assigneeId, t.status),
    index('cases_student_idx').on(t.schoolId, t.studentId),
    index('cases_opened_idx').on(t.schoolId, t.openedAt),
    index('cases_version_idx').on(t.pathwayVersionId, t.status),
    // Reports (issue 7): index-only scans for open-by-factor / before-after and outcomes per month.
    index('cases_report_idx').on(t.id, t.status, t.openedAt, t.closedAt, t.studentId),
    index('cases_closed_idx').on(t.schoolId, t.status, t.outcome, t.closedAt),
  ],
);

/**
 * One row per (case, risk factor, interval): the factor held on the case from
 * `since` (the opening for the initial set, else the instant the guru BK added
 * it) until `until` (the instant it was removed; null while it holds). A
 * removed factor keeps its row; added again, it gets a new one. Today's set is
 * the rows with `until` null (the case row's `risk_factors` mirrors it).
 * Covering indexes: per school and factor for the reports (with the interval),
 * per case for today's set.
 */
export const caseRiskFactors = pgTable(
  'case_risk_factors',
  {
    caseId: text('case_id').notNull().references(() => cases.id),
    schoolId: text('school_id').notNull(),
    factor: text('factor').notNull(),
    since: instant('since').notNull(),
    until: instant('until'),
  },
  (t) => [
    primaryKey({ columns: [t.caseId, t.factor, t.since] }),
    index('case_risk_factors_school_idx').on(t.schoolId, t.factor, t.caseId, t.since, t.until),
    index('case_risk_factors_current_idx').on(t.caseId, t.until, t.factor),
  ],
);

/** Append-only: one row per accepted event, `seq` = the case version it produced. */
export const caseEvents = pgTable(
  'case_events',
  {
    id: id(),
    caseId: text('case_id').notNull().references(() => cases.id),
    schoolId: text('school_id').notNull(),
    seq: integer('seq').notNull(),
    type: text('type').notNull(),
    data: json('data').$type<Record<string, unknown>>(),
    /** Null for timers and system events. */
    actorId: text('actor_id'),
    at: instant('at').notNull(),
    stateBefore: text('state_before'),
    stateAfter: text('state_after').notNull(),
  },
  (t) => [
    uniqueIndex('case_events_seq_uq').on(t.caseId, t.seq),
    // Reports: time per step over one school's events, in case order.
    index('case_events_school_idx').on(t.schoolId, t.caseId, t.seq, t.at, t.stateAfter),
  ],
);

export const tasks = pgTable(
  'tasks',
  {
    id: id(),
    caseId: text('case_id').notNull().references(() => cases.id),
    schoolId: text('school_id').notNull(),
    /** The step (state path) this task belongs to. */
    stateId: text('state_id').notNull(),
    kind: text('kind').notNull(),
    title: json('title').$type<{ id: string; en?: string }>().notNull(),
    roles: json('roles').$type<string[]>().notNull(),
    assigneeId: text('assignee_id'),
    dueAt: instant('due_at'),
    status: text('status', { enum: TASK_STATUSES }).notNull(),
    requiresApproval: flag('requires_approval').notNull().default(false),
    approval: text('approval', { enum: APPROVAL_DECISIONS }),
    approvalReason: text('approval_reason'),
    decidedBy: text('decided_by'),
    decidedAt: instant('decided_at'),
    /** Reminders already sent: `due_tomorrow`, `overdue`. */
    remindersSent: json('reminders_sent').$type<string[]>().notNull().default(sql`'[]'::json`),
    createdAt: instant('created_at').notNull(),
    closedAt: instant('closed_at'),
  },
  (t) => [
    index('tasks_school_status_due_idx').on(t.schoolId, t.status, t.dueAt, t.stateId),
    index('tasks_case_idx').on(t.caseId, t.status),
    index('tasks_assignee_idx').on(t.assigneeId, t.status),
  ],
);

/** Durable `after` delays: one row per scheduled timer. */
export const timers = pgTable(
  'timers',
  {
    id: id(),
    caseId: text('case_id').notNull().references(() => cases.id),
    schoolId: text('school_id').notNull(),
    /** The engine's timer id (unique per case among pending timers). */
    timerId: text('timer_id').notNull(),
    stateId: text('state_id').notNull(),
    /** Event to send when due, e.g. `xstate.after.P7D.srps.pemantauan`. */
    event: text('event').notNull(),
    dueAt: instant('due_at').notNull(),
    status: text('status', { enum: TIMER_STATUSES }).notNull(),
    claimedBy: text('claimed_by'),
    claimedAt: instant('claimed_at'),
    createdAt: instant('created_at').notNull(),
    doneAt: instant('done_at'),
  },
  (t) => [
    index('timers_due_idx').on(t.status, t.dueAt),
    uniqueIndex('timers_pending_uq').on(t.caseId, t.timerId).where(sql`${t.status} = 'pending'`),
  ],
);

