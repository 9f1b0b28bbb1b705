/**
 * Issue 17: database round trips per case advance on PostgreSQL, counted on
 * the wire (`wireCounter`: every burst of client writes followed by waiting
 * for the server is one round trip), for the case service's advance — the
 * same call the API makes for `POST /api/cases/:id/events`. Target: ≤ 3.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JalurDb } from '../../packages/db/src/index.ts';
import { openPostgres } from '../../packages/db/src/postgres/open-postgres.ts';
import { wireCounter, type WireCounter } from '../../packages/db/src/postgres/wire-count.ts';
import { CaseService, CompiledPathways } from '../../packages/cases/src/index.ts';
import { startPgServer } from '../../scripts/pg-server.mjs';
import { populate, type ApiWorld } from './api-world.ts';

let pg: Awaited<ReturnType<typeof startPgServer>> | undefined;
let world: ApiWorld;
let db: JalurDb;
let counter: WireCounter;
let service: CaseService;
let bk: { id: string; role: 'guru_bk' };

beforeAll(async () => {
  pg = await startPgServer();
  world = await populate(pg.url, 4);
  counter = wireCounter();
  db = await openPostgres({ url: pg.url, poolSize: 1, socket: counter.socket });
  service = new CaseService(db, new CompiledPathways(db));
  const row = await db.cases.get(world.schoolId, world.caseIds[0]!);
  bk = { id: row!.openedBy!, role: 'guru_bk' };
}, 120_000);
afterAll(async () => {
  await db?.close();
  await world?.db.close();
  pg?.stop();
});

async function advance(caseId: string, type: string, data?: Record<string, unknown>, key?: string) {
  const row = await db.cases.get(world.schoolId, caseId);
  const { result, count } = await counter.measure(() =>
    service.advance({
      schoolId: world.schoolId, caseId, expectedVersion: row!.version, actor: bk, now: new Date(),
      event: data ? { type, data } : { type },
      ...(key ? { idempotency: { userId: bk.id, key, route: 'POST /api/cases/:id/events', requestHash: `h-${key}` } } : {}),
    }),
  );
  if (!result.ok) throw new Error(`${type}: ${result.error.code} ${result.error.message}`);
  return { count, version: result.value.case.version };
}

describe('postgres: round trips per advance', () => {
  it('warm: an advance (CATAT: a task closed and opened again) takes at most 3 round trips', async () => {
    // Warm the connection: each statement is parsed once per connection (its first use costs a describe).
    for (let i = 0; i < 12; i++) await advance(world.caseIds[i % 2]!, 'CATAT', { catatan: 'pemanasan' });
    const counts = [];
    for (let i = 0; i < 10; i++) counts.push((await advance(world.caseIds[i % 2]!, 'CATAT', { catatan: 'sesi' })).count);
    process.stderr.write(`[round-trips] CATAT: ${JSON.stringify(counts)}\n`);
    for (const c of counts) expect(c.roundTrips).toBeLessThanOrEqual(3);
  });

  it('with an Idempotency-Key, through the whole pathway (timer armed and cancelled, closing): at most 3 each', async () => {
    const steps: [string, Record<string, unknown> | undefined][] = [
      ['CATAT', { catatan: 'a' }], ['SESI_SELESAI', undefined], ['CEK', { hadir: true }], ['EVALUASI', undefined], ['LANJUT', undefined],
      ['SESI_SELESAI', undefined], ['EVALUASI', undefined], ['TUTUP', { outcome: 'resolved' }],
    ];
    const walk = async (caseId: string, tag: string) => {
      const seen: Record<string, number>[] = [];
      for (const [i, [type, data]] of steps.entries()) seen.push({ [type]: (await advance(caseId, type, data, `${tag}-${i}`)).count.roundTrips });
      return seen;
    };
    // The first walk prepares every statement on the connection; the second is measured.
    await walk(world.caseIds[2]!, 'warm');
    const seen = await walk(world.caseIds[3]!, 'measured');
    process.stderr.write(`[round-trips] pathway with keys: ${JSON.stringify(seen)}\n`);
    for (const s of seen) expect(Object.values(s)[0]).toBeLessThanOrEqual(3);
  });
});
