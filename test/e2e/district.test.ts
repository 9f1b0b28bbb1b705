/**
 * The district template library in real Chromium against the real server
 * (built editor, demo seed): the district admin publishes Sekolah A's
 * pathway as a template, the kepsek of Sekolah B adopts it, Sekolah A
 * improves its pathway and the district publishes that as version 2, and
 * Sekolah B sees "update available" and opens the visual diff.
 * Screenshots go to test-results/district/.
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

async function signInAs(email: string): Promise<void> {
  await page.context().clearCookies();
  await signIn(page, server.url, email);
}

/** Publishes Sekolah A's srps-standar version `v` as the template `srps-sekolah-a` through the form. */
async function publishFromForm(v: number): Promise<void> {
  await page.goto(`${server.url}/templates`);
  const form = page.locator('[data-testid=publish-template]');
  await form.waitFor();
  await form.locator('select[name=school]').selectOption({ label: 'Sekolah A' });
  await expect.poll(() => form.locator('select[name=pathway] option').count()).toBeGreaterThan(1);
  const srps = await form.locator('select[name=pathway] option', { hasText: /SRPS|srps/i }).first().getAttribute('value');
  await form.locator('select[name=pathway]').selectOption(srps!);
  await form.locator('select[name=version]').selectOption(String(v));
  await form.locator('input[name=key]').fill('srps-sekolah-a');
  await form.locator('textarea[name=description]').fill('Alur SRPS Sekolah A: identifikasi, asesmen, intervensi per faktor, pemantauan.');
  await form.locator('input[name=tags]').fill('srps, motivasi, ekonomi');
  await form.locator('button[type=submit]').click();
  await expect.poll(() => form.locator('[role=status]').textContent(), { timeout: 15_000 }).toContain(`v${v}`);
}

const world = e2eWorld(SHOTS, errors);
beforeAll(() => void ({ server, page } = world));

describe('district template library in Chromium', () => {
  it('a district admin publishes a template', async () => {
    await signInAs('dinas@kabupaten.demo');
    await publishFromForm(1);
    await page.waitForSelector('[data-testid=template-srps-sekolah-a]');
    await shot('01-published');
  });

  it('a kepsek of another school adopts it', async () => {
    await signInAs('kepsek@sekolah-b.demo');
    await page.goto(`${server.url}/templates`);
    const card = page.locator('[data-testid=template-srps-sekolah-a]');
    await card.waitFor();
    // Preview on the designer's read-only canvas first.
    await card.getByRole('link', { name: 'Pratinjau' }).click();
    await page.waitForURL(/\/pathways\/[^/]+\/versions\/1$/);
    await page.waitForSelector('[data-testid="node-identifikasi"]', { timeout: 20_000 });
    expect(await page.locator('[data-testid^="node-"]').count()).toBeGreaterThan(10);
    await shot('02a-preview');
    await page.goBack();
    await card.waitFor();
    await card.getByRole('button', { name: 'Adopsi' }).click();
    await card.locator('[data-testid=adoption]').waitFor({ timeout: 15_000 });
    expect(await card.locator('[data-testid=adoption]').textContent()).toContain('Terbaru (v1)');
    await shot('02-adopted');
  });

  it('a new template version shows up as an update with a visual diff', async () => {
    // Sekolah A improves its pathway and publishes version 2 (through the API, as the designer would).
    await signInAs('kepsek@sekolah-a.demo');
    const published = await page.evaluate(async () => {
      const list = (await (await fetch('/api/pathways')).json()) as { items: { id: string; key: string; scope: string }[] };
      const own = list.items.find((p) => p.key === 'srps-standar' && p.scope === 'school')!;
      const detail = (await (await fetch(`/api/pathways/${own.id}`)).json()) as { draft: { machine: { states: Record<string, { meta: { title: { id: string } } }> } }; draftRevision: number };
      const doc = detail.draft;
      doc.machine.states.identifikasi!.meta.title.id = 'Identifikasi siswa rentan (angket motivasi)';
      const put = await fetch(`/api/pathways/${own.id}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ document: doc, expectedRevision: detail.draftRevision }) });
      if (!put.ok) return `PUT ${put.status} ${await put.text()}`;
      const pub = await fetch(`/api/pathways/${own.id}/publish`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      return pub.ok ? 'ok' : `publish ${pub.status} ${await pub.text()}`;
    });
    expect(published).toBe('ok');

    await signInAs('dinas@kabupaten.demo');
    await publishFromForm(2);

    await signInAs('kepsek@sekolah-b.demo');
    await page.goto(`${server.url}/templates`);
    const card = page.locator('[data-testid=template-srps-sekolah-a]');
    await card.locator('[data-testid=update-available]').waitFor({ timeout: 15_000 });
    expect(await card.locator('[data-testid=update-available]').textContent()).toContain('v1 → v2');
    await shot('03-update-available');

    await card.locator('[data-testid=view-diff]').click();
    await page.waitForURL(/\/diff\?from=1&to=2$/);
    const legend = page.locator('[data-testid=diff-legend]');
    await legend.waitFor({ timeout: 20_000 });
    await expect.poll(async () => (await legend.textContent()) ?? '').toMatch(/[1-9]\d* (diubah|changed)/);
    await shot('04-diff');

    // Pulling the update into the school's draft: the library then shows it up to date.
    await page.goto(`${server.url}/templates`);
    await card.getByRole('button', { name: 'Tarik ke draf baru' }).click();
    await card.locator('[role=status]').waitFor({ timeout: 15_000 });
    await expect.poll(() => card.locator('[data-testid=adoption]').textContent(), { timeout: 15_000 }).toContain('Terbaru (v2)');
    expect(errors).toEqual([]);
  });
});
