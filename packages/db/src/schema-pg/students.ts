/** Students, their indicators, the school calendar and early-warning flags. */
// GENERATED from ../schema/students.ts by generate.mjs — do not edit by hand.
import { STUDENT_STATUSES, GENDERS, INDICATOR_KINDS, CALENDAR_KINDS, FLAG_SOURCES } from '../schema/students.ts';
import { sql } from 'drizzle-orm';
import { index, primaryKey, pgTable, text, uniqueIndex, integer } from 'drizzle-orm/pg-core';
import { flag, id, instant, json } from './columns.ts';
import { schools, users } from './org.ts';

export const students = pgTable(
  'students',
  {
    id: id(),
    schoolId: text('school_id').notNull().references(() => schools.id),
    nisn: text('nisn').notNull(),
    name: text('name').notNull(),
    className: text('class_name').notNull(),
    /** `L` (laki-laki) or `P` (perempuan). */
    gender: text('gender', { enum: GENDERS }),
    /** `YYYY-MM-DD`. */
    birthDate: text('birth_date'),
    guardianName: text('guardian_name'),
    guardianPhone: text('guardian_phone'),
    status: text('status', { enum: STUDENT_STATUSES }).notNull().default('active'),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
    /** Set when the student's personal data was anonymised (UU PDP erasure). */
    erasedAt: instant('erased_at'),
  },
  (t) => [uniqueIndex('students_school_nisn_uq').on(t.schoolId, t.nisn), index('students_school_class_idx').on(t.schoolId, t.className)],
);

/**
 * One observation. `values` by kind:
 * attendance `{ schoolDays, present, sick, permitted, absent }`,
 * grade `{ score, passing }` (subject in `subject`),
 * behaviour `{ incidents, description? }`.
 */
export const indicators = pgTable(
  'indicators',
  {
    id: id(),
    schoolId: text('school_id').notNull().references(() => schools.id),
    studentId: text('student_id').notNull().references(() => students.id),
    kind: text('kind', { enum: INDICATOR_KINDS }).notNull(),
    /** `YYYY-MM` for attendance/behaviour, a term such as `2023-1` for grades. */
    period: text('period').notNull(),
    /** Subject for grades; '' otherwise. */
    subject: text('subject').notNull().default(''),
    values: json('values').$type<Record<string, unknown>>().notNull(),
    recordedBy: text('recorded_by'),
    recordedAt: instant('recorded_at').notNull(),
  },
  (t) => [
    uniqueIndex('indicators_obs_uq').on(t.studentId, t.kind, t.period, t.subject),
    index('indicators_school_kind_idx').on(t.schoolId, t.kind, t.period),
  ],
);

/** Exceptions to the default week (Mon–Fri school days, weekends off). */
export const schoolCalendar = pgTable(
  'school_calendar',
  {
    schoolId: text('school_id').notNull().references(() => schools.id),
    /** `YYYY-MM-DD`. */
    date: text('date').notNull(),
    kind: text('kind', { enum: CALENDAR_KINDS }).notNull(),
    note: text('note'),
  },
  (t) => [primaryKey({ columns: [t.schoolId, t.date] })],
);

export const earlyWarningRules = pgTable(
  'early_warning_rules',
  {
    id: id(),
    schoolId: text('school_id').notNull().references(() => schools.id),
    /** `absence`, `failing_subjects`, `falling_average`, `behaviour`, … */
    key: text('key').notNull(),
    params: json('params').$type<Record<string, unknown>>().notNull(),
    /** Weeks a condition must hold before the flag proposes a case. */
    holdWeeks: integer('hold_weeks').notNull().default(2),
    enabled: flag('enabled').notNull().default(true),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [uniqueIndex('ew_rules_school_key_uq').on(t.schoolId, t.key)],
);

export const flags = pgTable(
  'flags',
  {
    id: id(),
    schoolId: text('school_id').notNull().references(() => schools.id),
    studentId: text('student_id').notNull().references(() => students.id),
    source: text('source', { enum: FLAG_SOURCES }).notNull(),
    /** Rule key for `rule` flags. */
    ruleKey: text('rule_key'),
    /** Why, in words (manual flags) or the rule's finding. */
    reason: text('reason').notNull(),
    /** `risk` or `watch`. */
    level: text('level', { enum: ['risk', 'watch'] }).notNull().default('risk'),
    details: json('details').$type<Record<string, unknown>>(),
    since: instant('since').notNull(),
    active: flag('active').notNull().default(true),
    createdBy: text('created_by').references(() => users.id),
    clearedAt: instant('cleared_at'),
  },
  (t) => [
    index('flags_school_active_idx').on(t.schoolId, t.active, t.studentId),
    uniqueIndex('flags_rule_active_uq').on(t.studentId, t.ruleKey).where(sql`${t.active} = true and ${t.source} = 'rule'`),
  ],
);
