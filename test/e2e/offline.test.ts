/**
 * The phone without a signal (issues 16 and 13), in real Chromium against
 * the real API with the demo seed, at 390 × 844:
 * - the service worker keeps the app shell: offline, "Tugas saya" and a page
 *   never opened before show the app (or a real offline page), never React
 *   Router's developer page, and a reload offline starts the app from the
 *   cache and says it is offline;
 * - a case step taken offline waits in the outbox and is applied exactly
 *   once when the connection returns; one that the case outran meanwhile
 *   (409) is shown plainly and never applied;
 * - the outbox is the signed-in user's: another user of the same browser
 *   never sends it, and signing out deletes it (after asking).
 * Screenshots go to test-results/offline/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type BrowserSession, type Page } from '../../apps/editor/e2e/browser.ts';
import { DEMO_PASSWORD, signIn } from '../../apps/editor/e2e/designer.ts';
import { buildEditor, REPO_ROOT, startServer, type RunningServer } from '../../apps/editor/e2e/server.ts';

const SHOTS = join(REPO_ROOT, 'test-results', 'offline');
let server: RunningServer;
let browser: BrowserSession;
let page: Page;
const errors: string[] = [];
const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`) });

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  buildEditor();
  server = await startServer();
  browser = await launchChromium({ viewport: { width: 390, height: 844 } });
  page = await browser.context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** A signed-in API session from Node, for a second person acting on the same case. */
async function apiSession(email: string): Promise<{ get<T>(path: string): Promise<T>; post(path: string, body: unknown): Promise<Response> }> {
  const res = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: DEMO_PASSWORD }) });
  const body = (await res.json()) as { csrfToken: string };
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  return {
    get: async (path) => (await fetch(`${server.url}${path}`, { headers: { cookie } })).json(),
    post: (path, json) => fetch(`${server.url}${path}`, { method: 'POST', headers: { cookie, 'content-type': 'application/json', 'x-csrf-token': body.csrfToken }, body: JSON.stringify(json) }),
  };
}

interface CaseView {
  id: string;
  version: number;
  steps: { stateId: string; meta?: { form?: unknown[] } }[];
  availableEvents: { type: string; stateId: string; enabled: boolean }[];
}

/** An active case with an action this user may take now whose step asks for no form fields. */
async function caseWithPlainAction(api: Awaited<ReturnType<typeof apiSession>>, skip: string[] = []): Promise<{ id: string; event: string }> {
  const list = await api.get<{ items: { id: string }[] }>('/api/cases?status=active&limit=100');
  for (const { id } of list.items) {
    if (skip.includes(id)) continue;
    const c = await api.get<CaseView>(`/api/cases/${id}`);
    const ev = c.availableEvents.find((e) => e.enabled && (c.steps.find((s) => s.stateId === e.stateId)?.meta?.form ?? []).length === 0);
    if (ev) return { id, event: ev.type };
  }
  throw new Error('no case with a plain action in the demo data');
}

/** Signs in on the login page and waits until the app has left it (wherever it lands). */
async function signInAs(email: string): Promise<void> {
  await browser.context.clearCookies();
  await page.goto(`${server.url}/login`);
  await page.fill('[data-testid=login-email]', email);
  await page.fill('[data-testid=login-password]', DEMO_PASSWORD);
  await page.click('[data-testid=login-submit]');
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

const outboxKeys = () => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('jalur.outbox.')));
const eventCount = async (api: Awaited<ReturnType<typeof apiSession>>, id: string) => (await api.get<{ items: unknown[] }>(`/api/cases/${id}/events`)).items.length;

describe('offline', () => {
  it('keeps the app shell: "Tugas saya", a page never opened and a reload work offline or say plainly that they cannot', async () => {
    await signIn(page, server.url, 'bk@sekolah-a.demo');
    await page.goto(`${server.url}/cases`);
    await page.waitForSelector('[data-testid=case-card]');
    // The service worker registers once the page has shown and the browser is idle, then takes control.
    await page.waitForFunction(() => navigator.serviceWorker?.controller !== null && navigator.serviceWorker?.controller !== undefined, undefined, { timeout: 30_000 });
    const cached = await page.evaluate(async () => (await Promise.all((await caches.keys()).map(async (k) => (await (await caches.open(k)).keys()).length))).reduce((a, b) => a + b, 0));
    expect(cached).toBeGreaterThan(10);

    await browser.context.setOffline(true);
    await page.click('nav.cw-tabs a:has-text("Tugas saya")');
    await page.waitForURL(/\/cases\/tasks$/);
    await page.waitForSelector('[data-testid=offline-banner]');
    expect(await page.locator('text=Hey developer').count()).toBe(0);
    expect(await page.locator('nav.cw-tabs').count()).toBe(1);
    await shot('01-tasks-offline');

    // The reports' charts were never fetched: the page says it is offline instead of crashing.
    await page.click('header nav a:has-text("Laporan")');
    await page.waitForSelector('[data-testid=offline-page]');
    expect(await page.locator('text=Hey developer').count()).toBe(0);
    await shot('02-reports-offline');

    // A reload without a network: the cached shell starts and says so.
    await page.reload();
    await page.waitForSelector('[data-testid=offline-page]');
    expect(await page.locator('[data-testid=offline-page] h1').textContent()).toBe('Anda sedang luring');
    await shot('03-reload-offline');

    await browser.context.setOffline(false);
    await page.click('[data-testid=offline-retry]');
    await page.waitForSelector('header nav');
    expect(await page.locator('[data-testid=offline-page]').count()).toBe(0);
  }, 120_000);

  it('queues a case step taken offline and applies it exactly once when the connection returns', async () => {
    await browser.context.setOffline(false);
    const bk = await apiSession('bk@sekolah-a.demo');
    const { id, event } = await caseWithPlainAction(bk);
    const before = await eventCount(bk, id);
    await page.goto(`${server.url}/cases/${id}`);
    await page.waitForSelector(`[data-testid="action-${event}"]`);
    const posts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith(`/api/cases/${id}/events`)) posts.push(r.headers()['idempotency-key'] ?? '');
    });

    await browser.context.setOffline(true);
    await page.click(`[data-testid="action-${event}"]`);
    await page.click('[data-testid=send-event]');
    await page.waitForSelector('[data-testid=queued-step]');
    expect(await page.locator(`[data-testid="action-${event}"]`).isDisabled()).toBe(true);
    const keys = await outboxKeys();
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatch(/^jalur\.outbox\.v2:/);
    await shot('04-step-queued');

    await browser.context.setOffline(false);
    await page.waitForSelector('[data-testid=queued-step]', { state: 'detached', timeout: 30_000 });
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid=timeline-event]').length >= n, before + 1);
    expect(await eventCount(bk, id)).toBe(before + 1);
    // Every attempt carried the same key (the offline one never reached the server).
    expect(new Set(posts).size).toBe(1);
    expect(await outboxKeys()).toEqual([]);
  }, 90_000);

  it('shows plainly a queued step the case outran meanwhile (409) and never applies it', async () => {
    await browser.context.setOffline(false);
    const bk = await apiSession('bk@sekolah-a.demo');
    const { id, event } = await caseWithPlainAction(bk);
    await page.goto(`${server.url}/cases/${id}`);
    await page.waitForSelector(`[data-testid="action-${event}"]`);
    await browser.context.setOffline(true);
    await page.click(`[data-testid="action-${event}"]`);
    await page.click('[data-testid=send-event]');
    await page.waitForSelector('[data-testid=queued-step]');

    // Meanwhile someone else moves the case on.
    const now = await bk.get<CaseView>(`/api/cases/${id}`);
    const res = await bk.post(`/api/cases/${id}/events`, { type: event, expectedVersion: now.version });
    expect(res.status).toBe(200);
    const after = await eventCount(bk, id);

    await browser.context.setOffline(false);
    const failed = page.locator('[data-testid=queued-step-failed]');
    await failed.waitFor({ timeout: 30_000 });
    expect(await failed.getAttribute('data-status')).toBe('409');
    expect(await failed.textContent()).toContain('kasus ini sudah berubah sebelum langkah itu terkirim');
    await shot('05-step-conflict');
    expect(await eventCount(bk, id)).toBe(after);
    // It is not sent again; the person reads it and removes it.
    await page.click('[data-testid=queued-step-discard]');
    await failed.waitFor({ state: 'detached' });
    expect(await outboxKeys()).toEqual([]);
    expect(await eventCount(bk, id)).toBe(after);
  }, 90_000);

  it('keeps the outbox per user: the next user of the browser never sends it; signing out asks, then deletes it', async () => {
    await browser.context.setOffline(false);
    await signInAs('bk@sekolah-a.demo');
    const bk = await apiSession('bk@sekolah-a.demo');
    const { id } = await caseWithPlainAction(bk);
    const records = async () => (await bk.get<{ items: unknown[] }>(`/api/cases/${id}/records`)).items.length;
    const before = await records();
    const writeVisitOffline = async (plan: string) => {
      await page.goto(`${server.url}/cases/${id}`);
      await page.waitForSelector('[data-testid=visit-plan]');
      await browser.context.setOffline(true);
      await page.fill('[data-testid=visit-plan]', plan);
      await page.fill('[data-testid=visit-findings]', 'Ibu bekerja malam');
      await page.click('[data-testid=record-save]');
      await page.waitForSelector('[data-testid=unsent-item]');
    };

    // The session ends without signing out (cookie gone) and the kepsek signs in on the same browser.
    await writeVisitOffline('Kunjungan yang belum terkirim');
    const owner = (await outboxKeys())[0];
    expect(owner).toMatch(/^jalur\.outbox\.v2:/);
    await browser.context.clearCookies();
    await browser.context.setOffline(false);
    await signInAs('kepsek@sekolah-a.demo');
    await page.goto(`${server.url}/cases/${id}`);
    await page.waitForSelector('[data-testid=record-form]');
    await page.waitForTimeout(1500);
    expect(await page.locator('[data-testid=unsent-item]').count()).toBe(0);
    expect(await records()).toBe(before);
    expect(await outboxKeys()).toEqual([owner]);

    // Back as the guru BK: their report is theirs, and it is sent.
    await browser.context.clearCookies();
    await signInAs('bk@sekolah-a.demo');
    await expect.poll(records, { timeout: 30_000 }).toBe(before + 1);
    // The server has it; the device lets go of it once the answer is back.
    await expect.poll(outboxKeys).toEqual([]);

    // Signing out with something unsent asks first; "cancel" keeps everything, "OK" deletes it.
    await writeVisitOffline('Kunjungan kedua');
    await page.route('**/api/cases/*/records', (r) => (r.request().method() === 'POST' ? r.abort('internetdisconnected') : r.continue()));
    await browser.context.setOffline(false);
    const dialogs: string[] = [];
    page.once('dialog', (d) => (dialogs.push(d.message()), void d.dismiss()));
    await page.click('[data-testid=logout]');
    await page.waitForTimeout(300);
    expect(dialogs[0]).toContain('belum terkirim');
    expect(page.url()).toContain(`/cases/${id}`);
    expect(await outboxKeys()).toHaveLength(1);
    page.once('dialog', (d) => void d.accept());
    await page.click('[data-testid=logout]');
    await page.waitForURL(/\/login$/);
    expect(await outboxKeys()).toEqual([]);
    await page.unroute('**/api/cases/*/records');
    await signInAs('bk@sekolah-a.demo');
    await page.waitForTimeout(1500);
    expect(await records()).toBe(before + 1);
    expect(errors.filter((e) => !/Failed to fetch|NetworkError|internet/i.test(e))).toEqual([]);
  }, 120_000);
});
