/**
 * Strings of the case-work pages (board, case page, tasks, students, flags),
 * added to the app's translations under `cw.*`: Bahasa Indonesia first,
 * English second. Importing this module registers them. Here: what the
 * case page's first view, the board and the tasks need; the side panels'
 * and the other pages' strings are in more-i18n.ts (issue 17: less to
 * download before a case shows).
 */
import type { RiskFactor } from '@jalur/engine';
import i18n from '../i18n/index.ts';
import { labelsIn, RISK_FACTOR_LABELS } from '../i18n/values.ts';

const id = {
  nav: { board: 'Papan kasus', tasks: 'Tugas saya', students: 'Siswa', flags: 'Peringatan dini', calendar: 'Kalender sekolah', label: 'Menu kasus' },
  board: {
    title: 'Papan kasus', pathway: 'Jalur', allPathways: 'Semua jalur', cls: 'Kelas', all: 'Semua', risk: 'Faktor risiko', assignee: 'Penanggung jawab',
    mine: 'Saya', overdue: 'Hanya yang terlambat', status: 'Status', active: 'Aktif', closed: 'Selesai', empty: 'Belum ada kasus.', count: '{{count}} kasus',
    overdueBadge: 'Terlambat', open: 'Buka kasus', noSteps: 'Tidak ada langkah',
    view: 'Tampilan', viewBoard: 'Papan', viewList: 'Daftar', stageClosed: 'Kasus ditutup', stageSteps_one: '{{count}} langkah', stageSteps: '{{count}} langkah', late: 'Keterlambatan',
    listCaption: 'Daftar kasus: siswa, kelas, langkah saat ini, tenggat dan keterlambatan dalam hari sekolah',
  },
  case: {
    back: 'Papan kasus', student: 'Siswa', cls: 'Kelas', opened: 'Dibuka', status: 'Status', risk: 'Faktor risiko', assignee: 'Penanggung jawab',
    current: 'Langkah saat ini', actions: 'Tindakan', noActions: 'Tidak ada tindakan yang boleh Anda lakukan pada langkah ini.', form: 'Isian langkah',
    send: 'Kirim', timeline: 'Linimasa', pathway: 'Jalur kasus', print: 'Cetak ringkasan', closed: 'Kasus selesai', guarded: 'Menunggu syarat',
    needsConsent: 'Perlu persetujuan orang tua/wali untuk rujukan. Catat persetujuan dulu di bagian Persetujuan.',
    needsApproval: 'Langkah ini perlu persetujuan kepala sekolah.', approval: 'Persetujuan kepala sekolah', approve: 'Setujui', reject: 'Tolak',
    rejectReason: 'Alasan penolakan', pending: 'Menunggu', approved: 'Disetujui', rejectedLabel: 'Ditolak', done: 'Berhasil disimpan.',
    askAgainNote: 'Apa yang sudah diperbaiki?', askAgain: 'Ajukan ulang ke kepala sekolah', askedAgain: 'Diajukan ulang; menunggu keputusan kepala sekolah.',
    queuedHelp: 'Langkah ini disimpan di perangkat ini dan dikirim otomatis saat sambungan kembali.',
    queuedConflict: 'Langkah “{{label}}” tidak dijalankan: kasus ini sudah berubah sebelum langkah itu terkirim. Lihat langkah saat ini, lalu pilih lagi bila masih perlu.',
    queuedRefused: 'Langkah “{{label}}” ditolak server dan tidak dijalankan.',
    queuedDiscard: 'Mengerti, hapus dari perangkat',
    indicators: 'Indikator saat kasus dibuka', assignStep: 'Tugaskan langkah ini ke', byRole: 'Siapa pun dengan peran langkah', summary: 'Ringkasan kasus', printedAt: 'Dicetak', visited: 'Sudah dilalui', activeStep: 'Langkah aktif',
    diagram: 'Gambar jalur kasus; langkah saat ini: {{steps}}',
  },
  records: { unsent: 'Belum terkirim', unsentHelp: 'Laporan disimpan di perangkat ini dan akan dikirim otomatis saat koneksi kembali.' },
  tasks: {
    title: 'Tugas saya', empty: 'Tidak ada tugas terbuka.', due: 'Tenggat', noDue: 'Tanpa tenggat', overdue: 'Terlambat', today: 'Hari ini', tomorrow: 'Besok', later: 'Nanti',
    counts: '{{overdue}} terlambat · {{today}} hari ini · {{tomorrow}} besok', approvals: 'Menunggu persetujuan kepala sekolah', notifications: 'Pemberitahuan', noNotifications: 'Tidak ada pemberitahuan.',
    markRead: 'Tandai dibaca',
    lateBy_one: 'Terlambat {{count}} hari sekolah', lateBy_other: 'Terlambat {{count}} hari sekolah', lateToday: 'Terlambat (kurang dari 1 hari sekolah)',
  },
  flags: { student: 'Siswa' },
  errors: { network: 'Server tidak dapat dihubungi.' },
  risk: labelsIn('id', RISK_FACTOR_LABELS),
};

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

const en: Shape<typeof id> = {
  nav: { board: 'Case board', tasks: 'My tasks', students: 'Students', flags: 'Early warning', calendar: 'School calendar', label: 'Case menu' },
  board: {
    title: 'Case board', pathway: 'Pathway', allPathways: 'All pathways', cls: 'Class', all: 'All', risk: 'Risk factor', assignee: 'Assignee',
    mine: 'Me', overdue: 'Overdue only', status: 'Status', active: 'Active', closed: 'Closed', empty: 'No cases yet.', count: '{{count}} cases',
    overdueBadge: 'Overdue', open: 'Open case', noSteps: 'No steps',
    view: 'View', viewBoard: 'Board', viewList: 'List', stageClosed: 'Closed cases', stageSteps_one: '{{count}} step', stageSteps: '{{count}} steps', late: 'Lateness',
    listCaption: 'Cases: student, class, current step, due date and lateness in school days',
  },
  case: {
    back: 'Case board', student: 'Student', cls: 'Class', opened: 'Opened', status: 'Status', risk: 'Risk factors', assignee: 'Assignee',
    current: 'Current step', actions: 'Actions', noActions: 'There is nothing you may do at this step.', form: 'Step form',
    send: 'Send', timeline: 'Timeline', pathway: 'Case pathway', print: 'Print summary', closed: 'Case closed', guarded: 'Waiting on a condition',
    needsConsent: 'A parent/guardian consent for referral is needed. Record it first under Consent.',
    needsApproval: 'This step needs the principal’s approval.', approval: 'Principal’s approval', approve: 'Approve', reject: 'Reject',
    rejectReason: 'Reason for rejection', pending: 'Pending', approved: 'Approved', rejectedLabel: 'Rejected', done: 'Saved.',
    askAgainNote: 'What was revised?', askAgain: 'Ask the principal again', askedAgain: 'Asked again; waiting for the principal’s decision.',
    queuedHelp: 'This step is kept on this device and sent automatically when the connection returns.',
    queuedConflict: 'The step “{{label}}” was not taken: the case changed before it was sent. Look at the current step and choose again if it is still needed.',
    queuedRefused: 'The server refused the step “{{label}}”; it was not taken.',
    queuedDiscard: 'Understood, remove it from this device',
    indicators: 'Indicators when the case was opened', assignStep: 'Assign this step to', byRole: 'Anyone with the step’s role', summary: 'Case summary', printedAt: 'Printed', visited: 'Visited', activeStep: 'Active step',
    diagram: 'Picture of the case pathway; current step: {{steps}}',
  },
  records: { unsent: 'Not yet sent', unsentHelp: 'Kept on this device and sent automatically when the connection returns.' },
  tasks: {
    title: 'My tasks', empty: 'No open tasks.', due: 'Due', noDue: 'No due date', overdue: 'Overdue', today: 'Today', tomorrow: 'Tomorrow', later: 'Later',
    counts: '{{overdue}} overdue · {{today}} today · {{tomorrow}} tomorrow', approvals: 'Waiting for the principal’s approval', notifications: 'Notifications', noNotifications: 'No notifications.',
    markRead: 'Mark read',
    lateBy_one: 'Late by {{count}} school day', lateBy_other: 'Late by {{count}} school days', lateToday: 'Late (less than one school day)',
  },
  flags: { student: 'Student' },
  errors: { network: 'The server cannot be reached.' },
  risk: labelsIn('en', RISK_FACTOR_LABELS),
};

i18n.addResourceBundle('id', 'translation', { cw: id }, true, false);
i18n.addResourceBundle('en', 'translation', { cw: en }, true, false);

const riskLabels: Record<RiskFactor, string> = id.risk;

/**
 * The engine's risk factors, in its order, from their labels (a factor the
 * engine adds without a label here fails the type check). Importing the
 * engine's own list would bring its zod schemas into the case pages.
 */
export const RISK_FACTOR_LIST = Object.keys(riskLabels) as RiskFactor[];

/** Text in the current language from a `{ id, en? }` pair. */
export function loc(text: { id: string; en?: string | undefined } | null | undefined, lang: string): string {
  if (!text) return '';
  return lang === 'en' ? (text.en ?? text.id) : text.id;
}
