/** Who may read what on a case: one rule for notes and case records. */
import type { Confidentiality, UserRole } from './rows.ts';

/**
 * `umum`: every staff member with access to the case; `terbatas`: guru BK,
 * kepsek and the author; `rahasia`: the author and the case's guru BK (its
 * assignee) only.
 * `admin_dinas` never sees student-level content.
 */
export function canSee(level: Confidentiality, viewer: { id: string; role: UserRole }, authorId: string, caseAssigneeId: string | null): boolean {
  if (viewer.role === 'admin_dinas') return false;
  switch (level) {
    case 'umum':
      return true;
    case 'terbatas':
      return viewer.role === 'guru_bk' || viewer.role === 'kepsek' || viewer.id === authorId;
    case 'rahasia':
      return viewer.id === authorId || (viewer.role === 'guru_bk' && viewer.id === caseAssigneeId);
  }
}
