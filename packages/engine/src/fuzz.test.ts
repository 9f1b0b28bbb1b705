/**
 * Documents from strangers and half-drawn drafts never crash the engine's
 * checks: parsePathway, lintPathway and importXState answer with values,
 * whatever they are given.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PATHWAY_FORMAT, type PathwayDocument } from './document.ts';
import { parsePathway } from './parse.ts';
import { lintPathway } from './lint.ts';
import { importXState } from './xstate-json.ts';
import { exportXState } from './xstate-json.ts';

/** Statechart-shaped junk: the right keys, any values, nested a few levels. */
const chartish = fc.object({
  key: fc.constantFrom('states', 'on', 'after', 'always', 'initial', 'type', 'meta', 'target', 'guard', 'cond', 'params', 'of', 'in', 'field', 'op', 'value', 'kind', 'title', 'id', 'onDone', 'a', 'b', 'P7D', '7', 'GO', ''),
  maxDepth: 6,
  values: [
    fc.string({ maxLength: 6 }),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.constantFrom('a', 'b', '.a', '#m.a', '#m', 'P7D', 'P7', 'final', 'parallel', 'compound', 'history', 'check', 'and', 'role', 'eq', 'in', 'form.x', 'riskFactors'),
  ],
});

describe('robustness', () => {
  it('parsePathway answers any JSON value with a result, never a throw', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const r = parsePathway(value);
        expect(typeof r.ok).toBe('boolean');
        if (!r.ok) for (const issue of r.error) expect(issue.message.id.length).toBeGreaterThan(0);
      }),
      { numRuns: Number(process.env.JALUR_FUZZ_RUNS ?? 300) },
    );
  });

  it('parsePathway explains a pathway-shaped document full of junk without throwing', () => {
    fc.assert(
      fc.property(chartish, (machine) => {
        const r = parsePathway({ format: PATHWAY_FORMAT, key: 'k', title: { id: 'x' }, machine: { id: 'm', ...machine } });
        if (!r.ok) for (const issue of r.error) expect(issue.message.id).not.toMatch(/undefined|\[object Object\]/);
      }),
      { numRuns: Number(process.env.JALUR_FUZZ_RUNS ?? 300) },
    );
  });

  it('lintPathway never throws on a draft, however broken', () => {
    fc.assert(
      fc.property(chartish, (machine) => {
        const doc = { format: PATHWAY_FORMAT, key: 'k', title: { id: 'x' }, machine: { id: 'm', ...machine }, layout: {} } as unknown as PathwayDocument;
        const diagnostics = lintPathway(doc);
        for (const d of diagnostics) {
          expect(d.code).toMatch(/^JALUR0\d\d$/);
          expect(d.message.id).not.toMatch(/\[object Object\]/);
        }
      }),
      { numRuns: Number(process.env.JALUR_FUZZ_RUNS ?? 300) },
    );
  });

  it('importXState never throws, and what it accepts exports again', () => {
    fc.assert(
      fc.property(chartish, (config) => {
        const r = importXState({ id: 'm', ...config });
        if (r.ok) expect(() => exportXState(r.value)).not.toThrow();
      }),
      { numRuns: Number(process.env.JALUR_FUZZ_RUNS ?? 300) },
    );
  });
});

describe('found by the fuzz', () => {
  it('says a missing step kind is required, not that "undefined" is an unknown choice', () => {
    const r = parsePathway({ format: PATHWAY_FORMAT, key: 'k', title: { id: 'x' }, machine: { id: 'm', states: { states: { meta: {} } } } });
    expect(r.ok).toBe(false);
    const kind = !r.ok ? r.error.find((i) => i.path.at(-1) === 'kind') : undefined;
    expect(kind?.message.id).toMatch(/wajib diisi/);
  });
});
