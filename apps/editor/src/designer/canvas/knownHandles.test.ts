/**
 * Large pathways hand React Flow each unmeasured step with its usual size and
 * handle places (so it draws only the steps in view); a measured step goes as
 * it is, so its measured handles count.
 */
import { describe, expect, it } from 'vitest';
import { withKnownHandles } from './knownHandles.ts';
import { STEP_SIZE, type StepNode } from '../model/types.ts';

const step = (extra: Partial<StepNode> = {}): StepNode =>
  ({ id: 'a', type: 'identify', position: { x: 0, y: 0 }, data: { key: 'a', config: {}, hasStates: false }, ...extra }) as StepNode;

describe('withKnownHandles', () => {
  it('gives an unmeasured step its usual size and both handles centred on its side borders', () => {
    const n = step();
    const out = withKnownHandles(n);
    expect(out).not.toBe(n);
    expect(out).toMatchObject({ id: 'a', initialWidth: STEP_SIZE.width, initialHeight: STEP_SIZE.height });
    expect(out.handles).toEqual([
      { type: 'target', position: 'left', x: -5, y: STEP_SIZE.height / 2 - 5, width: 10, height: 10 },
      { type: 'source', position: 'right', x: STEP_SIZE.width - 5, y: STEP_SIZE.height / 2 - 5, width: 10, height: 10 },
    ]);
    // The same object for the same step: unchanged steps stay equal for React Flow between renders.
    expect(withKnownHandles(n)).toBe(out);
    // The model's step is left as it was.
    expect(n.handles).toBeUndefined();
  });

  it('uses a group\'s own size, and passes a measured step as it is', () => {
    expect(withKnownHandles(step({ type: 'group', width: 400, height: 200 })).handles?.[1]).toMatchObject({ x: 395, y: 95 });
    const measured = step({ measured: { width: 220, height: 91 } });
    expect(withKnownHandles(measured)).toBe(measured);
  });
});
