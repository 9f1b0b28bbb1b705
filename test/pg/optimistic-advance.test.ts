/**
 * Issue 17: an advance on PostgreSQL reads the case without a lock and
 * writes it with one batch checked on the row's version and `xmin`. What the
 * row lock used to guarantee must still hold: a write of the row between the
 * read and the batch (a reassignment, which does not bump the version) is
 * never overwritten by a step that did not see it, and advances that do not
 * pin a version all apply, one after the other, none lost.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplyResult, CaseRow, JalurDb } from '../../packages/db/src/index.ts';
import { openPostgres } from '../../packages/db/src/postgres/open-postgres.ts';
import { startPgServer } from '../../scripts/pg-server.mjs';
import { populate, type ApiWorld } from './api-world.ts';

let pg: Awaited<ReturnType<typeof startPgServer>> | undefined;
let world: ApiWorld;
let one: JalurDb;
let two: JalurDb;
/** A third pool (the world's own handle), for the transaction that holds the row and for watching locks. */
let raw: Extract<JalurDb['reportHandle'], { dialect: 'postgres' }>['client'];

beforeAll(async () => {
  pg = await startPgServer();
  world = await populate(pg.url, 3);
  [one, two] = await Promise.all([openPostgres({ url: pg.url }), openPostgres({ url: pg.url })]);
  if (world.db.reportHandle.dialect !== 'postgres') throw new Error('expected postgres');
  raw = world.db.reportHandle.client;
}, 120_000);
afterAll(async () => {
  await one?.close();
  await two?.close();
  await world?.db.close();
  pg?.stop();
});

/** Waits until some backend waits on a lock (the advance's UPDATE behind the open transaction). */
async function blockedOnLock(): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const [r] = await raw`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock'`;
    if (r!.n > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the advance never waited for the row lock');
}

describe('postgres: optimistic advance keeps the row lock guarantees', () => {
  it('a reassignment committed while the advance waits is seen: the step runs again on the new row', async () => {
    const caseId = world.caseIds[0]!;
    const before = (await one.cases.get(world.schoolId, caseId))!;
    const bk = before.openedBy!;
    const next = before.assigneeId === null ? bk : null;
    const conn = await raw.reserve();
    let seen: (string | null)[] = [];
    try {
      await conn`BEGIN`;
      await conn`UPDATE cases SET assignee_id = ${next} WHERE id = ${caseId}`;
      // The advance reads the committed row (the old assignee), runs its step and sends its batch, which waits on the row.
      const advancing = one.cases.advance({
        schoolId: world.schoolId, caseId, expectedVersion: before.version, actorId: bk, now: new Date(), event: { type: 'CATAT' },
        apply: (row, pv) => {
          seen.push(row.assigneeId);
          return stepOf(row, pv);
        },
      });
      await blockedOnLock();
      await conn`COMMIT`;
      const result = await advancing;
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.value.case.version).toBe(before.version + 1);
      expect(result.value.case.assigneeId).toBe(next);
      // The first step saw the old row; its write matched nothing; the second saw the reassignment.
      expect(seen).toEqual([before.assigneeId, next]);
      const after = (await one.cases.get(world.schoolId, caseId))!;
      expect(after.assigneeId).toBe(next);
      expect(after.version).toBe(before.version + 1);
    } finally {
      seen = [];
      conn.release();
    }
  });

  it('advances without an expected version from two pools at once: every one applies, in sequence, none lost', async () => {
    const caseId = world.caseIds[1]!;
    const before = (await one.cases.get(world.schoolId, caseId))!;
    const runs = 16;
    const results = await Promise.all(
      Array.from({ length: runs }, (_, i) =>
        (i % 2 === 0 ? one : two).cases.advance({ schoolId: world.schoolId, caseId, actorId: null, now: new Date(), event: { type: 'uji.hitung' }, apply: bump }),
      ),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    const after = (await one.cases.get(world.schoolId, caseId))!;
    expect(after.version).toBe(before.version + runs);
    expect((after.snapshot as { hitung?: number }).hitung).toBe(runs);
    const events = await one.cases.events(world.schoolId, caseId);
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: before.version + runs }, (_, i) => i + 1));
  });

  it('a snapshot rewritten in place (as an erasure scrubs it, version unchanged) is read again, not taken from the copy the process kept', async () => {
    const caseId = world.caseIds[1]!;
    const advance = () => one.cases.advance({ schoolId: world.schoolId, caseId, actorId: null, now: new Date(), event: { type: 'uji.hitung' }, apply: bump });
    const first = await advance(); // `one` now keeps this version's snapshot
    expect(first.ok).toBe(true);
    await raw`UPDATE cases SET snapshot = (snapshot::jsonb || '{"dihapus": true}'::jsonb)::json WHERE id = ${caseId}`;
    const second = await advance();
    expect(second.ok).toBe(true);
    if (!second.ok) return;
    expect(second.value.case.snapshot).toMatchObject({ dihapus: true });
    expect((await one.cases.get(world.schoolId, caseId))!.snapshot).toMatchObject({ dihapus: true });
  });

  it('the same Idempotency-Key sent twice at once through two pools: one change, the same answer twice', async () => {
    const caseId = world.caseIds[2]!;
    const before = (await one.cases.get(world.schoolId, caseId))!;
    const idempotency = {
      userId: before.openedBy!, key: 'kunci-ganda', route: 'POST /api/cases/:id/events', requestHash: 'sama',
      respond: (change: { case: CaseRow }) => ({ status: 200, body: { version: change.case.version } }),
    };
    const send = (db: JalurDb) => db.cases.advance({ schoolId: world.schoolId, caseId, expectedVersion: before.version, actorId: null, now: new Date(), event: { type: 'uji.hitung' }, apply: bump, idempotency });
    const [a, b] = await Promise.all([send(one), send(two)]);
    const answers = [a, b].map((r) => (r.ok ? { version: r.value.case.version } : r.error.code === 'idempotency_replay' ? r.error.response!.body : r.error.code));
    expect(answers).toEqual([{ version: before.version + 1 }, { version: before.version + 1 }]);
    expect((await one.cases.get(world.schoolId, caseId))!.version).toBe(before.version + 1);
  });
});

/** A step that only counts: the snapshot gains `hitung + 1`, the state stays. */
function bump(row: CaseRow): ApplyResult {
  const s = row.snapshot as Record<string, unknown> & { hitung?: number };
  return { ok: true, value: { snapshot: { ...s, hitung: (s.hitung ?? 0) + 1 }, stateValue: row.stateValue.split(','), status: 'active', effects: [] } };
}

/** The reassignment test's step: counts, like {@link bump}. */
const stepOf = (row: CaseRow, _pv: unknown): ApplyResult => bump(row);
