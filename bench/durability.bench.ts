/**
 * What full durability costs over HTTP: `POST /api/cases/:id/events` through
 * the whole stack with `synchronous=FULL` (the default) and group commit, vs
 * the same stack with `synchronous=NORMAL`, as two server processes on two
 * equal database files, loaded in turn by autocannon (50 connections,
 * 127.0.0.1) in the same run, rounds interleaved, the median round of each
 * side kept. Target: FULL ≥ 0.8× NORMAL's req/s. The p99 ratio is for
 * information.
 *
 * Every request advances a case no other connection is touching (a pool of
 * idle cases), so all requests are real, durable advances — not 409s.
 */
import { createRequire } from 'node:module';
import { rmSync } from 'node:fs';
import { createFixture, fixtureApp, type Fixture } from '../apps/api/src/testing/fixture.ts';
import { startServerProcess, type ServerProcess } from '../apps/api/src/testing/server-process.ts';
import { median, type BenchEntry } from './lib.ts';

/** The slice of autocannon's API used here (the package lives with `@jalur/api`). */
type Autocannon = (options: Record<string, unknown>) => Promise<{ requests: { average: number }; latency: { p99: number }; non2xx: number; errors: number }>;
const autocannon = createRequire(new URL('../apps/api/package.json', import.meta.url))('autocannon') as Autocannon;

const CASES = 300;
const CONNECTIONS = 50;
const ID_FIELD = /^\{"id":"([^"]+)"/;
const VERSION_FIELD = /"version":(\d+)/;

interface Side {
  name: 'FULL' | 'NORMAL';
  f: Fixture;
  server: ServerProcess;
  token: string;
  idle: string[];
  versions: Map<string, number>;
}
interface Round {
  requestsPerSec: number;
  p99Ms: number;
  non2xx: number;
}

async function prepare(name: Side['name']): Promise<Omit<Side, 'server'>> {
  const f = await createFixture({ studentsPerSchool: CASES, synchronous: name });
  const api = fixtureApp(f);
  for (let i = 0; i < CASES; i++) {
    const res = await api.call(f.a.users.guru_bk, 'POST', '/api/cases', { studentId: f.a.students[i]!.id, pathwayId: f.a.loop.pathwayId });
    if (res.status !== 201) throw new Error(`bench setup: ${res.status} ${JSON.stringify(res.body)}`);
  }
  const { token } = await f.db.sessions.create({ userId: f.a.users.guru_bk.id, now: new Date() });
  await f.db.close();
  return { name, f, token, idle: [], versions: new Map() };
}

/** Reads every case's current version back through the API (requests cut off at the end of a round left theirs out of the pool). */
async function refill(side: Side): Promise<void> {
  const items: { id: string; version: number }[] = [];
  for (let offset = 0; ; offset += 200) {
    const res = await fetch(`${side.server.baseUrl}/api/cases?limit=200&offset=${offset}`, { headers: { authorization: `Bearer ${side.token}` } });
    const page = ((await res.json()) as { items: { id: string; version: number }[] }).items;
    items.push(...page);
    if (page.length < 200) break;
  }
  side.idle = items.map((c) => c.id);
  side.versions = new Map(items.map((c) => [c.id, c.version]));
}

async function load(side: Side, seconds: number): Promise<Round> {
  await new Promise((resolve) => setTimeout(resolve, 300));
  await refill(side);
  const result = await autocannon({
    url: side.server.baseUrl,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        setupRequest: (req: Record<string, unknown>) => {
          const id = side.idle.pop();
          if (!id) throw new Error('case pool exhausted');
          return {
            ...req,
            path: `/api/cases/${id}/events`,
            headers: { authorization: `Bearer ${side.token}`, 'content-type': 'application/json' },
            body: JSON.stringify({ type: 'CATAT', data: { catatan: 'bench' }, expectedVersion: side.versions.get(id) }),
          };
        },
        onResponse: (status: number, body: string) => {
          if (status !== 200) return;
          const id = ID_FIELD.exec(body)?.[1];
          const version = Number(VERSION_FIELD.exec(body)?.[1]);
          if (!id || !Number.isInteger(version)) throw new Error(`unexpected answer: ${body.slice(0, 200)}`);
          side.versions.set(id, version);
          side.idle.push(id);
        },
      },
    ],
  });
  return { requestsPerSec: result.requests.average, p99Ms: result.latency.p99, non2xx: result.non2xx };
}

export default async function durabilityBench(): Promise<BenchEntry[]> {
  const sides: Side[] = [];
  try {
    for (const name of ['FULL', 'NORMAL'] as const) {
      const prepared = await prepare(name);
      const server = await startServerProcess(prepared.f.file, { JALUR_SQLITE_SYNC: name, JALUR_TIMER_INTERVAL_MS: '0' });
      sides.push({ ...prepared, server });
    }
    const [full, normal] = sides as [Side, Side];
    await load(full, 1);
    await load(normal, 1);
    const runs: Record<Side['name'], Round[]> = { FULL: [], NORMAL: [] };
    for (let r = 0; r < 5; r++) {
      // Alternate which side goes first, so neither always runs on a warmer machine.
      for (const side of r % 2 === 0 ? [normal, full] : [full, normal]) runs[side.name].push(await load(side, 2));
    }
    const rps = (name: Side['name']) => median(runs[name].map((x) => x.requestsPerSec));
    const p99 = (name: Side['name']) => median(runs[name].map((x) => x.p99Ms));
    const bad = [...runs.FULL, ...runs.NORMAL].reduce((n, x) => n + x.non2xx, 0);
    if (bad > 0) process.stderr.write(`durability bench: ${bad} non-2xx answers (cut off at the end of a round or 409s)\n`);
    const ratio = rps('FULL') / rps('NORMAL');
    return [
      {
        name: `durability: HTTP advance req/s, FULL + group commit vs NORMAL (${CONNECTIONS} conn)`,
        value: rps('FULL'), unit: 'req/s', baseline: rps('NORMAL'), ratio, target: 0.8, pass: ratio >= 0.8,
      },
      {
        name: 'durability: HTTP advance p99, FULL vs NORMAL',
        value: p99('FULL'), unit: 'ms p99', baseline: p99('NORMAL'), ratio: p99('FULL') / p99('NORMAL'), target: null, pass: null,
      },
    ];
  } finally {
    for (const side of sides) {
      await side.server.kill('SIGTERM');
      rmSync(side.f.dir, { recursive: true, force: true });
    }
  }
}
