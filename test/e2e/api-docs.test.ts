/**
 * The API reference at /api/docs in real Chromium, with the network cut off
 * from everything but the API itself (as on a school network without
 * internet): the page renders the operations of /api/openapi.json from the
 * bundle the API serves, no request leaves for a CDN or a font host, and the
 * console shows no error and no Content-Security-Policy violation.
 * Screenshot in test-results/api-docs/.
 */
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixture, fixtureApp, ROOT, type Fixture } from '@jalur/api/testing';
import { launchChromium, type BrowserSession } from '../../apps/editor/e2e/browser.ts';

const SHOTS = join(ROOT, 'test-results', 'api-docs');
let f: Fixture;
let server: ServerType;
let url: string;
let browser: BrowserSession;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  f = await createFixture({ studentsPerSchool: 1 });
  server = serve({ fetch: fixtureApp(f).app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  await f?.close();
});

describe('/api/docs in Chromium', () => {
  it('renders the reference from the API’s own document and bundle, offline, with a clean console', async () => {
    const outside: string[] = [];
    const problems: string[] = [];
    const context = browser.context;
    await context.route('**/*', (route) => {
      const target = new URL(route.request().url());
      if (target.origin === url || target.protocol === 'data:' || target.protocol === 'blob:') return route.continue();
      outside.push(route.request().url());
      return route.abort('internetdisconnected');
    });
    const page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' || /Content Security Policy|Refused to/.test(m.text())) problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    const served: string[] = [];
    page.on('response', (r) => served.push(`${r.status()} ${new URL(r.url()).pathname}`));

    const res = await page.goto(`${url}/api/docs`);
    expect(res?.status()).toBe(200);
    const csp = res?.headers()['content-security-policy'] ?? '';
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    expect(csp).not.toContain('unsafe-eval');
    // Scalar lists the operations by their summaries, grouped by tag (the first group open).
    await page.getByRole('heading', { name: 'Jalur API' }).waitFor({ timeout: 60_000 });
    await page.getByText('Status layanan / service health').first().waitFor({ timeout: 60_000 });
    await page.getByText('case records', { exact: true }).first().click();
    await page.getByText('Tambah catatan / add a note').first().waitFor({ timeout: 60_000 });
    await page.screenshot({ path: join(SHOTS, '01-reference.png'), fullPage: false });

    expect(served).toContain('200 /api/docs/scalar.js');
    expect(served).toContain('200 /api/openapi.json');
    expect(outside, 'requests that tried to leave the school network').toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  }, 180_000);
});
