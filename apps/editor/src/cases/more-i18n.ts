/**
 * The case-work strings the case page's first view does not need, under
 * `cw.*` like those of i18n.ts: the side panels (notes, consent, referrals,
 * activity records), the students, early-warning, calendar and rules pages
 * and indicator entry. Apart from i18n.ts so that a phone opening a case
 * downloads less before it shows (issue 17); each module using these keys
 * imports this one. Bahasa Indonesia first, English second.
 */
import i18n from '../i18n/index.ts';
import './i18n.ts';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

const id = {
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
    save: 'Simpan', empty: 'Belum ada catatan kegiatan.',
    sending: 'Mengirim…', sent: 'Terkirim', offline: 'Anda sedang offline.', retry: 'Kirim sekarang',
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
    factors: 'Faktor risiko untuk kasus (kosong = usulan dari indikator)',
    proposed: 'Usulan per siswa (sesuai faktor risikonya)', onPathway: 'Jalur', fits: 'sesuai faktor {{factors}}',
  },
  calendar: { title: 'Kalender sekolah', date: 'Tanggal', kind: 'Jenis', note: 'Keterangan', add: 'Simpan', kinds: { holiday: 'Libur', school_day: 'Hari sekolah tambahan', exam: 'Ujian' }, empty: 'Belum ada pengecualian bulan ini.', month: 'Bulan' },
  rules: {
    title: 'Aturan peringatan dini sekolah', absence: 'Ketidakhadiran', riskRate: 'Berisiko mulai (% hari sekolah)', watchRate: 'Dipantau mulai (% hari sekolah)',
    holdWeeks: 'Bertahan berapa minggu sebelum diusulkan jadi kasus', failing: 'Mapel di bawah KKM', minSubjects: 'Jumlah mapel', falling: 'Rata-rata nilai turun',
    minDrop: 'Turun minimal (poin)', behaviour: 'Kejadian perilaku', watchIncidents: 'Dipantau mulai (kejadian/bulan)', riskIncidents: 'Berisiko mulai (kejadian/bulan)', save: 'Simpan aturan',
  },
  entry: { grade: 'Isi nilai', behaviour: 'Catat kejadian perilaku', term: 'Semester (mis. 2025-2)', subject: 'Mapel', score: 'Nilai', passing: 'KKM', incidents: 'Jumlah kejadian', description: 'Keterangan', save: 'Simpan' },
};

const en: Shape<typeof id> = {
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
    save: 'Save', empty: 'No activity records yet.',
    sending: 'Sending…', sent: 'Sent', offline: 'You are offline.', retry: 'Send now',
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
    factors: 'Risk factors for the case (none = suggested by the indicators)',
    proposed: 'Proposed for each student (fits their risk factors)', onPathway: 'Pathway', fits: 'fits {{factors}}',
  },
  calendar: { title: 'School calendar', date: 'Date', kind: 'Kind', note: 'Note', add: 'Save', kinds: { holiday: 'Holiday', school_day: 'Extra school day', exam: 'Exam' }, empty: 'No exceptions this month.', month: 'Month' },
  rules: {
    title: 'The school’s early-warning rules', absence: 'Absence', riskRate: 'At risk from (% of school days)', watchRate: 'Watch from (% of school days)',
    holdWeeks: 'Weeks a flag must hold before it proposes a case', failing: 'Subjects below the passing score', minSubjects: 'Number of subjects', falling: 'Falling average',
    minDrop: 'Drop of at least (points)', behaviour: 'Behaviour incidents', watchIncidents: 'Watch from (incidents/month)', riskIncidents: 'At risk from (incidents/month)', save: 'Save rules',
  },
  entry: { grade: 'Enter a grade', behaviour: 'Record behaviour incidents', term: 'Term (e.g. 2025-2)', subject: 'Subject', score: 'Score', passing: 'Passing score', incidents: 'Incidents', description: 'Description', save: 'Save' },
};

i18n.addResourceBundle('id', 'translation', { cw: id }, true, false);
i18n.addResourceBundle('en', 'translation', { cw: en }, true, false);
