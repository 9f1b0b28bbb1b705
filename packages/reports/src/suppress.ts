/**
 * Small-count suppression for anything that leaves a school: a count of 1–4
 * could identify a child, so it is shown as `"<5"`. Zero stays zero (it names
 * nobody). Rates are withheld when their numerator or denominator is
 * suppressed, since a rate and its base give the count back.
 */

/** Counts below this (and above zero) are suppressed. */
export const SUPPRESSION_THRESHOLD = 5;

/** A count as published outside the school. */
export type PublicCount = number | '<5';

/** `n`, or `"<5"` when `0 < n < 5`. */
export function suppressCount(n: number): PublicCount {
  return n > 0 && n < SUPPRESSION_THRESHOLD ? '<5' : n;
}

/** `part / whole` rounded to 3 decimals, or null when either count is suppressed or `whole` is 0. */
export function suppressedRate(part: number, whole: number): number | null {
  if (whole === 0 || suppressCount(part) === '<5' || suppressCount(whole) === '<5') return null;
  return Math.round((part / whole) * 1000) / 1000;
}
