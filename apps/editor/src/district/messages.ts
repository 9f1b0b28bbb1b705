/**
 * District-page strings about complementary suppression (issue 13 §4), merged
 * into the `reports` namespace after `../reports/messages.ts`. Bahasa Indonesia first.
 */
import i18n from 'i18next';
import '../reports/messages.ts';

const id = {
  district: {
    withheld: '≥5 = jumlah 5 atau lebih yang ikut disembunyikan, agar angka <5 tidak dapat dihitung dari total atau selisih',
    hiddenRate: 'disembunyikan',
  },
};

const en: typeof id = {
  district: {
    withheld: '≥5 = a count of 5 or more also hidden, so that no <5 can be worked out from totals or differences',
    hiddenRate: 'hidden',
  },
};

i18n.addResourceBundle('id', 'reports', id, true, false);
i18n.addResourceBundle('en', 'reports', en, true, false);
