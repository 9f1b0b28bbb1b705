/**
 * Issue 17, the case page's own code, in real Chromium against the real API
 * server (built editor, temporary SQLite, demo seed):
 *   - the first view (student, current step, its actions) is drawn from the
 *     page's own chunks: none of the scripts fetched by then holds the
 *     registers' code (group sessions, funds, partners), the aid, the step
 *     answers or the interventions; those sections arrive after, in place of
 *     a quiet placeholder that keeps its room;
 *   - the print button waits for the late sections, so the printed summary
 *     has them;
 *   - a section whose code cannot be loaded says so in words (the rest of the
 *     page stays), and "Coba lagi" loads it once it can.
 * The service worker is kept out here so that every script goes over the
 * network where the test can hold it back (the offline test covers the worker).
 * Screenshots in test-results/case-page-parts/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type BrowserSession, type Page } from '../../apps/editor/e2e/browser.ts';
import { buildEditor, REPO_ROOT, startServer, type RunningServer } from '../../apps/editor/e2e/server.ts';
import { DEMO_PASSWORD } from '../../apps/editor/e2e/designer.ts';

const SHOTS = join(REPO_ROOT, 'test-results', 'case-page-parts');
let server: RunningServer;
let browser: BrowserSession;
let caseId = '';
const errors: string[] = [];

/** Code of the sections that come after the first view, by what only it contains (API paths, the registers' query keys). */
const LATE_CODE: [string, RegExp][] = [
  ['registers (group sessions, partners, funds)', /\/api\/registers\/|satgas-registers/],
  ['group sessions of a case', /\/group-sessions/],
  ['aid paid out (CaseMoney)', /\/disbursements/],
  ['step answers', /\/answers`/],
  ['interventions (CaseWorkPanel)', /\/interventions/],
];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  buildEditor();
  server = await startServer();
  browser = await launchChromium();
  // No service worker: it would answer for the scripts out of the test's sight.
  await browser.context.addInitScript(() => {
    delete (Navigator.prototype as { serviceWorker?: unknown }).serviceWorker;
  });
  const page = await browser.context.newPage();
  await page.goto(`${server.url}/login`);
  await page.fill('[data-testid=login-email]', 'bk@sekolah-a.demo');
  await page.fill('[data-testid=login-password]', DEMO_PASSWORD);
  await page.click('[data-testid=login-submit]');
  await page.waitForURL((u) => u.pathname !== '/login' && u.pathname !== '/');
  // An active case where the guru BK has an action to take.
  caseId = await page.evaluate(async () => {
    const list = (await (await fetch('/api/cases?status=active&limit=50')).json()) as { items: { id: string }[] };
    for (const c of list.items) {
      const v = (await (await fetch(`/api/cases/${c.id}`)).json()) as { availableEvents: unknown[] };
      if (v.availableEvents.length > 0) return c.id;
    }
    return '';
  });
  await page.close();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function newPage(): Promise<Page> {
  const page = await browser.context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  return page;
}

/** Holds back the scripts whose name matches until `release()`; `held()` lists the ones asked for. */
async function holdScripts(page: Page, pattern: RegExp): Promise<{ release: () => void; held: () => string[] }> {
  const waiting: { continue: () => Promise<void> }[] = [];
  const seen: string[] = [];
  let released = false;
  await page.route(
    (u) => u.pathname.startsWith('/assets/') && pattern.test(u.pathname),
    (route) => {
      seen.push(new URL(route.request().url()).pathname);
      if (released) void route.continue();
      else waiting.push(route);
    },
  );
  return {
    release: () => {
      released = true;
      for (const r of waiting.splice(0)) void r.continue();
    },
    held: () => seen,
  };
}

describe('the case page draws its first view first (Chromium)', () => {
  it('shows the student, the current step and its actions while every script with the later sections’ code is held back; those arrive after in place of a placeholder', async () => {
    expect(caseId, 'a demo case with an action for the guru BK').not.toBe('');
    const page = await newPage();
    // Every script is read on its way; one holding a later section's code waits until released.
    let release: () => void = () => undefined;
    const released = new Promise<void>((done) => (release = done));
    const held = new Map<string, string>();
    await page.route(
      (u) => u.pathname.startsWith('/assets/') && u.pathname.endsWith('.js'),
      async (route) => {
        const response = await route.fetch();
        const body = await response.text();
        if (LATE_CODE.some(([, re]) => re.test(body))) {
          held.set(new URL(route.request().url()).pathname, body);
          await released;
        }
        await route.fulfill({ response, body });
      },
    );
    await page.goto(`${server.url}/cases/${caseId}`);
    await page.waitForSelector('[data-testid=case-page] [data-testid=current-step]', { timeout: 20_000 });
    await page.waitForSelector('[data-testid=case-page] [data-testid^=action-]');
    expect(await page.getByTestId('case-student').textContent()).not.toBe('');
    // The later sections' code was asked for and is held back: their placeholder keeps its room.
    expect(held.size).toBeGreaterThan(0);
    expect(await page.getByTestId('timeline').count()).toBe(0);
    const box = await page.locator('[data-section-pending=details]').boundingBox();
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(150);
    await page.screenshot({ path: join(SHOTS, '01-first-view.png'), fullPage: true });

    release();
    await page.getByTestId('timeline').waitFor();
    await page.getByTestId('step-answers').waitFor();
    await page.getByTestId('notes').waitFor({ state: 'attached' });
    await expect.poll(() => page.locator('[data-section-pending]').count()).toBe(0);
    // Each kind of later code was among what the first view went without.
    const later = [...held.values()].join('\n');
    expect(LATE_CODE.filter(([, re]) => !re.test(later)).map(([what]) => what)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, '02-whole-page.png'), fullPage: true });
    await page.close();
    expect(errors).toEqual([]);
  }, 120_000);

  it('prints only once the later sections are on the page', async () => {
    const page = await newPage();
    const late = await holdScripts(page, /CaseDetails|CaseSidePanels/);
    await page.goto(`${server.url}/cases/${caseId}`);
    await page.waitForSelector('[data-testid=case-page] [data-testid=current-step]');
    // The browser's print dialog: note what the page holds when it opens.
    await page.evaluate(() => {
      const w = window as unknown as { printed: { timeline: boolean; notes: boolean; answers: boolean }[] };
      w.printed = [];
      window.print = () => {
        w.printed.push({ timeline: !!document.querySelector('[data-testid=timeline]'), notes: !!document.querySelector('[data-testid=notes]'), answers: !!document.querySelector('[data-testid=step-answers]') });
      };
    });
    await page.getByTestId('print').click();
    await page.waitForTimeout(700);
    expect(await page.evaluate(() => (window as unknown as { printed: unknown[] }).printed)).toEqual([]);
    expect(await page.getByTestId('print').isDisabled()).toBe(true);
    late.release();
    await expect.poll(() => page.evaluate(() => (window as unknown as { printed: unknown[] }).printed)).toEqual([{ timeline: true, notes: true, answers: true }]);
    await expect.poll(() => page.getByTestId('print').isDisabled()).toBe(false);
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: join(SHOTS, '03-print.png'), fullPage: true });
    await page.close();
  }, 120_000);

  it('says in words when a section’s code cannot be loaded, keeps the rest of the page, and loads it on "Coba lagi"', async () => {
    const page = await newPage();
    let fail = true;
    await page.route(
      (u) => /\/assets\/CaseDetails-[^/]*\.js$/.test(u.pathname),
      (route) => (fail ? route.abort('internetdisconnected') : route.continue()),
    );
    await page.goto(`${server.url}/cases/${caseId}`);
    await page.waitForSelector('[data-testid=case-page] [data-testid=current-step]');
    const error = page.locator('[data-testid=section-error][data-section=details]');
    await error.waitFor();
    const text = (await error.textContent()) ?? '';
    expect(text).toContain('Bagian halaman ini tidak dapat dimuat');
    expect(text).not.toMatch(/dynamically imported|TypeError|\/assets\//);
    expect(await error.getAttribute('role')).toBe('alert');
    // The rest of the page is there: the step's actions and the side panels.
    expect(await page.locator('[data-testid^=action-]').count()).toBeGreaterThan(0);
    await page.getByTestId('notes').waitFor({ state: 'attached' });
    await page.screenshot({ path: join(SHOTS, '04-section-error.png'), fullPage: true });
    fail = false;
    await page.getByTestId('section-retry').click();
    await page.getByTestId('timeline').waitFor();
    expect(await error.count()).toBe(0);
    await page.close();
    // The failed chunk shows up as a page error nowhere: it is handled on the page.
    expect(errors).toEqual([]);
  }, 120_000);
});
