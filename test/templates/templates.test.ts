/**
 * Every template in workflows/ is a well-formed pathway: it parses, lints
 * without errors, compiles, runs under raw xstate, every state can be reached
 * through the engine and every reachable situation can still close the case.
 */
import { describe, expect, it } from 'vitest';
import { createActor, createMachine } from 'xstate';
import { compilePathway, exportXState, lintPathway, listStates, parsePathway, startCase, stateValueOf, type Localized } from '@jalur/engine';
import { loadDocument, loadPathway, readTemplate, templateKeys } from './harness.ts';
import { canClose, explore, visitedStates } from './explore.ts';
import { layoutProblems } from './layout.ts';

const KEYS = templateKeys();
const REQUIRED = ['srps-standar', 'layanan-responsif', 'konselor-sebaya', 'psikososial-krisis', 'kunjungan-rumah'];
/** The five closures every template names the same way, so a final state's name says its outcome. */
const CLOSURES: Record<string, string> = {
  selesai_tuntas: 'resolved',
  selesai_tetap_bersekolah: 'still_enrolled',
  selesai_pindah: 'transferred',
  selesai_putus_sekolah: 'dropped_out',
  selesai_dirujuk: 'referred',
};

const bilingual = (text: Localized | undefined): boolean =>
  text !== undefined && text.id.trim().length > 0 && (text.en ?? '').trim().length > 0 && text.id !== text.en;

describe('template library', () => {
  it('holds the five required pathways, each under its own key', () => {
    for (const key of REQUIRED) expect(KEYS).toContain(key);
    for (const key of KEYS) expect(loadDocument(key).key).toBe(key);
  });
});

describe.each(KEYS)('template %s', (key) => {
  it('parses with no issues', () => {
    const parsed = parsePathway(readTemplate(key));
    expect(parsed.ok ? [] : parsed.error).toEqual([]);
  });

  it('lints without errors or warnings', () => {
    expect(lintPathway(loadDocument(key))).toEqual([]);
  });

  it('compiles, and raw xstate accepts the machine as it is', () => {
    const doc = loadDocument(key);
    const p = loadPathway(key);
    expect(p.steps.size).toBeGreaterThan(5);
    const raw = createMachine(doc.machine as never);
    const actor = createActor(raw).start();
    const engineStart = stateValueOf(p, startCase(p, {}, { now: new Date('2023-08-14T02:00:00Z') }).snapshot);
    expect(actor.getSnapshot().matches(doc.machine.initial as never)).toBe(true);
    expect(engineStart).toEqual([doc.machine.initial]);
    actor.stop();
  });

  it('runs under raw xstate from its exported config', () => {
    const { config, implementations } = exportXState(loadDocument(key));
    const actor = createActor(createMachine(config as never).provide(implementations as never)).start();
    expect(actor.getSnapshot().status).toBe('active');
    actor.stop();
  });

  it('speaks Indonesian and English: pathway, every step, every field, every button', () => {
    const doc = loadDocument(key);
    expect(bilingual(doc.title)).toBe(true);
    expect(bilingual(doc.description)).toBe(true);
    for (const entry of listStates(doc.machine)) {
      if (entry.id === '') continue;
      const meta = entry.node.meta;
      expect(meta, entry.id).toBeDefined();
      expect(bilingual(meta!.title), `${entry.id} title`).toBe(true);
      for (const field of meta!.form) expect(bilingual(field.label), `${entry.id}.${field.name}`).toBe(true);
      for (const [event, config] of Object.entries({ ...entry.node.on, ...entry.node.after })) {
        const list = Array.isArray(config) ? config : [config];
        for (const t of list) {
          expect(typeof t, `${entry.id} ${event}`).toBe('object');
          if (typeof t === 'object') expect(bilingual(t.meta?.label), `${entry.id} ${event} label`).toBe(true);
        }
      }
    }
  });

  it('gives working steps roles and due dates, and choice fields their options', () => {
    const doc = loadDocument(key);
    for (const entry of listStates(doc.machine)) {
      const meta = entry.node.meta;
      if (!meta || entry.kind !== 'atomic') continue;
      const isWaiting = Object.keys(entry.node.on ?? {}).length === 0;
      if (isWaiting) continue;
      expect(meta.roles.length, `${entry.id} roles`).toBeGreaterThan(0);
      expect(meta.dueInDays, `${entry.id} dueInDays`).toBeDefined();
      for (const field of meta.form) if (field.type === 'choice') expect(field.options?.length, `${entry.id}.${field.name}`).toBeGreaterThan(1);
    }
  });

  it('closes only in closure steps that say their outcome', () => {
    const doc = loadDocument(key);
    const finals = Object.entries(doc.machine.states).filter(([, s]) => s.type === 'final');
    expect(finals.length).toBeGreaterThan(1);
    expect(finals.map(([name]) => name)).toContain('selesai_tuntas');
    for (const [name, state] of finals) {
      expect(Object.keys(CLOSURES)).toContain(name);
      expect(state.meta?.kind).toBe('closure');
      const outcome = state.meta?.form.find((f) => f.name === 'outcome');
      expect(outcome?.type, name).toBe('choice');
      expect(outcome?.options, name).toEqual([CLOSURES[name]]);
    }
  });

  it('needs the kepsek’s approval for funding, foster parents and referral letters', () => {
    const doc = loadDocument(key);
    for (const entry of listStates(doc.machine)) {
      const meta = entry.node.meta;
      if (!meta || entry.kind !== 'atomic' || !['funding', 'foster_parent', 'referral'].includes(meta.kind)) continue;
      expect(meta.requiresApproval, entry.id).toBe(true);
      expect(meta.roles, entry.id).toContain('kepsek');
    }
  });

  it('has a layout for every state that reads left to right, groups holding their children, no overlaps', () => {
    expect(layoutProblems(loadDocument(key))).toEqual([]);
  });

  it('reaches every state through the engine, and every reachable situation can still close the case', () => {
    const p = loadPathway(key);
    const x = explore(p, { consent: { referral: true } });
    const all = listStates(p.doc.machine).filter((s) => s.id !== '').map((s) => s.id);
    const visited = visitedStates(x);
    expect(all.filter((s) => !visited.has(s))).toEqual([]);
    const closable = canClose(x);
    expect([...x.configs.keys()].filter((k) => !closable.has(k))).toEqual([]);
    expect(x.notOffered).toEqual([]);
  });
});

describe('the checks above can fail', () => {
  const broken = (edit: (machine: any) => void) => {
    const json = structuredClone(readTemplate('srps-standar')) as any;
    edit(json.machine);
    const parsed = parsePathway(json);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
    return parsed.value;
  };

  it('finds a situation that can never close', () => {
    const doc = broken((m) => (m.states.rujukan.on = { RUJUKAN_BATAL: 'rujukan' }));
    const x = explore(compilePathway(doc), { consent: { referral: true } });
    const closable = canClose(x);
    expect([...x.configs.keys()].filter((k) => !closable.has(k))).toEqual(['rujukan']);
  });

  it('finds a state the engine never reaches (referral without consent)', () => {
    expect(visitedStates(explore(loadPathway('srps-standar'), {})).has('rujukan')).toBe(false);
  });

  it('finds overlapping, misplaced and right-to-left layouts', () => {
    const doc = loadDocument('srps-standar');
    const moved = { ...doc, layout: { ...doc.layout, asesmen: { x: -300, y: 0 }, selesai_pindah: { x: 3060, y: -150 }, 'pemantauan.cek_mingguan': { x: 900, y: 60 } } };
    expect(layoutProblems(moved)).toEqual([
      'pemantauan.cek_mingguan: outside its group pemantauan',
      'selesai_tetap_bersekolah overlaps selesai_pindah',
      'identifikasi: the first step is not leftmost',
      'asesmen: every step leading to it sits to its right',
    ]);
  });
});
