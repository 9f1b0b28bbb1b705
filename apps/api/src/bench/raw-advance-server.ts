/**
 * The HTTP benchmark's baseline: a minimal Hono handler doing the raw
 * composite advance — load the row, xstate `transition()`, UPDATE with a
 * version check and INSERT the event, prepared statements, one transaction —
 * with none of the API's auth, validation, tenancy, idempotency or views.
 * Run as its own process on the same database file as the full server:
 * `DATABASE_FILE=… node --import tsx apps/api/src/bench/raw-advance-server.ts`.
 */
import { randomUUID } from 'node:crypto';
import { serve } from '@hono/node-server';
import { exportXState, parsePathway } from '@jalur/engine';
import Database from 'better-sqlite3';
import { Hono } from 'hono';
import { createMachine, transition, type AnyMachineSnapshot } from 'xstate';

const file = process.env.DATABASE_FILE;
if (!file) throw new Error('DATABASE_FILE is required');
const db = new Database(file, { timeout: 5000 });
db.pragma('journal_mode = WAL');
db.pragma(`synchronous = ${process.env.JALUR_SQLITE_SYNC ?? 'FULL'}`);

// Raw xstate runs the exported config with the engine's implementations: the same behaviour, no engine in the loop.
const machines = new Map<string, ReturnType<typeof createMachine>>();
const versionDoc = db.prepare('SELECT document FROM pathway_versions WHERE id = ?');
function machineOf(versionId: string) {
  let m = machines.get(versionId);
  if (!m) {
    const parsed = parsePathway(JSON.parse((versionDoc.get(versionId) as { document: string }).document));
    if (!parsed.ok) throw new Error('stored document does not parse');
    const exported = exportXState(parsed.value);
    m = createMachine(exported.config as never).provide(exported.implementations as never) as unknown as ReturnType<typeof createMachine>;
    machines.set(versionId, m);
  }
  return m;
}

const load = db.prepare('SELECT snapshot, version, state_value AS stateValue, school_id AS schoolId, pathway_version_id AS versionId FROM cases WHERE id = ?');
const update = db.prepare('UPDATE cases SET snapshot = ?, state_value = ?, version = ?, updated_at = ? WHERE id = ? AND version = ?');
const insert = db.prepare(
  'INSERT INTO case_events (id, case_id, school_id, seq, type, data, actor_id, at, state_before, state_after) VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, ?)',
);

type Outcome = { status: 200; version: number; state: string } | { status: 404 | 409 };

const advance = db.transaction((id: string, type: string, data: unknown, expectedVersion: number): Outcome => {
  const row = load.get(id) as { snapshot: string; version: number; stateValue: string; schoolId: string; versionId: string } | undefined;
  if (!row) return { status: 404 };
  if (row.version !== expectedVersion) return { status: 409 };
  const machine = machineOf(row.versionId);
  const before = machine.resolveState(JSON.parse(row.snapshot) as never) as AnyMachineSnapshot;
  const [next] = transition(machine, before, { type, data } as never);
  const state = typeof next.value === 'string' ? next.value : JSON.stringify(next.value);
  const at = Date.now();
  if (update.run(JSON.stringify(machine.getPersistedSnapshot(next)), state, row.version + 1, at, id, row.version).changes !== 1) return { status: 409 };
  insert.run(randomUUID(), id, row.schoolId, row.version + 1, type, data === undefined ? null : JSON.stringify(data), at, row.stateValue, state);
  return { status: 200, version: row.version + 1, state };
});

const app = new Hono().post('/raw/cases/:id/events', async (c) => {
  const body = (await c.req.json()) as { type: string; data?: unknown; expectedVersion: number };
  const id = c.req.param('id');
  const r = advance.immediate(id, body.type, body.data, body.expectedVersion);
  return r.status === 200 ? c.json({ id, version: r.version, state: r.state }) : c.json({ error: { code: String(r.status) } }, r.status);
});

serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => console.log(`JALUR_LISTENING port=${info.port}`));
