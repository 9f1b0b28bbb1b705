import { describe, expect, it } from 'vitest';
import { documentToModel } from '../model/fromDocument.ts';
import { nestedPathway } from '../samples/nestedPathway.ts';
import { applyLayout, computeLayout } from './autoLayout.ts';

describe('auto-layout', () => {
  it('places children inside their containers and keeps steps from overlapping', async () => {
    const model = documentToModel(nestedPathway);
    const laid = applyLayout(model, await computeLayout(model));
    const group = laid.nodes.find((n) => n.id === 'intervensi.konseling')!;
    for (const child of laid.nodes.filter((n) => n.parentId === group.id)) {
      expect(child.position.x).toBeGreaterThanOrEqual(0);
      expect(child.position.x + 220).toBeLessThanOrEqual(group.width! + 1);
    }
    const top = laid.nodes.filter((n) => !n.parentId);
    const boxes = top.map((n) => ({ x: n.position.x, y: n.position.y, w: n.width ?? 220, h: n.height ?? 84 }));
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!, b = boxes[j]!;
        const overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
        expect(overlap).toBe(false);
      }
  });
});
