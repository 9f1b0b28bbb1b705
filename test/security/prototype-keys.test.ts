/**
 * Prototype-pollution keys in request bodies other than pathway documents:
 * a `__proto__` object in an event's form data cannot stand in for the
 * required fields (the form is still incomplete, nothing is stored, the case
 * still replays to its snapshot), and no global prototype is touched.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixture, fixtureApp, type Fixture, type FixtureApp } from '@jalur/api/testing';
import { replayCase } from '../../packages/cases/src/index.ts';

let f: Fixture;
let api: FixtureApp;
beforeAll(async () => {
  f = await createFixture({ studentsPerSchool: 1 });
  api = fixtureApp(f);
});
afterAll(() => f.close());

describe('prototype keys in bodies', () => {
  it('cannot fill a required form through __proto__', async () => {
    const bk = f.a.users.guru_bk;
    const c = await api.call(bk, 'POST', '/api/cases', { studentId: f.a.students[0]!.id, pathwayId: f.a.srps.pathwayId, assigneeId: bk.id });
    expect(c.status).toBe(201);
    const fields = '"attendanceRate":0.5,"gradeAverage":50,"economicCondition":"tidak_mampu","familySituation":"yatim_piatu","motivationLevel":"rendah"';
    for (const data of [`{"__proto__":{${fields}}}`, `{"constructor":{"prototype":{${fields}}}}`]) {
      const res = await api.call(bk, 'POST', `/api/cases/${c.body.id}/events`, `{"type":"SELESAI_IDENTIFIKASI","expectedVersion":1,"data":${data}}`);
      expect(res.status, JSON.stringify(res.body).slice(0, 200)).toBe(422);
      expect(res.body.error.code).toBe('form_invalid');
    }
    const row = (await f.db.cases.get(f.a.id, c.body.id))!;
    expect(row.version).toBe(1);
    expect(await replayCase(f.db, row)).toEqual(row.snapshot);
    // The real answer still works.
    const ok = await api.call(bk, 'POST', `/api/cases/${c.body.id}/events`, `{"type":"SELESAI_IDENTIFIKASI","expectedVersion":1,"data":{${fields}}}`);
    expect(ok.status, JSON.stringify(ok.body).slice(0, 300)).toBe(200);
    expect(({} as Record<string, unknown>).attendanceRate).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('keeps __proto__ in a login or a student body from touching anything', async () => {
    const res = await api.call(null, 'POST', '/api/auth/login', '{"email":"orang@luar.test","password":"sandi-panjang","__proto__":{"role":"kepsek","polluted":true}}');
    expect(res.status).toBe(401);
    const created = await api.call(f.a.users.kepsek, 'POST', '/api/students', '{"nisn":"0011223344","name":"Proto","className":"X-1","__proto__":{"status":"graduated","schoolId":"lain"}}');
    expect(created.status).toBe(201);
    expect(created.body.status).toBe('active');
    expect((await f.db.students.get(f.a.id, created.body.id))?.schoolId).toBe(f.a.id);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
