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

/** The early `GET url` boot.js made, if there is one that nobody has taken yet. */
export function takeBoot(url: string): Promise<Response> | undefined {
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
