/**
 * Who is told about a case: a notification "to a role" goes only to the
 * people of that role who may see the case — every active guru BK and kepsek
 * of the school; a wali kelas only for a student of their own class; a `tim`
 * member only for a case assigned to them or with a task assigned to them.
 * (A role-wide row would reach every wali kelas of the school about every
 * class.) One user per row, so each reads their own.
 */

/** SQLite: the ids of the users of `@role` in `@school` who may see case `@case`. */
export const RECIPIENTS_SQLITE = `
  SELECT u.id AS id FROM users u
  WHERE u.school_id = @school AND u.role = @role AND u.disabled_at IS NULL AND (
    u.role IN ('kepsek', 'guru_bk')
    OR (u.role = 'wali_kelas' AND u.class_name IS NOT NULL
        AND u.class_name = (SELECT s.class_name FROM cases c JOIN students s ON s.id = c.student_id WHERE c.id = @case))
    OR (u.role = 'tim' AND (u.id = (SELECT c.assignee_id FROM cases c WHERE c.id = @case)
        OR EXISTS (SELECT 1 FROM tasks t WHERE t.case_id = @case AND t.assignee_id = u.id)))
  )
  ORDER BY u.id`;

/** PostgreSQL: the same, with `$1` school, `$2` role, `$3` case. */
export const RECIPIENTS_PG = `
  SELECT u.id AS id FROM users u
  WHERE u.school_id = $1 AND u.role = $2 AND u.disabled_at IS NULL AND (
    u.role IN ('kepsek', 'guru_bk')
    OR (u.role = 'wali_kelas' AND u.class_name IS NOT NULL
        AND u.class_name = (SELECT s.class_name FROM cases c JOIN students s ON s.id = c.student_id WHERE c.id = $3))
    OR (u.role = 'tim' AND (u.id = (SELECT c.assignee_id FROM cases c WHERE c.id = $3)
        OR EXISTS (SELECT 1 FROM tasks t WHERE t.case_id = $3 AND t.assignee_id = u.id)))
  )
  ORDER BY u.id`;
