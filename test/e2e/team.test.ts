/**
 * One person, several roles, and the Satgas SRPS team, in real Chromium
 * against the real API server (built editor, temporary SQLite, demo seed):
 *
 * - Nurhayati (bk-wali@sekolah-a.demo) is guru BK and wali kelas of XI-1. The
 *   app bar offers "Bertindak sebagai"; as guru BK the board shows the whole
 *   school's cases, after switching to wali kelas (kept on the session, so a
 *   fresh page load keeps it) only XI-1's, and the school reports are closed.
 * - The team page lists the members by function with their duties; a wali
 *   kelas reads it, the kepsek adds a member, writes their duties and removes
 *   them. Screenshots in test-results/team/.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from '../../apps/editor/e2e/browser.ts';
import { e2eWorld } from '../../apps/editor/e2e/suite.ts';
import { REPO_ROOT, type RunningServer } from '../../apps/editor/e2e/server.ts';

const SHOTS = join(REPO_ROOT, 'test-results', 'team');
let server: RunningServer;
let page: Page;
const errors: string[] = [];
const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

const world = e2eWorld(SHOTS, errors);
beforeAll(() => void ({ server, page } = world));

async function signInAs(email: string): Promise<void> {
  await page.goto(`${server.url}/login`);
  await page.fill('[data-testid=login-email]', email);
  await page.fill('[data-testid=login-password]', 'jalur-demo');
  await page.click('[data-testid=login-submit]');
  await page.getByTestId('user-name').waitFor();
}

async function signOut(): Promise<void> {
  await page.getByTestId('logout').click();
  await page.waitForURL(/\/login$/);
}

/** The class names on the board's cards, once the board has loaded. */
async function boardClasses(): Promise<string[]> {
  await page.goto(`${server.url}/cases`);
  await page.locator('[data-testid=case-card]').first().waitFor();
  return page.locator('[data-testid=case-card]').allTextContents();
}

describe('roles and the team in Chromium', () => {
  it('a guru BK who is also wali kelas switches role from the app bar; the board and the reports follow', async () => {
    await signInAs('bk-wali@sekolah-a.demo');
    const select = page.getByTestId('role-switch');
    await select.waitFor();
    expect(await select.inputValue()).toBe('guru_bk');
    const options = await select.locator('option').allTextContents();
    expect(options).toEqual(['Guru BK', 'Wali kelas XI-1']);
    const asBk = await boardClasses();
    expect(asBk.some((c) => !c.includes('XI-1'))).toBe(true);
    await shot('01-guru-bk-board');

    await page.getByTestId('role-switch').selectOption('wali_kelas');
    await page.waitForResponse((r) => r.url().endsWith('/api/accounts/me/role') && r.status() === 200);
    // A fresh page load: the session itself acts as wali kelas now.
    const asWali = await boardClasses();
    expect(await page.getByTestId('role-switch').inputValue()).toBe('wali_kelas');
    expect(asWali.length).toBeGreaterThan(0);
    expect(asWali.length).toBeLessThan(asBk.length);
    expect(asWali.every((c) => c.includes('XI-1'))).toBe(true);
    await shot('02-wali-kelas-board');
    await page.goto(`${server.url}/reports`);
    // Not a menu item for a wali kelas, and opened anyway it reads as one sentence.
    expect(await page.getByTestId('main-nav').getByRole('link', { name: 'Laporan' }).count()).toBe(0);
    await page.getByTestId('forbidden').getByText('Halaman ini tidak tersedia untuk peran Anda (Wali kelas).').waitFor();
    await shot('03-wali-kelas-no-reports');

    await page.getByTestId('role-switch').selectOption('guru_bk');
    await page.waitForResponse((r) => r.url().endsWith('/api/accounts/me/role') && r.status() === 200);
    expect((await boardClasses()).length).toBe(asBk.length);
    await signOut();
  });

  it('an account with one role sees its role, not a switch', async () => {
    await signInAs('walikelas@sekolah-a.demo');
    await page.getByTestId('user-name').getByText('Wali kelas').waitFor();
    expect(await page.getByTestId('role-switch').count()).toBe(0);
    expect(await page.getByTestId('user-name').textContent()).toContain('Wali kelas');
  });

  it('the team page: a wali kelas reads it; the kepsek adds, edits and removes a member', async () => {
    await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Tim SRPS' }).click();
    await page.waitForURL(/\/team$/);
    await page.getByRole('heading', { name: 'Tim Satgas SRPS' }).waitFor();
    for (const fn of ['Kepala sekolah', 'Wakasek kesiswaan', 'Guru BK', 'Wali kelas', 'Pembina OSIS', 'Perwakilan OSIS', 'Komite sekolah']) {
      await page.getByRole('heading', { name: fn, exact: true }).waitFor();
    }
    const wakasek = page.getByTestId('team-function-wakasek_kesiswaan');
    expect(await wakasek.textContent()).toContain('Yusuf Maulana');
    expect(await wakasek.textContent()).toContain('rencana tindak lanjut');
    expect(await page.getByTestId('team-add').count()).toBe(0);
    await shot('04-team-read-only');
    await signOut();

    await signInAs('kepsek@sekolah-a.demo');
    await page.goto(`${server.url}/team`);
    await page.getByTestId('team-add').waitFor();
    const pembina = page.getByTestId('team-function-pembina_osis');
    await pembina.getByTestId('team-member').first().waitFor();
    const before = await pembina.getByTestId('team-member').count();
    await page.getByTestId('team-add-user').selectOption({ label: 'Rudi Hartono, S.Pd.' });
    await page.getByTestId('team-add-function').selectOption('pembina_osis');
    await page.getByTestId('team-add-duties').fill('Mendampingi konselor sebaya kelas X');
    await page.getByRole('button', { name: 'Tambah anggota' }).click();
    await page.getByRole('status').getByText('Rudi Hartono, S.Pd. sekarang anggota tim sebagai Pembina OSIS.').waitFor();
    await expect.poll(() => pembina.getByTestId('team-member').count()).toBe(before + 1);
    const duties = pembina.getByRole('textbox', { name: 'Tugas Rudi Hartono, S.Pd.' });
    expect(await duties.inputValue()).toBe('Mendampingi konselor sebaya kelas X');
    await duties.fill('Pembina konselor sebaya');
    await pembina.getByRole('button', { name: 'Simpan tugas: Rudi Hartono, S.Pd.' }).click();
    await page.reload();
    await expect.poll(() => page.getByTestId('team-function-pembina_osis').getByRole('textbox', { name: 'Tugas Rudi Hartono, S.Pd.' }).inputValue()).toBe('Pembina konselor sebaya');
    await shot('05-team-kepsek');
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Keluarkan Rudi Hartono, S.Pd. dari fungsi Pembina OSIS' }).click();
    await expect.poll(() => page.getByTestId('team-function-pembina_osis').getByTestId('team-member').count()).toBe(before);
  });

  it('the kepsek gives a wali kelas a second role on the Staf page; the wali kelas then has the switch', async () => {
    await page.goto(`${server.url}/staff`);
    const row = page.locator('[data-testid=staff-row][data-email="walikelas@sekolah-a.demo"]');
    await row.getByTestId('staff-extra-roles').waitFor();
    await row.getByTestId('staff-extra-roles').getByLabel('Tim SRPS').check();
    await row.getByRole('button', { name: 'Simpan peran tambahan: Rudi Hartono, S.Pd.' }).click();
    await row.getByText('Peran Rudi Hartono, S.Pd.: Wali kelas X-1, Tim SRPS.').waitFor();
    await shot('06-staff-extra-role');
    await signOut();
    await signInAs('walikelas@sekolah-a.demo');
    const select = page.getByTestId('role-switch');
    await select.waitFor();
    expect(await select.locator('option').allTextContents()).toEqual(['Wali kelas X-1', 'Tim SRPS']);
    expect(errors).toEqual([]);
  });
});
