/**
 * Who may see what on a case — one pure rule shared by the API (which never
 * returns what the caller may not see) and the UI (which never offers it).
 * `@jalur/db` filters notes and records with it too:
 * `umum` every staff member with access to the case; `terbatas` guru BK and
 * kepsek (and its author); `rahasia` the author and the case's guru BK only.
 */
import type { Role } from '@jalur/engine';
import { say, type Localized } from './text.ts';

export const CONFIDENTIALITY_LEVELS = ['umum', 'terbatas', 'rahasia'] as const;
export type Confidentiality = (typeof CONFIDENTIALITY_LEVELS)[number];

export const CONFIDENTIALITY_LABELS: Record<Confidentiality, Localized> = {
  umum: say('Umum — semua staf kasus', 'General — all staff of the case'),
  terbatas: say('Terbatas — guru BK dan kepala sekolah', 'Restricted — counselor and principal'),
  rahasia: say('Rahasia — penulis dan guru BK kasus', 'Confidential — author and the case counselor'),
};

export interface Viewer {
  id: string;
  role: Role;
}

/** True when `viewer` may read content at `level` written by `authorId` on a case assigned to `caseAssigneeId`. */
export function canSeeContent(level: Confidentiality, viewer: Viewer, authorId: string, caseAssigneeId: string | null): boolean {
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

/** The levels a role may write at: a wali kelas and task-force members write `umum` only. */
export function writableLevels(role: Role): Confidentiality[] {
  switch (role) {
    case 'guru_bk':
    case 'kepsek':
      return ['umum', 'terbatas', 'rahasia'];
    case 'wali_kelas':
    case 'tim':
      return ['umum'];
    case 'admin_dinas':
      return [];
  }
}

/** What a viewer needs to be known by for case access. */
export interface CaseViewer extends Viewer {
  /** The class of a wali kelas. */
  className: string | null;
}

/** The facts about a case that decide who may open it. */
export interface CaseAccessFacts {
  assigneeId: string | null;
  studentClassName: string;
  /** Users assigned to any of the case's tasks (steps). */
  taskAssigneeIds: readonly string[];
}

/**
 * Case access by role: guru BK and kepsek see every case of their school; a
 * wali kelas the cases of their class; a task-force member (`tim`) only cases
 * or steps assigned to them; the district admin no student-level case.
 */
export function canOpenCase(viewer: CaseViewer, facts: CaseAccessFacts): boolean {
  switch (viewer.role) {
    case 'guru_bk':
    case 'kepsek':
      return true;
    case 'wali_kelas':
      return viewer.className !== null && viewer.className === facts.studentClassName;
    case 'tim':
      return facts.assigneeId === viewer.id || facts.taskAssigneeIds.includes(viewer.id);
    case 'admin_dinas':
      return false;
  }
}

/** The highest level a role may ever see on a case they can open (for the UI's hints). */
export function maxVisibleLevel(viewer: Viewer, caseAssigneeId: string | null): Confidentiality {
  if (viewer.role === 'guru_bk' && viewer.id === caseAssigneeId) return 'rahasia';
  if (viewer.role === 'guru_bk' || viewer.role === 'kepsek') return 'terbatas';
  return 'umum';
}
