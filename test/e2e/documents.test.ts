/**
 * The case page's paperwork in real Chromium against the real API server
 * (built editor, temporary SQLite, demo seed): the guru BK downloads the
 * numbered case book (a real PDF, read back with pdftotext) from the
 * "Dokumen" section, and sends the invitation template to the guardian
 * through WhatsApp from the "Kontak keluarga" panel — the wa.me link opens
 * with the filled message and the contact is logged. Screenshots in
 * test-results/documents-e2e/.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from '../../apps/editor/e2e/browser.ts';
import { e2eWorld } from '../../apps/editor/e2e/suite.ts';
import { signIn } from '../../apps/editor/e2e/designer.ts';
import { REPO_ROOT, type RunningServer } from '../../apps/editor/e2e/server.ts';
import { firstOwnActiveCase } from './helpers.ts';
import { emblem } from '../api/png.ts';

const SHOTS = join(REPO_ROOT, 'test-results', 'documents-e2e');
let server: RunningServer;
let page: Page;
const errors: string[] = [];
const world = e2eWorld(SHOTS, errors);
beforeAll(() => void ({ server, page } = world));
const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

describe('documents and family contact on the case page (Chromium)', () => {
  let student = '';

  it('downloads the numbered case book as a PDF from the Dokumen section', async () => {
    await signIn(page, server.url, 'bk@sekolah-a.demo');
    const caseId = await firstOwnActiveCase(page);
    await page.goto(`${server.url}/cases/${caseId}`);
    await page.getByTestId('documents').waitFor();
    student = ((await page.getByTestId('case-student').textContent()) ?? '').trim();
    expect(student).not.toBe('');
    const button = page.getByRole('button', { name: 'Unduh PDF: Buku Kasus' });
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    expect(download.suggestedFilename()).toMatch(/^buku-kasus-001-BK-BKS-[A-Z0-9-]+-\d{4}\.pdf$/);
    const text = execFileSync('pdftotext', ['-layout', await download.path(), '-'], { encoding: 'utf8' });
    expect(text).toContain('BUKU KASUS');
    expect(text).toContain(student);
    expect(text).toMatch(/Nomor: 001\/BK-BKS\//);
    expect(text).toMatch(/\d{1,2} (Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember) \d{4}/);
    await page.getByTestId('document-downloaded').waitFor();
    expect(await page.getByTestId('document-downloaded').textContent()).toMatch(/Dokumen diunduh: 001\/BK-BKS\//);
    await page.getByTestId('documents-issued').getByText(/^001\/BK-BKS\//).waitFor();
    await shot('01-documents');
  });

  it('opens WhatsApp with the filled invitation and logs the contact', async () => {
    // wa.me is outside this machine's reach: answer it locally so the popup's address can be read.
    await page.context().route('https://wa.me/**', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<title>WhatsApp</title>' }));
    const panel = page.getByTestId('family');
    await panel.scrollIntoViewIfNeeded();
    await page.selectOption('[data-testid=family-template]', 'undangan');
    expect(await page.getByTestId('family-message').textContent()).toContain(student);
    // A number WhatsApp cannot reach is refused with a clear message, and nothing is logged.
    await page.fill('[data-testid=family-phone]', '021-555-1234');
    const [badPopup] = await Promise.all([page.context().waitForEvent('page'), page.click('[data-testid=family-whatsapp]')]);
    await page.getByTestId('family-result').filter({ hasText: 'Nomor HP tidak valid' }).waitFor();
    // The window opened for the link is closed again.
    await expect.poll(() => badPopup.isClosed()).toBe(true);
    expect(await page.locator('[data-testid=family-contact]').count()).toBe(0);
    await page.fill('[data-testid=family-phone]', '0812-3456-7890');
    const [popup] = await Promise.all([page.context().waitForEvent('page'), page.click('[data-testid=family-whatsapp]')]);
    await popup.waitForURL(/^https:\/\/wa\.me\/6281234567890\?text=/);
    const message = new URL(popup.url()).searchParams.get('text') ?? '';
    expect(message).toContain(`orang tua/wali dari ${student}`);
    expect(message).toContain('Guru BK Sekolah A');
    await popup.close();
    await page.getByTestId('family-result').filter({ hasText: 'Pesan dicatat dan dibuka' }).waitFor();
    await page.locator('[data-testid=family-contact][data-channel=whatsapp]').waitFor();
    expect(await page.locator('[data-testid=family-contact]').first().textContent()).toContain('Undangan bertemu');
    await shot('02-family-contact');
    expect(errors).toEqual([]);
  });

  it('lets the kepsek set the letterhead, upload the logo and a NIP, which the next letter carries', async () => {
    const caseUrl = page.url();
    await page.context().clearCookies();
    await signIn(page, server.url, 'kepsek@sekolah-a.demo');
    await page.goto(caseUrl);
    const letterhead = page.getByTestId('letterhead');
    await letterhead.locator('summary').click();
    await letterhead.getByLabel('Kota tempat surat ditandatangani').fill('Muara Sabak');
    await letterhead.getByLabel('Instansi di atas nama sekolah (satu per baris)').fill('Pemerintah Provinsi Jambi\nDinas Pendidikan');
    await letterhead.getByRole('button', { name: 'Simpan' }).first().click();
    await letterhead.getByRole('status').filter({ hasText: 'Tersimpan' }).waitFor();
    // A file that is not an image is refused with the API's message; a PNG is taken and shown.
    const input = letterhead.locator('input[type=file]');
    await input.setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: Buffer.from('bukan gambar') });
    await letterhead.getByRole('alert').filter({ hasText: 'bukan gambar PNG/JPEG' }).waitFor();
    await input.setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: Buffer.from(emblem()) });
    await letterhead.getByRole('img', { name: /Logo sekolah/ }).waitFor();
    const bk = page.getByLabel('NIP (18 angka): Sri Wahyuni, S.Pd.');
    await bk.fill('198001012005012001');
    await bk.locator('xpath=ancestor::tr').getByRole('button', { name: 'Simpan' }).click();
    await letterhead.getByRole('status').filter({ hasText: 'Tersimpan' }).waitFor();
    await shot('03-letterhead');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Unduh PDF: Buku Kasus' }).click()]);
    const text = execFileSync('pdftotext', ['-layout', await download.path(), '-'], { encoding: 'utf8' });
    expect(text).toContain('PEMERINTAH PROVINSI JAMBI');
    expect(text).toMatch(/Muara Sabak, \d{1,2} [A-Z][a-z]+ \d{4}/);
    expect(text).toContain('NIP. 198001012005012001');
    expect(text).toMatch(/Nomor: 002\/BK-BKS\//);
    // The logo is drawn: the PDF holds an image.
    const images = execFileSync('pdfimages', ['-list', await download.path()], { encoding: 'utf8' });
    expect(images.split('\n').filter((l) => /^\s*1\s+\d+\s+image/.test(l)).length).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });
});
