/**
 * The school-year strings the case-work area shows on every page (the
 * rollover tab) and on a case's step form (figures filled in from the
 * imported indicators), under `sy.nav` and `sy.prefill`: apart from
 * school-year-i18n.ts so that the case page's first download stays small
 * (issue 17). Importing this module registers them.
 */
import i18n from '../i18n/index.ts';

const id = {
  nav: { rollover: 'Kenaikan kelas' },
  prefill: {
    from: 'Diisi dari indikator yang diimpor:', attendance: 'kehadiran {{period}} (sakit {{sick}}, izin {{permitted}}, alpa {{alpa}})', grades: 'nilai semester {{term}}',
    recorded: 'dicatat {{date}}', check: 'Periksa angkanya, ubah bila perlu, lalu kirim.',
  },
};
const en: typeof id = {
  nav: { rollover: 'Year-end rollover' },
  prefill: {
    from: 'Filled in from the imported indicators:', attendance: 'attendance {{period}} (sick {{sick}}, excused {{permitted}}, unexcused {{alpa}})', grades: 'grades of term {{term}}',
    recorded: 'recorded {{date}}', check: 'Check the figures, change them if needed, then send.',
  },
};

i18n.addResourceBundle('id', 'translation', { sy: id }, true, false);
i18n.addResourceBundle('en', 'translation', { sy: en }, true, false);
