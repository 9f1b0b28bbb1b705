import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixture, fixtureApp, type Fixture, type FixtureApp } from '../testing/fixture.ts';

let f: Fixture;
let api: FixtureApp;

beforeAll(async () => {
  f = await createFixture({ studentsPerSchool: 4 });
  api = fixtureApp(f);
});
afterAll(() => f.close());

describe('/api/students', () => {
  it('lists the school’s students; a wali kelas sees only their class', async () => {
    const all = await api.call(f.a.users.guru_bk, 'GET', '/api/students');
    expect(all.status).toBe(200);
    expect(all.body.items).toHaveLength(4);
    const wali = await api.call(f.a.users.wali_kelas, 'GET', '/api/students');
    expect(wali.body.items.map((s: { className: string }) => s.className)).toEqual(['X-1', 'X-1']);
    const asked = await api.call(f.a.users.wali_kelas, 'GET', '/api/students?className=X-2');
    expect(asked.body.items).toEqual([]);
  });

  it('creates a student (201), refuses a duplicate NISN (409) and bad input (400)', async () => {
    const body = { nisn: '0051234567', name: 'Rina Wulandari', className: 'XI-2', gender: 'P', birthDate: '2008-04-01', guardianPhone: '+62 812-3456' };
    const created = await api.call(f.a.users.guru_bk, 'POST', '/api/students', body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ nisn: '0051234567', name: 'Rina Wulandari', status: 'active' });
    const dup = await api.call(f.a.users.kepsek, 'POST', '/api/students', body);
    expect(dup.status).toBe(409);
    const bad = await api.call(f.a.users.kepsek, 'POST', '/api/students', { ...body, nisn: "1' OR 1=1 --", birthDate: '01-04-2008' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string[] }) => d.path[0]).sort()).toEqual(['birthDate', 'nisn']);
  });

  it('gets one student; 404 for another school or another class (wali kelas)', async () => {
    const [x1, x2] = f.a.students;
    expect((await api.call(f.a.users.kepsek, 'GET', `/api/students/${x1!.id}`)).body.id).toBe(x1!.id);
    expect((await api.call(f.b.users.kepsek, 'GET', `/api/students/${x1!.id}`)).status).toBe(404);
    expect((await api.call(f.a.users.wali_kelas, 'GET', `/api/students/${x1!.id}`)).status).toBe(200);
    expect((await api.call(f.a.users.wali_kelas, 'GET', `/api/students/${x2!.id}`)).status).toBe(404);
  });

  it('403 for the district admin and tim, and for a wali kelas adding students; 401 anonymous', async () => {
    expect((await api.call(f.dinas, 'GET', '/api/students')).status).toBe(403);
    expect((await api.call(f.dinas, 'GET', `/api/students/${f.a.students[0]!.id}`)).status).toBe(403);
    expect((await api.call(f.a.users.tim, 'GET', '/api/students')).status).toBe(403);
    expect((await api.call(f.a.users.wali_kelas, 'POST', '/api/students', { nisn: '1234567', name: 'X', className: 'X-1' })).status).toBe(403);
    expect((await api.call(null, 'GET', '/api/students')).status).toBe(401);
  });
});
