#!/usr/bin/env node
// Installs the system packages the test suite needs when they are missing:
// Debian's Chromium for the browser tests (and, when a test needs it, the
// PostgreSQL server). Runs as root in CI with no prompt; prints what it does.
// Set JALUR_SKIP_SYSTEM_DEPS=1 to skip (for machines without apt-get).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** What the tests need: the file that proves the package is there, and the Debian package. */
const NEEDS = [
  { label: 'Chromium', probe: ['/usr/bin/chromium'], packages: ['chromium'] },
  ...(process.env.JALUR_NEEDS_POSTGRES === '1'
    ? [{ label: 'PostgreSQL', probe: ['/usr/lib/postgresql'], packages: ['postgresql'] }]
    : []),
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

const missing = NEEDS.filter((need) => !need.probe.some((p) => existsSync(p)));
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
  console.error('[ensure-system-deps] install them by hand (apt-get install -y chromium), or set JALUR_SKIP_SYSTEM_DEPS=1');
  process.exit(1);
}
for (const m of missing) {
  if (!m.probe.some((p) => existsSync(p))) {
    console.error(`[ensure-system-deps] ${m.label} still missing after apt-get`);
    process.exit(1);
  }
}
log('done');
