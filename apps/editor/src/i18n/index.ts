/**
 * Translations: Bahasa Indonesia first, English second. The chosen language
 * is kept in localStorage (`jalur.lang`) and survives a reload.
 *
 * The few parts of i18next the app uses, in about 1 KB instead of 18 KB of
 * a phone's first download (issue 17), with i18next's meaning for each:
 *   - messages in namespaces (`translation` unless `useTranslation(ns)`, the
 *     option `ns`, or the prefix `ns:` of a namespace that exists), found by dotted paths;
 *   - `{{name}}` interpolation (a value that is not passed stays as written,
 *     one passed as `undefined` or `null` becomes empty), never escaped (React does);
 *   - plurals by `count` with the language's plural rules (`_one`, `_other`)
 *     and `_zero` for 0, and `context` (`key_context`, `key_context_one`);
 *   - `defaultValue`, then the Indonesian text, then the key itself.
 * English is fetched only when chosen (`ready` and `setLanguage` wait for it).
 */
import { useSyncExternalStore } from 'react';
import { id } from './id.ts';

export type Lang = 'id' | 'en';
const KEY = 'jalur.lang';
const DEFAULT_NS = 'translation';

type Messages = { [key: string]: string | Messages };
type TOptions = { ns?: string; count?: number | string; context?: string; defaultValue?: string; [value: string]: unknown };
export type TFunction = (key: string, options?: TOptions) => string;

const resources: Record<Lang, Record<string, Messages>> = { id: { [DEFAULT_NS]: id as Messages }, en: { [DEFAULT_NS]: {} } };

function storedLang(): Lang {
  try {
    return localStorage.getItem(KEY) === 'en' ? 'en' : 'id';
  } catch {
    return 'id';
  }
}

let language: Lang = storedLang();
const listeners = new Set<() => void>();
const plurals: Partial<Record<Lang, Intl.PluralRules>> = {};

function merge(into: Messages, from: Messages, overwrite: boolean): void {
  for (const [k, v] of Object.entries(from)) {
    const have = into[k];
    if (typeof v === 'object' && typeof have === 'object') merge(have, v, overwrite);
    else if (have === undefined || overwrite) into[k] = typeof v === 'object' ? structuredClone(v) : v;
  }
}

function lookup(lang: Lang, ns: string, path: string): string | undefined {
  let node: string | Messages | undefined = resources[lang][ns];
  for (const part of path.split('.')) {
    if (typeof node !== 'object') return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/** `{{name}}` → the value; one that was not passed stays as written. */
function interpolate(text: string, values: TOptions): string {
  return text.replace(/\{\{([^{}]+)\}\}/g, (whole, name: string) => {
    const key = name.trim();
    if (!(key in values)) return whole;
    const v = values[key];
    return v == null ? '' : String(v);
  });
}

/** The keys to try, most specific first, as i18next orders them. */
function candidates(key: string, lang: Lang, options: TOptions): string[] {
  const out: string[] = [];
  const count = options.count;
  const plural = typeof count === 'number' ? `_${(plurals[lang] ??= new Intl.PluralRules(lang)).select(count)}` : null;
  const variants = (base: string) => [...(count === 0 ? [`${base}_zero`] : []), ...(plural ? [base + plural] : []), base];
  if (options.context) out.push(...variants(`${key}_${options.context}`));
  out.push(...variants(key));
  return out;
}

function translate(lang: Lang, defaultNs: string, fullKey: string, options: TOptions = {}): string {
  let ns = options.ns ?? defaultNs;
  let key = fullKey;
  const colon = fullKey.indexOf(':');
  if (colon > 0 && resources.id[fullKey.slice(0, colon)]) {
    ns = fullKey.slice(0, colon);
    key = fullKey.slice(colon + 1);
  }
  for (const l of lang === 'id' ? (['id'] as const) : ([lang, 'id'] as const)) {
    for (const k of candidates(key, l, options)) {
      const found = lookup(l, ns, k);
      if (found !== undefined) return interpolate(found, options);
    }
  }
  return options.defaultValue !== undefined ? interpolate(options.defaultValue, options) : key;
}

let english: Promise<void> | null = null;
/** The app's own English messages (features add theirs as they load). */
export function loadLanguage(lang: Lang): Promise<void> {
  if (lang === 'id') return Promise.resolve();
  return (english ??= import('./en.ts').then(({ en }) => merge(resources.en[DEFAULT_NS]!, en as Messages, false)));
}

const tCache = new Map<string, TFunction>();
function fixedT(lang: Lang, ns: string): TFunction {
  const cacheKey = `${lang}:${ns}`;
  let t = tCache.get(cacheKey);
  if (!t) tCache.set(cacheKey, (t = (key, options) => translate(lang, ns, key, options)));
  return t;
}

const i18n = {
  /** The UI's language now. */
  get language(): Lang {
    return language;
  },
  /** Adds a feature's messages to `ns` (deep: keeps what is there unless `overwrite`). */
  addResourceBundle(lang: Lang, ns: string, messages: object, _deep = true, overwrite = false): void {
    merge((resources[lang][ns] ??= {}), messages as Messages, overwrite);
  },
  changeLanguage(lang: Lang): void {
    if (lang === language) return;
    language = lang;
    listeners.forEach((l) => l());
  },
  t(key: string, options?: TOptions): string {
    return translate(language, DEFAULT_NS, key, options);
  },
};

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** `t` for `ns` in the current language; the component draws again when the language changes. */
export function useTranslation(ns: string = DEFAULT_NS): { t: TFunction; i18n: typeof i18n } {
  const lang = useSyncExternalStore(subscribe, () => language);
  return { t: fixedT(lang, ns), i18n };
}

if (typeof document !== 'undefined') document.documentElement.lang = language;

/** Settles when the chosen language's messages are here (at once for Bahasa Indonesia). */
export const ready: Promise<void> = loadLanguage(language).catch(() => {
  // Offline with English never fetched: Bahasa Indonesia, the fallback, stands in.
});

/** Switches the language (once its messages are here) and remembers it. */
export async function setLanguage(lang: Lang): Promise<void> {
  await loadLanguage(lang);
  try {
    localStorage.setItem(KEY, lang);
  } catch {
    // Private mode: the switch still works for this page.
  }
  document.documentElement.lang = lang;
  i18n.changeLanguage(lang);
}

/** The current language as the engine's `Localized` key. */
export function currentLang(): Lang {
  return i18n.language;
}

export default i18n;
