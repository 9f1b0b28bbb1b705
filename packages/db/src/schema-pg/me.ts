/**
 * Monitoring and evaluation records (issue 15): what the semester report
 * counts besides the cases. One row per record, `kind` says which:
 *
 * - `satisfaction` — a student's 1–5 score of a service they received
 *   (a counselling session, a home visit…), recorded on their case;
 * - `participation` — a student's participation in an ekstrakurikuler or
 *   the project work (P5) in a semester: the activity and whether they took part.
 *
 * Each row carries the academic year and semester it counts in. `data` holds
 * codes, numbers and an activity's name only — no free text about the student.
 */
// GENERATED from ../schema/me.ts by generate.mjs — do not edit by hand.
import { ME_RECORD_KINDS } from '../schema/me.ts';
import { index, pgTable, text } from 'drizzle-orm/pg-core';
import { id, instant, json } from './columns.ts';
import { schools } from './org.ts';
import { students } from './students.ts';
import { SEMESTERS } from '../schema/students.ts';
import { cases } from './cases.ts';

export const meRecords = pgTable(
  'me_records',
  {
    id: id(),
    schoolId: text('school_id').notNull().references(() => schools.id),
    studentId: text('student_id').notNull().references(() => students.id),
    /** The case a satisfaction score was given on (null for participation). */
    caseId: text('case_id').references(() => cases.id),
    kind: text('kind', { enum: ME_RECORD_KINDS }).notNull(),
    academicYear: text('academic_year').notNull(),
    semester: text('semester', { enum: SEMESTERS }).notNull(),
    data: json('data').$type<Record<string, unknown>>().notNull(),
    recordedBy: text('recorded_by').notNull(),
    recordedAt: instant('recorded_at').notNull(),
  },
  (t) => [index('me_records_term_idx').on(t.schoolId, t.academicYear, t.semester, t.kind), index('me_records_student_idx').on(t.studentId), index('me_records_case_idx').on(t.caseId)],
);
