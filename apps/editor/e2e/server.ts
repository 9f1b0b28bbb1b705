/**
 * The real API server for browser tests: `vite build` of the editor (once
 * per run), then `tsx apps/api/src/main.ts` on a free port with a temporary
 * SQLite database and the demo seed. Resolves with the base URL.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const EDITOR_DIR = join(REPO_ROOT, 'apps', 'editor');

function newestSource(): number {
  let newest = 0;
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else newest = Math.max(newest, statSync(p).mtimeMs);
    }
  };
  walk(join(EDITOR_DIR, 'src'));
  for (const f of ['index.html', 'vite.config.ts', 'package.json']) newest = Math.max(newest, statSync(join(EDITOR_DIR, f)).mtimeMs);
  return newest;
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Builds the editor into apps/editor/dist (what `pnpm start` serves), unless
 * the build is newer than every source file. Test files run in parallel and
 * share dist/, so the build holds a machine-wide lock: one builds, the others
 * wait and then find it fresh.
 */
export function buildEditor(): void {
  const lock = join(tmpdir(), 'jalur-editor-build.lock');
  const deadline = Date.now() + 300_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock left by a killed run goes stale after five minutes.
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 300_000) rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error('timed out waiting for another editor build');
      sleep(250);
    }
  }
  try {
    const index = join(EDITOR_DIR, 'dist', 'index.html');
    if (existsSync(index) && statSync(index).mtimeMs > newestSource()) return;
    // Build aside, then copy in with index.html last: a server that is serving
    // dist/ meanwhile never sees a half-written build (old hashed assets stay).
    const tmp = mkdtempSync(join(EDITOR_DIR, 'node_modules', '.build-'));
    try {
      const r = spawnSync(process.execPath, [join(EDITOR_DIR, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'error', '--outDir', tmp, '--emptyOutDir'], {
        cwd: EDITOR_DIR,
        stdio: 'inherit',
        env: { ...process.env, NODE_ENV: 'production' },
      });
      if (r.status !== 0) throw new Error(`vite build failed (${r.status})`);
      const dist = join(EDITOR_DIR, 'dist');
      const copy = (from: string, to: string) => {
        mkdirSync(to, { recursive: true });
        for (const e of readdirSync(from, { withFileTypes: true })) {
          if (e.isDirectory()) copy(join(from, e.name), join(to, e.name));
          else if (!(from === tmp && e.name === 'index.html')) copyFileSync(join(from, e.name), join(to, e.name));
        }
      };
      copy(tmp, dist);
      copyFileSync(join(tmp, 'index.html'), join(dist, '.index.html.new'));
      renameSync(join(dist, '.index.html.new'), index);
      // Old hashed assets stay for pages still open; after an hour nobody needs them.
      const assets = join(dist, 'assets');
      const fresh = new Set(readdirSync(join(tmp, 'assets')));
      for (const f of readdirSync(assets)) {
        const p = join(assets, f);
        if (!fresh.has(f) && Date.now() - statSync(p).mtimeMs > 3_600_000) rmSync(p, { force: true });
      }
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export interface RunningServer {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Starts the API (serving the built editor) on 127.0.0.1 and a random port. */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const dir = mkdtempSync(join(tmpdir(), 'jalur-editor-e2e-'));
  const tsx = join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const child = spawn(process.execPath, [tsx, join(REPO_ROOT, 'apps', 'api', 'src', 'main.ts')], {
    cwd: REPO_ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATABASE_URL: `file:${join(dir, 'jalur.db')}`, JALUR_TIMER_INTERVAL_MS: '60000', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`API did not start in time:\n${log}`)), 90_000);
    const onData = (b: Buffer) => {
      log += b.toString();
      const m = /JALUR_LISTENING port=(\d+)/.exec(log);
      if (m) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${m[1]}`);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`API exited (${code}):\n${log}`));
    });
  });
  // Keep the server's output, and say it when the server ends without being asked to: a test that then fails
  // with "connection refused" shows why the server went away.
  let stopping = false;
  child.on('exit', (code, signal) => {
    if (!stopping) process.stderr.write(`\n[e2e] the API server at ${url} exited unasked (code ${code}, signal ${signal}); its output:\n${log.slice(-20_000)}\n`);
  });
  return {
    url,
    process: child,
    async stop() {
      stopping = true;
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
