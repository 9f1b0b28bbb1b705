/**
 * UU PDP routes on a real SQLite file: the kepsek exports one student's data
 * (audited, confidentiality kept) and erases a student — after which no byte
 * of the database file holds their name, NISN, guardian or any free text
 * written about them, the cases still replay to their snapshots, and the
 * reports count exactly what they counted before. Staff role changes are
 * kepsek-only, school-scoped and audited.
 */
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixture, fixtureApp, type Fixture, type FixtureApp } from '../testing/fixture.ts';
import { replayCase } from '@jalur/cases';

let f: Fixture;
let api: FixtureApp;
let studentId: string;
let caseId: string;

const PERSON = {
  nisn: '0098765432', name: 'Rahmat Hidayatullah', className: 'X-1', gender: 'L', birthDate: '2009-03-04',
  guardianName: 'Siti Maryamah', guardianPhone: '+62 811-2233-4455',
};
/** Free text written about the student, each unique so it can be searched for in the file. */
const TEXT = {
  formNote: 'Orang tua bercerai, tinggal dengan nenek di Dusun Kalimati',
  noteUmum: 'Mulai rajin masuk kelas sejak bulan lalu',
  noteRahasia: 'Mengaku dipukul kakak tirinya',
  visit: 'Rumah berdinding bambu, tidak ada listrik',
  referral: 'Perlu pendampingan psikolog karena trauma',
  flag: 'Tidak masuk sebelas hari berturut-turut',
};

beforeAll(async () => {
  f = await createFixture({ studentsPerSchool: 2 });
  api = fixtureApp(f);
  const bk = f.a.users.guru_bk;
  studentId = (await api.call(bk, 'POST', '/api/students', PERSON)).body.id;
  expect((await api.call(f.a.users.wali_kelas, 'POST', '/api/flags', { studentId, reason: TEXT.flag })).status).toBe(201);
  const opened = await api.call(bk, 'POST', '/api/cases', { studentId, pathwayId: f.a.loop.pathwayId, assigneeId: bk.id }, { 'idempotency-key': 'buka-kasus-1' });
  caseId = opened.body.id;
  const ev = await api.call(bk, 'POST', `/api/cases/${caseId}/events`, { type: 'CATAT', data: { catatan: TEXT.formNote }, expectedVersion: 1 }, { 'idempotency-key': 'catat-1' });
  expect(ev.status).toBe(200);
  await api.call(bk, 'POST', `/api/cases/${caseId}/events`, { type: 'SESI_SELESAI', data: {}, expectedVersion: ev.body.version });
  expect((await api.call(bk, 'POST', `/api/cases/${caseId}/notes`, { body: TEXT.noteUmum, confidentiality: 'umum' })).status).toBe(201);
  expect((await api.call(bk, 'POST', `/api/cases/${caseId}/notes`, { body: TEXT.noteRahasia, confidentiality: 'rahasia' })).status).toBe(201);
  expect((await api.call(bk, 'POST', `/api/cases/${caseId}/consents`, { purpose: 'referral', givenBy: PERSON.guardianName, relationship: 'ibu', method: 'written', givenAt: '2026-02-01' })).status).toBe(201);
  expect((await api.call(bk, 'POST', `/api/cases/${caseId}/referrals`, { target: 'psychologist', targetName: 'Puskesmas Kalimati', reason: TEXT.referral })).status).toBe(201);
  const visit = await api.call(bk, 'POST', `/api/cases/${caseId}/records`, {
    kind: 'home_visit', confidentiality: 'terbatas',
    data: { plan: 'Kunjungan pertama', date: '2026-02-03', visitors: ['Guru BK'], findings: TEXT.visit, followUp: 'Koordinasi dengan desa' },
  });
  expect(visit.status, JSON.stringify(visit.body)).toBe(201);
}, 60_000);
afterAll(() => f.close());

/** The raw bytes of the database file and its write-ahead log, as the disk holds them now. */
function fileText(): string {
  const wal = existsSync(`${f.file}-wal`) ? readFileSync(`${f.file}-wal`).toString('latin1') : '';
  return readFileSync(f.file).toString('latin1') + wal;
}

describe('GET /api/students/:id/export', () => {
  it('gives the kepsek the student’s data, without what the kepsek may not read, and audits it', async () => {
    const res = await api.call(f.a.users.kepsek, 'GET', `/api/students/${studentId}/export`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('attachment');
    const doc = res.body;
    expect(doc.format).toBe('jalur.student-export/1');
    expect(doc.student).toMatchObject({ nisn: PERSON.nisn, name: PERSON.name, guardianName: PERSON.guardianName });
    expect(doc.flags.map((x: { reason: string }) => x.reason)).toContain(TEXT.flag);
    expect(doc.cases).toHaveLength(1);
    const c = doc.cases[0];
    expect(c.events.map((e: { type: string }) => e.type)).toEqual(['case.opened', 'CATAT', 'SESI_SELESAI', 'consent.recorded']);
    // The counseling step is `rahasia`: its form data is withheld from the kepsek, like on the case page.
    expect(c.events[1]).toMatchObject({ type: 'CATAT', data: null, withheld: true });
    expect(c.notes.map((n: { body: string }) => n.body)).toEqual([TEXT.noteUmum]);
    expect(c.consents[0]).toMatchObject({ purpose: 'referral', givenBy: PERSON.guardianName });
    expect(c.referrals[0]).toMatchObject({ reason: TEXT.referral, status: 'sent' });
    expect(c.records[0]).toMatchObject({ kind: 'home_visit' });
    expect(JSON.stringify(doc)).not.toContain(TEXT.noteRahasia);
    const audit = await f.db.audit.list(f.a.id, { action: 'student.export' });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: f.a.users.kepsek.id, subject: `student:${studentId}` });
  });

  it('is the kepsek’s alone: other roles 403, another school 404, nobody signed in 401', async () => {
    for (const role of ['guru_bk', 'wali_kelas', 'tim'] as const) {
      expect((await api.call(f.a.users[role], 'GET', `/api/students/${studentId}/export`)).status).toBe(403);
    }
    expect((await api.call(f.dinas, 'GET', `/api/students/${studentId}/export`)).status).toBe(403);
    expect((await api.call(f.b.users.kepsek, 'GET', `/api/students/${studentId}/export`)).status).toBe(404);
    expect((await api.call(null, 'GET', `/api/students/${studentId}/export`)).status).toBe(401);
  });
});

describe('GET /api/students/:id/export of rahasia content', () => {
  it('audits every rahasia record and step datum it hands out, not only the export', async () => {
    const kepsek = f.a.users.kepsek;
    // The kepsek wrote a rahasia record on the case: as its author they may read it, so the export carries it.
    const record = await api.call(kepsek, 'POST', `/api/cases/${caseId}/records`, {
      kind: 'home_visit', confidentiality: 'rahasia', data: { plan: 'Kunjungan kepsek', date: '2026-02-04', visitors: ['Kepsek'], findings: 'Temuan rahasia kepsek' },
    });
    expect(record.status, JSON.stringify(record.body)).toBe(201);
    const before = (await f.db.audit.list(f.a.id, { action: 'case.read_confidential' })).length;
    const res = await api.call(kepsek, 'GET', `/api/students/${studentId}/export`);
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body)).toContain('Temuan rahasia kepsek');
    const audit = await f.db.audit.list(f.a.id, { action: 'case.read_confidential' });
    expect(audit.length).toBe(before + 1);
    expect(audit[0]).toMatchObject({ actorId: kepsek.id, subject: `case:${caseId}`, details: { what: 'export', records: [record.body.id] } });
  });
});

describe('POST /api/students/:id/erase', () => {
  it('needs the NISN typed as confirmation, and the kepsek of the student’s school', async () => {
    const before = fileText();
    expect((await api.call(f.a.users.kepsek, 'POST', `/api/students/${studentId}/erase`, {})).status).toBe(400);
    const wrong = await api.call(f.a.users.kepsek, 'POST', `/api/students/${studentId}/erase`, { confirm: '0000000000' });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.code).toBe('confirmation_mismatch');
    expect((await api.call(f.a.users.guru_bk, 'POST', `/api/students/${studentId}/erase`, { confirm: PERSON.nisn })).status).toBe(403);
    expect((await api.call(f.b.users.kepsek, 'POST', `/api/students/${studentId}/erase`, { confirm: PERSON.nisn })).status).toBe(404);
    expect(fileText().includes(PERSON.name)).toBe(true);
    expect(before.includes(PERSON.name)).toBe(true);
  });

  it('anonymises the student and every free text about them; counts and replays stay', async () => {
    const summaryBefore = (await api.call(f.a.users.kepsek, 'GET', '/api/reports/summary')).body;
    const casesBefore = (await api.call(f.a.users.kepsek, 'GET', '/api/cases')).body.items.length;
    const res = await api.call(f.a.users.kepsek, 'POST', `/api/students/${studentId}/erase`, { confirm: PERSON.nisn });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ id: studentId, cases: 1 });

    const file = fileText();
    const leftovers = [...Object.values(PERSON).filter((v) => v.length > 6 && v !== PERSON.birthDate), ...Object.values(TEXT), 'Temuan rahasia kepsek'].filter((s) => file.includes(s));
    expect(leftovers, 'personal data still in the database file').toEqual([]);

    const student = (await api.call(f.a.users.kepsek, 'GET', `/api/students/${studentId}`)).body;
    expect(student).toMatchObject({ name: 'Siswa terhapus', guardianName: null, guardianPhone: null, birthDate: null });
    expect((await api.call(f.a.users.kepsek, 'GET', '/api/reports/summary')).body).toEqual(summaryBefore);
    expect((await api.call(f.a.users.kepsek, 'GET', '/api/cases')).body.items.length).toBe(casesBefore);
    const row = (await f.db.cases.get(f.a.id, caseId))!;
    expect(await replayCase(f.db, row)).toEqual(row.snapshot);

    const audit = await f.db.audit.list(f.a.id, { action: 'student.erase' });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: f.a.users.kepsek.id, subject: `student:${studentId}` });
    expect((await api.call(f.a.users.kepsek, 'POST', `/api/students/${studentId}/erase`, { confirm: PERSON.nisn })).status).toBe(409);
  });
});

describe('staff roles', () => {
  it('lists the school’s staff and changes a role within the school, audited', async () => {
    const list = await api.call(f.a.users.kepsek, 'GET', '/api/staff');
    expect(list.status).toBe(200);
    expect(list.body.items.map((u: { email: string }) => u.email).sort()).toEqual(['guru_bk@a.uji', 'kepsek@a.uji', 'tim@a.uji', 'wali_kelas@a.uji']);
    const tim = f.a.users.tim;
    const changed = await api.call(f.a.users.kepsek, 'PUT', `/api/staff/${tim.id}/role`, { role: 'guru_bk' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ id: tim.id, role: 'guru_bk', className: null });
    // The new role holds at once, on the session the user already has.
    expect((await api.call(tim, 'GET', '/api/reports/summary')).status).toBe(200);
    const audit = await f.db.audit.list(f.a.id, { action: 'user.role_change' });
    expect(audit[0]).toMatchObject({ actorId: f.a.users.kepsek.id, subject: `user:${tim.id}`, details: { from: 'tim', to: 'guru_bk' } });
    expect((await api.call(f.a.users.kepsek, 'PUT', `/api/staff/${tim.id}/role`, { role: 'tim' })).body.role).toBe('tim');
  });

  it('refuses other roles, other schools, the district role, a wali kelas without a class and the kepsek’s own role', async () => {
    const tim = f.a.users.tim;
    expect((await api.call(f.a.users.guru_bk, 'PUT', `/api/staff/${tim.id}/role`, { role: 'kepsek' })).status).toBe(403);
    expect((await api.call(f.b.users.kepsek, 'PUT', `/api/staff/${tim.id}/role`, { role: 'guru_bk' })).status).toBe(404);
    expect((await api.call(f.a.users.kepsek, 'PUT', `/api/staff/${tim.id}/role`, { role: 'admin_dinas' })).status).toBe(400);
    expect((await api.call(f.a.users.kepsek, 'PUT', `/api/staff/${tim.id}/role`, { role: 'wali_kelas' })).status).toBe(422);
    expect((await api.call(f.a.users.kepsek, 'PUT', `/api/staff/${f.a.users.kepsek.id}/role`, { role: 'guru_bk' })).status).toBe(422);
    expect((await api.call(f.a.users.kepsek, 'PUT', `/api/staff/${tim.id}/role`, { role: 'wali_kelas', className: 'X-2' })).body).toMatchObject({ role: 'wali_kelas', className: 'X-2' });
    expect((await f.db.users.get(tim.id))!.role).toBe('wali_kelas');
  });
});
