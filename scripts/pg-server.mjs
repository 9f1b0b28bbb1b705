#!/usr/bin/env node
// A throwaway, real PostgreSQL server for tests and benchmarks.
//
//   node scripts/pg-server.mjs            start one, print its URL, stop and delete it on Ctrl-C
//   import { startPgServer } from '…/scripts/pg-server.mjs'
//   const pg = await startPgServer(); … pg.url … await pg.createDatabase('x'); await pg.stop();
//
// Installs Debian's `postgresql` with apt-get when no server binaries are
// found, then: initdb --no-sync as the unprivileged `postgres` user (initdb
// refuses root) in a fresh temp dir, pg_ctl on a free loopback port with the
// socket in that dir, `createdb jalur`. stop() shuts it down and deletes the dir.
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const log = (m) => process.stderr.write(`[pg-server] ${m}\n`);
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const INSTALL_LOCK = path.join(tmpdir(), 'jalur-postgresql-install.lock');

/** The bin dir of the newest installed PostgreSQL (>= 15), or null. */
function findBinDir() {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  const versions = readdirSync(base).filter((v) => /^\d+$/.test(v) && Number(v) >= 15 && existsSync(path.join(base, v, 'bin', 'initdb')));
  versions.sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(base, versions[0], 'bin') : null;
}

/**
 * apt-get install postgresql (as root, or with sudo -n). Several test files
 * may start servers at once on a fresh machine: the install runs under one
 * file lock and re-checks inside it, so only the first installs and the rest
 * wait for it (and apt waits for any other holder of the dpkg lock).
 */
function installPostgres() {
  const sudo = isRoot ? [] : ['sudo', '-n'];
  const apt = 'apt-get -o DPkg::Lock::Timeout=600';
  const script = [
    'export DEBIAN_FRONTEND=noninteractive',
    `if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then ${apt} update && ${apt} install -y --no-install-recommends postgresql; fi`,
  ].join('; ');
  log(`$ ${[...sudo, 'flock', INSTALL_LOCK, 'sh', '-c', script].join(' ')}`);
  const [cmd, ...rest] = [...sudo, 'flock', INSTALL_LOCK, 'sh', '-c', script];
  execFileSync(cmd, rest, { stdio: ['ignore', 'inherit', 'inherit'] });
}

/** A free TCP port on 127.0.0.1 (asked of the kernel). */
function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts a fresh server. `fsync: false` (the default, for tests) also turns
 * off fsync and synchronous_commit on the server; benchmarks pass `true`.
 * @param {{ fsync?: boolean, maxConnections?: number, database?: string }} [opts]
 * @returns {Promise<{ url: string, port: number, dir: string, urlFor(db: string): string, createDatabase(name: string, template?: string): string, stop(): void }>}
 */
export async function startPgServer(opts = {}) {
  let bin = findBinDir();
  if (!bin) {
    log('PostgreSQL not found; installing Debian\'s postgresql');
    installPostgres();
    bin = findBinDir();
    if (!bin) throw new Error('PostgreSQL still missing after apt-get install postgresql');
  }
  const user = isRoot ? 'postgres' : null;
  const as = (cmd, args, extra = {}) =>
    user
      ? execFileSync('runuser', ['-u', user, '--', path.join(bin, cmd), ...args], { stdio: ['ignore', 'pipe', 'pipe'], ...extra })
      : execFileSync(path.join(bin, cmd), args, { stdio: ['ignore', 'pipe', 'pipe'], ...extra });
  const dir = mkdtempSync(path.join(tmpdir(), 'jalur-pg-'));
  if (user) {
    const uid = Number(execFileSync('id', ['-u', user]).toString().trim());
    const gid = Number(execFileSync('id', ['-g', user]).toString().trim());
    chownSync(dir, uid, gid);
    chmodSync(dir, 0o700);
  }
  const data = path.join(dir, 'data');
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    try {
      as('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } catch {
      /* not running */
    }
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', stop);
  try {
    as('initdb', ['--no-sync', '-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C']);
    const settings = [
      '-c listen_addresses=127.0.0.1', `-k ${dir}`, `-c max_connections=${opts.maxConnections ?? 200}`,
      ...(opts.fsync ? [] : ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off', '-c shared_buffers=16MB']),
    ];
    let port;
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      try {
        as('pg_ctl', ['-D', data, '-l', path.join(dir, 'server.log'), '-w', '-t', '30', '-o', `-p ${port} ${settings.join(' ')}`, 'start']);
        break;
      } catch (err) {
        if (attempt >= 3) throw new Error(`pg_ctl start failed: ${err.stderr?.toString() ?? err.message}`);
      }
    }
    const urlFor = (db) => `postgres://postgres@127.0.0.1:${port}/${db}`;
    const createDatabase = (name, template) => {
      as('createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', ...(template ? ['-T', template] : []), name]);
      return urlFor(name);
    };
    const database = opts.database ?? 'jalur';
    createDatabase(database);
    return { url: urlFor(database), port, dir, urlFor, createDatabase, stop };
  } catch (err) {
    stop();
    throw err;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const pg = await startPgServer({ fsync: process.argv.includes('--fsync') });
  console.log(pg.url);
  log(`running in ${pg.dir}; Ctrl-C stops it and deletes the data`);
  const quit = () => {
    pg.stop();
    process.exit(0);
  };
  process.on('SIGINT', quit);
  process.on('SIGTERM', quit);
  setInterval(() => {}, 1 << 30);
}
