/**
 * Case access for the case-work routes, by the shared rule of
 * `@jalur/casework` (`canOpenCase`): guru BK and kepsek every case of the
 * school, a wali kelas their class's, a task-force member (`tim`) the cases
 * assigned to them, or the cases with an open step assigned to them (their
 * access ends when their last assigned step is done). Anything else is answered as "not found".
 */
import { canOpenCase } from '@jalur/casework';
import type { CaseRow, JalurDb, StudentRow } from '@jalur/db';
import { notFound } from '../http/errors.ts';
import type { Principal } from '../http/router.ts';

export interface VisibleCase {
  row: CaseRow;
  student: StudentRow;
}

/** Loads a case the caller may open, with its student; 404 otherwise. */
export async function loadCase(db: JalurDb, p: Principal, schoolId: string, caseId: string): Promise<VisibleCase> {
  const row = await db.cases.get(schoolId, caseId);
  if (!row) throw notFound('case_not_found');
  const student = await db.students.get(schoolId, row.studentId);
  if (!student) throw notFound('case_not_found');
  const taskAssigneeIds =
    p.role === 'tim' ? (await db.tasks.list(schoolId, { caseId, status: 'open' })).map((t) => t.assigneeId).filter((a): a is string => a !== null) : [];
  const ok = canOpenCase(
    { id: p.userId, role: p.role, className: p.className },
    { assigneeId: row.assigneeId, studentClassName: student.className, taskAssigneeIds },
  );
  if (!ok) throw notFound('case_not_found');
  return { row, student };
}

/** A student the caller may see (a wali kelas: their class only); 404 otherwise. */
export async function loadStudent(db: JalurDb, p: Principal, schoolId: string, studentId: string): Promise<StudentRow> {
  const s = await db.students.get(schoolId, studentId);
  if (!s || (p.role === 'wali_kelas' && s.className !== p.className) || p.role === 'tim' || p.role === 'admin_dinas') throw notFound('student_not_found');
  return s;
}

/** Every student of a school (one query). */
export async function allStudents(db: JalurDb, schoolId: string): Promise<StudentRow[]> {
  return db.students.listAll(schoolId);
}
