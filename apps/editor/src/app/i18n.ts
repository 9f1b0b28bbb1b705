/**
 * Strings of the app shell (offline, errors, signing out), added to
 * the translations under `shell.*`: Bahasa Indonesia first, English
 * second. Importing this module registers them.
 */
import i18n from '../i18n/index.ts';

const id = {
  offline: {
    title: 'Anda sedang luring',
    body: 'Perangkat ini tidak tersambung ke server Jalur. Halaman yang sudah dibuka tetap bisa dibaca, dan laporan serta langkah kasus yang Anda simpan akan dikirim otomatis saat sambungan kembali.',
    banner: 'Luring — perubahan disimpan di perangkat ini dan dikirim saat sambungan kembali.',
    retry: 'Coba lagi',
    pending: 'Menunggu dikirim: {{count}}',
  },
  error: {
    title: 'Halaman ini tidak dapat dibuka',
    body: 'Terjadi kesalahan saat memuat halaman. Muat ulang halaman; jika masih gagal, hubungi admin sekolah.',
    reload: 'Muat ulang',
    details: 'Rincian teknis',
    home: 'Ke halaman awal',
    loadTitle: 'Halaman ini belum dapat dimuat',
    loadBody: 'Sambungan ke server terputus saat halaman dimuat, atau Jalur baru saja diperbarui. Muat ulang halaman.',
  },
  forbidden: {
    page: 'Halaman ini tidak tersedia untuk peran Anda ({{role}}).',
    home: 'Ke halaman awal Anda',
  },
  nav: { district: 'Sekolah binaan', templates: 'Pustaka templat', dashboard: 'Dasbor' },
  skip: 'Langsung ke isi',
  logout: {
    unsent: 'Ada {{count}} laporan atau langkah yang belum terkirim dari perangkat ini. Jika Anda keluar sekarang, semuanya dihapus dari perangkat ini dan tidak akan terkirim. Tetap keluar?',
  },
};

const en: typeof id = {
  offline: {
    title: 'You are offline',
    body: 'This device is not connected to the Jalur server. Pages already open can still be read, and the reports and case steps you save are sent automatically when the connection returns.',
    banner: 'Offline — changes are kept on this device and sent when the connection returns.',
    retry: 'Try again',
    pending: 'Waiting to be sent: {{count}}',
  },
  error: {
    title: 'This page cannot be opened',
    body: 'Something went wrong while loading this page. Reload it; if it still fails, contact the school admin.',
    reload: 'Reload',
    details: 'Technical details',
    home: 'Go to the start page',
    loadTitle: 'This page could not be loaded',
    loadBody: 'The connection to the server dropped while the page loaded, or Jalur was just updated. Reload the page.',
  },
  forbidden: {
    page: 'This page is not available in your role ({{role}}).',
    home: 'Go to your start page',
  },
  nav: { district: 'Schools overseen', templates: 'Template library', dashboard: 'Dashboard' },
  skip: 'Skip to content',
  logout: {
    unsent: '{{count}} reports or case steps have not been sent from this device yet. If you sign out now they are deleted from this device and never sent. Sign out anyway?',
  },
};

i18n.addResourceBundle('id', 'translation', { shell: id }, true, false);
i18n.addResourceBundle('en', 'translation', { shell: en }, true, false);
