/**
 * Passwords in real Chromium against the real API server (built editor,
 * temporary SQLite, demo seed): a guru BK changes their password from the
 * user menu; the kepsek resets it from the Staf page and reads the one-time
 * password once; signing in with it shows only the forced change screen
 * (other pages stay behind it) until a new password is chosen, which then
 * works. The district admin sees the kepsek accounts of its schools and can
 * disable and enable one. Screenshots in test-results/accounts/.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from '../../apps/editor/e2e/browser.ts';
import { e2eWorld } from '../../apps/editor/e2e/suite.ts';
import { signIn } from '../../apps/editor/e2e/designer.ts';
import { REPO_ROOT, type RunningServer } from '../../apps/editor/e2e/server.ts';

const SHOTS = join(REPO_ROOT, 'test-results', 'accounts');
let server: RunningServer;
let page: Page;
const errors: string[] = [];
const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
const BK = 'bk@sekolah-a.demo';

const world = e2eWorld(SHOTS, errors);
beforeAll(() => void ({ server, page } = world));

async function signInWith(email: string, password: string): Promise<void> {
  await page.goto(`${server.url}/login`);
  await page.fill('[data-testid=login-email]', email);
  await page.fill('[data-testid=login-password]', password);
  await page.click('[data-testid=login-submit]');
}

async function signOut(): Promise<void> {
  await page.getByTestId('logout').click();
  await page.waitForURL(/\/login$/);
}

async function fillPassword(current: string, next: string, repeat = next): Promise<void> {
  await page.getByTestId('password-current').fill(current);
  await page.getByTestId('password-new').fill(next);
  await page.getByTestId('password-repeat').fill(repeat);
  await page.getByTestId('password-submit').click();
}

describe('passwords in Chromium', () => {
  it('lets a guru BK change their password from the user menu', async () => {
    await signIn(page, server.url, BK);
    await page.getByRole('link', { name: 'Ganti kata sandi' }).click();
    await page.waitForURL(/\/account\/password$/);
    await page.getByRole('heading', { name: 'Ganti kata sandi' }).waitFor();
    // Named mistakes before any request.
    await fillPassword('jalur-demo', 'kalimat rahasia saya', 'kalimat rahasia sayA');
    await page.getByTestId('password-error').getByText('Kedua isian kata sandi baru tidak sama.').waitFor();
    await fillPassword('jalur-demo', 'pendek');
    await page.getByTestId('password-error').getByText('Kata sandi baru minimal 10 karakter.').waitFor();
    // The server's answer for a wrong current password, in Indonesian.
    await fillPassword('bukan-sandinya', 'kalimat rahasia saya');
    await page.getByTestId('password-error').getByText('Kata sandi saat ini salah.').waitFor();
    await fillPassword('jalur-demo', 'kalimat rahasia saya');
    await page.getByTestId('password-done').waitFor();
    expect(await page.getByTestId('password-done').textContent()).toContain('Kata sandi Anda sudah diganti');
    await shot('01-password-changed');
    await signOut();
    await signInWith(BK, 'jalur-demo');
    await page.getByRole('alert').getByText(/Email atau kata sandi salah/).waitFor();
    await signInWith(BK, 'kalimat rahasia saya');
    // Back where the sign-out left off.
    await page.waitForURL(/\/account\/password$/);
    await page.getByTestId('user-name').waitFor();
    await signOut();
  });

  it('lets the kepsek reset it: the one-time password is shown once and the guru BK must replace it first', async () => {
    await signInWith('kepsek@sekolah-a.demo', 'jalur-demo');
    await page.getByTestId('user-name').waitFor();
    await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Staf' }).click();
    await page.waitForURL(/\/staff$/);
    const bk = page.locator(`[data-testid=staff-row][data-email="${BK}"]`);
    await bk.waitFor();
    // The kepsek's own row has no account buttons.
    await page.locator('[data-testid=account-actions]').first().waitFor();
    expect(await page.locator('[data-testid=staff-row][data-email="kepsek@sekolah-a.demo"] [data-testid=account-actions]').count()).toBe(0);
    page.once('dialog', (d) => void d.accept());
    await bk.getByRole('button', { name: /^Reset kata sandi: / }).click();
    const shown = bk.getByTestId('account-temporary-password');
    await shown.waitFor();
    const temporary = ((await shown.textContent()) ?? '').trim();
    expect(temporary).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    expect(await bk.getByTestId('account-temporary').textContent()).toContain('Hanya ditampilkan sekali');
    await shot('02-kepsek-reset');
    // Shown once: gone after a reload.
    await page.reload();
    await bk.waitFor();
    await bk.getByText('Menunggu penggantian kata sandi').waitFor();
    expect(await page.content()).not.toContain(temporary);
    await signOut();

    // The old password no longer works; the temporary one leads to the forced change only.
    await signInWith(BK, 'kalimat rahasia saya');
    await page.getByRole('alert').getByText(/Email atau kata sandi salah/).waitFor();
    await signInWith(BK, temporary);
    const forced = page.getByTestId('forced-password-change');
    await forced.waitFor();
    await forced.getByRole('heading', { name: 'Buat kata sandi baru' }).waitFor();
    await shot('03-forced-change');
    await page.goto(`${server.url}/cases`);
    await forced.waitFor();
    expect(await page.getByRole('navigation', { name: 'Navigasi utama' }).count()).toBe(0);
    // English through the switch on the same screen.
    await page.getByTestId('lang-en').click();
    await forced.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    await page.getByTestId('lang-id').click();
    await fillPassword(temporary, 'sandi pilihan guru bk');
    await page.getByRole('navigation', { name: 'Navigasi utama' }).waitFor();
    expect(await forced.count()).toBe(0);
    await page.getByTestId('user-name').waitFor();
    await shot('04-after-forced-change');
    await signOut();
    await signInWith(BK, 'sandi pilihan guru bk');
    await page.getByTestId('user-name').waitFor();
    await page.getByRole('navigation', { name: 'Navigasi utama' }).waitFor();
    expect(await page.getByTestId('forced-password-change').count()).toBe(0);
    await signOut();
    expect(errors).toEqual([]);
  });

  it('lets the district admin disable and enable a kepsek account', async () => {
    await signInWith('dinas@kabupaten.demo', 'jalur-demo');
    await page.getByTestId('user-name').waitFor();
    await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Akun kepsek' }).click();
    await page.waitForURL(/\/staff$/);
    const table = page.getByTestId('kepsek-accounts');
    await table.waitFor();
    expect(await table.locator('[data-testid=staff-row]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-email')).sort())).toEqual(['kepsek@sekolah-a.demo', 'kepsek@sekolah-b.demo']);
    const b = table.locator('[data-testid=staff-row][data-email="kepsek@sekolah-b.demo"]');
    expect(await b.textContent()).toContain('Sekolah');
    page.once('dialog', (d) => void d.accept());
    await b.getByRole('button', { name: /^Nonaktifkan akun: / }).click();
    await b.getByText(/dinonaktifkan\.$/).waitFor();
    await b.getByRole('button', { name: /^Aktifkan akun: / }).waitFor();
    await shot('05-dinas-kepsek-disabled');
    await b.getByRole('button', { name: /^Aktifkan akun: / }).click();
    await b.getByText(/aktif kembali\.$/).waitFor();
    await signOut();
    await signInWith('kepsek@sekolah-b.demo', 'jalur-demo');
    await page.getByTestId('user-name').waitFor();
    expect(errors).toEqual([]);
  });
});
