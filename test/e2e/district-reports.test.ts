/**
 * The M&E pages in real Chromium against the real server (demo seed): the
 * kepsek's school report (charts, tables, CSV links, print layout) and the
 * district admin's de-identified aggregates. Screenshots in test-results/district/.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from '../../apps/editor/e2e/browser.ts';
import { e2eWorld } from '../../apps/editor/e2e/suite.ts';
import { REPO_ROOT, type RunningServer } from '../../apps/editor/e2e/server.ts';
import { signIn } from '../../apps/editor/e2e/designer.ts';

const SHOTS = join(REPO_ROOT, 'test-results', 'district');
let server: RunningServer;
let page: Page;
const errors: string[] = [];
const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

const world = e2eWorld(SHOTS, errors);
beforeAll(() => void ({ server, page } = world));

describe('reports in Chromium', () => {
  it('shows the kepsek the school report with charts, CSV links and a print layout', async () => {
    await signIn(page, server.url, 'kepsek@sekolah-a.demo');
    await page.goto(`${server.url}/reports`);
    await page.waitForSelector('[data-testid=kpi-open]');
    const open = Number(await page.locator('[data-testid=kpi-open]').textContent());
    expect(open).toBeGreaterThan(0);
    // The before/after table for the default period lists the four factors of seed 002.
    const table = page.locator('[data-testid=before-after-table]');
    await table.waitFor();
    expect(await table.locator('tbody tr').count()).toBeGreaterThanOrEqual(4);
    expect(await table.locator('tbody tr').first().textContent()).toContain('Motivasi');
    expect(await page.locator('.recharts-surface').count()).toBeGreaterThanOrEqual(4);
    // Every table can be downloaded as CSV, with the school's session.
    const href = await page.locator('[data-testid=before-after] a[download]').getAttribute('href');
    const csv = await page.evaluate(async (url) => (await fetch(url!)).text(), href);
    expect(csv.replace(/^\uFEFF/, '').split('\n')[0]).toBe('faktor / factor,sebelum / before,sesudah / after');
    await shot('10-school-report');
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.app-bar').isVisible()).toBe(false);
    await shot('11-school-report-print');
    await page.emulateMedia({ media: 'screen' });
  });

  it('shows the district admin suppressed aggregates and no student', async () => {
    await page.context().clearCookies();
    await signIn(page, server.url, 'dinas@kabupaten.demo');
    await page.goto(`${server.url}/reports`);
    const schools = page.locator('[data-testid=district-schools]');
    await schools.waitFor({ timeout: 15_000 });
    const text = (await page.locator('.report-page').textContent()) ?? '';
    expect(text).toContain('Sekolah A');
    expect(text).toContain('Seluruh wilayah');
    // Sekolah B has a handful of cases: its small counts are shown as "<5".
    expect(text).toContain('<5');
    await shot('12-district-aggregates');
    expect(errors).toEqual([]);
  });
});
