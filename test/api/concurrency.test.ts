/**
 * Optimistic concurrency across processes: two API processes on one SQLite
 * file, two clients advancing the same case with the same expectedVersion at
 * the same moment. Exactly one wins (200); the other gets 409
 * version_conflict, and the case holds exactly the winner's event.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../packages/db/src/index.ts';
import { replayCase } from '../../packages/cases/src/index.ts';
import { createFixture, fixtureApp, type Fixture } from '@jalur/api/testing';
import { startServerProcess, type ServerProcess } from '@jalur/api/testing';

const CASES = 20;
let f: Fixture;
let one: ServerProcess;
let two: ServerProcess;
let token: string;
const caseIds: string[] = [];

beforeAll(async () => {
  f = await createFixture({ studentsPerSchool: CASES });
  const api = fixtureApp(f);
  for (let i = 0; i < CASES; i++) {
    const res = await api.call(f.a.users.guru_bk, 'POST', '/api/cases', { studentId: f.a.students[i]!.id, pathwayId: f.a.loop.pathwayId });
    caseIds.push(res.body.id);
  }
  token = (await f.db.sessions.create({ userId: f.a.users.guru_bk.id, now: new Date() })).token;
  await f.db.close();
  [one, two] = await Promise.all([startServerProcess(f.file), startServerProcess(f.file)]);
});

afterAll(async () => {
  await Promise.all([one?.kill(), two?.kill()]);
  rmSync(f.dir, { recursive: true, force: true });
});

function advance(server: ServerProcess, caseId: string, tag: string) {
  return fetch(`${server.baseUrl}/api/cases/${caseId}/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'CATAT', data: { catatan: tag }, expectedVersion: 1 }),
  });
}

describe('two clients, one case, the same expectedVersion', () => {
  it('gives exactly one 200 and one 409 for every case, across two server processes', async () => {
    const outcomes = await Promise.all(
      caseIds.map(async (id) => {
        const [a, b] = await Promise.all([advance(one, id, 'satu'), advance(two, id, 'dua')]);
        const bodies = [await a.json(), await b.json()] as { error?: { code: string } }[];
        return { id, statuses: [a.status, b.status].sort(), winner: a.status === 200 ? 'satu' : 'dua', codes: bodies.map((x) => x.error?.code ?? 'ok') };
      }),
    );
    for (const o of outcomes) {
      expect(o.statuses, o.id).toEqual([200, 409]);
      expect(o.codes).toContain('version_conflict');
    }
    const db = await openDatabase({ url: `file:${f.file}` });
    try {
      for (const o of outcomes) {
        const row = (await db.cases.get(f.a.id, o.id))!;
        expect(row.version).toBe(2);
        const events = await db.cases.events(f.a.id, o.id);
        expect(events.map((e) => e.data)).toEqual([expect.anything(), { catatan: o.winner }]);
        expect(await replayCase(db, row)).toEqual(row.snapshot);
      }
    } finally {
      await db.close();
    }
  });
});
