/** Students, their indicators, the school calendar and early-warning flags. */
// GENERATED from ../schema/students.ts by generate.mjs — do not edit by hand.
import { STUDENT_STATUSES, SEMESTERS, TIME_ZONES, GENDERS, INDICATOR_KINDS, CALENDAR_KINDS, FLAG_SOURCES } from '../schema/students.ts';
import { sql } from 'drizzle-orm';
import { index, primaryKey, real, pgTable, text, uniqueIndex, integer } from 'drizzle-orm/pg-core';
import { flag, id, instant, json } from './columns.ts';
import { schools, users } from './org.ts';

/** aktif, mutasi masuk, mutasi keluar (pindah), keluar / putus sekolah, lulus. */

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
    /** `YYYY-MM-DD` the status took effect (the last `student_status_events` row). */
    statusDate: text('status_date'),
    statusReason: text('status_reason'),
    /** From the Dapodik roster: Data Ayah / Data Ibu, Nama. */
    fatherName: text('father_name'),
    motherName: text('mother_name'),
    /** Usulan dari sekolah (Layak PIP); null when unknown. */
    pipEligible: flag('pip_eligible'),
    /** Penerima KIP. */
    kipHolder: flag('kip_holder'),
    /** PIP received this school year. */
    pipReceived: flag('pip_received'),
    /** Jarak rumah ke sekolah (km). */
    distanceKm: real('distance_km'),
    /** Alat transportasi as Dapodik names it. */
    transport: text('transport'),
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
    /** The academic year (`2025/2026`), semester and class the student was in when observed. */
    academicYear: text('academic_year'),
    semester: text('semester', { enum: SEMESTERS }),
    className: text('class_name'),
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
    /** The academic year, semester and class when raised. */
    academicYear: text('academic_year'),
    semester: text('semester', { enum: SEMESTERS }),
    className: text('class_name'),
  },
  (t) => [
    index('flags_school_active_idx').on(t.schoolId, t.active, t.studentId),
    uniqueIndex('flags_rule_active_uq').on(t.studentId, t.ruleKey).where(sql`${t.active} = true and ${t.source} = 'rule'`),
  ],
);

/**
 * A school's year and week: the current academic year and semester, five or
 * six school days, and its time zone (WIB, WITA, WIT). No row: the defaults
 * (the term of today, five days, WIB).
 */
export const schoolYearSettings = pgTable('school_year_settings', {
  schoolId: text('school_id').primaryKey().references(() => schools.id),
  academicYear: text('academic_year').notNull(),
  semester: text('semester', { enum: SEMESTERS }).notNull(),
  weekDays: integer('week_days').notNull().default(5),
  timeZone: text('time_zone', { enum: TIME_ZONES }).notNull().default('WIB'),
  /** Count Indonesia's national holidays as days off (the school's own entries still win). */
  nationalHolidays: flag('national_holidays').notNull().default(true),
  updatedAt: instant('updated_at').notNull(),
});

/** Each status a student has had, with its date and reason (and the case that closed with it). */
export const studentStatusEvents = pgTable(
  'student_status_events',
  {
    id: id(),
    schoolId: text('school_id').notNull().references(() => schools.id),
    studentId: text('student_id').notNull().references(() => students.id),
    status: text('status', { enum: STUDENT_STATUSES }).notNull(),
    /** `YYYY-MM-DD`. */
    date: text('date').notNull(),
    reason: text('reason'),
    className: text('class_name').notNull(),
    academicYear: text('academic_year').notNull(),
    semester: text('semester', { enum: SEMESTERS }).notNull(),
    caseId: text('case_id'),
    recordedBy: text('recorded_by').references(() => users.id),
    recordedAt: instant('recorded_at').notNull(),
  },
  (t) => [index('student_status_events_student_idx').on(t.studentId, t.recordedAt)],
);

/** The class a student was in each academic year (written by the rollover and the first sight of a year). */
export const studentEnrolments = pgTable(
  'student_enrolments',
  {
    schoolId: text('school_id').notNull().references(() => schools.id),
    studentId: text('student_id').notNull().references(() => students.id),
    academicYear: text('academic_year').notNull(),
    className: text('class_name').notNull(),
    /** How the year ended: `promoted`, `repeated` (tinggal kelas), `graduated`; null while it runs. */
    result: text('result'),
  },
  (t) => [primaryKey({ columns: [t.studentId, t.academicYear] }), index('student_enrolments_school_year_idx').on(t.schoolId, t.academicYear, t.className)],
);
