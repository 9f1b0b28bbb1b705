/**
 * Which pages each role may open and where each role starts: a guru BK on
 * the case board, a wali kelas on the early-warning flags of their class, a
 * tim member on their tasks, the kepsek on the school dashboard, the admin
 * dinas on the schools their office oversees. The menus offer these pages
 * only, and a page outside them reads as one sentence instead of the API's
 * 403. The lists follow the API's own role checks (`requireRole` in
 * apps/api); the API stays the authority.
 */
export type AppRole = 'kepsek' | 'guru_bk' | 'wali_kelas' | 'tim' | 'admin_dinas';

const SCHOOL: readonly AppRole[] = ['kepsek', 'guru_bk', 'wali_kelas', 'tim'];
const EVERYONE: readonly AppRole[] = [...SCHOOL, 'admin_dinas'];

/** Pages by path prefix, the most specific first. */
const PAGES: readonly (readonly [prefix: string, roles: readonly AppRole[]])[] = [
  ['/pathways', ['kepsek', 'guru_bk', 'admin_dinas']],
  ['/process', ['kepsek', 'guru_bk']],
  ['/cases/calendar', ['kepsek']],
  ['/cases/rollover', ['kepsek']],
  ['/cases/students', ['kepsek', 'guru_bk', 'wali_kelas']],
  ['/cases/flags', ['kepsek', 'guru_bk', 'wali_kelas']],
  ['/cases', SCHOOL],
  // The admin dinas's /reports is their district dashboard (the same as /district).
  ['/reports', ['kepsek', 'guru_bk', 'admin_dinas']],
  ['/migrations', ['kepsek']],
  ['/district', ['admin_dinas']],
  ['/templates', ['kepsek', 'guru_bk', 'admin_dinas']],
  ['/staff', ['kepsek', 'admin_dinas']],
  ['/team', SCHOOL],
  ['/registers/partners', SCHOOL],
  ['/registers', ['kepsek', 'guru_bk', 'tim']],
  ['/account', EVERYONE],
];

/** Where a role lands after signing in (and on `/`). */
export function homeOf(role: string | undefined): string {
  switch (role) {
    case 'guru_bk':
      return '/cases';
    case 'wali_kelas':
      return '/cases/flags';
    case 'tim':
      return '/cases/tasks';
    case 'kepsek':
      return '/reports';
    case 'admin_dinas':
      return '/district';
    default:
      return '/pathways';
  }
}

/** True when `role` may open the page at `pathname` (unknown paths: yes, the not-found page answers them). */
export function mayOpen(role: string | undefined, pathname: string): boolean {
  if (!role) return false;
  for (const [prefix, roles] of PAGES) {
    if (pathname === prefix || pathname.startsWith(`${prefix}/`)) return (roles as readonly string[]).includes(role);
  }
  return true;
}
