/**
 * Case-work routes as a client meets them: messages in the caller's
 * language, impossible calendar dates and deeply nested event data refused
 * with 400 and the error shape (never a 5xx, nothing stored), every read of
 * a `rahasia` record audited, and the kepsek's reason on a task shown only to
 * whoever the step's confidentiality lets see it (as the timeline does).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixture, fixtureApp, ROOT, type Fixture, type FixtureApp } from '../testing/fixture.ts';

let f: Fixture;
let api: FixtureApp;
let caseId: string;
let caseVersion: number;

beforeAll(async () => {
  f = await createFixture({ studentsPerSchool: 4 });
  api = fixtureApp(f);
  const opened = await api.call(f.a.users.guru_bk, 'POST', '/api/cases', { studentId: f.a.students[0]!.id, pathwayId: f.a.loop.pathwayId });
  expect(opened.status).toBe(201);
  caseId = opened.body.id;
  caseVersion = opened.body.version;
});
afterAll(async () => {
  await f?.close();
});

const expectErrorShape = (res: { status: number; body: any }, status: number) => {
  expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(status);
  expect(typeof res.body.error.code).toBe('string');
  expect(typeof res.body.error.message).toBe('string');
};

describe('case-work validation speaks the caller’s language', () => {
  it('answers an English client in English and an Indonesian one in Indonesian', async () => {
    const en = await api.call(f.a.users.guru_bk, 'POST', `/api/cases/${caseId}/notes`, { body: '' }, { 'accept-language': 'en-GB,en;q=0.9' });
    expectErrorShape(en, 400);
    expect(en.body.error.message).toBe('Invalid request.');
    expect(en.body.error.details[0].path).toEqual(['body']);
    expect(en.body.error.details[0].message).toMatch(/^Too small/);
    const id = await api.call(f.a.users.guru_bk, 'POST', `/api/cases/${caseId}/notes`, { body: '' }, { 'accept-language': 'id' });
    expect(id.body.error.message).toBe('Permintaan tidak valid.');
    expect(id.body.error.details[0].message).toMatch(/^Terlalu kecil/);
    const group = await api.call(f.a.users.guru_bk, 'POST', `/api/cases/${caseId}/records`, { kind: 'counseling_session', data: { date: '2026-02-21', mode: 'group', members: ['A'], topic: 'Motivasi' } }, { 'accept-language': 'en' });
    expectErrorShape(group, 400);
    expect(group.body.error.details[0].message).toBe('A group session needs at least 2 members');
    for (const [method, path, body] of [
      ['GET', '/api/calendar?from=2026-01-01', undefined],
      ['POST', '/api/flags', { studentId: f.a.students[0]!.id, reason: 'x' }],
      ['GET', '/api/tasks?scope=everything', undefined],
      ['POST', '/api/indicators', { entries: [] }],
    ] as const) {
      const res = await api.call(f.a.users.guru_bk, method, path, body, { 'accept-language': 'en' });
      expectErrorShape(res, 400);
      expect(JSON.stringify(res.body.error), `${method} ${path}`).not.toMatch(/Terlalu|diharapkan|tidak valid|Input tidak/);
    }
  });
});

describe('impossible dates and deep data are bad input (400), never a 5xx', () => {
  it('refuses a consent given on 2026-13-45 or 2026-02-30 and stores nothing', async () => {
    const before = (await f.db.consents.list(f.a.id, caseId)).length;
    for (const givenAt of ['2026-13-45', '2026-02-30', '2026-02-21T25:61:00Z', '0000-00-00']) {
      const res = await api.call(f.a.users.guru_bk, 'POST', `/api/cases/${caseId}/consents`, { purpose: 'home_visit', givenBy: 'Ibu Sari', method: 'verbal', givenAt });
      expectErrorShape(res, 400);
      expect(res.body.error.details[0].path).toEqual(['givenAt']);
    }
    expect((await f.db.consents.list(f.a.id, caseId)).length).toBe(before);
    const ok = await api.call(f.a.users.guru_bk, 'POST', `/api/cases/${caseId}/consents`, { purpose: 'home_visit', givenBy: 'Ibu Sari', method: 'verbal', givenAt: '2026-02-20' });
    expect(ok.status).toBe(201);
    expect(ok.body.givenAt).toBe('2026-02-20T00:00:00.000Z');
    caseVersion = ok.body.caseVersion;
  });

  it('refuses a home visit dated 2026-13-45 and stores nothing', async () => {
    const visit = { plan: 'Bertemu ibu', visitors: ['Guru BK'], findings: 'Ibu bekerja malam' };
    for (const date of ['2026-13-45', '2025-02-29']) {
      const res = await api.call(f.a.users.guru_bk, 'POST', `/api/cases/${caseId}/records`, { kind: 'home_visit', data: { ...visit, date } });
      expectErrorShape(res, 400);
      expect(res.body.error.details[0].path).toEqual(['data', 'date']);
    }
    const list = await f.db.caseRecords.list(f.a.id, caseId, { id: f.a.users.guru_bk.id, role: 'guru_bk' });
    expect(list.ok && list.value.length).toBe(0);
    expect((await api.call(f.a.users.guru_bk, 'POST', `/api/cases/${caseId}/records`, { kind: 'home_visit', data: { ...visit, date: '2024-02-29' } })).status).toBe(201);
  });

  it('refuses a student born on 2010-13-45 (and a NISN that is not 10 digits) and stores nothing', async () => {
    const count = async () => (await f.db.students.listAll(f.a.id)).length;
    const before = await count();
    const base = { nisn: '0099887766', name: 'Tanggal Salah', className: 'X-1' };
    expectErrorShape(await api.call(f.a.users.guru_bk, 'POST', '/api/students', { ...base, birthDate: '2010-13-45' }), 400);
    expectErrorShape(await api.call(f.a.users.guru_bk, 'POST', '/api/students', { ...base, birthDate: '2010-02-30' }), 400);
    const shortNisn = await api.call(f.a.users.guru_bk, 'POST', '/api/students', { ...base, nisn: '12345' }, { 'accept-language': 'en' });
    expectErrorShape(shortNisn, 400);
    expect(shortNisn.body.error.details[0].message).toBe('NISN must be 10 digits');
    expect(await count()).toBe(before);
    const ok = await api.call(f.a.users.guru_bk, 'POST', '/api/students', { ...base, birthDate: '2010-02-28' });
    expect(ok.status).toBe(201);
    expect(ok.body.birthDate).toBe('2010-02-28');
  });

  it('refuses event data nested thousands deep with 400, and the case is unchanged', async () => {
    const depth = 20_000;
    const deep = `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
    const body = `{"type":"CATAT","expectedVersion":${caseVersion},"data":{"catatan":${deep}}}`;
    const res = await api.call(f.a.users.guru_bk, 'POST', `/api/cases/${caseId}/events`, body);
    expectErrorShape(res, 400);
    expect(JSON.stringify(res.body.error.details)).toContain('data');
    const arrays = `{"type":"CATAT","expectedVersion":${caseVersion},"data":{"catatan":${'['.repeat(depth)}${']'.repeat(depth)}}}`;
    expectErrorShape(await api.call(f.a.users.guru_bk, 'POST', `/api/cases/${caseId}/events`, arrays), 400);
    expect((await f.db.cases.get(f.a.id, caseId))!.version).toBe(caseVersion);
    // The same event with its form value as the step declares it goes through.
    const fine = await api.call(f.a.users.guru_bk, 'POST', `/api/cases/${caseId}/events`, { type: 'CATAT', expectedVersion: caseVersion, data: { catatan: 'Sesi pertama' } });
    expect(fine.status).toBe(200);
    caseVersion = fine.body.version;
  });
});

describe('confidential records', () => {
  it('audits every read that returns a rahasia record, and no read that does not', async () => {
    const reads = async () => (await f.db.audit.list(f.a.id, { action: 'case.read_confidential' })).filter((a) => (a.details as { what?: string } | null)?.what === 'records');
    const secret = { kind: 'counseling_session', confidentiality: 'rahasia', data: { date: '2026-02-21', mode: 'individual', topic: 'Perundungan', summary: 'Siswa mengaku dirundung' } };
    const added = await api.call(f.a.users.guru_bk, 'POST', `/api/cases/${caseId}/records`, secret);
    expect(added.status).toBe(201);
    expect(await reads()).toHaveLength(0);
    const list = await api.call(f.a.users.guru_bk, 'GET', `/api/cases/${caseId}/records`);
    expect(list.body.items.some((r: { id: string }) => r.id === added.body.id)).toBe(true);
    const audited = await reads();
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({ actorId: f.a.users.guru_bk.id, subject: `case:${caseId}` });
    expect((audited[0]!.details as { records: string[] }).records).toEqual([added.body.id]);
    // The wali kelas of the class reads the records without the rahasia one: no audit row.
    const wali = await api.call(f.a.users.wali_kelas, 'GET', `/api/cases/${caseId}/records`);
    expect(wali.status).toBe(200);
    expect(wali.body.items.some((r: { id: string }) => r.id === added.body.id)).toBe(false);
    // A filter that leaves it out writes none either.
    expect((await api.call(f.a.users.guru_bk, 'GET', `/api/cases/${caseId}/records?kind=home_visit`)).status).toBe(200);
    expect(await reads()).toHaveLength(1);
  });

  it('shows the kepsek’s rejection reason in /api/tasks only to whoever the step lets see it', async () => {
    const doc = JSON.parse(readFileSync(join(ROOT, 'workflows', 'layanan-responsif.json'), 'utf8')) as { key: string; title: { id: string } };
    const scope = { districtId: f.districtId, schoolId: f.a.id };
    const created = await f.db.pathways.create(scope, { key: doc.key, title: doc.title.id, draft: doc, updatedBy: f.a.users.kepsek.id, now: f.clock.now() });
    if (!created.ok) throw new Error(created.error.message);
    const published = await f.db.pathways.publish(scope, { id: created.value.id, publishedBy: f.a.users.kepsek.id, now: f.clock.now() });
    if (!published.ok) throw new Error(published.error.message);
    const bk = f.a.users.guru_bk;
    // Student 2 is in X-1, the wali kelas's class.
    const opened = await api.call(bk, 'POST', '/api/cases', { studentId: f.a.students[2]!.id, pathwayId: created.value.id });
    const moved = await api.call(bk, 'POST', `/api/cases/${opened.body.id}/events`, { type: 'TERIMA_KASUS', expectedVersion: opened.body.version, data: { referredBy: 'wali_kelas', problemArea: 'belajar', urgency: 'segera', problemDescription: 'Sering bolos' } });
    const consent = await api.call(bk, 'POST', `/api/cases/${opened.body.id}/consents`, { purpose: 'referral', givenBy: 'Ibu Sari', method: 'written', givenAt: '2026-02-05' });
    const atLetter = await api.call(bk, 'POST', `/api/cases/${opened.body.id}/events`, { type: 'RUJUK', expectedVersion: consent.body.caseVersion, data: { sessionDate: '2026-02-05' } });
    expect([moved.status, consent.status, atLetter.status]).toEqual([200, 201, 200]);
    const [task] = await f.db.tasks.list(f.a.id, { caseId: opened.body.id, stateId: 'rujukan.surat_rujukan', status: 'open' });
    const reason = 'Ayahnya dipenjara; surat perlu ditinjau ulang';
    expect((await api.call(f.a.users.kepsek, 'POST', `/api/tasks/${task!.id}/decision`, { decision: 'rejected', reason })).status).toBe(200);

    const seen = async (user: typeof bk, path: string) => {
      const res = await api.call(user, 'GET', path);
      expect(res.status).toBe(200);
      const item = (res.body.items as { id: string; approvalReason: string | null; approval: string | null }[]).find((t) => t.id === task!.id);
      expect(item, `${user.role} ${path}`).toBeDefined();
      expect(item!.approval).toBe('rejected');
      return item!.approvalReason;
    };
    // The step is rahasia: the timeline hides the decision's data from the wali kelas, and so does the task list.
    const timeline = await api.call(f.a.users.wali_kelas, 'GET', `/api/cases/${opened.body.id}/events`);
    const decided = (timeline.body.items as { type: string; data: unknown }[]).find((e) => e.type === 'approval.decided');
    expect(decided?.data).toBeNull();
    expect(await seen(f.a.users.wali_kelas, `/api/tasks?scope=all&caseId=${opened.body.id}`)).toBeNull();
    expect(JSON.stringify((await api.call(f.a.users.wali_kelas, 'GET', '/api/tasks?scope=all')).body)).not.toContain(reason);
    // The case's guru BK and the kepsek who decided see it, in the task list and the approvals list.
    expect(await seen(bk, `/api/tasks?scope=all&caseId=${opened.body.id}`)).toBe(reason);
    expect(await seen(bk, '/api/approvals')).toBe(reason);
    expect(await seen(f.a.users.kepsek, '/api/approvals')).toBe(reason);
  });
});
