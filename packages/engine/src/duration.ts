/**
 * ISO-8601 durations for `after` timers: `P7D`, `PT12H`, `P1W`, `P2DT3H`.
 * Months and years are left out on purpose: "one month" has no fixed length,
 * and a timer that fires on a different day depending on the month confuses
 * the people who rely on it. Write `P30D` or `P4W` instead.
 */
import { ISO_DURATION } from './document.ts';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

/** The parts of a duration, each a whole number (absent parts are 0). */
export interface DurationParts {
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

/** Splits an ISO-8601 duration into its parts, or `undefined` when it is not one we accept. */
export function durationParts(text: string): DurationParts | undefined {
  const match = ISO_DURATION.exec(text);
  // `P` and `PT` alone match the pattern but say nothing.
  if (!match || text === 'P' || text.endsWith('T')) return undefined;
  const [, w, d, h, m, s] = match;
  return { weeks: num(w), days: num(d), hours: num(h), minutes: num(m), seconds: num(s) };
}

function num(part: string | undefined): number {
  return part === undefined ? 0 : Number(part);
}

/** True when `text` is an ISO-8601 duration the engine accepts (`P7D`, `PT12H`, `P1W`, `P2DT3H`). */
export function isDuration(text: string): boolean {
  return durationParts(text) !== undefined;
}

/** The duration in milliseconds, or `undefined` when `text` is not an accepted duration. */
export function tryParseDuration(text: string): number | undefined {
  const p = durationParts(text);
  if (!p) return undefined;
  return p.weeks * WEEK + p.days * DAY + p.hours * HOUR + p.minutes * MINUTE + p.seconds * SECOND;
}

/**
 * The duration in milliseconds: `parseDuration('P7D') === 604_800_000`.
 * @throws RangeError when `text` is not an accepted ISO-8601 duration.
 */
export function parseDuration(text: string): number {
  const ms = tryParseDuration(text);
  if (ms === undefined) throw new RangeError(`Not an ISO-8601 duration (e.g. P7D, PT12H): ${JSON.stringify(text)}`);
  return ms;
}

const UNITS: Record<'id' | 'en', Record<keyof DurationParts, [one: string, many: string]>> = {
  id: { weeks: ['minggu', 'minggu'], days: ['hari', 'hari'], hours: ['jam', 'jam'], minutes: ['menit', 'menit'], seconds: ['detik', 'detik'] },
  en: { weeks: ['week', 'weeks'], days: ['day', 'days'], hours: ['hour', 'hours'], minutes: ['minute', 'minutes'], seconds: ['second', 'seconds'] },
};

/**
 * A duration in words for people: `durationLabel('P7D', 'id') === '7 hari'`,
 * `durationLabel('P2DT3H', 'en') === '2 days 3 hours'`. Text that is not a
 * duration comes back unchanged, so a label never hides what was written.
 */
export function durationLabel(text: string, lang: 'id' | 'en' = 'id'): string {
  const p = durationParts(text);
  if (!p) return text;
  const words: string[] = [];
  for (const unit of ['weeks', 'days', 'hours', 'minutes', 'seconds'] as const) {
    const n = p[unit];
    if (n === 0) continue;
    const [one, many] = UNITS[lang][unit];
    words.push(`${n} ${n === 1 ? one : many}`);
  }
  return words.length > 0 ? words.join(' ') : lang === 'id' ? '0 detik' : '0 seconds';
}
