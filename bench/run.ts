/**
 * `corepack pnpm bench [filter…] [--strict]`: runs every `bench/*.bench.ts`
 * module (each default-exports an async function returning BenchEntry[]),
 * prints one table and writes `bench/results.json`. A script, not a test:
 * it exits 0 unless `--strict` is given and an entry misses its target.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchEntry, BenchModule } from './lib.ts';

const dir = fileURLToPath(new URL('.', import.meta.url));
const args = process.argv.slice(2);
const strict = args.includes('--strict');
const filters = args.filter((a) => !a.startsWith('--'));

function fmt(n: number | null, digits = 2): string {
  if (n === null) return '—';
  if (Math.abs(n) >= 1000) return n.toFixed(0);
  return n.toFixed(digits);
}

function table(entries: BenchEntry[]): string {
  const rows = [
    ['name', 'value', 'unit', 'baseline', 'ratio', 'target', 'pass'],
    ...entries.map((e) => [e.name, fmt(e.value), e.unit, fmt(e.baseline), e.ratio === null ? '—' : `${fmt(e.ratio)}×`, fmt(e.target), e.pass === null ? '—' : e.pass ? 'ok' : 'FAIL']),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(rows[0]!), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

async function main(): Promise<number> {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
    .sort();
  const entries: BenchEntry[] = [];
  for (const file of files) {
    process.stderr.write(`… ${file}\n`);
    const mod = (await import(pathToFileURL(dir + file).href)) as BenchModule;
    try {
      entries.push(...(await mod.default()));
    } catch (error) {
      process.stderr.write(`✖ ${file}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      entries.push({ name: `${file} (failed to run)`, value: Number.NaN, unit: '', baseline: null, ratio: null, target: null, pass: false });
    }
  }
  process.stdout.write(`${table(entries)}\n`);
  const out = fileURLToPath(new URL('./results.json', import.meta.url));
  writeFileSync(out, `${JSON.stringify(entries, null, 2)}\n`);
  process.stdout.write(`\n→ ${out}\n`);
  return strict && entries.some((e) => e.pass === false) ? 1 : 0;
}

process.exitCode = await main();
