/**
 * Crash safety on SQLite: the crash drill (apps/api/src/testing/crash-drill.ts)
 * against a real server process on a real database file — `kill -9` during a
 * burst of advances loses no acknowledged event and leaves no half case.
 */
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../packages/db/src/index.ts';
import { createFixture, fixtureApp, type Fixture } from '@jalur/api/testing';
import { runCrashDrill } from '@jalur/api/testing';
import { startServerProcess, type ServerProcess } from '@jalur/api/testing';

const CASES = 100;

let f: Fixture | undefined;
const servers: ServerProcess[] = [];

afterAll(async () => {
  for (const s of servers) await s.kill('SIGKILL');
  if (f) rmSync(f.dir, { recursive: true, force: true });
});

describe('kill -9 during a burst of advances (SQLite)', () => {
  it('keeps every acknowledged advance and leaves no half-written case', async () => {
    const fixture = (f = await createFixture({ studentsPerSchool: CASES }));
    const api = fixtureApp(fixture);
    const caseIds: string[] = [];
    for (let i = 0; i < CASES; i++) {
      const res = await api.call(fixture.a.users.guru_bk, 'POST', '/api/cases', { studentId: fixture.a.students[i]!.id, pathwayId: fixture.a.loop.pathwayId });
      expect(res.status).toBe(201);
      caseIds.push(res.body.id);
    }
    // The server runs on the wall clock: its session must be made on it too.
    const { token } = await fixture.db.sessions.create({ userId: fixture.a.users.guru_bk.id, now: new Date() });
    await fixture.db.close();
    await runCrashDrill(
      {
        label: 'sqlite',
        schoolId: fixture.a.id,
        caseIds,
        token,
        start: () => startServerProcess(fixture.file),
        openDb: () => openDatabase({ url: `file:${fixture.file}` }),
        closeDb: true,
      },
      servers,
    );
  }, 180_000);
});
