/**
 * One glossary (glossary.ts) for the words on screen: the editor's strings,
 * the API's user-facing messages and the template pathways (titles,
 * descriptions, labels) never use an avoided variant; the SRPS template says
 * what SRPS stands for.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { GLOSSARY, offGlossary } from './glossary.ts';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

function files(dir: string, keep: (f: string) => boolean): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...files(full, keep));
    else if (keep(full)) out.push(full);
  }
  return out;
}

/** The string literals of a source file (quoted, template and JSX text), comments left out. */
function stringsOf(source: string): string[] {
  const noComments = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
  const out: string[] = [];
  for (const m of noComments.matchAll(/'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"|`((?:[^`\\]|\\.)*)`|>([^<>{}\n]+)</g)) out.push(m[1] ?? m[2] ?? m[3] ?? m[4] ?? '');
  // Keys and identifiers (`referal` as a step key) are not words on screen.
  return out.filter((s) => !/^[a-z0-9_.-]*$/.test(s));
}

/** Every text a person reads in a pathway document: titles, descriptions, labels, options. */
function documentTexts(value: unknown, key = ''): string[] {
  if (typeof value === 'string') return ['id', 'en', 'title', 'description', 'label', 'help'].includes(key) || key === '' ? [value] : [];
  if (Array.isArray(value)) return value.flatMap((v) => documentTexts(v, key));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => documentTexts(v, k));
  return [];
}

describe('the UI glossary', () => {
  it('picks one word per concept', () => {
    expect(GLOSSARY.pathway.id).toBe('jalur');
    expect(GLOSSARY.referral.id).toBe('rujukan');
    expect(GLOSSARY.watch.id).toBe('dipantau');
  });

  it('the editor’s strings use only the glossary’s words', () => {
    const editor = files(join(ROOT, 'apps/editor/src'), (f) => /\.(ts|tsx)$/.test(f) && !/\.test\.tsx?$/.test(f) && !f.endsWith('glossary.ts'));
    const off = editor.flatMap((f) => stringsOf(readFileSync(f, 'utf8')).flatMap((s) => offGlossary(s).map((w) => `${relative(ROOT, f)}: "${w}" in ${JSON.stringify(s.slice(0, 80))}`)));
    expect(off).toEqual([]);
  });

  it('the API’s messages use only the glossary’s words', () => {
    const source = readFileSync(join(ROOT, 'apps/api/src/http/messages.ts'), 'utf8');
    expect(stringsOf(source).flatMap((s) => offGlossary(s).map((w) => `"${w}" in ${s}`))).toEqual([]);
  });

  it('the template pathways use only the glossary’s words', () => {
    const dir = join(ROOT, 'workflows');
    const off = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .flatMap((f) => documentTexts(JSON.parse(readFileSync(join(dir, f), 'utf8'))).flatMap((s) => offGlossary(s).map((w) => `${f}: "${w}" in ${JSON.stringify(s.slice(0, 80))}`)));
    expect(off).toEqual([]);
  });

  it('the SRPS template says what SRPS stands for', () => {
    const doc = JSON.parse(readFileSync(join(ROOT, 'workflows/srps-standar.json'), 'utf8')) as { description: { id: string; en: string } };
    expect(doc.description.id).toContain('Satgas SRPS (Satuan Tugas Siswa Rentan Putus Sekolah)');
    expect(doc.description.en).toContain('Satuan Tugas Siswa Rentan Putus Sekolah');
    expect(doc.description.id).not.toMatch(/Sekolah Ramah/);
  });
});
