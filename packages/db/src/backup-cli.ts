/**
 * `corepack pnpm --filter @jalur/db backup <file>` — a consistent copy of the
 * SQLite database (`DATABASE_URL`, default `file:data/jalur.db`) while the
 * server runs. `corepack pnpm --filter @jalur/db restore <file>` — put a
 * backup back (stop the server first). Paths are relative to where you ran pnpm.
 */
import path from 'node:path';
import { backupDatabase, restoreDatabase } from './backup.ts';
import { DEFAULT_DATABASE_URL } from './config.ts';

const [command, target] = process.argv.slice(2);
const cwd = process.env.INIT_CWD ?? process.cwd();
const rawUrl = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
const url = rawUrl.startsWith('file:') && !path.isAbsolute(rawUrl.slice(5)) ? `file:${path.resolve(cwd, rawUrl.slice(5))}` : rawUrl;

async function main(): Promise<number> {
  if ((command !== 'backup' && command !== 'restore') || !target) {
    process.stderr.write('pemakaian / usage: backup <file> | restore <file>\n');
    return 2;
  }
  const file = path.resolve(cwd, target);
  if (command === 'backup') {
    const r = await backupDatabase({ url, to: file });
    process.stdout.write(`Cadangan tersimpan / backup written: ${r.file} (${r.pages} pages)\n`);
  } else {
    const r = restoreDatabase({ url, from: file });
    process.stdout.write(`Dipulihkan / restored: ${r.file}${r.previous ? ` (previous kept at ${r.previous})` : ''}\n`);
  }
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
