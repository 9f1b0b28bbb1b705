/**
 * Issue 15's orang tua asuh, donors and fund ledger in real Chromium against
 * the real API server (built editor, temporary SQLite, demo seed with its
 * sponsors, funds and disbursements):
 * - the kepsek opens "Orang tua asuh & dana" from the menu, reads the funds
 *   with their balances and a ledger (the cohort's disbursements with their
 *   BKK receipts and students), records a donation (a BKM receipt, the
 *   balance goes up) and adds a donor;
 * - the guru BK runs the funding step of a case, picking the fund from a
 *   list that shows balances (no ids on screen): an amount over the balance
 *   is refused with the fund, its balance and the amount in words, and
 *   nothing is paid; a smaller one is paid, and the ledger shows it with the
 *   student and the step;
 * - a wali kelas has no menu entry and the page says so; on a 360 px phone
 *   the page fits;
 * - in the designer the kepsek makes a form field a pick from a register and
 *   chooses which register (fund, referral partner, peer counsellor); the
 *   draft saves it;
 * - the kepsek renames a fund (a name another fund has is refused in words),
 *   closes it after a confirm step (it shows "Ditutup", keeps its ledger and
 *   balance, has no donation form and leaves the step picker) and reopens it.
 *   Screenshots in test-results/fund-ledger-e2e/.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from '../../apps/editor/e2e/browser.ts';
import { e2eWorld } from '../../apps/editor/e2e/suite.ts';
import { node, signIn } from '../../apps/editor/e2e/designer.ts';
import { REPO_ROOT, type RunningServer } from '../../apps/editor/e2e/server.ts';
import { formData } from '../../packages/engine/src/test-fixtures.ts';
import { pageApi, rp, srpsForm } from './helpers.ts';

let SHOTS = join(REPO_ROOT, 'test-results', 'fund-ledger-e2e');
let server: RunningServer;
let page: Page;
const errors: string[] = [];
const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

const api = pageApi(() => page);
/** The raw ids of the page's funds: none of them may be on screen. */
async function fundIds(): Promise<string[]> {
  return (await api<{ items: { id: string }[] }>('GET', '/api/registers/funds')).body.items.map((f) => f.id);
}
async function balanceOf(name: string): Promise<number> {
  return (await api<{ items: { name: string; balance: number }[] }>('GET', '/api/registers/funds')).body.items.find((f) => f.name === name)!.balance;
}
async function openLedger(name: string) {
  await page.getByRole('button', { name: `Buku kas: ${name}` }).click();
  await page.getByTestId('fund-ledger').getByRole('heading', { name: `Buku kas: ${name}` }).waitFor();
  await page.getByTestId('ledger-entry').first().waitFor();
}

describe.each(['sqlite', 'postgres'] as const)('orang tua asuh and the fund ledger (Chromium, %s)', (dialect) => {
  const shots = join(REPO_ROOT, 'test-results', 'fund-ledger-e2e', dialect);
  const world = e2eWorld(shots, errors, { dialect });
  beforeAll(() => {
    ({ server, page } = world);
    SHOTS = shots;
  });
  it('the kepsek reads the funds and a ledger, records a donation and adds a donor', async () => {
    await signIn(page, server.url, 'kepsek@sekolah-a.demo');
    await page.getByTestId('main-nav').getByRole('link', { name: 'Orang tua asuh & dana' }).click();
    await page.waitForURL(/\/registers\/funds$/);
    await page.getByTestId('fund-row').first().waitFor();
    const names = await page.locator('[data-testid=fund-row] strong').allTextContents();
    expect(names).toContain('Dana komite');
    expect(names).toContain('Dana orang tua asuh Bapak Bambang');
    const komite = page.locator('[data-testid=fund-row][data-fund="Dana komite"]');
    expect(await komite.getByTestId('fund-balance').textContent()).toBe(rp(await balanceOf('Dana komite')));

    // The seed-002 cohort paid out of Dana komite: BKK receipts, the step, the student.
    await openLedger('Dana komite');
    const out = page.locator('[data-testid=ledger-entry][data-direction=out]');
    expect(await out.count()).toBeGreaterThanOrEqual(3);
    expect(await out.first().textContent()).toMatch(/BKK-2023-\d{4}/);
    expect(await out.first().textContent()).toContain('Penyaluran: Penggalangan dana / bantuan biaya');
    expect(await out.first().getByRole('link').count()).toBe(1);
    await shot('01-ledger');

    // A donation to Dana sosial sekolah.
    const before = await balanceOf('Dana sosial sekolah');
    await openLedger('Dana sosial sekolah');
    const form = page.getByTestId('donation-form');
    await form.locator('input[name=amount]').fill('1.250.000');
    await form.locator('select[name=sponsorId]').selectOption({ label: 'Dewan Guru SMKN 1' });
    await form.locator('input[name=note]').fill('Iuran guru semester genap');
    await form.getByTestId('save-donation').click();
    const saved = await page.getByTestId('donation-saved').textContent();
    expect(saved).toMatch(/^Donasi Rp 1\.250\.000 tercatat dengan kuitansi BKM-\d{4}-\d{4}\. Saldo Dana sosial sekolah: Rp [\d.]+\.$/);
    expect(saved).toContain(rp(before + 1_250_000));
    await page.locator('[data-testid=fund-row][data-fund="Dana sosial sekolah"] [data-testid=fund-balance]', { hasText: rp(before + 1_250_000) }).waitFor();
    // The ledger reloads with the new entry first (newest first).
    const first = page.getByTestId('ledger-entry').first();
    await expect.poll(() => first.textContent(), { timeout: 10_000 }).toContain('Donasi masuk: Dewan Guru SMKN 1');
    expect(await first.textContent()).toContain('Iuran guru semester genap');

    // A donor with a pledge; the phone is normalised.
    const sponsorForm = page.getByTestId('sponsor-form');
    await sponsorForm.locator('select[name=kind]').selectOption({ label: 'Donatur' });
    await sponsorForm.locator('select[name=party]').selectOption({ label: 'Lembaga' });
    await sponsorForm.locator('input[name=sponsorName]').fill('Koperasi Nelayan Kuala Jambi');
    await sponsorForm.locator('input[name=phone]').fill('0812-7000-1234');
    await sponsorForm.locator('input[name=pledgeAmount]').fill('2.000.000');
    await sponsorForm.locator('select[name=period]').selectOption({ label: 'sekali' });
    await sponsorForm.getByRole('button', { name: 'Simpan' }).click();
    const card = page.locator('[data-testid=sponsor]', { hasText: 'Koperasi Nelayan Kuala Jambi' });
    await card.waitFor();
    expect(await card.textContent()).toContain('Rp 2.000.000 sekali');
    expect(await card.textContent()).toContain('Donatur · Lembaga');
    const page1 = (await page.locator('main').textContent()) ?? '';
    for (const id of await fundIds()) expect(page1).not.toContain(id);
    await shot('02-donation-and-donor');
    expect(errors).toEqual([]);
  });

  it('the guru BK pays aid out of a fund picked in the funding step; over the balance it is refused in words', async () => {
    // A new economic case up to the funding step (API), approved by the kepsek.
    await page.context().clearCookies();
    await signIn(page, server.url, 'bk@sekolah-a.demo');
    const srps = (await api<{ items: { id: string; key: string }[] }>('GET', '/api/pathways')).body.items.find((p) => p.key === 'srps-standar')!;
    const students = (await api<{ items: { id: string; name: string }[] }>('GET', '/api/students?limit=500')).body.items;
    const busy = new Set((await api<{ items: { studentId: string }[] }>('GET', '/api/cases?status=active&limit=500')).body.items.map((c) => c.studentId));
    const student = students.find((s) => !busy.has(s.id))!;
    const opened = await api('POST', '/api/cases', { studentId: student.id, pathwayId: srps.id, riskFactors: ['economic'] });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const caseId = opened.body.id as string;
    let v = opened.body.version as number;
    for (const [type, data] of [
      ['SELESAI_IDENTIFIKASI', formData([srpsForm('identifikasi')], 0)],
      ['TETAPKAN_FAKTOR', { ...formData([srpsForm('asesmen')], 0), mainFactor: 'economic' }],
      ['KUNJUNGAN_SELESAI', formData([srpsForm('intervensi_ekonomi.bantuan.kunjungan_rumah')], 0)],
    ] as const) {
      const r = await api('POST', `/api/cases/${caseId}/events`, { type, data, expectedVersion: v });
      expect(r.status, `${type}: ${JSON.stringify(r.body)}`).toBe(200);
      v = r.body.version;
    }
    await page.context().clearCookies();
    await signIn(page, server.url, 'kepsek@sekolah-a.demo');
    await page.goto(`${server.url}/cases/${caseId}`);
    await page.getByTestId('approve').first().click();
    await page.locator('[data-testid=approval]', { hasText: 'Disetujui' }).first().waitFor();

    await page.context().clearCookies();
    await signIn(page, server.url, 'bk@sekolah-a.demo');
    const fundName = 'Donasi alumni';
    const balance = await balanceOf(fundName);
    await page.goto(`${server.url}/cases/${caseId}`);
    await page.getByTestId('action-DANA_TERSALURKAN').click();
    const form = page.getByTestId('step-form');
    await form.waitFor();
    const picker = form.locator('select[data-field=fund]');
    await picker.locator('option', { hasText: fundName }).waitFor({ state: 'attached' });
    const options = await picker.locator('option').allTextContents();
    expect(options[0]).toBe('— pilih dana —');
    expect(options).toContain(`${fundName} — saldo ${rp(balance)}`);
    // Grouped by source, so a foster parent's funds stand together.
    expect(await picker.locator('optgroup').evaluateAll((gs) => gs.map((g) => g.getAttribute('label')))).toEqual(expect.arrayContaining(['Orang tua asuh', 'Komite sekolah', 'Alumni']));
    expect(await picker.locator('optgroup[label="Orang tua asuh"] option').allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(/^Dana orang tua asuh Bapak Bambang — saldo Rp /)]));
    for (const id of await fundIds()) expect(options.join('\n')).not.toContain(id);
    await picker.selectOption({ label: `${fundName} — saldo ${rp(balance)}` });
    expect(await form.getByTestId('register-detail-fund').textContent()).toBe(`Saldo ${fundName}: ${rp(balance)}`);
    await form.locator('select[name=aidType]').selectOption({ index: 3 });
    await form.locator('input[name=amount]').fill(String(balance + 100_000));
    await shot('03-funding-step');
    await page.getByTestId('send-event').click();
    const refused = page.getByTestId('step-message');
    await refused.waitFor();
    expect(await refused.textContent()).toBe(`Saldo ${fundName} ${rp(balance)}, kurang dari ${rp(balance + 100_000)} yang diminta.`);
    // The fund's field says it too.
    expect(await picker.getAttribute('aria-invalid')).toBe('true');
    expect(await form.locator('.cw-field-error').first().textContent()).toContain(`Saldo ${fundName} ${rp(balance)}`);
    await shot('04-refused');
    // Nothing was paid and the case did not move.
    expect(await balanceOf(fundName)).toBe(balance);
    expect((await api('GET', `/api/cases/${caseId}`)).body.version).toBe(v + 1);

    await form.locator('input[name=amount]').fill('350000');
    await page.getByTestId('send-event').click();
    await page.locator('[data-testid=step-message]', { hasText: /./ }).waitFor();
    await page.waitForFunction(() => document.querySelector('[data-testid=step-message]')?.getAttribute('role') === 'status');
    expect(await balanceOf(fundName)).toBe(balance - 350_000);

    await page.getByTestId('main-nav').getByRole('link', { name: 'Orang tua asuh & dana' }).click();
    await page.getByTestId('fund-row').first().waitFor();
    await openLedger(fundName);
    const paid = page.locator('[data-testid=ledger-entry][data-direction=out]').first();
    expect(await paid.textContent()).toContain('Rp 350.000');
    expect(await paid.textContent()).toContain('Penyaluran: Penggalangan dana / bantuan biaya');
    expect(await paid.getByRole('link').textContent()).toBe(student.name);
    expect(await paid.textContent()).toMatch(/BKK-\d{4}-\d{4}/);
    await shot('05-ledger-after');
    expect(errors).toEqual([]);
  });

  it('a wali kelas has no menu entry and the page says so; the page fits a 360 px phone', async () => {
    await page.context().clearCookies();
    await signIn(page, server.url, 'walikelas@sekolah-a.demo');
    expect(await page.getByTestId('main-nav').getByRole('link', { name: 'Orang tua asuh & dana' }).count()).toBe(0);
    await page.goto(`${server.url}/registers/funds`);
    // The menu's page rules (app/access.ts) close it with their one sentence; the page itself says the same if reached.
    await page.locator('[data-testid=forbidden], [data-testid=funds-forbidden]').first().waitFor();
    expect(await page.locator('main').textContent()).toMatch(/Halaman ini (tidak tersedia untuk peran Anda \(Wali kelas\)|untuk kepala sekolah, guru BK dan anggota Satgas)/);
    expect(await page.getByTestId('fund-row').count()).toBe(0);

    await page.context().clearCookies();
    await page.setViewportSize({ width: 360, height: 740 });
    await signIn(page, server.url, 'kepsek@sekolah-a.demo');
    await page.goto(`${server.url}/registers/funds`);
    await page.getByTestId('fund-row').first().waitFor();
    await openLedger('Dana komite');
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(wide).toBeLessThanOrEqual(360);
    // Every fund's name and balance, and every ledger amount, is on screen (not scrolled away inside a table).
    const inView = async (sel: string) => {
      for (const box of await page.locator(sel).evaluateAll((els) => els.map((e) => ({ ...(e.getBoundingClientRect().toJSON() as { left: number; right: number; width: number }), text: (e.textContent ?? '').slice(0, 40) })))) {
        expect(box.width, `${sel} ${box.text}`).toBeGreaterThan(0);
        expect(box.left, `${sel} ${box.text}`).toBeGreaterThanOrEqual(0);
        expect(box.right, `${sel} ${box.text}`).toBeLessThanOrEqual(360);
      }
    };
    await inView('[data-testid=fund-row] strong');
    await inView('[data-testid=fund-balance]');
    await inView('[data-testid=ledger-entry] td:nth-child(3)');
    await shot('06-phone');
    expect(errors).toEqual([]);
  });

  it('in the designer, a form field picks from a register the kepsek chooses', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.context().clearCookies();
    await signIn(page, server.url, 'kepsek@sekolah-a.demo');
    await page.waitForSelector('[data-testid=templates] li');
    await page.fill('[data-testid=new-title]', 'Jalur bantuan dana');
    await page.click('[data-testid=new-blank]');
    await page.waitForURL(/\/pathways\/[^/]+$/);
    const pathwayId = new URL(page.url()).pathname.split('/').pop()!;
    await node(page, 'identifikasi').click();
    const props = page.getByTestId('step-properties');
    await props.getByRole('button', { name: 'Tambah isian' }).click();
    const row = props.locator('.form-field-row').last();
    await row.getByRole('combobox', { name: 'Jenis isian' }).selectOption({ label: 'Dari daftar Satgas' });
    const kind = row.getByTestId('register-kind');
    expect(await kind.inputValue()).toBe('fund');
    expect(await kind.locator('option').allTextContents()).toEqual(['Dana (buku kas)', 'Mitra rujukan', 'Konselor sebaya']);
    await kind.selectOption({ label: 'Mitra rujukan' });
    await page.waitForSelector('[data-testid=save-status][data-status=saved]', { timeout: 15_000 });
    await expect.poll(async () => {
      const draft = (await api('GET', `/api/pathways/${pathwayId}`)).body;
      const form = (draft.draft ?? draft.document)?.machine?.states?.identifikasi?.meta?.form as { type: string; register?: string }[] | undefined;
      return form?.at(-1);
    }, { timeout: 10_000 }).toMatchObject({ type: 'register', register: 'partner' });
    await shot('07-designer-register-field');
    expect(errors).toEqual([]);
  });

  it('the kepsek renames a fund, closes it (asked first; it then takes no donation and leaves the step picker) and reopens it', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.context().clearCookies();
    await signIn(page, server.url, 'kepsek@sekolah-a.demo');
    await page.goto(`${server.url}/registers/funds`);
    const row = (name: string) => page.locator(`[data-testid=fund-row][data-fund="${name}"]`);
    await row('Dana sosial sekolah').waitFor();
    const balance = await balanceOf('Dana sosial sekolah');

    // Rename: the inline form has the name and description; Batal leaves it as it was.
    await row('Dana sosial sekolah').getByTestId('fund-rename').click();
    const form = page.getByTestId('fund-rename-form');
    expect(await form.locator('input[name=fundRename]').inputValue()).toBe('Dana sosial sekolah');
    await form.locator('input[name=fundRename]').fill('Dana sosial guru');
    await page.getByTestId('fund-rename-cancel').click();
    expect(await page.getByTestId('fund-rename-form').count()).toBe(0);
    expect(await row('Dana sosial sekolah').count()).toBe(1);
    // A name another fund has is refused in words.
    await row('Dana sosial sekolah').getByTestId('fund-rename').click();
    await form.locator('input[name=fundRename]').fill('Dana komite');
    await page.getByTestId('fund-rename-save').click();
    expect(await page.getByTestId('fund-update-error').textContent()).toBe('Nama dana sudah dipakai dana lain di sekolah ini');
    await form.locator('input[name=fundRename]').fill('  Dana sosial guru  ');
    await form.locator('input[name=fundDescription]').fill('Iuran sukarela dewan guru');
    await page.getByTestId('fund-rename-save').click();
    await row('Dana sosial guru').waitFor();
    expect(await page.getByTestId('fund-updated').textContent()).toBe('Dana Dana sosial guru disimpan.');
    expect(await row('Dana sosial guru').getByTestId('fund-description').textContent()).toBe('Iuran sukarela dewan guru');
    expect(await row('Dana sosial guru').getByTestId('fund-balance').textContent()).toBe(rp(balance));
    expect(await row('Dana sosial sekolah').count()).toBe(0);

    // Close: asked first (Batal changes nothing), then "Ditutup", the ledger kept, no donation form, out of the picker.
    await row('Dana sosial guru').getByTestId('fund-close').click();
    expect(await page.getByTestId('fund-close-confirm').textContent()).toContain(`Tutup dana Dana sosial guru? Saldo (${rp(balance)}) dan buku kasnya tetap tersimpan`);
    await page.getByTestId('fund-close-cancel').click();
    expect(await row('Dana sosial guru').getAttribute('data-status')).toBe('open');
    expect(await row('Dana sosial guru').getByTestId('fund-status').count()).toBe(0);
    await row('Dana sosial guru').getByTestId('fund-close').click();
    await shot('08-close-confirm');
    await page.getByTestId('fund-close-confirm-yes').click();
    await row('Dana sosial guru').getByTestId('fund-status').waitFor();
    expect(await row('Dana sosial guru').getByTestId('fund-status').textContent()).toBe('Ditutup');
    expect(await page.getByTestId('fund-updated').textContent()).toBe('Dana Dana sosial guru ditutup.');
    expect(await row('Dana sosial guru').getByTestId('fund-close').textContent()).toBe('Buka kembali');
    expect(await row('Dana sosial guru').getByTestId('fund-balance').textContent()).toBe(rp(balance));
    await openLedger('Dana sosial guru');
    await page.getByTestId('fund-closed-note').waitFor();
    expect(await page.getByTestId('donation-form').count()).toBe(0);
    expect(await page.getByTestId('ledger-entry').count()).toBeGreaterThan(0);
    const picker = (await api<{ items: { name: string }[] }>('GET', '/api/registers/funds?open=true')).body.items.map((f) => f.name);
    expect(picker).not.toContain('Dana sosial guru');
    expect(picker).toContain('Dana komite');
    await shot('09-closed');

    // Reopen: asked first, then it takes donations again.
    await row('Dana sosial guru').getByTestId('fund-close').click();
    expect(await page.getByTestId('fund-close-confirm').textContent()).toContain('Buka kembali dana Dana sosial guru?');
    await page.getByTestId('fund-close-confirm-yes').click();
    await expect.poll(() => row('Dana sosial guru').getAttribute('data-status'), { timeout: 10_000 }).toBe('open');
    expect(await row('Dana sosial guru').getByTestId('fund-status').count()).toBe(0);
    await page.getByTestId('donation-form').waitFor();
    expect(await page.getByTestId('fund-closed-note').count()).toBe(0);
    expect((await api<{ items: { name: string }[] }>('GET', '/api/registers/funds?open=true')).body.items.map((f) => f.name)).toContain('Dana sosial guru');
    const main = (await page.locator('main').textContent()) ?? '';
    for (const id of await fundIds()) expect(main).not.toContain(id);
    await shot('10-reopened');
    expect(errors).toEqual([]);
  });
});
