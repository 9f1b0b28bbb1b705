/**
 * Strings of the team page and the role switch, namespace `team`: Bahasa
 * Indonesia first, English second (words from i18n/glossary.ts). Importing
 * this module registers them.
 */
import i18n from '../i18n/index.ts';

const id = {
  title: 'Tim Satgas SRPS',
  intro: 'Satuan Tugas Siswa Rentan Putus Sekolah: siapa yang bertugas, dalam fungsi apa, dan apa tugasnya.',
  function: 'Fungsi',
  member: 'Anggota',
  duties: 'Tugas',
  noDuties: 'Belum ada tugas tertulis.',
  empty: 'Tim belum dibentuk.',
  loading: 'Memuat tim…',
  add: 'Tambah anggota',
  addTitle: 'Tambah anggota tim',
  chooseStaff: 'Pilih staf',
  save: 'Simpan',
  saveDutiesFor: 'Simpan tugas: {{name}}',
  dutiesFor: 'Tugas {{name}}',
  remove: 'Keluarkan',
  removeFor: 'Keluarkan {{name}} dari fungsi {{fn}}',
  removeConfirm: 'Keluarkan {{name}} dari fungsi {{fn}}?',
  added: '{{name}} sekarang anggota tim sebagai {{fn}}.',
  nav: 'Tim SRPS',
  actingAs: 'Bertindak sebagai',
  switched: 'Sekarang bertindak sebagai {{role}}.',
  roleWithClass: '{{role}} {{cls}}',
  functions: {
    kepala_sekolah: 'Kepala sekolah',
    wakasek_kesiswaan: 'Wakasek kesiswaan',
    guru_bk: 'Guru BK',
    wali_kelas: 'Wali kelas',
    pembina_osis: 'Pembina OSIS',
    osis: 'Perwakilan OSIS',
    komite: 'Komite sekolah',
  },
};

const en: typeof id = {
  title: 'Satgas SRPS team',
  intro: 'The task force for students at risk of dropping out (Satuan Tugas Siswa Rentan Putus Sekolah): who serves, in which function, with which duties.',
  function: 'Function',
  member: 'Member',
  duties: 'Duties',
  noDuties: 'No duties written yet.',
  empty: 'The team has not been formed yet.',
  loading: 'Loading the team…',
  add: 'Add member',
  addTitle: 'Add a team member',
  chooseStaff: 'Choose a staff member',
  save: 'Save',
  saveDutiesFor: 'Save duties: {{name}}',
  dutiesFor: 'Duties of {{name}}',
  remove: 'Remove',
  removeFor: 'Remove {{name}} from {{fn}}',
  removeConfirm: 'Remove {{name}} from {{fn}}?',
  added: '{{name}} now serves on the team as {{fn}}.',
  nav: 'SRPS team',
  actingAs: 'Acting as',
  switched: 'Now acting as {{role}}.',
  roleWithClass: '{{role}} {{cls}}',
  functions: {
    kepala_sekolah: 'Principal (kepala sekolah)',
    wakasek_kesiswaan: 'Vice principal for student affairs',
    guru_bk: 'Counselor (guru BK)',
    wali_kelas: 'Homeroom teacher (wali kelas)',
    pembina_osis: 'Student council advisor (pembina OSIS)',
    osis: 'Student council (OSIS) representative',
    komite: 'School committee (komite)',
  },
};

i18n.addResourceBundle('id', 'team', id, true, true);
i18n.addResourceBundle('en', 'team', en, true, true);
