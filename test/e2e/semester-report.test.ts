/**
 * The semester report and the M&E records in real Chromium against the real
 * API server (built editor, temporary SQLite, demo seed): the guru BK records
 * a student's satisfaction score on the case page, opens /reports and finds
 * it counted in the semester report, records a student's ekstrakurikuler
 * participation there, picks the seed-002 cohort's term (2023/2024 Ganjil)
 * and reads the paper's table (motivation 11 → 4), downloads the komite's PDF
 * (read back with pdftotext) — all in words, no codes; on a 360 px phone the
 * report fits. Screenshots in test-results/semester-report-e2e/.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from '../../apps/editor/e2e/browser.ts';
import { e2eWorld } from '../../apps/editor/e2e/suite.ts';
import { signIn } from '../../apps/editor/e2e/designer.ts';
import { REPO_ROOT, type RunningServer } from '../../apps/editor/e2e/server.ts';
import { firstOwnActiveCase } from './helpers.ts';

const SHOTS = join(REPO_ROOT, 'test-results', 'semester-report-e2e');
let server: RunningServer;
let page: Page;
const errors: string[] = [];
const world = e2eWorld(SHOTS, errors);
beforeAll(() => void ({ server, page } = world));
const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
const CODE = /\b[a-z]+_[a-z_]+\b/;

describe('the semester report and M&E records (Chromium)', () => {
  it('records a satisfaction score on the case page', async () => {
    await signIn(page, server.url, 'bk@sekolah-a.demo');
    const caseId = await firstOwnActiveCase(page);
    await page.goto(`${server.url}/cases/${caseId}`);
    const panel = page.getByTestId('satisfaction');
    await panel.waitFor();
    await panel.scrollIntoViewIfNeeded();
    await page.selectOption('[data-testid=satisfaction-service]', 'home_visit');
    await page.click('[data-testid=satisfaction-score-4]');
    await page.click('[data-testid=satisfaction-save]');
    await page.getByTestId('satisfaction-saved').waitFor();
    const item = page.getByTestId('satisfaction-item').first();
    await item.waitFor();
    expect(await item.textContent()).toMatch(/4 · Puas — Kunjungan rumah/);
    expect((await panel.textContent()) ?? '').not.toMatch(CODE);
    await shot('01-satisfaction');
    expect(errors).toEqual([]);
  });

  it('counts it in the semester report, records participation, and shows the seed-002 term', async () => {
    await page.goto(`${server.url}/reports`);
    // The dashboard's period takes a semester: the seed-002 cohort's term gives the paper's table.
    await page.getByTestId('before-after-table').waitFor();
    await page.selectOption('[data-testid=period-term]', '2023/2024 ganjil');
    expect(await page.inputValue('input[name=from]')).toBe('2023-07-01');
    expect(await page.inputValue('input[name=to]')).toBe('2023-12-31');
    await page.getByTestId('before-after-table').filter({ hasText: /Motivasi[^0-9]*11\s*4/ }).waitFor();
    const report = page.getByTestId('semester-report');
    await report.waitFor();
    await page.getByTestId('semester-status-table').waitFor();
    expect(await page.getByTestId('semester-sat-responses').textContent()).toBe('1');
    expect(await page.getByTestId('semester-sat-average').textContent()).toBe('4');
    expect(await page.getByTestId('semester-status-table').textContent()).toMatch(/Aktif.*Mutasi masuk.*Mutasi keluar \(pindah\).*Keluar \/ putus sekolah.*Lulus/);
    // Participation: one student in Pramuka.
    const form = page.getByTestId('participation-form');
    await form.scrollIntoViewIfNeeded();
    await page.waitForFunction(() => (document.querySelector('[data-testid=participation-student]') as HTMLSelectElement | null)?.options.length! > 1);
    const value = await page.$eval('[data-testid=participation-student]', (el) => (el as HTMLSelectElement).options[1]!.value);
    await page.selectOption('[data-testid=participation-student]', value);
    await page.fill('[data-testid=participation-name]', 'Pramuka');
    await page.click('[data-testid=participation-save]');
    await page.getByTestId('participation-saved').waitFor();
    await page.getByTestId('semester-part-table').filter({ hasText: 'Pramuka' }).waitFor();
    expect((await page.getByTestId('semester-part-table').textContent())?.replace(/\s+/g, ' ')).toMatch(/Ekstrakurikuler\s*1\s*1/);
    const text = ((await report.textContent()) ?? '').replace(/\s+/g, ' ');
    expect(text).not.toMatch(CODE);
    await shot('02-semester-report');
    // The seed-002 cohort's term.
    await page.selectOption('[data-testid=semester-term]', '2023/2024 ganjil');
    await page.getByTestId('semester-period').filter({ hasText: '2023/2024 Ganjil' }).waitFor();
    const ba = page.getByTestId('semester-ba-table');
    await ba.filter({ hasText: 'Motivasi belajar rendah' }).waitFor();
    expect((await ba.textContent())?.replace(/\s+/g, ' ')).toMatch(/Motivasi belajar rendah\s*11\s*4\s*7/);
    expect((await ba.textContent())?.replace(/\s+/g, ' ')).toMatch(/Ekonomi\s*6\s*3\s*3/);
    await shot('03-seed-002-term');
    // The komite's PDF of that term.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=semester-pdf-komite]')]);
    expect(download.suggestedFilename()).toBe('laporan-semester-komite-2023-2024-ganjil.pdf');
    const pdf = execFileSync('pdftotext', ['-layout', await download.path(), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(pdf).toContain('LAPORAN SEMESTER SRPS 2023/2024 GANJIL');
    expect(pdf).toMatch(/Motivasi belajar rendah 11 4 7 64%/);
    expect(errors).toEqual([]);
  });

  it('reads in English after the language switch, still without codes', async () => {
    await page.goto(`${server.url}/reports`);
    await page.getByTestId('semester-status-table').waitFor();
    await page.click('[data-testid=lang-en]');
    await page.getByTestId('semester-report').getByText('Semester report').waitFor();
    const table = (await page.getByTestId('semester-status-table').textContent()) ?? '';
    expect(table).toMatch(/Active.*Transferred in.*Transferred out.*Left \/ dropped out.*Graduated/);
    expect((await page.getByTestId('semester-sat-table').textContent()) ?? '').toContain('Home visit');
    expect(((await page.getByTestId('semester-report').textContent()) ?? '').replace(/\s+/g, ' ')).not.toMatch(CODE);
    await page.click('[data-testid=lang-id]');
    await page.getByTestId('semester-report').getByText('Laporan semester').waitFor();
    expect(errors).toEqual([]);
  });

  it('fits a 360 px phone', async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(`${server.url}/reports`);
    await page.getByTestId('semester-status-table').waitFor();
    await page.getByTestId('semester-report').scrollIntoViewIfNeeded();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(361);
    const fits = await page.getByTestId('semester-report').evaluate((el) => el.getBoundingClientRect().right <= window.innerWidth + 1);
    expect(fits).toBe(true);
    await shot('04-phone');
    expect(errors).toEqual([]);
  });
});
