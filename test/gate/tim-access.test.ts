/**
 * A Satgas (`tim`) member assigned one step of a case (issue 13 §4): the
 * answer to their own event shows only their step's form values, and their
 * access to the case ends when their last assigned step is done.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixture, fixtureApp, type Fixture, type FixtureApp } from '../../apps/api/src/testing/fixture.ts';

let f: Fixture;
let api: FixtureApp;
beforeAll(async () => {
  f = await createFixture({ studentsPerSchool: 2 });
  api = fixtureApp(f);
});
afterAll(async () => {
  await f?.close();
});

describe('a tim member on one step', () => {
  it('sees only their step in their own answer, and loses the case when the step is done', async () => {
    const bk = f.a.users.guru_bk;
    const tim = f.a.users.tim;
    // The guru BK opens a case and records a session (rahasia step) before handing the monitoring step to the tim member.
    const opened = await api.call(bk, 'POST', '/api/cases', { studentId: f.a.students[0]!.id, pathwayId: f.a.loop.pathwayId });
    expect(opened.status).toBe(201);
    const noted = await api.call(bk, 'POST', `/api/cases/${opened.body.id}/events`, { type: 'CATAT', expectedVersion: 1, data: { catatan: 'Rahasia konseling' } });
    expect(noted.status).toBe(200);
    // Monitoring (pemantauan) is the tim member's step here: the loop pathway lets guru BK and wali kelas act, so give it to tim via its task.
    const moved = await api.call(bk, 'POST', `/api/cases/${opened.body.id}/events`, { type: 'SESI_SELESAI', expectedVersion: 2 });
    expect(moved.status).toBe(200);
    const [monitoring] = await f.db.tasks.list(f.a.id, { caseId: opened.body.id, stateId: 'pemantauan', status: 'open' });
    expect((await api.call(bk, 'POST', `/api/tasks/${monitoring!.id}/assign`, { assigneeId: tim.id })).status).toBe(200);
    const mine = await api.call(tim, 'GET', `/api/cases/${opened.body.id}`);
    expect(mine.status).toBe(200);
    expect(mine.body.steps.map((s: { stateId: string }) => s.stateId)).toEqual(['pemantauan']);
    expect(JSON.stringify(mine.body)).not.toContain('Rahasia konseling');
    // The loop pathway's monitoring step is for guru BK and wali kelas: the engine refuses the tim member's role there.
    const refused = await api.call(tim, 'POST', `/api/cases/${opened.body.id}/events`, { type: 'CEK', expectedVersion: 3, data: { hadir: true } });
    expect(refused.status).toBe(422);
    expect(JSON.stringify(refused.body)).not.toContain('Rahasia konseling');
    // The guru BK finishes the step: the tim member's task closes, and with it their access.
    const done = await api.call(bk, 'POST', `/api/cases/${opened.body.id}/events`, { type: 'EVALUASI', expectedVersion: 3 });
    expect(done.status).toBe(200);
    expect((await api.call(tim, 'GET', `/api/cases/${opened.body.id}`)).status).toBe(404);
    const list = await api.call(tim, 'GET', '/api/cases?status=active');
    expect(list.body.items.map((c: { id: string }) => c.id)).not.toContain(opened.body.id);
  });

  it('sees only their own step’s form values in the answer to their own event', async () => {
    const bk = f.a.users.guru_bk;
    const tim = f.a.users.tim;
    const opened = await api.call(bk, 'POST', '/api/cases', { studentId: f.a.students[1]!.id, pathwayId: f.a.loop.pathwayId });
    let version = opened.body.version as number;
    const send = async (type: string, data?: Record<string, unknown>) => {
      const r = await api.call(bk, 'POST', `/api/cases/${opened.body.id}/events`, { type, expectedVersion: version, ...(data ? { data } : {}) });
      expect(r.status).toBe(200);
      version = r.body.version;
    };
    // Monitoring (umum) records a value; then the case goes back to counseling, a step the tim member may work.
    await send('SESI_SELESAI');
    await send('CEK', { hadir: true });
    await send('EVALUASI');
    await send('LANJUT');
    expect((await api.call(bk, 'GET', `/api/cases/${opened.body.id}`)).body.form).toHaveProperty('hadir');
    const [task] = await f.db.tasks.list(f.a.id, { caseId: opened.body.id, stateId: 'konseling', status: 'open' });
    expect((await api.call(bk, 'POST', `/api/tasks/${task!.id}/assign`, { assigneeId: tim.id })).status).toBe(200);
    const reply = await api.call(tim, 'POST', `/api/cases/${opened.body.id}/events`, { type: 'CATAT', expectedVersion: version, data: { catatan: 'Catatan tim' } });
    expect(reply.status).toBe(200);
    expect(reply.body.form ?? {}).not.toHaveProperty('hadir');
    expect(reply.body.steps.map((st: { stateId: string }) => st.stateId)).toEqual(['konseling']);
  });
});
