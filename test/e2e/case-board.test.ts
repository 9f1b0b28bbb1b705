/**
 * The case page and board as each role uses them (issue 16, "The case page
 * and board"), in real Chromium against the real API (built editor,
 * temporary SQLite with the demo seed):
 *
 * - each role lands on its own page and its menu offers only what it may
 *   open; a page outside its role reads as one sentence, not a 403; the role
 *   switch moves the menu (and the page) with the acting role;
 * - the board groups its columns by stage, offers a list view (student,
 *   class, step, due date, school days late) and remembers the choice per user;
 * - "Terlambat" says by how many school days on the board, the case page and
 *   "Tugas saya", and a holiday the kepsek adds takes a day off the count;
 * - choice values read as labels in forms and on the case diagram's
 *   conditions, never `motivation`, `still_enrolled`, …;
 * - opening a case from a flag proposes the pathway that fits the student's
 *   risk factors; each pathway is offered once, archived ones not at all;
 * - a skip link, the case diagram as one tab stop with a text alternative, the
 *   first action within ten Tab presses;
 * - one date format per language (id-ID / en-GB);
 * - the what-if names the draft step a case stops in, its reason in English
 *   when the UI is in English.
 *
 * Screenshots go to test-results/case-board/.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from '../../apps/editor/e2e/browser.ts';
import { DEMO_PASSWORD } from '../../apps/editor/e2e/designer.ts';
import { e2eWorld } from '../../apps/editor/e2e/suite.ts';
import { REPO_ROOT, type RunningServer } from '../../apps/editor/e2e/server.ts';

const SHOTS = join(REPO_ROOT, 'test-results', 'case-board');
let server: RunningServer;
let page: Page;
const errors: string[] = [];
// Timers wait an hour: no case moves while the test compares.
const world = e2eWorld(SHOTS, errors, { env: { JALUR_TIMER_INTERVAL_MS: '3600000' }, timeout: 300_000 });
beforeAll(() => void ({ server, page } = world));

const shot = (name: string, fullPage = false) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage });
const RAW_IDS = /\b(motivation|economic|family|bullying|still_enrolled|dropped_out|transferred|resolved|referred)\b/;

/** Signs in (Bahasa Indonesia unless told) and waits until the role's start page is there. */
async function signIn(email: string, lang: 'id' | 'en' = 'id'): Promise<string> {
  await page.context().clearCookies();
  await page.goto(`${server.url}/login`);
  await page.evaluate((l) => localStorage.setItem('jalur.lang', l), lang);
  await page.reload();
  await page.fill('[data-testid=login-email]', email);
  await page.fill('[data-testid=login-password]', DEMO_PASSWORD);
  await page.click('[data-testid=login-submit]');
  await page.waitForURL((u) => u.pathname !== '/login' && u.pathname !== '/');
  await page.getByTestId('user-name').waitFor();
  return new URL(page.url()).pathname;
}

async function api<T>(path: string, init?: { method: string; body?: unknown }): Promise<T> {
  return page.evaluate(
    async ({ path, init }) => {
      const me = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string };
      const r = await fetch(path, {
        method: init?.method ?? 'GET',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        ...(init?.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
      });
      if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
      return r.json();
    },
    { path, init },
  ) as Promise<T>;
}

const navItems = () => page.getByTestId('main-nav').locator('a').allTextContents();
/** The main menu has these entries (in this order) and none of those (other entries may come and go with other features). */
async function expectMenu(has: readonly string[], hasNot: readonly string[]): Promise<void> {
  await expect
    .poll(async () => {
      const items = await navItems();
      return { has: items.filter((i) => has.includes(i)), hasNot: items.filter((i) => hasNot.includes(i)) };
    })
    .toEqual({ has: [...has], hasNot: [] });
}
const ALL_MENU = ['Kasus', 'Jalur intervensi', 'Laporan', 'Tim SRPS', 'Staf', 'Sekolah binaan', 'Pustaka templat', 'Akun kepsek'];
const menu = (...has: string[]) => expectMenu(has, ALL_MENU.filter((i) => !has.includes(i)));

interface Task {
  caseId: string;
  stateId: string;
  dueAt: string | null;
  urgency: string;
  lateSchoolDays: number | null;
  student: { name: string };
}
interface CaseItem {
  id: string;
  pathwayKey: string;
  stateValue: string[];
  student: { name: string; className: string };
  availableEvents: { type: string }[];
}

describe('the case page and board in Chromium', () => {
  it('each role lands on its own page; menus offer only what it may open; another page reads as one sentence', async () => {
    expect(await signIn('bk@sekolah-a.demo')).toBe('/cases');
    await menu('Kasus', 'Jalur intervensi', 'Laporan', 'Tim SRPS');
    await page.getByTestId('board').waitFor();
    await shot('01-bk-lands-on-board');

    expect(await signIn('walikelas@sekolah-a.demo')).toBe('/cases/flags');
    await menu('Kasus', 'Tim SRPS');
    await page.getByTestId('flags').waitFor();
    await shot('02-wali-lands-on-flags');
    for (const path of ['/reports', '/pathways', '/process', '/staff', '/district', '/registers/funds']) {
      await page.goto(`${server.url}${path}`);
      const forbidden = page.getByTestId('forbidden');
      await forbidden.waitFor();
      const text = (await forbidden.locator('h1').textContent()) ?? '';
      expect(text).toBe('Halaman ini tidak tersedia untuk peran Anda (Wali kelas).');
      expect(await page.locator('body').textContent()).not.toMatch(/403|forbidden|\{"error"/);
    }
    await shot('03-wali-forbidden-reports');

    expect(await signIn('tim@sekolah-a.demo')).toBe('/cases/tasks');
    await menu('Kasus', 'Tim SRPS');

    expect(await signIn('kepsek@sekolah-a.demo')).toBe('/reports');
    await menu('Kasus', 'Jalur intervensi', 'Laporan', 'Tim SRPS', 'Staf');
    await shot('04-kepsek-lands-on-dashboard');

    expect(await signIn('dinas@kabupaten.demo')).toBe('/district');
    await menu('Sekolah binaan', 'Jalur intervensi', 'Pustaka templat', 'Akun kepsek');
    await page.goto(`${server.url}/cases`);
    await page.getByTestId('forbidden').getByText('Halaman ini tidak tersedia untuk peran Anda (Admin dinas).').waitFor();
    await shot('05-dinas-no-cases');

    // In English the same sentence is English.
    await signIn('walikelas@sekolah-a.demo', 'en');
    await page.goto(`${server.url}/reports`);
    await page.getByTestId('forbidden').getByText('This page is not available in your role (Homeroom teacher).').waitFor();

    // A 403 whose answer is not the API's (a proxy's plain "Forbidden") still reads as a sentence.
    await signIn('bk@sekolah-a.demo');
    await page.route('**/api/tasks?scope=mine', (r) => r.fulfill({ status: 403, contentType: 'text/plain', body: 'Forbidden' }));
    await page.goto(`${server.url}/cases/tasks`);
    await page.locator('.cw-msg.error', { hasText: 'Anda tidak berwenang melakukan ini.' }).waitFor();
    expect(await page.locator('.cw-page').textContent()).not.toMatch(/403|Forbidden|HTTP/);
    await page.unroute('**/api/tasks?scope=mine');
  });

  it('the menu follows the acting role, and a page the new role may not open gives way to its start page', async () => {
    await signIn('bk-wali@sekolah-a.demo');
    await page.goto(`${server.url}/pathways`);
    await page.getByTestId('role-switch').waitFor();
    await menu('Kasus', 'Jalur intervensi', 'Laporan', 'Tim SRPS');
    await page.getByTestId('role-switch').selectOption('wali_kelas');
    await page.waitForURL((u) => u.pathname === '/cases/flags');
    await menu('Kasus', 'Tim SRPS');
    await shot('06-role-switch-wali');
    await page.getByTestId('role-switch').selectOption('guru_bk');
    await menu('Kasus', 'Jalur intervensi', 'Laporan', 'Tim SRPS');
  });

  it('the board groups its columns by stage and offers a list view, remembered per user', async () => {
    await signIn('bk@sekolah-a.demo');
    await page.goto(`${server.url}/cases`);
    const board = page.getByTestId('board');
    await board.locator('[data-testid=case-card]').first().waitFor();
    // SRPS: 9 stages (top-level steps) plus the closing ones, holding ~24 columns.
    const stages = await board.locator('[data-testid^=stage-]:not([data-testid=stage-toggle]):not([data-testid=stage-count])').count();
    const singleColumns = await board.locator(':scope > .cw-col').count();
    expect(stages + singleColumns).toBeLessThanOrEqual(10);
    const intervensi = board.getByTestId('stage-intervensi_ekonomi');
    await intervensi.waitFor();
    expect(await intervensi.locator('.cw-stage-title').textContent()).toBe('Intervensi: faktor ekonomi');
    // A stage with no case starts folded and opens on a click.
    const closed = board.getByTestId('stage-closed');
    expect(await closed.getByTestId('stage-toggle').getAttribute('aria-expanded')).toBe('false');
    await closed.getByTestId('stage-toggle').click();
    expect(await closed.getByTestId('stage-toggle').getAttribute('aria-expanded')).toBe('true');
    expect(await closed.locator('.cw-col').count()).toBe(5);
    await shot('07-board-stages');

    // "Terlambat" on a card says by how many school days, as the API counts them.
    const tasks = await api<{ items: Task[] }>('/api/tasks?scope=all');
    const late = tasks.items.filter((t) => t.urgency === 'overdue');
    expect(late.length).toBeGreaterThan(0);
    for (const t of late) expect(t.lateSchoolDays).toBeGreaterThanOrEqual(0);
    const lateCard = board.locator('[data-testid=case-card]', { has: page.getByTestId('card-late') }).first();
    const lateName = (await lateCard.locator('.cw-card-name').textContent())!;
    const worst = Math.max(...late.filter((t) => t.student.name === lateName).map((t) => t.lateSchoolDays!));
    expect(await lateCard.getByTestId('card-late').textContent()).toBe(`Terlambat ${worst} hari sekolah`);

    await page.getByTestId('view-list').click();
    const list = page.getByTestId('case-list');
    await list.locator('[data-testid=case-row]').first().waitFor();
    expect(await list.locator('thead th').allTextContents()).toEqual(['Siswa', 'Kelas', 'Langkah saat ini', 'Tenggat', 'Keterlambatan', 'Penanggung jawab']);
    // The latest first, each with its school days.
    const first = list.locator('[data-testid=case-row]').first();
    expect(await first.getByTestId('row-late').textContent()).toMatch(/^Terlambat \d+ hari sekolah$/);
    expect(await list.textContent()).not.toMatch(RAW_IDS);
    await shot('08-board-list', true);
    await page.reload();
    await page.getByTestId('case-list').waitFor();

    // Another user in the same browser has their own choice; the guru BK's stays.
    await signIn('kepsek@sekolah-a.demo');
    await page.goto(`${server.url}/cases`);
    await page.getByTestId('board').waitFor();
    expect(await page.getByTestId('case-list').count()).toBe(0);
    await signIn('bk@sekolah-a.demo');
    await page.getByTestId('case-list').waitFor();
    await page.getByTestId('view-board').click();
    await page.getByTestId('board').waitFor();
  });

  it('"Terlambat" counts school days on "Tugas saya" and the case page; a holiday the kepsek adds takes one off', async () => {
    await signIn('bk@sekolah-a.demo');
    const before = (await api<{ items: Task[] }>('/api/tasks?scope=all')).items.filter((t) => t.urgency === 'overdue' && t.lateSchoolDays! > 1);
    // The most recently late task: a weekday after its due date is a school day to turn into a holiday.
    const task = before.sort((a, b) => a.lateSchoolDays! - b.lateSchoolDays!)[0]!;
    await page.goto(`${server.url}/cases/tasks`);
    const row = page.locator('[data-testid=task][data-urgency=overdue]', { hasText: task.student.name }).first();
    await row.waitFor();
    expect(await row.getByTestId('task-urgency').textContent()).toBe(`Terlambat ${task.lateSchoolDays} hari sekolah`);
    await shot('09-tasks-late');

    await signIn('kepsek@sekolah-a.demo');
    const due = new Date(task.dueAt!);
    let removed = false;
    for (let d = 1; d < 20 && !removed; d++) {
      const day = new Date(due.getTime() + d * 86_400_000 + 7 * 3_600_000).toISOString().slice(0, 10);
      const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
      if (weekday === 0 || weekday === 6) continue;
      await api('/api/calendar', { method: 'PUT', body: { entries: [{ date: day, kind: 'holiday', note: 'Libur uji' }] } });
      const now = (await api<{ items: Task[] }>(`/api/tasks?scope=all&caseId=${task.caseId}`)).items.find((t) => t.stateId === task.stateId)!;
      if (now.lateSchoolDays === task.lateSchoolDays! - 1) removed = true;
    }
    expect(removed).toBe(true);

    await signIn('bk@sekolah-a.demo');
    await page.goto(`${server.url}/cases/${task.caseId}`);
    const late = page.getByTestId('step-late').first();
    await late.waitFor();
    expect(await late.textContent()).toBe(`· Terlambat ${task.lateSchoolDays! - 1} hari sekolah`);
    await shot('10-case-late');
  });

  it('choice values read as their labels in the form and on the diagram’s conditions', async () => {
    await signIn('bk@sekolah-a.demo');
    const cases = (await api<{ items: CaseItem[] }>('/api/cases?status=active&limit=500')).items.filter((c) => c.pathwayKey === 'srps-standar');
    const assessing = cases.find((c) => c.stateValue.includes('asesmen'))!;
    await page.goto(`${server.url}/cases/${assessing.id}`);
    await page.waitForSelector('[data-testid=case-canvas] .react-flow__node');
    await page.getByTestId('action-TETAPKAN_FAKTOR').click();
    const factor = page.locator('select[data-field=mainFactor] option');
    await factor.first().waitFor({ state: 'attached' });
    expect(await factor.allTextContents()).toEqual(['—', 'Motivasi', 'Ekonomi', 'Keluarga', 'Perundungan']);
    // The conditions on the diagram: "faktor risiko utama = ekonomi", never the stored id.
    // (The words of each transition, as its label says them at any zoom.)
    const guards = await page.locator('[data-testid=case-canvas] .edge-label').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
    expect(guards.length).toBeGreaterThan(0);
    expect(guards.join(' ')).toMatch(/= ekonomi/);
    expect(guards.join(' ')).toMatch(/= tetap bersekolah/);
    for (const g of guards) expect(g).not.toMatch(RAW_IDS);
    await shot('11-labels-assessment', true);

    const deciding = cases.find((c) => c.stateValue.includes('keputusan'))!;
    await page.goto(`${server.url}/cases/${deciding.id}`);
    await page.getByTestId('action-TUTUP_KASUS').click();
    const outcome = page.locator('select[data-field=outcome] option');
    await outcome.first().waitFor({ state: 'attached' });
    expect(await outcome.allTextContents()).toEqual(['—', 'Tuntas', 'Tetap bersekolah', 'Pindah', 'Putus sekolah', 'Dirujuk']);
    expect(await page.getByTestId('step-form').textContent()).not.toMatch(RAW_IDS);

    // In English, English labels.
    await page.evaluate(() => localStorage.setItem('jalur.lang', 'en'));
    await page.reload();
    await page.getByTestId('action-TUTUP_KASUS').click();
    await page.locator('select[data-field=outcome] option').first().waitFor({ state: 'attached' });
    expect(await page.locator('select[data-field=outcome] option').allTextContents()).toEqual(['—', 'Resolved', 'Still enrolled', 'Transferred', 'Dropped out', 'Referred']);
    await page.evaluate(() => localStorage.setItem('jalur.lang', 'id'));
  });

  it('opening a case from a flag proposes the pathway that fits the risk factors; each pathway once, archived ones not offered', async () => {
    await signIn('bk@sekolah-a.demo');
    await page.goto(`${server.url}/cases/flags`);
    await page.getByTestId('flagged').first().waitFor();
    const offered = async () => (await page.locator('[data-testid=flag-pathway] option').allTextContents()).slice(1);
    await expect.poll(async () => (await offered()).length).toBeGreaterThan(1);
    const titles = await offered();
    expect(new Set(titles).size).toBe(titles.length);
    const pathways = await api<{ items: { id: string; key: string; title: string; scope: string; latestVersion: number | null; archivedAt: string | null }[] }>('/api/pathways');
    const school = pathways.items.filter((p) => p.scope === 'school' && p.latestVersion !== null && p.archivedAt === null);
    expect([...titles].sort()).toEqual(school.map((p) => p.title).sort());
    const srps = school.find((p) => p.key === 'srps-standar')!;

    // A student flagged for economic need, without a case: the SRPS pathway (it has an economic route), said why.
    const ew = await api<{ items: { student: { nisn: string }; openCaseId: string | null; flags: { details: { riskFactor?: string } | null }[] }[] }>('/api/early-warning');
    const economic = ew.items.find((s) => !s.openCaseId && s.flags.some((f) => f.details?.riskFactor === 'economic'))!;
    const row = page.locator(`[data-testid=flagged][data-nisn="${economic.student.nisn}"]`);
    const proposed = row.getByTestId('proposed-pathway');
    await expect.poll(() => proposed.getAttribute('data-pathway')).toBe(srps.id);
    expect(await proposed.textContent()).toMatch(/sesuai faktor .*Ekonomi/);
    await shot('12-flags-proposal', true);
    await row.getByTestId('open-case').click();
    await page.waitForURL((u) => /^\/cases\/[0-9a-f-]{36}$/.test(u.pathname));
    const opened = await api<{ pathwayId: string }>(`/api/cases/${new URL(page.url()).pathname.split('/').pop()}`);
    expect(opened.pathwayId).toBe(srps.id);

    // An archived pathway is not offered any more.
    await signIn('kepsek@sekolah-a.demo');
    const home = school.find((p) => p.key === 'kunjungan-rumah')!;
    await api(`/api/pathways/${home.id}/archive`, { method: 'POST', body: { archived: true } });
    await page.goto(`${server.url}/cases/flags`);
    await page.getByTestId('flagged').first().waitFor();
    await expect.poll(async () => (await offered()).length).toBe(titles.length - 1);
    expect(await offered()).not.toContain(home.title);
    await api(`/api/pathways/${home.id}/archive`, { method: 'POST', body: { archived: false } });
  });

  it('keyboard: a skip link, the diagram is one tab stop with a text alternative, the first action within ten Tab presses', async () => {
    await signIn('bk@sekolah-a.demo');
    const cases = (await api<{ items: CaseItem[] }>('/api/cases?status=active&limit=500')).items.filter((c) => c.pathwayKey === 'srps-standar');
    const c = cases.find((x) => x.stateValue.includes('asesmen'))!;
    await page.goto(`${server.url}/cases/${c.id}`);
    await page.waitForSelector('[data-testid=case-canvas] .react-flow__node');
    await page.waitForSelector('[data-testid^=action-]');
    // Everything in the diagram that takes focus: only the diagram itself.
    const stops = await page.evaluate(() => {
      const box = document.querySelector('[data-testid=case-canvas]')!;
      const all = [box, ...box.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea, [tabindex]')];
      return all.filter((e) => (e as HTMLElement).tabIndex >= 0 && !(e as HTMLButtonElement).disabled).length;
    });
    expect(stops).toBe(1);
    const canvas = page.getByTestId('case-canvas');
    expect(await canvas.getAttribute('aria-label')).toBe('Gambar jalur kasus; langkah saat ini: Asesmen faktor risiko oleh guru BK');
    expect(await page.getByTestId('case-canvas-text').textContent()).toContain('Identifikasi siswa rentan putus sekolah');

    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Tab');
    const skip = page.getByTestId('skip-link');
    expect(await skip.evaluate((e) => e === document.activeElement)).toBe(true);
    expect(await skip.textContent()).toBe('Langsung ke isi');
    await shot('13-skip-link');
    await page.keyboard.press('Enter');
    let presses = 1;
    let onAction = false;
    const seen: string[] = [];
    while (presses < 10 && !onAction) {
      await page.keyboard.press('Tab');
      presses++;
      const focused = await page.evaluate(() => {
        const e = document.activeElement as HTMLElement | null;
        return { testid: e?.getAttribute('data-testid') ?? '', text: (e?.textContent ?? '').trim().slice(0, 40) };
      });
      seen.push(focused.testid || focused.text);
      onAction = focused.testid.startsWith('action-');
    }
    expect(onAction, `focus went through: ${seen.join(' | ')}`).toBe(true);
    expect(presses).toBeLessThanOrEqual(10);
    expect(seen).toContain('case-canvas');
    await shot('14-first-action-focused');
  });

  it('one date format per language: Intl id-ID in Bahasa Indonesia, en-GB in English', async () => {
    await signIn('bk@sekolah-a.demo');
    const cases = (await api<{ items: CaseItem[] }>('/api/cases?status=active&limit=500')).items;
    const c = cases[0]!;
    const events = await api<{ items: { at: string }[] }>(`/api/cases/${c.id}/events`);
    for (const lang of ['id', 'en'] as const) {
      await page.evaluate((l) => localStorage.setItem('jalur.lang', l), lang);
      await page.goto(`${server.url}/cases/${c.id}`);
      await page.getByTestId('timeline-event').first().waitFor();
      // "<who> · <when>": the date after the last separator.
      const shown = (await page.locator('[data-testid=timeline-event] .muted.small').allTextContents()).map((x) => x.split(' · ').at(-1)!.trim());
      const expected = await page.evaluate(
        ({ ats, locale }) => ats.map((a) => new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(new Date(a))),
        { ats: events.items.map((e) => e.at), locale: lang === 'en' ? 'en-GB' : 'id-ID' },
      );
      expect(shown).toEqual(expected);
      await page.goto(`${server.url}/cases/tasks`);
      await page.getByTestId('task').first().waitFor();
      const dueTexts = (await page.locator('[data-testid=task] td:nth-child(3)').allTextContents()).map((x) => x.split(' · ')[0]);
      const mine = await api<{ items: Task[] }>('/api/tasks?scope=mine');
      const dueExpected = await page.evaluate(
        ({ dues, locale }) => dues.map((d) => (d ? new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric' }).format(new Date(d)) : '—')),
        { dues: mine.items.map((x) => x.dueAt), locale: lang === 'en' ? 'en-GB' : 'id-ID' },
      );
      expect(dueTexts).toEqual(dueExpected);
    }
    await page.evaluate(() => localStorage.setItem('jalur.lang', 'id'));
    await shot('15-dates-en');
  });

  it('the what-if names the draft step a case stops in, and its reason in the UI’s language', async () => {
    await signIn('kepsek@sekolah-a.demo', 'en');
    const pathways = await api<{ items: { id: string; key: string; scope: string }[] }>('/api/pathways');
    const srps = pathways.items.find((p) => p.scope === 'school' && p.key === 'srps-standar')!;
    await page.goto(`${server.url}/pathways/${srps.id}`);
    await page.waitForSelector('.react-flow__node');
    await page.locator('[data-testid="edge-pemantauan.cek_mingguan|on:CATAT_CEK|0"]').dispatchEvent('click');
    await page.click('[data-testid=delete]');
    await page.click('[data-testid=whatif-run]');
    const stuck = page.locator('[data-testid=whatif-stuck]').first();
    await stuck.waitFor();
    expect(await stuck.getByTestId('whatif-stuck-step').getAttribute('data-steps')).toBe('pemantauan.cek_mingguan');
    expect(await stuck.getByTestId('whatif-stuck-step').textContent()).toMatch(/weekly/i);
    expect(await stuck.getByTestId('whatif-reason').getAttribute('data-code')).toBe('event_not_accepted');
    const text = (await page.getByTestId('whatif-dialog').textContent()) ?? '';
    expect(text).toContain('This draft no longer accepts that event');
    expect(text).not.toMatch(/tidak menerima|CATAT_CEK/);
    await shot('16-whatif-en');
    await page.click('[data-testid=whatif-close]');
    // Leave the draft as it was.
    await page.keyboard.press('Control+z');
    expect(errors).toEqual([]);
  });
});
