/**
 * Moving running cases to a new pathway version in real Chromium: Sekolah A
 * publishes srps-standar v2 with a renamed step; the kepsek opens the
 * migration page, which refuses the incomplete map until the renamed step
 * gets a target, runs the dry run, and applies it.
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

const world = e2eWorld(SHOTS, errors);
beforeAll(() => void ({ server, page } = world));

describe('case migration in Chromium', () => {
  it('refuses an incomplete map, dry-runs and applies', async () => {
    await signIn(page, server.url, 'kepsek@sekolah-a.demo');
    // v2: the project-based learning step is renamed (every reference with it).
    const published = await page.evaluate(async () => {
      const list = (await (await fetch('/api/pathways')).json()) as { items: { id: string; key: string; scope: string }[] };
      const own = list.items.find((p) => p.key === 'srps-standar' && p.scope === 'school')!;
      const detail = (await (await fetch(`/api/pathways/${own.id}`)).json()) as { draft: unknown; draftRevision: number };
      const doc = JSON.parse(JSON.stringify(detail.draft).replaceAll('pembelajaran_proyek', 'proyek_kelas')) as unknown;
      const put = await fetch(`/api/pathways/${own.id}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ document: doc, expectedRevision: detail.draftRevision }) });
      if (!put.ok) return `PUT ${put.status} ${await put.text()}`;
      const pub = await fetch(`/api/pathways/${own.id}/publish`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      return pub.ok ? 'ok' : `publish ${pub.status} ${await pub.text()}`;
    });
    expect(published).toBe('ok');

    await page.goto(`${server.url}/migrations`);
    await page.waitForSelector('[data-testid=migration-pathway]');
    const value = await page.locator('[data-testid=migration-pathway] option', { hasText: /SRPS/i }).first().getAttribute('value');
    await page.selectOption('[data-testid=migration-pathway]', value!);
    await page.selectOption('[data-testid=migration-from]', '1');
    await page.waitForSelector('[data-testid=state-map]');
    // The renamed step has no automatic target: the map is incomplete and the dry run refused.
    await expect.poll(() => page.locator('[data-testid=map-incomplete]').textContent()).toContain('intervensi_motivasi.pembelajaran_proyek');
    expect(await page.locator('[data-testid=dry-run]').isDisabled()).toBe(true);
    await page.screenshot({ path: join(SHOTS, '20-migration-incomplete.png'), fullPage: true });

    await page.selectOption('[data-testid="map-intervensi_motivasi.pembelajaran_proyek"]', 'intervensi_motivasi.proyek_kelas');
    expect(await page.locator('[data-testid=map-incomplete]').count()).toBe(0);
    await page.click('[data-testid=dry-run]');
    const result = page.locator('[data-testid=dry-run-result]');
    await result.waitFor({ timeout: 15_000 });
    const rows = await result.locator('table').first().locator('tbody tr').count();
    // Every running case maps (parallel regions that finished included): nothing reported unmappable.
    expect(await result.locator('table').count()).toBe(1);
    expect(rows).toBeGreaterThan(0);
    await page.screenshot({ path: join(SHOTS, '21-migration-dry-run.png'), fullPage: true });

    await page.click('[data-testid=apply]');
    await expect.poll(() => page.locator('[data-testid=applied]').textContent(), { timeout: 15_000 }).toContain(`${rows} kasus dipindahkan ke v2`);
    // Nothing runs on v1 any more.
    const left = await page.evaluate(async () => (await (await fetch('/api/reports/migration-candidates')).json()) as { items: { title: string }[] });
    expect(left.items.filter((i) => /SRPS/i.test(i.title))).toEqual([]);
    expect(errors).toEqual([]);
  });
});
