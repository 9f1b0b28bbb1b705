/**
 * The process view and the what-if check (issue 16) in real Chromium against
 * the real API (built editor, temporary SQLite with the demo seed):
 *
 * - the kepsek opens the SRPS pathway's process view from the pathway list:
 *   every figure in the tables equals the API's answer, the diagram carries
 *   the same numbers (step badges, counts on the transitions, line thickness
 *   by count), details show on hover, and the filters (risk factor, version,
 *   period) ask the API again and show its new figures;
 * - the guru BK reaches it from the case tabs, and it opens the pathway with
 *   the most active cases;
 * - at 360 px the page has no horizontal overflow;
 * - in the designer, "Coba pada kasus nyata" on the unchanged draft lists no
 *   stuck case; after deleting the "Simpan hasil cek" transition it lists the
 *   cases that would get stuck, by student name, with the event's label and
 *   no raw code — the same cases the API names for the saved draft.
 *
 * Screenshots go to test-results/process/.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type BrowserSession, type Page } from '../../apps/editor/e2e/browser.ts';
import { DEMO_PASSWORD } from '../../apps/editor/e2e/designer.ts';
import { buildEditor, REPO_ROOT, startServer, type RunningServer } from '../../apps/editor/e2e/server.ts';
import type { ProcessView as ProcessAnswer } from '../../packages/casework/src/process-view.ts';

const SHOTS = join(REPO_ROOT, 'test-results', 'process');
let server: RunningServer;
let browser: BrowserSession;
let page: Page;
const errors: string[] = [];
// The database file is ours to read with SQL; timers wait an hour, so no case moves while the figures are compared.
const dbDir = mkdtempSync(join(tmpdir(), 'jalur-process-e2e-'));
const dbFile = join(dbDir, 'jalur.db');
beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  buildEditor();
  server = await startServer({ DATABASE_URL: `file:${dbFile}`, JALUR_TIMER_INTERVAL_MS: '3600000' });
  browser = await launchChromium();
  page = await browser.context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dbDir, { recursive: true, force: true });
});

interface SqliteHandle {
  prepare(sql: string): { get(...args: unknown[]): unknown; all(...args: unknown[]): unknown[] };
  close(): void;
}
const Database = createRequire(join(REPO_ROOT, 'packages/db/package.json'))('better-sqlite3') as new (file: string, o: { readonly: boolean }) => SqliteHandle;

const shot = (p: Page, name: string, fullPage = true) => p.screenshot({ path: join(SHOTS, `${name}.png`), fullPage });

/** Signs in (in Bahasa Indonesia) and waits until the app has left the login page. */
async function signIn(p: Page, base: string, email: string): Promise<void> {
  await p.goto(`${base}/login`);
  await p.evaluate(() => localStorage.setItem('jalur.lang', 'id'));
  await p.reload();
  await p.fill('[data-testid=login-email]', email);
  await p.fill('[data-testid=login-password]', DEMO_PASSWORD);
  await p.click('[data-testid=login-submit]');
  await p.waitForURL((u) => u.pathname !== '/login');
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

async function getJson<T>(p: Page, path: string): Promise<T> {
  return p.evaluate(async (u) => {
    const r = await fetch(u);
    if (!r.ok) throw new Error(`${u}: ${r.status}`);
    return r.json();
  }, path) as Promise<T>;
}

let srpsId = '';

/** The tables on the page, read back: per step its cells' data values, per transition its count. */
async function tables(p: Page) {
  const steps = await p.locator('[data-testid=process-step-row]').evaluateAll((rows) =>
    rows.map((r) => {
      const cells = [...r.querySelectorAll('td')];
      const num = (i: number) => Number(cells[i]!.getAttribute('data-value'));
      const ms = (i: number) => (cells[i]!.getAttribute('data-ms') === '' ? null : Number(cells[i]!.getAttribute('data-ms')));
      return {
        stateId: r.getAttribute('data-step')!,
        name: r.querySelector('th')!.textContent ?? '',
        entered: num(0), stays: num(1), medianMs: ms(2), p90Ms: ms(3), waitingNow: num(4), waitingMedianMs: ms(5), waitingLongestMs: ms(6),
        texts: cells.map((c) => c.textContent ?? ''),
      };
    }),
  );
  const transitions = await p.locator('[data-testid=process-transition-row]').evaluateAll((rows) =>
    rows.map((r) => ({ from: r.getAttribute('data-from')!, to: r.getAttribute('data-to')!, count: Number(r.querySelector('td[data-value]')!.getAttribute('data-value')), text: r.textContent ?? '' })),
  );
  return { steps, transitions };
}

/** The figures on the page equal the API's answer, and read as the page's own Intl formatting of them. */
async function expectTablesEqual(p: Page, api: ProcessAnswer) {
  await expect.poll(async () => Number(await p.locator('[data-testid=process-summary]').getAttribute('data-cases')), { timeout: 15_000 }).toBe(api.cases);
  await expect.poll(async () => (await tables(p)).steps.length, { timeout: 15_000 }).toBe(api.steps.length);
  const shown = await tables(p);
  const byId = new Map(shown.steps.map((s) => [s.stateId, s]));
  for (const s of api.steps) {
    const row = byId.get(s.stateId);
    expect(row, s.stateId).toBeDefined();
    const { stateId, entered, stays, medianMs, p90Ms, waitingNow } = row!;
    expect({ stateId, entered, stays, medianMs, p90Ms, waitingNow }).toEqual({ stateId: s.stateId, entered: s.entered, stays: s.stays, medianMs: s.medianMs, p90Ms: s.p90Ms, waitingNow: s.waitingNow });
    // Waiting grows with the clock: the page asked a moment before the test did.
    for (const k of ['waitingMedianMs', 'waitingLongestMs'] as const) {
      if (s[k] === null) expect(row![k], `${s.stateId} ${k}`).toBeNull();
      else expect(Math.abs(row![k]! - s[k]!), `${s.stateId} ${k}`).toBeLessThan(120_000);
    }
    // Step titles, never the state's id.
    expect(row!.name).not.toBe(s.stateId);
    expect(row!.name).not.toMatch(/_/);
    for (const part of s.stateId.split('.')) if (part.includes('_')) expect(row!.name).not.toContain(part);
  }
  const key = (t: { from: string; to: string; count: number }) => `${t.from}>${t.to}=${t.count}`;
  expect(shown.transitions.map(key).sort()).toEqual(api.transitions.map(key).sort());
  for (const t of shown.transitions) expect(t.text).not.toMatch(/_/);
  // The durations are the API's milliseconds in days (hours under a day), formatted by Intl in the page's language.
  const lang = await p.evaluate(() => document.documentElement.lang);
  const expected = await p.evaluate(
    ({ ms, lang }) =>
      ms.map((m) => {
        if (m === null) return '—';
        const locale = lang === 'en' ? 'en-GB' : 'id-ID';
        return m < 86_400_000
          ? new Intl.NumberFormat(locale, { style: 'unit', unit: 'hour', unitDisplay: 'long', maximumFractionDigits: 1 }).format(m / 3_600_000)
          : new Intl.NumberFormat(locale, { style: 'unit', unit: 'day', unitDisplay: 'long', maximumFractionDigits: 1 }).format(m / 86_400_000);
      }),
    { ms: api.steps.map((s) => s.medianMs), lang },
  );
  expect(api.steps.map((s) => byId.get(s.stateId)!.texts[2])).toEqual(expected);
}

describe('the process view in Chromium', () => {
  it('the kepsek opens it from the pathway list; the tables equal the API', async () => {
    await signIn(page, server.url, 'kepsek@sekolah-a.demo');
    const list = await getJson<{ items: { id: string; key: string; scope: string }[] }>(page, '/api/pathways');
    srpsId = list.items.find((p) => p.scope === 'school' && p.key === 'srps-standar')!.id;
    await page.goto(`${server.url}/pathways`);
    await page.click(`[data-testid="process-link-${srpsId}"]`);
    await page.waitForURL((u) => u.pathname === `/process/${srpsId}`);
    await page.waitForSelector('[data-testid=process-step-row]');
    const api = await getJson<ProcessAnswer>(page, `/api/pathways/${srpsId}/process`);
    expect(api.cases).toBeGreaterThan(10);
    await expectTablesEqual(page, api);
    // Tables a screen reader finds by their captions.
    expect(await page.getByRole('table', { name: 'Angka per langkah' }).count()).toBe(1);
    expect(await page.getByRole('table', { name: 'Angka per perpindahan' }).count()).toBe(1);
    await shot(page, '01-process-kepsek');
  });

  it('the figures on the page equal a direct SQL count in the database', async () => {
    const db = new Database(dbFile, { readonly: true });
    try {
      const of = `FROM cases c WHERE c.school_id = 'demo-sekolah-a' AND c.pathway_id = ?`;
      const count = (sql: string, ...args: unknown[]) => (db.prepare(sql).get(...args) as { n: number }).n;
      const { steps, transitions } = await tables(page);
      expect(Number(await page.locator('[data-testid=process-summary]').getAttribute('data-cases'))).toBe(count(`SELECT count(*) AS n ${of}`, srpsId));
      for (const s of steps) {
        // Entered: events whose state after holds the step and whose state before did not.
        const entered = count(
          `SELECT count(*) AS n FROM case_events e JOIN cases c ON c.id = e.case_id
           WHERE c.school_id = 'demo-sekolah-a' AND c.pathway_id = ?
             AND (',' || e.state_after || ',') LIKE ('%,' || ? || ',%')
             AND (e.state_before IS NULL OR (',' || e.state_before || ',') NOT LIKE ('%,' || ? || ',%'))`,
          srpsId, s.stateId, s.stateId,
        );
        const waiting = count(`SELECT count(*) AS n ${of} AND c.status = 'active' AND (',' || c.state_value || ',') LIKE ('%,' || ? || ',%')`, srpsId, s.stateId);
        expect({ step: s.stateId, entered: s.entered, waitingNow: s.waitingNow }).toEqual({ step: s.stateId, entered, waitingNow: waiting });
      }
      // Every case was opened once into the first step.
      const opened = transitions.find((t) => t.from === '')!;
      expect(opened.count).toBe(count(`SELECT count(*) AS n FROM case_events e JOIN cases c ON c.id = e.case_id WHERE c.school_id = 'demo-sekolah-a' AND c.pathway_id = ? AND e.state_before IS NULL`, srpsId));
    } finally {
      db.close();
    }
  });

  it('draws the same numbers on the diagram: badges per step, counts and line thickness per transition, details on hover', async () => {
    const api = await getJson<ProcessAnswer>(page, `/api/pathways/${srpsId}/process`);
    await page.waitForSelector('[data-testid="proc-badge-identifikasi"]');
    // Every step with figures that the diagram draws has its badge with the API's numbers.
    for (const s of api.steps) {
      const badge = page.locator(`[data-testid="proc-badge-${s.stateId}"]`);
      expect(await badge.count(), s.stateId).toBe(1);
      expect(Number(await badge.getAttribute('data-entered'))).toBe(s.entered);
      expect(Number(await badge.getAttribute('data-waiting'))).toBe(s.waitingNow);
    }
    // A transition drawn once is counted once: identify → assessment.
    const idToAs = api.transitions.find((t) => t.from === 'identifikasi' && t.to === 'asesmen')!;
    const chip = page.locator('[data-testid="proc-edge-identifikasi|on:SELESAI_IDENTIFIKASI|0"]');
    await chip.waitFor();
    expect(Number(await chip.getAttribute('data-count'))).toBe(idToAs.count);
    expect((await chip.textContent())?.trim().startsWith(String(idToAs.count))).toBe(true);
    // The busiest transition is drawn thicker than a rare one.
    const width = (id: string) => page.locator(`.react-flow__edge[data-id="${id}"] .react-flow__edge-path`).evaluate((e) => parseFloat(getComputedStyle(e).strokeWidth));
    const busy = await width('pemantauan.menunggu_pekan|after:P7D|0');
    const rare = await width('keputusan|on:UBAH_PENDEKATAN|0');
    expect(busy).toBeGreaterThan(rare);
    // Hovering a badge shows its numbers in words.
    const badge = page.locator('[data-testid="proc-badge-asesmen"]');
    await badge.hover();
    const tip = badge.locator('[data-testid=proc-tip]');
    await expect.poll(() => tip.isVisible()).toBe(true);
    const asesmen = api.steps.find((s) => s.stateId === 'asesmen')!;
    expect(await tip.textContent()).toContain(`Masuk: ${asesmen.entered}`);
    expect(await tip.textContent()).toContain(`Menunggu sekarang: ${asesmen.waitingNow}`);
    await shot(page, '02-process-hover', false);
    expect(errors).toEqual([]);
  });

  it('filters by risk factor, version and period ask the API again and show its figures', async () => {
    await page.selectOption('[data-testid=process-risk]', 'economic');
    await page.waitForURL((u) => u.searchParams.get('riskFactor') === 'economic');
    const economic = await getJson<ProcessAnswer>(page, `/api/pathways/${srpsId}/process?riskFactor=economic`);
    const all = await getJson<ProcessAnswer>(page, `/api/pathways/${srpsId}/process`);
    expect(economic.cases).toBeLessThan(all.cases);
    await expectTablesEqual(page, economic);
    await shot(page, '03-process-economic');

    await page.selectOption('[data-testid=process-version]', '1');
    await page.fill('[data-testid=process-from]', '2026-01-01');
    await page.waitForURL((u) => u.searchParams.get('from') === '2026-01-01' && u.searchParams.get('version') === '1');
    const period = await getJson<ProcessAnswer>(page, `/api/pathways/${srpsId}/process?riskFactor=economic&version=1&from=2026-01-01`);
    await expectTablesEqual(page, period);

    await page.click('[data-testid=process-reset]');
    await page.waitForURL((u) => u.search === '');
    await expectTablesEqual(page, all);
  });

  it('two filters changed before the page draws again both stay in the address', async () => {
    // A quick user or a slow phone: the second change lands before the first one's navigation is drawn.
    await page.evaluate(() => {
      const fire = (el: HTMLInputElement | HTMLSelectElement | null, value: string) => {
        if (!el) throw new Error('filter not found');
        const proto = el instanceof HTMLSelectElement ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
        Object.getOwnPropertyDescriptor(proto, 'value')!.set!.call(el, value);
        el.dispatchEvent(new Event(el instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
      };
      fire(document.querySelector<HTMLSelectElement>('[data-testid=process-version]'), '1');
      fire(document.querySelector<HTMLInputElement>('[data-testid=process-from]'), '2026-01-01');
    });
    await page.waitForTimeout(500);
    const url = new URL(page.url());
    expect([url.searchParams.get('version'), url.searchParams.get('from')]).toEqual(['1', '2026-01-01']);
    await page.click('[data-testid=process-reset]');
    await page.waitForURL((u) => u.search === '');
  });

  it('in English, steps and durations are in English', async () => {
    await page.evaluate(() => localStorage.setItem('jalur.lang', 'en'));
    await page.reload();
    await page.waitForSelector('[data-testid=process-step-row]');
    expect(await page.getByRole('table', { name: 'Figures per step' }).count()).toBe(1);
    const api = await getJson<ProcessAnswer>(page, `/api/pathways/${srpsId}/process`);
    await expectTablesEqual(page, api);
    expect(await page.locator('[data-testid=process-step-row][data-step=identifikasi] th').textContent()).toBe('Identify the at-risk student');
    await shot(page, '04-process-english');
    await page.evaluate(() => localStorage.setItem('jalur.lang', 'id'));
  });

  it('at 360 px the page does not scroll sideways and the tables scroll inside their own box', async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.reload();
    await page.waitForSelector('[data-testid=process-step-row]');
    await page.waitForSelector('[data-testid="proc-badge-identifikasi"]');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const wide = await page.evaluate(() => [...document.querySelectorAll('.proc-page *')].filter((e) => !e.closest('.proc-table-wrap, .react-flow') && e.getBoundingClientRect().right > window.innerWidth + 1).map((e) => e.className || e.tagName));
    expect(wide).toEqual([]);
    // Every filter can be reached and used.
    for (const f of ['process-pathway', 'process-from', 'process-to', 'process-class', 'process-risk', 'process-version']) {
      const box = await page.locator(`[data-testid=${f}]`).boundingBox();
      expect(box, f).not.toBeNull();
      expect(box!.x + box!.width, f).toBeLessThanOrEqual(360);
    }
    await shot(page, '05-process-360');
    await page.locator('[data-testid=process-canvas]').scrollIntoViewIfNeeded();
    await shot(page, '05b-process-360-diagram', false);
    await page.locator('[data-testid=process-steps]').scrollIntoViewIfNeeded();
    await shot(page, '05c-process-360-table', false);
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('the guru BK reaches it from the case tabs; it opens the pathway with the most active cases', async () => {
    await page.click('[data-testid=logout]');
    await page.waitForURL((u) => u.pathname === '/login');
    await signIn(page, server.url, 'bk@sekolah-a.demo');
    await page.goto(`${server.url}/cases`);
    await page.click('.cw-tabs a:has-text("Proses jalur")');
    await page.waitForURL((u) => u.pathname === `/process/${srpsId}`);
    await page.waitForSelector('[data-testid=process-step-row]');
    const api = await getJson<ProcessAnswer>(page, `/api/pathways/${srpsId}/process`);
    await expectTablesEqual(page, api);
    // The guru BK does not design pathways: no way back to the designer.
    expect(await page.locator('.proc-head a[href^="/pathways/"]').count()).toBe(0);
    await shot(page, '06-process-guru-bk');
  });
});

describe('what-if in the designer', () => {
  it('the unchanged draft leaves every case where it is', async () => {
    await page.click('[data-testid=logout]');
    await page.waitForURL((u) => u.pathname === '/login');
    await signIn(page, server.url, 'kepsek@sekolah-a.demo');
    await page.goto(`${server.url}/pathways/${srpsId}`);
    await page.waitForSelector('.react-flow__node');
    await page.waitForSelector('[data-testid=whatif-run]');
    expect(await page.locator('[data-testid=process-link]').getAttribute('href')).toBe(`/process/${srpsId}`);
    await shot(page, '07a-designer-header', false);
    await page.click('[data-testid=whatif-run]');
    await page.waitForSelector('[data-testid=whatif-summary]');
    expect(await page.locator('[data-testid=whatif-stuck]').count()).toBe(0);
    expect(await page.locator('[data-testid=whatif-moved]').count()).toBe(0);
    expect(await page.locator('[data-testid=whatif-unchanged]').count()).toBeGreaterThan(0);
    await shot(page, '07-whatif-unchanged', false);
    await page.click('[data-testid=whatif-close]');
  });

  it('after deleting a transition cases use, it lists the cases that would get stuck, by name, with the event’s label', async () => {
    // Delete "Simpan hasil cek" (weekly check → wait for the next week).
    await page.locator('[data-testid="edge-pemantauan.cek_mingguan|on:CATAT_CEK|0"]').dispatchEvent('click');
    await page.click('[data-testid=delete]');
    await expect.poll(() => page.locator('[data-testid="edge-pemantauan.cek_mingguan|on:CATAT_CEK|0"]').count()).toBe(0);
    await page.click('[data-testid=whatif-run]');
    await page.waitForSelector('[data-testid=whatif-stuck]');
    const dialog = page.locator('[data-testid=whatif-dialog]');
    // Names come in once the case list has loaded.
    await expect.poll(() => dialog.locator('[data-testid=whatif-stuck] .whatif-name').first().textContent()).not.toContain('…');
    const text = (await dialog.textContent()) ?? '';
    expect(text).not.toMatch(UUID);
    expect(text).not.toContain('CATAT_CEK');
    expect(text).toContain('Macet pada “Simpan hasil cek”');
    expect(text).toContain('Rancangan ini tidak lagi menerima peristiwa itu');
    const stuckShown = await dialog.locator('[data-testid=whatif-stuck]').evaluateAll((els) => els.map((e) => e.getAttribute('data-case')!).sort());
    expect(stuckShown.length).toBeGreaterThan(0);
    for (const name of await dialog.locator('[data-testid=whatif-stuck] .whatif-name a').allTextContents()) expect(name.trim().length).toBeGreaterThan(2);
    await shot(page, '08-whatif-stuck', false);

    // The same cases as the API names for the saved draft (autosaved meanwhile).
    await page.click('[data-testid=whatif-close]');
    await expect.poll(() => page.locator('[data-testid=save-status]').getAttribute('data-status'), { timeout: 15_000 }).toBe('saved');
    const api = (await page.evaluate(async (id) => {
      const r = await fetch(`/api/pathways/${id}/what-if`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
      return r.json();
    }, srpsId)) as { cases: { caseId: string; stuck?: unknown }[]; stuck: number };
    expect(api.stuck).toBe(stuckShown.length);
    expect(api.cases.filter((c) => c.stuck).map((c) => c.caseId).sort()).toEqual(stuckShown);
    expect(errors).toEqual([]);
  });

  it('a draft with errors is not tried: it says to fix the checks first', async () => {
    // Without "Data lengkap, lanjut asesmen" the assessment and everything after it can no longer be reached.
    await page.locator('[data-testid="edge-identifikasi|on:SELESAI_IDENTIFIKASI|0"]').dispatchEvent('click');
    await page.click('[data-testid=delete]');
    await page.click('[data-testid=whatif-run]');
    const error = page.locator('[data-testid=whatif-error]');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/Rancangan masih punya \d+ kesalahan pada panel pemeriksaan/);
    expect(await page.locator('[data-testid=whatif-stuck]').count()).toBe(0);
    await shot(page, '09-whatif-lint', false);
    await page.click('[data-testid=whatif-close]');
    expect(errors).toEqual([]);
  });
});
