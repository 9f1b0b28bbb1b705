/**
 * Issue 17 (PostgreSQL tail latency): the driver's pool must not get slower
 * the longer it stays busy. postgres.js 3.4.9 keeps its connection queues in
 * arrays whose shifted-out slots stay behind as holes until the queue drains,
 * and `remove` scanned them from the start: under sustained load (every
 * connection busy, queries pipelined onto them, the busy queue never empty)
 * each dispatch cost O(all queries served so far). On the bench's API process
 * that was a growing share of the one event-loop thread every request waits
 * for. `patches/postgres@3.4.9.patch` scans only the live part and drops the
 * dead prefix; this checks the cost per query stays flat on a real server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JalurDb, ReportHandle } from '../../packages/db/src/index.ts';
import { openPostgres } from '../../packages/db/src/postgres/open-postgres.ts';
import { startPgServer } from '../../scripts/pg-server.mjs';

let pg: Awaited<ReturnType<typeof startPgServer>> | undefined;
let db: JalurDb;
let client: Extract<ReportHandle, { dialect: 'postgres' }>['client'];

beforeAll(async () => {
  pg = await startPgServer();
  db = await openPostgres({ url: pg.url, poolSize: 4 });
  if (db.reportHandle.dialect !== 'postgres') throw new Error('expected a PostgreSQL handle');
  client = db.reportHandle.client;
}, 120_000);
afterAll(async () => {
  await db?.close();
  pg?.stop();
});

/** `queries` prepared one-row queries from 40 concurrent callers on the pool (all 4 connections busy, pipelined): CPU µs per query in this process. */
async function cpuPerQuery(queries: number): Promise<number> {
  let left = queries;
  const caller = async () => {
    while (left-- > 0) await client.unsafe('SELECT $1::int AS one', [1], { prepare: true });
  };
  const before = process.cpuUsage();
  await Promise.all(Array.from({ length: 40 }, caller));
  const used = process.cpuUsage(before);
  return (used.user + used.system) / queries;
}

describe('postgres: the driver pool under sustained load', () => {
  it('costs the same per query after 150,000 queries as at the start (no queue scan that grows with the queries served)', async () => {
    await cpuPerQuery(5_000); // warm: JIT, prepared statements on every connection
    const early = await cpuPerQuery(20_000);
    await cpuPerQuery(150_000);
    const late = await cpuPerQuery(20_000);
    process.stderr.write(`[driver-pool] CPU per query: early ${early.toFixed(1)} µs, after 170,000 more ${late.toFixed(1)} µs\n`);
    // Unpatched: about 3× (each dispatch scanned ~170,000 dead slots). Patched: ~1× (the margin is for a noisy machine).
    expect(late / early).toBeLessThan(1.8);
  }, 180_000);
});
