/**
 * Documents and helpers shared by the engine's tests (not part of the public API).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PATHWAY_FORMAT, type FormField, type Guard, type MachineConfig, type PathwayDocument, type StateNodeConfig, type StepMeta } from './document.ts';
import { parsePathway } from './parse.ts';

/** Step meta with sensible defaults: `meta('Konseling', { roles: ['guru_bk'] })`. */
export function meta(title: string, extra: Partial<StepMeta> = {}): StepMeta {
  return { kind: 'custom', title: { id: title, en: title }, roles: [], form: [], confidentiality: 'umum', ...extra };
}

/** A pathway document around a machine (`id: 'uji'` unless given). */
export function pathway(machine: Omit<MachineConfig, 'id'> & { id?: string }): PathwayDocument {
  return { format: PATHWAY_FORMAT, key: 'uji', title: { id: 'Jalur uji', en: 'Test pathway' }, machine: { id: 'uji', ...machine }, layout: {} };
}

/** Parses or throws: for fixtures that must be valid. */
export function mustParse(json: unknown): PathwayDocument {
  const r = parsePathway(json);
  if (!r.ok) throw new Error(`fixture does not parse: ${JSON.stringify(r.error, null, 2)}`);
  return r.value;
}

/** The shared example pathway, in the engine's guard vocabulary (`all` written `and`). */
export function examplePathway(): PathwayDocument {
  return mustParse(readFileSync(new URL('./fixtures/pathway-example.json', import.meta.url), 'utf8'));
}

/** The template pathways in the repository's `workflows/` folder, by file name. */
export function workflowFiles(): { file: string; path: string; raw: string }[] {
  const dir = fileURLToPath(new URL('../../../workflows/', import.meta.url));
  let names: string[] = [];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.json')).sort();
  } catch {
    return [];
  }
  return names.map((file) => ({ file, path: dir + file, raw: readFileSync(dir + file, 'utf8') }));
}

/** A value that fits a form field; `pick` chooses among options and booleans. */
export function fieldValue(field: FormField, pick: number): unknown {
  switch (field.type) {
    case 'text':
      return `catatan ${pick % 7}`;
    case 'number': {
      const min = field.min ?? 0;
      const max = field.max ?? Math.max(min, 100);
      const steps = [min, max, (min + max) / 2, min + (max - min) / 4];
      const v = steps[pick % steps.length] ?? min;
      return max - min <= 1 ? v : Math.round(v);
    }
    case 'date':
      return `2026-0${1 + (pick % 9)}-1${pick % 10}`;
    case 'choice': {
      const options = field.options ?? ['x'];
      return options[pick % options.length];
    }
    case 'boolean':
      return pick % 2 === 0;
  }
}

/** Form data filling every field of the given forms. */
export function formData(forms: readonly (readonly FormField[])[], pick: number): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  let i = pick;
  for (const form of forms) for (const field of form) data[field.name] = fieldValue(field, (i = (i * 31 + 7) % 1009));
  return data;
}

/** A small seeded random source (mulberry32), so a generated pathway is reproducible from its seed. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const GEN_FORM: FormField[] = [
  { name: 'skor', type: 'number', min: 0, max: 10, label: { id: 'Skor' } },
  { name: 'pilihan', type: 'choice', options: ['p1', 'p2', 'p3'], label: { id: 'Pilihan' } },
  { name: 'ok', type: 'boolean', label: { id: 'OK' } },
];

/**
 * A random but valid pathway: top-level steps that are atomic, compound
 * (with a final step whose completion is awaited) or parallel (two branches,
 * each with a final step), random events with guarded options, timers and a
 * guarded automatic transition. Every target is absolute (`#uji.a.b`).
 */
export function randomPathway(seed: number): PathwayDocument {
  const rnd = seeded(seed);
  const int = (n: number): number => Math.floor(rnd() * n);
  const pick = <T,>(xs: readonly T[]): T => xs[int(xs.length)]!;
  const count = 3 + int(4);
  type Node = StateNodeConfig;
  const atomicPaths: string[][] = [];
  const allPaths: string[][] = [['selesai']];
  const states: Record<string, Node> = {};
  const step = (title: string): Node => ({
    meta: meta(title, { form: GEN_FORM, roles: rnd() < 0.5 ? [] : [pick(['guru_bk', 'wali_kelas', 'kepsek'] as const)] }),
  });
  for (let i = 0; i < count; i++) {
    const key = `s${i}`;
    const shape = rnd();
    if (shape < 0.6) {
      states[key] = step(key);
      atomicPaths.push([key]);
      allPaths.push([key]);
    } else if (shape < 0.8) {
      const children: Record<string, Node> = { c0: step('c0'), c1: step('c1'), cf: { type: 'final', meta: meta('cf') } };
      states[key] = { initial: 'c0', states: children, on: { [`xstate.done.state.uji.${key}`]: { target: '#uji.selesai' } } };
      for (const c of ['c0', 'c1']) atomicPaths.push([key, c]);
      allPaths.push([key], [key, 'c0'], [key, 'c1'], [key, 'cf']);
    } else {
      const region = (r: string): Node => ({ initial: 'x0', states: { x0: step(`${r}.x0`), x1: step(`${r}.x1`), xf: { type: 'final', meta: meta('xf') } } });
      states[key] = { type: 'parallel', states: { r0: region('r0'), r1: region('r1') }, on: { [`xstate.done.state.uji.${key}`]: '#uji.selesai' } };
      for (const r of ['r0', 'r1']) for (const x of ['x0', 'x1']) atomicPaths.push([key, r, x]);
      allPaths.push([key], [key, 'r0', 'x1'], [key, 'r1', 'xf'], [key, 'r0', 'xf']);
    }
  }
  states.selesai = { type: 'final', meta: meta('Selesai', { kind: 'closure' }) };
  const guards: (() => Guard | undefined)[] = [
    () => undefined,
    () => ({ type: 'check', params: { field: 'form.skor', op: pick(['gte', 'lt'] as const), value: int(11) } }),
    () => ({ type: 'check', params: { field: 'form.pilihan', op: 'eq', value: pick(['p1', 'p2', 'p3']) } }),
    () => ({ type: 'role', params: { in: [pick(['guru_bk', 'wali_kelas', 'kepsek'] as const)] } }),
    () => ({ type: 'and', params: { of: [{ type: 'check', params: { field: 'form.ok', op: 'eq', value: true } }, { type: 'check', params: { field: 'riskFactors', op: 'in', value: ['economic', 'family'] } }] } }),
    () => ({ type: 'not', params: { guard: { type: 'check', params: { field: 'form.pilihan', op: 'in', value: ['p1'] } } } }),
    () => ({ type: 'or', params: { of: [{ type: 'check', params: { field: 'form.skor', op: 'exists' } }, { type: 'role', params: { in: ['kepsek'] } }] } }),
  ];
  const target = (): string => `#uji.${pick(allPaths).join('.')}`;
  const nodeAt = (path: string[]): Node => {
    let node: Node = { states };
    for (const k of path) node = node.states![k]!;
    return node;
  };
  for (const path of atomicPaths) {
    const node = nodeAt(path);
    const on: Record<string, unknown> = {};
    for (const event of ['A', 'B', 'C', 'D']) {
      if (rnd() < 0.45) continue;
      const options = 1 + int(2);
      const list = Array.from({ length: options }, () => {
        const g = guards[int(guards.length)]!();
        return g ? { target: target(), guard: g } : { target: target() };
      });
      on[event] = list;
    }
    on.SELESAI = '#uji.selesai';
    node.on = on as Node['on'];
    if (rnd() < 0.25) node.after = { [pick(['P1D', 'PT12H', 'P1W'])]: target() };
    if (rnd() < 0.15) node.always = { target: '#uji.selesai', guard: { type: 'check', params: { field: 'form.skor', op: 'gte', value: 9 } } };
  }
  return mustParse(pathway({ initial: 's0', states }));
}
