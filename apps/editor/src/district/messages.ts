/**
 * District-page strings about complementary suppression (issue 13 §4), merged
 * into the `reports` namespace after `../reports/messages.ts`. Bahasa Indonesia first.
 */
import i18n from '../i18n/index.ts';
import '../reports/messages.ts';

const id = {
  district: {
    withheld: '≥5 = jumlah 5 atau lebih yang ikut disembunyikan, agar angka <5 tidak dapat dihitung dari total atau selisih; x = disembunyikan tanpa batas, karena kolom sebelum juga dibandingkan antarperiode',
    hiddenRate: 'disembunyikan',
    node: 'Simpul pengawasan',
    under: 'di bawah {{name}}',
    schoolsBelow: '{{count}} sekolah di bawah simpul ini',
    kinds: { provinsi: 'Dinas provinsi', cabang_dinas: 'Cabang dinas', kabupaten: 'Dinas kabupaten', kota: 'Dinas kota' },
  },
};

const en: typeof id = {
  district: {
    withheld: '≥5 = a count of 5 or more also hidden, so that no <5 can be worked out from totals or differences; x = hidden without a bound, because the before-column is also compared across periods',
    hiddenRate: 'hidden',
    node: 'Oversight node',
    under: 'under {{name}}',
    schoolsBelow: '{{count}} schools below this node',
    kinds: { provinsi: 'Province office', cabang_dinas: 'Regional branch office (cabang dinas)', kabupaten: 'Regency office', kota: 'City office' },
  },
};

i18n.addResourceBundle('id', 'reports', id, true, false);
i18n.addResourceBundle('en', 'reports', en, true, false);
