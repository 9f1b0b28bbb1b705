/**
 * Small-count suppression for anything that leaves a school: a count of 1–4
 * could identify a child, so it is shown as `"<5"`. Zero stays zero (it names
 * nobody) unless it is hidden to protect another cell. District tables also
 * hide complements (`"≥5"`) so no `"<5"` can be worked out by arithmetic:
 * see `disclosure.ts`.
 */
import { SMALL, SUPPRESSION_THRESHOLD, type PublicCount } from './disclosure.ts';

export { SMALL, WITHHELD, SUPPRESSION_THRESHOLD, publishedRate, byPublished, Disclosure, type PublicCount } from './disclosure.ts';

/** `n`, or `"<5"` when `0 < n < 5` (one cell on its own; tables use `Disclosure`). */
export function suppressCount(n: number): PublicCount {
  return n > 0 && n < SUPPRESSION_THRESHOLD ? SMALL : n;
}
