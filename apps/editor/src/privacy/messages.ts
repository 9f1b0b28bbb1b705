/**
 * Strings of the data-protection (UU PDP) controls, namespace `privacy`:
 * Bahasa Indonesia first, English second. Importing this module registers them.
 */
import i18n from '../i18n/index.ts';

const id = {
  actions: 'Data pribadi',
  export: 'Unduh data siswa (UU PDP)',
  exportLabel: 'Unduh data siswa (UU PDP): {{name}}',
  exporting: 'Mengunduh…',
  exported: 'Data {{name}} telah diunduh.',
  erase: 'Hapus data pribadi',
  eraseLabel: 'Hapus data pribadi: {{name}}',
  dialogTitle: 'Hapus data pribadi siswa',
  warning: 'Tindakan ini TIDAK DAPAT DIBATALKAN. Nama, NISN, tanggal lahir, data wali, dan teks bebas dalam kasus {{name}} akan dihapus permanen. Kasus dan angka laporan tetap ada tanpa identitas.',
  backupNote: 'Cadangan yang dibuat sebelum penghapusan masih memuat data ini.',
  suggestExport: 'Bila perlu, unduh dulu data siswa sebelum menghapus.',
  typeNisn: 'Ketik NISN siswa ({{nisn}}) untuk mengonfirmasi',
  confirm: 'Hapus permanen',
  erasing: 'Menghapus…',
  cancel: 'Batal',
  close: 'Tutup',
  erased: 'Data pribadi siswa telah dihapus ({{cases}} kasus dianonimkan).',
};

const en: typeof id = {
  actions: 'Personal data',
  export: 'Download student data (PDP law)',
  exportLabel: 'Download student data (PDP law): {{name}}',
  exporting: 'Downloading…',
  exported: 'The data of {{name}} has been downloaded.',
  erase: 'Erase personal data',
  eraseLabel: 'Erase personal data: {{name}}',
  dialogTitle: 'Erase the student’s personal data',
  warning: 'This CANNOT BE UNDONE. The name, NISN, birth date, guardian details and the free text in the cases of {{name}} will be removed for good. The cases and report figures stay, without identity.',
  backupNote: 'Backups taken before the erasure still hold this data.',
  suggestExport: 'If needed, download the student’s data before erasing.',
  typeNisn: 'Type the student’s NISN ({{nisn}}) to confirm',
  confirm: 'Erase permanently',
  erasing: 'Erasing…',
  cancel: 'Cancel',
  close: 'Close',
  erased: 'The student’s personal data has been erased ({{cases}} cases anonymised).',
};

i18n.addResourceBundle('id', 'privacy', id, true, true);
i18n.addResourceBundle('en', 'privacy', en, true, true);
