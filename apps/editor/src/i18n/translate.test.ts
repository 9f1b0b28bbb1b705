/**
 * The app's small translation layer against i18next itself: every message
 * of every feature, in both languages, with the options the app passes
 * (plurals, 0, a formatted count, context, values, namespaces, a default),
 * must read exactly as i18next (with the app's old settings) reads it.
 */
import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import i18n, { loadLanguage, type Lang } from './index.ts';
import { en } from './en.ts';
import { id } from './id.ts';

const reference = i18next.createInstance();
type Tree = { [key: string]: string | Tree };
const bundles: { lang: Lang; ns: string; messages: Tree }[] = [
  { lang: 'id', ns: 'translation', messages: id as Tree },
  { lang: 'en', ns: 'translation', messages: en as Tree },
];

beforeAll(async () => {
  await reference.init({ resources: {}, lng: 'id', fallbackLng: 'id', interpolation: { escapeValue: false }, initAsync: false });
  // The app fetches its English when chosen.
  await loadLanguage('en');
  for (const b of bundles) reference.addResourceBundle(b.lang, b.ns, b.messages, true, false);
  // Every feature's messages, registered with both as the app registers them.
  const add = i18n.addResourceBundle.bind(i18n);
  i18n.addResourceBundle = (lang, ns, messages, deep, overwrite) => {
    bundles.push({ lang, ns, messages: messages as Tree });
    reference.addResourceBundle(lang, ns, messages, deep, overwrite);
    add(lang, ns, messages, deep, overwrite);
  };
  const modules = import.meta.glob(['../**/*i18n.ts', '../**/messages.ts', '../**/*Messages.ts', '../designer/strings.ts', '!../i18n/**']);
  for (const load of Object.values(modules)) await load();
  i18n.addResourceBundle = add;
});

/** Each message's key without its plural or context ending, with the names it interpolates. */
function keysOf(tree: Tree, prefix = '', out = new Map<string, Set<string>>()): Map<string, Set<string>> {
  for (const [k, v] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'object') {
      keysOf(v, path, out);
      continue;
    }
    const names = new Set([...v.matchAll(/\{\{([^{}]+)\}\}/g)].map((m) => m[1]!.trim()));
    for (const key of [path, path.replace(/_(zero|one|other)$/, ''), path.replace(/_[a-z]+_(zero|one|other)$|_[a-z]+$/, '')]) {
      const have = out.get(key) ?? new Set<string>();
      names.forEach((n) => have.add(n));
      out.set(key, have);
    }
  }
  return out;
}

const lang = (l: Lang) => {
  i18n.changeLanguage(l);
  void reference.changeLanguage(l);
};

describe('translation', () => {
  it('reads every message of every feature as i18next does, with every kind of option the app passes', () => {
    expect(bundles.length).toBeGreaterThan(20);
    let compared = 0;
    for (const l of ['id', 'en'] as const) {
      lang(l);
      for (const { ns, messages } of bundles) {
        for (const [key, names] of keysOf(messages)) {
          const values = Object.fromEntries([...names].map((n) => [n, `«${n}»`]));
          const optionSets: Record<string, unknown>[] = [
            {},
            values,
            { ...values, count: 0 },
            { ...values, count: 1 },
            { ...values, count: 7 },
            { ...values, count: '1.234' },
            { ...values, context: 'guru_bk', count: 2 },
            { defaultValue: 'cadangan {{x}}', x: 1 },
          ];
          for (const options of optionSets) {
            const ours = i18n.t(key, { ...options, ns });
            expect(ours, `${l} ${ns}:${key} ${JSON.stringify(options)}`).toBe(reference.t(key, { ...options, ns }));
            if (ns !== 'translation') expect(i18n.t(`${ns}:${key}`, options)).toBe(ours);
            compared++;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(5000);
  });

  it('falls back to Bahasa Indonesia, then the default, then the key; a value not passed stays as written', () => {
    lang('en');
    i18n.addResourceBundle('id', 'uji', { hanya: 'Hanya Indonesia {{nama}}', kosong: 'a{{v}}b' });
    reference.addResourceBundle('id', 'uji', { hanya: 'Hanya Indonesia {{nama}}', kosong: 'a{{v}}b' });
    for (const [key, options] of [
      ['uji:hanya', {}],
      ['uji:hanya', { nama: 'Budi' }],
      ['uji:kosong', { v: undefined }],
      ['uji:kosong', { v: null }],
      ['uji:tidak.ada', {}],
      ['uji:tidak.ada', { defaultValue: 'D {{n}}', n: 3 }],
      ['app', {}],
    ] as const) {
      expect(i18n.t(key, options as never), key).toBe(reference.t(key, options as never));
    }
    lang('id');
  });
});
