/**
 * Two real API processes (apps/api/src/main.ts) on one real PostgreSQL
 * database, as behind a load balancer: a session made on one works on the
 * other and a logout on either ends it; two clients advancing one case with
 * the same expectedVersion through different processes get one 200 and one
 * 409; both schedulers running, every due timer fires exactly once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from '@jalur/api/testing';
import { startPgServer } from '../../scripts/pg-server.mjs';
import { BK_EMAIL, BK_PASSWORD, populate, type ApiWorld } from './api-world.ts';

let pg: Awaited<ReturnType<typeof startPgServer>> | undefined;
let w: ApiWorld;
let one: ServerProcess;
let two: ServerProcess;

beforeAll(async () => {
  pg = await startPgServer();
  w = await populate(pg.url, 20);
  const env = { DATABASE_URL: pg.url, JALUR_TIMER_INTERVAL_MS: '100' };
  [one, two] = await Promise.all([startServerProcess('', env), startServerProcess('', env)]);
});
afterAll(async () => {
  await Promise.all([one?.kill(), two?.kill()]);
  await w?.db.close();
  pg?.stop();
});

const call = (server: ServerProcess, method: string, path: string, token: string | null, body?: unknown) =>
  fetch(`${server.baseUrl}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });

describe('postgres: two API processes behind a load balancer', () => {
  it('both report postgres', async () => {
    for (const s of [one, two]) expect(await (await call(s, 'GET', '/api/health', null)).json()).toMatchObject({ ok: true, db: 'postgres' });
  });

  it('a session made on one process works on the other; logout on either ends it everywhere', async () => {
    const login = await call(one, 'POST', '/api/auth/login', null, { email: BK_EMAIL, password: BK_PASSWORD });
    expect(login.status).toBe(200);
    const { token } = (await login.json()) as { token: string };
    expect((await call(two, 'GET', '/api/auth/me', token)).status).toBe(200);
    expect((await call(two, 'POST', '/api/auth/logout', token)).status).toBeLessThan(300);
    expect((await call(one, 'GET', '/api/auth/me', token)).status).toBe(401);
  });

  it('two clients, one case, the same expectedVersion, two processes: one 200 and one 409 per case', async () => {
    const outcomes = await Promise.all(
      w.caseIds.map(async (id) => {
        const body = (tag: string) => ({ type: 'CATAT', data: { catatan: tag }, expectedVersion: 1 });
        const [a, b] = await Promise.all([call(one, 'POST', `/api/cases/${id}/events`, w.token, body('satu')), call(two, 'POST', `/api/cases/${id}/events`, w.token, body('dua'))]);
        const codes = [(await a.json()) as { error?: { code: string } }, (await b.json()) as { error?: { code: string } }].map((x) => x.error?.code ?? 'ok');
        return { id, statuses: [a.status, b.status].sort(), codes };
      }),
    );
    for (const o of outcomes) {
      expect(o.statuses, o.id).toEqual([200, 409]);
      expect(o.codes).toContain('version_conflict');
      expect((await w.db.cases.events(w.schoolId, o.id)).map((e) => e.seq)).toEqual([1, 2]);
    }
  });

  it('with both schedulers running, every due timer fires exactly once', async () => {
    // Into monitoring: the pathway arms a 7-day timer per case …
    for (const id of w.caseIds) {
      const res = await call(one, 'POST', `/api/cases/${id}/events`, w.token, { type: 'SESI_SELESAI', expectedVersion: 2 });
      expect(res.status).toBe(200);
    }
    const handle = w.db.reportHandle;
    if (handle.dialect !== 'postgres') throw new Error('postgres expected');
    // … which falls due now (as if seven days had passed).
    const moved = await handle.client`UPDATE timers SET due_at = now() - interval '1 second' WHERE status = 'pending' RETURNING id`;
    expect(moved.length).toBe(w.caseIds.length);
    const deadline = Date.now() + 30_000;
    while ((await w.db.timers.nextDueAt()) !== null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(await w.db.timers.nextDueAt()).toBeNull();
    const claimers = new Set<string>();
    for (const id of w.caseIds) {
      const events = await w.db.cases.events(w.schoolId, id);
      expect(events.filter((e) => e.type.startsWith('xstate.after.')), id).toHaveLength(1);
      expect((await w.db.cases.get(w.schoolId, id))?.stateValue).toBe('keputusan');
      const timers = await w.db.timers.listForCase(w.schoolId, id);
      expect(timers.map((t) => t.status)).toEqual(['fired']);
      claimers.add(timers[0]!.claimedBy!);
    }
    // Informative, not asserted (timing decides who wins a claim): how many schedulers took part.
    console.log(`[api-processes] timers fired by ${claimers.size} scheduler(s)`);
  });
});
