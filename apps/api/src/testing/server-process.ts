/**
 * The real server as a child process (`node --import tsx apps/api/src/main.ts`,
 * no wrapper process, so `kill -9` hits the server itself), on 127.0.0.1 and
 * a free port, for crash and multi-process tests.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './fixture.ts';

export interface ServerProcess {
  baseUrl: string;
  port: number;
  child: ChildProcess;
  /** Everything the process printed, for failure messages. */
  output(): string;
  /** Sends a signal and waits for the process to exit. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Starts the server on `databaseFile` (no seeding) and resolves once it
 * listens. `script` (relative to the repository) may name another server
 * that prints `JALUR_LISTENING port=<n>`, such as the benchmark's baseline.
 */
export function startServerProcess(databaseFile: string, env: Record<string, string> = {}, script = 'apps/api/src/main.ts'): Promise<ServerProcess> {
  // JALUR_PROFILE_DIR=<dir> writes a CPU profile of each server process there (on a clean exit).
  const profile = process.env.JALUR_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.JALUR_PROFILE_DIR}`] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', join(ROOT, script)], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: `file:${databaseFile}`,
      DATABASE_FILE: databaseFile,
      JALUR_SEED: '0',
      JALUR_SKIP_EDITOR_BUILD: '1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 60_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /JALUR_LISTENING port=(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        const port = Number(m[1]);
        resolve({
          baseUrl: `http://127.0.0.1:${port}`,
          port,
          child,
          output: () => out,
          async kill(signal = 'SIGTERM') {
            if (child.exitCode === null && child.signalCode === null) child.kill(signal);
            await exited;
          },
        });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (!/JALUR_LISTENING/.test(out)) reject(new Error(`server exited (${code}) before listening:\n${out}`));
    });
  });
}
