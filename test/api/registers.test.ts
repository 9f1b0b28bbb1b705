/**
 * Issue 15's registers through the real API (temp SQLite file, real engine):
 * referral partners (phone normalised or refused in words, a referral picks
 * one and its closed-loop report shows on the partner's page), peer
 * counsellors and supervision sessions (notes by confidentiality), group
 * sessions recorded once and seen in each member case (names only for those
 * who may open that case), the case service refusing a step's pick of an
 * inactive partner or an untrained counsellor with 422 and changing nothing,
 * roles, Idempotency-Key, and erasure down to the raw database bytes.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixture, fixtureApp, type Fixture, type FixtureApp } from '@jalur/api/testing';
import type { User } from '../../packages/db/src/index.ts';

const PATHWAY = {
  format: 'jalur.pathway/1',
  key: 'uji-daftar',
  title: { id: 'Uji daftar Satgas', en: 'Register test' },
  machine: {
    id: 'uji-daftar',
    initial: 'sebaya',
    states: {
      sebaya: {
        meta: {
          kind: 'peer_support', title: { id: 'Pendampingan sebaya', en: 'Peer support' }, roles: ['guru_bk'],
          form: [{ name: 'peerCounselor', type: 'register', register: 'peer_counsellor', label: { id: 'Konselor sebaya', en: 'Peer counsellor' }, required: true }],
        },
        on: { TUGASKAN: { target: 'rujukan' } },
      },
      rujukan: {
        meta: {
          kind: 'referral', title: { id: 'Rujukan', en: 'Referral' }, roles: ['guru_bk'],
          form: [{ name: 'partner', type: 'register', register: 'partner', label: { id: 'Mitra rujukan', en: 'Referral partner' }, required: true }, { name: 'reason', type: 'text', label: { id: 'Alasan', en: 'Reason' } }],
        },
        on: { DIRUJUK: { target: 'selesai' } },
      },
      selesai: { type: 'final', meta: { kind: 'closure', title: { id: 'Selesai', en: 'Closed' } } },
    },
  },
  layout: {},
};

let f: Fixture;
let api: FixtureApp;
let kepsek: User, bk: User, wali: User, tim: User, bkB: User;
let pathwayId: string;

const call = (u: User | null, method: string, path: string, body?: unknown, headers?: Record<string, string>) => api.call(u, method, `/api${path}`, body, headers);
const expectError = (res: { status: number; body: any }, status: number, code?: string) => {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(typeof res.body?.error?.message).toBe('string');
  if (code) expect(res.body.error.code).toBe(code);
};
/** A case document generated through the API, as text (`pdftotext`). */
async function pdfText(u: User, caseId: string, body: unknown): Promise<string> {
  const res = await api.app.request(`/api/cases/${caseId}/documents`, {
    method: 'POST', headers: { authorization: `Bearer ${await api.tokenFor(u)}`, 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
  const dir = mkdtempSync(join(tmpdir(), 'jalur-registers-doc-'));
  try {
    writeFileSync(join(dir, 'doc.pdf'), new Uint8Array(await res.arrayBuffer()));
    return execFileSync('pdftotext', ['-layout', join(dir, 'doc.pdf'), '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
async function openCase(student: number, school: 'a' | 'b' = 'a', pathway = pathwayId) {
  const s = f[school];
  const res = await api.call(s.users.guru_bk, 'POST', '/api/cases', { studentId: s.students[student]!.id, pathwayId: pathway, assigneeId: s.users.guru_bk.id });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; version: number };
}

beforeAll(async () => {
  f = await createFixture({ studentsPerSchool: 6 });
  api = fixtureApp(f);
  ({ kepsek, guru_bk: bk, wali_kelas: wali, tim } = f.a.users);
  bkB = f.b.users.guru_bk;
  const scope = { districtId: f.districtId, schoolId: f.a.id };
  const p = await f.db.pathways.create(scope, { key: PATHWAY.key, title: PATHWAY.title.id, draft: PATHWAY, updatedBy: kepsek.id, now: f.clock.now() });
  if (!p.ok) throw new Error(p.error.message);
  const v = await f.db.pathways.publish(scope, { id: p.value.id, publishedBy: kepsek.id, now: f.clock.now() });
  if (!v.ok) throw new Error(v.error.message);
  pathwayId = p.value.id;
}, 60_000);
afterAll(() => f?.close());

describe('referral partners', () => {
  it('normalise the phone (08… → 62…), refuse an invalid one in words, and are kept per school', async () => {
    const made = await call(kepsek, 'POST', '/registers/partners', { name: 'Puskesmas Muara Sabak', kind: 'puskesmas', address: 'Jl. Pelabuhan 1', contactPerson: 'dr. Sri', phone: '0812-3456-7890', services: 'PKPR' });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body).toMatchObject({ phone: '6281234567890', phoneDisplay: '0812-3456-7890', kindLabel: { id: 'Puskesmas' }, active: true });
    const bad = await call(bk, 'POST', '/registers/partners', { name: 'Biro X', kind: 'psikolog', phone: '12345' });
    expectError(bad, 422, 'invalid_phone');
    expect(bad.body.error.message).toMatch(/Nomor HP tidak valid/);
    expectError(await call(bk, 'POST', '/registers/partners', { name: '', kind: 'psikolog' }), 400);
    expectError(await call(bk, 'POST', '/registers/partners', { name: 'X', kind: 'dukun' }), 400);
    expectError(await call(bk, 'PATCH', `/registers/partners/${made.body.id}`, { phone: '+1 555 0100' }), 422, 'invalid_phone');
    const list = await call(wali, 'GET', '/registers/partners');
    expect(list.status).toBe(200);
    expect(list.body.items.map((p: { name: string }) => p.name)).toContain('Puskesmas Muara Sabak');
    expect(list.body.kinds).toHaveLength(7);
    expect(list.body.canWrite).toBe(false);
    expect((await call(tim, 'GET', `/registers/partners/${made.body.id}`)).body).toMatchObject({ referrals: null, counts: { total: 0 } });
    expectError(await call(wali, 'POST', '/registers/partners', { name: 'Y', kind: 'pkbm' }), 403);
    expectError(await call(tim, 'PATCH', `/registers/partners/${made.body.id}`, { active: false }), 403);
    expectError(await call(f.dinas, 'GET', '/registers/partners'), 403);
    expectError(await call(bkB, 'GET', `/registers/partners/${made.body.id}`), 404);
    expectError(await call(bkB, 'PATCH', `/registers/partners/${made.body.id}`, { active: false }), 404);
    expect((await call(bkB, 'GET', '/registers/partners')).body.items).toEqual([]);
  });

  it('an Idempotency-Key adds a partner once', async () => {
    const body = { name: 'PKBM Cahaya Ilmu', kind: 'pkbm' };
    const first = await call(bk, 'POST', '/registers/partners', body, { 'idempotency-key': 'mitra-pkbm-1' });
    const again = await call(bk, 'POST', '/registers/partners', body, { 'idempotency-key': 'mitra-pkbm-1' });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.id).toBe(first.body.id);
    expect((await call(bk, 'GET', '/registers/partners')).body.items.filter((p: { name: string }) => p.name === 'PKBM Cahaya Ilmu')).toHaveLength(1);
  });

  it('a referral picks a partner (active, of the school); the partner page lists it and whether the closed-loop report came back', async () => {
    const partner = (await call(kepsek, 'POST', '/registers/partners', { name: 'Biro Psikologi Harapan', kind: 'psikolog', address: 'Jl. Pattimura 45, Jambi' })).body;
    const inactive = (await call(kepsek, 'POST', '/registers/partners', { name: 'Biro Tutup', kind: 'psikolog', active: false })).body;
    const otherSchool = (await call(f.b.users.kepsek, 'POST', '/registers/partners', { name: 'Puskesmas B', kind: 'puskesmas' })).body;
    const k = await openCase(0, 'a', f.a.loop.pathwayId);
    expect((await call(bk, 'POST', `/cases/${k.id}/consents`, { purpose: 'referral', givenBy: 'Ibu Wali', method: 'written', givenAt: '2026-02-01' })).status).toBe(201);
    expectError(await call(bk, 'POST', `/cases/${k.id}/referrals`, { partnerId: inactive.id, reason: 'Kecemasan' }), 422, 'partner_inactive');
    expectError(await call(bk, 'POST', `/cases/${k.id}/referrals`, { partnerId: otherSchool.id, reason: 'Kecemasan' }), 422, 'partner_not_found');
    expectError(await call(bk, 'POST', `/cases/${k.id}/referrals`, { reason: 'Kecemasan' }), 400);
    expect((await f.db.referrals.list(f.a.id, { caseId: k.id })).length).toBe(0);
    const sent = await call(bk, 'POST', `/cases/${k.id}/referrals`, { partnerId: partner.id, reason: 'Kecemasan berat' });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    expect(sent.body).toMatchObject({ partnerId: partner.id, target: 'psychologist', targetName: 'Biro Psikologi Harapan' });
    let page = (await call(bk, 'GET', `/registers/partners/${partner.id}`)).body;
    expect(page.referrals).toMatchObject([{ caseId: k.id, studentName: f.a.students[0]!.name, status: 'sent', feedback: false }]);
    expect(page.counts).toEqual({ total: 1, open: 1, feedback: 0 });
    expect((await call(bk, 'POST', `/referrals/${sent.body.id}/accept`)).status).toBe(200);
    expect((await call(bk, 'POST', `/referrals/${sent.body.id}/complete`, { outcomeReport: 'Tiga sesi konseling; membaik.' })).status).toBe(200);
    page = (await call(kepsek, 'GET', `/registers/partners/${partner.id}`)).body;
    expect(page.referrals[0]).toMatchObject({ status: 'completed', feedback: true });
    expect(page.counts).toEqual({ total: 1, open: 0, feedback: 1 });
    // The surat rujukan prints the partner's name and address.
    const text = await pdfText(bk, k.id, { kind: 'surat_rujukan', subjectId: sent.body.id });
    expect(text).toContain('Biro Psikologi Harapan');
    expect(text).toContain('Jl. Pattimura 45, Jambi');
  });
});

describe('peer counsellors and supervision', () => {
  it('registers students of the school once; only active, trained ones are pickable; supervision notes follow confidentiality', async () => {
    const trained = await call(bk, 'POST', '/registers/peer-counsellors', { studentId: f.a.students[2]!.id, trainedOn: '2026-01-10', trainingName: 'Pelatihan PIK-R', trainingOrganiser: 'Puskesmas', supervisorId: bk.id });
    expect(trained.status, JSON.stringify(trained.body)).toBe(201);
    expect(trained.body).toMatchObject({ studentName: f.a.students[2]!.name, trained: true, pickable: true, supervisor: { id: bk.id } });
    const untrained = await call(kepsek, 'POST', '/registers/peer-counsellors', { studentId: f.a.students[4]!.id });
    expect(untrained.body).toMatchObject({ trained: false, pickable: false });
    expectError(await call(bk, 'POST', '/registers/peer-counsellors', { studentId: f.a.students[2]!.id }), 409);
    expectError(await call(bk, 'POST', '/registers/peer-counsellors', { studentId: f.b.students[0]!.id }), 422, 'student_invalid');
    expectError(await call(bk, 'POST', '/registers/peer-counsellors', { studentId: f.a.students[3]!.id, supervisorId: kepsek.id }), 422, 'supervisor_invalid');
    expectError(await call(bk, 'POST', '/registers/peer-counsellors', { studentId: f.a.students[3]!.id, trainedOn: '10-01-2026' }), 400);
    expectError(await call(wali, 'GET', '/registers/peer-counsellors'), 403);
    expectError(await call(tim, 'POST', '/registers/peer-counsellors', { studentId: f.a.students[3]!.id }), 403);
    const pickable = (await call(tim, 'GET', '/registers/peer-counsellors?pickable=true')).body;
    expect(pickable.items.map((c: { id: string }) => c.id)).toEqual([trained.body.id]);
    expect(pickable.supervisors).toEqual([{ id: bk.id, name: bk.name }]);

    const sup = await call(bk, 'POST', '/registers/supervisions', { heldOn: '2026-02-02', counsellorIds: [trained.body.id, untrained.body.id], notes: 'Mendengar aktif; satu kasus diserahkan ke BK.', confidentiality: 'rahasia' });
    expect(sup.status, JSON.stringify(sup.body)).toBe(201);
    expect(sup.body).toMatchObject({ supervisor: { id: bk.id }, counsellors: [{ id: trained.body.id }, { id: untrained.body.id }] });
    expectError(await call(bk, 'POST', '/registers/supervisions', { heldOn: '2026-02-02', counsellorIds: [] }), 400);
    expectError(await call(kepsek, 'POST', '/registers/supervisions', { heldOn: '2026-02-02', counsellorIds: [trained.body.id] }), 422, 'supervisor_required');
    const mine = (await call(bk, 'GET', `/registers/peer-counsellors/${trained.body.id}`)).body;
    expect(mine.supervisions).toMatchObject([{ id: sup.body.id, notes: 'Mendengar aktif; satu kasus diserahkan ke BK.', notesHidden: false }]);
    const theirs = (await call(kepsek, 'GET', `/registers/peer-counsellors/${trained.body.id}`)).body;
    expect(theirs.supervisions).toMatchObject([{ id: sup.body.id, notes: null, notesHidden: true }]);
    expect((await f.db.audit.list(f.a.id, { action: 'register.supervision_read_rahasia' })).length).toBeGreaterThan(0);
  });

  it('the case service refuses a step that picks an untrained, inactive or unknown counsellor, or an inactive partner: 422, nothing changed', async () => {
    const trained = (await call(bk, 'GET', '/registers/peer-counsellors?pickable=true')).body.items[0];
    const untrained = (await call(bk, 'GET', '/registers/peer-counsellors')).body.items.find((c: { trained: boolean }) => !c.trained);
    const k = await openCase(5);
    const before = (await f.db.cases.events(f.a.id, k.id)).length;
    const send = (data: Record<string, unknown>, version = k.version, type = 'TUGASKAN') => call(bk, 'POST', `/cases/${k.id}/events`, { type, expectedVersion: version, data });
    let r = await send({ peerCounselor: untrained.id });
    expectError(r, 422, 'form_invalid');
    expect(r.body.error.details.fields[0]).toMatchObject({ field: 'peerCounselor' });
    expect(r.body.error.details.fields[0].message.id).toMatch(/belum tercatat mengikuti pelatihan/);
    expectError(await send({ peerCounselor: 'tidak-ada-konselor' }), 422, 'form_invalid');
    const otherSchool = (await call(bkB, 'POST', '/registers/peer-counsellors', { studentId: f.b.students[1]!.id, trainedOn: '2026-01-01' })).body;
    expectError(await send({ peerCounselor: otherSchool.id }), 422, 'form_invalid');
    // The counsellor's own case: nobody counsels themselves.
    const own = await openCase(2);
    const mine = await call(bk, 'POST', `/cases/${own.id}/events`, { type: 'TUGASKAN', expectedVersion: own.version, data: { peerCounselor: trained.id } });
    expectError(mine, 422, 'form_invalid');
    expect(mine.body.error.details.fields[0].message.en).toMatch(/own peer counsellor/);
    await call(bk, 'PATCH', `/registers/peer-counsellors/${trained.id}`, { active: false });
    r = await send({ peerCounselor: trained.id });
    expectError(r, 422, 'form_invalid');
    expect(r.body.error.details.fields[0].message.id).toMatch(/tidak aktif/);
    expect((await f.db.cases.events(f.a.id, k.id)).length).toBe(before);
    expect((await f.db.cases.get(f.a.id, k.id))!.version).toBe(k.version);
    await call(bk, 'PATCH', `/registers/peer-counsellors/${trained.id}`, { active: true });
    r = await send({ peerCounselor: trained.id });
    expect(r.status, JSON.stringify(r.body)).toBe(200);

    const partner = (await call(kepsek, 'POST', '/registers/partners', { name: 'UPTD PPA Tanjabtim', kind: 'uptd_ppa' })).body;
    await call(kepsek, 'PATCH', `/registers/partners/${partner.id}`, { active: false });
    const v = r.body.version;
    r = await send({ partner: partner.id, reason: 'Kekerasan dalam keluarga' }, v, 'DIRUJUK');
    expectError(r, 422, 'form_invalid');
    expect(r.body.error.details.fields[0].message.en).toMatch(/not active/);
    expect((await f.db.cases.get(f.a.id, k.id))!.version).toBe(v);
    await call(kepsek, 'PATCH', `/registers/partners/${partner.id}`, { active: true });
    r = await send({ partner: partner.id, reason: 'Kekerasan dalam keluarga' }, v, 'DIRUJUK');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.status).toBe('closed');
  });
});

describe('group sessions', () => {
  it('are recorded once, appear in each member case, and name only the members the caller may see', async () => {
    const x1 = await openCase(0, 'a', f.a.loop.pathwayId); // the wali kelas's class
    const x2 = await openCase(1, 'a', f.a.loop.pathwayId);
    expectError(await call(bk, 'POST', '/registers/group-sessions', { heldOn: '2026-02-03', topic: 'Motivasi', caseIds: [x1.id] }), 400);
    const otherCase = await openCase(0, 'b', f.b.loop.pathwayId);
    expectError(await call(bk, 'POST', '/registers/group-sessions', { heldOn: '2026-02-03', topic: 'Motivasi', caseIds: [x1.id, otherCase.id] }), 422, 'member_invalid');
    expectError(await call(wali, 'POST', '/registers/group-sessions', { heldOn: '2026-02-03', topic: 'Motivasi', caseIds: [x1.id, x2.id] }), 403);
    expect(await f.db.registers.listGroupSessions(f.a.id, { caseId: x1.id })).toEqual([]);
    const made = await call(bk, 'POST', '/registers/group-sessions', { heldOn: '2026-02-03', topic: 'Motivasi belajar', summary: 'Berbagi cita-cita.', confidentiality: 'terbatas', caseIds: [x1.id, x2.id] }, { 'idempotency-key': 'kelompok-1' });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const again = await call(bk, 'POST', '/registers/group-sessions', { heldOn: '2026-02-03', topic: 'Motivasi belajar', summary: 'Berbagi cita-cita.', confidentiality: 'terbatas', caseIds: [x1.id, x2.id] }, { 'idempotency-key': 'kelompok-1' });
    expect(again.body.id).toBe(made.body.id);
    for (const k of [x1, x2]) {
      const seen = (await call(bk, 'GET', `/cases/${k.id}/group-sessions`)).body.items;
      expect(seen).toMatchObject([{ id: made.body.id, topic: 'Motivasi belajar', summary: 'Berbagi cita-cita.', memberCount: 2 }]);
      expect(seen[0].members.map((m: { studentName: string }) => m.studentName).sort()).toEqual([f.a.students[0]!.name, f.a.students[1]!.name].sort());
    }
    // The case book of each member prints the session (the other member by name for the guru BK).
    const book = (await pdfText(bk, x1.id, { kind: 'buku_kasus' })).replace(/\s+/g, ' ');
    expect(book).toContain('Konseling kelompok');
    expect(book).toContain('Motivasi belajar');
    expect(book).toContain(f.a.students[1]!.name);
    // The wali kelas of X-1 opens the X-1 case: sees its member only, and not the terbatas summary.
    const walis = (await call(wali, 'GET', `/cases/${x1.id}/group-sessions`)).body.items;
    expect(walis).toMatchObject([{ memberCount: 2, summary: null, summaryHidden: true }]);
    expect(walis[0].members.map((m: { caseId: string }) => m.caseId)).toEqual([x1.id]);
    expectError(await call(wali, 'GET', `/cases/${x2.id}/group-sessions`), 404);
    // A Satgas member assigned to neither case sees the session, no names.
    const list = (await call(tim, 'GET', '/registers/group-sessions')).body.items.find((s: { id: string }) => s.id === made.body.id);
    expect(list).toMatchObject({ members: [], memberCount: 2, summary: null });
    expectError(await call(wali, 'GET', '/registers/group-sessions'), 403);
    expectError(await call(bkB, 'GET', `/registers/group-sessions/${made.body.id}`), 404);
  });

  it('erasing a member removes them from the register tables (down to the raw database bytes)', async () => {
    const name = f.a.students[3]!.name;
    const k3 = await openCase(3, 'a', f.a.loop.pathwayId);
    const k1 = (await f.db.cases.list(f.a.id, { studentId: f.a.students[1]!.id, status: 'active' }))[0]!;
    const pc = await call(bk, 'POST', '/registers/peer-counsellors', { studentId: f.a.students[3]!.id, trainedOn: '2026-01-10' });
    expect(pc.status).toBe(201);
    await call(bk, 'POST', '/registers/supervisions', { heldOn: '2026-02-04', counsellorIds: [pc.body.id], notes: `${name} memimpin latihan.` });
    const g = await call(bk, 'POST', '/registers/group-sessions', { heldOn: '2026-02-04', topic: `Kelompok belajar ${name}`, summary: `${name} dan teman-teman`, caseIds: [k3.id, k1.id] });
    expect(g.status).toBe(201);
    const erased = await call(kepsek, 'POST', `/students/${f.a.students[3]!.id}/erase`, { confirm: f.a.students[3]!.nisn });
    expect(erased.status, JSON.stringify(erased.body)).toBe(200);
    expect((await call(bk, 'GET', `/registers/peer-counsellors/${pc.body.id}`)).status).toBe(404);
    const after = (await call(bk, 'GET', `/registers/group-sessions/${g.body.id}`)).body;
    expect(after.memberCount).toBe(1);
    expect(JSON.stringify(after)).not.toContain(name);
    await f.db.close();
    const bytes = readFileSync(f.file).toString('latin1') + (() => {
      try {
        return readFileSync(`${f.file}-wal`).toString('latin1');
      } catch {
        return '';
      }
    })();
    expect(bytes.includes(name)).toBe(false);
  });
});
