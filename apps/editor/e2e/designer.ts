/**
 * Page helpers for the designer's browser tests: sign in, add steps from
 * the palette, connect two steps by dragging between their handles.
 */
import type { Page } from 'playwright-core';

export const DEMO_PASSWORD = 'jalur-demo';

export async function signIn(page: Page, base: string, email = 'kepsek@sekolah-a.demo'): Promise<void> {
  await page.goto(`${base}/login`);
  await page.fill('[data-testid=login-email]', email);
  await page.fill('[data-testid=login-password]', DEMO_PASSWORD);
  await page.click('[data-testid=login-submit]');
  // Each role lands on its own start page (app/access.ts); these tests start from the pathway list.
  await page.waitForURL((u) => u.pathname !== '/login' && u.pathname !== '/');
  if (new URL(page.url()).pathname !== '/pathways') {
    await page.goto(`${base}/pathways`);
    await page.waitForURL(/\/pathways$/);
  }
}

/** The node element of a step, by its state path. */
export const node = (page: Page, id: string) => page.locator(`[data-testid="node-${id}"]`);

/** Clicks a step and waits until the properties panel shows it: the panel follows a click a moment later (a deferred render). */
export async function selectNode(page: Page, id: string): Promise<void> {
  await node(page, id).click();
  await page.locator(`[data-testid=properties][data-shows="${id}"]`).waitFor();
}

/** Waits until the canvas stops moving (after auto-layout or a fit-view animation). */
export async function waitForStill(page: Page): Promise<void> {
  let last = '';
  for (let i = 0; i < 40; i++) {
    const now = await page.locator('.react-flow__viewport').evaluate((e) => (e as HTMLElement).style.transform + JSON.stringify([...document.querySelectorAll('.react-flow__node')].map((n) => (n as HTMLElement).style.transform)));
    if (now === last) return;
    last = now;
    await page.waitForTimeout(150);
  }
}

async function dragHandle(page: Page, from: string, to: string): Promise<void> {
  const src = await node(page, from).locator('.react-flow__handle.source').first().boundingBox();
  const dst = await node(page, to).locator('.react-flow__handle.target').first().boundingBox();
  if (!src || !dst) throw new Error(`handles not visible: ${from} → ${to}`);
  await page.mouse.move(src.x + src.width / 2, src.y + src.height / 2);
  await page.mouse.down();
  await page.mouse.move(src.x + 40, src.y + 10, { steps: 4 });
  await page.mouse.move(dst.x + dst.width / 2, dst.y + dst.height / 2, { steps: 12 });
  await page.mouse.up();
}

/** Drags from the source handle of `from` to the target handle of `to`, and checks that a transition appeared. */
export async function connect(page: Page, from: string, to: string): Promise<void> {
  const edges = page.locator('.react-flow__edge');
  const before = await edges.count();
  for (let attempt = 0; attempt < 3; attempt++) {
    await waitForStill(page);
    await dragHandle(page, from, to);
    for (let i = 0; i < 10 && (await edges.count()) === before; i++) await page.waitForTimeout(100);
    if ((await edges.count()) > before) return;
  }
  throw new Error(`could not connect ${from} → ${to}`);
}

/** Ids of every step on the canvas, sorted. */
export async function stepIds(page: Page): Promise<string[]> {
  const ids = await page.locator('[data-testid^="node-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.slice(5)));
  return ids.sort();
}

/** The text of every transition label, sorted. */
export async function edgeLabels(page: Page): Promise<string[]> {
  const labels = await page.locator('.edge-label').evaluateAll((els) => els.map((e) => (e.textContent ?? '').replace(/\s+/g, ' ').trim()));
  return labels.sort();
}

/** Clicks an empty part of the canvas (clears the selection, takes keyboard focus off inputs). */
export async function clickPane(page: Page): Promise<void> {
  const box = await page.locator('.react-flow__pane').boundingBox();
  if (!box) throw new Error('no canvas');
  await page.mouse.click(box.x + 6, box.y + 6);
}
