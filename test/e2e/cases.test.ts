/**
 * Case work in real Chromium against the real API server (built editor,
 * temporary SQLite with the demo seed): a guru BK imports a roster and
 * attendance, sees the flagged student, opens a case from the flag, moves it
 * through counseling and a home visit (the visit report written offline and
 * sent exactly once when the connection returns), records consent, sends and
 * completes a referral and closes the case; the kepsek rejects the referral
 * step, the guru BK asks again, the kepsek approves it; a wali kelas opens the same case and cannot see the confidential note.
 * Screenshots go to test-results/cases/.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BrowserSession, Page } from '../../apps/editor/e2e/browser.ts';
import { e2eWorld } from '../../apps/editor/e2e/suite.ts';
import { signIn } from '../../apps/editor/e2e/designer.ts';
import { REPO_ROOT, type RunningServer } from '../../apps/editor/e2e/server.ts';

const SHOTS = join(REPO_ROOT, 'test-results', 'cases');
const SECRET = 'Siswa bercerita ayahnya sering memukul (RAHASIA)';
const PUBLIC = 'Siswa hadir konseling tepat waktu';

let server: RunningServer;
let browser: BrowserSession;
let page: Page;
let caseUrl = '';
const errors: string[] = [];

const shot = (p: Page, name: string) => p.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

const ROSTER = `NISN;Nama Siswa;Kelas;JK;Tgl Lahir;Nama Wali;No HP Wali
9100000001;Dewi Lestari;X-1;P;12/04/2009;Ibu Marni;081298765431
9100000002;Agus Salim;X-1;L;2009-08-17;Bapak Salim;081298765432
9100000003;Rina Wati;X-1;P;2009-02-03;Ibu Wati;081298765433
`;
const ATTENDANCE = `NISN,Bulan,Hari Sekolah,Hadir,Sakit,Izin,Alpa
9100000001,2026-10,20,15,1,0,4
9100000002,2026-10,20,20,0,0,0
9100000003,2026-10,20,19,1,0,0
`;

async function act(p: Page, event: string, fields: Record<string, string> = {}) {
  await p.click(`[data-testid="action-${event}"]`);
  for (const [name, value] of Object.entries(fields)) {
    const el = p.locator(`[data-testid=step-form] [data-field="${name}"]`);
    const tag = await el.evaluate((e) => e.tagName);
    if (tag === 'SELECT') await el.selectOption(value);
    else await el.fill(value);
  }
  const before = await p.locator('[data-testid=timeline-event]').count();
  await p.click('[data-testid=send-event]');
  await p.waitForFunction((n) => document.querySelectorAll('[data-testid=timeline-event]').length > n, before, { timeout: 15_000 });
}

/** The current step's title (the case and its timeline refetch apart after an action: poll it). */
async function currentStep(p: Page): Promise<string> {
  return (await p.locator('[data-testid=current-step] strong').first().textContent()) ?? '';
}

const world = e2eWorld(SHOTS, errors);
beforeAll(() => void ({ server, browser, page } = world));

describe('case work in Chromium', () => {
  it('a guru BK imports a roster with a preview, then attendance', async () => {
    await signIn(page, server.url, 'bk@sekolah-a.demo');
    await page.goto(`${server.url}/cases/students`);
    await page.fill('[data-testid=roster-text]', ROSTER);
    await page.click('[data-testid=roster-preview]');
    await page.waitForSelector('[data-testid=roster-row]');
    expect(await page.locator('[data-testid=roster-row][data-action=new]').count()).toBe(3);
    await shot(page, '01-roster-preview');
    await page.click('[data-testid=roster-apply]');
    await expect.poll(() => page.locator('[data-testid=roster-message]').textContent()).toContain('Impor diterapkan');

    await page.fill('[data-testid=indicators-text]', ATTENDANCE);
    await page.click('[data-testid=indicators-preview]');
    await page.waitForSelector('[data-testid=indicators-row]');
    await page.click('[data-testid=indicators-apply]');
    await expect.poll(() => page.locator('[data-testid=indicators-message]').textContent()).toContain('Impor diterapkan');
    await page.waitForSelector('[data-testid=student-row]:has-text("Dewi Lestari")');
    await shot(page, '02-students');
  });

  it('sees the flagged student with the reason and opens a case from the flag', async () => {
    await page.goto(`${server.url}/cases/flags`);
    const row = page.locator('[data-testid=flagged][data-nisn="9100000001"]');
    await row.waitFor();
    expect(await row.textContent()).toContain('Tidak hadir 5 dari 20 hari sekolah (25%)');
    expect(await page.locator('[data-testid=flagged][data-nisn="9100000002"]').count()).toBe(0);
    await shot(page, '03-flags');
    await page.selectOption('[data-testid=flag-pathway]', { label: 'Layanan responsif bimbingan dan konseling' });
    await row.locator('[data-testid=open-case]').click();
    await page.waitForURL((u) => /\/cases\/[^/]+$/.test(u.pathname) && !u.pathname.endsWith('/flags'));
    caseUrl = page.url();
    await page.waitForSelector('[data-testid=case-canvas] .react-flow__node');
    expect(await page.locator('[data-testid=case-student]').textContent()).toBe('Dewi Lestari');
    expect(await page.locator('[data-testid=opening-indicators]').textContent()).toContain('Tidak hadir 5 dari 20');
    expect(await page.locator('.react-flow__node .is-active').count()).toBeGreaterThan(0);
    await shot(page, '04-case-opened');
  });

  it('shows the case on the board in its step’s column, and in my tasks', async () => {
    await page.goto(`${server.url}/cases`);
    const option = page.locator('[data-testid=board-pathway] option', { hasText: 'Layanan responsif' });
    await option.waitFor({ state: 'attached' });
    await page.selectOption('[data-testid=board-pathway]', (await option.getAttribute('value'))!);
    const column = page.locator('[data-testid="column-penerimaan_kasus"]');
    await column.locator('[data-testid=case-card]:has-text("Dewi Lestari")').waitFor();
    expect(Number(await column.locator('[data-testid=column-count]').textContent())).toBeGreaterThanOrEqual(1);
    await shot(page, '04b-board');
    await page.goto(`${server.url}/cases/tasks`);
    await page.locator('[data-testid=task]:has-text("Dewi Lestari")').waitFor();
    await shot(page, '04c-my-tasks');
    await page.goto(caseUrl);
    await page.waitForSelector('[data-testid=current-step]');
  });

  it('advances through intake and counseling, with notes of two confidentiality levels', async () => {
    // The form validates before sending: an empty required field is refused in the page.
    await page.click('[data-testid="action-TERIMA_KASUS"]');
    await page.click('[data-testid=send-event]');
    expect(await page.locator('[data-testid=step-message]').textContent()).toContain('wajib diisi');
    await act(page, 'TERIMA_KASUS', { referredBy: 'wali_kelas', problemArea: 'belajar', urgency: 'segera', problemDescription: 'Sering tidak masuk tanpa keterangan' });
    await expect.poll(() => currentStep(page)).toBe('Konseling individual');

    await page.fill('[data-testid=note-body]', SECRET);
    await page.selectOption('[data-testid=note-level]', 'rahasia');
    await page.click('[data-testid=note-save]');
    await page.waitForSelector(`[data-testid=note]:has-text("${SECRET}")`);
    await page.fill('[data-testid=note-body]', PUBLIC);
    await page.selectOption('[data-testid=note-level]', 'umum');
    await page.click('[data-testid=note-save]');
    await page.waitForSelector(`[data-testid=note]:has-text("${PUBLIC}")`);

    await act(page, 'KUNJUNGAN_RUMAH', { sessionDate: '2026-11-02' });
    await expect.poll(() => currentStep(page)).toBe('Kunjungan rumah');
    await shot(page, '05-home-visit-step');
  });

  it('keeps a home-visit report written offline as "belum terkirim" and sends it exactly once when back online', async () => {
    const ctx = browser.context;
    await ctx.setOffline(true);
    await page.fill('[data-testid=visit-plan]', 'Bertemu ibu di rumah');
    await page.fill('[data-testid=visit-findings]', 'Ibu bekerja malam; Dewi menjaga adik');
    await page.click('[data-testid=record-save]');
    await page.waitForSelector('[data-testid=unsent-item]');
    expect(await page.locator('[data-testid=unsent]').textContent()).toContain('Belum terkirim');
    expect(await page.locator('[data-testid=outbox-count]').textContent()).toContain('1');
    await shot(page, '06-offline-unsent');
    // Reloading while offline would lose nothing: the report lives in localStorage.
    // (Kept under the signed-in user's id: another user of this browser never sends it.)
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('jalur.outbox.v2:')).map((k) => JSON.parse(localStorage.getItem(k)!).length))).toEqual([1]);
    await ctx.setOffline(false);
    await page.waitForSelector('[data-testid=unsent]', { state: 'detached', timeout: 30_000 });
    await page.waitForSelector('[data-testid=record][data-kind=home_visit]');
    const caseId = caseUrl.split('/').pop()!;
    const records = await page.evaluate(async (id) => (await fetch(`/api/cases/${id}/records?kind=home_visit`)).json(), caseId);
    expect(records, JSON.stringify(records) + caseId).toHaveProperty("items");
    expect(records.items).toHaveLength(1);

    // The answer is lost after the server committed (connection reset): the retry must not make a second copy.
    let dropped = false;
    await page.route('**/api/cases/*/records', async (route) => {
      if (route.request().method() === 'POST' && !dropped) {
        dropped = true;
        await route.fetch();
        await route.abort('connectionreset');
        return;
      }
      await route.continue();
    });
    await page.selectOption('[data-testid=record-kind]', 'counseling_session');
    await page.fill('[data-testid=session-topic]', 'Motivasi belajar dan jadwal harian');
    await page.click('[data-testid=record-save]');
    await page.waitForSelector('[data-testid=unsent-item]');
    expect(dropped).toBe(true);
    await page.click('[data-testid=unsent] button');
    await page.waitForSelector('[data-testid=unsent]', { state: 'detached', timeout: 30_000 });
    await page.unroute('**/api/cases/*/records');
    const sessions = await page.evaluate(async (id) => (await fetch(`/api/cases/${id}/records?kind=counseling_session`)).json(), caseId);
    expect(sessions.items).toHaveLength(1);

    await act(page, 'KUNJUNGAN_SELESAI', { visitDate: '2026-11-03', findings: 'Keluarga butuh dukungan; ibu bersedia datang ke sekolah' });
    await expect.poll(() => currentStep(page)).toBe('Konseling individual');
    await shot(page, '07-visit-sent');
  });

  it('refuses the referral without consent and says why; with consent it moves on and the referral runs sent → accepted → completed', async () => {
    await page.click('[data-testid="action-RUJUK"]');
    await page.fill('[data-testid=step-form] [data-field=sessionDate]', '2026-11-04');
    await page.click('[data-testid=send-event]');
    await expect.poll(() => page.locator('[data-testid=step-message]').textContent()).toContain('persetujuan orang tua');
    await shot(page, '08-referral-needs-consent');

    await page.selectOption('[data-testid=consent-purpose]', 'referral');
    await page.fill('[data-testid=consent-given-by]', 'Ibu Marni');
    await page.click('[data-testid=consent-save]');
    await page.waitForSelector('[data-testid=consent]');
    await act(page, 'RUJUK', { sessionDate: '2026-11-04' });
    await expect.poll(() => currentStep(page)).toBe('Surat rujukan');
    expect(await page.locator('[data-testid=approval]').textContent()).toContain('Menunggu');
    // Until the kepsek approves, the step's own actions wait.
    expect(await page.locator('[data-testid="action-SURAT_DIKIRIM"]').isDisabled()).toBe(true);

    await page.selectOption('[data-testid=referral-target]', 'psychologist');
    await page.fill('[data-testid=referral-name]', 'Psikolog Puskesmas Kota');
    await page.fill('[data-testid=referral-reason]', 'Kecemasan dan trauma keluarga');
    await page.click('[data-testid=referral-send]');
    await page.waitForSelector('[data-testid=referral][data-status=sent]');
    await page.click('[data-testid=referral-accept]');
    await page.waitForSelector('[data-testid=referral][data-status=accepted]');
    await page.fill('[data-testid=referral-text]', 'Empat sesi; kecemasan menurun, kembali rutin sekolah');
    await page.click('[data-testid=referral-complete]');
    await page.waitForSelector('[data-testid=referral][data-status=completed]');
    await shot(page, '09-referral-completed');
  });

  it('the kepsek rejects the referral step, the guru BK asks again, and the kepsek approves it from the case page', async () => {
    // One browser profile: sign out and in as each of them in turn.
    const as = async (email: string) => {
      await page.evaluate(() => fetch('/api/auth/logout', { method: 'POST' }));
      await signIn(page, server.url, email);
      await page.goto(caseUrl);
      await page.waitForSelector('[data-testid=approval]');
    };
    await as('kepsek@sekolah-a.demo');
    await page.fill('[data-testid=reject-reason]', 'Lampirkan hasil asesmen');
    await page.click('[data-testid=reject]');
    await expect.poll(() => page.locator('[data-testid=approval]').textContent()).toContain('Ditolak: Lampirkan hasil asesmen');
    await as('bk@sekolah-a.demo');
    await page.fill('[data-testid=ask-again-note]', 'Hasil asesmen sudah dilampirkan');
    await page.click('[data-testid=ask-again]');
    await expect.poll(() => page.locator('[data-testid=approval]').textContent()).toContain('Menunggu');
    await shot(page, '10-asked-again');
    await as('kepsek@sekolah-a.demo');
    await page.click('[data-testid=approve]');
    await expect.poll(() => page.locator('[data-testid=approval]').textContent()).toContain('Disetujui');
    await shot(page, '10-kepsek-approved');
    await page.evaluate(() => fetch('/api/auth/logout', { method: 'POST' }));
    await signIn(page, server.url, 'bk@sekolah-a.demo');
  });

  it('closes the case after the referral letter and the hand-over', async () => {
    await page.goto(caseUrl);
    await page.waitForSelector('[data-testid=current-step]');
    await act(page, 'SURAT_DIKIRIM', { referralTarget: 'psikolog', reason: 'Kecemasan dan trauma keluarga' });
    await act(page, 'SERAH_TERIMA_SELESAI', { referralFeedback: 'Psikolog melanjutkan pendampingan' });
    await expect.poll(() => page.locator('[data-testid=case-status]').textContent()).toBe('Kasus selesai');
    expect(await page.locator('.react-flow__node .is-visited').count()).toBeGreaterThan(3);
    await shot(page, '11-case-closed');
    await page.emulateMedia({ media: 'print' });
    await shot(page, '12-print-summary');
    await page.emulateMedia({ media: 'screen' });
  });

  it('a wali kelas opens the same case and cannot see the confidential note', async () => {
    await page.evaluate(() => fetch('/api/auth/logout', { method: 'POST' }));
    await signIn(page, server.url, 'walikelas@sekolah-a.demo');
    await page.goto(caseUrl);
    await page.waitForSelector(`[data-testid=note]:has-text("${PUBLIC}")`);
    const text = (await page.textContent('body')) ?? '';
    expect(text).not.toContain(SECRET);
    expect(await page.locator('[data-testid=note][data-level=rahasia]').count()).toBe(0);
    expect(await page.locator('[data-testid=note-level] option').allTextContents()).toEqual(['Umum — semua staf kasus']);
    await shot(page, '13-wali-kelas-view');
  });

  it('works on a phone: the case page in one column', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(caseUrl);
    await page.waitForSelector('[data-testid=notes]');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(420);
    await shot(page, '14-phone');
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it('speaks English after the switch', async () => {
    await page.goto(caseUrl);
    await page.click('[data-testid=lang-en]');
    await page.waitForSelector('h2:has-text("Notes")');
    expect(await page.locator('[data-testid=case-status]').textContent()).toBe('Case closed');
    await shot(page, '15-english');
    await page.click('[data-testid=lang-id]');
    expect(errors).toEqual([]);
  });
});
