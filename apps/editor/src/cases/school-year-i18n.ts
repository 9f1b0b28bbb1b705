/**
 * Strings of the school-year pages (kenaikan kelas, the school's week and
 * national holidays, student status), under `sy.*`: Bahasa Indonesia first,
 * English second. Importing this module registers them (and those of
 * school-year-core-i18n.ts).
 */
import i18n from '../i18n/index.ts';
// `sy.nav` and `sy.prefill` (the case page's first view needs them) are registered there.
import './school-year-core-i18n.ts';

const id = {
  rules: {
    economic: 'Keluarga kurang mampu (Layak PIP / Penerima KIP dari Dapodik)', onlyWithOther: 'Hanya bila ada tanda lain (kehadiran, nilai, perilaku)',
    riskWhenNotReceived: 'Berisiko bila PIP belum diterima', distance: 'Jarak rumah ke sekolah', watchKm: 'Dipantau mulai (km)', riskKm: 'Berisiko mulai (km)',
    walkingIsRisk: 'Berjalan kaki sejauh batas pantauan sudah berisiko',
  },
  import: {
    columns: '{{count}} kolom dikenali (judul kolom di baris {{lines}})', column: 'Kolom di berkas', field: 'Diisi ke', ignore: '— abaikan —', again: 'Pratinjau dengan pemetaan ini',
    fields: {
      nisn: 'NISN', name: 'Nama', className: 'Kelas / rombel', gender: 'Jenis kelamin', birthDate: 'Tanggal lahir', guardianName: 'Nama wali', guardianPhone: 'No. HP',
      fatherName: 'Nama ayah', motherName: 'Nama ibu', pipEligible: 'Layak PIP', kipHolder: 'Penerima KIP', pipReceived: 'PIP diterima', distanceKm: 'Jarak ke sekolah (km)', transport: 'Alat transportasi',
    },
  },
  rollover: {
    title: 'Kenaikan kelas dan tahun ajaran baru',
    current: 'Tahun ajaran sekarang',
    intro: 'Uji coba dulu: tidak ada yang berubah sampai Anda menerapkannya. Siswa kelas akhir lulus; tandai siswa yang tinggal kelas. Kasus yang masih berjalan ikut ke tahun ajaran baru bersama riwayatnya.',
    dryRun: 'Uji coba kenaikan kelas',
    refresh: 'Perbarui uji coba',
    from: 'Kelas', to: 'Tahun depan', students: 'Siswa', promote: 'Naik', repeat: 'Tinggal', graduate: 'Lulus', unknown: 'Kelas tidak dikenali', openCases: 'Kasus berjalan',
    graduates: 'Lulus', keep: 'Tinggal kelas', show: 'Lihat siswa', hide: 'Tutup',
    summary: '{{promote}} naik kelas, {{repeat}} tinggal kelas, {{graduate}} lulus; {{openCases}} kasus berjalan ikut ke {{toYear}}.',
    confirm: 'Saya sudah memeriksa uji coba ini',
    apply: 'Terapkan kenaikan kelas',
    progress: 'Menerapkan kelas {{done}} dari {{total}}: {{className}}',
    done: 'Selesai. Tahun ajaran sekarang: {{label}}.',
    applied: '{{applied}} siswa dipindahkan',
    nothing: 'Belum ada siswa aktif.',
  },
  week: {
    title: 'Tahun ajaran dan pekan sekolah', year: 'Tahun ajaran', semester: 'Semester', ganjil: 'Ganjil', genap: 'Genap', days: 'Hari sekolah per pekan',
    five: '5 hari (Senin–Jumat)', six: '6 hari (Senin–Sabtu)', zone: 'Zona waktu', national: 'Libur nasional dihitung sebagai hari libur', save: 'Simpan pengaturan', saved: 'Tersimpan.',
    holidays: 'Libur nasional {{year}}', overridden: 'diganti kalender sekolah', source: 'Sumber: paket date-holidays (Indonesia). Ubah di kalender sekolah bila SKB 3 Menteri menetapkan lain.',
  },
  status: {
    title: 'Status siswa', active: 'Aktif', transferred_in: 'Mutasi masuk', transferred: 'Mutasi keluar (pindah)', dropped_out: 'Keluar / putus sekolah', graduated: 'Lulus',
    change: 'Ubah status', date: 'Tanggal', reason: 'Alasan', className: 'Kelas (masuk kembali)', save: 'Simpan status', history: 'Riwayat status', since: 'sejak {{date}}',
    pip: 'Layak PIP', kip: 'Penerima KIP', pipReceived: 'PIP diterima', distance: 'Jarak ke sekolah', transport: 'Transportasi', parents: 'Orang tua', yes: 'Ya', no: 'Tidak', km: '{{km}} km',
    closeConfirm: 'Kasus {{name}} ditutup sebagai {{outcome}}. Ubah status siswa menjadi "{{status}}"?',
    toConfirm: 'Status siswa yang perlu dikonfirmasi', confirmChange: 'Ya, ubah status', fromCase: 'Sesuai hasil penutupan kasus',
  },
};
const en: typeof id = {
  rules: {
    economic: 'Economic need (eligible for PIP / holds a KIP, from Dapodik)', onlyWithOther: 'Only next to another sign (attendance, grades, behaviour)',
    riskWhenNotReceived: 'At risk when PIP has not been received', distance: 'Distance from home to school', watchKm: 'Watch from (km)', riskKm: 'At risk from (km)',
    walkingIsRisk: 'Walking as far as the watch distance is a risk',
  },
  import: {
    columns: '{{count}} columns recognised (header on line {{lines}})', column: 'Column in the file', field: 'Fills', ignore: '— ignore —', again: 'Preview with this mapping',
    fields: {
      nisn: 'NISN', name: 'Name', className: 'Class', gender: 'Gender', birthDate: 'Birth date', guardianName: 'Guardian', guardianPhone: 'Phone',
      fatherName: 'Father', motherName: 'Mother', pipEligible: 'Eligible for PIP', kipHolder: 'Holds a KIP', pipReceived: 'PIP received', distanceKm: 'Distance to school (km)', transport: 'Transport',
    },
  },
  rollover: {
    title: 'Year-end rollover and the new school year',
    current: 'Current school year',
    intro: 'Dry run first: nothing changes until you apply it. The final grade graduates; mark the students who repeat the year. Open cases carry over into the new year with their history.',
    dryRun: 'Dry run the rollover',
    refresh: 'Run the dry run again',
    from: 'Class', to: 'Next year', students: 'Students', promote: 'Promoted', repeat: 'Repeat', graduate: 'Graduate', unknown: 'Class not recognised', openCases: 'Open cases',
    graduates: 'Graduates', keep: 'Repeats the year', show: 'Show students', hide: 'Hide',
    summary: '{{promote}} promoted, {{repeat}} repeat the year, {{graduate}} graduate; {{openCases}} open cases carry over into {{toYear}}.',
    confirm: 'I have checked this dry run',
    apply: 'Apply the rollover',
    progress: 'Applying class {{done}} of {{total}}: {{className}}',
    done: 'Done. The school year is now {{label}}.',
    applied: '{{applied}} students moved',
    nothing: 'No active students yet.',
  },
  week: {
    title: 'School year and week', year: 'School year', semester: 'Semester', ganjil: 'Odd (Jul–Dec)', genap: 'Even (Jan–Jun)', days: 'School days per week',
    five: '5 days (Mon–Fri)', six: '6 days (Mon–Sat)', zone: 'Time zone', national: 'National holidays are days off', save: 'Save settings', saved: 'Saved.',
    holidays: 'National holidays {{year}}', overridden: 'replaced by the school calendar', source: 'Source: the date-holidays package (Indonesia). Change it on the school calendar when the joint ministerial decree says otherwise.',
  },
  status: {
    title: 'Student status', active: 'Active', transferred_in: 'Transferred in', transferred: 'Transferred out', dropped_out: 'Left / dropped out', graduated: 'Graduated',
    change: 'Change status', date: 'Date', reason: 'Reason', className: 'Class (re-enrolment)', save: 'Save status', history: 'Status history', since: 'since {{date}}',
    pip: 'Eligible for PIP', kip: 'Holds a KIP', pipReceived: 'PIP received', distance: 'Distance to school', transport: 'Transport', parents: 'Parents', yes: 'Yes', no: 'No', km: '{{km}} km',
    closeConfirm: 'The case of {{name}} closed as {{outcome}}. Change the student\u2019s status to "{{status}}"?',
    toConfirm: 'Student statuses to confirm', confirmChange: 'Yes, change the status', fromCase: 'As the case closed',
  },
};

i18n.addResourceBundle('id', 'translation', { sy: id }, true, false);
i18n.addResourceBundle('en', 'translation', { sy: en }, true, false);
