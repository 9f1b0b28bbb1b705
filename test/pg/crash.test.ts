/**
 * Crash safety on PostgreSQL: the same crash drill as test/api/crash.test.ts
 * (apps/api/src/testing/crash-drill.ts), on a real PostgreSQL server.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { runCrashDrill } from '@jalur/api/testing';
import { startServerProcess, type ServerProcess } from '@jalur/api/testing';
import { startPgServer } from '../../scripts/pg-server.mjs';
import { populate, type ApiWorld } from './api-world.ts';

const CASES = 100;

let pg: Awaited<ReturnType<typeof startPgServer>> | undefined;
let w: ApiWorld;
const servers: ServerProcess[] = [];

beforeAll(async () => {
  pg = await startPgServer();
  w = await populate(pg.url, CASES);
});
afterAll(async () => {
  for (const s of servers) await s.kill('SIGKILL');
  await w?.db.close();
  pg?.stop();
});

describe('kill -9 during a burst of advances (PostgreSQL)', () => {
  it('keeps every acknowledged advance and leaves no half-written case', async () => {
    const env = { DATABASE_URL: pg!.url };
    await runCrashDrill(
      {
        label: 'pg',
        schoolId: w.schoolId,
        caseIds: w.caseIds,
        token: w.token,
        start: () => startServerProcess('', env),
        openDb: async () => w.db,
        closeDb: false,
      },
      servers,
    );
  }, 180_000);
});
