/**
 * The year-end rollover in real Chromium against the real API server (built
 * editor, temporary SQLite, demo seed): the kepsek opens Kenaikan kelas, runs
 * the dry run (nothing changes), keeps one student tinggal kelas, checks the
 * plan, applies it class by class with the progress shown, and the school is
 * in the next academic year: promoted students are in their new class, the
 * kept one is not, and open cases are still open. Screenshots in test-results/rollover/.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from '../../apps/editor/e2e/browser.ts';
import { e2eWorld } from '../../apps/editor/e2e/suite.ts';
import { REPO_ROOT, type RunningServer } from '../../apps/editor/e2e/server.ts';

const SHOTS = join(REPO_ROOT, 'test-results', 'rollover');
let server: RunningServer;
let page: Page;
const errors: string[] = [];
const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

const world = e2eWorld(SHOTS, errors);
beforeAll(() => void ({ server, page } = world));

interface Student { id: string; name: string; className: string; status: string }
const students = () => page.evaluate(async () => ((await (await fetch('/api/students?limit=500', { credentials: 'same-origin' })).json()) as { items: Student[] }).items);
const openCases = () => page.evaluate(async () => ((await (await fetch('/api/cases?status=active&limit=500', { credentials: 'same-origin' })).json()) as { items?: unknown[] }).items?.length ?? -1);

describe('kenaikan kelas in Chromium', () => {
  it('dry run first (nothing changes), one student kept tinggal kelas, then applied class by class with progress into the new year', async () => {
    await page.goto(`${server.url}/login`);
    await page.fill('[data-testid=login-email]', 'kepsek@sekolah-a.demo');
    await page.fill('[data-testid=login-password]', 'jalur-demo');
    await page.click('[data-testid=login-submit]');
    await page.waitForURL(/\/reports$/);
    await page.goto(`${server.url}/cases/rollover`);
    const year = page.getByTestId('current-year');
    await year.waitFor();
    const fromLabel = (await year.textContent())!;
    expect(fromLabel).toMatch(/^\d{4}\/\d{4} (Ganjil|Genap)$/);
    const before = await students();
    const casesBefore = await openCases();
    expect(before.length).toBeGreaterThan(10);

    await page.getByTestId('rollover-dry-run').click();
    await page.getByTestId('rollover-table').waitFor();
    await shot('01-dry-run');
    // The dry run changed nothing.
    expect(await students()).toEqual(before);
    const summary0 = (await page.getByTestId('rollover-summary').textContent())!;
    expect(summary0).toMatch(/naik kelas/);
    const firstClass = page.getByTestId('rollover-class').first();
    const className = (await firstClass.getAttribute('data-class'))!;
    await firstClass.getByTestId('rollover-show').click();
    const firstStudent = page.getByTestId('rollover-student').first();
    await firstStudent.waitFor();
    const keptName = ((await firstStudent.textContent()) ?? '').split(' → ')[0]!.trim();
    await firstStudent.getByTestId('rollover-repeat').check();
    await page.waitForFunction((s) => document.querySelector('[data-testid=rollover-summary]')?.textContent !== s, summary0);
    expect(await page.getByTestId('rollover-summary').textContent()).toMatch(/1 tinggal kelas/);
    await shot('02-tinggal-kelas');

    // Applying needs the plan to be checked first.
    expect(await page.getByTestId('rollover-apply').isDisabled()).toBe(true);
    await page.getByTestId('rollover-confirm').check();
    await page.getByTestId('rollover-apply').click();
    await page.getByTestId('rollover-progress').waitFor();
    expect(await page.getByTestId('rollover-progress').textContent()).toMatch(/Menerapkan kelas \d+ dari \d+/);
    await page.getByTestId('rollover-done').waitFor({ timeout: 60_000 });
    await shot('03-done');
    const [a, b] = fromLabel.split(' ')[0]!.split('/').map(Number);
    expect(await page.getByTestId('rollover-done').textContent()).toContain(`${a! + 1}/${b! + 1} Ganjil`);
    expect(await year.textContent()).toBe(`${a! + 1}/${b! + 1} Ganjil`);

    const after = new Map((await students()).map((s) => [s.id, s]));
    const kept = before.find((s) => s.name === keptName && s.className === className)!;
    expect(after.get(kept.id)!.className).toBe(className);
    const moved = before.filter((s) => s.status === 'active' && s.id !== kept.id && /^X-/.test(s.className));
    expect(moved.length).toBeGreaterThan(0);
    for (const s of moved) expect(after.get(s.id)!.className).toBe(s.className.replace(/^X-/, 'XI-'));
    // Open cases carried over.
    expect(await openCases()).toBe(casesBefore);

    // A second dry run plans the next year; applying the old year again is refused.
    const again = await page.evaluate(async (fromYear) => {
      const me = await (await fetch('/api/auth/me', { credentials: 'same-origin' })).json() as { csrfToken: string };
      const r = await fetch('/api/school-year/rollover/apply', { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken }, body: JSON.stringify({ fromYear, className: 'X-1' }) });
      return r.status;
    }, fromLabel.split(' ')[0]!);
    expect(again).toBe(409);
    expect(errors).toEqual([]);
  });

  it("the kepsek sets a six-day WITA week on the calendar page and sees the year's national holidays", async () => {
    await page.goto(`${server.url}/cases/calendar`);
    await page.getByTestId('school-week').waitFor();
    await page.getByTestId('week-days').selectOption('6');
    await page.getByTestId('week-zone').selectOption('WITA');
    await page.getByTestId('week-save').click();
    await page.getByText('Tersimpan.').waitFor();
    const saved = await page.evaluate(async () => (await (await fetch('/api/school-year', { credentials: 'same-origin' })).json()) as { weekDays: number; timeZone: string });
    expect(saved).toMatchObject({ weekDays: 6, timeZone: 'WITA' });
    await page.locator('[data-testid=school-week] summary').click();
    const holidays = await page.getByTestId('national-holidays').textContent();
    expect(holidays).toMatch(/Kemerdekaan|Natal|Tahun baru/i);
    await shot('04-calendar-week');
  });

  it('the early-warning rules over the roster facts are tuned on the flags page', async () => {
    await page.goto(`${server.url}/cases/flags`);
    await page.locator('[data-testid=rules] summary').click();
    await page.getByTestId('rule-watch-km').fill('3');
    await page.locator('[data-testid=rules] button[type=submit]').click();
    await page.waitForFunction(async () => {
      const r = (await (await fetch('/api/early-warning/rules', { credentials: 'same-origin' })).json()) as { rules: { distance: { params: { watchKm: number } } } };
      return r.rules.distance.params.watchKm === 3;
    });
    await shot('06-rules');
  });

  it('a student who left is shown with the date and reason, and can be re-enrolled', async () => {
    await page.goto(`${server.url}/cases/students`);
    const row = page.getByTestId('student-row').first();
    await row.waitFor();
    await row.getByTestId('status-open').click();
    const form = page.getByTestId('status-change');
    await form.getByTestId('status-select').selectOption('dropped_out');
    await form.getByTestId('status-reason').fill('Bekerja membantu orang tua melaut');
    await form.getByTestId('status-save').click();
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=student-status]')].some((e) => e.textContent?.includes('putus sekolah')));
    const badge = page.getByTestId('student-row').first().getByTestId('student-status');
    expect(await badge.textContent()).toMatch(/Keluar \/ putus sekolah · sejak \d{4}-\d{2}-\d{2}/);
    expect(await badge.getAttribute('title')).toBe('Bekerja membantu orang tua melaut');
    await shot('05-student-left');
    // Back: only re-enrolment is offered to a student who left.
    await page.getByTestId('student-row').first().getByTestId('status-open').click();
    const options = await page.getByTestId('status-change').getByTestId('status-select').locator('option').allTextContents();
    expect(options).toEqual(['Aktif', 'Mutasi masuk']);
    await page.getByTestId('status-change').getByTestId('status-save').click();
    await page.waitForFunction(() => !document.querySelector('[data-testid=status-change]'));
    // The list reloads after the change.
    await page.waitForFunction(() => document.querySelector('[data-testid=student-row] [data-testid=student-status]')?.textContent?.startsWith('Aktif'));
    expect(await page.getByTestId('student-row').first().getByTestId('student-status').textContent()).toMatch(/^Aktif · sejak/);
    expect(errors).toEqual([]);
  });
});
