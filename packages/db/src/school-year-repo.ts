/**
 * Students over time (issue 14): the school's year and week settings, each
 * student's status history (aktif, mutasi masuk, mutasi keluar, putus
 * sekolah, lulus) with date and reason, the class per academic year, and the
 * year-end rollover applied one class list at a time (so the UI shows its
 * progress; applying a batch again changes nothing).
 */
import type { InferSelectModel } from 'drizzle-orm';
import type { DbResult } from './result.ts';
import type { StudentRow } from './rows.ts';
import type * as s from './schema/index.ts';

export type SchoolYearSettingsRow = InferSelectModel<typeof s.schoolYearSettings>;
export type StudentStatusEventRow = InferSelectModel<typeof s.studentStatusEvents>;
export type StudentEnrolmentRow = InferSelectModel<typeof s.studentEnrolments>;
export type StudentStatus = StudentRow['status'];

/** The settings as read: a stored row, or the defaults (`stored: false`). */
export type SchoolYearSettings = Omit<SchoolYearSettingsRow, 'updatedAt'> & { updatedAt: Date | null; stored: boolean };

export interface StatusChangeInput {
  status: StudentStatus;
  /** `YYYY-MM-DD` the status took effect. */
  date: string;
  reason?: string | null;
  /** The case whose closing moved the student (putus sekolah / pindah). */
  caseId?: string | null;
  /** Re-enrolment into a class (default: the class they had). */
  className?: string | null;
}

/** A closed case that says the student left, not yet reflected in their status. */
export interface StatusSuggestion {
  caseId: string;
  studentId: string;
  outcome: 'dropped_out' | 'transferred';
  closedAt: Date;
}

/** One student's line of a rollover batch (see `planRollover` in @jalur/casework). */
export interface RolloverBatchRow {
  studentId: string;
  action: 'promote' | 'repeat' | 'graduate';
  /** The class next year (promote / repeat). */
  to: string | null;
}

export interface RolloverBatchResult {
  applied: number;
  /** Already applied for this year (a batch sent twice), or no longer enrolled. */
  skipped: number;
}

export interface SchoolYearRepo {
  /** The school's settings, or the defaults with the term of `today` (`YYYY-MM-DD`). */
  settings(schoolId: string, today: string): Promise<SchoolYearSettings>;
  saveSettings(
    schoolId: string,
    patch: { academicYear?: string; semester?: 'ganjil' | 'genap'; weekDays?: number; timeZone?: 'WIB' | 'WITA' | 'WIT'; nationalHolidays?: boolean },
    opts: { today: string; now: Date; actorId: string | null },
  ): Promise<SchoolYearSettings>;
  /**
   * Moves a student to a status (`invalid` when the lifecycle forbids it, e.g.
   * a dropped-out student "graduating"; `not_found` outside the school). Writes
   * the history row with the class, year and semester of the time. Audited `student.status`.
   */
  setStatus(schoolId: string, studentId: string, input: StatusChangeInput, opts: { now: Date; actorId: string | null }): Promise<DbResult<StudentRow>>;
  /** The student's status history, oldest first. */
  statusHistory(schoolId: string, studentId: string): Promise<StudentStatusEventRow[]>;
  /** The student's class per academic year, oldest first. */
  enrolments(schoolId: string, studentId: string): Promise<StudentEnrolmentRow[]>;
  /**
   * Cases closed as `dropped_out` or `transferred` whose student is still
   * enrolled and has no status change for that case: the status the guru BK
   * is asked to confirm. Newest first.
   */
  statusSuggestions(schoolId: string): Promise<StatusSuggestion[]>;
  /** Open cases per student of the school (they carry over a rollover with their history). */
  openCaseCounts(schoolId: string): Promise<Map<string, number>>;
  /**
   * Applies one batch of the rollover from `fromYear` to `toYear` in one
   * transaction: records the year's class and result, moves promoted and
   * repeating students to their class, graduates the final grade (status
   * `graduated` with its history row). A student already rolled over for
   * `fromYear`, or no longer enrolled, is skipped. Audited `rollover.batch`.
   */
  applyRolloverBatch(schoolId: string, input: { fromYear: string; toYear: string; date: string; rows: readonly RolloverBatchRow[] }, opts: { now: Date; actorId: string | null }): Promise<RolloverBatchResult>;
}
