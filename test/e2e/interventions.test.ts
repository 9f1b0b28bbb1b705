/**
 * Issue 14, "interventions added or skipped during a case with a recorded
 * reason" and "several risk factors per case", in real Chromium against the
 * real API server (built editor, temporary SQLite, demo seed). On an SRPS
 * case assessed as economic, the guru BK skips the home visit with a reason
 * (the timeline shows it with the reason), adds an extra home visit with a
 * due date, adds bullying as a second risk factor; the kepsek approves the
 * fund-raising step, the guru BK skips it and the counselling too — and the
 * case goes on to the bullying track instead of monitoring. On a 360 px
 * phone the panel fits. Screenshots in test-results/interventions-e2e/.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from '../../apps/editor/e2e/browser.ts';
import { e2eWorld } from '../../apps/editor/e2e/suite.ts';
import { signIn } from '../../apps/editor/e2e/designer.ts';
import { REPO_ROOT, type RunningServer } from '../../apps/editor/e2e/server.ts';
import { formData } from '../../packages/engine/src/test-fixtures.ts';
import { pageApi, srpsForm } from './helpers.ts';

const SHOTS = join(REPO_ROOT, 'test-results', 'interventions-e2e');
let server: RunningServer;
let page: Page;
const errors: string[] = [];
const world = e2eWorld(SHOTS, errors);
beforeAll(() => void ({ server, page } = world));
const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

const api = pageApi(() => page);

async function caseState(id: string): Promise<{ version: number; stateValue: string[]; riskFactors: string[] }> {
  return (await api('GET', `/api/cases/${id}`)).body;
}

async function fillDialog(reason: string) {
  const dialog = page.getByTestId('intervention-dialog');
  await dialog.waitFor();
  await dialog.getByTestId('cw-reason').fill(reason);
  await dialog.getByTestId('cw-dialog-submit').click();
  await dialog.waitFor({ state: 'detached' });
}

describe('skip a step and add an intervention with a reason, a second risk factor changes the route (Chromium)', () => {
  let caseId = '';

  it('the guru BK skips the home visit with a reason, and the timeline keeps it', async () => {
    await signIn(page, server.url, 'bk@sekolah-a.demo');
    const pathways = (await api<{ items: { id: string; key: string }[] }>('GET', '/api/pathways')).body.items;
    const srps = pathways.find((p) => p.key === 'srps-standar')!;
    const students = (await api<{ items: { id: string }[] }>('GET', '/api/students?limit=500')).body.items;
    const busy = new Set((await api<{ items: { studentId: string }[] }>('GET', '/api/cases?status=active&limit=500')).body.items.map((c) => c.studentId));
    const student = students.find((s) => !busy.has(s.id))!;
    const opened = await api('POST', '/api/cases', { studentId: student.id, pathwayId: srps.id, riskFactors: ['economic'] });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    caseId = opened.body.id;
    let v = opened.body.version as number;
    for (const [type, data] of [
      ['SELESAI_IDENTIFIKASI', formData([srpsForm('identifikasi')], 0)],
      ['TETAPKAN_FAKTOR', { ...formData([srpsForm('asesmen')], 0), mainFactor: 'economic' }],
    ] as const) {
      const r = await api('POST', `/api/cases/${caseId}/events`, { type, data, expectedVersion: v });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      v = r.body.version;
    }

    await page.goto(`${server.url}/cases/${caseId}`);
    const panel = page.getByTestId('casework-panel');
    await panel.waitFor();
    expect(await panel.getByTestId('risk-chip').allTextContents()).toEqual(['Ekonomi']);
    await panel.locator('[data-testid=skip-step][data-step="intervensi_ekonomi.bantuan.kunjungan_rumah"]').click();
    // No reason, no skip: the dialog says so in words.
    await page.getByTestId('cw-dialog-submit').click();
    expect(await page.getByTestId('cw-dialog-error').textContent()).toContain('Alasan');
    await fillDialog('Kondisi rumah sudah diketahui dari kunjungan wali kelas');
    await page.locator('[data-testid=timeline-event][data-type="intervention.skipped"]').waitFor();
    const item = page.locator('[data-testid=timeline-event][data-type="intervention.skipped"]');
    expect(await item.locator('strong').first().textContent()).toBe('Langkah dilewati');
    expect(await item.getByTestId('timeline-reason').textContent()).toContain('Alasan: Kondisi rumah sudah diketahui dari kunjungan wali kelas');
    expect(await item.getByTestId('timeline-meta').textContent()).toMatch(/\S+ · /); // who, then when
    expect((await caseState(caseId)).stateValue).toContain('intervensi_ekonomi.bantuan.penggalangan_dana');
    await shot('01-skipped');
    expect(errors).toEqual([]);
  });

  it('adds an extra home visit with a due date and a reason: listed, in the timeline, a task', async () => {
    await page.getByTestId('add-intervention').click();
    const dialog = page.getByTestId('intervention-dialog');
    await dialog.getByTestId('intervention-kind').selectOption('home_visit');
    await dialog.getByTestId('intervention-title').fill('Kunjungan kedua bersama wali kelas');
    const due = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    await dialog.getByTestId('intervention-due').fill(due);
    await fillDialog('Ayah belum pernah ditemui');
    const added = page.getByTestId('added-intervention');
    await added.first().waitFor();
    expect(await added.first().textContent()).toContain('Kunjungan kedua bersama wali kelas');
    expect(await added.first().textContent()).toContain('Ayah belum pernah ditemui');
    await page.locator('[data-testid=timeline-event][data-type="intervention.added"]').waitFor();
    const tasks = (await api<{ items: { caseId: string; stateId: string; title: { id: string } }[] }>('GET', `/api/tasks?scope=all&caseId=${caseId}`)).body.items;
    expect(tasks.find((t) => t.stateId.startsWith('+intervensi.'))?.title.id).toBe('Kunjungan rumah: Kunjungan kedua bersama wali kelas');
    await shot('02-added');
    expect(errors).toEqual([]);
  });

  it('adds bullying as a second risk factor; after the economic help the case goes on to the bullying track', async () => {
    await page.getByTestId('risk-add-select').selectOption('bullying');
    await page.getByTestId('risk-add').click();
    await fillDialog('Siswa bercerita dirundung teman sekelas');
    await page.locator('[data-testid=risk-chip][data-factor=bullying]').waitFor();
    expect(await page.getByTestId('risk-chip').allTextContents()).toEqual(['Ekonomi', 'Perundungan']);
    expect((await caseState(caseId)).riskFactors).toEqual(['economic', 'bullying']);

    // The kepsek approves the fund-raising step on the case page.
    await page.context().clearCookies();
    await signIn(page, server.url, 'kepsek@sekolah-a.demo');
    await page.goto(`${server.url}/cases/${caseId}`);
    await page.getByTestId('approve').first().click();
    await page.locator('[data-testid=approval]', { hasText: 'Disetujui' }).first().waitFor();
    // The kepsek reads the case work but changes nothing there.
    await page.getByTestId('casework-panel').waitFor();
    expect(await page.getByTestId('skip-step').count()).toBe(0);

    await page.context().clearCookies();
    await signIn(page, server.url, 'bk@sekolah-a.demo');
    await page.goto(`${server.url}/cases/${caseId}`);
    await page.getByTestId('casework-panel').waitFor();
    await page.locator('[data-testid=skip-step][data-step="intervensi_ekonomi.bantuan.penggalangan_dana"]').click();
    await fillDialog('Siswa sudah menerima PIP bulan ini');
    await page.locator('[data-testid=skip-step][data-step="intervensi_ekonomi.pendampingan.konseling_individual"]').waitFor();
    await page.locator('[data-testid=skip-step][data-step="intervensi_ekonomi.pendampingan.konseling_individual"]').click();
    await fillDialog('Konseling dilanjutkan dalam penanganan perundungan');
    // Economic and bullying: on to the bullying track (economic alone would go to monitoring).
    await page.locator('[data-testid=skip-step][data-step="intervensi_perundungan.konseling_individual"]').waitFor();
    expect((await caseState(caseId)).stateValue).toEqual(['intervensi_perundungan.konseling_individual']);
    const current = await page.getByTestId('current-step').allTextContents();
    expect(current.join(' ')).toContain('Konseling');
    const timeline = await page.getByTestId('timeline').textContent();
    expect(timeline).toContain('Faktor risiko ditambahkan');
    expect(timeline).toContain('Perundungan — Alasan: Siswa bercerita dirundung teman sekelas');
    await shot('03-bullying-track');
    expect(errors).toEqual([]);
  });

  it('fits a 360 px phone, and reads in English', async () => {
    await page.setViewportSize({ width: 360, height: 780 });
    await page.reload();
    await page.getByTestId('casework-panel').waitFor();
    const overflow = await page.evaluate(() => {
      const panel = document.querySelector('[data-testid=casework-panel]')!.getBoundingClientRect();
      return { page: document.documentElement.scrollWidth, right: panel.right };
    });
    expect(overflow.page).toBeLessThanOrEqual(360);
    expect(overflow.right).toBeLessThanOrEqual(360);
    await page.getByTestId('add-intervention').click();
    const box = await page.getByTestId('intervention-dialog').boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(360);
    await shot('04-phone');
    await page.getByTestId('cw-dialog-cancel').click();
    await page.evaluate(() => localStorage.setItem('jalur.lang', 'en'));
    await page.reload();
    await page.getByTestId('casework-panel').waitFor();
    expect(await page.getByTestId('casework-panel').locator('h2').textContent()).toBe('Risk factors and interventions');
    expect(await page.locator('[data-testid=timeline-event][data-type="intervention.skipped"] strong').first().textContent()).toBe('Step skipped');
    await page.evaluate(() => localStorage.setItem('jalur.lang', 'id'));
    expect(errors).toEqual([]);
  });
});
