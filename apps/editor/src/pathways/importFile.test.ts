import { describe, expect, it } from 'vitest';
import { importWarningText, pathwayFromJson } from './importFile.ts';

/** The editor's `t`, reduced to the key and its count (the strings themselves live in designer/strings.ts). */
const t = (key: string, opts?: Record<string, unknown>) => `[${key}${opts?.count !== undefined ? ` ${String(opts.count)}` : ''}]`;

describe('importing an XState file in the editor', () => {
  it('says what the import left out, in words, never in silence', () => {
    const config = {
      id: 'lampu',
      initial: 'mati',
      states: {
        mati: { entry: 'nyalakanLampu', on: { TEKAN: { target: 'nyala', actions: 'bunyi' } } },
        nyala: { invoke: { src: 'pantau' }, on: { TEKAN: 'mati' } },
      },
    };
    const r = pathwayFromJson(JSON.stringify(config));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.warnings.map((w) => w.construct).sort()).toEqual(['actions', 'entry', 'invoke']);
    const text = importWarningText(r.warnings, 'en', t);
    expect(text.startsWith('[dsg.importLeftOut 3]')).toBe(true);
    expect(text).toMatch(/nyalakanLampu/);
    expect(text).toMatch(/invoke ‘pantau’ was left out: a pathway runs no services/);
    // Places are said in words ("step ‘mati’ › …"), not as raw JSON paths.
    expect(text).not.toMatch(/states\.mati/);
  });

  it('has nothing to say for a pathway document or a machine that runs as it is', () => {
    const r = pathwayFromJson(JSON.stringify({ id: 'm', initial: 'a', states: { a: { on: { GO: 'b' } }, b: { type: 'final' } } }));
    expect(r.ok && r.warnings).toEqual([]);
    expect(importWarningText([], 'id', t)).toBe('');
  });
});
