/**
 * Translations: Bahasa Indonesia first, English second. The chosen language
 * is kept in localStorage (`jalur.lang`) and survives a reload.
 */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { id } from './id.ts';
import { en } from './en.ts';

export type Lang = 'id' | 'en';
const KEY = 'jalur.lang';

function storedLang(): Lang {
  try {
    return localStorage.getItem(KEY) === 'en' ? 'en' : 'id';
  } catch {
    return 'id';
  }
}

void i18n.use(initReactI18next).init({
  resources: { id: { translation: id }, en: { translation: en } },
  lng: storedLang(),
  fallbackLng: 'id',
  interpolation: { escapeValue: false },
});
document.documentElement.lang = i18n.language;

/** Switches the language and remembers it. */
export function setLanguage(lang: Lang): void {
  try {
    localStorage.setItem(KEY, lang);
  } catch {
    // Private mode: the switch still works for this page.
  }
  document.documentElement.lang = lang;
  void i18n.changeLanguage(lang);
}

/** The current language as the engine's `Localized` key. */
export function currentLang(): Lang {
  return i18n.language === 'en' ? 'en' : 'id';
}

export default i18n;
export { useTranslation } from 'react-i18next';
export type { TFunction } from 'i18next';
