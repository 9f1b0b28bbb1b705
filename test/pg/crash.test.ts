/**
 * Crash safety on PostgreSQL: the real API process takes a burst of
 * concurrent advances over many cases, is killed with SIGKILL in the middle,
 * and restarts on the same database. Every acknowledged (200) advance must be
 * in case_events, no case may be half written (version = its last event), and
 * every stored snapshot must equal the replay of its events through the
 * engine. Cut-off requests retried with their Idempotency-Key apply at most
 * once. (The same test as test/api/crash.test.ts, on the PostgreSQL driver.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replayCase } from '../../apps/api/src/testing/replay.ts';
import { startServerProcess, type ServerProcess } from '../../apps/api/src/testing/server-process.ts';
import { startPgServer } from '../../scripts/pg-server.mjs';
import { populate, type ApiWorld } from './api-world.ts';

const CASES = 100;
const WORKERS_PER_CASE = 2;
const ATTEMPTS_PER_WORKER = 6;
const KILL_AFTER_ACKS = 400;

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

interface Ack {
  caseId: string;
  version: number;
  tag: string;
}

describe('kill -9 during a burst of advances', () => {
  it('keeps every acknowledged advance and leaves no half-written case', async () => {
    const caseIds = w.caseIds;
    const token = w.token;
    const env = { DATABASE_URL: pg!.url };

    const server = await startServerProcess('', env);
    servers.push(server);
    const acks: Ack[] = [];
    let sent = 0;
    let conflicts = 0;
    let lost = 0;
    const cutOff: { caseId: string; tag: string; body: string }[] = [];
    let killed: Promise<void> | null = null;
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };

    async function worker(caseId: string, w: number): Promise<void> {
      let version = 1;
      for (let i = 0; i < ATTEMPTS_PER_WORKER; i++) {
        const tag = `${caseId}/${w}/${i}`;
        sent += 1;
        let res: Response;
        const request = JSON.stringify({ type: 'CATAT', data: { catatan: tag }, expectedVersion: version });
        try {
          res = await fetch(`${server.baseUrl}/api/cases/${caseId}/events`, { method: 'POST', headers: { ...headers, 'idempotency-key': tag }, body: request });
        } catch {
          lost += 1;
          cutOff.push({ caseId, tag, body: request });
          return; // the server is gone: this request was never acknowledged
        }
        const body = (await res.json().catch(() => null)) as { version?: number; error?: { details?: { currentVersion?: number } } } | null;
        if (res.status === 200 && body?.version) {
          acks.push({ caseId, version: body.version, tag });
          version = body.version;
          if (acks.length >= KILL_AFTER_ACKS && !killed) killed = server.kill('SIGKILL');
        } else if (res.status === 409) {
          conflicts += 1;
          version = body?.error?.details?.currentVersion ?? version;
        } else {
          throw new Error(`unexpected ${res.status}: ${JSON.stringify(body)}\n--- server output (tail) ---\n${server.output().slice(-3000)}`);
        }
      }
    }

    await Promise.all(caseIds.flatMap((id) => Array.from({ length: WORKERS_PER_CASE }, (_, w) => worker(id, w))));
    expect(killed, 'the server was killed mid-burst').not.toBeNull();
    await killed;
    console.log(`[pg crash] planned ${CASES * WORKERS_PER_CASE * ATTEMPTS_PER_WORKER}, sent ${sent}, acknowledged ${acks.length}, 409 ${conflicts}, cut off by the kill ${lost}`);
    expect(lost, 'requests were in flight when the server died').toBeGreaterThan(0);
    expect(acks.length).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);

    // Restart on the same database: it opens and serves again.
    const again = await startServerProcess('', env);
    servers.push(again);
    expect((await fetch(`${again.baseUrl}/api/health`)).status).toBe(200);
    // Retry what the kill cut off, with the same keys: committed ones replay their answer, the others apply now or meet a 409.
    const retried = await Promise.all(
      cutOff.map(async (r) => {
        const res = await fetch(`${again.baseUrl}/api/cases/${r.caseId}/events`, { method: 'POST', headers: { ...headers, 'idempotency-key': r.tag }, body: r.body });
        const answer = (await res.json()) as { version?: number };
        return { ...r, status: res.status, version: answer.version, replayed: res.headers.get('idempotent-replayed') === 'true' };
      }),
    );
    console.log(`[pg crash] retried ${retried.length} cut-off requests: ${retried.filter((r) => r.replayed).length} replayed (committed before the kill), ${retried.filter((r) => r.status === 200 && !r.replayed).length} applied now, ${retried.filter((r) => r.status === 409).length} stale (409)`);
    expect(retried.every((r) => r.status === 200 || r.status === 409)).toBe(true);
    const probe = caseIds[0]!;
    const current = (await (await fetch(`${again.baseUrl}/api/cases/${probe}`, { headers })).json()) as { version: number };
    const moved = await fetch(`${again.baseUrl}/api/cases/${probe}/events`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ type: 'CATAT', data: { catatan: 'setelah-restart' }, expectedVersion: current.version }),
    });
    expect(moved.status).toBe(200);
    await again.kill('SIGTERM');

    const db = w.db;
    {
      for (const ack of acks) {
        const events = await db.cases.events(w.schoolId, ack.caseId);
        const event = events.find((e) => e.seq === ack.version);
        expect(event?.data, `acknowledged ${ack.tag} (v${ack.version})`).toEqual({ catatan: ack.tag });
      }
      const tagsSeen = new Map<string, number>();
      for (const id of caseIds) {
        for (const e of await db.cases.events(w.schoolId, id)) {
          const tag = (e.data as { catatan?: string } | null)?.catatan;
          if (tag) tagsSeen.set(tag, (tagsSeen.get(tag) ?? 0) + 1);
        }
      }
      for (const [tag, n] of tagsSeen) if (tag !== 'setelah-restart') expect(n, `${tag} applied ${n} times`).toBe(1);
      for (const r of retried.filter((x) => x.status === 200)) {
        const event = (await db.cases.events(w.schoolId, r.caseId)).find((e) => e.seq === r.version);
        expect(event?.data, `retried ${r.tag}`).toEqual({ catatan: r.tag });
      }
      for (const id of caseIds) {
        const row = (await db.cases.get(w.schoolId, id))!;
        const events = await db.cases.events(w.schoolId, id);
        expect(events.map((e) => e.seq)).toEqual(Array.from({ length: row.version }, (_, i) => i + 1));
        expect(await replayCase(db, row)).toEqual(row.snapshot);
      }
    }
  }, 180_000);
});
