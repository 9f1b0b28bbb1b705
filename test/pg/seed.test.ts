/**
 * The demo seed on a real PostgreSQL server, with the real engine and the
 * real templates of workflows/: the same data as on SQLite, every snapshot
 * equal to the replay of its events, and erasure (UU PDP) keeping that true.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type CaseRow, type JalurDb } from '../../packages/db/src/index.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, replayCase, seedDemo, type SeedSummary } from '../../packages/cases/src/index.ts';
import { startPgServer } from '../../scripts/pg-server.mjs';

const workflowsDir = fileURLToPath(new URL('../../workflows', import.meta.url));
const NOW = new Date('2024-10-01T00:00:00.000Z');

let pg: Awaited<ReturnType<typeof startPgServer>> | undefined;
let db: JalurDb;
let summary: SeedSummary;

beforeAll(async () => {
  pg = await startPgServer();
  db = await openDatabase({ url: pg.url });
  summary = await seedDemo(db, { workflowsDir, now: NOW });
});
afterAll(async () => {
  await db?.close();
  pg?.stop();
});

/** The case's events, replayed by the engine from its first event's input, give its stored snapshot. */
async function expectReplays(c: CaseRow) {
  expect(await replayCase(db, c)).toEqual(c.snapshot);
  expect(c.version).toBe((await db.cases.events(c.schoolId, c.id)).length);
}

describe('postgres: the demo seed', () => {
  it('seeds once, and every demo account logs in', async () => {
    expect(summary).toMatchObject({ seeded: true, skipped: [], warnings: [] });
    expect(summary.templates).toContain('srps-standar');
    expect((await seedDemo(db, { workflowsDir, now: NOW })).seeded).toBe(false);
    for (const a of DEMO_ACCOUNTS) expect((await db.users.authenticate({ email: a.email, password: DEMO_PASSWORD, now: NOW })).ok, a.email).toBe(true);
  });

  it('spreads school A cases over the steps, and every snapshot replays from its events', async () => {
    const { A, B } = summary.schools!;
    const cases = await db.cases.list(A, { limit: 1000 });
    expect(new Set(cases.map((c) => c.stateValue)).size).toBeGreaterThanOrEqual(15);
    expect(cases.some((c) => c.status === 'closed' && c.outcome === 'resolved')).toBe(true);
    for (const c of [...cases, ...(await db.cases.list(B))]) await expectReplays(c);
    expect((await db.tasks.list(A, { status: 'open' })).length).toBeGreaterThan(10);
    expect(await db.timers.nextDueAt()).not.toBeNull();
  });

  it('erasure anonymises the student and scrubs free text, and the events still replay to the snapshot', async () => {
    const { A } = summary.schools!;
    const [student] = await db.students.list(A, { search: 'Rizki Ananda' });
    const [c] = await db.cases.list(A, { studentId: student!.id });
    expect(JSON.stringify(await db.cases.events(A, c!.id))).toContain('Sering terlambat');
    const erased = await db.students.erase(A, student!.id, { now: NOW, actorId: null });
    expect(erased).toMatchObject({ ok: true, value: { name: 'Siswa terhapus', guardianName: null, guardianPhone: null, erasedAt: NOW } });
    const events = JSON.stringify(await db.cases.events(A, c!.id));
    const after = (await db.cases.get(A, c!.id))!;
    expect(events).not.toContain('Sering terlambat');
    expect(JSON.stringify(after.snapshot)).not.toContain('Sering terlambat');
    expect(events).toContain('"mainFactor":"motivation"');
    await expectReplays(after);
    expect(await db.audit.list(A, { action: 'student.erase' })).toHaveLength(1);
  });
});
