/**
 * A large pathway in the designer (issue 17), in real Chromium against the
 * real API: a 300-step pathway opens drawing only the steps in view — never
 * all 300 at once to measure them (the canvas gives React Flow each step's
 * usual size and handle places) — and every transition drawn meets the
 * handles of its steps, before and after a step is dragged and after the view
 * moves to steps not drawn at first.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from '../../apps/editor/e2e/browser.ts';
import { e2eWorld } from '../../apps/editor/e2e/suite.ts';
import { REPO_ROOT, type RunningServer } from '../../apps/editor/e2e/server.ts';
import { signIn } from '../../apps/editor/e2e/designer.ts';
import { generatedPathway } from '../../apps/editor/e2e/generated.ts';

const SHOTS = join(REPO_ROOT, 'test-results', 'designer-large');
let server: RunningServer;
let page: Page;
const errors: string[] = [];
const world = e2eWorld(SHOTS, errors);
beforeAll(() => void ({ server, page } = world));

/** Counts, from navigation on, the most steps React Flow had in the document at once. */
const MOST_STEPS = `(() => {
  window.__mostSteps = 0;
  new MutationObserver(() => {
    const n = document.querySelectorAll('.react-flow__node').length;
    if (n > window.__mostSteps) window.__mostSteps = n;
  }).observe(document, { subtree: true, childList: true });
})()`;

/**
 * For every drawn transition wholly inside the canvas: how far (px on screen) its
 * path's start is from the nearest drawn out handle and its end from the
 * nearest in handle (steps are hundreds of px apart, so a transition drawn
 * to a wrong place on its step shows as a miss of several px).
 */
const MISSES = `(() => {
  const centres = (sel) => [...document.querySelectorAll(sel)].map((el) => { const r = el.getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2]; });
  const outs = centres('.react-flow__node .react-flow__handle-right');
  const ins = centres('.react-flow__node .react-flow__handle-left');
  const nearest = (p, list) => Math.min(...list.map((c) => Math.hypot(p[0] - c[0], p[1] - c[1])));
  const pane = document.querySelector('.react-flow').getBoundingClientRect();
  const out = [];
  for (const path of document.querySelectorAll('.react-flow__edge path.react-flow__edge-path')) {
    const m = path.getScreenCTM();
    const len = path.getTotalLength();
    const at = (l) => { const p = path.getPointAtLength(l); return [m.a * p.x + m.c * p.y + m.e, m.b * p.x + m.d * p.y + m.f]; };
    const [a, b] = [at(0), at(len)];
    const r = path.getBoundingClientRect();
    // Only transitions wholly inside the canvas (both their steps in view, so drawn).
    if (!(r.left > pane.left && r.right < pane.right && r.top > pane.top && r.bottom < pane.bottom)) continue;
    out.push(Math.max(nearest(a, outs), nearest(b, ins)));
  }
  return out;
})()`;

describe('a 300-step pathway in the designer', () => {
  it('draws only the steps in view, and every transition meets its steps before and after a drag', async () => {
    await signIn(page, server.url);
    const doc = generatedPathway(300, `besar_${Date.now().toString(36)}`);
    const id = await page.evaluate(async (document) => {
      const me = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string };
      const res = await fetch('/api/pathways', { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken }, body: JSON.stringify({ document }) });
      return ((await res.json()) as { id: string }).id;
    }, doc);
    await page.addInitScript(MOST_STEPS);
    await page.goto(`${server.url}/pathways/${id}`);
    await page.waitForSelector('[data-testid="node-langkah_0"]');
    await page.waitForSelector('.react-flow__edge');
    await page.waitForTimeout(800);
    const most = (await page.evaluate('window.__mostSteps')) as number;
    const drawn = await page.locator('.react-flow__node').count();
    expect(drawn).toBeGreaterThan(5);
    expect(most).toBeGreaterThanOrEqual(drawn);
    // Never every step at once (React Flow draws each step it cannot place its handles on, to measure it).
    expect(most).toBeLessThan(150);

    const misses = (await page.evaluate(MISSES)) as number[];
    expect(misses.length).toBeGreaterThan(3);
    expect(Math.max(...misses)).toBeLessThan(3);

    // Drag a drawn step: its transitions follow its handles.
    const box = await page.locator('[data-testid="node-langkah_12"]').boundingBox();
    if (!box) throw new Error('langkah_12 is not drawn');
    await page.mouse.move(box.x + 60, box.y + 30);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) await page.mouse.move(box.x + 60 + i * 6, box.y + 30 + i * 5, { steps: 1 });
    await page.mouse.up();
    await page.waitForTimeout(300);
    const moved = (await page.evaluate(MISSES)) as number[];
    expect(Math.max(...moved)).toBeLessThan(3);

    // Steps far from the start, not drawn when opened, are drawn and met once in view.
    await page.mouse.move(700, 400);
    for (let k = 0; k < 4; k++) {
      await page.mouse.wheel(0, 600);
      await page.waitForTimeout(200);
    }
    await page.waitForTimeout(500);
    const later = await page.evaluate(() => [...document.querySelectorAll('.step-node')].map((e) => Number(e.getAttribute('data-testid')!.replace('node-langkah_', ''))));
    expect(Math.max(...later)).toBeGreaterThan(60);
    const far = (await page.evaluate(MISSES)) as number[];
    expect(far.length).toBeGreaterThan(3);
    expect(Math.max(...far)).toBeLessThan(3);
    await page.screenshot({ path: join(SHOTS, 'large-scrolled.png') });
    expect(errors).toEqual([]);
  });
});
