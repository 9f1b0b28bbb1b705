import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixture, fixtureApp, type Fixture, type FixtureApp } from '../testing/fixture.ts';

let f: Fixture;
let api: FixtureApp;

beforeAll(async () => {
  f = await createFixture();
  api = fixtureApp(f);
});
afterAll(() => f.close());

async function openCase(studentIndex = 0, extra: Record<string, unknown> = {}) {
  const res = await api.call(f.a.users.guru_bk, 'POST', '/api/cases', { studentId: f.a.students[studentIndex]!.id, pathwayId: f.a.loop.pathwayId, riskFactors: ['motivation'], ...extra });
  expect(res.status).toBe(201);
  return res.body;
}

async function caseRowCount() {
  return (await f.db.cases.list(f.a.id, { limit: 10_000 })).length;
}

describe('POST /api/cases', () => {
  it('opens a case on the latest published version with the first step and the caller’s actions', async () => {
    const body = await openCase();
    expect(body).toMatchObject({
      version: 1,
      status: 'active',
      state: 'konseling',
      stateValue: ['konseling'],
      step: { stateId: 'konseling', meta: { kind: 'counseling_individual' } },
      riskFactors: ['motivation'],
      pathwayKey: 'uji-loop',
      pathwayVersion: 1,
      assignee: { id: f.a.users.guru_bk.id, name: f.a.users.guru_bk.name },
      student: { id: f.a.students[0]!.id },
    });
    expect(body.availableEvents.map((e: { type: string }) => e.type).sort()).toEqual(['CATAT', 'SESI_SELESAI']);
    const events = await api.call(f.a.users.guru_bk, 'GET', `/api/cases/${body.id}/events`);
    expect(events.body.items).toHaveLength(1);
  });

  it('answers 400 for a malformed body and changes nothing', async () => {
    const before = await caseRowCount();
    const res = await api.call(f.a.users.guru_bk, 'POST', '/api/cases', { studentId: 42, pathwayId: f.a.loop.pathwayId });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_request');
    expect(res.body.error.details[0].path).toEqual(['studentId']);
    expect(await caseRowCount()).toBe(before);
  });

  it('answers 401 without a session, 403 for wali kelas and the district admin', async () => {
    const body = { studentId: f.a.students[0]!.id, pathwayId: f.a.loop.pathwayId };
    expect((await api.call(null, 'POST', '/api/cases', body)).status).toBe(401);
    expect((await api.call(f.a.users.wali_kelas, 'POST', '/api/cases', body)).status).toBe(403);
    expect((await api.call(f.dinas, 'POST', '/api/cases', body)).status).toBe(403);
  });

  it('answers 404 for another school’s student or pathway', async () => {
    const other = await api.call(f.a.users.guru_bk, 'POST', '/api/cases', { studentId: f.b.students[0]!.id, pathwayId: f.a.loop.pathwayId });
    expect(other.status).toBe(404);
    const otherPathway = await api.call(f.a.users.guru_bk, 'POST', '/api/cases', { studentId: f.a.students[0]!.id, pathwayId: f.b.loop.pathwayId });
    expect(otherPathway.status).toBe(404);
  });

  it('answers 422 for an assignee of another school', async () => {
    const res = await api.call(f.a.users.kepsek, 'POST', '/api/cases', { studentId: f.a.students[0]!.id, pathwayId: f.a.loop.pathwayId, assigneeId: f.b.users.guru_bk.id });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('invalid_reference');
  });

  it('replays the first answer for a retry with the same Idempotency-Key', async () => {
    const before = await caseRowCount();
    const body = { studentId: f.a.students[1]!.id, pathwayId: f.a.loop.pathwayId };
    const first = await api.call(f.a.users.guru_bk, 'POST', '/api/cases', body, { 'idempotency-key': 'buka-1' });
    const again = await api.call(f.a.users.guru_bk, 'POST', '/api/cases', body, { 'idempotency-key': 'buka-1' });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(await caseRowCount()).toBe(before + 1);
  });
});

describe('POST /api/cases/:id/events', () => {
  it('advances the case and records the event', async () => {
    const c = await openCase();
    const res = await api.call(f.a.users.guru_bk, 'POST', `/api/cases/${c.id}/events`, { type: 'SESI_SELESAI', data: { catatan: 'baik' }, expectedVersion: 1 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ version: 2, state: 'pemantauan', form: { catatan: 'baik' } });
    expect(res.body.availableEvents.map((e: { type: string }) => e.type)).toEqual(['CEK', 'EVALUASI']);
    const events = await f.db.cases.events(f.a.id, c.id);
    expect(events.map((e) => e.type)).toEqual(['case.opened', 'SESI_SELESAI']);
  });

  it('closes with the outcome the closing event gives (as the seed and the contract say)', async () => {
    const c = await openCase();
    let version = 1;
    for (const [type, data] of [['SESI_SELESAI'], ['EVALUASI'], ['TUTUP', { outcome: 'transferred' }]] as const) {
      const res = await api.call(f.a.users.guru_bk, 'POST', `/api/cases/${c.id}/events`, { type, expectedVersion: version, ...(data ? { data } : {}) });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      version = res.body.version;
    }
    expect(await f.db.cases.get(f.a.id, c.id)).toMatchObject({ status: 'closed', outcome: 'transferred' });
  });

  it('answers 409 version_conflict for a stale expectedVersion and changes nothing', async () => {
    const c = await openCase();
    await api.call(f.a.users.guru_bk, 'POST', `/api/cases/${c.id}/events`, { type: 'CATAT', expectedVersion: 1 });
    const stale = await api.call(f.a.users.guru_bk, 'POST', `/api/cases/${c.id}/events`, { type: 'SESI_SELESAI', expectedVersion: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'version_conflict', details: { currentVersion: 2 } });
    expect((await f.db.cases.get(f.a.id, c.id))!.stateValue).toBe('konseling');
  });

  it('answers 422 event_not_allowed with the allowed events, for the state and for the role', async () => {
    const c = await openCase();
    const wrongState = await api.call(f.a.users.guru_bk, 'POST', `/api/cases/${c.id}/events`, { type: 'TUTUP', expectedVersion: 1 });
    expect(wrongState.status).toBe(422);
    expect(wrongState.body.error.code).toBe('event_not_allowed');
    expect(wrongState.body.error.details).toMatchObject({ reason: 'event_not_accepted', allowed: ['CATAT', 'SESI_SELESAI'] });
    const wrongRole = await api.call(f.a.users.kepsek, 'POST', `/api/cases/${c.id}/events`, { type: 'CATAT', expectedVersion: 1 });
    expect(wrongRole.status).toBe(422);
    expect(wrongRole.body.error.details.reason).toBe('role_not_allowed');
    expect((await f.db.cases.get(f.a.id, c.id))!.version).toBe(1);
  });

  it('gives English messages for Accept-Language: en', async () => {
    const c = await openCase();
    const res = await api.call(f.a.users.guru_bk, 'POST', `/api/cases/${c.id}/events`, { type: 'TUTUP', expectedVersion: 1 }, { 'accept-language': 'en-US,en;q=0.9' });
    expect(res.body.error.message).toMatch(/does not accept/);
  });

  it('returns the first answer for a retried Idempotency-Key and changes nothing more', async () => {
    const c = await openCase();
    const body = { type: 'CATAT', data: { catatan: 'sekali' }, expectedVersion: 1 };
    const first = await api.call(f.a.users.guru_bk, 'POST', `/api/cases/${c.id}/events`, body, { 'idempotency-key': 'k-1' });
    const retry = await api.call(f.a.users.guru_bk, 'POST', `/api/cases/${c.id}/events`, body, { 'idempotency-key': 'k-1' });
    expect(first.status).toBe(200);
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(first.body);
    expect((await f.db.cases.events(f.a.id, c.id)).length).toBe(2);
    const reused = await api.call(f.a.users.guru_bk, 'POST', `/api/cases/${c.id}/events`, { ...body, data: { catatan: 'lain' } }, { 'idempotency-key': 'k-1' });
    expect(reused.status).toBe(422);
    expect(reused.body.error.code).toBe('idempotency_mismatch');
  });

  it('answers 400 for malformed bodies: bad JSON, wrong content type, missing fields, a bad key', async () => {
    const c = await openCase();
    const path = `/api/cases/${c.id}/events`;
    const badJson = await api.call(f.a.users.guru_bk, 'POST', path, '{"type": "CATAT",', { 'content-type': 'application/json' });
    expect(badJson.status).toBe(400);
    expect(badJson.body.error.code).toBe('invalid_request');
    const wrongType = await api.call(f.a.users.guru_bk, 'POST', path, 'type=CATAT', { 'content-type': 'text/plain' });
    expect(wrongType.status).toBe(400);
    const missing = await api.call(f.a.users.guru_bk, 'POST', path, { type: 'CATAT' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details.some((d: { path: string[] }) => d.path[0] === 'expectedVersion')).toBe(true);
    const huge = await api.call(f.a.users.guru_bk, 'POST', path, { type: 'CATAT', data: { catatan: 'x'.repeat(70_000) }, expectedVersion: 1 });
    expect(huge.status).toBe(400);
    const badKey = await api.call(f.a.users.guru_bk, 'POST', path, { type: 'CATAT', expectedVersion: 1 }, { 'idempotency-key': 'x'.repeat(300) });
    expect(badKey.status).toBe(400);
    expect((await f.db.cases.get(f.a.id, c.id))!.version).toBe(1);
  });

  it('answers 404 for another school’s case and for an unknown id', async () => {
    const c = await openCase();
    const res = await api.call(f.b.users.guru_bk, 'POST', `/api/cases/${c.id}/events`, { type: 'CATAT', expectedVersion: 1 });
    expect(res.status).toBe(404);
    expect((await api.call(f.a.users.guru_bk, 'POST', '/api/cases/tidak-ada/events', { type: 'CATAT', expectedVersion: 1 })).status).toBe(404);
  });

  it('lists for a tim member the cases assigned to them and those where one step is', async () => {
    const viaStep = await openCase(3);
    const untouched = await openCase(3);
    const [task] = await f.db.tasks.list(f.a.id, { caseId: viaStep.id, status: 'open' });
    expect((await f.db.tasks.assign(f.a.id, task!.id, f.a.users.tim.id)).ok).toBe(true);
    const list = await api.call(f.a.users.tim, 'GET', '/api/cases?status=active');
    const ids = list.body.items.map((x: { id: string }) => x.id);
    expect(ids).toContain(viaStep.id);
    expect(ids).not.toContain(untouched.id);
    expect((await api.call(f.a.users.tim, 'GET', `/api/cases/${viaStep.id}`)).status).toBe(200);
    expect((await api.call(f.a.users.tim, 'GET', `/api/cases/${untouched.id}`)).status).toBe(404);
    expect((await api.call(f.a.users.tim, 'GET', '/api/cases?status=closed')).body.items.map((x: { id: string }) => x.id)).not.toContain(viaStep.id);
  });

  it('lets a tim member act only on cases assigned to them', async () => {
    const notTheirs = await openCase();
    const denied = await api.call(f.a.users.tim, 'POST', `/api/cases/${notTheirs.id}/events`, { type: 'CATAT', expectedVersion: 1 });
    expect(denied.status).toBe(404);
    const theirs = await openCase(2, { assigneeId: f.a.users.tim.id });
    const ok = await api.call(f.a.users.tim, 'POST', `/api/cases/${theirs.id}/events`, { type: 'CATAT', expectedVersion: 1 });
    expect(ok.status).toBe(200);
  });
});

describe('GET /api/cases and /api/cases/:id', () => {
  it('filters by state, status, assignee and risk factor', async () => {
    const c = await openCase(4, { riskFactors: ['economic'] });
    const byFactor = await api.call(f.a.users.kepsek, 'GET', '/api/cases?riskFactor=economic');
    expect(byFactor.status).toBe(200);
    expect(byFactor.body.items.map((x: { id: string }) => x.id)).toContain(c.id);
    expect(byFactor.body.items.every((x: { riskFactors: string[] }) => x.riskFactors.includes('economic'))).toBe(true);
    const byState = await api.call(f.a.users.kepsek, 'GET', '/api/cases?state=pemantauan&status=active');
    expect(byState.body.items.every((x: { state: string }) => x.state === 'pemantauan')).toBe(true);
    const mine = await api.call(f.a.users.guru_bk, 'GET', '/api/cases?assignee=me');
    expect(mine.body.items.length).toBeGreaterThan(0);
    expect(mine.body.items.every((x: { assignee: { id: string } }) => x.assignee.id === f.a.users.guru_bk.id)).toBe(true);
  });

  it('lists overdue cases once a step’s due date has passed', async () => {
    const c = await openCase();
    const before = await api.call(f.a.users.kepsek, 'GET', '/api/cases?overdue=true');
    expect(before.body.items.map((x: { id: string }) => x.id)).not.toContain(c.id);
    f.clock.advance(6 * 86_400_000);
    const after = await api.call(f.a.users.kepsek, 'GET', '/api/cases?overdue=true');
    expect(after.body.items.map((x: { id: string }) => x.id)).toContain(c.id);
  });

  it('shows a wali kelas only the cases of their class, without form data', async () => {
    const own = await openCase(0);
    const other = await openCase(1);
    const list = await api.call(f.a.users.wali_kelas, 'GET', '/api/cases');
    const ids = list.body.items.map((x: { id: string }) => x.id);
    expect(ids).toContain(own.id);
    expect(ids).not.toContain(other.id);
    expect(list.body.items.every((x: { form?: unknown }) => x.form === undefined)).toBe(true);
    expect((await api.call(f.a.users.wali_kelas, 'GET', `/api/cases/${other.id}`)).status).toBe(404);
    expect((await api.call(f.a.users.wali_kelas, 'POST', `/api/cases/${other.id}/events`, { type: 'CEK', expectedVersion: 1 })).status).toBe(404);
    const visible = await api.call(f.a.users.wali_kelas, 'GET', `/api/cases/${own.id}`);
    expect(visible.status).toBe(200);
    expect(visible.body.availableEvents).toEqual([]);
    expect(visible.body.form).toEqual({});
  });

  it('answers 404 for another school’s case, 403 for the district admin, 400 for a bad filter', async () => {
    const c = await openCase();
    expect((await api.call(f.b.users.kepsek, 'GET', `/api/cases/${c.id}`)).status).toBe(404);
    expect((await api.call(f.b.users.kepsek, 'GET', `/api/cases/${c.id}/events`)).status).toBe(404);
    expect((await api.call(f.dinas, 'GET', `/api/cases/${c.id}`)).status).toBe(403);
    expect((await api.call(f.dinas, 'GET', '/api/cases')).status).toBe(403);
    expect((await api.call(f.a.users.kepsek, 'GET', '/api/cases?status=lost')).status).toBe(400);
    const list = await api.call(f.b.users.kepsek, 'GET', '/api/cases');
    expect(list.body.items.map((x: { id: string }) => x.id)).not.toContain(c.id);
  });

  it('shows rahasia step data only to the case’s guru BK, and audits each such read', async () => {
    const c = await openCase();
    await api.call(f.a.users.guru_bk, 'POST', `/api/cases/${c.id}/events`, { type: 'CATAT', data: { catatan: 'rahasia' }, expectedVersion: 1 });
    const audits = () => f.db.audit.list(f.a.id, { action: 'case.read_confidential', subject: `case:${c.id}` });
    const byKepsek = await api.call(f.a.users.kepsek, 'GET', `/api/cases/${c.id}/events`);
    expect(byKepsek.status).toBe(200);
    expect(byKepsek.body.items[1]).toMatchObject({ type: 'CATAT', data: null, seq: 2 });
    expect((await api.call(f.a.users.kepsek, 'GET', `/api/cases/${c.id}`)).body.form).toEqual({});
    expect(await audits()).toHaveLength(0);
    const byCounselor = await api.call(f.a.users.guru_bk, 'GET', `/api/cases/${c.id}/events`);
    expect(byCounselor.body.items[1]).toMatchObject({ type: 'CATAT', data: { catatan: 'rahasia' } });
    expect((await api.call(f.a.users.guru_bk, 'GET', `/api/cases/${c.id}`)).body.form).toEqual({ catatan: 'rahasia' });
    const rows = await audits();
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.actorId === f.a.users.guru_bk.id)).toBe(true);
  });

  it('shows umum step data to a wali kelas of the class', async () => {
    const c = await openCase(0);
    await api.call(f.a.users.guru_bk, 'POST', `/api/cases/${c.id}/events`, { type: 'SESI_SELESAI', expectedVersion: 1 });
    const cek = await api.call(f.a.users.wali_kelas, 'POST', `/api/cases/${c.id}/events`, { type: 'CEK', data: { hadir: true }, expectedVersion: 2 });
    expect(cek.status).toBe(200);
    expect(cek.body.form).toEqual({ hadir: true });
    const timeline = await api.call(f.a.users.wali_kelas, 'GET', `/api/cases/${c.id}/events`);
    expect(timeline.body.items.at(-1)).toMatchObject({ type: 'CEK', data: { hadir: true } });
  });
});

describe('GET /api/cases/board and PUT /api/cases/:id/assignee', () => {
  it('counts active cases per step for the school, and per class for a wali kelas', async () => {
    const first = await api.call(f.a.users.kepsek, 'GET', '/api/cases/board');
    expect(first.status).toBe(200);
    const before = new Map<string, number>(first.body.columns.map((col: { stateId: string; count: number }) => [col.stateId, col.count]));
    const c = await openCase(0);
    await api.call(f.a.users.guru_bk, 'POST', `/api/cases/${c.id}/events`, { type: 'SESI_SELESAI', expectedVersion: 1 });
    const after = await api.call(f.a.users.kepsek, 'GET', '/api/cases/board');
    const counts = new Map<string, number>(after.body.columns.map((col: { stateId: string; count: number }) => [col.stateId, col.count]));
    expect(counts.get('pemantauan')).toBe((before.get('pemantauan') ?? 0) + 1);
    expect(after.body.total).toBe(first.body.total + 1);
    const active = await api.call(f.a.users.kepsek, 'GET', '/api/cases?status=active&limit=500');
    expect(after.body.total).toBe(active.body.items.length);
    const wali = await api.call(f.a.users.wali_kelas, 'GET', '/api/cases/board');
    const mine = await api.call(f.a.users.wali_kelas, 'GET', '/api/cases?status=active&limit=500');
    expect(wali.body.total).toBe(mine.body.items.length);
    expect(wali.body.total).toBeLessThan(after.body.total);
    const byPathway = await api.call(f.a.users.kepsek, 'GET', `/api/cases/board?pathwayId=${f.a.srps.pathwayId}`);
    expect(byPathway.body).toEqual({ columns: [], total: 0 });
    expect((await api.call(f.dinas, 'GET', '/api/cases/board')).status).toBe(403);
    expect((await api.call(f.a.users.kepsek, 'GET', '/api/cases/board?status=open')).status).toBe(400);
  });

  it('reassigns a case (kepsek, guru BK) with an audit row; 422 for staff of another school, 403, 404', async () => {
    const c = await openCase(1);
    const res = await api.call(f.a.users.kepsek, 'PUT', `/api/cases/${c.id}/assignee`, { assigneeId: f.a.users.tim.id });
    expect(res.status).toBe(200);
    expect(res.body.assignee).toEqual({ id: f.a.users.tim.id, name: f.a.users.tim.name });
    expect((await f.db.audit.list(f.a.id, { action: 'case.assign', subject: `case:${c.id}` })).length).toBe(1);
    const other = await api.call(f.a.users.kepsek, 'PUT', `/api/cases/${c.id}/assignee`, { assigneeId: f.b.users.guru_bk.id });
    expect(other.status).toBe(422);
    expect((await api.call(f.a.users.wali_kelas, 'PUT', `/api/cases/${c.id}/assignee`, { assigneeId: null })).status).toBe(403);
    expect((await api.call(f.b.users.kepsek, 'PUT', `/api/cases/${c.id}/assignee`, { assigneeId: null })).status).toBe(404);
    expect((await api.call(f.a.users.kepsek, 'PUT', `/api/cases/${c.id}/assignee`, { assigneeId: 7 })).status).toBe(400);
    const cleared = await api.call(f.a.users.guru_bk, 'PUT', `/api/cases/${c.id}/assignee`, { assigneeId: null });
    expect(cleared.body.assignee).toBeNull();
  });
});
