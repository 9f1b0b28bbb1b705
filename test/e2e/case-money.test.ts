/**
 * The case page's money and timeline (issue 15), in real Chromium against
 * the real API server (built editor, temporary SQLite, demo seed with its
 * funds and the cohort's disbursements):
 * - the guru BK opens a demo case the fund ledger paid for and reads
 *   "Bantuan dana": each disbursement's date, fund, amount as `Rp …`, BKK
 *   receipt and the paying step, and the total — no raw ids on screen; on a
 *   360 px phone the section fits without horizontal overflow; in English
 *   it reads "Financial aid";
 * - a group counselling session recorded for the case on a day between two
 *   of its timeline entries stands between them in the timeline (by date),
 *   not at its end;
 * - a wali kelas does not see the section on a case of their class.
 * Screenshots in test-results/case-money-e2e/.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from '../../apps/editor/e2e/browser.ts';
import { e2eWorld } from '../../apps/editor/e2e/suite.ts';
import { signIn } from '../../apps/editor/e2e/designer.ts';
import { REPO_ROOT, type RunningServer } from '../../apps/editor/e2e/server.ts';
import { pageApi, rp } from './helpers.ts';

const SHOTS = join(REPO_ROOT, 'test-results', 'case-money-e2e');
let server: RunningServer;
let page: Page;
const errors: string[] = [];
const world = e2eWorld(SHOTS, errors);
beforeAll(() => void ({ server, page } = world));
const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

const api = pageApi(() => page);
interface Out { amount: number; receiptNumber: string; date: string; student: { caseId: string | null } | null; direction: string }

/** The timeline's entries in order: type and day (`data-date`). */
const timelineEntries = () =>
  page.locator('[data-testid=timeline] > [data-testid=timeline-event]').evaluateAll((els) => els.map((e) => ({ type: e.getAttribute('data-type') ?? '', day: e.getAttribute('data-date') ?? '', text: (e.textContent ?? '').slice(0, 80) })));

describe('the case page: Bantuan dana and the timeline by date (Chromium)', () => {
  let caseId = '';
  let paid: Out[] = [];
  let fundNames: string[] = [];
  let rawIds: string[] = [];

  it('the guru BK reads the case\'s disbursements and their total; no ids on screen', async () => {
    await signIn(page, server.url, 'bk@sekolah-a.demo');
    // A demo case the ledger paid for, open if there is one (a group session needs open cases).
    const funds = (await api<{ items: { id: string; name: string }[] }>('GET', '/api/registers/funds')).body.items;
    const byCase = new Map<string, { out: Out; fund: string }[]>();
    for (const f of funds) {
      const ledger = (await api<{ entries: Out[] }>('GET', `/api/registers/funds/${f.id}`)).body;
      for (const e of ledger.entries) if (e.direction === 'out' && e.student?.caseId) byCase.set(e.student.caseId, [...(byCase.get(e.student.caseId) ?? []), { out: e, fund: f.name }]);
    }
    expect(byCase.size, 'the demo seed paid aid for some cases').toBeGreaterThan(0);
    const statuses = await Promise.all([...byCase.keys()].map(async (id) => [id, (await api<{ status: string }>('GET', `/api/cases/${id}`)).body.status] as const));
    caseId = (statuses.find(([, s]) => s === 'active') ?? statuses[0]!)[0];
    paid = byCase.get(caseId)!.map((x) => x.out).sort((a, b) => a.date.localeCompare(b.date));
    fundNames = byCase.get(caseId)!.map((x) => x.fund);
    rawIds = [caseId, ...funds.map((f) => f.id)];

    await page.goto(`${server.url}/cases/${caseId}`);
    const section = page.getByTestId('case-money');
    await section.getByRole('heading', { name: 'Bantuan dana' }).waitFor();
    await section.getByTestId('case-disbursement').first().waitFor();
    const rows = section.getByTestId('case-disbursement');
    expect(await rows.count()).toBe(paid.length);
    for (let i = 0; i < paid.length; i++) {
      const row = rows.nth(i);
      expect(await row.getByTestId('disbursement-amount').textContent()).toBe(rp(paid[i]!.amount));
      expect(await row.getByTestId('disbursement-receipt').textContent()).toBe(`Kuitansi ${paid[i]!.receiptNumber}`);
      expect(await row.getByTestId('disbursement-receipt').textContent()).toMatch(/^Kuitansi BKK-\d{4}-\d{4}$/);
      expect(fundNames).toContain(await row.getByTestId('disbursement-fund').textContent());
      expect(await row.getByTestId('disbursement-step').textContent()).toMatch(/^Langkah: \S/);
      // The date as the app writes dates (id-ID: "3 Feb 2023"), not the stored `2023-02-03`.
      const date = (await row.getByTestId('disbursement-date').textContent()) ?? '';
      expect(date).toMatch(/^\d{1,2} \S+ \d{4}$/);
      expect(date).not.toContain(paid[i]!.date);
    }
    const total = paid.reduce((s, e) => s + e.amount, 0);
    expect(await section.getByTestId('case-money-total-amount').textContent()).toBe(rp(total));
    expect(await section.getByTestId('case-money-total').textContent()).toContain('Jumlah');
    const text = (await section.textContent()) ?? '';
    for (const id of rawIds) expect(text).not.toContain(id);
    await shot('01-bantuan-dana');
    // In English too.
    await page.evaluate(() => localStorage.setItem('jalur.lang', 'en'));
    await page.reload();
    await section.getByRole('heading', { name: 'Financial aid' }).waitFor();
    await section.getByTestId('case-disbursement').first().waitFor();
    expect(await section.getByTestId('disbursement-receipt').first().textContent()).toBe(`Receipt ${paid[0]!.receiptNumber}`);
    expect(await section.getByTestId('disbursement-step').first().textContent()).toMatch(/^Step: \S/);
    expect(await section.getByTestId('case-money-total').textContent()).toContain('Total');
    await page.evaluate(() => localStorage.setItem('jalur.lang', 'id'));
    await page.reload();
    await section.getByRole('heading', { name: 'Bantuan dana' }).waitFor();
    expect(errors).toEqual([]);
  });

  it('a group session held between two timeline entries stands between them', async () => {
    await page.getByTestId('timeline-event').first().waitFor();
    // The case's events (oldest first) and their days in the browser's calendar, as the page shows them.
    const ats = (await api<{ items: { at: string }[] }>('GET', `/api/cases/${caseId}/events`)).body.items.map((e) => e.at);
    const days = await page.evaluate((list) => list.map((a) => {
      const d = new Date(a);
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    }), ats);
    // Two consecutive events on different days; the session on a day after the first, before the second (or on the first's day).
    const at = days.findIndex((d, i) => i > 0 && days[i - 1]! < d);
    expect(at, `events on more than one day: ${JSON.stringify(days)}`).toBeGreaterThan(0);
    const [d1, d2] = [days[at - 1]!, days[at]!];
    const next = new Date(`${d1}T12:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    const heldOn = next.toISOString().slice(0, 10) < d2 ? next.toISOString().slice(0, 10) : d1;

    const open = (await api<{ items: { id: string }[] }>('GET', '/api/cases?status=active&limit=500')).body.items.map((c) => c.id).filter((id) => id !== caseId);
    const topic = 'Mengelola uang saku';
    const recorded = await api('POST', '/api/registers/group-sessions', { heldOn, topic, confidentiality: 'umum', caseIds: [caseId, open[0]] });
    expect(recorded.status, JSON.stringify(recorded.body)).toBe(201);

    await page.reload();
    const group = page.locator('[data-testid=timeline] > [data-testid=timeline-event][data-type=group_session]', { hasText: topic });
    await group.waitFor();
    const after = await timelineEntries();
    const i = after.findIndex((e) => e.type === 'group_session' && e.text.includes(topic));
    // The events before it are exactly those of its day or earlier: some before it, some after.
    const eventsBefore = after.slice(0, i).filter((e) => e.type !== 'group_session').length;
    const expected = days.filter((d) => d <= heldOn).length;
    expect(expected).toBeGreaterThan(0);
    expect(expected).toBeLessThan(days.length);
    expect(eventsBefore, JSON.stringify(after)).toBe(expected);
    expect(after.filter((e) => e.type !== 'group_session').length).toBe(days.length);
    // Every entry carries its day, and the whole timeline is by date.
    expect(after[i]!.day).toBe(heldOn);
    const all = after.map((e) => e.day);
    expect(all.every((d) => /^\d{4}-\d{2}-\d{2}$/.test(d)), JSON.stringify(after)).toBe(true);
    expect(all).toEqual([...all].sort());
    // The entry says the date in words, not the stored day.
    expect(await group.getByTestId('timeline-meta').textContent()).not.toContain(heldOn);
    await group.scrollIntoViewIfNeeded();
    await shot('02-timeline-by-date');
    expect(errors).toEqual([]);
  });

  it('fits a 360 px phone without horizontal overflow', async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.reload();
    const section = page.getByTestId('case-money');
    await section.getByTestId('case-disbursement').first().waitFor();
    await section.scrollIntoViewIfNeeded();
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(wide).toBeLessThanOrEqual(360);
    // The section, every amount, fund and receipt, and the total are on screen (not cut or scrolled away).
    for (const sel of ['[data-testid=case-money]', '[data-testid=disbursement-amount]', '[data-testid=disbursement-fund]', '[data-testid=disbursement-receipt]', '[data-testid=case-money-total-amount]']) {
      for (const box of await page.locator(sel).evaluateAll((els) => els.map((e) => ({ ...(e.getBoundingClientRect().toJSON() as { left: number; right: number; width: number }), text: (e.textContent ?? '').slice(0, 40) })))) {
        expect(box.width, `${sel} ${box.text}`).toBeGreaterThan(0);
        expect(box.left, `${sel} ${box.text}`).toBeGreaterThanOrEqual(0);
        expect(box.right, `${sel} ${box.text}`).toBeLessThanOrEqual(360);
      }
    }
    const overflowing = await section.evaluate((el) => el.scrollWidth > el.clientWidth);
    expect(overflowing).toBe(false);
    await shot('03-phone');
    expect(errors).toEqual([]);
  });

  it('a wali kelas sees no Bantuan dana on a case of their class', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.context().clearCookies();
    await signIn(page, server.url, 'walikelas@sekolah-a.demo');
    const mine = (await api<{ items: { id: string }[] }>('GET', '/api/cases?limit=50')).body.items;
    expect(mine.length, 'the wali kelas has cases in their class').toBeGreaterThan(0);
    await page.goto(`${server.url}/cases/${mine[0]!.id}`);
    await page.getByTestId('timeline').waitFor();
    await page.getByTestId('timeline-event').first().waitFor();
    expect(await page.getByTestId('case-money').count()).toBe(0);
    // ("Bantuan dana" is also a service in the satisfaction survey's list: the heading is what must be absent.)
    expect(await page.getByRole('heading', { name: 'Bantuan dana' }).count()).toBe(0);
    expect((await api('GET', `/api/cases/${mine[0]!.id}/disbursements`)).status).toBe(403);
    expect(errors).toEqual([]);
  });
});
