/**
 * A guru BK opens a case on a phone (issue 17), in real Chromium with the
 * DevTools protocol's emulation: slow 4G (150 ms round trip, 1.6 Mbit/s down,
 * 750 kbit/s up) and a 4× slower CPU, no cache, a fresh browser context each
 * round. Timed from navigation start until the student's name and the current
 * step are on screen, against a minimal page served by the same server in the
 * same run that fetches the same case JSON and prints the same two things.
 *
 * Also the JavaScript that the case page and the case board download before
 * they show, counted as the gzip size of each script the page fetched by then
 * (the build's own `.gz` copies; what travels is the smaller brotli copy), and
 * whether any of it holds zod (target: none; found by the scripts' content).
 */
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BenchEntry } from './lib.ts';
import { figure, median } from './lib.ts';
import { CHROMIUM_ARGS, type Browser, type BrowserSession } from '../apps/editor/e2e/browser.ts';
import { signIn } from '../apps/editor/e2e/designer.ts';
import { buildEditor, REPO_ROOT, startServer } from '../apps/editor/e2e/server.ts';

const DIST = join(REPO_ROOT, 'apps', 'editor', 'dist');
type BrowserContext = BrowserSession['context'];
/** playwright-core as the editor's harness has it (fresh contexts need `launch`, which the harness does not wrap). */
const { chromium } = createRequire(join(REPO_ROOT, 'apps', 'editor', 'package.json'))('playwright-core') as { chromium: { launch(o: object): Promise<Browser> } };
const PHONE = { width: 390, height: 844 };
/** Slow 4G as issue 17 gives it. */
const SLOW_4G = { offline: false, latency: 150, downloadThroughput: (1.6e6 / 8) | 0, uploadThroughput: (750e3 / 8) | 0 };
const CPU_SLOWDOWN = 4;
const ROUNDS = 5;

/**
 * The baseline: the least a page can do to show the same thing — one HTML
 * file, one small script (the server's CSP allows no inline script), one
 * request for the case JSON.
 */
const MINIMAL_HTML = `<!doctype html>
<html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Jalur</title><script src="/bench/case-minimal.js" defer></script></head>
<body><h1 data-testid="case-student"></h1><p data-testid="current-step"></p></body></html>
`;
const MINIMAL_JS = `fetch('/api/cases/' + new URLSearchParams(location.search).get('id'), { credentials: 'same-origin' })
  .then(function (r) { return r.json(); })
  .then(function (c) {
    document.querySelector('[data-testid=case-student]').textContent = c.student.name;
    document.querySelector('[data-testid=current-step]').textContent = c.steps.map(function (s) { return s.meta && s.meta.title ? s.meta.title.id : s.stateId; }).join(', ');
  });
`;

/**
 * Records when `selectors` all have text (performance.now(), from navigation
 * start) in window.__shownAt, and when the app itself has drawn them (inside
 * `appScope`: the case page, not boot.js's first view) in window.__appAt.
 */
const SHOWN_OBSERVER = (selectors: string[], appScope: string) => `(() => {
  const sel = ${JSON.stringify(selectors)};
  const has = (s) => { const e = document.querySelector(s); return e && (e.textContent || '').trim().length > 0; };
  const check = () => {
    if (!window.__shownAt && sel.every(has)) window.__shownAt = performance.now();
    if (!window.__appAt && sel.every((s) => has(${JSON.stringify(appScope)} + ' ' + s) || has(${JSON.stringify(appScope)} + s))) window.__appAt = performance.now();
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true });
})()`;

interface Shown {
  /** Until the student and the current step are on screen (boot.js's first view or the app's page). */
  ms: number;
  /** Until the app itself has drawn them (its actions work from then on). */
  appMs: number;
  /** Scripts fetched before the app drew the page: path and bytes on the wire. */
  scripts: { path: string; transfer: number }[];
  /** Scripts fetched before anything showed. */
  scriptsBeforeShown: string[];
}

async function open(context: BrowserContext, url: string, selectors: string[], appScope: string, throttle: boolean): Promise<Shown> {
  const page = await context.newPage();
  await page.addInitScript(SHOWN_OBSERVER(selectors, appScope));
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (throttle) {
    await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  }
  await page.goto(url, { waitUntil: 'commit' });
  // A function, not a string: the app's CSP forbids eval.
  await page.waitForFunction(() => (window as { __appAt?: number }).__appAt, undefined, { timeout: 60_000, polling: 50 });
  const shown = (await page.evaluate(`(() => {
    const js = performance.getEntriesByType('resource').filter((r) => /\\.m?js$/.test(new URL(r.name).pathname));
    const before = (at) => js.filter((r) => r.responseEnd <= at);
    return {
      ms: window.__shownAt,
      appMs: window.__appAt,
      scripts: before(window.__appAt).map((r) => ({ path: new URL(r.name).pathname, transfer: r.encodedBodySize })),
      scriptsBeforeShown: before(window.__shownAt).map((r) => new URL(r.name).pathname),
    };
  })()`)) as Shown;
  await cdp.detach().catch(() => undefined);
  await page.close();
  return shown;
}

/** The gzip size of a built script (the build's `.gz` copy, else gzip level 9 now). */
function gzBytes(path: string): number {
  const file = join(DIST, path);
  try {
    return statSync(`${file}.gz`).size;
  } catch {
    return gzipSync(readFileSync(file), { level: 9 }).length;
  }
}

const kb = (bytes: number) => bytes / 1024;

export default async function editorPhoneBench(): Promise<BenchEntry[]> {
  buildEditor();
  mkdirSync(join(DIST, 'bench'), { recursive: true });
  writeFileSync(join(DIST, 'bench', 'case-minimal.html'), MINIMAL_HTML);
  writeFileSync(join(DIST, 'bench', 'case-minimal.js'), MINIMAL_JS);
  const server = await startServer();
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
    // Sign in once; every measured round starts from this session in a fresh context (empty cache, no service worker).
    const login = await browser.newContext({ viewport: PHONE, locale: 'id-ID' });
    const lp = await login.newPage();
    await signIn(lp, server.url, 'bk@sekolah-a.demo');
    const caseId = await lp.evaluate(async () => ((await (await fetch('/api/cases?status=active&limit=1')).json()) as { items: { id: string }[] }).items[0]!.id);
    const storageState = await login.storageState();
    await login.close();

    const fresh = () => browser!.newContext({ viewport: PHONE, locale: 'id-ID', storageState, serviceWorkers: 'block', isMobile: true, hasTouch: true });
    const caseSelectors = ['[data-testid=case-student]', '[data-testid=current-step]'];
    const run = async (what: 'app' | 'minimal' | 'board', throttle: boolean): Promise<Shown> => {
      const ctx = await fresh();
      try {
        if (what === 'board') return await open(ctx, `${server.url}/cases`, ['[data-testid=case-card]'], '#root', throttle);
        if (what === 'minimal') return await open(ctx, `${server.url}/bench/case-minimal.html?id=${caseId}`, caseSelectors, 'body', throttle);
        return await open(ctx, `${server.url}/cases/${caseId}`, caseSelectors, '[data-testid=case-page]', throttle);
      } finally {
        await ctx.close();
      }
    };

    // A warm-up of each (the server's caches, Chromium's code cache is per context and so cold every round).
    await run('app', true);
    await run('minimal', true);
    const app: Shown[] = [];
    const minimal: Shown[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      app.push(await run('app', true));
      minimal.push(await run('minimal', true));
    }
    const unthrottled: number[] = [];
    for (let r = 0; r < 3; r++) unthrottled.push((await run('app', false)).appMs);
    const board = await run('board', true);

    const appMs = median(app.map((s) => s.ms));
    const drawnMs = median(app.map((s) => s.appMs));
    const minimalMs = median(minimal.map((s) => s.ms));
    const ratio = appMs / minimalMs;
    const scriptsOf = (s: Shown) => [...new Set(s.scripts.map((x) => x.path))];
    const gzOf = (s: Shown) => scriptsOf(s).reduce((n, p) => n + gzBytes(p), 0);
    const wireOf = (s: Shown) => s.scripts.reduce((n, x) => n + x.transfer, 0);
    const lastApp = app.at(-1)!;
    // zod (the engine's document schemas) has no business on the case-work path: scripts holding it, by content.
    const holdsZod = (s: Shown) => scriptsOf(s).filter((p) => readFileSync(join(DIST, p), 'utf8').includes('._zod.'));
    process.stderr.write(`  case page scripts before it shows: ${scriptsOf(lastApp).map((p) => `${p.replace('/assets/', '')} ${kb(gzBytes(p)).toFixed(1)}K`).join(', ')}\n`);
    process.stderr.write(`  rounds (ms) shown ${app.map((s) => s.ms.toFixed(0)).join(' ')} | drawn by the app ${app.map((s) => s.appMs.toFixed(0)).join(' ')} | minimal ${minimal.map((s) => s.ms.toFixed(0)).join(' ')}\n`);

    return [
      { name: 'phone: case page shows, slow 4G + 4× CPU, vs a minimal page', value: appMs, unit: 'ms', baseline: minimalMs, ratio, target: 2.5, pass: ratio <= 2.5 },
      figure('phone: case page shows, slow 4G + 4× CPU', appMs, 'ms', 3000),
      { name: 'phone: case page drawn by the app (actions usable), vs a minimal page', value: drawnMs, unit: 'ms', baseline: minimalMs, ratio: drawnMs / minimalMs, target: null, pass: null },
      figure('phone: case page drawn by the app, no throttling', median(unthrottled), 'ms'),
      figure('phone: JS before the app draws the case page (gzip)', kb(gzOf(lastApp)), 'KB', 120),
      figure('phone: JS before the app draws the case page (brotli, on the wire)', kb(wireOf(lastApp)), 'KB'),
      figure('phone: JS before the case page shows its first view (gzip)', kb([...new Set(lastApp.scriptsBeforeShown)].reduce((n, p) => n + gzBytes(p), 0)), 'KB'),
      figure('phone: JS before the case board shows (gzip)', kb(gzOf(board)), 'KB', 120),
      figure('phone: zod in the JS before the case page and the board (gzip of the scripts holding it)', kb([...new Set([...holdsZod(lastApp), ...holdsZod(board)])].reduce((n, p) => n + gzBytes(p), 0)), 'KB', 0),
      figure('phone: case board shows, slow 4G + 4× CPU', board.appMs, 'ms'),
    ];
  } finally {
    await browser?.close();
    await server.stop();
  }
}

