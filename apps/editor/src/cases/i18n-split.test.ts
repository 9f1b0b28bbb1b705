/**
 * The case-work strings are split so that a phone opening a case downloads
 * only what its first view says (issue 17): `cw.*` in i18n.ts (first view,
 * board, tasks) and more-i18n.ts (side panels, other pages); `sy.*` in
 * school-year-core-i18n.ts (tab, prefill note) and school-year-i18n.ts.
 * Each module that says a string of a second half must import that half
 * (directly or through its static imports), or the screen would show the
 * key. This reads every module of the editor, finds the keys it uses, and
 * checks both.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../', import.meta.url));

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return files(full);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.ts$/.test(name) ? [full] : [];
  });
}

const sources = new Map(files(SRC).map((f) => [f, readFileSync(f, 'utf8')]));

/** A module's static imports (not `import()`), as files. */
function staticImports(file: string): string[] {
  const code = sources.get(file) ?? '';
  const out: string[] = [];
  for (const m of code.matchAll(/^\s*(?:import|export)\s+(?:[^'"()]*?\s+from\s+)?['"](\.{1,2}\/[^'"]+)['"]/gm)) {
    const target = resolve(dirname(file), m[1]!);
    if (sources.has(target)) out.push(target);
  }
  return out;
}

function closure(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const f of staticImports(file)) closure(f, seen);
  return seen;
}

/** The literal `cw.*` / `sy.*` keys a module says (template keys with `${` are left out). */
function keysOf(code: string, prefix: 'cw' | 'sy'): string[] {
  return [...new Set([...code.matchAll(new RegExp(`['"\`](${prefix}\\.[A-Za-z]+\\.[A-Za-z_.]+)['"\`]`, 'g'))].map((m) => m[1]!))];
}

async function loadT(module: string): Promise<(key: string) => boolean> {
  const i18n = (await import('../i18n/index.ts')).default;
  await import(/* @vite-ignore */ module);
  return (key) => i18n.t(key) !== key || i18n.t(key, { count: 2 }) !== key || i18n.t(key, { count: 1 }) !== key;
}

describe('the case-work strings, split for the first view', () => {
  for (const [prefix, first, rest] of [
    ['cw', './i18n.ts', './more-i18n.ts'],
    ['sy', './school-year-core-i18n.ts', './school-year-i18n.ts'],
  ] as const) {
    it(`every module saying a ${prefix}.* string of the second half imports ${rest}`, async () => {
      // Only the first half registered: what it knows. Then the second: every key is known.
      const knownFirst = await loadT(first);
      const used = [...sources].map(([file, code]) => ({ file, keys: keysOf(code, prefix) })).filter((u) => u.keys.length > 0 && !u.file.endsWith(rest.slice(1)) && !u.file.endsWith(first.slice(1)));
      expect(used.length).toBeGreaterThan(3);
      const firstOnly = new Map(used.map((u) => [u.file, u.keys.filter(knownFirst)]));
      const knownAll = await loadT(rest);
      const unknown = used.flatMap((u) => u.keys.filter((k) => !knownAll(k)).map((k) => `${relative(SRC, u.file)}: ${k}`));
      expect(unknown).toEqual([]);
      const restFile = resolve(SRC, 'cases', rest);
      const missing = used
        .filter((u) => u.keys.some((k) => !firstOnly.get(u.file)!.includes(k)))
        .filter((u) => !closure(u.file).has(restFile))
        .map((u) => `${relative(SRC, u.file)}: ${u.keys.filter((k) => !firstOnly.get(u.file)!.includes(k)).join(', ')}`);
      expect(missing).toEqual([]);
    });
  }

  it('the case page’s first view reaches neither second half, nor any register page', () => {
    const page = closure(resolve(SRC, 'cases', 'CasePage.tsx'));
    const reached = [...page].map((f) => relative(SRC, f));
    expect(reached).toContain('cases/StepPanel.tsx');
    expect(reached.filter((f) => /more-i18n|school-year-i18n\.ts|^registers\/|CaseDetails|InterventionDialog|CaseMoney|StepAnswers|RegisterPicker/.test(f))).toEqual([]);
  });
});
