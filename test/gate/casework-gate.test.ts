/**
 * The case-work events of issue 14 (risk factors changed, a step skipped, an
 * intervention added or done) pass the engine's gate and nothing else: no
 * role can send them through the pathway's event route (422
 * `reserved_event`, no row changed), no pathway may declare them, only the
 * guru BK records them through their own routes, and a skip of a step that
 * needs the kepsek's approval waits for it like the step's own events do.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixture, fixtureApp, type Fixture, type FixtureApp } from '@jalur/api/testing';
import { CASEWORK_EVENTS, lintPathway, parsePathway, type PathwayDocument } from '../../packages/engine/src/index.ts';

const NEW_EVENTS = ['riskFactor.added', 'riskFactor.removed', 'intervention.skipped', 'intervention.added', 'intervention.completed'] as const;
const ROLES = ['guru_bk', 'wali_kelas', 'tim', 'kepsek'] as const;

let f: Fixture;
let api: FixtureApp;

beforeAll(async () => {
  f = await createFixture({ studentsPerSchool: 4 });
  api = fixtureApp(f);
});
afterAll(async () => {
  await f?.close();
});

async function rowsOf(caseId: string) {
  return JSON.stringify({
    row: await f.db.cases.get(f.a.id, caseId),
    events: await f.db.cases.events(f.a.id, caseId),
    tasks: await f.db.tasks.list(f.a.id, { caseId }),
    timers: await f.db.timers.listForCase(f.a.id, caseId),
  });
}

describe('case-work events of issue 14', () => {
  it('are declared case-work events, recorded by the guru BK alone', () => {
    for (const type of NEW_EVENTS) expect(CASEWORK_EVENTS[type]).toEqual(['guru_bk']);
  });

  it('are refused from every role through the event route, with plausible data, and change no row', async () => {
    const opened = await api.call(f.a.users.guru_bk, 'POST', '/api/cases', { studentId: f.a.students[0]!.id, pathwayId: f.a.loop.pathwayId, riskFactors: ['economic'] });
    expect(opened.status).toBe(201);
    const [task] = await f.db.tasks.list(f.a.id, { caseId: opened.body.id, status: 'open' });
    expect((await api.call(f.a.users.guru_bk, 'POST', `/api/tasks/${task!.id}/assign`, { assigneeId: f.a.users.tim.id })).status).toBe(200);
    const before = await rowsOf(opened.body.id);
    const version = (await f.db.cases.get(f.a.id, opened.body.id))!.version;
    const data = { factor: 'bullying', stateId: 'konseling', interventionId: 'x1', kind: 'home_visit', reason: 'uji gerbang' };
    for (const role of ROLES) {
      for (const type of NEW_EVENTS) {
        const r = await api.call(f.a.users[role], 'POST', `/api/cases/${opened.body.id}/events`, { type, data, expectedVersion: version });
        expect({ role, type, status: r.status }).toEqual({ role, type, status: 422 });
        expect(r.body.error.details.reason).toBe('reserved_event');
      }
    }
    expect(await rowsOf(opened.body.id)).toBe(before);
  });

  it('cannot be declared by a pathway', () => {
    for (const type of NEW_EVENTS) {
      const parsed = parsePathway({
        format: 'jalur.pathway/1', key: 'pura-pura', title: { id: 'Pura-pura' },
        machine: { id: 'pura-pura', initial: 'a', states: { a: { meta: { kind: 'custom', title: { id: 'A' }, roles: ['guru_bk'] }, on: { [type]: 'b' } }, b: { type: 'final' } } },
      });
      const diagnostics = parsed.ok ? lintPathway(parsed.value as PathwayDocument).filter((d) => d.severity === 'error') : parsed.error;
      expect(diagnostics.length, type).toBeGreaterThan(0);
    }
  });

  it('skip of an approval step waits for the kepsek, also for a tim member assigned the step', async () => {
    const opened = await api.call(f.a.users.guru_bk, 'POST', '/api/cases', { studentId: f.a.students[2]!.id, pathwayId: f.a.srps.pathwayId, riskFactors: ['economic'] });
    const id = opened.body.id as string;
    // Straight to the fund-raising step: identification and the home visit skipped with reasons, the assessment sent with its form.
    let v = opened.body.version as number;
    const skip = async (stateId: string, who: keyof Fixture['a']['users'] = 'guru_bk') => api.call(f.a.users[who], 'POST', `/api/cases/${id}/skip`, { stateId, reason: 'uji gerbang', expectedVersion: v });
    let r = await skip('identifikasi');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    v = r.body.version;
    expect(r.body.stateValue).toEqual(['asesmen']);
    // The assessment's only way forward reads its own form: it cannot be skipped.
    r = await skip('asesmen');
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('skip_not_possible');
    r = await api.call(f.a.users.guru_bk, 'POST', `/api/cases/${id}/events`, {
      type: 'TETAPKAN_FAKTOR', expectedVersion: v,
      data: { mainFactor: 'economic', riskLevel: 'tinggi', assessmentSummary: 'Ekonomi keluarga sulit' },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    v = r.body.version;
    r = await skip('intervensi_ekonomi.bantuan.kunjungan_rumah');
    expect(r.status).toBe(200);
    v = r.body.version;
    // The tim member is assigned the fund-raising step: they reach the case, yet a skip is the guru BK's.
    const funding = (await f.db.tasks.list(f.a.id, { caseId: id, status: 'open' })).find((t) => t.stateId === 'intervensi_ekonomi.bantuan.penggalangan_dana')!;
    expect((await api.call(f.a.users.guru_bk, 'POST', `/api/tasks/${funding.id}/assign`, { assigneeId: f.a.users.tim.id })).status).toBe(200);
    const before = await rowsOf(id);
    for (const who of ['tim', 'wali_kelas', 'kepsek'] as const) expect((await skip('intervensi_ekonomi.bantuan.penggalangan_dana', who)).status).toBe(403);
    r = await skip('intervensi_ekonomi.bantuan.penggalangan_dana');
    expect(r.status).toBe(422);
    expect(r.body.error).toMatchObject({ code: 'approval_required', details: { steps: ['intervensi_ekonomi.bantuan.penggalangan_dana'] } });
    const task = (await f.db.tasks.list(f.a.id, { caseId: id, status: 'open' })).find((t) => t.stateId === 'intervensi_ekonomi.bantuan.penggalangan_dana')!;
    expect((await api.call(f.a.users.kepsek, 'POST', `/api/tasks/${task.id}/decision`, { decision: 'rejected', reason: 'Dana komite belum ada' })).status).toBe(200);
    v = (await f.db.cases.get(f.a.id, id))!.version;
    r = await skip('intervensi_ekonomi.bantuan.penggalangan_dana');
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('approval_rejected');
    expect(JSON.parse(await rowsOf(id)).events.length).toBe(JSON.parse(before).events.length + 1); // only the kepsek's decision
  });
});
