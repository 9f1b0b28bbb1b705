/**
 * The one way the UI writes dates and times: Intl in the UI's language,
 * `id-ID` for Bahasa Indonesia and `en-GB` for English, one style per kind
 * (a date "27 Nov 2026", a date with time "27 Nov 2026 09.30" / "27 Nov
 * 2026, 09:30", a month "November 2026"). A calendar date (`YYYY-MM-DD`) is
 * read as that day wherever the browser is, not as UTC midnight.
 */
import { useTranslation } from './index.ts';

export type DateInput = string | number | Date;

/** The Intl locale of a UI language. */
export function localeOf(lang: string | undefined): 'id-ID' | 'en-GB' {
  return lang === 'en' || lang?.startsWith('en-') ? 'en-GB' : 'id-ID';
}

const STYLES = {
  date: { day: 'numeric', month: 'short', year: 'numeric' },
  dateTime: { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' },
  time: { hour: '2-digit', minute: '2-digit' },
  month: { month: 'long', year: 'numeric' },
  monthShort: { month: 'short', year: 'numeric' },
  weekday: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;
export type DateStyle = keyof typeof STYLES;

const formats = new Map<string, Intl.DateTimeFormat>();

/** A `Date` from an instant, a timestamp or a calendar date (`YYYY-MM-DD`, `YYYY-MM`: local, not UTC). */
export function toDate(value: DateInput): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'number') return new Date(value);
  const day = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(value);
  if (day) return new Date(Number(day[1]), Number(day[2]) - 1, day[3] ? Number(day[3]) : 1);
  return new Date(value);
}

/** `value` written in `lang` in one of the styles; '—' for nothing or an invalid date. */
export function formatDate(value: DateInput | null | undefined, lang: string | undefined, style: DateStyle = 'date'): string {
  if (value === null || value === undefined || value === '') return '—';
  const d = toDate(value);
  if (Number.isNaN(d.getTime())) return '—';
  const locale = localeOf(lang);
  const key = `${locale}:${style}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, STYLES[style]);
    formats.set(key, f);
  }
  return f.format(d);
}

/** The formatters in the current UI language. */
export function useDates() {
  const { i18n } = useTranslation();
  const lang = i18n.language;
  return {
    lang,
    locale: localeOf(lang),
    date: (v: DateInput | null | undefined) => formatDate(v, lang, 'date'),
    dateTime: (v: DateInput | null | undefined) => formatDate(v, lang, 'dateTime'),
    time: (v: DateInput | null | undefined) => formatDate(v, lang, 'time'),
    month: (v: DateInput | null | undefined) => formatDate(v, lang, 'month'),
    format: (v: DateInput | null | undefined, style: DateStyle) => formatDate(v, lang, style),
  };
}

/** A day as `YYYY-MM-DD` in this device's own calendar (today by default), for date inputs; not UTC, which is yesterday before 07:00 WIB. */
export function localIsoDate(d: Date = new Date()): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
