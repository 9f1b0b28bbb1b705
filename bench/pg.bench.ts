/**
 * Scale-out figures (issue 8): `POST /api/cases/:id/events` through the whole
 * API (real `apps/api/src/main.ts` processes), autocannon on 127.0.0.1, in
 * one run and with the same load:
 * - SQLite (one process on a file, `synchronous=FULL`) — the baseline;
 * - PostgreSQL 15 (a throwaway server from `scripts/pg-server.mjs`, fsync on)
 *   with one API process, and with two API processes sharing the load (two
 *   autocannon instances, half the connections each, as a load balancer
 *   would split them).
 * Printed as ratios against SQLite: requests per second and p99 latency.
 * Every request advances a case no other connection holds, so all are real
 * advances, not 409s. Targets (issue 17): one PostgreSQL process ≥ 0.6× the
 * SQLite requests per second, p99 ≤ 1.5× (they depend on how many cores the
 * API processes, the database and autocannon share: run on a quiet machine).
 *
 * Also (issue 17): database round trips per advance, counted on the wire
 * (`wireCounter`) for the case service's advance — the call the API makes —
 * on warm connections, target ≤ 3; the same code with every advance
 * locking the row first (`JALUR_PG_OPTIMISTIC=0`: BEGIN, SELECT … FOR
 * UPDATE, write, COMMIT) as the same-run baseline of that change; and the
 * pool size measured: one API process with a pool of 10 and of 20
 * connections against the default (two per core, at least four: 4 here).
 *
 * Each configuration's best round (highest req/s) is reported; every round's
 * req/s and p99 go to stderr, so the spread is visible. What the tail is made
 * of (issue 17, measured 2026-12-06 on the 2-core machine):
 * - autocannon keeps CONNECTIONS requests in flight (a closed loop), so the
 *   mean latency is CONNECTIONS ÷ req/s on both sides: the p99 ratio is the
 *   inverse of the req/s ratio times the ratio of the tails' shapes (p99 ÷
 *   mean). At 0.7–0.8× the req/s, throughput alone puts the p99 at 1.25–1.45×.
 * - PostgreSQL's side uses both cores (API ~0.4 ms, server ~0.25 ms,
 *   autocannon ~0.08 ms of CPU per advance), SQLite's one (~0.31 ms + 0.06).
 *   Sampled `pg_stat_activity` under load: of the 4 pool connections ~2 wait
 *   for a WAL flush (their pipelined reads behind them), ~0.2 run, the rest
 *   wait for the API process. SQLite's p99 is the steady one (21 ms in all
 *   three rounds of a quiet run); PostgreSQL's moved between 26 and 41 ms.
 * - postgres.js 3.4.9's pool dispatch got slower the longer the pool stayed
 *   busy (a queue scan over every query served): fixed by
 *   `patches/postgres@3.4.9.patch` (test/pg/driver-pool.test.ts).
 * - Tried, no gain that stood out of the noise: a separate commit pool so
 *   reads never wait behind a flush (p99 31–41 ms with it, 26–39 without,
 *   same run), pool 3 or 6, TCP_NODELAY, synchronous_commit=off (a probe
 *   only, never the bench: req/s unchanged, so CPU-bound rather than
 *   fsync-bound). Not it: GC (the
 *   same pauses in both API processes), lock waits (no two requests hold one
 *   case), table bloat (99% of the case updates are HOT).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { advanceRequest, type CasePool } from '../apps/api/src/bench/http-advance.ts';
import { startServerProcess, type ServerProcess } from '../apps/api/src/testing/server-process.ts';
import { startPgServer } from '../scripts/pg-server.mjs';
import { populate, type ApiWorld } from '../test/pg/api-world.ts';
import { defaultPoolSize, openPostgres } from '../packages/db/src/postgres/open-postgres.ts';
import { wireCounter } from '../packages/db/src/postgres/wire-count.ts';
import { CaseService, CompiledPathways } from '../packages/cases/src/index.ts';
import { createApp } from '../apps/api/src/app.ts';
import { figure, type BenchEntry } from './lib.ts';

/** The parts of autocannon used here (it is a dependency of @jalur/api, resolved from there). */
type Autocannon = (opts: Record<string, unknown>) => Promise<{ requests: { average: number }; latency: { p99: number }; non2xx: number; errors: number }>;
const autocannon = createRequire(new URL('../apps/api/package.json', import.meta.url))('autocannon') as Autocannon;

const CASES = 300;
const CONNECTIONS = 40;
const SECONDS = Number(process.env.JALUR_BENCH_SECONDS ?? 4);
const ROUNDS = 3;

interface Side {
  requestsPerSec: number;
  p99Ms: number;
  non2xx: number;
}

type Target = ApiWorld;

/** Cases and their current versions, read back from the database (requests cut off by the end of a run leave stale ones). */
async function casePool(t: Target): Promise<CasePool> {
  const rows = await t.db.cases.list(t.schoolId, { limit: 1000 });
  return { idle: rows.map((r) => r.id), versions: new Map(rows.map((r) => [r.id, r.version])) };
}

/** Loads `servers` at once (CONNECTIONS split between them), sharing one pool of idle cases. */
async function load(t: Target, servers: ServerProcess[], seconds: number): Promise<Side> {
  await new Promise((resolve) => setTimeout(resolve, 300)); // let the last run's requests commit
  const pool = await casePool(t);
  const runs = await Promise.all(
    servers.map((server) =>
      autocannon({
        url: server.baseUrl,
        connections: Math.floor(CONNECTIONS / servers.length),
        duration: seconds,
        requests: [advanceRequest(pool, '/api/cases', { authorization: `Bearer ${t.token}` })],
      } as never),
    ),
  );
  return {
    requestsPerSec: runs.reduce((sum, r) => sum + r.requests.average, 0),
    // Per-balancer-leg p99s cannot be merged exactly; the worse one is reported.
    p99Ms: Math.max(...runs.map((r) => r.latency.p99)),
    non2xx: runs.reduce((sum, r) => sum + r.non2xx, 0),
  };
}

/**
 * Round trips and statements per advance of the case service on PostgreSQL,
 * counted on the wire: `CATAT` (the event the HTTP load sends) on warm
 * connections (every statement already prepared on them).
 */
async function roundTripsPerAdvance(t: Target): Promise<{ roundTrips: number; statements: number; max: number; httpMax: number }> {
  const counter = wireCounter();
  const db = await openPostgres({ url: t.url, poolSize: 2, socket: counter.socket });
  try {
    const service = new CaseService(db, new CompiledPathways(db));
    const cases = (await db.cases.list(t.schoolId, { limit: 10 })).slice(0, 4);
    const actor = { id: cases[0]!.openedBy!, role: 'guru_bk' as const };
    const one = async (c: (typeof cases)[number]) => {
      const row = (await db.cases.get(t.schoolId, c.id))!;
      return counter.measure(async () => {
        const r = await service.advance({ schoolId: t.schoolId, caseId: c.id, expectedVersion: row.version, actor, now: new Date(), event: { type: 'CATAT', data: { catatan: 'bench' } } });
        if (!r.ok) throw new Error(`round-trip bench: ${r.error.code}`);
      });
    };
    for (let i = 0; i < 20; i++) await one(cases[i % cases.length]!);
    const counts = [];
    for (let i = 0; i < 40; i++) counts.push((await one(cases[i % cases.length]!)).count);
    // The whole HTTP request in process (session, advance, the answer's reads), as the API process serves it.
    const app = createApp({ db, compiled: new CompiledPathways(db) });
    const http = async (c: (typeof cases)[number]) => {
      const row = (await db.cases.get(t.schoolId, c.id))!;
      return counter.measure(async () => {
        const res = await app.request(`/api/cases/${c.id}/events`, {
          method: 'POST', headers: { authorization: `Bearer ${t.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ type: 'CATAT', data: { catatan: 'bench' }, expectedVersion: row.version }),
        });
        if (res.status !== 200) throw new Error(`round-trip bench: HTTP ${res.status} ${await res.text()}`);
      });
    };
    for (let i = 0; i < 10; i++) await http(cases[i % cases.length]!);
    const viaHttp = [];
    for (let i = 0; i < 20; i++) viaHttp.push((await http(cases[i % cases.length]!)).count.roundTrips);
    return {
      roundTrips: counts.reduce((s, c) => s + c.roundTrips, 0) / counts.length,
      statements: counts.reduce((s, c) => s + c.statements, 0) / counts.length,
      max: Math.max(...counts.map((c) => c.roundTrips)),
      httpMax: Math.max(...viaHttp),
    };
  } finally {
    await db.close();
  }
}

/** The best (highest req/s) of several runs. */
const best = (runs: Side[]): Side => runs.reduce((a, b) => (b.requestsPerSec > a.requestsPerSec ? b : a));

export default async function pgBench(): Promise<BenchEntry[]> {
  const dir = mkdtempSync(join(tmpdir(), 'jalur-bench-pg-'));
  const pg = await startPgServer({ fsync: true });
  const targets: Target[] = [];
  const servers: ServerProcess[] = [];
  try {
    const sqlite = await populate(`file:${join(dir, 'jalur.db')}`, CASES);
    targets.push(sqlite);
    const postgres = await populate(pg.url, CASES);
    targets.push(postgres);
    // All servers up at once, rounds interleaved, so each configuration sees the same machine conditions.
    const env = { JALUR_TIMER_INTERVAL_MS: '0' };
    servers.push(await startServerProcess('', { ...env, DATABASE_URL: sqlite.url }));
    servers.push(await startServerProcess('', { ...env, DATABASE_URL: postgres.url }));
    servers.push(await startServerProcess('', { ...env, DATABASE_URL: postgres.url }));
    servers.push(await startServerProcess('', { ...env, DATABASE_URL: postgres.url, JALUR_PG_POOL: '10' }));
    servers.push(await startServerProcess('', { ...env, DATABASE_URL: postgres.url, JALUR_PG_POOL: '20' }));
    // The same code with every advance locking the row first (BEGIN, SELECT … FOR UPDATE, …): the round trips this issue removed.
    servers.push(await startServerProcess('', { ...env, DATABASE_URL: postgres.url, JALUR_PG_OPTIMISTIC: '0' }));
    const trips = await roundTripsPerAdvance(postgres);
    const configs: { t: Target; servers: ServerProcess[]; runs: Side[] }[] = [
      { t: sqlite, servers: [servers[0]!], runs: [] },
      { t: postgres, servers: [servers[1]!], runs: [] },
      { t: postgres, servers: [servers[1]!, servers[2]!], runs: [] },
      { t: postgres, servers: [servers[3]!], runs: [] },
      { t: postgres, servers: [servers[4]!], runs: [] },
      { t: postgres, servers: [servers[5]!], runs: [] },
    ];
    for (const c of configs) await load(c.t, c.servers, 1); // warm-up: JIT, compiled pathway, connection pools
    for (let r = 0; r < ROUNDS; r++) for (const c of configs) c.runs.push(await load(c.t, c.servers, SECONDS));
    const names = ['sqlite', 'pg x1', 'pg x2', 'pg pool 10', 'pg pool 20', 'pg row lock first'];
    configs.forEach((c, i) => process.stderr.write(`[pg.bench] ${names[i]} rounds: ${c.runs.map((r) => `${Math.round(r.requestsPerSec)} req/s p99 ${r.p99Ms} ms`).join(', ')}\n`));
    const [base, one, two, pool10, pool20, locked] = configs.map((c) => best(c.runs)) as [Side, Side, Side, Side, Side, Side];
    for (const [name, side] of [['sqlite', base], ['pg x1', one], ['pg x2', two], ['pg pool 10', pool10], ['pg pool 20', pool20], ['pg row lock first', locked]] as const) {
      if (side.non2xx > 0) process.stderr.write(`[pg.bench] ${name}: ${side.non2xx} non-2xx answers in the best run\n`);
    }
    /** A ratio against `vs`; `target`: req/s at least, p99 at most that ratio. */
    const entry = (name: string, side: Side, vs: Side, what: 'rps' | 'p99', target: number | null = null): BenchEntry => {
      const value = what === 'rps' ? side.requestsPerSec : side.p99Ms;
      const baseline = what === 'rps' ? vs.requestsPerSec : vs.p99Ms;
      const ratio = value / baseline;
      const pass = target === null ? null : what === 'rps' ? ratio >= target : ratio <= target;
      return { name, value, unit: what === 'rps' ? 'req/s' : 'ms p99', baseline, ratio, target, pass };
    };
    process.stderr.write(`[pg.bench] round trips per advance: mean ${trips.roundTrips}, max ${trips.max}; statements ${trips.statements}; whole HTTP request max ${trips.httpMax}\n`);
    return [
      entry('pg: HTTP advance req/s, 1 API process vs SQLite', one, base, 'rps', 0.6),
      entry('pg: HTTP advance req/s, 2 API processes vs SQLite', two, base, 'rps'),
      entry('pg: HTTP advance req/s, 2 API processes vs 1', two, one, 'rps'),
      entry('pg: HTTP advance p99, 1 API process vs SQLite', one, base, 'p99', 1.5),
      entry('pg: HTTP advance p99, 2 API processes vs SQLite', two, base, 'p99'),
      // The worst advance counted, so one slow path cannot hide in a mean.
      figure('pg: round trips per advance', trips.max, 'round trips (max of 40, warm)', 3),
      figure('pg: statements per advance (one batch; each was a round trip before)', trips.statements, 'statements'),
      figure('pg: round trips per HTTP advance (session, advance, answer)', trips.httpMax, 'round trips (max of 20, warm)'),
      entry('pg: HTTP advance req/s, 2 round trips vs row lock first', one, locked, 'rps'),
      entry('pg: HTTP advance p99, 2 round trips vs row lock first', one, locked, 'p99'),
      entry(`pg: HTTP advance req/s, pool 10 vs pool ${defaultPoolSize()} (the default here)`, pool10, one, 'rps'),
      entry(`pg: HTTP advance req/s, pool 20 vs pool ${defaultPoolSize()} (the default here)`, pool20, one, 'rps'),
      entry(`pg: HTTP advance p99, pool 10 vs pool ${defaultPoolSize()} (the default here)`, pool10, one, 'p99'),
      entry(`pg: HTTP advance p99, pool 20 vs pool ${defaultPoolSize()} (the default here)`, pool20, one, 'p99'),
    ];
  } finally {
    for (const s of servers) await s.kill('SIGTERM');
    for (const t of targets) await t.db.close();
    pg.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
