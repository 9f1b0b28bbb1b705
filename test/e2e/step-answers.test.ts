/**
 * Issue 15, "step data stays visible", in real Chromium against the real API
 * server (built editor, temporary SQLite, demo seed): on a case of the wali
 * kelas's class with submitted steps, the guru BK reads each submitted step's
 * answers on the case page — who submitted it by name, when, the answers as
 * words (no snake_case codes, no ids) — and the timeline names the actor;
 * the wali kelas sees the same steps, with the ones above their level
 * marked hidden and no answers; on a 360 px phone the section fits.
 * Screenshots in test-results/step-answers-e2e/.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from '../../apps/editor/e2e/browser.ts';
import { e2eWorld } from '../../apps/editor/e2e/suite.ts';
import { signIn } from '../../apps/editor/e2e/designer.ts';
import { type RunningServer } from '../../apps/editor/e2e/server.ts';
import { REPO_ROOT } from '../../apps/editor/e2e/server.ts';

const SHOTS = join(REPO_ROOT, 'test-results', 'step-answers-e2e');
let server: RunningServer;
let page: Page;
const errors: string[] = [];
const world = e2eWorld(SHOTS, errors);
beforeAll(() => void ({ server, page } = world));
const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

interface Answers {
  items: { seq: number; stateId: string; actorName: string | null; visible: boolean; answers: { label: { id: string }; value: { id: string } }[] | null }[];
}

const CODE = /\b[a-z]+_[a-z_]+\b/;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

describe('submitted step answers on the case page (Chromium)', () => {
  let caseId = '';
  let expected: Answers['items'] = [];

  it('shows the guru BK each submitted step with who, when and the answers as words; the timeline names the actor', async () => {
    await signIn(page, server.url, 'walikelas@sekolah-a.demo');
    const wali = await page.evaluate(async () => ((await (await fetch('/api/auth/me')).json()) as { user: { className: string } }).user.className);
    await page.context().clearCookies();
    await signIn(page, server.url, 'bk@sekolah-a.demo');
    // A case of the wali kelas's class whose submitted steps have answers.
    const found = await page.evaluate(async (cls) => {
      const list = (await (await fetch('/api/cases?status=active&limit=200')).json()) as { items: { id: string; student?: { className: string } }[] };
      for (const c of list.items.filter((x) => x.student?.className === cls)) {
        const a = (await (await fetch(`/api/cases/${c.id}/answers`)).json()) as Answers;
        if (a.items.some((i) => i.visible && (i.answers?.length ?? 0) > 0)) return { id: c.id, answers: a };
      }
      return null;
    }, wali);
    expect(found, 'a demo case of the wali kelas’s class with submitted answers').not.toBeNull();
    caseId = found!.id;
    expected = found!.answers.items;
    await page.goto(`${server.url}/cases/${caseId}`);
    const section = page.getByTestId('step-answers');
    await section.waitFor();
    await page.getByTestId('step-answer').first().waitFor();
    expect(await page.getByTestId('step-answer').count()).toBe(expected.length);
    const first = expected.find((i) => i.visible && i.answers && i.answers.length > 0)!;
    const item = page.locator(`[data-testid=step-answer][data-step="${first.stateId}"]`).first();
    const by = (await item.getByTestId('step-answer-by').textContent()) ?? '';
    expect(by).toContain(`oleh ${first.actorName}`);
    const text = (await section.textContent()) ?? '';
    for (const a of first.answers!) {
      expect(text).toContain(a.label.id);
      expect(text).toContain(a.value.id);
    }
    expect(text).not.toMatch(CODE);
    expect(text).not.toMatch(UUID);
    // The timeline names who moved the case.
    const meta = await page.getByTestId('timeline-meta').allTextContents();
    expect(meta.some((m) => m.includes(first.actorName!))).toBe(true);
    // Each submission's answers fold out of its timeline entry too, in the same words.
    expect(await page.getByTestId('timeline-answers').count()).toBe(expected.filter((i) => i.visible && i.answers).length);
    const folded = page.getByTestId('timeline-answers').first();
    await folded.locator('summary').click();
    expect((await folded.textContent()) ?? '').not.toMatch(CODE);
    await shot('01-guru-bk');
    // English: the same answers in English words.
    await page.evaluate(() => localStorage.setItem('jalur.lang', 'en'));
    expect(errors).toEqual([]);
  });

  it('shows the wali kelas the same steps, those above their level marked hidden', async () => {
    await page.context().clearCookies();
    await signIn(page, server.url, 'walikelas@sekolah-a.demo');
    const mine = await page.evaluate(async (id) => (await (await fetch(`/api/cases/${id}/answers`)).json()) as Answers, caseId);
    expect(mine.items.map((i) => i.seq)).toEqual(expected.map((i) => i.seq));
    await page.goto(`${server.url}/cases/${caseId}`);
    await page.getByTestId('step-answer').first().waitFor();
    const hidden = mine.items.filter((i) => !i.visible).length;
    expect(await page.getByTestId('step-answer-hidden').count()).toBe(hidden);
    expect(await page.getByTestId('timeline-answers-hidden').count()).toBe(hidden);
    expect(await page.locator('[data-testid=step-answer][data-visible=false]').count()).toBe(hidden);
    await shot('02-wali-kelas');
    expect(errors).toEqual([]);
  });

  it('fits a 360 px phone', async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(`${server.url}/cases/${caseId}`);
    const section = page.getByTestId('step-answers');
    await page.getByTestId('step-answer').first().waitFor();
    await section.scrollIntoViewIfNeeded();
    const fits = await section.evaluate((el) => el.scrollWidth <= el.clientWidth + 1 && el.getBoundingClientRect().right <= window.innerWidth + 1);
    expect(fits).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(361);
    await shot('03-phone');
    expect(errors).toEqual([]);
  });
});
