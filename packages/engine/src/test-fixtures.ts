/**
 * Documents and helpers shared by the engine's tests (not part of the public API).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PATHWAY_FORMAT, type FormField, type MachineConfig, type PathwayDocument, type StepMeta } from './document.ts';
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
