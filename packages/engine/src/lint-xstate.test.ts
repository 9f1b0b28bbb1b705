/**
 * The linter reads statecharts the way XState does: whatever it finds no
 * structural fault in (targets, initial steps, automatic loops), XState
 * compiles and starts; and a target it calls missing, XState refuses too.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PATHWAY_FORMAT } from './document.ts';
import { parsePathway } from './parse.ts';
import { lintPathway } from './lint.ts';
import { compilePathway } from './compile.ts';
import { startCase } from './case.ts';

const name = fc.constantFrom('a', 'b', 'c');
const target = fc.constantFrom('a', 'b', 'c', '.a', '.b', '#m.a', '#m.b.a', '#m.c.b', 'a.b', 'b.c', '#m', '#x.a');
const transition = fc.oneof(target, fc.record({ target }));
const meta = fc.constant({ kind: 'custom', title: { id: 'Langkah' } });
const leaf = fc.record(
  { type: fc.constantFrom('atomic', 'final'), on: fc.dictionary(fc.constantFrom('X', 'Y'), transition, { maxKeys: 2 }), always: transition, meta },
  { requiredKeys: ['meta'] },
);
const node: fc.Memo<unknown> = fc.memo((n): fc.Arbitrary<unknown> =>
  n <= 1
    ? leaf
    : fc.oneof(
        leaf,
        fc.record(
          {
            type: fc.constantFrom('compound', 'parallel'),
            initial: name,
            states: fc.dictionary(name, node(n - 1), { minKeys: 1, maxKeys: 3 }),
            on: fc.dictionary(fc.constantFrom('X', 'Y', 'xstate.done.state.m.a'), transition, { maxKeys: 2 }),
            meta,
          },
          { requiredKeys: ['type', 'states'] },
        ),
      ),
);

describe('lint and XState agree on structure', () => {
  it('compiles and starts whatever has no missing target, no missing initial step and no automatic loop', () => {
    let clean = 0;
    let refused = 0;
    fc.assert(
      fc.property(fc.dictionary(name, node(3), { minKeys: 1, maxKeys: 3 }), name, (states, initial) => {
        const parsed = parsePathway({ format: PATHWAY_FORMAT, key: 'k', title: { id: 'x' }, machine: { id: 'm', initial, states } });
        if (!parsed.ok) return;
        const codes = new Set(lintPathway(parsed.value).map((d) => d.code));
        // XState would step forever on an automatic loop: never run one.
        if (codes.has('JALUR016')) return;
        let error: unknown;
        try {
          startCase(compilePathway(parsed.value), {}, { now: new Date('2026-01-05T08:00:00Z') });
        } catch (e) {
          error = e;
        }
        if (!codes.has('JALUR007') && !codes.has('JALUR011')) {
          clean++;
          expect(error).toBeUndefined();
        }
        if (codes.has('JALUR007')) {
          refused++;
          expect(error, 'XState accepted a target lint calls missing').toBeDefined();
        }
      }),
      { numRuns: 1500 },
    );
    expect(clean).toBeGreaterThan(5);
    expect(refused).toBeGreaterThan(5);
  });
});
