/**
 * The Satgas registers (issue 15) in real Chromium against the real API
 * server (built editor, temporary SQLite, demo seed):
 *
 * - the guru BK records one group counselling session with two members on
 *   "Konseling kelompok", then opens each member's case: the session is in
 *   its records panel and its timeline, without typing it again;
 * - a peer-support step offers only trained, active counsellors by name and
 *   the submitted answer reads as the name, never an id;
 * - a referral picks a partner from the register; the partner's page lists
 *   it with the student's name, and the demo's Puskesmas referral shows the
 *   closed-loop report came back;
 * - a partner with an invalid phone is refused in words; a wali kelas reads
 *   the partners only; every register page fits 360 px.
 * All of it twice: on SQLite, and on a throwaway real PostgreSQL server
 * (`scripts/pg-server.mjs`). Screenshots in test-results/registers/<dialect>/.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from '../../apps/editor/e2e/browser.ts';
import { REPO_ROOT, type RunningServer } from '../../apps/editor/e2e/server.ts';
import { e2eWorld } from '../../apps/editor/e2e/suite.ts';

const TOPIC = 'Belajar bersama menjelang ujian';
let shots = '';
let server: RunningServer;
let page: Page;
let errors: string[] = [];
const shot = (name: string, p: Page = page) => p.screenshot({ path: join(shots, `${name}.png`), fullPage: true });

async function signInAs(email: string): Promise<void> {
  await page.evaluate(() => fetch('/api/auth/logout', { method: 'POST' })).catch(() => undefined);
  await page.goto(`${server.url}/login`);
  await page.fill('[data-testid=login-email]', email);
  await page.fill('[data-testid=login-password]', 'jalur-demo');
  await page.click('[data-testid=login-submit]');
  await page.getByTestId('user-name').waitFor();
}

/** The text of the whole page, for "no raw id on screen". */
const bodyText = (p: Page = page) => p.locator('body').innerText();
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

describe.each(['sqlite', 'postgres'] as const)('Satgas registers in Chromium on %s', (dialect) => {
  const dialectShots = join(REPO_ROOT, 'test-results', 'registers', dialect);
  const dialectErrors: string[] = [];
  const world = e2eWorld(dialectShots, dialectErrors, { dialect, timeout: 300_000 });
  beforeAll(() => {
    ({ server, page } = world);
    shots = dialectShots;
    errors = dialectErrors;
  });

  it('records a group session once and sees it in the records and timeline of two member cases', async () => {
    await signInAs('bk@sekolah-a.demo');
    await page.getByTestId('nav-registers').click();
    await page.getByTestId('partners-page').waitFor();
    await page.getByTestId('register-tabs').getByRole('link', { name: 'Konseling kelompok' }).click();
    await page.getByTestId('group-form').waitFor();
    // The demo's own session (three members) is listed already.
    await page.locator('[data-testid=group-session]').first().waitFor();
    await page.fill('[data-testid=group-form] [name=topic]', TOPIC);
    await page.fill('[data-testid=group-form] [name=summary]', 'Menyusun jadwal belajar bersama; saling mengingatkan.');
    const picker = page.getByTestId('group-members-picker');
    await picker.locator('label').nth(1).waitFor();
    const names = [(await picker.locator('label').nth(0).getAttribute('data-student'))!, (await picker.locator('label').nth(1).getAttribute('data-student'))!];
    // One member is not a group: refused in words before anything is sent.
    await picker.locator('label').nth(0).locator('input').check();
    await page.getByTestId('group-add').click();
    await expect.poll(() => page.getByTestId('group-message').textContent()).toContain('minimal dua');
    await picker.locator('label').nth(1).locator('input').check();
    await page.getByTestId('group-add').click();
    await expect.poll(() => page.getByTestId('group-message').textContent()).toContain('2 anggota');
    const session = page.locator(`[data-testid=group-session][data-topic="${TOPIC}"]`);
    await session.waitFor();
    for (const n of names) expect(await session.getByTestId('group-members').textContent()).toContain(n);
    await shot('01-group-session-recorded');

    for (const [i, name] of names.entries()) {
      await page.goto(`${server.url}/registers/groups`);
      await session.getByRole('link', { name: new RegExp(name) }).click();
      await page.getByTestId('case-page').waitFor();
      expect(await page.getByTestId('case-student').textContent()).toBe(name);
      const inRecords = page.getByTestId('case-group-sessions').locator(`[data-testid=group-session][data-topic="${TOPIC}"]`);
      await inRecords.waitFor();
      // The other member is named (the guru BK may open both cases); the student's own name is not repeated.
      expect(await inRecords.getByTestId('group-members').textContent()).toContain(names[1 - i]);
      const inTimeline = page.locator('[data-testid=timeline] [data-type=group_session]', { hasText: TOPIC });
      await inTimeline.waitFor();
      expect(await inTimeline.textContent()).toContain(names[1 - i]);
      expect(await bodyText()).not.toMatch(UUID);
      await shot(`02-member-${i + 1}-case`);
    }
  });

  it('a peer-support step offers trained, active counsellors by name; the answer reads as the name', async () => {
    const found = await page.evaluate(async () => (await (await fetch('/api/cases?status=active&state=intervensi_perundungan.dukungan_sebaya')).json()) as { items: { id: string }[] });
    expect(found.items.length).toBeGreaterThan(0);
    await page.goto(`${server.url}/cases/${found.items[0]!.id}`);
    await page.click('[data-testid="action-PENDAMPINGAN_SEBAYA_BERJALAN"]');
    const select = page.locator('[data-testid=step-form] select[data-register=peer_counsellor]');
    await expect.poll(() => select.locator('option').count()).toBeGreaterThan(2);
    const options = await select.locator('option').allTextContents();
    expect(options.some((o) => o.includes('Nadia Putri Lestari'))).toBe(true);
    expect(options.some((o) => o.includes('Rafi Akbar Maulana'))).toBe(true);
    // Salsabila is registered but not trained yet: not offered.
    expect(options.some((o) => o.includes('Salsabila'))).toBe(false);
    expect(options.join(' ')).not.toMatch(UUID);
    await select.selectOption({ label: options.find((o) => o.includes('Nadia Putri Lestari'))! });
    await page.locator('[data-testid=step-form] [data-field=confidentialityAgreed]').selectOption('true');
    await shot('03-peer-picker');
    const before = await page.locator('[data-testid=timeline-event]').count();
    await page.click('[data-testid=send-event]');
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid=timeline-event]').length > n, before, { timeout: 15_000 });
    await expect.poll(async () => (await page.getByTestId('step-answers').textContent()) ?? '').toContain('Nadia Putri Lestari');
    expect(await bodyText()).not.toMatch(UUID);
    await shot('04-peer-answer');
  });

  it('a referral picks a partner; the partner page lists it with the student, and the demo referral’s report came back', async () => {
    const found = await page.evaluate(async () => (await (await fetch('/api/cases?status=active&state=asesmen')).json()) as { items: { id: string; student?: { name: string } }[] });
    const k = found.items[0]!;
    await page.goto(`${server.url}/cases/${k.id}`);
    await page.selectOption('[data-testid=consent-purpose]', 'referral');
    await page.fill('[data-testid=consent-given-by]', 'Ibu Marni');
    await page.click('[data-testid=consent-save]');
    await page.waitForSelector('[data-testid=consent]');
    const partner = page.getByTestId('referral-partner');
    await expect.poll(() => partner.locator('option').count()).toBeGreaterThan(3);
    await partner.selectOption({ label: 'Biro Psikologi Harapan Jambi (Psikolog)' });
    // The typed institution gives way to the register's partner.
    expect(await page.getByTestId('referral-name').count()).toBe(0);
    await page.fill('[data-testid=referral-reason]', 'Kecemasan berat menjelang ujian');
    await page.click('[data-testid=referral-send]');
    const sent = page.locator('[data-testid=referral][data-status=sent]');
    await sent.waitFor();
    expect(await sent.textContent()).toContain('Biro Psikologi Harapan Jambi');
    await shot('05-referral-to-partner');

    await page.goto(`${server.url}/registers/partners`);
    const biro = page.locator('[data-testid=partner][data-name="Biro Psikologi Harapan Jambi"]');
    await biro.getByTestId('partner-open').click();
    const row = biro.getByTestId('partner-referral');
    await row.waitFor();
    expect(await row.textContent()).toContain(k.student!.name);
    expect(await row.getAttribute('data-feedback')).toBe('false');
    const puskesmas = page.locator('[data-testid=partner][data-name="Puskesmas Muara Sabak Timur"]');
    await puskesmas.getByTestId('partner-open').click();
    await expect.poll(() => puskesmas.locator('[data-testid=partner-referral][data-feedback=true]').count()).toBe(1);
    expect(await puskesmas.textContent()).toContain('Sudah kembali');
    await shot('06-partner-referrals');
  });

  it('refuses a partner with an invalid phone in words, adds it with a valid one; a wali kelas reads the partners only', async () => {
    await page.goto(`${server.url}/registers/partners`);
    const form = page.getByTestId('partner-form');
    await form.locator('[name=name]').fill('Polsek Muara Sabak');
    await form.locator('[name=kind]').selectOption('polisi');
    await form.locator('[name=phone]').fill('0741-12');
    await page.getByTestId('partner-add').click();
    await expect.poll(() => page.getByTestId('partner-error').textContent()).toContain('Nomor HP tidak valid');
    await form.locator('[name=phone]').fill('0813 2233 4455');
    await page.getByTestId('partner-add').click();
    const card = page.locator('[data-testid=partner][data-name="Polsek Muara Sabak"]');
    await card.waitFor();
    expect(await card.textContent()).toContain('0813-2233-4455');
    await shot('07-partner-added');

    await signInAs('walikelas@sekolah-a.demo');
    await page.getByTestId('nav-registers').click();
    await page.getByTestId('partners-page').waitFor();
    expect(await page.getByTestId('register-tabs').locator('a').allTextContents()).toEqual(['Mitra rujukan']);
    expect(await page.getByTestId('partner-form').count()).toBe(0);
    // Not hers: the app's page-level rule (app/access.ts) or the page itself says so in one sentence.
    await page.goto(`${server.url}/registers/peers`);
    await page.locator('[data-testid=forbidden], [data-testid=peers-forbidden]').first().waitFor();
    expect(await page.getByTestId('peers').count()).toBe(0);
  });

  it('every register page fits a 360 px phone', async () => {
    await signInAs('bk@sekolah-a.demo');
    await page.setViewportSize({ width: 360, height: 740 });
    for (const [path, ready] of [['/registers/partners', 'partners'], ['/registers/peers', 'peers'], ['/registers/groups', 'group-sessions']] as const) {
      await page.goto(`${server.url}${path}`);
      await page.getByTestId(ready).first().waitFor();
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, path).toBeLessThanOrEqual(360);
      // No control sticks out of its card (a clipped select would not widen the page, yet be cut off).
      const wide = await page.evaluate(() =>
        [...document.querySelectorAll('main input, main select, main textarea, main button, main .reg-card')]
          .filter((e) => e.getBoundingClientRect().width > 0 && e.getBoundingClientRect().right > window.innerWidth - 12 + 0.5)
          .map((e) => `${e.tagName} ${(e as HTMLInputElement).name || e.className} ${Math.round(e.getBoundingClientRect().right)}`),
      );
      expect(wide, path).toEqual([]);
      await shot(`08-phone-${path.split('/').pop()}`);
    }
    await page.goto(`${server.url}/registers/peers`);
    await page.locator('[data-testid=peer][data-name="Nadia Putri Lestari"]').getByTestId('peer-open').click();
    await page.getByTestId('peer-supervisions').getByTestId('supervision').first().waitFor();
    await shot('09-phone-supervision');
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(errors).toEqual([]);
  });
});
