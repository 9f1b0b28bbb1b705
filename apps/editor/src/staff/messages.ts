/**
 * Strings of the staff page, namespace `staff`: Bahasa Indonesia first,
 * English second. Role names come from the app's `role.*` strings.
 * Importing this module registers them.
 */
import i18n from 'i18next';

const id = {
  title: 'Staf sekolah',
  intro: 'Peran menentukan apa yang boleh dilihat dan dikerjakan setiap staf. Perubahan berlaku pada permintaan berikutnya staf tersebut.',
  name: 'Nama',
  email: 'Email',
  role: 'Peran',
  className: 'Kelas',
  classFor: 'Kelas untuk {{name}}',
  roleFor: 'Peran {{name}}',
  save: 'Simpan peran',
  saveFor: 'Simpan peran: {{name}}',
  saving: 'Menyimpan…',
  saved: 'Peran {{name}} sekarang {{role}}.',
  you: 'Anda',
  ownRole: 'Peran Anda sendiri tidak dapat diubah di sini.',
  disabled: 'Nonaktif',
  loading: 'Memuat staf…',
  empty: 'Belum ada staf.',
};

const en: typeof id = {
  title: 'School staff',
  intro: 'A role decides what each staff member may see and do. A change takes effect on that person’s next request.',
  name: 'Name',
  email: 'Email',
  role: 'Role',
  className: 'Class',
  classFor: 'Class for {{name}}',
  roleFor: 'Role of {{name}}',
  save: 'Save role',
  saveFor: 'Save role: {{name}}',
  saving: 'Saving…',
  saved: '{{name}} is now {{role}}.',
  you: 'You',
  ownRole: 'Your own role cannot be changed here.',
  disabled: 'Disabled',
  loading: 'Loading staff…',
  empty: 'No staff yet.',
};

i18n.addResourceBundle('id', 'staff', id, true, true);
i18n.addResourceBundle('en', 'staff', en, true, true);
