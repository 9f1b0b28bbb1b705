import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePathway, type PathwayDocument } from '@jalur/engine';
import { documentToModel } from '../model/fromDocument.ts';
import { nestedPathway } from '../samples/nestedPathway.ts';
import { applyLayout, computeLayout } from './autoLayout.ts';
import { STEP_SIZE, type PathwayModel } from '../model/types.ts';
import { generatedPathway } from '../../../e2e/generated.ts';

interface Box { id: string; x: number; y: number; w: number; h: number }

/** Absolute boxes of every plain step (containers hold their steps, so only leaves are compared). */
function stepBoxes(m: PathwayModel): Box[] {
  const byId = new Map(m.nodes.map((n) => [n.id, n]));
  const abs = (id: string): { x: number; y: number } => {
    const n = byId.get(id)!;
    const p = n.parentId ? abs(n.parentId) : { x: 0, y: 0 };
    return { x: p.x + n.position.x, y: p.y + n.position.y };
  };
  return m.nodes.filter((n) => n.type !== 'group' && n.type !== 'parallel').map((n) => ({ id: n.id, ...abs(n.id), w: STEP_SIZE.width, h: STEP_SIZE.height }));
}
const overlaps = (a: { x: number; y: number; w: number; h: number }, b: { x: number; y: number; w: number; h: number }) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

const template = (name: string): PathwayDocument => {
  const r = parsePathway(JSON.parse(readFileSync(new URL(`../../../../../workflows/${name}.json`, import.meta.url), 'utf8')));
  if (!r.ok) throw new Error(name);
  return r.value;
};

describe('auto-layout (ELK)', () => {
  it('places children inside their containers and keeps steps from overlapping', async () => {
    const model = documentToModel(nestedPathway);
    const laid = applyLayout(model, (await computeLayout(model)).placements);
    const group = laid.nodes.find((n) => n.id === 'intervensi.konseling')!;
    for (const child of laid.nodes.filter((n) => n.parentId === group.id)) {
      expect(child.position.x).toBeGreaterThanOrEqual(0);
      expect(child.position.x + 220).toBeLessThanOrEqual(group.width! + 1);
    }
    const boxes = stepBoxes(laid);
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) expect(overlaps(boxes[i]!, boxes[j]!), `${boxes[i]!.id} / ${boxes[j]!.id}`).toBe(false);
  });

  it('lays out the SRPS template left to right with label boxes clear of every step, and the first step first', async () => {
    const model = documentToModel(template('srps-standar'));
    const label = { width: 120, height: 34 };
    const { placements, routes } = await computeLayout(model, { labelSize: () => label });
    const laid = applyLayout(model, placements);
    const boxes = stepBoxes(laid);
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) expect(overlaps(boxes[i]!, boxes[j]!), `${boxes[i]!.id} / ${boxes[j]!.id}`).toBe(false);
    let labelled = 0;
    for (const [id, r] of Object.entries(routes)) {
      if (!r.label) continue;
      labelled++;
      const lb = { x: r.label.x - label.width / 2, y: r.label.y - label.height / 2, w: label.width, h: label.height };
      for (const b of boxes) expect(overlaps(lb, b), `label of ${id} over ${b.id}`).toBe(false);
    }
    expect(labelled).toBeGreaterThan(20);
    // The initial step is the leftmost one.
    const initial = boxes.find((b) => b.id === model.header.machine.initial)!;
    expect(Math.min(...boxes.map((b) => b.x))).toBe(initial.x);
  });

  it('lays out a 300-step pathway (the fast mode for large ones) with labels clear of steps', async () => {
    const model = documentToModel(generatedPathway(300));
    const label = { width: 110, height: 34 };
    const { placements, routes } = await computeLayout(model, { labelSize: () => label });
    const boxes = stepBoxes(applyLayout(model, placements)).sort((a, b) => a.x - b.x);
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length && boxes[j]!.x < boxes[i]!.x + boxes[i]!.w; j++) expect(overlaps(boxes[i]!, boxes[j]!), `${boxes[i]!.id} / ${boxes[j]!.id}`).toBe(false);
    let labelled = 0;
    for (const [id, r] of Object.entries(routes)) {
      if (!r.label) continue;
      labelled++;
      const lb = { x: r.label.x - label.width / 2, y: r.label.y - label.height / 2, w: label.width, h: label.height };
      for (const b of boxes) expect(overlaps(lb, b), `label of ${id} over ${b.id}`).toBe(false);
    }
    expect(labelled).toBe(model.edges.length);
  }, 120_000);
});
