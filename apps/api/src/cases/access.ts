/**
 * Who may see which case, beyond the school boundary the repositories
 * enforce: a wali kelas sees the cases of their own class's students, a
 * task-force member (`tim`) the cases assigned to them; kepsek and guru BK
 * see every case of the school. A case the caller may not see is answered
 * exactly like a case that does not exist (404).
 */
import type { CaseRow, JalurDb, StudentRow } from '@jalur/db';
import { notFound } from '../http/errors.ts';
import type { Principal } from '../http/router.ts';

/** Loads a case the caller may see, with its student; 404 otherwise. */
export async function loadVisibleCase(db: JalurDb, p: Principal, schoolId: string, caseId: string): Promise<{ row: CaseRow; student: StudentRow | null }> {
  const row = await db.cases.get(schoolId, caseId);
  if (!row) throw notFound('case_not_found');
  if (p.role === 'tim' && row.assigneeId !== p.userId) throw notFound('case_not_found');
  const student = await db.students.get(schoolId, row.studentId);
  if (p.role === 'wali_kelas' && (!student || student.className !== p.className)) throw notFound('case_not_found');
  return { row, student };
}

/** Whether the caller may touch a case row (used inside the transaction, where only the row is at hand). */
export function mayTouch(p: Principal, row: CaseRow): boolean {
  return p.role !== 'tim' || row.assigneeId === p.userId;
}
