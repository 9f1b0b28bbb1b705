/**
 * One concrete request per route of the app, for the access matrix: the path
 * filled with school A's records ("own") or school B's ("other"), and a body
 * that is valid where that is practical (so an allowed caller gets past
 * validation), otherwise one that the route must refuse after its access
 * check. A route missing here fails the matrix.
 */
import type { SchoolIds } from './world.ts';

export interface MatrixRequest {
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
}

type Build = (ids: SchoolIds, own: SchoolIds) => MatrixRequest;

const CSV = { 'content-type': 'text/csv' };

/** Keyed by `METHOD /path/:param` exactly as the router lists it. */
export const REQUESTS: Record<string, Build> = {
  'GET /api/health': () => ({ path: '/api/health' }),
  'GET /api/openapi.json': () => ({ path: '/api/openapi.json' }),
  'GET /api/docs': () => ({ path: '/api/docs' }),
  'GET /api/docs/scalar.js': () => ({ path: '/api/docs/scalar.js' }),
  'POST /api/auth/login': () => ({ path: '/api/auth/login', body: { email: 'tidak-ada@uji.test', password: 'salah-sekali' } }),
  'POST /api/auth/logout': () => ({ path: '/api/auth/logout' }),
  'GET /api/auth/me': () => ({ path: '/api/auth/me' }),
  'POST /api/auth/password': () => ({ path: '/api/auth/password', body: { currentPassword: 'bukan-sandi-ini', newPassword: 'sandi-baru-yang-panjang' } }),

  'GET /api/pathways': () => ({ path: '/api/pathways' }),
  'POST /api/pathways': () => ({ path: '/api/pathways', body: { document: { format: 'jalur.pathway/1', key: `draf-${Math.random().toString(36).slice(2, 8)}`, title: { id: 'Draf' }, machine: { id: 'd', initial: 'a', states: { a: { type: 'final' } } } } } }),
  'POST /api/pathways/lint': () => ({ path: '/api/pathways/lint', body: { document: { format: 'jalur.pathway/1', key: 'x', title: { id: 'X' }, machine: { id: 'x', initial: 'a', states: { a: {} } } } } }),
  'GET /api/pathways/:id': (s) => ({ path: `/api/pathways/${s.pathwayId}` }),
  'PUT /api/pathways/:id': (s) => ({ path: `/api/pathways/${s.pathwayId}`, body: { document: { format: 'jalur.pathway/1' }, expectedRevision: 0 } }),
  'POST /api/pathways/:id/publish': (s) => ({ path: `/api/pathways/${s.pathwayId}/publish` }),
  'GET /api/pathways/:id/versions': (s) => ({ path: `/api/pathways/${s.pathwayId}/versions` }),
  'GET /api/pathways/:id/versions/:v': (s) => ({ path: `/api/pathways/${s.pathwayId}/versions/1` }),
  'GET /api/pathways/:id/versions/:v/xstate': (s) => ({ path: `/api/pathways/${s.pathwayId}/versions/1/xstate` }),
  'GET /api/pathways/:id/process': (s) => ({ path: `/api/pathways/${s.srpsPathwayId}/process` }),
  'POST /api/pathways/:id/what-if': (s) => ({ path: `/api/pathways/${s.srpsPathwayId}/what-if`, body: {} }),
  'POST /api/pathways/:id/migrations/dry-run': (s) => ({ path: `/api/pathways/${s.srpsPathwayId}/migrations/dry-run`, body: { fromVersion: 1, toVersion: 1 } }),
  'POST /api/pathways/:id/migrations/apply': (s) => ({ path: `/api/pathways/${s.srpsPathwayId}/migrations/apply`, body: { fromVersion: 1, toVersion: 1 } }),

  'GET /api/students': (s) => ({ path: `/api/students?search=${s.nisn}` }),
  'POST /api/students': (s) => ({ path: '/api/students', body: { nisn: s.nisn, name: 'Duplikat' } }),
  'GET /api/students/:id': (s) => ({ path: `/api/students/${s.studentId}` }),
  'POST /api/students/import': () => ({ path: '/api/students/import?dryRun=true', body: 'nisn,nama,kelas\n3999999999,Impor Uji,X-1\n', headers: CSV }),
  'GET /api/students/:id/indicators': (s) => ({ path: `/api/students/${s.studentId}/indicators` }),
  // An active student cannot become active again: 422 past the access check, nothing written.
  'GET /api/students/:id/status': (s) => ({ path: `/api/students/${s.studentId}/status` }),
  'POST /api/students/:id/status': (s) => ({ path: `/api/students/${s.studentId}/status`, body: { status: 'active', date: '2026-01-05' } }),
  'GET /api/school-year': () => ({ path: '/api/school-year' }),
  'PUT /api/school-year': () => ({ path: '/api/school-year', body: { weekDays: 7 } }),
  'GET /api/school-year/holidays': () => ({ path: '/api/school-year/holidays?year=2026' }),
  'GET /api/school-year/status-suggestions': () => ({ path: '/api/school-year/status-suggestions' }),
  'POST /api/school-year/rollover/plan': () => ({ path: '/api/school-year/rollover/plan', body: {} }),
  // A year the school is not in: 409, nothing applied.
  'POST /api/school-year/rollover/apply': () => ({ path: '/api/school-year/rollover/apply', body: { fromYear: '1999/2000', className: 'X-1' } }),
  'POST /api/school-year/rollover/finish': () => ({ path: '/api/school-year/rollover/finish', body: { fromYear: '1999/2000' } }),
  'GET /api/students/:id/export': (s) => ({ path: `/api/students/${s.studentId}/export` }),
  'POST /api/students/:id/erase': (s) => ({ path: `/api/students/${s.studentId}/erase`, body: { confirm: 'bukan-nisn-ini' } }),

  'POST /api/cases': (s) => ({ path: '/api/cases', body: { studentId: s.otherClassStudentId, pathwayId: s.pathwayId } }),
  'GET /api/cases': (s) => ({ path: `/api/cases?studentId=${s.studentId}` }),
  'GET /api/cases/board': (s) => ({ path: `/api/cases/board?pathwayId=${s.pathwayId}` }),
  'GET /api/cases/:id': (s) => ({ path: `/api/cases/${s.caseId}` }),
  'GET /api/cases/:id/events': (s) => ({ path: `/api/cases/${s.caseId}/events` }),
  'GET /api/cases/:id/answers': (s) => ({ path: `/api/cases/${s.caseId}/answers` }),
  'POST /api/cases/:id/events': (s) => ({ path: `/api/cases/${s.caseId}/events`, body: { type: 'CATAT', data: { catatan: 'uji akses' }, expectedVersion: 999 } }),
  'PUT /api/cases/:id/assignee': (s) => ({ path: `/api/cases/${s.caseId}/assignee`, body: { assigneeId: s.guruBkId } }),
  'GET /api/cases/:id/opening': (s) => ({ path: `/api/cases/${s.caseId}/opening` }),
  'GET /api/cases/:id/notes': (s) => ({ path: `/api/cases/${s.caseId}/notes` }),
  'POST /api/cases/:id/notes': (s) => ({ path: `/api/cases/${s.caseId}/notes`, body: { body: 'Catatan uji akses', confidentiality: 'umum' } }),
  'GET /api/cases/:id/consents': (s) => ({ path: `/api/cases/${s.caseId}/consents` }),
  'POST /api/cases/:id/consents': (s) => ({ path: `/api/cases/${s.caseId}/consents`, body: { purpose: 'referral', givenBy: 'Ibu', method: 'verbal', givenAt: 'bukan-tanggal' } }),
  'GET /api/cases/:id/referrals': (s) => ({ path: `/api/cases/${s.caseId}/referrals` }),
  'POST /api/cases/:id/referrals': (s) => ({ path: `/api/cases/${s.caseId}/referrals`, body: { target: 'bukan-tujuan', targetName: 'x', reason: 'y' } }),
  'GET /api/cases/:id/records': (s) => ({ path: `/api/cases/${s.caseId}/records` }),
  'POST /api/cases/:id/records': (s) => ({ path: `/api/cases/${s.caseId}/records`, body: { kind: 'home_visit', data: {} } }),
  'GET /api/cases/:id/casework': (s) => ({ path: `/api/cases/${s.caseId}/casework` }),
  'POST /api/cases/:id/risk-factors': (s) => ({ path: `/api/cases/${s.caseId}/risk-factors`, body: { factor: 'family', change: 'add', reason: 'uji akses', expectedVersion: 999 } }),
  'POST /api/cases/:id/skip': (s) => ({ path: `/api/cases/${s.caseId}/skip`, body: { stateId: 'konseling', reason: 'uji akses', expectedVersion: 999 } }),
  'POST /api/cases/:id/interventions': (s) => ({ path: `/api/cases/${s.caseId}/interventions`, body: { kind: 'home_visit', reason: 'uji akses', expectedVersion: 999 } }),
  'POST /api/cases/:id/interventions/:interventionId/done': (s) => ({ path: `/api/cases/${s.caseId}/interventions/tidak-ada/done`, body: { expectedVersion: 999 } }),

  'GET /api/referrals': () => ({ path: '/api/referrals' }),
  'POST /api/referrals/:id/accept': (s) => ({ path: `/api/referrals/${s.referralId}/accept`, body: {} }),
  'POST /api/referrals/:id/reject': (s) => ({ path: `/api/referrals/${s.referralId}/reject`, body: { reason: '' } }),
  'POST /api/referrals/:id/complete': (s) => ({ path: `/api/referrals/${s.referralId}/complete`, body: { outcomeReport: '' } }),

  'POST /api/indicators/import': (s) => ({ path: '/api/indicators/import?dryRun=true&kind=attendance', body: `nisn,periode,hadir\n${s.nisn},2026-01,x\n`, headers: CSV }),
  'POST /api/indicators': (s) => ({ path: '/api/indicators', body: { entries: [{ nisn: s.nisn, kind: 'attendance', period: 'bukan-periode', values: {} }] } }),
  'GET /api/early-warning': () => ({ path: '/api/early-warning' }),
  'POST /api/early-warning/scan': () => ({ path: '/api/early-warning/scan' }),
  'GET /api/early-warning/rules': () => ({ path: '/api/early-warning/rules' }),
  'PUT /api/early-warning/rules': () => ({ path: '/api/early-warning/rules', body: { rules: [{ key: 'bukan-aturan', params: {} }] } }),
  'POST /api/flags': (s) => ({ path: '/api/flags', body: { studentId: s.studentId, reason: '' } }),
  'POST /api/flags/:id/clear': (s) => ({ path: `/api/flags/${s.flagId}/clear` }),
  'POST /api/flags/:id/open-case': (s) => ({ path: `/api/flags/${s.flagId}/open-case`, body: { pathwayId: 12 } }),

  'GET /api/tasks': () => ({ path: '/api/tasks?scope=all' }),
  'GET /api/tasks/assignees': () => ({ path: '/api/tasks/assignees' }),
  'POST /api/tasks/:id/decision': (s) => ({ path: `/api/tasks/${s.taskId}/decision`, body: { decision: 'mungkin' } }),
  'POST /api/tasks/:id/approval-request': (s) => ({ path: `/api/tasks/${s.taskId}/approval-request`, body: { note: 42 } }),
  'POST /api/tasks/:id/assign': (s) => ({ path: `/api/tasks/${s.taskId}/assign`, body: { assigneeId: 42 } }),
  'GET /api/approvals': () => ({ path: '/api/approvals' }),
  'GET /api/notifications': () => ({ path: '/api/notifications' }),
  'POST /api/notifications/:id/read': (s) => ({ path: `/api/notifications/${s.taskId}/read` }),
  'GET /api/calendar': () => ({ path: '/api/calendar?from=2026-01-01&to=2026-12-31' }),
  'GET /api/calendar/school-days': () => ({ path: '/api/calendar/school-days?from=2026-02-02&days=5' }),
  'PUT /api/calendar': () => ({ path: '/api/calendar', body: { entries: [{ date: 'bukan-tanggal', kind: 'holiday' }] } }),
  'DELETE /api/calendar/:date': () => ({ path: '/api/calendar/2031-01-01' }),

  'GET /api/reports/summary': () => ({ path: '/api/reports/summary' }),
  'GET /api/reports/before-after': () => ({ path: '/api/reports/before-after' }),
  'GET /api/reports/semester': () => ({ path: '/api/reports/semester' }),
  'GET /api/reports/semester.pdf': () => ({ path: '/api/reports/semester.pdf?audience=dinas' }),
  'GET /api/cases/:id/satisfaction': (s) => ({ path: `/api/cases/${s.caseId}/satisfaction` }),
  'POST /api/cases/:id/satisfaction': (s) => ({ path: `/api/cases/${s.caseId}/satisfaction`, body: { service: 'home_visit' } }),
  'GET /api/participation': () => ({ path: '/api/participation' }),
  'POST /api/participation': (s) => ({ path: '/api/participation', body: { studentId: s.studentId } }),
  'GET /api/reports/trends': () => ({ path: '/api/reports/trends' }),
  'GET /api/reports/migration-candidates': (s) => ({ path: `/api/reports/migration-candidates?pathwayId=${s.srpsPathwayId}` }),
  'GET /api/reports/export.csv': () => ({ path: '/api/reports/export.csv' }),

  'GET /api/district/schools': () => ({ path: '/api/district/schools' }),
  'GET /api/district/aggregates': () => ({ path: '/api/district/aggregates' }),
  'GET /api/district/aggregates.csv': () => ({ path: '/api/district/aggregates.csv' }),
  'GET /api/district/templates': () => ({ path: '/api/district/templates' }),
  'GET /api/district/templates/sources': () => ({ path: '/api/district/templates/sources' }),
  'POST /api/district/templates': (s) => ({ path: '/api/district/templates', body: { sourcePathwayId: s.pathwayId, bukan: true } }),
  'POST /api/district/templates/:id/pull': (s) => ({ path: `/api/district/templates/${s.pathwayId}/pull`, body: {} }),

  'GET /api/staff': () => ({ path: '/api/staff' }),
  'PUT /api/staff/:id/role': (s) => ({ path: `/api/staff/${s.timId}/role`, body: { role: 'tim' } }),
  'GET /api/accounts': () => ({ path: '/api/accounts' }),
  // Own side: no such account; other side: school B's guru BK, outside every caller's scope.
  'POST /api/accounts/:id/reset-password': (s, own) => ({ path: `/api/accounts/${s === own ? 'akun-tidak-ada' : s.guruBkId}/reset-password` }),
  'POST /api/accounts/:id/disable': (s, own) => ({ path: `/api/accounts/${s === own ? 'akun-tidak-ada' : s.guruBkId}/disable` }),
  'POST /api/accounts/:id/enable': (s, own) => ({ path: `/api/accounts/${s === own ? 'akun-tidak-ada' : s.guruBkId}/enable` }),
  'GET /api/school/profile': () => ({ path: '/api/school/profile' }),
  'PUT /api/school/profile': () => ({ path: '/api/school/profile', body: { city: 'Kota Uji' } }),
  'GET /api/school/logo': () => ({ path: '/api/school/logo' }),
  // Not an image: refused after the access check.
  'PUT /api/school/logo': () => ({ path: '/api/school/logo', body: 'bukan gambar', headers: { 'content-type': 'image/png' } }),
  'DELETE /api/school/logo': () => ({ path: '/api/school/logo' }),
  'GET /api/school/staff': () => ({ path: '/api/school/staff' }),
  'PUT /api/school/staff/:id/nip': (s) => ({ path: `/api/school/staff/${s.guruBkId}/nip`, body: { nip: '198001012005012001' } }),
  'GET /api/cases/:id/documents': (s) => ({ path: `/api/cases/${s.caseId}/documents` }),
  'POST /api/cases/:id/documents': (s) => ({ path: `/api/cases/${s.caseId}/documents`, body: { kind: 'buku_kasus' } }),
  'GET /api/cases/:id/family': (s) => ({ path: `/api/cases/${s.caseId}/family` }),
  'POST /api/cases/:id/family/messages': (s) => ({ path: `/api/cases/${s.caseId}/family/messages`, body: { template: 'undangan', channel: 'whatsapp', phone: '0812-3456-7890' } }),
  'POST /api/cases/:id/family/contacts': (s) => ({ path: `/api/cases/${s.caseId}/family/contacts`, body: { channel: 'phone', outcome: 'Uji akses' } }),
  'POST /api/cases/:id/family/meetings': (s) => ({ path: `/api/cases/${s.caseId}/family/meetings`, body: { scheduledAt: '2099-01-05T02:00:00Z', place: 'Ruang BK', purpose: 'Uji akses' } }),
  'POST /api/cases/:id/family/meetings/:meetingId/status': (s) => ({ path: `/api/cases/${s.caseId}/family/meetings/pertemuan-tidak-ada/status`, body: { status: 'held' } }),
  'POST /api/pathways/:id/archive': (s) => ({ path: `/api/pathways/${s.pathwayId}/archive`, body: { archived: false } }),
  'GET /api/team': () => ({ path: '/api/team' }),
  'POST /api/team': (s) => ({ path: '/api/team', body: { userId: s.timId } }),
  'PATCH /api/team/:id': () => ({ path: '/api/team/anggota-tidak-ada', body: { duties: 'Uji akses' } }),
  'DELETE /api/team/:id': () => ({ path: '/api/team/anggota-tidak-ada' }),
  'POST /api/team/tasks/:id/assign': (s) => ({ path: `/api/team/tasks/${s.taskId}/assign`, body: { function: 'komite' } }),
  'GET /api/accounts/me/roles': () => ({ path: '/api/accounts/me/roles' }),
  'POST /api/accounts/me/role': () => ({ path: '/api/accounts/me/role', body: { role: 'bukan-peran' } }),
  'PUT /api/accounts/:id/roles': (s) => ({ path: `/api/accounts/${s.guruBkId}/roles`, body: { roles: [{ role: 'guru_bk' }] } }),
  'GET /api/district/node': () => ({ path: '/api/district/node' }),

  'GET /api/registers/partners': () => ({ path: '/api/registers/partners?active=true' }),
  'POST /api/registers/partners': () => ({ path: '/api/registers/partners', body: { name: 'PKBM Uji Akses', kind: 'pkbm', phone: '0813 1111 2222' } }),
  'GET /api/registers/partners/:id': (s) => ({ path: `/api/registers/partners/${s.partnerId}` }),
  'PATCH /api/registers/partners/:id': (s) => ({ path: `/api/registers/partners/${s.partnerId}`, body: { services: 'Konseling remaja' } }),
  'GET /api/registers/peer-counsellors': () => ({ path: '/api/registers/peer-counsellors?pickable=true' }),
  // The first student of the school: registered by the first writer, a duplicate (409) for the next.
  'POST /api/registers/peer-counsellors': (s) => ({ path: '/api/registers/peer-counsellors', body: { studentId: s.studentId, trainedOn: '2026-01-10' } }),
  'GET /api/registers/peer-counsellors/:id': (s) => ({ path: `/api/registers/peer-counsellors/${s.peerId}` }),
  'PATCH /api/registers/peer-counsellors/:id': (s) => ({ path: `/api/registers/peer-counsellors/${s.peerId}`, body: { active: true } }),
  'GET /api/registers/supervisions': () => ({ path: '/api/registers/supervisions' }),
  'POST /api/registers/supervisions': (s, own) => ({ path: '/api/registers/supervisions', body: { heldOn: '2026-02-03', supervisorId: own.guruBkId, counsellorIds: [s.peerId], notes: 'Uji akses' } }),
  'GET /api/registers/group-sessions': () => ({ path: '/api/registers/group-sessions' }),
  'POST /api/registers/group-sessions': (s) => ({ path: '/api/registers/group-sessions', body: { heldOn: '2026-02-03', topic: 'Uji akses', caseIds: [s.caseId, s.otherClassCaseId] } }),
  'GET /api/registers/group-sessions/:id': (s) => ({ path: `/api/registers/group-sessions/${s.groupSessionId}` }),
  'GET /api/cases/:id/group-sessions': (s) => ({ path: `/api/cases/${s.caseId}/group-sessions` }),
  'GET /api/registers/sponsors': () => ({ path: '/api/registers/sponsors' }),
  'POST /api/registers/sponsors': () => ({ path: '/api/registers/sponsors', body: { kind: 'orang_tua_asuh', party: 'person', name: 'Ibu Uji Akses', phone: '0812 3333 4444', pledgeAmount: 200_000, pledgePeriod: 'monthly' } }),
  'PATCH /api/registers/sponsors/:id': (s) => ({ path: `/api/registers/sponsors/${s.sponsorId}`, body: { notes: 'Uji akses' } }),
  'GET /api/registers/funds': () => ({ path: '/api/registers/funds?open=true' }),
  // A fresh name each time: a second fund of one name is a duplicate (409).
  'POST /api/registers/funds': () => ({ path: '/api/registers/funds', body: { name: `Dana uji ${Math.random().toString(36).slice(2, 8)}`, source: 'lainnya' } }),
  'GET /api/registers/funds/:id': (s) => ({ path: `/api/registers/funds/${s.fundId}` }),
  // Only the description: the fund stays open (the donation row below pays into it).
  'PATCH /api/registers/funds/:id': (s) => ({ path: `/api/registers/funds/${s.fundId}`, body: { description: 'Uji akses' } }),
  'POST /api/registers/funds/:id/donations': (s) => ({ path: `/api/registers/funds/${s.fundId}/donations`, body: { amount: 50_000, date: '2026-02-02', note: 'Uji akses' } }),
  'GET /api/cases/:id/disbursements': (s) => ({ path: `/api/cases/${s.caseId}/disbursements` }),
};
