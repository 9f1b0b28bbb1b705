/**
 * `GET /api/pathways/:id/process` and `POST /api/pathways/:id/what-if` over
 * HTTP: the counts follow the cases the school ran, roles and schools are
 * kept apart, and a draft that no longer accepts an event reports the cases
 * that needed it as stuck.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixture, fixtureApp, LOOP_PATHWAY, type Fixture, type FixtureApp } from '../../apps/api/src/testing/fixture.ts';

let f: Fixture;
let api: FixtureApp;
beforeAll(async () => {
  f = await createFixture({ studentsPerSchool: 4 });
  api = fixtureApp(f);
  for (const [i, steps] of [[['SESI_SELESAI']], [['SESI_SELESAI'], ['EVALUASI']], [[]]].entries()) {
    const opened = await api.call(f.a.users.guru_bk, 'POST', '/api/cases', { studentId: f.a.students[i]!.id, pathwayId: f.a.loop.pathwayId });
    let version = opened.body.version as number;
    for (const [type] of steps as string[][]) {
      if (!type) continue;
      f.clock.advance(86_400_000);
      const r = await api.call(f.a.users.guru_bk, 'POST', `/api/cases/${opened.body.id}/events`, { type, expectedVersion: version });
      expect(r.status).toBe(200);
      version = r.body.version;
    }
  }
});
afterAll(async () => {
  await f?.close();
});

describe('the process view over HTTP', () => {
  it('counts entries, transitions and waiting cases of the school’s cases', async () => {
    const r = await api.call(f.a.users.kepsek, 'GET', `/api/pathways/${f.a.loop.pathwayId}/process`);
    expect(r.status).toBe(200);
    const step = (id: string) => r.body.steps.find((s: { stateId: string }) => s.stateId === id);
    expect(r.body.cases).toBe(3);
    expect(step('konseling')).toMatchObject({ entered: 3, waitingNow: 1, stays: 2 });
    expect(step('pemantauan')).toMatchObject({ entered: 2, waitingNow: 1, stays: 1 });
    expect(step('keputusan')).toMatchObject({ entered: 1, waitingNow: 1 });
    expect(r.body.transitions).toContainEqual({ from: 'konseling', to: 'pemantauan', count: 2 });
    expect(r.body.transitions).toContainEqual({ from: '', to: 'konseling', count: 3 });
  });

  it('filters by class and refuses other roles and other schools', async () => {
    const x1 = await api.call(f.a.users.guru_bk, 'GET', `/api/pathways/${f.a.loop.pathwayId}/process?className=X-1`);
    expect(x1.status).toBe(200);
    expect(x1.body.cases).toBe(2); // students 0 and 2 are in X-1
    expect((await api.call(f.a.users.wali_kelas, 'GET', `/api/pathways/${f.a.loop.pathwayId}/process`)).status).toBe(403);
    expect((await api.call(f.b.users.kepsek, 'GET', `/api/pathways/${f.a.loop.pathwayId}/process`)).status).toBe(404);
    expect((await api.call(f.a.users.kepsek, 'GET', `/api/pathways/${f.a.loop.pathwayId}/process?from=2026-13-45`)).status).toBe(400);
  });

  it('replays the active cases through a draft and names the ones that would get stuck', async () => {
    const same = await api.call(f.a.users.kepsek, 'POST', `/api/pathways/${f.a.loop.pathwayId}/what-if`, {});
    expect(same.status).toBe(200);
    expect(same.body).toMatchObject({ stuck: 0, moved: 0, unchanged: 3 });
    const draft = structuredClone(LOOP_PATHWAY) as unknown as { machine: { states: { konseling: { on: Record<string, unknown> } } } };
    delete draft.machine.states.konseling.on.SESI_SELESAI;
    draft.machine.states.konseling.on.SELESAI = { target: 'pemantauan' };
    const changed = await api.call(f.a.users.kepsek, 'POST', `/api/pathways/${f.a.loop.pathwayId}/what-if`, { document: draft });
    expect(changed.status).toBe(200);
    expect(changed.body.stuck).toBe(2);
    expect(changed.body.cases.filter((c: { stuck?: { event: string } }) => c.stuck?.event === 'SESI_SELESAI')).toHaveLength(2);
    expect((await api.call(f.a.users.guru_bk, 'POST', `/api/pathways/${f.a.loop.pathwayId}/what-if`, {})).status).toBe(403);
  });
});
