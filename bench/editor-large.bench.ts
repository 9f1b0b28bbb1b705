/**
 * The designer on a 1,000-step pathway in real Chromium, each figure against
 * a 30-step pathway in the same run (same server, same browser):
 * - opening it until the first step and a transition are drawn (< 1.5 s;
 *   timed in the page as editor.bench.ts's first render);
 * - the 95th-percentile frame while dragging a step (≤ 20 ms);
 * - ELK auto-layout from the click until the laid-out routes are drawn (< 2 s),
 *   with ELK in a Web Worker: the longest frame while ELK computes shows the
 *   page keeps drawing meanwhile (≤ 50 ms, three frames).
 */
import type { BenchEntry } from './lib.ts';
import { median } from './lib.ts';
import { launchChromium, type Page } from '../apps/editor/e2e/browser.ts';
import { buildEditor, startServer } from '../apps/editor/e2e/server.ts';
import { signIn } from '../apps/editor/e2e/designer.ts';
import { generatedPathway } from '../apps/editor/e2e/generated.ts';
import { FIRST_RENDER, middleStep, openPathway } from './editor.bench.ts';

interface Measure {
  openMs: number;
  p95FrameMs: number;
  maxFrameMs: number;
  layoutMs: number;
  elkMs: number;
  maxFrameDuringElkMs: number;
  /** The frame in which ELK's answer is committed and drawn. */
  applyFrameMs: number;
}

async function createPathway(page: Page, n: number): Promise<string> {
  const doc = generatedPathway(n, `bench_${n}_${Date.now().toString(36)}`);
  return page.evaluate(async (document) => {
    const me = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string };
    const res = await fetch('/api/pathways', { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken }, body: JSON.stringify({ document }) });
    if (!res.ok) throw new Error(`create: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { id: string }).id;
  }, doc);
}

/** Frame times recorded with requestAnimationFrame, started and stopped from the test. */
const START_FRAMES = `(() => {
  window.__frames = [];
  window.__stop = false;
  let last = performance.now();
  const tick = (t) => {
    window.__frames.push([t, t - last]);
    last = t;
    if (!window.__stop) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})()`;
const STOP_FRAMES = '(() => { window.__stop = true; return window.__frames.slice(1); })()';

async function measure(page: Page, base: string, id: string): Promise<Measure> {
  const [openMs] = await openPathway(page, `${base}/pathways/${id}`);
  await page.waitForTimeout(500);

  const middle = await middleStep(page);
  const box = await page.locator(`[data-testid="node-${middle}"]`).boundingBox();
  if (!box) throw new Error('node not visible');
  await page.evaluate(START_FRAMES);
  const x = box.x + 60;
  const y = box.y + 30;
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let i = 1; i <= 60; i++) await page.mouse.move(x + Math.sin(i / 8) * 60, y + Math.sin(i / 6) * 40, { steps: 1 });
  await page.mouse.up();
  const drag = ((await page.evaluate(STOP_FRAMES)) as [number, number][]).map(([, d]) => d).sort((a, b) => a - b);
  await page.waitForTimeout(1500); // the drag's autosave

  // Auto-layout: click, then wait until this layout's answer came and the routes ELK drew are on screen
  // (a pathway laid out before already shows routed labels, so the selector alone proves nothing).
  await page.evaluate(START_FRAMES);
  const t0 = await page.evaluate(() => performance.now());
  await page.click('[data-testid=auto-layout]');
  await page.waitForFunction((since) => ((globalThis as { __jalurLayout?: Record<string, number> }).__jalurLayout?.['jalur:layout:computed'] ?? 0) > since, t0, { timeout: 60_000 });
  await page.waitForSelector('.edge-label[data-routed=true]', { timeout: 60_000 });
  // The frame after the commit has drawn it.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  const t1 = await page.evaluate(() => performance.now());
  const frames = (await page.evaluate(STOP_FRAMES)) as [number, number][];
  const marks = ((await page.evaluate('globalThis.__jalurLayout ?? {}')) ?? {}) as Record<string, number>;
  const sent = marks['jalur:layout:measured'] ?? t0;
  const done = marks['jalur:layout:computed'] ?? t1;
  // Frames drawn while ELK computes in the worker: begun after the labels were measured, ended
  // before the answer came. The frames on either side measure the labels and draw the result;
  // they are figures of their own.
  const during = frames.filter(([t, d]) => t - d >= sent && t <= done).map(([, d]) => d);
  const applying = frames.filter(([t, d]) => t > done && t - d <= done).map(([, d]) => d);
  await page.waitForTimeout(1500);
  return {
    openMs,
    p95FrameMs: drag[Math.floor(drag.length * 0.95)] ?? 0,
    maxFrameMs: drag.at(-1) ?? 0,
    layoutMs: t1 - t0,
    elkMs: done - sent,
    maxFrameDuringElkMs: during.length ? Math.max(...during) : 0,
    applyFrameMs: applying.length ? Math.max(...applying) : 0,
  };
}

export default async function editorLargeBench(): Promise<BenchEntry[]> {
  buildEditor();
  const server = await startServer();
  const browser = await launchChromium();
  try {
    const page = await browser.context.newPage();
    await page.addInitScript(FIRST_RENDER);
    await signIn(page, server.url);
    const small = await createPathway(page, 30);
    const large = await createPathway(page, 1000);
    // A warm-up round, then interleaved rounds; the median of each figure.
    await measure(page, server.url, small);
    await measure(page, server.url, large);
    const runs: { small: Measure; large: Measure }[] = [];
    for (let r = 0; r < 3; r++) runs.push({ small: await measure(page, server.url, small), large: await measure(page, server.url, large) });
    const med = (pick: (m: { small: Measure; large: Measure }) => number) => median(runs.map(pick));
    const entry = (name: string, pick: (m: Measure) => number, target: number | null): BenchEntry => {
      const value = med((m) => pick(m.large));
      const baseline = med((m) => pick(m.small));
      return { name, value, unit: 'ms', baseline, ratio: baseline > 0 ? value / baseline : null, target, pass: target === null ? null : value <= target };
    };
    return [
      entry('editor: open, 1000 vs 30 steps', (m) => m.openMs, 1500),
      entry('editor: p95 frame dragging, 1000 vs 30 steps', (m) => m.p95FrameMs, 20),
      entry('editor: longest frame dragging, 1000 vs 30 steps', (m) => m.maxFrameMs, 50),
      entry('editor: ELK auto-layout until drawn, 1000 vs 30 steps', (m) => m.layoutMs, 2000),
      entry('editor: ELK in the worker, 1000 vs 30 steps', (m) => m.elkMs, 2000),
      entry('editor: longest frame while ELK runs, 1000 vs 30 steps', (m) => m.maxFrameDuringElkMs, 50),
      entry('editor: frame drawing the laid-out pathway, 1000 vs 30 steps', (m) => m.applyFrameMs, null),
    ];
  } finally {
    await browser.close();
    await server.stop();
  }
}
