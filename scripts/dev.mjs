#!/usr/bin/env node
// `pnpm dev`: the API with tsx watch (restarts on change) and the editor's
// Vite dev server (hot reload, proxying /api to the API). Ctrl-C stops both.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const children = [];

function run(name, cmd, args, env = {}) {
  const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  child.on('exit', (code, signal) => {
    console.log(`[dev] ${name} berhenti / exited (${signal ?? code})`);
    stop(code ?? 0);
  });
  children.push(child);
}

let stopping = false;
function stop(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  process.exitCode = code;
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

const port = process.env.PORT ?? '8787';
run('api', 'corepack', ['pnpm', 'exec', 'tsx', 'watch', 'apps/api/src/main.ts'], { PORT: port });
if (existsSync(new URL('../apps/editor/package.json', import.meta.url))) {
  run('editor', 'corepack', ['pnpm', '--filter', '@jalur/editor', 'dev'], { JALUR_API: `http://127.0.0.1:${port}` });
}
