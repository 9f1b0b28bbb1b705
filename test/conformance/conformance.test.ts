/**
 * The XState conformance suite: every machine in `machines/` is imported and
 * walked at random against raw xstate 5.33 and against the engine's own export
 * (see `harness.ts`), or refused with the reason for each construct. Zero
 * divergent walks.
 */
import { describe, expect, it } from 'vitest';
import { runConformance, type ConformanceMachine } from './harness.ts';
import { xstateCoreTests } from './machines/xstate-core-tests.ts';
import { xstateExamples } from './machines/xstate-examples.ts';
import { edgeMachines } from './machines/edge.ts';

const suites: [string, ConformanceMachine[]][] = [
  ['XState packages/core/test', xstateCoreTests],
  ['XState examples', xstateExamples],
  ['hand-made edge machines', edgeMachines],
];

describe('the suite', () => {
  it('holds at least 30 machines written by others, each naming its source', () => {
    const others = [...xstateCoreTests, ...xstateExamples];
    expect(others.length).toBeGreaterThanOrEqual(30);
    for (const m of [...others, ...edgeMachines]) expect(m.source, m.name).toMatch(/^(https:\/\/github\.com\/|hand-made: )/);
    expect(new Set([...others, ...edgeMachines].map((m) => m.name)).size).toBe(others.length + edgeMachines.length);
  });
});

describe.each(suites)('%s', (_label, machines) => {
  it.each(machines.map((m) => [m.name, m] as const))('%s runs as under raw xstate', (_name, m) => {
    const report = runConformance(m);
    expect(report.divergences).toEqual([]);
    if (m.warnings) expect(report.warnings.map((w) => `${w.construct}@${w.path.join('.')}`).sort()).toEqual([...m.warnings].sort());
    if (!m.refused) expect(report.walks).toBeGreaterThan(0);
  });
});
