/**
 * The browser console stays clean under the server's Content-Security-Policy
 * (no `unsafe-eval`): zod 4 probes `new Function` the first time it parses an
 * object unless it is configured `jitless`, and Chromium then logs a CSP
 * violation on every page. The editor configures zod before anything parses
 * (`apps/editor/src/zod-config.ts`, imported first by `main.tsx`); this walks
 * the main pages as kepsek and reads every console message.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from '../../apps/editor/e2e/browser.ts';
import { e2eWorld } from '../../apps/editor/e2e/suite.ts';
import { signIn } from '../../apps/editor/e2e/designer.ts';
import { REPO_ROOT, type RunningServer } from '../../apps/editor/e2e/server.ts';

const SHOTS = join(REPO_ROOT, 'test-results', 'console-csp');
let server: RunningServer;
let page: Page;
const errors: string[] = [];
const world = e2eWorld(SHOTS, errors);
beforeAll(() => void ({ server, page } = world));

describe('the console under the CSP', () => {
  it('has no CSP violation (nor any error) on the main pages', async () => {
    const console: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') console.push(`${m.type()}: ${m.text()}`);
    });
    // Every violation the page reports (Chromium's console line for it is not always a console API message).
    await page.addInitScript(() => {
      const seen: string[] = ((window as unknown as { __csp: string[] }).__csp = []);
      document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
    });
    /**
     * The page has drawn what it is for, and its requests have gone quiet. "Quiet" is bounded: the
     * service worker's first precache of the app shell can keep a busy machine's network going; the
     * page under test has drawn by then, and that is what the console check needs.
     */
    const settled = async (shown: string) => {
      await page.locator(shown).first().waitFor();
      await page.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => undefined);
    };
    const reported: string[] = [];
    const collect = async () => reported.push(...(await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? [])));
    const csp = (await page.request.get(`${server.url}/login`)).headers()['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');

    await signIn(page, server.url, 'kepsek@sekolah-a.demo');
    // The designer parses and lints a pathway document (zod) in the browser.
    await page.locator('a[href^="/pathways/"]').first().click();
    await settled('[data-testid=lint-panel]');
    await collect();
    for (const [path, shown] of [['/cases', '[data-testid=board]'], ['/cases/students', 'h1'], ['/reports', 'h1']] as const) {
      await page.goto(`${server.url}${path}`);
      await settled(shown);
      await collect();
    }
    await page.screenshot({ path: join(SHOTS, 'cases.png'), fullPage: true });

    const violations = console.filter((m) => /Content Security Policy|unsafe-eval|Refused to evaluate/i.test(m));
    expect(violations, console.join('\n')).toEqual([]);
    expect(reported).toEqual([]);
    expect(errors).toEqual([]);
  }, 120_000);
});
