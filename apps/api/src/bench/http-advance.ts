/**
 * Figure 2 of the API benchmarks: `POST /api/cases/:id/events` through the
 * whole stack (auth, validation, tenancy, idempotency check, unit of work,
 * case view) against the raw composite behind a minimal Hono handler, both
 * as their own processes on the same database file, loaded by autocannon
 * (50 connections, 127.0.0.1) in the same run, rounds interleaved.
 *
 * Every request advances a case no other connection is touching (a pool of
 * idle cases), so all requests are real advances, not 409s.
 */
import { rmSync } from 'node:fs';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { createFixture, fixtureApp } from '../testing/fixture.ts';
import { startServerProcess, type ServerProcess } from '../testing/server-process.ts';

export interface HttpBenchSide {
  requestsPerSec: number;
  p99Ms: number;
  non2xx: number;
}

export interface HttpBenchResult {
  full: HttpBenchSide;
  raw: HttpBenchSide;
  connections: number;
}

const ID_FIELD = /^\{"id":"([^"]+)"/;
const VERSION_FIELD = /"version":(\d+)/;

/** Cases no connection is touching right now, with their current versions. */
export interface CasePool {
  idle: string[];
  versions: Map<string, number>;
}

/**
 * The autocannon request that advances an idle case of `pool` and puts it
 * back with its new version once answered; a refused request keeps the case
 * out of the pool (counted in non2xx). Both the API's and the raw handler's
 * answers start with the case id and carry `"version":n`; reading just those
 * keeps the load generator cheap.
 */
export function advanceRequest(pool: CasePool, pathPrefix: string, headers: Record<string, string>): Record<string, unknown> {
  return {
    method: 'POST',
    setupRequest: (req: Record<string, unknown>) => {
      const id = pool.idle.pop();
      if (!id) throw new Error('case pool exhausted');
      return {
        ...req,
        path: `${pathPrefix}/${id}/events`,
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'CATAT', data: { catatan: 'bench' }, expectedVersion: pool.versions.get(id) }),
      };
    },
    onResponse: (status: number, body: string) => {
      if (status !== 200) return;
      const id = ID_FIELD.exec(body)?.[1];
      const version = Number(VERSION_FIELD.exec(body)?.[1]);
      if (!id || !Number.isInteger(version)) throw new Error(`unexpected answer: ${body.slice(0, 200)}`);
      pool.versions.set(id, version);
      pool.idle.push(id);
    },
  };
}

async function load(server: ServerProcess, pathPrefix: string, pool: CasePool, headers: Record<string, string>, seconds: number, connections: number): Promise<HttpBenchSide> {
  const result = await autocannon({
    url: server.baseUrl,
    connections,
    duration: seconds,
    requests: [advanceRequest(pool, pathPrefix, headers)],
  } as never);
  if (process.env.JALUR_BENCH_DEBUG) console.error(pathPrefix, JSON.stringify({ rps: result.requests.average, lat: result.latency, non2xx: result.non2xx, errors: result.errors, timeouts: result.timeouts }));
  return { requestsPerSec: result.requests.average, p99Ms: result.latency.p99, non2xx: result.non2xx };
}

/** Runs the comparison; `seconds` per round and side, `rounds` interleaved rounds (best of each side kept). */
export async function benchHttpAdvance(options: { seconds?: number; rounds?: number; connections?: number; cases?: number } = {}): Promise<HttpBenchResult> {
  const seconds = options.seconds ?? 3;
  const rounds = options.rounds ?? 2;
  const connections = options.connections ?? 50;
  const cases = options.cases ?? 200;
  const f = await createFixture({ studentsPerSchool: cases });
  const servers: ServerProcess[] = [];
  try {
    const api = fixtureApp(f);
    const pool: CasePool = { idle: [], versions: new Map() };
    for (let i = 0; i < cases; i++) {
      const res = await api.call(f.a.users.guru_bk, 'POST', '/api/cases', { studentId: f.a.students[i]!.id, pathwayId: f.a.loop.pathwayId });
      if (res.status !== 201) throw new Error(`bench setup: ${res.status} ${JSON.stringify(res.body)}`);
      pool.idle.push(res.body.id);
      pool.versions.set(res.body.id, 1);
    }
    const { token } = await f.db.sessions.create({ userId: f.a.users.guru_bk.id, now: new Date() });
    await f.db.close();

    const full = await startServerProcess(f.file, { JALUR_TIMER_INTERVAL_MS: '0' });
    servers.push(full);
    const raw = await startServerProcess(f.file, {}, 'apps/api/src/bench/raw-advance-server.ts');
    servers.push(raw);
    const auth = { authorization: `Bearer ${token}` };
    // Requests cut off at the end of a run leave their cases out of the pool: refill it from the file.
    const refill = () => {
      const reader = new Database(f.file, { readonly: true, fileMustExist: true });
      try {
        const rows = reader.prepare('SELECT id, version FROM cases WHERE school_id = ?').all(f.a.id) as { id: string; version: number }[];
        pool.idle = rows.map((r) => r.id);
        pool.versions = new Map(rows.map((r) => [r.id, r.version]));
      } finally {
        reader.close();
      }
    };
    const measure = async (server: ServerProcess, prefix: string, headers: Record<string, string>, secs: number) => {
      // Let the last run's already-received requests commit before reading the versions back.
      await new Promise((resolve) => setTimeout(resolve, 300));
      refill();
      return load(server, prefix, pool, headers, secs, connections);
    };
    // Warm both (JIT, statement caches, compiled pathway) before measuring.
    await measure(raw, '/raw/cases', {}, 1);
    await measure(full, '/api/cases', auth, 1);
    const fullRuns: HttpBenchSide[] = [];
    const rawRuns: HttpBenchSide[] = [];
    for (let r = 0; r < rounds; r++) {
      rawRuns.push(await measure(raw, '/raw/cases', {}, seconds));
      fullRuns.push(await measure(full, '/api/cases', auth, seconds));
    }
    const best = (runs: HttpBenchSide[]) => runs.reduce((a, b) => (b.requestsPerSec > a.requestsPerSec ? b : a));
    return { full: best(fullRuns), raw: best(rawRuns), connections };
  } finally {
    for (const s of servers) await s.kill('SIGTERM');
    rmSync(f.dir, { recursive: true, force: true });
  }
}
