/**
 * The API's figures, each a ratio against a raw baseline measured in the same
 * run on the same database file:
 * 1. a durable advance in process (`@jalur/db` unit of work + the engine's
 *    `advanceCase`) vs a raw better-sqlite3 composite — target ≥ 0.8;
 * 2. `POST /api/cases/:id/events` over HTTP through the whole stack vs a
 *    minimal Hono handler doing the raw composite, autocannon with 50
 *    connections on 127.0.0.1 — target ≥ 0.6 of its req/s and p99 ≤ 1.5× its p99.
 * Both run with `synchronous=FULL` (the durable default) unless
 * `JALUR_SQLITE_SYNC=NORMAL` is set.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchHttpAdvance } from '../apps/api/src/bench/http-advance.ts';
import { benchAdvance } from '../packages/cases/src/bench/advance-bench.ts';
import type { BenchEntry } from './lib.ts';

export default async function apiBench(): Promise<BenchEntry[]> {
  const synchronous = (process.env.JALUR_SQLITE_SYNC ?? 'FULL').toUpperCase() === 'NORMAL' ? 'NORMAL' : 'FULL';
  const dir = mkdtempSync(join(tmpdir(), 'jalur-bench-api-'));
  let inProcess;
  try {
    inProcess = await benchAdvance({ file: join(dir, 'advance.db'), advances: 600, rounds: 3, synchronous });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const http = await benchHttpAdvance({ seconds: 2, rounds: 2, connections: 50 });
  const rpsRatio = http.full.requestsPerSec / http.raw.requestsPerSec;
  const p99Ratio = http.full.p99Ms / http.raw.p99Ms;
  return [
    {
      name: `api: durable advance in process vs raw composite (${synchronous})`,
      value: inProcess.durablePerSec,
      unit: 'advances/s',
      baseline: inProcess.rawPerSec,
      ratio: inProcess.ratio,
      target: 0.8,
      pass: inProcess.ratio >= 0.8,
    },
    {
      name: `api: HTTP advance req/s vs minimal Hono raw handler (${http.connections} conn)`,
      value: http.full.requestsPerSec,
      unit: 'req/s',
      baseline: http.raw.requestsPerSec,
      ratio: rpsRatio,
      target: 0.6,
      pass: rpsRatio >= 0.6,
    },
    {
      name: 'api: HTTP advance p99 vs raw handler p99',
      value: http.full.p99Ms,
      unit: 'ms p99',
      baseline: http.raw.p99Ms,
      ratio: p99Ratio,
      target: 1.5,
      pass: p99Ratio <= 1.5,
    },
  ];
}
