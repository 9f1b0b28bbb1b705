/**
 * Who is told about a case: a notification "to a role" goes only to the
 * people of that role who may see the case — every active guru BK and kepsek
 * of the school; a wali kelas only for a student of their own class; a `tim`
 * member only for a case assigned to them or with a task assigned to them.
 * By every role a person holds (`user_roles`): a guru BK who is also wali
 * kelas of X-1 hears, as wali kelas, about X-1's cases.
 * (A role-wide row would reach every wali kelas of the school about every
 * class.) One user per row, so each reads their own.
 */

/** SQLite: the ids of the users of `@role` in `@school` who may see case `@case`. */
export const RECIPIENTS_SQLITE = `
  SELECT u.id AS id FROM users u JOIN user_roles r ON r.user_id = u.id AND r.role = @role
  WHERE u.school_id = @school AND u.disabled_at IS NULL AND (
    r.role IN ('kepsek', 'guru_bk')
    OR (r.role = 'wali_kelas' AND r.class_name IS NOT NULL
        AND r.class_name = (SELECT s.class_name FROM cases c JOIN students s ON s.id = c.student_id WHERE c.id = @case))
    OR (r.role = 'tim' AND (u.id = (SELECT c.assignee_id FROM cases c WHERE c.id = @case)
        OR EXISTS (SELECT 1 FROM tasks t WHERE t.case_id = @case AND t.assignee_id = u.id)))
  )
  ORDER BY u.id`;

/** PostgreSQL: the same, with `$1` school, `$2` role, `$3` case. */
export const RECIPIENTS_PG = `
  SELECT u.id AS id FROM users u JOIN user_roles r ON r.user_id = u.id AND r.role = $2
  WHERE u.school_id = $1 AND u.disabled_at IS NULL AND (
    r.role IN ('kepsek', 'guru_bk')
    OR (r.role = 'wali_kelas' AND r.class_name IS NOT NULL
        AND r.class_name = (SELECT s.class_name FROM cases c JOIN students s ON s.id = c.student_id WHERE c.id = $3))
    OR (r.role = 'tim' AND (u.id = (SELECT c.assignee_id FROM cases c WHERE c.id = $3)
        OR EXISTS (SELECT 1 FROM tasks t WHERE t.case_id = $3 AND t.assignee_id = u.id)))
  )
  ORDER BY u.id`;
