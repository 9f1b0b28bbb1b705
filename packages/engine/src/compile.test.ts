import { describe, expect, it } from 'vitest';
import { createMachine } from 'xstate';
import { compilePathway, defaultContext, delaysOf, executableConfig, initialContext, RECORD_ACTION } from './compile.ts';
import { examplePathway, meta, pathway } from './test-fixtures.ts';

describe('compilePathway', () => {
  it('builds an XState machine with the document’s id and the steps’ meta by dot path', () => {
    const p = compilePathway(examplePathway());
    expect(p.machineId).toBe('contoh-singkat');
    expect(p.machine.id).toBe('contoh-singkat');
    expect([...p.steps.keys()]).toEqual(['identifikasi', 'konseling_individual', 'kunjungan_rumah', 'pemantauan', 'evaluasi', 'selesai']);
  });

  it('indexes nested steps by their full path', () => {
    const doc = pathway({ initial: 'g', states: { g: { initial: 'x', states: { x: { meta: meta('X'), on: { OK: '#uji.z' } } } }, z: { type: 'final', meta: meta('Z') } } });
    expect([...compilePathway(doc).steps.keys()]).toEqual(['g.x', 'z']);
  });
});

describe('executableConfig', () => {
  it('is plain JSON that records form data on every transition', () => {
    const config = executableConfig(examplePathway());
    expect(JSON.parse(JSON.stringify(config))).toEqual(config);
    const states = config.states as Record<string, { on?: Record<string, { actions: unknown }[]> }>;
    expect(states.konseling_individual?.on?.SESI_SELESAI?.[0]?.actions).toEqual([{ type: RECORD_ACTION, params: { step: 'konseling_individual' } }]);
    expect(() => createMachine(config as never)).not.toThrow();
  });
});

describe('contexts and delays', () => {
  it('starts from empty case data, overlaid with the document’s context and the case input', () => {
    const doc = examplePathway();
    expect(defaultContext(doc.machine)).toEqual({ riskFactors: [], form: {}, forms: {}, consent: {}, student: {} });
    expect(initialContext(doc.machine, { riskFactors: ['economic'], student: { grade: 7 } })).toMatchObject({ riskFactors: ['economic'], student: { grade: 7 } });
  });

  it('resolves every ISO-8601 delay the document uses to milliseconds', () => {
    expect(delaysOf(examplePathway())).toEqual({ P7D: 604_800_000 });
  });
});
