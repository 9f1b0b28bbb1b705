import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Guard, PathwayDocument, StateNodeConfig } from './document.ts';
import type { Diagnostic } from './contract.ts';
import { lintPathway } from './lint.ts';
import { LINT_CODES, LINT_RULES, type LintCode } from './messages.ts';
import { examplePathway, meta, mustParse, pathway, workflowFiles } from './test-fixtures.ts';

/** A clean pathway: identify (records a choice and a score) → follow-up → closed. */
function base(states: Record<string, StateNodeConfig> = {}): PathwayDocument {
  return pathway({
    initial: 'a',
    states: {
      a: {
        meta: meta('Identifikasi', {
          roles: ['guru_bk'],
          form: [
            { name: 'faktor', type: 'choice', options: ['economic', 'family'], label: { id: 'Faktor' } },
            { name: 'skor', type: 'number', label: { id: 'Skor' } },
          ],
        }),
        on: { LANJUT: 'b' },
      },
      b: { meta: meta('Tindak lanjut'), on: { SELESAI: 'c' } },
      c: { type: 'final', meta: meta('Selesai') },
      ...states,
    },
  });
}

function codes(doc: PathwayDocument): LintCode[] {
  return lintPathway(doc).map((d) => d.code as LintCode);
}

const check = (field: string, op: 'eq' | 'gte' | 'in', value?: unknown): Guard => ({ type: 'check', params: { field, op, value } });
/** A guard outside our vocabulary, as an import from another editor leaves it. */
const foreign = (name: string): Guard => name as unknown as Guard;

interface Case {
  what: string;
  bad: () => PathwayDocument;
  fixed: () => PathwayDocument;
  /** Where the diagnostic must point. */
  at: Pick<Diagnostic, 'state' | 'transition'>;
}

function withA(a: Partial<StateNodeConfig>, extra: Record<string, StateNodeConfig> = {}): PathwayDocument {
  const doc = base(extra);
  doc.machine.states.a = { ...doc.machine.states.a, ...a };
  return doc;
}

const CASES: Record<LintCode, Case> = {
  JALUR001: {
    what: 'a step no transition leads to',
    bad: () => base({ d: { meta: meta('Yatim'), on: { X: 'c' } } }),
    fixed: () => withA({ on: { LANJUT: 'b', KE_D: 'd' } }, { d: { meta: meta('Yatim'), on: { X: 'c' } } }),
    at: { state: 'd' },
  },
  JALUR002: {
    what: 'a non-final step with no way out',
    bad: () => base({ b: { meta: meta('Buntu'), on: { CATAT: {} } } }),
    fixed: () => base({ b: { meta: meta('Ada jalan'), after: { P7D: 'c' } } }),
    at: { state: 'b' },
  },
  JALUR003: {
    what: 'no final step at the top',
    bad: () => base({ c: { meta: meta('Ulang'), on: { ULANG: 'a' } } }),
    fixed: () => base(),
    at: {},
  },
  JALUR004: {
    what: 'a guard that is not ours',
    bad: () => withA({ on: { LANJUT: { target: 'b', guard: foreign('isAdult') } } }),
    fixed: () => withA({ on: { LANJUT: { target: 'b', guard: check('form.skor', 'gte', 5) } } }),
    at: { transition: { source: 'a', event: 'LANJUT', index: 0 } },
  },
  JALUR005: {
    what: 'a delay that is not a duration',
    bad: () => base({ b: { meta: meta('Tunggu'), after: { seminggu: 'c' } } }),
    fixed: () => base({ b: { meta: meta('Tunggu'), after: { P1W: 'c' } } }),
    at: { transition: { source: 'b', event: 'after:seminggu', index: 0 } },
  },
  JALUR006: {
    what: 'a guard on a field no step records',
    bad: () => withA({ on: { LANJUT: { target: 'b', guard: check('form.nilaiRapor', 'gte', 70) } } }),
    fixed: () => withA({ on: { LANJUT: { target: 'b', guard: check('form.skor', 'gte', 70) } } }),
    at: { transition: { source: 'a', event: 'LANJUT', index: 0 } },
  },
  JALUR007: {
    what: 'a target that names no state',
    bad: () => withA({ on: { LANJUT: 'tindak_lanjut' } }),
    fixed: () => withA({ on: { LANJUT: 'b' } }),
    at: { transition: { source: 'a', event: 'LANJUT', index: 0 } },
  },
  JALUR008: {
    what: 'a step without meta',
    bad: () => base({ b: { on: { SELESAI: 'c' } } }),
    fixed: () => base(),
    at: { state: 'b' },
  },
  JALUR009: {
    what: 'an option that an unguarded one before it always pre-empts',
    bad: () => withA({ on: { LANJUT: [{ target: 'b' }, { target: 'c', guard: check('form.faktor', 'eq', 'family') }] } }),
    fixed: () => withA({ on: { LANJUT: [{ target: 'c', guard: check('form.faktor', 'eq', 'family') }, { target: 'b' }] } }),
    at: { transition: { source: 'a', event: 'LANJUT', index: 1 } },
  },
  JALUR010: {
    what: 'a timer without a unit',
    bad: () => base({ b: { meta: meta('Tunggu'), after: { '7': 'c' } } }),
    fixed: () => base({ b: { meta: meta('Tunggu'), after: { P7D: 'c' } } }),
    at: { transition: { source: 'b', event: 'after:7', index: 0 } },
  },
  JALUR011: {
    what: 'a group without an initial step',
    bad: () => base({ b: { states: { x: { meta: meta('X'), on: { OK: 'y' } }, y: { type: 'final', meta: meta('Y') } }, on: { SELESAI: 'c' } } }),
    fixed: () => base({ b: { initial: 'x', states: { x: { meta: meta('X'), on: { OK: 'y' } }, y: { type: 'final', meta: meta('Y') } }, on: { SELESAI: 'c' } } }),
    at: { state: 'b' },
  },
  JALUR012: {
    what: 'an awaited parallel group with a branch that never finishes',
    bad: () =>
      base({
        b: {
          type: 'parallel',
          states: {
            dana: { initial: 'x', states: { x: { meta: meta('Dana'), on: { OK: 'y' } }, y: { type: 'final', meta: meta('Tersalur') } } },
            konseling: { initial: 'k', states: { k: { meta: meta('Konseling'), on: { SESI: 'k' } } } },
          },
          on: { 'xstate.done.state.uji.b': 'c', BATAL: 'c' },
        },
      }),
    fixed: () =>
      base({
        b: {
          type: 'parallel',
          states: {
            dana: { initial: 'x', states: { x: { meta: meta('Dana'), on: { OK: 'y' } }, y: { type: 'final', meta: meta('Tersalur') } } },
            konseling: { initial: 'k', states: { k: { meta: meta('Konseling'), on: { SESI: 'z' } }, z: { type: 'final', meta: meta('Cukup') } } },
          },
          on: { 'xstate.done.state.uji.b': 'c' },
        },
      }),
    at: { state: 'b.konseling' },
  },
  JALUR013: {
    what: 'a role guard none of the step’s roles passes',
    bad: () => withA({ on: { LANJUT: { target: 'b', guard: { type: 'role', params: { in: ['kepsek'] } } } } }),
    fixed: () => withA({ on: { LANJUT: { target: 'b', guard: { type: 'role', params: { in: ['guru_bk', 'kepsek'] } } } } }),
    at: { transition: { source: 'a', event: 'LANJUT', index: 0 } },
  },
  JALUR014: {
    what: 'a comparison with a value the field can never hold',
    bad: () => withA({ on: { LANJUT: { target: 'b', guard: check('form.faktor', 'eq', 'ekonomi') } } }),
    fixed: () => withA({ on: { LANJUT: { target: 'b', guard: check('form.faktor', 'eq', 'economic') } } }),
    at: { transition: { source: 'a', event: 'LANJUT', index: 0 } },
  },
  JALUR015: {
    what: 'a form with the same field twice',
    bad: () =>
      base({ b: { meta: meta('Catat', { form: [{ name: 'tgl', type: 'date', label: { id: 'Tanggal' } }, { name: 'tgl', type: 'text', label: { id: 'Lagi' } }] }), on: { SELESAI: 'c' } } }),
    fixed: () => base({ b: { meta: meta('Catat', { form: [{ name: 'tgl', type: 'date', label: { id: 'Tanggal' } }] }), on: { SELESAI: 'c' } } }),
    at: { state: 'b' },
  },
  JALUR016: {
    what: 'an unguarded automatic transition back into its own step',
    bad: () => base({ b: { meta: meta('Putar'), always: 'b', on: { SELESAI: 'c' } } }),
    fixed: () => base({ b: { meta: meta('Putar'), always: { target: 'c', guard: check('form.skor', 'gte', 90) }, on: { SELESAI: 'c' } } }),
    at: { transition: { source: 'b', event: 'always', index: 0 } },
  },
  JALUR017: {
    what: 'a guarded automatic transition back into its own step',
    bad: () => base({ b: { meta: meta('Putar'), always: { target: 'b', guard: check('form.skor', 'gte', 90) }, on: { SELESAI: 'c' } } }),
    fixed: () => base({ b: { meta: meta('Putar'), always: { target: 'c', guard: check('form.skor', 'gte', 90) }, on: { SELESAI: 'c' } } }),
    at: { transition: { source: 'b', event: 'always', index: 0 } },
  },
  JALUR018: {
    what: 'a step action named like a case-work record',
    bad: () => base({ b: { meta: meta('Setuju'), on: { 'approval.decided': 'c' } } }),
    fixed: () => base({ b: { meta: meta('Setuju'), on: { DISETUJUI: 'c' } } }),
    at: { transition: { source: 'b', event: 'approval.decided', index: 0 } },
  },
};

describe('lintPathway', () => {
  it('finds nothing wrong in a clean pathway, the shared example, or the templates', () => {
    expect(lintPathway(base())).toEqual([]);
    expect(lintPathway(examplePathway())).toEqual([]);
    for (const { file, raw } of workflowFiles()) {
      const errors = lintPathway(mustParse(raw)).filter((d) => d.severity === 'error');
      expect(errors, file).toEqual([]);
    }
  });

  describe.each(LINT_CODES.map((code) => [code, CASES[code]] as const))('%s', (code, c) => {
    it(`reports ${c.what}, pointing at it, with the rule's severity and a bilingual message`, () => {
      const found = lintPathway(c.bad()).filter((d) => d.code === code);
      expect(found.length).toBeGreaterThan(0);
      const first = found[0]!;
      expect(first.severity).toBe(LINT_RULES[code].severity);
      if (c.at.state !== undefined) expect(first.state).toBe(c.at.state);
      if (c.at.transition) expect(first.transition).toEqual(c.at.transition);
      expect(first.message.id.length).toBeGreaterThan(10);
      expect(first.message.en).toBeTruthy();
      expect(first.message.id).not.toBe(first.message.en);
    });

    it('is quiet once the pathway is fixed', () => {
      expect(lintPathway(c.fixed())).toEqual([]);
    });
  });

  describe('details a school leader would trip over', () => {
    it('counts a group’s transitions and timers as a way out of its steps', () => {
      const doc = base({ b: { initial: 'x', states: { x: { meta: meta('Menunggu') } }, on: { BATAL: 'c' } } });
      expect(codes(doc)).not.toContain('JALUR002');
      const timed = base({ b: { initial: 'x', states: { x: { meta: meta('Menunggu') } }, after: { P14D: 'c' } } });
      expect(codes(timed)).not.toContain('JALUR002');
      const stuck = base({ b: { initial: 'x', states: { x: { meta: meta('Menunggu'), on: { CATAT: 'x' } } } } });
      expect(lintPathway(stuck).find((d) => d.code === 'JALUR002')?.state).toBe('b.x');
    });

    it('does not count a group’s completion as a way out for a step inside it that never finishes', () => {
      const doc = base({
        b: {
          type: 'parallel',
          states: {
            dana: { initial: 'x', states: { x: { meta: meta('Dana'), on: { OK: 'y' } }, y: { type: 'final', meta: meta('Tersalur') } } },
            konseling: { initial: 'k', states: { k: { meta: meta('Menunggu') }, z: { type: 'final', meta: meta('Cukup') } } },
          },
          on: { 'xstate.done.state.uji.b': 'c' },
        },
      });
      expect(lintPathway(doc).filter((d) => d.code === 'JALUR002').map((d) => d.state)).toEqual(['b.konseling.k']);
    });

    it('reports a nested final step whose group nobody waits for', () => {
      const doc = base({ b: { initial: 'x', states: { x: { meta: meta('X'), on: { OK: 'y' } }, y: { type: 'final', meta: meta('Y') } } } });
      const d = lintPathway(doc).find((x) => x.code === 'JALUR002');
      expect(d?.state).toBe('b.y');
      expect(d?.message.en).toMatch(/nothing waits for that group/);
    });

    it('resolves targets the way XState does: sibling, .child, #machine.path', () => {
      const doc = base({
        b: { initial: 'x', states: { x: { meta: meta('X'), on: { KE_Y: 'y', KE_LUAR: '#uji.c', KE_SEPUPU: '#uji.b.y' } }, y: { type: 'final', meta: meta('Y') } }, on: { ULANG: '.x', 'xstate.done.state.uji.b': 'c' } },
      });
      expect(lintPathway(doc)).toEqual([]);
      const wrong = base({ b: { initial: 'x', states: { x: { meta: meta('X'), on: { KE: 'c.x', LAIN: '#lain.c' } } }, on: { SELESAI: 'c' } } });
      const missing = lintPathway(wrong).filter((d) => d.code === 'JALUR007');
      expect(missing.map((d) => d.transition?.event)).toEqual(['KE', 'LAIN']);
    });

    it('tells the author to write .name for a target on the pathway itself', () => {
      const doc = base();
      doc.machine.on = { DARURAT: 'c' };
      const d = lintPathway(doc).find((x) => x.code === 'JALUR007');
      expect(d?.message.id).toMatch(/harus ditulis ‘\.c’/);
      doc.machine.on = { DARURAT: '.c' };
      expect(codes(doc)).not.toContain('JALUR007');
    });

    it('requires a final step in every branch when the whole pathway is parallel', () => {
      const doc = pathway({
        type: 'parallel',
        states: {
          kiri: { initial: 'x', states: { x: { meta: meta('X'), on: { OK: 'y' } }, y: { type: 'final', meta: meta('Y') } } },
          kanan: { initial: 'p', states: { p: { meta: meta('P'), on: { OK: 'p' } } } },
        },
      });
      const d = lintPathway(doc).filter((x) => x.code === 'JALUR003');
      expect(d.map((x) => x.state)).toEqual(['kanan']);
    });

    it('reports a group completion event for a group that does not exist', () => {
      const doc = base({ b: { meta: meta('B'), on: { SELESAI: 'c', 'xstate.done.state.uji.tidak_ada': 'c' } } });
      expect(lintPathway(doc).find((d) => d.code === 'JALUR012')?.message.en).toMatch(/waits for a group that does not exist/);
    });

    it('finds automatic transitions that chase each other forever, and not those that come to rest', () => {
      const loop = base({ b: { meta: meta('B'), always: 'd', on: { SELESAI: 'c' } }, d: { meta: meta('D'), always: 'b' } });
      expect(lintPathway(loop).filter((d) => d.code === 'JALUR016').map((d) => d.transition?.source)).toEqual(['b', 'd']);
      const rest = base({ b: { meta: meta('B'), always: 'd', on: { SELESAI: 'c' } }, d: { meta: meta('D'), on: { OK: 'c' } } });
      expect(codes(rest)).not.toContain('JALUR016');
      // Back to the group, whose first step is another one: it comes to rest.
      const toParent = base({ b: { initial: 'x', states: { x: { meta: meta('X'), on: { OK: 'y' } }, y: { meta: meta('Y'), always: '#uji.b' } }, on: { SELESAI: 'c' } } });
      expect(codes(toParent)).not.toContain('JALUR016');
    });

    it('flags P7 as a timer without a unit and a number as milliseconds nobody meant', () => {
      const doc = base({ b: { meta: meta('B'), after: { P7: 'c', '604800000': 'c' } } });
      const events = lintPathway(doc).filter((d) => d.code === 'JALUR010').map((d) => d.transition?.event);
      expect(events.sort()).toEqual(['after:604800000', 'after:P7']);
    });

    it('reports guard fields outside the case data as errors, and knows riskFactors, consent and student', () => {
      const known = withA({
        on: {
          LANJUT: {
            target: 'b',
            guard: { type: 'and', params: { of: [check('riskFactors', 'in', ['economic']), check('consent.referral', 'eq', true), check('student.grade', 'gte', 7)] } },
          },
        },
      });
      expect(lintPathway(known)).toEqual([]);
      const unknown = withA({ on: { LANJUT: { target: 'b', guard: check('nilai.akhir', 'gte', 7) } } });
      const d = lintPathway(unknown).find((x) => x.code === 'JALUR006');
      expect(d?.severity).toBe('error');
      expect(d?.message.id).toMatch(/bukan bagian dari data kasus/);
    });

    it('checks comparison values: lists for in, numbers for ordering, known risk factors, booleans for consent', () => {
      const bad = (guard: Guard) => codes(withA({ on: { LANJUT: { target: 'b', guard } } }));
      expect(bad(check('form.faktor', 'in', 'economic'))).toContain('JALUR014');
      expect(bad(check('form.skor', 'gte', true))).toContain('JALUR014');
      expect(bad(check('form.skor', 'eq', 'tinggi'))).toContain('JALUR014');
      expect(bad(check('riskFactors', 'in', ['ekonomi']))).toContain('JALUR014');
      expect(bad({ type: 'check', params: { field: 'consent.referral', op: 'eq', value: 'ya' } })).toContain('JALUR014');
      expect(bad(check('form.faktor', 'in', ['economic', 'family']))).toEqual([]);
    });

    it('reports malformed guards in drafts without throwing', () => {
      const doc = withA({ on: { LANJUT: { target: 'b', guard: { type: 'and', params: { of: [] } } as Guard } } });
      expect(codes(doc)).toContain('JALUR004');
      const junk = { ...base(), machine: { id: 'x', states: { a: { on: { GO: [{ target: 5 }, null] } } } } } as unknown as PathwayDocument;
      expect(() => lintPathway(junk)).not.toThrow();
      expect(lintPathway({} as PathwayDocument)).toEqual([]);
    });

    it('warns, not errors, about a final step without meta', () => {
      const d = lintPathway(base({ c: { type: 'final' } })).find((x) => x.code === 'JALUR008');
      expect(d?.severity).toBe('warning');
    });

    it('lists errors before warnings', () => {
      const doc = base({ d: { meta: meta('Yatim'), on: { X: 'zzz' } } });
      const severities = lintPathway(doc).map((d) => d.severity);
      expect(severities).toEqual([...severities].sort((a, b) => (a === b ? 0 : a === 'error' ? -1 : 1)));
      expect(severities).toContain('warning');
      expect(severities).toContain('error');
    });
  });

  it('documents every code in LINT.md', () => {
    const doc = readFileSync(new URL('../LINT.md', import.meta.url), 'utf8');
    for (const code of LINT_CODES) {
      expect(doc, code).toContain(`## ${code}`);
      expect(doc, code).toContain(LINT_RULES[code].title.id);
      expect(doc, code).toContain(LINT_RULES[code].title.en!);
    }
  });
});
