/**
 * Steps as React Flow gets them on large pathways, before they are measured
 * (see `withKnownHandles`).
 */
import { Position } from '@xyflow/react';
import { STEP_SIZE, type StepNode } from '../model/types.ts';

/** The drawn size of a step or group before it has been measured: its own size, else the usual step's. */
function knownSize(n: StepNode): { width: number; height: number } {
  return { width: n.width ?? STEP_SIZE.width, height: n.height ?? STEP_SIZE.height };
}

const unmeasured = new WeakMap<StepNode, StepNode>();

/**
 * A step not measured yet, as React Flow gets it on large pathways: with its
 * usual size and its two handles where the stylesheet puts them (10px, centred
 * on the left and right borders). React Flow draws every step it has no
 * handle positions for, to measure it; given them, it draws only the steps in
 * view (`onlyRenderVisibleElements`), and their transitions, from the first
 * frame. Once drawn, a step is measured and passed as it is (its measured
 * handles then count). One object per step object, so unchanged steps stay
 * equal for React Flow between renders.
 */
export function withKnownHandles(n: StepNode): StepNode {
  if (n.measured?.width !== undefined && n.measured.height !== undefined) return n;
  let out = unmeasured.get(n);
  if (!out) {
    const { width, height } = knownSize(n);
    const y = height / 2 - 5;
    out = {
      ...n,
      initialWidth: width,
      initialHeight: height,
      handles: [
        { type: 'target', position: Position.Left, x: -5, y, width: 10, height: 10 },
        { type: 'source', position: Position.Right, x: width - 5, y, width: 10, height: 10 },
      ],
    };
    unmeasured.set(n, out);
  }
  return out;
}

