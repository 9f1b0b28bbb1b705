/**
 * The expected answer of every route for every role, on a record of the
 * caller's own school and on one of the other school. Written as six codes in
 * the order of {@link ROLES}: kepsek, guru_bk, wali_kelas, tim, admin_dinas,
 * anonymous.
 *
 * - `ok`: 2xx · `in`: past the access check (2xx, or refused for its input or
 *   state: 400/409/422 — never 401/403/404/5xx) · `no`: 403 or 404 ·
 *   `x`: refused without acting (400/403/404/409/422) · `auth`: 401 or 429 ·
 *   a number: exactly that status.
 */
import { ROLES, type MatrixRole } from './world.ts';

export type Expect = 'ok' | 'in' | 'no' | 'x' | 'auth' | number;
export interface Row {
  own: Record<MatrixRole, Expect>;
  other: Record<MatrixRole, Expect>;
}

function parse(codes: string): Record<MatrixRole, Expect> {
  const parts = codes.trim().split(/\s+/);
  if (parts.length !== ROLES.length) throw new Error(`expectation "${codes}" needs ${ROLES.length} codes`);
  return Object.fromEntries(ROLES.map((r, i) => [r, /^\d+$/.test(parts[i]!) ? Number(parts[i]) : parts[i]])) as Record<MatrixRole, Expect>;
}

/** The same answer whichever school's record the request names (lists, school-wide settings). */
const same = (codes: string): Row => ({ own: parse(codes), other: parse(codes) });
/** A record of the other school: whoever may act on their own gets 403/404 on it; the rest answer as on their own. */
const hidden = (codes: string, other?: string): Row => {
  const own = parse(codes);
  const derived = Object.fromEntries(ROLES.map((r) => [r, own[r] === 'ok' || own[r] === 'in' ? 'no' : own[r] === 404 || own[r] === 403 ? 'no' : own[r]])) as Record<MatrixRole, Expect>;
  return { own, other: other ? parse(other) : derived };
};

/** A student-level route: the district admin never reads it. */
export const EXPECTED: Record<string, Row> = {
  'GET /api/health': same('ok ok ok ok ok ok'),
  'GET /api/openapi.json': same('ok ok ok ok ok ok'),
  'GET /api/docs': same('ok ok ok ok ok ok'),
  'GET /api/docs/scalar.js': same('ok ok ok ok ok ok'),
  'POST /api/auth/login': same('auth auth auth auth auth auth'),
  'GET /api/auth/me': same('ok ok ok ok ok 401'),
  // A wrong current password: past the access check for everyone signed in.
  'POST /api/auth/password': same('in in in in in 401'),
  // Runs last: the other side's requests carry the tokens the own side just revoked.
  'POST /api/auth/logout': { own: parse('ok ok ok ok ok 401'), other: parse('401 401 401 401 401 401') },

  'GET /api/pathways': same('ok ok ok ok ok 401'),
  'POST /api/pathways': same('in in 403 403 in 401'),
  'POST /api/pathways/lint': same('ok ok ok ok ok 401'),
  'GET /api/pathways/:id': hidden('ok ok ok ok 404 401'),
  'PUT /api/pathways/:id': hidden('in in 403 403 404 401'),
  // The matrix publishes an unchanged draft: 409 `unchanged` (past the access check).
  'POST /api/pathways/:id/publish': hidden('in 403 403 403 404 401'),
  'POST /api/pathways/:id/archive': hidden('in 403 403 403 404 401'),
  'GET /api/pathways/:id/versions': hidden('ok ok ok ok 404 401'),
  'GET /api/pathways/:id/versions/:v': hidden('ok ok ok ok 404 401'),
  'GET /api/pathways/:id/versions/:v/xstate': hidden('ok ok ok ok 404 401'),
  'POST /api/pathways/:id/migrations/dry-run': hidden('in 403 403 403 403 401'),
  'POST /api/pathways/:id/migrations/apply': hidden('in 403 403 403 403 401'),
  'GET /api/pathways/:id/process': hidden('ok ok 403 403 403 401'),
  'POST /api/pathways/:id/what-if': hidden('ok 403 403 403 403 401'),

  'GET /api/students': same('ok ok ok 403 403 401'),
  'POST /api/students': same('in in 403 403 403 401'),
  'GET /api/students/:id': hidden('ok ok ok 403 403 401'),
  'POST /api/students/import': same('ok ok 403 403 403 401'),
  'GET /api/students/:id/indicators': hidden('ok ok ok 403 403 401'),
  'GET /api/students/:id/status': hidden('ok ok ok 403 403 401'),
  'POST /api/students/:id/status': hidden('in in 403 403 403 401'),
  'GET /api/school-year': same('ok ok ok ok 403 401'),
  'PUT /api/school-year': same('in 403 403 403 403 401'),
  'GET /api/school-year/holidays': same('ok ok ok ok 403 401'),
  'GET /api/school-year/status-suggestions': same('ok ok 403 403 403 401'),
  'POST /api/school-year/rollover/plan': same('ok 403 403 403 403 401'),
  'POST /api/school-year/rollover/apply': same('in 403 403 403 403 401'),
  'POST /api/school-year/rollover/finish': same('in 403 403 403 403 401'),
  'GET /api/students/:id/export': hidden('ok 403 403 403 403 401'),
  'POST /api/students/:id/erase': hidden('in 403 403 403 403 401'),

  'POST /api/cases': hidden('ok ok 403 403 403 401'),
  'GET /api/cases': same('ok ok ok ok 403 401'),
  'GET /api/cases/board': same('ok ok ok ok 403 401'),
  'GET /api/cases/:id': hidden('ok ok ok 404 403 401'),
  'GET /api/cases/:id/events': hidden('ok ok ok 404 403 401'),
  // submitted step answers (issue 15): whoever opens the case, within their level.
  'GET /api/cases/:id/answers': hidden('ok ok ok 404 403 401'),
  'POST /api/cases/:id/events': hidden('in in in 404 403 401'),
  'PUT /api/cases/:id/assignee': hidden('ok ok 403 403 403 401'),
  'GET /api/cases/:id/opening': hidden('ok ok 403 no 403 401'),
  'GET /api/cases/:id/notes': hidden('ok ok ok 404 403 401'),
  'POST /api/cases/:id/notes': hidden('ok ok ok 404 403 401'),
  'GET /api/cases/:id/consents': hidden('ok ok ok 404 403 401'),
  'POST /api/cases/:id/consents': hidden('in in in no 403 401'),
  'GET /api/cases/:id/referrals': hidden('ok ok ok 404 403 401'),
  'POST /api/cases/:id/referrals': hidden('in in 403 no 403 401'),
  'GET /api/cases/:id/records': hidden('ok ok ok 404 403 401'),
  'POST /api/cases/:id/records': hidden('in in in 404 403 401'),
  // Case work of the guru BK (issue 14): the kepsek reads the overview; only the guru BK writes (a stale version: 409, nothing written).
  'GET /api/cases/:id/casework': hidden('ok ok 403 no 403 401'),
  'POST /api/cases/:id/risk-factors': hidden('403 in 403 no 403 401'),
  'POST /api/cases/:id/skip': hidden('403 in 403 no 403 401'),
  'POST /api/cases/:id/interventions': hidden('403 in 403 no 403 401'),
  'POST /api/cases/:id/interventions/:interventionId/done': hidden('403 in 403 no 403 401'),

  'GET /api/referrals': same('ok ok 403 403 403 401'),
  'POST /api/referrals/:id/accept': hidden('in in 403 403 403 401'),
  // Invalid bodies: checked before the record is looked up, so the other school's id answers 400 and says nothing of it.
  'POST /api/referrals/:id/reject': hidden('in in 403 403 403 401', 'x x no no no 401'),
  'POST /api/referrals/:id/complete': hidden('in in 403 403 403 401', 'x x no no no 401'),

  'POST /api/indicators/import': same('ok ok ok 403 403 401'),
  'POST /api/indicators': same('in in in 403 403 401'),
  'GET /api/early-warning': same('ok ok ok 403 403 401'),
  'POST /api/early-warning/scan': same('ok ok 403 403 403 401'),
  'GET /api/early-warning/rules': same('ok ok ok 403 403 401'),
  'PUT /api/early-warning/rules': same('in in 403 403 403 401'),
  // The body names the other school's student: refused, whatever the reason.
  'POST /api/flags': { own: parse('in in in 403 403 401'), other: parse('x x x 403 403 401') },
  'POST /api/flags/:id/clear': hidden('ok ok ok 403 403 401'),
  'POST /api/flags/:id/open-case': hidden('in in 403 403 403 401', 'x x 403 403 403 401'),

  'GET /api/tasks': same('ok ok ok ok 403 401'),
  'GET /api/tasks/assignees': same('ok ok 403 403 403 401'),
  'POST /api/tasks/:id/decision': hidden('in 403 403 403 403 401', 'x 403 403 403 403 401'),
  'POST /api/tasks/:id/approval-request': hidden('403 in 403 403 403 401', '403 x 403 403 403 401'),
  'POST /api/tasks/:id/assign': hidden('in in 403 403 403 401', 'x x 403 403 403 401'),
  'GET /api/approvals': same('ok ok 403 403 403 401'),
  'GET /api/notifications': same('ok ok ok ok ok 401'),
  // A task id is no notification id: not found for everyone.
  'POST /api/notifications/:id/read': same('404 404 404 404 404 401'),
  'GET /api/calendar': same('ok ok ok ok 403 401'),
  'GET /api/calendar/school-days': same('ok ok ok ok 403 401'),
  'PUT /api/calendar': same('in 403 403 403 403 401'),
  'DELETE /api/calendar/:date': same('ok 403 403 403 403 401'),

  'GET /api/reports/summary': same('ok ok 403 403 403 401'),
  'GET /api/reports/before-after': same('ok ok 403 403 403 401'),
  // the semester report (issues 14, 15) and its PDF for the komite / dinas.
  'GET /api/reports/semester': same('ok ok 403 403 403 401'),
  'GET /api/reports/semester.pdf': same('ok ok 403 403 403 401'),
  // M&E records: satisfaction scores on a case, ekstrakurikuler / P5 participation (invalid bodies: past the access check).
  'GET /api/cases/:id/satisfaction': hidden('ok ok ok no 403 401'),
  'POST /api/cases/:id/satisfaction': hidden('in in in no 403 401'),
  'GET /api/participation': same('ok ok ok 403 403 401'),
  'POST /api/participation': same('in in in 403 403 401'),
  'GET /api/reports/trends': same('ok ok 403 403 403 401'),
  'GET /api/reports/migration-candidates': same('ok ok 403 403 403 401'),
  'GET /api/reports/export.csv': same('in in 403 403 403 401'),

  'GET /api/district/schools': same('403 403 403 403 ok 401'),
  'GET /api/district/aggregates': same('403 403 403 403 ok 401'),
  'GET /api/district/aggregates.csv': same('403 403 403 403 in 401'),
  'GET /api/district/templates': same('ok ok 403 403 ok 401'),
  'GET /api/district/templates/sources': same('403 403 403 403 in 401'),
  'POST /api/district/templates': same('403 403 403 403 in 401'),
  // A school's pathway id is no template: the kepsek's pull is refused, never applied.
  'POST /api/district/templates/:id/pull': same('x 403 403 403 403 401'),

  'GET /api/staff': same('ok 403 403 403 403 401'),
  'PUT /api/staff/:id/role': hidden('ok 403 403 403 403 401'),
  // Accounts: the kepsek manages the school's staff, the district admin its kepsek. The requests name
  // no live account on the own side (acting would end sessions the matrix still uses): 404 there.
  'GET /api/accounts': same('ok 403 403 403 ok 401'),
  'POST /api/accounts/:id/reset-password': same('404 403 403 403 404 401'),
  'POST /api/accounts/:id/disable': same('404 403 403 403 404 401'),
  'POST /api/accounts/:id/enable': same('404 403 403 403 404 401'),
  // Issue 15 paperwork: the letterhead (kepsek writes, staff read; no logo uploaded in the matrix: 404), NIPs (kepsek),
  // case documents and family contact (whoever opens the case; letters and meetings narrower, see apps/api/src/documents).
  'GET /api/school/profile': same('ok ok ok ok 403 401'),
  'PUT /api/school/profile': same('ok 403 403 403 403 401'),
  'GET /api/school/logo': same('404 404 404 404 403 401'),
  'PUT /api/school/logo': same('400 403 403 403 403 401'),
  'DELETE /api/school/logo': same('ok 403 403 403 403 401'),
  'GET /api/school/staff': same('ok 403 403 403 403 401'),
  'PUT /api/school/staff/:id/nip': hidden('ok 403 403 403 403 401'),
  'GET /api/cases/:id/documents': hidden('ok ok ok 404 403 401'),
  'POST /api/cases/:id/documents': hidden('ok ok ok 404 403 401'),
  'GET /api/cases/:id/family': hidden('ok ok ok 404 403 401'),
  'POST /api/cases/:id/family/messages': hidden('ok ok ok 404 403 401'),
  'POST /api/cases/:id/family/contacts': hidden('ok ok ok 404 403 401'),
  'POST /api/cases/:id/family/meetings': hidden('ok ok ok no 403 401'),
  'POST /api/cases/:id/family/meetings/:meetingId/status': hidden('x x x no 403 401'),

  // The Satgas team, roles and the oversight tree (issue 14).
  'GET /api/team': same('ok ok ok ok 403 401'),
  'POST /api/team': same('in 403 403 403 403 401'),
  'PATCH /api/team/:id': same('x 403 403 403 403 401'),
  'DELETE /api/team/:id': same('x 403 403 403 403 401'),
  'POST /api/team/tasks/:id/assign': hidden('in in 403 403 403 401'),
  'GET /api/accounts/me/roles': same('ok ok ok ok ok 401'),
  'POST /api/accounts/me/role': same('x x x x x 401'),
  'PUT /api/accounts/:id/roles': hidden('in 403 403 403 x 401'),
  'GET /api/district/node': same('403 403 403 403 ok 401'),

  // Issue 15 registers: the kepsek and guru BK write; the Satgas reads; a wali kelas reads the partners only; the dinas none.
  // Adding the other school's student, counsellor or case is refused in words (422), never acted on.
  'GET /api/registers/partners': same('ok ok ok ok 403 401'),
  'POST /api/registers/partners': same('ok ok 403 403 403 401'),
  'GET /api/registers/partners/:id': hidden('ok ok ok ok 403 401'),
  'PATCH /api/registers/partners/:id': hidden('ok ok 403 403 403 401'),
  'GET /api/registers/peer-counsellors': same('ok ok 403 ok 403 401'),
  'POST /api/registers/peer-counsellors': same('in in 403 403 403 401'),
  'GET /api/registers/peer-counsellors/:id': hidden('ok ok 403 ok 403 401'),
  'PATCH /api/registers/peer-counsellors/:id': hidden('ok ok 403 403 403 401'),
  'GET /api/registers/supervisions': same('ok ok 403 ok 403 401'),
  'POST /api/registers/supervisions': { own: parse('ok ok 403 403 403 401'), other: parse('422 422 403 403 403 401') },
  'GET /api/registers/group-sessions': same('ok ok 403 ok 403 401'),
  'POST /api/registers/group-sessions': { own: parse('ok ok 403 403 403 401'), other: parse('422 422 403 403 403 401') },
  'GET /api/registers/group-sessions/:id': hidden('ok ok 403 ok 403 401'),
  'GET /api/cases/:id/group-sessions': hidden('ok ok ok 404 403 401'),
  // Orang tua asuh, donors and the fund ledger: the kepsek and guru BK write, the Satgas reads, wali kelas and dinas none.
  'GET /api/registers/sponsors': same('ok ok 403 ok 403 401'),
  'POST /api/registers/sponsors': same('ok ok 403 403 403 401'),
  'PATCH /api/registers/sponsors/:id': hidden('ok ok 403 403 403 401'),
  'GET /api/registers/funds': same('ok ok 403 ok 403 401'),
  'POST /api/registers/funds': same('ok ok 403 403 403 401'),
  'GET /api/registers/funds/:id': hidden('ok ok 403 ok 403 401'),
  'PATCH /api/registers/funds/:id': hidden('ok ok 403 403 403 401'),
  'POST /api/registers/funds/:id/donations': hidden('ok ok 403 403 403 401'),
  // A case's own disbursements (its page's "Bantuan dana"): fund readers who may open the case; the matrix's tim is not on it (404), wali kelas 403.
  'GET /api/cases/:id/disbursements': hidden('ok ok 403 404 403 401'),
};
