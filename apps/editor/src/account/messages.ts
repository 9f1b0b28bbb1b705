/**
 * Strings of the account screens (change password, the forced change after a
 * reset), namespace `account`: Bahasa Indonesia first, English second.
 * Importing this module registers them.
 */
import i18n from '../i18n/index.ts';

const id = {
  title: 'Ganti kata sandi',
  intro: 'Masukkan kata sandi Anda saat ini, lalu kata sandi baru dua kali. Perangkat lain yang masih masuk dengan akun ini akan dikeluarkan.',
  current: 'Kata sandi saat ini',
  temporary: 'Kata sandi sementara',
  new: 'Kata sandi baru',
  repeat: 'Ulangi kata sandi baru',
  hint: 'Minimal {{min}} karakter. Kalimat pendek yang mudah Anda ingat lebih kuat daripada satu kata yang rumit.',
  tooShort: 'Kata sandi baru minimal {{min}} karakter.',
  mismatch: 'Kedua isian kata sandi baru tidak sama.',
  same: 'Kata sandi baru harus berbeda dari kata sandi saat ini.',
  submit: 'Simpan kata sandi baru',
  saving: 'Menyimpan…',
  done: 'Kata sandi Anda sudah diganti. Perangkat lain yang masuk dengan akun ini sudah dikeluarkan.',
  forcedTitle: 'Buat kata sandi baru',
  forcedIntro: '{{name}}, kata sandi Anda baru saja direset. Sebelum melanjutkan, ganti kata sandi sementara dengan kata sandi pilihan Anda sendiri.',
  logout: 'Keluar',
  back: 'Kembali',
};

const en: typeof id = {
  title: 'Change password',
  intro: 'Enter your current password, then the new one twice. Other devices still signed in with this account will be signed out.',
  current: 'Current password',
  temporary: 'Temporary password',
  new: 'New password',
  repeat: 'Repeat the new password',
  hint: 'At least {{min}} characters. A short sentence you remember easily is stronger than one complicated word.',
  tooShort: 'The new password needs at least {{min}} characters.',
  mismatch: 'The two new passwords are not the same.',
  same: 'The new password must differ from the current one.',
  submit: 'Save the new password',
  saving: 'Saving…',
  done: 'Your password has been changed. Other devices signed in with this account have been signed out.',
  forcedTitle: 'Choose a new password',
  forcedIntro: '{{name}}, your password was just reset. Before you go on, replace the temporary password with one of your own.',
  logout: 'Sign out',
  back: 'Back',
};

i18n.addResourceBundle('id', 'account', id, true, true);
i18n.addResourceBundle('en', 'account', en, true, true);
