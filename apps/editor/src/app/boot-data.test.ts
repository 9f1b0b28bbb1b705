/**
 * boot.js's early answers serve only the app's first request of each URL.
 * boot.js is a separate (async) script and can run after the app has asked:
 * its answer, left unused, once stood in for the `/api/auth/me` asked after a
 * role switch, so the menu kept the old role and the page stayed.
 */
import { afterAll, describe, expect, it } from 'vitest';

const g = globalThis as { window?: object };
const hadWindow = 'window' in g;
g.window ??= {};
const { takeBoot } = await import('./boot-data.ts');
afterAll(() => {
  if (!hadWindow) delete g.window;
});

describe('boot answers', () => {
  it('serve the first request of a URL only, never a later one', () => {
    // The app asks before boot.js has run: no answer.
    expect(takeBoot('/api/auth/me')).toBeUndefined();
    const answer = () => Promise.resolve(new Response('{}'));
    window.__jalurBoot = { at: Date.now(), fetched: { '/api/auth/me': answer(), '/api/cases/1': answer() } };
    // boot.js's answer arrived later: a later request (after a role switch) must not get it.
    expect(takeBoot('/api/auth/me')).toBeUndefined();
    // A URL the app asks for the first time gets boot.js's answer, once.
    expect(takeBoot('/api/cases/1')).toBeInstanceOf(Promise);
    expect(takeBoot('/api/cases/1')).toBeUndefined();
  });
});
