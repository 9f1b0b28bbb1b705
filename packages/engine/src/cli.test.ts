import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseEventArg, runCli, type CliIo } from './cli.ts';
import { exportXState } from './xstate-json.ts';
import { examplePathway, meta, pathway } from './test-fixtures.ts';

const EXAMPLE = fileURLToPath(new URL('./fixtures/pathway-example.json', import.meta.url));

/** Runs the CLI in memory over a set of named files. */
function cli(argv: string[], files: Record<string, string> = {}): { code: number; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    readFile: (path) => {
      if (path in files) return files[path]!;
      return readFileSync(path, 'utf8');
    },
    out: (l) => out.push(l),
    err: (l) => err.push(l),
  };
  return { code: runCli(argv, io), out, err };
}

const broken = JSON.stringify(pathway({ initial: 'a', states: { a: { meta: meta('A'), on: { GO: 'hilang' } }, b: { type: 'final', meta: meta('B') } } }));

describe('jalur lint', () => {
  it('says OK and exits 0 for a clean pathway', () => {
    const r = cli(['lint', EXAMPLE]);
    expect(r.code).toBe(0);
    expect(r.out.at(-1)).toMatch(/0 error, 0 warning — OK/);
  });

  it('prints each diagnostic with its code and place, and exits 1 on errors', () => {
    const r = cli(['lint', 'rusak.json'], { 'rusak.json': broken });
    expect(r.code).toBe(1);
    expect(r.out.some((l) => /rusak\.json: error  JALUR007  a —GO→  Tujuan ‘hilang’/.test(l))).toBe(true);
    expect(r.out.some((l) => /JALUR001/.test(l))).toBe(true);
  });

  it('speaks English on request', () => {
    const r = cli(['lint', 'rusak.json', '--lang', 'en'], { 'rusak.json': broken });
    expect(r.out.some((l) => /Target ‘hilang’ of step ‘a’ does not exist/.test(l))).toBe(true);
  });

  it('reports parse errors with their JSON path', () => {
    const r = cli(['lint', 'x.json'], { 'x.json': '{"format":"jalur.pathway/1"}' });
    expect(r.code).toBe(1);
    expect(r.out.some((l) => /error  PARSE  key  Kunci jalur: wajib diisi\./.test(l))).toBe(true);
  });

  it('shows usage and exits 2 without files', () => {
    const r = cli(['lint']);
    expect(r.code).toBe(2);
    expect(r.err[0]).toMatch(/Pemakaian/);
  });
});

describe('jalur simulate', () => {
  it('prints each state reached, with data, roles and timers', () => {
    const r = cli(['simulate', EXAMPLE, 'SELESAI_IDENTIFIKASI:{"mainFactor":"economic","attendanceRate":0.5}', 'KUNJUNGAN_SELESAI', 'after:P7D', 'TUNTAS', '--role', 'guru_bk']);
    expect(r.code).toBe(0);
    expect(r.out.filter((l) => l.startsWith('●'))).toEqual([
      '● identifikasi (Identifikasi siswa)',
      '● kunjungan_rumah (Kunjungan rumah)',
      '● pemantauan (Pemantauan mingguan)',
      '● evaluasi (Evaluasi)',
      '● selesai (Kasus ditutup)',
    ]);
    expect(r.out).toContain('    ⏱  pemantauan: 7 hari → 2026-01-12T08:00:00.000Z');
    expect(r.out.at(-1)).toMatch(/kasus ditutup: selesai/);
  });

  it('stops with exit 1 at an event the case refuses, saying what is allowed', () => {
    const r = cli(['simulate', EXAMPLE, 'TUNTAS', '--role', 'guru_bk']);
    expect(r.code).toBe(1);
    expect(r.out.at(-1)).toMatch(/✖ TUNTAS: .*event_not_accepted; boleh: SELESAI_IDENTIFIKASI/);
  });

  it('refuses an unknown role', () => {
    expect(cli(['simulate', EXAMPLE, '--role', 'murid']).code).toBe(2);
  });

  it('reads EVENT and EVENT:{json} arguments', () => {
    expect(parseEventArg('LANJUT')).toEqual({ type: 'LANJUT' });
    expect(parseEventArg('CATAT:{"skor":3}')).toEqual({ type: 'CATAT', data: { skor: 3 } });
    expect(() => parseEventArg('CATAT:[1]')).toThrow();
  });
});

describe('jalur export / import', () => {
  it('writes the XState config and reads it back as a pathway', () => {
    const exported = cli(['export', EXAMPLE]);
    expect(JSON.parse(exported.out.join('\n'))).toEqual(exportXState(examplePathway()).config);
    const imported = cli(['import', 'm.json'], { 'm.json': exported.out.join('\n') });
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.out.join('\n')).key).toBe('contoh-singkat');
  });
});

describe('as a real process', () => {
  it('runs through tsx and exits non-zero on lint errors', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jalur-cli-'));
    const file = join(dir, 'rusak.json');
    writeFileSync(file, broken);
    const root = fileURLToPath(new URL('../../../', import.meta.url));
    const run = (f: string) => spawnSync(process.execPath, ['--import', 'tsx', 'packages/engine/src/cli.ts', 'lint', f], { cwd: root, encoding: 'utf8', env: { ...process.env, INIT_CWD: root } });
    const bad = run(file);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(/JALUR007/);
    const good = run(EXAMPLE);
    expect(good.status).toBe(0);
  });
});
