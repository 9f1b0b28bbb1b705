/**
 * Two JalurDb instances (two connection pools, as two API processes would
 * have) on one real PostgreSQL database: one winner per case version, every
 * due timer fired exactly once, sessions and idempotency keys shared.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type ApplyResult, type CaseRow, type JalurDb } from '../../packages/db/src/index.ts';
import { buildWorld, DAY, must, T0, type World } from '../../packages/db/src/contract/fixtures.ts';
import { startPgServer } from '../../scripts/pg-server.mjs';

let pg: Awaited<ReturnType<typeof startPgServer>> | undefined;
let one: JalurDb;
let two: JalurDb;
let w: World;

beforeAll(async () => {
  pg = await startPgServer();
  // Both open (and migrate) at once, as two processes starting together would.
  [one, two] = await Promise.all([openDatabase({ url: pg.url }), openDatabase({ url: pg.url })]);
  w = await buildWorld(one);
});
afterAll(async () => {
  await one?.close();
  await two?.close();
  pg?.stop();
});

/** A counter machine: every accepted event adds one; never closes. */
type Counter = { n: number; fired?: string[] };
const bump = (row: CaseRow): ApplyResult => {
  const s = row.snapshot as Counter;
  return { ok: true, value: { snapshot: { ...s, n: s.n + 1 }, stateValue: ['s'], status: 'active', effects: [] } };
};

async function openCounterCase(db: JalurDb, timers = 0, due = new Date(T0.getTime() + DAY)) {
  const effects = Array.from({ length: timers }, (_, i) => ({
    type: 'timer.schedule' as const, timerId: `t${i}`, event: `tick.${i}`, stateId: 's', delay: 'P1D', dueAt: due.toISOString(),
  }));
  return must(db.cases.create({
    schoolId: w.schoolA, studentId: w.studentA.id, pathwayVersionId: w.versionA.id, actorId: null, now: T0,
    start: () => ({ ok: true, value: { snapshot: { n: 0 } satisfies Counter, stateValue: ['s'], status: 'active', effects } }),
  }));
}

describe('postgres: two API processes on one database', () => {
  it('both instances report postgres and migrated once', async () => {
    expect(one.dialect).toBe('postgres');
    expect(two.dialect).toBe('postgres');
    expect(await two.ping()).toBe(true);
    expect(await two.isEmpty()).toBe(false); // the world built through `one` is visible to `two`
  });

  it('concurrent advances of one case: exactly one winner per expectedVersion', async () => {
    const { case: c } = await openCounterCase(one);
    const rounds = 15;
    const perInstance = 4;
    for (let v = 1; v <= rounds; v++) {
      const attempts = [one, two].flatMap((db) =>
        Array.from({ length: perInstance }, () =>
          db.cases.advance({ schoolId: w.schoolA, caseId: c.id, expectedVersion: v, actorId: null, now: T0, event: { type: 'bump', data: { v } }, apply: bump }),
        ),
      );
      const results = await Promise.all(attempts);
      const winners = results.filter((r) => r.ok);
      expect(winners).toHaveLength(1);
      for (const r of results) if (!r.ok) expect(r.error).toMatchObject({ code: 'version_conflict', current: v + 1 });
    }
    const events = await two.cases.events(w.schoolA, c.id);
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: rounds + 1 }, (_, i) => i + 1));
    expect(await one.cases.get(w.schoolA, c.id)).toMatchObject({ version: rounds + 1, snapshot: { n: rounds } });
  });

  it('200 due timers claimed concurrently by both: each fired exactly once', async () => {
    const cases = await Promise.all(Array.from({ length: 20 }, () => openCounterCase(one, 10)));
    const now = new Date(T0.getTime() + 2 * DAY);
    const claimed: string[] = [];
    const fired: string[] = [];
    const worker = async (db: JalurDb, claimer: string) => {
      for (;;) {
        const batch = await db.timers.claimDue(now, 7, claimer);
        if (batch.length === 0) return;
        for (const timer of batch) {
          claimed.push(timer.id);
          const outcome = await must(db.cases.fireTimer({ timer, claimer, now, apply: bump }));
          if (outcome.fired) fired.push(timer.id);
        }
      }
    };
    await Promise.all([one, two].flatMap((db, p) => Array.from({ length: 4 }, (_, i) => worker(db, `p${p}-w${i}`))));
    expect(claimed).toHaveLength(200);
    expect(new Set(claimed).size).toBe(200);
    expect(new Set(fired).size).toBe(200);
    expect(fired).toHaveLength(200);
    for (const { case: c } of cases) {
      const timers = await two.timers.listForCase(w.schoolA, c.id);
      expect(timers.map((t) => t.status)).toEqual(Array(10).fill('fired'));
      const events = await one.cases.events(w.schoolA, c.id);
      expect(events.slice(1).map((e) => e.data?.timerId).sort()).toEqual(timers.map((t) => t.timerId).sort());
      expect(await two.cases.get(w.schoolA, c.id)).toMatchObject({ version: 11, snapshot: { n: 10 } });
    }
    expect(await one.timers.claimDue(now, 100, 'late')).toEqual([]);
    expect(await two.timers.nextDueAt()).toBeNull();
  });

  it('sessions work across processes: created in one, used and revoked in the other', async () => {
    const { token } = await one.sessions.create({ userId: w.bkA.id, now: T0 });
    expect((await two.sessions.validate(token, T0))?.user.id).toBe(w.bkA.id);
    await two.sessions.revoke(token);
    expect(await one.sessions.validate(token, T0)).toBeNull();
  });

  it('one Idempotency-Key sent to both processes at once: applied once, replayed by the other', async () => {
    const { case: c } = await openCounterCase(one);
    const idempotency = { userId: w.bkA.id, key: `k-${c.id}`, route: 'POST /api/cases/:id/events', requestHash: 'h', respond: (v: { case: { version: number } }) => ({ status: 200, body: { version: v.case.version } }) };
    const send = (db: JalurDb) => db.cases.advance({ schoolId: w.schoolA, caseId: c.id, actorId: w.bkA.id, now: T0, event: { type: 'bump' }, apply: bump, idempotency });
    const results = await Promise.all([send(one), send(two), send(one), send(two)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    for (const r of results) if (!r.ok) expect(r.error).toMatchObject({ code: 'idempotency_replay', response: { status: 200, body: { version: 2 } } });
    expect((await two.cases.events(w.schoolA, c.id)).length).toBe(2);
  });

  it('a lock-out counts failures from both processes', async () => {
    for (let i = 0; i < 5; i++) {
      const db = i % 2 === 0 ? one : two;
      expect(await db.users.authenticate({ email: 'wali@a.test', password: 'salah', now: T0 })).toMatchObject({ ok: false, error: { code: 'invalid_credentials' } });
    }
    expect(await one.users.authenticate({ email: 'wali@a.test', password: 'rahasia-123', now: T0 })).toMatchObject({ ok: false, error: { code: 'locked' } });
  });
});

describe('postgres specifics', () => {
  it('refuses to change or delete a published version, or to delete or rewrite an event', async () => {
    const { case: c } = await openCounterCase(one);
    const handle = one.reportHandle;
    if (handle.dialect !== 'postgres') throw new Error('postgres expected');
    const raw = handle.client;
    await expect(raw`UPDATE pathway_versions SET document = '{}' WHERE id = ${w.versionA.id}`).rejects.toThrow(/immutable/);
    await expect(raw`DELETE FROM pathway_versions WHERE id = ${w.versionA.id}`).rejects.toThrow(/immutable/);
    await expect(raw`DELETE FROM case_events WHERE case_id = ${c.id}`).rejects.toThrow(/append-only/);
    await expect(raw`UPDATE case_events SET type = 'x' WHERE case_id = ${c.id}`).rejects.toThrow(/append-only/);
    // Erasure may scrub free text in `data`.
    expect((await raw`UPDATE case_events SET data = '{}' WHERE case_id = ${c.id}`).count).toBe(1);
    expect((await two.pathways.getVersionById(w.versionA.id))?.document).toEqual(w.versionA.document);
  });

  it('an unreachable server is refused with a message naming PostgreSQL and hiding the password', async () => {
    // Whatever listens there (most likely nothing), it is not a database `jalur` may open.
    const closedPort = pg!.port + 1;
    await expect(openDatabase({ url: `postgres://jalur:geheim@127.0.0.1:${closedPort}/nope` })).rejects.toThrow(/PostgreSQL.*\*\*\*/);
    await expect(openDatabase({ url: `postgres://jalur:geheim@127.0.0.1:${closedPort}/nope` })).rejects.not.toThrow(/geheim/);
  });

  it('keeps JSON as written: key order of drafts, published documents and snapshots survives the round trip', async () => {
    const scope = { districtId: w.districtId, schoolId: w.schoolA };
    const doc = { zeta: 1, machine: { states: { tinjau: {}, a: {}, kunjungan_rumah: {} } }, a: [3, 1, 2] };
    const p = await must(one.pathways.create(scope, { key: 'urutan', title: 'Urutan', draft: doc, updatedBy: null, now: T0 }));
    const v = await must(one.pathways.publish(scope, { id: p.id, publishedBy: null, now: T0 }));
    const again = (await two.pathways.get(scope, p.id))!;
    expect(JSON.stringify(again.draft)).toBe(JSON.stringify(doc));
    expect(JSON.stringify((await two.pathways.getVersion(scope, p.id, v.version))!.document)).toBe(JSON.stringify(doc));
    const { case: c } = await openCounterCase(one);
    const snapshot = { z: 1, fired: ['b', 'a'], n: 0 };
    await must(one.cases.advance({ schoolId: w.schoolA, caseId: c.id, actorId: null, now: T0, event: { type: 'x' }, apply: () => ({ ok: true, value: { snapshot, stateValue: ['s'], status: 'active', effects: [] } }) }));
    expect(JSON.stringify((await two.cases.get(w.schoolA, c.id))!.snapshot)).toBe(JSON.stringify(snapshot));
  });

  it('reopening applies no migration twice', async () => {
    const again = await openDatabase({ url: pg!.url });
    const raw = again.reportHandle;
    if (raw.dialect !== 'postgres') throw new Error('postgres expected');
    const applied = await raw.client`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`;
    const journal = JSON.parse(readFileSync(new URL('../../packages/db/migrations-pg/meta/_journal.json', import.meta.url), 'utf8')) as { entries: unknown[] };
    expect(applied[0]?.n).toBe(journal.entries.length);
    expect((await again.districts.list()).length).toBe(1);
    await again.close();
  });
});
