/**
 * Query parts both dialects build the same way. drizzle's `eq` / `or` / `sql`
 * are dialect-neutral; only the table objects differ (SQLite and PostgreSQL
 * schemas name the same columns), so each function takes the columns it
 * reads. What stays per dialect is listed, with its reason, in POSTGRES.md.
 */
import { eq, or, sql, type Column, type SQL } from 'drizzle-orm';
import type { CaseListFilter, StudentListFilter } from './repository.ts';
import type { ReferralRow } from './rows.ts';
import { fail, ok, type DbResult } from './result.ts';

/** Escapes `%`, `_` and `\` for a LIKE pattern with `ESCAPE '\'`. */
export const likeEscape = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The filters of `cases.list` that read the case row alone (`involving`, `className`, `riskFactor`, `overdueAt` need joins). */
export function caseRowFilters(
  t: { schoolId: Column; status: Column; assigneeId: Column; studentId: Column; pathwayId: Column; stateValue: Column },
  schoolId: string,
  filter: CaseListFilter,
): SQL[] {
  const where: SQL[] = [eq(t.schoolId, schoolId)];
  if (filter.status) where.push(eq(t.status, filter.status));
  if (filter.assigneeId) where.push(eq(t.assigneeId, filter.assigneeId));
  if (filter.studentId) where.push(eq(t.studentId, filter.studentId));
  if (filter.pathwayId) where.push(eq(t.pathwayId, filter.pathwayId));
  if (filter.state) {
    // state_value is `leaf,leaf`: match a leaf equal to the path or under it.
    const s = likeEscape(filter.state);
    const padded = sql`',' || ${t.stateValue} || ','`;
    where.push(or(sql`${padded} LIKE ${'%,' + s + ',%'} ESCAPE '\\'`, sql`${padded} LIKE ${'%,' + s + '.%'} ESCAPE '\\'`)!);
  }
  return where;
}

/** The filters of `students.list`. */
export function studentFilters(t: { schoolId: Column; className: Column; status: Column; name: Column; nisn: Column }, schoolId: string, filter: StudentListFilter): SQL[] {
  const where: SQL[] = [eq(t.schoolId, schoolId)];
  if (filter.className) where.push(eq(t.className, filter.className));
  if (filter.status) where.push(eq(t.status, filter.status));
  if (filter.search) {
    const q = `%${filter.search.toLowerCase()}%`;
    where.push(or(sql`lower(${t.name}) LIKE ${q}`, sql`${t.nisn} LIKE ${q}`)!);
  }
  return where;
}

/**
 * A school-wide notification (role-addressed, from before per-person rows)
 * that this user may read: a wali kelas only about cases of their class, a
 * Satgas member only about cases or steps assigned to them.
 */
export function roleMaySee(t: { caseId: Column }, user: { id: string; role: string }): SQL {
  if (user.role === 'wali_kelas') {
    return sql`(${t.caseId} IS NULL OR EXISTS (SELECT 1 FROM cases c JOIN students s ON s.id = c.student_id JOIN users u ON u.id = ${user.id} WHERE c.id = ${t.caseId} AND s.class_name = u.class_name))`;
  }
  if (user.role === 'tim') {
    return sql`(${t.caseId} IS NULL OR EXISTS (SELECT 1 FROM cases c WHERE c.id = ${t.caseId} AND c.assignee_id = ${user.id}) OR EXISTS (SELECT 1 FROM tasks t WHERE t.case_id = ${t.caseId} AND t.assignee_id = ${user.id}))`;
  }
  return sql`1 = 1`;
}

export type ReferralMove = { to: 'accepted' | 'rejected' | 'completed'; reason?: string | null; outcomeReport?: string | null };

/** A referral's next status, as both dialects apply it: sent → accepted | rejected (with a reason) → completed (with a report). */
export function referralPatch(row: ReferralRow, input: ReferralMove, now: Date): DbResult<Pick<ReferralRow, 'status' | 'updatedAt' | 'rejectionReason' | 'outcomeReport'>> {
  const allowed = (row.status === 'sent' && (input.to === 'accepted' || input.to === 'rejected')) || (row.status === 'accepted' && input.to === 'completed');
  if (!allowed) return fail('invalid', `Rujukan berstatus ${row.status} tidak bisa menjadi ${input.to} / cannot move from ${row.status} to ${input.to}`, { details: { status: row.status } });
  if (input.to === 'rejected' && !input.reason) return fail('invalid', 'Alasan penolakan wajib diisi / a rejection needs a reason');
  if (input.to === 'completed' && !input.outcomeReport) return fail('invalid', 'Laporan hasil wajib diisi / completion needs an outcome report');
  return ok({
    status: input.to,
    updatedAt: now,
    rejectionReason: input.to === 'rejected' ? (input.reason ?? null) : row.rejectionReason,
    outcomeReport: input.to === 'completed' ? (input.outcomeReport ?? null) : row.outcomeReport,
  });
}
