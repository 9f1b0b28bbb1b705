/**
 * Durable timers in the real server: a case whose 7-day timer fell due while
 * no server ran is advanced by the scheduler right after start (catch-up),
 * exactly once, through the same unit of work as a user's event.
 */
import { rmSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../packages/db/src/index.ts';
import { replayCase } from '../../packages/cases/src/index.ts';
import { createFixture, fixtureApp, type Fixture } from '@jalur/api/testing';
import { startServerProcess, type ServerProcess } from '@jalur/api/testing';

let f: Fixture | undefined;
const servers: ServerProcess[] = [];

afterAll(async () => {
  for (const s of servers) await s.kill();
  if (f) rmSync(f.dir, { recursive: true, force: true });
});

describe('timers after a restart', () => {
  it('fires the timers that fell due while the server was down, once each', async () => {
    f = await createFixture({ studentsPerSchool: 3 });
    const api = fixtureApp(f);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const opened = await api.call(f.a.users.guru_bk, 'POST', '/api/cases', { studentId: f.a.students[i]!.id, pathwayId: f.a.loop.pathwayId });
      const moved = await api.call(f.a.users.guru_bk, 'POST', `/api/cases/${opened.body.id}/events`, { type: 'SESI_SELESAI', expectedVersion: 1 });
      expect(moved.body.state).toBe('pemantauan');
      ids.push(opened.body.id);
    }
    // The fixture's clock is months behind the wall clock: to the server these 7-day timers are long due.
    const { token } = await f.db.sessions.create({ userId: f.a.users.guru_bk.id, now: new Date() });
    await f.db.close();

    const server = await startServerProcess(f.file, { JALUR_TIMER_INTERVAL_MS: '100' });
    servers.push(server);
    const states = async () =>
      Promise.all(ids.map(async (id) => ((await (await fetch(`${server.baseUrl}/api/cases/${id}`, { headers: { authorization: `Bearer ${token}` } })).json()) as { state: string }).state));
    let seen = await states();
    for (let i = 0; i < 300 && seen.some((s) => s !== 'keputusan'); i++) {
      await sleep(100);
      seen = await states();
    }
    expect(seen).toEqual(['keputusan', 'keputusan', 'keputusan']);
    await server.kill();

    const db = await openDatabase({ url: `file:${f.file}` });
    try {
      for (const id of ids) {
        const events = await db.cases.events(f.a.id, id);
        expect(events.filter((e) => e.type.startsWith('xstate.after.P7D.')).length).toBe(1);
        const row = (await db.cases.get(f.a.id, id))!;
        expect(await replayCase(db, row)).toEqual(row.snapshot);
        expect((await db.timers.listForCase(f.a.id, id)).map((t) => t.status)).toEqual(['fired']);
      }
    } finally {
      await db.close();
    }
  }, 120_000);
});
