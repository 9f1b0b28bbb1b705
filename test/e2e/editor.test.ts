/**
 * The designer in real Chromium against the real API server (built editor,
 * temporary SQLite): a kepsek draws a pathway from the palette, sees and
 * fixes a dead end, simulates it to the end, publishes, reloads, exports
 * and re-imports, and undoes/redoes. Screenshots go to test-results/editor/.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from '../../apps/editor/e2e/browser.ts';
import { e2eWorld } from '../../apps/editor/e2e/suite.ts';
import { REPO_ROOT, type RunningServer } from '../../apps/editor/e2e/server.ts';
import { clickPane, connect, edgeLabels, node, selectNode, signIn, stepIds, waitForStill } from '../../apps/editor/e2e/designer.ts';

const SHOTS = join(REPO_ROOT, 'test-results', 'editor');
let server: RunningServer;
let page: Page;
const errors: string[] = [];

const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`) });
const diagnostics = () => page.locator('[data-testid=diagnostic]');
const saved = () => page.waitForSelector('[data-testid=save-status][data-status=saved]', { timeout: 15_000 });

const world = e2eWorld(SHOTS, errors);
beforeAll(() => void ({ server, page } = world));

describe('the pathway designer in Chromium', () => {
  let pathwayUrl = '';

  it('builds a 6-step pathway with a guard, a timer and a group from the palette, and fixes a dead end', async () => {
    await signIn(page, server.url);
    await page.waitForSelector('[data-testid=templates] li');
    await shot('01-pathway-list');

    await page.fill('[data-testid=new-title]', 'Jalur uji peramban');
    await page.click('[data-testid=new-blank]');
    await page.waitForURL(/\/pathways\/[^/]+$/);
    pathwayUrl = page.url();
    await node(page, 'identifikasi').waitFor();

    // One step dragged from the palette, the rest added with the keyboard-friendly click.
    await page.dragAndDrop('[data-testid=palette-assessment]', '.react-flow__pane', { targetPosition: { x: 500, y: 150 } });
    await node(page, 'asesmen').waitFor();
    await page.click('[data-testid=palette-counseling_individual]');
    await page.click('[data-testid=palette-monitoring]');
    await page.click('[data-testid=palette-final]');
    await page.click('[data-testid=palette-group]');
    // With the group selected, a new step goes inside it and becomes its first step.
    await node(page, 'kelompok').click({ position: { x: 40, y: 14 } });
    await page.click('[data-testid=palette-home_visit]');
    await node(page, 'kelompok.kunjungan_rumah').waitFor();
    expect(await stepIds(page)).toEqual(['asesmen', 'identifikasi', 'kelompok', 'kelompok.kunjungan_rumah', 'konseling_individual', 'pemantauan', 'selesai']);

    await page.click('[data-testid=auto-layout]');
    await page.waitForTimeout(300);
    await waitForStill(page);

    await connect(page, 'identifikasi', 'asesmen');
    await connect(page, 'asesmen', 'kelompok');
    // The guard: attendance below 90% goes to the home visit group.
    await page.click('[data-testid=add-guard]');
    await expect.poll(() => page.locator('[data-testid=guard-words]').textContent()).toBe('kehadiran < 90%');
    await connect(page, 'asesmen', 'konseling_individual');
    await connect(page, 'kelompok.kunjungan_rumah', 'pemantauan');
    await connect(page, 'pemantauan', 'selesai');
    // The timer: after 7 days monitoring closes the case.
    await page.click('[data-testid=trigger-after]');
    await expect.poll(() => page.locator('.edge-label.is-selected').textContent()).toContain('7 hari');
    await expect.poll(async () => (await edgeLabels(page)).join(' | ')).toContain('[kehadiran < 90%]');

    // Counseling leads nowhere yet: a dead end, shown in the panel and on the canvas.
    // The checks panel names the step by its title, not its id.
    await expect.poll(() => diagnostics().filter({ hasText: 'Konseling individual' }).count()).toBeGreaterThan(0);
    expect(await diagnostics().filter({ hasText: 'konseling_individual' }).count()).toBe(0);
    const deadEnd = page.locator('[data-testid=diagnostic][data-code=JALUR002]');
    await expect.poll(() => deadEnd.count()).toBe(1);
    await expect.poll(() => node(page, 'konseling_individual').getAttribute('class')).toContain('has-error');
    await shot('02-dead-end');

    // Publishing is refused while an error remains.
    await page.click('[data-testid=publish]');
    await expect.poll(() => page.locator('[data-testid=publish-message]').textContent()).toContain('Belum bisa terbit');

    // Clicking the diagnostic selects the step; connecting it fixes the dead end.
    await deadEnd.click();
    await expect.poll(() => page.locator('[data-testid=prop-key]').inputValue()).toBe('konseling_individual');
    await page.waitForTimeout(300); // the canvas glides to the step
    await waitForStill(page);
    await connect(page, 'konseling_individual', 'pemantauan');
    await expect.poll(() => deadEnd.count()).toBe(0);
    await expect.poll(() => page.locator('[data-testid=lint-summary]').getAttribute('data-errors')).toBe('0');
    await page.click('[data-testid=auto-layout]');
    await page.waitForTimeout(300);
    await waitForStill(page);
    await clickPane(page);
    await saved();
    await shot('03-designer');
  });

  it('simulates a pretend student to the final step', async () => {
    await page.click('[data-testid=mode-simulate]');
    await page.waitForSelector('[data-testid=simulate-panel]');
    await expect.poll(() => node(page, 'identifikasi').getAttribute('class')).toContain('is-active');
    await page.click('[data-testid=sim-step-identifikasi] [data-testid=sim-event-LANJUT]');
    await page.click('[data-testid=sim-step-asesmen] [data-testid=sim-event-LANJUT]');
    // Budi's attendance is 82%, so the guard sends him to the home visit inside the group.
    await page.waitForSelector('[data-testid="sim-step-kelompok.kunjungan_rumah"]');
    await expect.poll(() => node(page, 'kelompok.kunjungan_rumah').getAttribute('class')).toContain('is-active');
    await page.click('[data-testid="sim-step-kelompok.kunjungan_rumah"] [data-testid=sim-event-LANJUT]');
    await page.waitForSelector('[data-testid=sim-step-pemantauan]');
    await page.click('[data-testid=sim-fire-timer]');
    await page.waitForSelector('[data-testid=sim-done]');
    expect(await page.locator('[data-testid=sim-trail] li').count()).toBe(5);
    await expect.poll(() => node(page, 'selesai').getAttribute('class')).toContain('is-active');
    await shot('04-simulate');
    await page.click('[data-testid=sim-reset]');
    await expect.poll(() => page.locator('[data-testid=sim-trail] li').count()).toBe(1);
    await page.click('[data-testid=mode-design]');
  });

  it('publishes, and a reload finds the same graph', async () => {
    // Labels by their full words (the drawn text leaves the guard out when zoomed far out).
    const labelWords = () => page.locator('.edge-label').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? '').sort());
    const before = { steps: await stepIds(page), edges: await labelWords() };
    await page.click('[data-testid=publish]');
    // Publishing asks first, with what the version holds and a change note.
    await page.waitForSelector('[data-testid=publish-dialog]');
    await page.fill('[data-testid=change-note]', 'Versi pertama jalur uji.');
    await page.click('[data-testid=publish-confirm]');
    await expect.poll(() => page.locator('[data-testid=publish-message]').textContent(), { timeout: 15_000 }).toContain('Versi 1 terbit');
    await page.reload();
    await node(page, 'identifikasi').waitFor();
    await page.waitForSelector('.edge-label');
    expect(await stepIds(page)).toEqual(before.steps);
    expect(await labelWords()).toEqual(before.edges);
    expect(page.url()).toBe(pathwayUrl);
  });

  it('undoes and redoes with the keyboard', async () => {
    const start = (await stepIds(page)).length;
    await page.click('[data-testid=palette-referral]');
    await expect.poll(async () => (await stepIds(page)).length).toBe(start + 1);
    await clickPane(page);
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await stepIds(page)).length).toBe(start);
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(async () => (await stepIds(page)).length).toBe(start + 1);
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await stepIds(page)).length).toBe(start);
    // Delete from the keyboard removes the step and its transitions; undo brings both back.
    const edgesBefore = await page.locator('.react-flow__edge').count();
    await node(page, 'konseling_individual').click();
    await page.keyboard.press('Delete');
    await expect.poll(async () => (await stepIds(page)).length).toBe(start - 1);
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(edgesBefore - 2);
    await clickPane(page);
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await stepIds(page)).length).toBe(start);
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(edgesBefore);
    await saved();
  });

  it('exports XState JSON and imports it again as a new pathway', async () => {
    const steps = await stepIds(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-xstate]')]);
    const file = join(SHOTS, 'export.xstate.json');
    await download.saveAs(file);
    const config = JSON.parse(readFileSync(file, 'utf8')) as { states: Record<string, { states?: object }> };
    expect(Object.keys(config.states).sort()).toEqual(['asesmen', 'identifikasi', 'kelompok', 'konseling_individual', 'pemantauan', 'selesai']);
    expect(Object.keys(config.states.kelompok?.states ?? {})).toEqual(['kunjungan_rumah']);

    const [png] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-png]')]);
    expect(png.suggestedFilename()).toMatch(/\.png$/);
    const pngFile = join(SHOTS, 'export.png');
    await png.saveAs(pngFile);
    // A picture of the whole pathway, not an empty canvas.
    expect(statSync(pngFile).size).toBeGreaterThan(20_000);

    await page.goto(`${server.url}/pathways`);
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('[data-testid=new-import]')]);
    await chooser.setFiles(file);
    await page.waitForURL((u) => /\/pathways\/[^/]+$/.test(u.pathname) && u.href !== pathwayUrl);
    await node(page, 'identifikasi').waitFor();
    expect(await stepIds(page)).toEqual(steps);
  });

  it('shows a published version read-only and a visual diff against the draft', async () => {
    await page.goto(pathwayUrl);
    await node(page, 'identifikasi').waitFor();
    await selectNode(page, 'pemantauan');
    await page.fill('[data-testid=prop-title-id]', 'Pemantauan mingguan');
    await saved();
    await page.click('[data-testid=versions-toggle]');
    await page.click('[data-testid=version-1]');
    await page.waitForSelector('[data-testid=read-only-banner]');
    expect(await page.locator('.palette').count()).toBe(0);
    await shot('05-version-read-only');
    await page.goBack();
    await node(page, 'identifikasi').waitFor();
    await page.goto(`${pathwayUrl}/diff?from=1&to=draft`);
    await page.waitForSelector('[data-testid=diff-legend]');
    await expect.poll(() => node(page, 'pemantauan').getAttribute('class')).toContain('diff-changed');
    await shot('06-diff');
  });

  it('switches to English and keeps the choice after a reload', async () => {
    await page.goto(pathwayUrl);
    await node(page, 'identifikasi').waitFor();
    await page.click('[data-testid=lang-en]');
    await expect.poll(() => page.locator('[data-testid=publish]').textContent()).toContain('Publish');
    await page.reload();
    await expect.poll(() => page.locator('[data-testid=publish]').textContent()).toContain('Publish');
    await shot('07-english');
    await page.click('[data-testid=lang-id]');
  });

  it('draws parallel regions and connects steps without a mouse drag', async () => {
    await page.goto(`${server.url}/pathways`);
    await page.fill('[data-testid=new-title]', 'Jalur paralel');
    await page.click('[data-testid=new-blank]');
    await node(page, 'identifikasi').waitFor();
    await page.click('[data-testid=palette-parallel]');
    await page.click('[data-testid=palette-group]');
    await node(page, 'paralel.kelompok').waitFor();
    await node(page, 'paralel').click({ position: { x: 30, y: 14 } });
    await page.click('[data-testid=palette-group]');
    await node(page, 'paralel.kelompok_2').waitFor();
    await node(page, 'paralel.kelompok').click({ position: { x: 30, y: 14 } });
    await page.click('[data-testid=palette-counseling_individual]');
    await node(page, 'paralel.kelompok_2').click({ position: { x: 30, y: 14 } });
    await page.click('[data-testid=palette-funding]');
    await node(page, 'paralel.kelompok_2.penggalangan_dana').waitFor();
    await page.click('[data-testid=auto-layout]');
    await page.waitForTimeout(300);
    await waitForStill(page);
    // Connect with the properties panel (keyboard friendly) instead of dragging.
    await selectNode(page, 'identifikasi');
    await page.selectOption('[data-testid=prop-connect]', 'paralel');
    // A step dragged onto a region goes inside it.
    await page.click('[data-testid=palette-referral]');
    await node(page, 'referal').waitFor();
    await waitForStill(page);
    const from = await node(page, 'referal').boundingBox();
    const to = await node(page, 'paralel.kelompok').boundingBox();
    if (!from || !to) throw new Error('not visible');
    await page.mouse.move(from.x + 30, from.y + 12);
    await page.mouse.down();
    // The step's centre ends on the region's centre.
    await page.mouse.move(to.x + to.width / 2 - from.width / 2 + 30, to.y + to.height / 2 - from.height / 2 + 12, { steps: 15 });
    await page.mouse.up();
    await node(page, 'paralel.kelompok.referal').waitFor();
    await page.click('[data-testid=toggle-json]');
    const doc = JSON.parse(await page.locator('[data-testid=json-text]').inputValue()) as {
      machine: { states: Record<string, { type?: string; on?: Record<string, unknown>; states?: Record<string, { initial?: string; states?: object }> }> };
    };
    const par = doc.machine.states.paralel;
    expect(par?.type).toBe('parallel');
    expect(Object.keys(par?.states ?? {})).toEqual(['kelompok', 'kelompok_2']);
    expect(par?.states?.kelompok?.initial).toBe('konseling_individual');
    expect(Object.keys(par?.states?.kelompok?.states ?? {})).toEqual(['konseling_individual', 'referal']);
    expect(par?.states?.kelompok_2?.initial).toBe('penggalangan_dana');
    expect(doc.machine.states.identifikasi?.on).toEqual({ LANJUT: { target: 'paralel' } });
    await page.click('[data-testid=toggle-json]');
    await clickPane(page);
    await shot('09-parallel');
  });

  it('starts a new pathway from a district template', async () => {
    await page.goto(`${server.url}/pathways`);
    const template = page.locator('[data-testid=templates] li').first();
    await template.locator('button').click();
    await page.waitForURL((u) => /\/pathways\/[^/]+$/.test(u.pathname) && u.href !== pathwayUrl);
    await page.waitForSelector('.react-flow__node');
    expect((await stepIds(page)).length).toBeGreaterThan(3);
  });

  it('shows who changed the draft when a save conflicts (409)', async () => {
    await page.goto(pathwayUrl);
    await node(page, 'identifikasi').waitFor();
    // Someone else saves the draft behind our back.
    const { status, name } = await page.evaluate(async (url) => {
      const id = url.split('/').pop()!;
      const me = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string; user: { name: string } };
      const detail = (await (await fetch(`/api/pathways/${id}`)).json()) as { draft: Record<string, unknown>; draftRevision: number };
      const res = await fetch(`/api/pathways/${id}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: JSON.stringify({ document: detail.draft, expectedRevision: detail.draftRevision }),
      });
      return { status: res.status, name: me.user.name };
    }, pathwayUrl);
    expect(status).toBe(200);
    await selectNode(page, 'asesmen');
    await page.fill('[data-testid=prop-title-id]', 'Asesmen awal');
    await page.waitForSelector('[data-testid=conflict]', { timeout: 15_000 });
    expect(await page.textContent('[data-testid=conflict]')).toContain(name);
    await shot('08-conflict');
    await page.click('text=Simpan punya saya di atasnya');
    await saved();
    expect(errors).toEqual([]);
  });
});
