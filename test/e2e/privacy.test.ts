/**
 * The kepsek's data-protection (UU PDP) and staff screens in real Chromium
 * against the real API server (built editor, temporary SQLite, demo seed):
 * a student's export downloaded as a JSON file, a student erased after the
 * NISN is typed, a staff member's role changed and still there after a
 * reload; a guru BK sees none of these controls. Screenshots in
 * test-results/privacy/.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from '../../apps/editor/e2e/browser.ts';
import { e2eWorld } from '../../apps/editor/e2e/suite.ts';
import { signIn } from '../../apps/editor/e2e/designer.ts';
import { REPO_ROOT, type RunningServer } from '../../apps/editor/e2e/server.ts';

const SHOTS = join(REPO_ROOT, 'test-results', 'privacy');
let server: RunningServer;
let page: Page;
const errors: string[] = [];
const EN_ROLES = ['Principal', 'Counselor', 'Homeroom teacher', 'SRPS team'];
const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

const world = e2eWorld(SHOTS, errors);
beforeAll(() => void ({ server, page } = world));

/** The NISN and name of the students table's row `index`. */
async function studentAt(index: number): Promise<{ nisn: string; name: string }> {
  const cells = page.locator('[data-testid=student-row]').nth(index).locator('td');
  return { nisn: ((await cells.nth(0).textContent()) ?? '').trim(), name: ((await cells.nth(1).textContent()) ?? '').trim() };
}

const row = (name: string) => page.locator('[data-testid=student-row]', { has: page.locator('td', { hasText: name }) });

describe('UU PDP and staff screens in Chromium', () => {
  it('lets the kepsek download a student’s data as a JSON file', async () => {
    await signIn(page, server.url, 'kepsek@sekolah-a.demo');
    await page.goto(`${server.url}/cases/students`);
    await page.locator('[data-testid=student-row]').first().waitFor();
    const student = await studentAt(0);
    expect(student.name).not.toBe('');
    const button = row(student.name).getByRole('button', { name: `Unduh data siswa (UU PDP): ${student.name}` });
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^siswa-${student.nisn}-\\d{4}-\\d{2}-\\d{2}\\.json$`));
    const file = await download.path();
    const doc = JSON.parse(readFileSync(file, 'utf8')) as { format: string };
    expect(doc.format).toBe('jalur.student-export/1');
    expect(JSON.stringify(doc)).toContain(student.name);
    await row(student.name).getByText(`Data ${student.name} telah diunduh.`).waitFor();
    await shot('01-students-kepsek');
  });

  it('erases a student only after the NISN is typed, and the name leaves the list', async () => {
    const student = await studentAt(1);
    await row(student.name).getByRole('button', { name: `Hapus data pribadi: ${student.name}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Hapus data pribadi siswa' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('TIDAK DAPAT DIBATALKAN');
    const submit = dialog.getByRole('button', { name: 'Hapus permanen' });
    // Escape closes it and nothing is erased.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await row(student.name).getByRole('button', { name: `Hapus data pribadi: ${student.name}` }).click();
    await dialog.waitFor();
    // The confirmation box has focus; a wrong NISN keeps the button disabled.
    await page.keyboard.type('0000');
    expect(await submit.isDisabled()).toBe(true);
    await dialog.getByRole('textbox').fill(student.nisn);
    await shot('02-erase-dialog');
    expect(await submit.isDisabled()).toBe(false);
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    await page.getByTestId('erase-result').waitFor();
    expect(await page.getByTestId('erase-result').textContent()).toContain('Data pribadi siswa telah dihapus');
    await row('Siswa terhapus').first().waitFor();
    expect(await page.locator('[data-testid=students]').textContent()).not.toContain(student.name);
    await shot('03-students-after-erase');
    await page.reload();
    await page.locator('[data-testid=student-row]').first().waitFor();
    expect(await page.locator('[data-testid=students]').textContent()).not.toContain(student.name);
    // Erasing again is refused, and the dialog says why.
    const erased = await studentAt(await page.locator('[data-testid=student-row]').evaluateAll((rows) => rows.findIndex((r) => r.textContent?.includes('Siswa terhapus'))));
    await row('Siswa terhapus').getByRole('button', { name: 'Hapus data pribadi: Siswa terhapus' }).click();
    await dialog.getByRole('textbox').fill(erased.nisn);
    await submit.click();
    await dialog.getByRole('alert').getByText('Data siswa ini sudah dihapus.').waitFor();
    await dialog.getByRole('button', { name: 'Batal' }).click();
    await dialog.waitFor({ state: 'hidden' });
  });

  it('changes a staff member’s role from the Staf page, and a reload shows it', async () => {
    await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Staf' }).click();
    await page.waitForURL(/\/staff$/);
    const tim = page.locator('[data-testid=staff-row][data-email="tim@sekolah-a.demo"]');
    await tim.waitFor();
    const select = tim.getByRole('combobox');
    expect(await select.inputValue()).toBe('tim');
    // Labels are Indonesian; the kepsek's own row has no selector.
    expect(await select.locator('option').allTextContents()).toEqual(['Kepala sekolah', 'Guru BK', 'Wali kelas', 'Tim SRPS']);
    expect(await page.locator('[data-testid=staff-row][data-email="kepsek@sekolah-a.demo"]').getByRole('combobox').count()).toBe(0);
    // A wali kelas needs a class before the role can be saved.
    const save = tim.getByRole('button', { name: /^Simpan peran: / });
    await select.selectOption('wali_kelas');
    await tim.getByRole('textbox', { name: /^Kelas untuk / }).waitFor();
    expect(await save.isDisabled()).toBe(true);
    await select.selectOption('guru_bk');
    await save.click();
    await tim.getByText(/sekarang Guru BK\.$/).waitFor();
    await shot('04-staff-saved');
    await page.reload();
    await tim.waitFor();
    expect(await tim.getByRole('combobox').inputValue()).toBe('guru_bk');
    // English through the switch.
    await page.getByTestId('lang-en').click();
    await page.getByRole('heading', { name: 'School staff' }).waitFor();
    expect(await tim.getByRole('combobox').locator('option').allTextContents()).toEqual(EN_ROLES);
    await shot('05-staff-english');
    await page.getByTestId('lang-id').click();
  });

  it('shows a guru BK none of these controls', async () => {
    await page.context().clearCookies();
    await page.evaluate(() => localStorage.removeItem('jalur.lang'));
    await signIn(page, server.url, 'bk@sekolah-a.demo');
    await page.goto(`${server.url}/cases/students`);
    await page.locator('[data-testid=student-row]').first().waitFor();
    expect(await page.getByRole('button', { name: /Unduh data siswa|Hapus data pribadi/ }).count()).toBe(0);
    expect(await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Staf' }).count()).toBe(0);
    await shot('06-students-guru-bk');
    // The Staf page is not the guru BK's: it says so in one sentence and shows no staff list.
    await page.goto(`${server.url}/staff`);
    await page.locator('[data-testid=forbidden]').waitFor();
    expect(await page.locator('[data-testid=staff]').count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
