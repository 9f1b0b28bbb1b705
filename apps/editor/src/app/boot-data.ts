/**
 * The answers boot.js started fetching before the app arrived. Each is taken
 * once, and only while fresh (the first seconds after the page loaded); after
 * that the app fetches as usual.
 */
declare global {
  interface Window {
    __jalurBoot?: { at: number; fetched: Record<string, Promise<Response> | undefined>; drawn?: boolean };
  }
}

const FRESH_MS = 15_000;

/** URLs the app has asked for already: boot.js's answer serves only the app's first request of each. */
const asked = new Set<string>();

/** The early `GET url` boot.js made, if this is the app's first request of it and nobody has taken it yet. */
export function takeBoot(url: string): Promise<Response> | undefined {
  // A later request wants what is true now. boot.js can also run after the app's first request (it is a
  // separate script), and its answer, left unused, must not stand in for a later one (after a role switch).
  if (asked.has(url)) return undefined;
  asked.add(url);
  const boot = typeof window === 'undefined' ? undefined : window.__jalurBoot;
  if (!boot || Date.now() - boot.at > FRESH_MS) return undefined;
  const found = boot.fetched[url];
  if (found) delete boot.fetched[url];
  return found;
}

/**
 * Takes away boot.js's first view of a case, for good: once the app draws
 * pages itself, boot.js does not draw one any more (its answer may come late).
 */
export function removeBootPreview(): void {
  if (typeof document === 'undefined') return;
  if (window.__jalurBoot) window.__jalurBoot.drawn = true;
  document.getElementById('boot-preview')?.remove();
}
