#!/usr/bin/env node
// Installs the system packages the test suite needs when they are missing:
// Debian's Chromium for the browser tests and the PostgreSQL server for the
// contract and scale-out tests (scripts/pg-server.mjs runs it on a temp dir),
// and poppler-utils (`pdftotext`, `pdftoppm`) for the PDF document tests, in one apt-get run. Runs as root in CI with no prompt; prints what it does.
// JALUR_SKIP_SYSTEM_DEPS=1 skips everything (machines without apt-get);
// JALUR_SKIP_POSTGRES=1 skips PostgreSQL only.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

/** True when a PostgreSQL 15+ server (initdb) is installed. */
function hasPostgres() {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return false;
  return readdirSync(root).some((v) => Number(v) >= 15 && existsSync(`${root}/${v}/bin/initdb`));
}

/** What the tests need: how to tell the package is there, and the Debian package. */
const NEEDS = [
  { label: 'Chromium', present: () => existsSync('/usr/bin/chromium'), packages: ['chromium'] },
  { label: 'poppler-utils (pdftotext)', present: () => existsSync('/usr/bin/pdftotext') && existsSync('/usr/bin/pdftoppm'), packages: ['poppler-utils'] },
  ...(process.env.JALUR_SKIP_POSTGRES === '1' ? [] : [{ label: 'PostgreSQL', present: hasPostgres, packages: ['postgresql'] }]),
];

function log(message) {
  console.log(`[ensure-system-deps] ${message}`);
}

function run(cmd, args) {
  log(`$ ${cmd} ${args.join(' ')}`);
  execFileSync(cmd, args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

if (process.env.JALUR_SKIP_SYSTEM_DEPS === '1') {
  log('JALUR_SKIP_SYSTEM_DEPS=1: skipped');
  process.exit(0);
}

const missing = NEEDS.filter((need) => !need.present());
if (missing.length === 0) {
  log(`all present: ${NEEDS.map((n) => n.label).join(', ')}`);
  process.exit(0);
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const sudo = isRoot ? [] : ['sudo', '-n'];
const packages = missing.flatMap((m) => m.packages);
log(`missing: ${missing.map((m) => m.label).join(', ')}; installing ${packages.join(' ')} with apt-get`);
try {
  const [cmd, ...pre] = [...sudo, 'apt-get'];
  run(cmd, [...pre, 'update']);
  run(cmd, [...pre, 'install', '-y', '--no-install-recommends', ...packages]);
} catch (error) {
  console.error(`[ensure-system-deps] could not install ${packages.join(' ')}: ${error.message}`);
  console.error('[ensure-system-deps] install them by hand (apt-get install -y chromium poppler-utils), or set JALUR_SKIP_SYSTEM_DEPS=1');
  process.exit(1);
}
for (const m of missing) {
  if (!m.present()) {
    console.error(`[ensure-system-deps] ${m.label} still missing after apt-get`);
    process.exit(1);
  }
}
log('done');
