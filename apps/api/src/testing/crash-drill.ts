/**
 * The crash drill both database drivers must pass: a real API process takes a
 * burst of concurrent advances over many cases, is killed with SIGKILL in the
 * middle, and restarts on the same database. Every acknowledged (200) advance
 * must be in case_events, no case may be half written (events numbered 1 to
 * its version), and every stored snapshot must equal the replay of its events.
 * Requests carry an Idempotency-Key: retrying the ones the kill cut off, after
 * the restart, applies each at most once.
 */
import { expect } from 'vitest';
import { type JalurDb } from '@jalur/db';
import { replayCase } from '@jalur/cases';
import type { ServerProcess } from './server-process.ts';

export interface CrashDrill {
  /** Shown in the log lines (`sqlite`, `pg`). */
  label: string;
  schoolId: string;
  caseIds: readonly string[];
  /** A guru BK's session token, made on the wall clock. */
  token: string;
  /** Starts an API process on the drill's database (called twice: before and after the kill). */
  start(): Promise<ServerProcess>;
  /** Opens the database for the checks once the last process is stopped. */
  openDb(): Promise<JalurDb>;
  /** Whether to close that database after the checks (false when the caller owns it). */
  closeDb: boolean;
  workersPerCase?: number;
  attemptsPerWorker?: number;
  killAfterAcks?: number;
}

interface Ack {
  caseId: string;
  version: number;
  tag: string;
}

/** Runs the drill and asserts its outcome; processes it started are returned for clean-up. */
export async function runCrashDrill(d: CrashDrill, servers: ServerProcess[]): Promise<void> {
  const workersPerCase = d.workersPerCase ?? 2;
  const attempts = d.attemptsPerWorker ?? 6;
  const killAfter = d.killAfterAcks ?? 400;
  const server = await d.start();
  servers.push(server);
  const acks: Ack[] = [];
  let sent = 0;
  let conflicts = 0;
  const cutOff: { caseId: string; tag: string; body: string }[] = [];
  let killed: Promise<void> | null = null;
  const headers = { authorization: `Bearer ${d.token}`, 'content-type': 'application/json' };

  async function worker(caseId: string, w: number): Promise<void> {
    let version = 1;
    for (let i = 0; i < attempts; i++) {
      const tag = `${caseId}/${w}/${i}`;
      sent += 1;
      const request = JSON.stringify({ type: 'CATAT', data: { catatan: tag }, expectedVersion: version });
      let res: Response;
      try {
        res = await fetch(`${server.baseUrl}/api/cases/${caseId}/events`, { method: 'POST', headers: { ...headers, 'idempotency-key': tag }, body: request });
      } catch {
        cutOff.push({ caseId, tag, body: request });
        return; // the server is gone: this request was never acknowledged
      }
      const body = (await res.json().catch(() => null)) as { version?: number; error?: { details?: { currentVersion?: number } } } | null;
      if (res.status === 200 && body?.version) {
        acks.push({ caseId, version: body.version, tag });
        version = body.version;
        if (acks.length >= killAfter && !killed) killed = server.kill('SIGKILL');
      } else if (res.status === 409) {
        conflicts += 1;
        version = body?.error?.details?.currentVersion ?? version;
      } else {
        throw new Error(`unexpected ${res.status}: ${JSON.stringify(body)}\n--- server output (tail) ---\n${server.output().slice(-4000)}`);
      }
    }
  }

  await Promise.all(d.caseIds.flatMap((id) => Array.from({ length: workersPerCase }, (_, w) => worker(id, w))));
  expect(killed, 'the server was killed mid-burst').not.toBeNull();
  await killed;
  console.log(`[${d.label} crash] planned ${d.caseIds.length * workersPerCase * attempts}, sent ${sent}, acknowledged ${acks.length}, 409 ${conflicts}, cut off by the kill ${cutOff.length}`);
  expect(cutOff.length, 'requests were in flight when the server died').toBeGreaterThan(0);
  expect(acks.length).toBeGreaterThanOrEqual(killAfter);

  // Restart on the same database: it opens (recovering SQLite's WAL) and serves again.
  const again = await d.start();
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
  console.log(`[${d.label} crash] retried ${retried.length} cut-off requests: ${retried.filter((r) => r.replayed).length} replayed (committed before the kill), ${retried.filter((r) => r.status === 200 && !r.replayed).length} applied now, ${retried.filter((r) => r.status === 409).length} stale (409)`);
  expect(retried.every((r) => r.status === 200 || r.status === 409)).toBe(true);
  const probe = d.caseIds[0]!;
  const current = (await (await fetch(`${again.baseUrl}/api/cases/${probe}`, { headers })).json()) as { version: number };
  const moved = await fetch(`${again.baseUrl}/api/cases/${probe}/events`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ type: 'CATAT', data: { catatan: 'setelah-restart' }, expectedVersion: current.version }),
  });
  expect(moved.status).toBe(200);
  await again.kill('SIGTERM');

  const db = await d.openDb();
  try {
    for (const ack of acks) {
      const event = (await db.cases.events(d.schoolId, ack.caseId)).find((e) => e.seq === ack.version);
      expect(event?.data, `acknowledged ${ack.tag} (v${ack.version})`).toEqual({ catatan: ack.tag });
    }
    const tagsSeen = new Map<string, number>();
    for (const id of d.caseIds) {
      for (const e of await db.cases.events(d.schoolId, id)) {
        const tag = (e.data as { catatan?: string } | null)?.catatan;
        if (tag) tagsSeen.set(tag, (tagsSeen.get(tag) ?? 0) + 1);
      }
    }
    for (const [tag, n] of tagsSeen) if (tag !== 'setelah-restart') expect(n, `${tag} applied ${n} times`).toBe(1);
    for (const r of retried.filter((x) => x.status === 200)) {
      const event = (await db.cases.events(d.schoolId, r.caseId)).find((e) => e.seq === r.version);
      expect(event?.data, `retried ${r.tag}`).toEqual({ catatan: r.tag });
    }
    for (const id of d.caseIds) {
      const row = (await db.cases.get(d.schoolId, id))!;
      const events = await db.cases.events(d.schoolId, id);
      expect(events.map((e) => e.seq)).toEqual(Array.from({ length: row.version }, (_, i) => i + 1));
      expect(await replayCase(db, row)).toEqual(row.snapshot);
    }
  } finally {
    if (d.closeDb) await db.close();
  }
}
