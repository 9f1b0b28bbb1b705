/**
 * Strings of the case-work pages (board, case page, tasks, students, flags),
 * added to the app's i18next resources under `cw.*`: Bahasa Indonesia first,
 * English second. Importing this module registers them.
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
  notes: { title: 'Catatan', body: 'Tulis catatan…', add: 'Simpan catatan', level: 'Kerahasiaan', empty: 'Belum ada catatan yang boleh Anda lihat.', by: 'oleh' },
  consent: {
    title: 'Persetujuan orang tua/wali', purpose: 'Untuk', givenBy: 'Diberikan oleh', relationship: 'Hubungan', method: 'Cara', givenAt: 'Tanggal', add: 'Catat persetujuan',
    granted: 'Setuju', refused: 'Menolak', empty: 'Belum ada persetujuan tercatat.',
    purposes: { referral: 'Rujukan', data_sharing: 'Berbagi data', home_visit: 'Kunjungan rumah', other: 'Lainnya' },
    methods: { written: 'Tertulis', verbal: 'Lisan', digital: 'Digital' },
  },
  referral: {
    title: 'Rujukan', target: 'Tujuan', targetName: 'Nama lembaga/orang', reason: 'Alasan', send: 'Kirim rujukan', empty: 'Belum ada rujukan.',
    accept: 'Diterima', reject: 'Ditolak', complete: 'Selesai', outcome: 'Laporan hasil', rejectReason: 'Alasan penolakan', waiting: 'Kasus menunggu rujukan ini.',
    consentFirst: 'Catat persetujuan orang tua/wali untuk rujukan terlebih dahulu.',
  },
  records: {
    title: 'Catatan kegiatan', homeVisit: 'Kunjungan rumah', conference: 'Konferensi kasus', session: 'Sesi konseling', plan: 'Rencana', date: 'Tanggal',
    visitors: 'Yang berkunjung (pisahkan dengan koma)', metWith: 'Bertemu dengan', findings: 'Temuan', followUp: 'Tindak lanjut', attendees: 'Peserta (pisahkan dengan koma)',
    decisions: 'Keputusan', mode: 'Jenis', individual: 'Individual', group: 'Kelompok', members: 'Anggota kelompok (pisahkan dengan koma)', topic: 'Topik', summaryField: 'Ringkasan',
    save: 'Simpan', empty: 'Belum ada catatan kegiatan.', unsent: 'Belum terkirim', unsentHelp: 'Laporan disimpan di perangkat ini dan akan dikirim otomatis saat koneksi kembali.',
    sending: 'Mengirim…', sent: 'Terkirim', offline: 'Anda sedang offline.', retry: 'Kirim sekarang',
  },
  tasks: {
    title: 'Tugas saya', empty: 'Tidak ada tugas terbuka.', due: 'Tenggat', noDue: 'Tanpa tenggat', overdue: 'Terlambat', today: 'Hari ini', tomorrow: 'Besok', later: 'Nanti',
    counts: '{{overdue}} terlambat · {{today}} hari ini · {{tomorrow}} besok', approvals: 'Menunggu persetujuan kepala sekolah', notifications: 'Pemberitahuan', noNotifications: 'Tidak ada pemberitahuan.',
    markRead: 'Tandai dibaca',
    lateBy_one: 'Terlambat {{count}} hari sekolah', lateBy_other: 'Terlambat {{count}} hari sekolah', lateToday: 'Terlambat (kurang dari 1 hari sekolah)',
  },
  students: {
    title: 'Siswa', import: 'Impor daftar siswa (CSV/Excel)', chooseFile: 'Pilih berkas CSV atau Excel (.xlsx)', orPaste: 'atau tempel isi CSV di sini', preview: 'Pratinjau', apply: 'Terapkan impor',
    line: 'Baris', action: 'Hasil', problems: 'Masalah', actions: { new: 'Baru', update: 'Diperbarui', unchanged: 'Tidak berubah', error: 'Salah' },
    applied: 'Impor diterapkan.', hasErrors: 'Perbaiki baris yang salah dulu; tidak ada yang disimpan.', nisn: 'NISN', name: 'Nama', cls: 'Kelas', gender: 'L/P', guardian: 'Wali',
    indicators: 'Impor indikator (kehadiran, nilai, perilaku)', entry: 'Isi kehadiran bulanan', month: 'Bulan', schoolDays: 'Hari sekolah', present: 'Hadir', sick: 'Sakit',
    permitted: 'Izin', absent: 'Alpa', saveEntry: 'Simpan kehadiran', saved: 'Tersimpan.', example: 'Unduh contoh CSV', search: 'Cari nama atau NISN', none: 'Belum ada siswa.',
  },
  flags: {
    title: 'Peringatan dini', empty: 'Tidak ada siswa yang ditandai.', reasons: 'Alasan', since: 'Sejak', openCase: 'Buka kasus', caseOpen: 'Lihat kasus',
    proposes: 'Layak dibuka kasus', holding: 'Dipantau sampai {{date}}', waitingClear: 'Kondisi membaik — menunggu dibersihkan', manual: 'Tanda manual',
    flagStudent: 'Tandai siswa', reason: 'Alasan', level: 'Tingkat', risk: 'Berisiko', watch: 'Dipantau', pathwayFor: 'Jalur untuk kasus', scan: 'Periksa ulang',
    student: 'Siswa', factors: 'Faktor risiko untuk kasus (kosong = usulan dari indikator)',
    proposed: 'Usulan per siswa (sesuai faktor risikonya)', onPathway: 'Jalur', fits: 'sesuai faktor {{factors}}',
  },
  calendar: { title: 'Kalender sekolah', date: 'Tanggal', kind: 'Jenis', note: 'Keterangan', add: 'Simpan', kinds: { holiday: 'Libur', school_day: 'Hari sekolah tambahan', exam: 'Ujian' }, empty: 'Belum ada pengecualian bulan ini.', month: 'Bulan' },
  errors: { network: 'Server tidak dapat dihubungi.' },
  rules: {
    title: 'Aturan peringatan dini sekolah', absence: 'Ketidakhadiran', riskRate: 'Berisiko mulai (% hari sekolah)', watchRate: 'Dipantau mulai (% hari sekolah)',
    holdWeeks: 'Bertahan berapa minggu sebelum diusulkan jadi kasus', failing: 'Mapel di bawah KKM', minSubjects: 'Jumlah mapel', falling: 'Rata-rata nilai turun',
    minDrop: 'Turun minimal (poin)', behaviour: 'Kejadian perilaku', watchIncidents: 'Dipantau mulai (kejadian/bulan)', riskIncidents: 'Berisiko mulai (kejadian/bulan)', save: 'Simpan aturan',
  },
  entry: { grade: 'Isi nilai', behaviour: 'Catat kejadian perilaku', term: 'Semester (mis. 2025-2)', subject: 'Mapel', score: 'Nilai', passing: 'KKM', incidents: 'Jumlah kejadian', description: 'Keterangan', save: 'Simpan' },
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
  notes: { title: 'Notes', body: 'Write a note…', add: 'Save note', level: 'Confidentiality', empty: 'No notes you may see yet.', by: 'by' },
  consent: {
    title: 'Parent/guardian consent', purpose: 'For', givenBy: 'Given by', relationship: 'Relationship', method: 'How', givenAt: 'Date', add: 'Record consent',
    granted: 'Granted', refused: 'Refused', empty: 'No consent recorded yet.',
    purposes: { referral: 'Referral', data_sharing: 'Data sharing', home_visit: 'Home visit', other: 'Other' },
    methods: { written: 'Written', verbal: 'Verbal', digital: 'Digital' },
  },
  referral: {
    title: 'Referrals', target: 'To', targetName: 'Institution or person', reason: 'Reason', send: 'Send referral', empty: 'No referrals yet.',
    accept: 'Accepted', reject: 'Rejected', complete: 'Completed', outcome: 'Outcome report', rejectReason: 'Reason for rejection', waiting: 'The case waits on this referral.',
    consentFirst: 'Record the parent/guardian consent for referral first.',
  },
  records: {
    title: 'Activity records', homeVisit: 'Home visit', conference: 'Case conference', session: 'Counseling session', plan: 'Plan', date: 'Date',
    visitors: 'Who went (comma separated)', metWith: 'Met with', findings: 'Findings', followUp: 'Follow-up', attendees: 'Attendees (comma separated)',
    decisions: 'Decisions', mode: 'Kind', individual: 'Individual', group: 'Group', members: 'Group members (comma separated)', topic: 'Topic', summaryField: 'Summary',
    save: 'Save', empty: 'No activity records yet.', unsent: 'Not yet sent', unsentHelp: 'Kept on this device and sent automatically when the connection returns.',
    sending: 'Sending…', sent: 'Sent', offline: 'You are offline.', retry: 'Send now',
  },
  tasks: {
    title: 'My tasks', empty: 'No open tasks.', due: 'Due', noDue: 'No due date', overdue: 'Overdue', today: 'Today', tomorrow: 'Tomorrow', later: 'Later',
    counts: '{{overdue}} overdue · {{today}} today · {{tomorrow}} tomorrow', approvals: 'Waiting for the principal’s approval', notifications: 'Notifications', noNotifications: 'No notifications.',
    markRead: 'Mark read',
    lateBy_one: 'Late by {{count}} school day', lateBy_other: 'Late by {{count}} school days', lateToday: 'Late (less than one school day)',
  },
  students: {
    title: 'Students', import: 'Import the roster (CSV/Excel)', chooseFile: 'Choose a CSV or Excel (.xlsx) file', orPaste: 'or paste the CSV here', preview: 'Preview', apply: 'Apply import',
    line: 'Line', action: 'Result', problems: 'Problems', actions: { new: 'New', update: 'Updated', unchanged: 'Unchanged', error: 'Error' },
    applied: 'Import applied.', hasErrors: 'Fix the rows with errors first; nothing was saved.', nisn: 'NISN', name: 'Name', cls: 'Class', gender: 'M/F', guardian: 'Guardian',
    indicators: 'Import indicators (attendance, grades, behaviour)', entry: 'Enter monthly attendance', month: 'Month', schoolDays: 'School days', present: 'Present', sick: 'Sick',
    permitted: 'Permitted', absent: 'Absent', saveEntry: 'Save attendance', saved: 'Saved.', example: 'Download an example CSV', search: 'Search name or NISN', none: 'No students yet.',
  },
  flags: {
    title: 'Early warning', empty: 'No flagged students.', reasons: 'Reasons', since: 'Since', openCase: 'Open case', caseOpen: 'View case',
    proposes: 'Ready for a case', holding: 'Watching until {{date}}', waitingClear: 'Improved — waiting to clear', manual: 'Manual flag',
    flagStudent: 'Flag a student', reason: 'Reason', level: 'Level', risk: 'At risk', watch: 'Watch', pathwayFor: 'Pathway for the case', scan: 'Re-check',
    student: 'Student', factors: 'Risk factors for the case (none = suggested by the indicators)',
    proposed: 'Proposed for each student (fits their risk factors)', onPathway: 'Pathway', fits: 'fits {{factors}}',
  },
  calendar: { title: 'School calendar', date: 'Date', kind: 'Kind', note: 'Note', add: 'Save', kinds: { holiday: 'Holiday', school_day: 'Extra school day', exam: 'Exam' }, empty: 'No exceptions this month.', month: 'Month' },
  errors: { network: 'The server cannot be reached.' },
  rules: {
    title: 'The school’s early-warning rules', absence: 'Absence', riskRate: 'At risk from (% of school days)', watchRate: 'Watch from (% of school days)',
    holdWeeks: 'Weeks a flag must hold before it proposes a case', failing: 'Subjects below the passing score', minSubjects: 'Number of subjects', falling: 'Falling average',
    minDrop: 'Drop of at least (points)', behaviour: 'Behaviour incidents', watchIncidents: 'Watch from (incidents/month)', riskIncidents: 'At risk from (incidents/month)', save: 'Save rules',
  },
  entry: { grade: 'Enter a grade', behaviour: 'Record behaviour incidents', term: 'Term (e.g. 2025-2)', subject: 'Subject', score: 'Score', passing: 'Passing score', incidents: 'Incidents', description: 'Description', save: 'Save' },
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
