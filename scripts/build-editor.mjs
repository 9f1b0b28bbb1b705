#!/usr/bin/env node
// Builds the editor (apps/editor → apps/editor/dist) before `pnpm start`,
// when the editor package exists. A failed build does not stop the start:
// the API then serves a page that says how to build the editor.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const manifest = new URL('../apps/editor/package.json', import.meta.url);

if (process.env.JALUR_SKIP_EDITOR_BUILD === '1') {
  console.log('[jalur] JALUR_SKIP_EDITOR_BUILD=1: editor tidak dibangun / editor build skipped');
  process.exit(0);
}
if (!existsSync(manifest)) process.exit(0);
const pkg = JSON.parse(readFileSync(manifest, 'utf8'));
if (!pkg.scripts?.build) process.exit(0);

console.log('[jalur] membangun editor / building the editor (@jalur/editor)…');
const result = spawnSync('corepack', ['pnpm', '--filter', '@jalur/editor', 'build'], { cwd: root, stdio: 'inherit' });
if (result.status !== 0) {
  console.warn('[jalur] editor gagal dibangun; API tetap berjalan / the editor build failed; starting the API anyway');
}
