/**
 * Every page on a 360 × 740 phone (issue 16), in real Chromium against the
 * real API with the demo seed: no page is wider than the screen (nothing
 * sticks out of it except inside a scroller the user can swipe, or the
 * pannable pathway canvas), and every item of the main menu and of the
 * case-work tabs can be tapped (Playwright's hit-target check: nothing, such
 * as the language switch, lies over it) and leads to its page.
 * Screenshots go to test-results/phone/.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type BrowserSession, type Page } from '../../apps/editor/e2e/browser.ts';
import { signIn } from '../../apps/editor/e2e/designer.ts';
import { buildEditor, REPO_ROOT, startServer, type RunningServer } from '../../apps/editor/e2e/server.ts';
import { mkdirSync } from 'node:fs';

const SHOTS = join(REPO_ROOT, 'test-results', 'phone');
const PHONE = { width: 360, height: 740 };

let server: RunningServer;
let browser: BrowserSession;
const errors: string[] = [];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  buildEditor();
  server = await startServer();
  browser = await launchChromium({ viewport: PHONE });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function newPage(email: string): Promise<Page> {
  const page = await browser.context.newPage();
  page.on('pageerror', (e) => errors.push(`${email}: ${e.message}`));
  // Every script and stylesheet the app or boot.js asks for exists (a stale route list would 404).
  page.on('response', (r) => {
    if (r.status() >= 400 && /\/(assets\/|boot\.js)/.test(r.url())) errors.push(`${email}: ${r.status()} ${r.url()}`);
  });
  await browser.context.clearCookies();
  await signIn(page, server.url, email);
  return page;
}

async function api<T>(page: Page, path: string): Promise<T> {
  return page.evaluate(async (p) => (await fetch(p)).json(), path) as Promise<T>;
}

/** Waits until the page has stopped loading (lazy chunks, queries) and has painted. */
async function settle(page: Page): Promise<void> {
  // A page that keeps a connection busy (the designer's background layout, polling) never goes idle: wait a bounded time.
  await page.waitForLoadState('networkidle', { timeout: 15_000 }).catch(() => undefined);
  await page.waitForFunction(() => !document.querySelector('.splash'), undefined, { timeout: 15_000 }).catch(() => undefined);
  await page.waitForTimeout(250);
}

/**
 * What sticks out to the right of the screen: the document's own width, and
 * every visible element whose box passes the right edge and that is not
 * inside a horizontal scroller or the pathway canvas.
 */
async function overflow(page: Page): Promise<{ docWidth: number; offenders: string[] }> {
  return page.evaluate(() => {
    const vw = document.documentElement.clientWidth;
    const offenders: string[] = [];
    const describe = (el: Element) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : ''}`;
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.width <= 1 || r.height <= 1 || r.right <= vw + 1) continue;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || style.position === 'fixed') continue;
      let scrolled = false;
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        if (a.classList.contains('react-flow')) {
          scrolled = true;
          break;
        }
        // A scroller inside the page (a table's card, the board's columns) is fine; the page itself scrolling sideways is not.
        if (a.matches('.app, .page, .cw-page, main')) continue;
        const ox = getComputedStyle(a).overflowX;
        if ((ox === 'auto' || ox === 'scroll') && a.getBoundingClientRect().right <= vw + 1) {
          scrolled = true;
          break;
        }
      }
      if (!scrolled) offenders.push(`${describe(el)} right=${Math.round(r.right)} text="${(el.textContent ?? '').trim().slice(0, 40)}"`);
    }
    return { docWidth: document.documentElement.scrollWidth, offenders: offenders.slice(0, 8) };
  });
}

/** Every link of the main menu and of the case-work tabs passes the tap check (visible, enabled, nothing on top). */
async function menuTappable(page: Page): Promise<string[]> {
  const problems: string[] = [];
  const links = page.locator('header nav a, nav.cw-tabs a');
  const n = await links.count();
  for (let i = 0; i < n; i++) {
    const link = links.nth(i);
    const label = (await link.textContent())?.trim() ?? `#${i}`;
    try {
      await link.click({ trial: true, timeout: 2000 });
    } catch (e) {
      problems.push(`${label}: ${(e as Error).message.split('\n')[0]}`);
    }
  }
  return problems;
}

async function checkRoute(page: Page, path: string, shot: string): Promise<void> {
  await page.goto(`${server.url}${path}`);
  await settle(page);
  await page.screenshot({ path: join(SHOTS, `${shot}.png`), fullPage: false });
  const { docWidth, offenders } = await overflow(page);
  expect.soft({ path, docWidth, offenders }).toEqual({ path, docWidth: PHONE.width, offenders: [] });
  expect(await page.locator('text=Hey developer').count(), path).toBe(0);
  if (path !== '/login') expect.soft({ path, problems: await menuTappable(page) }).toEqual({ path, problems: [] });
}

describe('every page at 360 × 740', () => {
  it('kepala sekolah: the designer, case work, reports and staff pages fit the screen and the menu can be tapped', async () => {
    const page = await newPage('kepsek@sekolah-a.demo');
    const pathways = await api<{ items: { id: string; scope: string; latestVersion: number | null }[] }>(page, '/api/pathways');
    const pw = pathways.items.find((p) => p.scope === 'school' && p.latestVersion)!;
    const cases = await api<{ items: { id: string }[] }>(page, '/api/cases?status=active&limit=1');
    const caseId = cases.items[0]!.id;
    const routes: [string, string][] = [
      ['/pathways', 'kepsek-pathways'],
      [`/pathways/${pw.id}`, 'kepsek-designer'],
      [`/pathways/${pw.id}/versions/${pw.latestVersion}`, 'kepsek-version'],
      [`/pathways/${pw.id}/diff?from=${pw.latestVersion}&to=draft`, 'kepsek-diff'],
      ['/cases', 'kepsek-board'],
      [`/cases/${caseId}`, 'kepsek-case'],
      ['/cases/tasks', 'kepsek-tasks'],
      ['/cases/students', 'kepsek-students'],
      ['/cases/flags', 'kepsek-flags'],
      ['/cases/calendar', 'kepsek-calendar'],
      ['/reports', 'kepsek-reports'],
      ['/migrations', 'kepsek-migrations'],
      ['/staff', 'kepsek-staff'],
      ['/team', 'kepsek-team'],
      ['/account/password', 'kepsek-password'],
      ['/nowhere', 'kepsek-not-found'],
    ];
    for (const [path, shot] of routes) await checkRoute(page, path, shot);

    // Tapping each main-menu item on the phone leads to its page.
    for (const [name, url] of [['Kasus', /\/cases$/], ['Laporan', /\/reports$/], ['Staf', /\/staff$/], ['Jalur intervensi', /\/pathways$/]] as const) {
      await page.locator('header nav a', { hasText: name }).first().click();
      await page.waitForURL(url);
    }
    await page.close();
  }, 300_000);

  it('guru BK: the board, a case and the tabs fit and can be tapped; the login page fits', async () => {
    const page = await newPage('bk@sekolah-a.demo');
    const cases = await api<{ items: { id: string }[] }>(page, '/api/cases?status=active&limit=1');
    for (const [path, shot] of [
      ['/cases', 'bk-board'],
      [`/cases/${cases.items[0]!.id}`, 'bk-case'],
      ['/cases/tasks', 'bk-tasks'],
    ] as const)
      await checkRoute(page, path, shot);
    for (const [name, url] of [['Tugas saya', /\/cases\/tasks$/], ['Siswa', /\/cases\/students$/], ['Peringatan dini', /\/cases\/flags$/], ['Papan kasus', /\/cases$/]] as const) {
      await page.locator('nav.cw-tabs a', { hasText: name }).first().click();
      await page.waitForURL(url);
    }
    await browser.context.clearCookies();
    await checkRoute(page, '/login', 'login');
    await page.close();
  }, 180_000);

  it('dinas: the district pages fit and the menu can be tapped', async () => {
    const page = await browser.context.newPage();
    page.on('pageerror', (e) => errors.push(`dinas: ${e.message}`));
    await browser.context.clearCookies();
    await page.goto(`${server.url}/login`);
    await page.fill('[data-testid=login-email]', 'dinas@kabupaten.demo');
    await page.fill('[data-testid=login-password]', 'jalur-demo');
    await page.click('[data-testid=login-submit]');
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    for (const [path, shot] of [
      ['/district', 'dinas-district'],
      ['/templates', 'dinas-templates'],
    ] as const)
      await checkRoute(page, path, shot);
    await page.close();
    expect(errors).toEqual([]);
  }, 120_000);

  it('on slow 4G a case shows its student and step before the app arrives, and the app’s page then replaces that first view', async () => {
    const page = await newPage('bk@sekolah-a.demo');
    const cases = await api<{ items: { id: string; student: { name: string } | null }[] }>(page, '/api/cases?status=active&limit=1');
    const c = cases.items[0]!;
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: 200_000, uploadThroughput: 93_750 });
    // Note whether boot.js's first view ever appeared, and when the app drew its page.
    await page.addInitScript(() => {
      new MutationObserver(() => {
        const w = window as { __sawPreview?: boolean; __sawPage?: boolean };
        if (document.getElementById('boot-preview')?.textContent) w.__sawPreview = true;
        if (document.querySelector('[data-testid=case-page]')) w.__sawPage = true;
      }).observe(document, { subtree: true, childList: true });
    });
    await page.goto(`${server.url}/cases/${c.id}`, { waitUntil: 'commit' });
    await page.waitForSelector('[data-testid=case-page] [data-testid=current-step]', { timeout: 60_000 });
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    expect(await page.evaluate(() => (window as { __sawPreview?: boolean }).__sawPreview)).toBe(true);
    expect(await page.locator('#boot-preview').count()).toBe(0);
    expect(await page.locator('[data-testid=case-student]').count()).toBe(1);
    expect(await page.locator('[data-testid=case-student]').textContent()).toBe(c.student!.name);
    await page.screenshot({ path: join(SHOTS, 'bk-case-slow-4g.png') });
    await cdp.detach();
    await page.close();
  }, 120_000);
});
