/**
 * Issue 12 over HTTP: the engine is the only gate. Every engine-internal
 * event (`xstate.after.*`, `xstate.done.*`, `xstate.init`…) that any template
 * can produce, sent by every school role to a live case, is a 422 that
 * changes no row; a published pathway whose guarded `always` transitions
 * point at each other is warned about by lint, refused in milliseconds when
 * the guard comes true, and the server keeps answering.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixture, fixtureApp, ROOT, type Fixture, type FixtureApp } from '@jalur/api/testing';
import { listStates, lintPathway, parsePathway, type PathwayDocument } from '../../packages/engine/src/index.ts';

const ROLES = ['guru_bk', 'wali_kelas', 'tim', 'kepsek'] as const;
const templates = readdirSync(join(ROOT, 'workflows'))
  .filter((f) => f.endsWith('.json'))
  .map((file) => JSON.parse(readFileSync(join(ROOT, 'workflows', file), 'utf8')) as PathwayDocument);

/** Every `xstate.*` event type a pathway's machine can produce. */
function engineEvents(doc: PathwayDocument): string[] {
  const id = doc.machine.id;
  const out = new Set(['xstate.init', `xstate.done.state.${id}`]);
  for (const entry of listStates(doc.machine)) {
    const path = [id, ...entry.path].join('.');
    for (const delay of Object.keys(entry.node.after ?? {})) out.add(`xstate.after.${delay}.${path}`);
    if (entry.node.states) out.add(`xstate.done.state.${path}`);
    for (const type of Object.keys(entry.node.on ?? {})) if (type.startsWith('xstate.')) out.add(type);
  }
  return [...out];
}

let f: Fixture;
let api: FixtureApp;

beforeAll(async () => {
  f = await createFixture({ studentsPerSchool: 2 * templates.length });
  api = fixtureApp(f);
});
afterAll(async () => {
  await f?.close();
});

async function publish(doc: unknown): Promise<string> {
  const scope = { districtId: f.districtId, schoolId: f.a.id };
  const d = doc as { key: string; title: { id: string } };
  const created = await f.db.pathways.create(scope, { key: d.key, title: d.title.id, draft: doc as never, updatedBy: f.a.users.kepsek.id, now: f.clock.now() });
  if (!created.ok) throw new Error(created.error.message);
  const published = await f.db.pathways.publish(scope, { id: created.value.id, publishedBy: f.a.users.kepsek.id, now: f.clock.now() });
  if (!published.ok) throw new Error(published.error.message);
  return created.value.id;
}

/** Everything about a case a refused event must leave as it was. */
async function rowsOf(caseId: string) {
  return JSON.stringify({
    row: await f.db.cases.get(f.a.id, caseId),
    events: await f.db.cases.events(f.a.id, caseId),
    tasks: await f.db.tasks.list(f.a.id, { caseId }),
    timers: await f.db.timers.listForCase(f.a.id, caseId),
  });
}

describe.each(templates.map((doc, i) => ({ doc, i, key: doc.key })))('template $key', ({ doc, i }) => {
  it('refuses every xstate.* event from every role with 422 and changes no row', async () => {
    const pathwayId = await publish({ ...doc, key: `${doc.key}-gate` });
    // A student of class X-1 (the wali kelas's class), so every role can reach the case.
    const student = f.a.students[2 * i]!;
    const opened = await api.call(f.a.users.guru_bk, 'POST', '/api/cases', { studentId: student.id, pathwayId });
    expect(opened.status).toBe(201);
    // The tim member is assigned the current step's task: the case is theirs to reach, that step only.
    const [task] = await f.db.tasks.list(f.a.id, { caseId: opened.body.id, status: 'open' });
    if (task) expect((await api.call(f.a.users.guru_bk, 'POST', `/api/tasks/${task.id}/assign`, { assigneeId: f.a.users.tim.id })).status).toBe(200);
    const before = await rowsOf(opened.body.id);
    const version = (await f.db.cases.get(f.a.id, opened.body.id))!.version;
    const types = engineEvents(doc);
    expect(types.length).toBeGreaterThan(2);
    for (const role of ROLES) {
      for (const type of types) {
        const r = await api.call(f.a.users[role], 'POST', `/api/cases/${opened.body.id}/events`, { type, expectedVersion: version });
        expect({ role, type, status: r.status }).toEqual({ role, type, status: 422 });
        expect(r.body.error.code).toBe('event_not_allowed');
        expect(r.body.error.details.reason).toBe('reserved_event');
      }
    }
    expect(await rowsOf(opened.body.id)).toBe(before);
  });
});

describe('a guarded always loop', () => {
  const guard = { type: 'check', params: { field: 'form.putar', op: 'eq', value: true } };
  const looping = {
    format: 'jalur.pathway/1',
    key: 'putar-terus',
    title: { id: 'Jalur berputar', en: 'Looping pathway' },
    machine: {
      id: 'putar-terus',
      initial: 'mulai',
      states: {
        mulai: {
          meta: { kind: 'assessment', title: { id: 'Mulai', en: 'Start' }, roles: ['guru_bk'], form: [{ name: 'putar', type: 'boolean', label: { id: 'Putar?' } }] },
          on: { LANJUT: 'kiri' },
        },
        kiri: { meta: { kind: 'decision', title: { id: 'Kiri', en: 'Left' } }, always: [{ target: 'kanan', guard }, { target: 'selesai' }] },
        kanan: { meta: { kind: 'decision', title: { id: 'Kanan', en: 'Right' } }, always: [{ target: 'kiri', guard }, { target: 'selesai' }] },
        selesai: { type: 'final', meta: { kind: 'closure', title: { id: 'Selesai', en: 'Closed' } } },
      },
    },
    layout: {},
  };
  let server: ServerType;
  let base: string;
  beforeAll(async () => {
    server = serve({ fetch: api.app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('is warned about by lint, refused quickly with 422 over HTTP, and the server stays up', async () => {
    const parsed = parsePathway(looping);
    expect(parsed.ok).toBe(true);
    const diagnostics = lintPathway((parsed as { ok: true; value: PathwayDocument }).value);
    expect(diagnostics.filter((d) => d.code === 'JALUR017').map((d) => d.severity)).toEqual(['warning', 'warning']);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const pathwayId = await publish(looping);
    const token = await api.tokenFor(f.a.users.guru_bk);
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const opened = await fetch(`${base}/api/cases`, { method: 'POST', headers, body: JSON.stringify({ studentId: f.a.students[1]!.id, pathwayId }) });
    expect(opened.status).toBe(201);
    const k = (await opened.json()) as { id: string; version: number };
    const before = await rowsOf(k.id);
    const started = performance.now();
    const refused = await fetch(`${base}/api/cases/${k.id}/events`, { method: 'POST', headers, body: JSON.stringify({ type: 'LANJUT', expectedVersion: k.version, data: { putar: true } }) });
    const took = performance.now() - started;
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { error: { details: { reason: string } } }).error.details.reason).toBe('loop_limit');
    expect(took).toBeLessThan(1_000); // not a speed assertion: a loop never returns, or returns after seconds of work
    expect(await rowsOf(k.id)).toBe(before);
    const health = await fetch(`${base}/api/health`);
    expect(health.status).toBe(200);
    // The guard false: the same case moves on to its end.
    const fine = await fetch(`${base}/api/cases/${k.id}/events`, { method: 'POST', headers, body: JSON.stringify({ type: 'LANJUT', expectedVersion: k.version, data: { putar: false } }) });
    expect(fine.status).toBe(200);
    expect(((await fine.json()) as { status: string }).status).toBe('closed');
  });
});
