/**
 * UU PDP erasure through the API on both databases: a student with a case,
 * form text, notes, a consent, a referral, a home visit, a manual flag and a
 * stored idempotency answer is erased by the kepsek; afterwards no row of any
 * table (every table, read generically) holds their name, NISN, guardian or
 * any of that free text, the case still counts and still replays.
 * SQLite runs on a temp file; PostgreSQL on a throwaway real server
 * (`scripts/pg-server.mjs`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../apps/api/src/app.ts';
import { CompiledPathways } from '../../packages/cases/src/index.ts';
import { LOOP_PATHWAY } from '../../apps/api/src/testing/fixture.ts';
import { openDatabase, replayCase, type JalurDb } from '../../packages/db/src/index.ts';
import { startPgServer } from '../../scripts/pg-server.mjs';

const cleanups: (() => unknown)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

const PERSON = { nisn: '0077665544', name: 'Wulan Kusumaningrum', className: 'X-1', guardianName: 'Bapak Sudarsono Wiryo', guardianPhone: '+62 813-9988-7766' };
const REJECTION = 'Ditolak karena keluarga Wulan masih punya tabungan';
const ASKED_AGAIN = 'Tabungan keluarga Wulan sudah habis untuk berobat';
const TEXT = ['Ayah merantau ke Malaysia sejak Juni', 'Catatan umum tentang kehadiran Wulan', 'Cerita rahasia tentang kakaknya', 'Atap rumah bocor di musim hujan', 'Dirujuk karena kecemasan berat', 'Sering terlambat karena menjaga adik'];

/** Every row of every table, as text. */
async function allRows(db: JalurDb): Promise<string> {
  const h = db.reportHandle;
  const out: string[] = [];
  if (h.dialect === 'sqlite') {
    for (const { name } of h.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]) {
      for (const row of h.sqlite.prepare(`SELECT * FROM "${name}"`).all()) out.push(JSON.stringify(row));
    }
  } else {
    const tables = await h.client<{ table_name: string }[]>`SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`;
    for (const { table_name } of tables) {
      for (const row of await h.client.unsafe(`SELECT row_to_json(t)::text AS j FROM "${table_name}" t`)) out.push(String(row.j));
    }
  }
  return out.join('\n');
}

async function scenario(db: JalurDb) {
  const now = new Date('2026-02-02T01:00:00Z');
  const must = <T,>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };
  const district = await db.districts.create({ name: 'Kabupaten Uji', now });
  const school = await db.schools.create({ districtId: district.id, name: 'Sekolah Uji', now });
  const user = async (role: 'kepsek' | 'guru_bk' | 'wali_kelas') =>
    must(await db.users.create({ email: `${role}@hapus.uji`, name: role, role, schoolId: school.id, districtId: district.id, className: role === 'wali_kelas' ? 'X-1' : null, password: 'hapus-uji-123', now }));
  const kepsek = await user('kepsek');
  const bk = await user('guru_bk');
  const wali = await user('wali_kelas');
  const scope = { districtId: district.id, schoolId: school.id };
  const p = must(await db.pathways.create(scope, { key: LOOP_PATHWAY.key, title: 'Uji', draft: LOOP_PATHWAY, updatedBy: kepsek.id, now }));
  must(await db.pathways.publish(scope, { id: p.id, publishedBy: kepsek.id, now }));
  const funding = {
    format: 'jalur.pathway/1', key: 'uji-dana', title: { id: 'Dana' }, layout: {},
    machine: { id: 'dana', initial: 'dana', states: {
      dana: { meta: { kind: 'funding', title: { id: 'Bantuan biaya' }, roles: ['guru_bk'], requiresApproval: true, dueInDays: 3 }, on: { CAIR: 'selesai' } },
      selesai: { type: 'final', meta: { kind: 'closure', title: { id: 'Selesai' } } },
    } },
  };
  const fp = must(await db.pathways.create(scope, { key: funding.key, title: 'Dana', draft: funding, updatedBy: kepsek.id, now }));
  must(await db.pathways.publish(scope, { id: fp.id, publishedBy: kepsek.id, now }));
  const app = createApp({ db, compiled: new CompiledPathways(db) });
  const tokens = new Map<string, string>();
  const call = async (u: { id: string }, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    if (!tokens.has(u.id)) tokens.set(u.id, (await db.sessions.create({ userId: u.id, now: new Date() })).token);
    const res = await app.request(path, { method, headers: { authorization: `Bearer ${tokens.get(u.id)}`, 'content-type': 'application/json', ...headers }, ...(body ? { body: JSON.stringify(body) } : {}) });
    return { status: res.status, body: (await res.json()) as any };
  };

  const student = await call(bk, 'POST', '/api/students', PERSON, { 'idempotency-key': 'siswa-1' });
  expect(student.status).toBe(201);
  const studentId = student.body.id as string;
  expect((await call(wali, 'POST', '/api/flags', { studentId, reason: TEXT[5] })).status).toBe(201);
  const opened = await call(bk, 'POST', '/api/cases', { studentId, pathwayId: p.id, assigneeId: bk.id }, { 'idempotency-key': 'kasus-1' });
  expect(opened.status).toBe(201);
  const caseId = opened.body.id as string;
  expect((await call(bk, 'POST', `/api/cases/${caseId}/events`, { type: 'CATAT', data: { catatan: TEXT[0] }, expectedVersion: 1 }, { 'idempotency-key': 'catat-1' })).status).toBe(200);
  expect((await call(bk, 'POST', `/api/cases/${caseId}/notes`, { body: TEXT[1], confidentiality: 'umum' })).status).toBe(201);
  expect((await call(bk, 'POST', `/api/cases/${caseId}/notes`, { body: TEXT[2], confidentiality: 'rahasia' })).status).toBe(201);
  expect((await call(bk, 'POST', `/api/cases/${caseId}/consents`, { purpose: 'referral', givenBy: PERSON.guardianName, method: 'written', givenAt: '2026-02-01' })).status).toBe(201);
  expect((await call(bk, 'POST', `/api/cases/${caseId}/records`, { kind: 'home_visit', data: { plan: 'Kunjungan', date: '2026-02-03', visitors: ['Guru BK'], findings: TEXT[3] } })).status).toBe(201);
  expect((await call(bk, 'POST', `/api/cases/${caseId}/referrals`, { target: 'psychologist', targetName: 'Biro Psikologi', reason: TEXT[4] })).status).toBe(201);

  const fundingCase = await call(bk, 'POST', '/api/cases', { studentId, pathwayId: fp.id, assigneeId: bk.id });
  expect(fundingCase.status).toBe(201);
  const approval = ((await call(kepsek, 'GET', '/api/approvals')).body.items as { id: string; caseId: string }[]).find((t) => t.caseId === fundingCase.body.id);
  expect(approval).toBeDefined();
  const decided = await call(kepsek, 'POST', `/api/tasks/${approval!.id}/decision`, { decision: 'rejected', reason: REJECTION });
  expect(decided.status, JSON.stringify(decided.body)).toBe(200);
  const askedAgain = await call(bk, 'POST', `/api/tasks/${approval!.id}/approval-request`, { note: ASKED_AGAIN });
  expect(askedAgain.status, JSON.stringify(askedAgain.body)).toBe(200);

  const before = await allRows(db);
  for (const s of [PERSON.name, PERSON.nisn, PERSON.guardianName, REJECTION, ASKED_AGAIN, ...TEXT]) expect(before, `the scenario wrote "${s}"`).toContain(s);
  const counts = async () => ({ ...(await call(kepsek, 'GET', '/api/reports/summary')).body, generatedAt: null });
  const summary = await counts();

  const erased = await call(kepsek, 'POST', `/api/students/${studentId}/erase`, { confirm: PERSON.nisn });
  expect(erased.status, JSON.stringify(erased.body)).toBe(200);
  const after = await allRows(db);
  const left = [PERSON.name, PERSON.nisn, PERSON.guardianName, PERSON.guardianPhone, REJECTION, ASKED_AGAIN, ...TEXT].filter((s) => after.includes(s));
  expect(left, `personal data left in some table:\n${after.split('\n').filter((l) => left.some((x) => l.includes(x))).join('\n').slice(0, 1500)}`).toEqual([]);
  expect(await counts()).toEqual(summary);
  for (const id of [caseId, fundingCase.body.id as string]) {
    const row = (await db.cases.get(school.id, id))!;
    expect(await replayCase(db, row)).toEqual(row.snapshot);
  }
}

describe('erasure on both databases', () => {
  it('SQLite', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jalur-erase-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const db = await openDatabase({ url: `file:${join(dir, 'jalur.db')}` });
    cleanups.push(() => db.close());
    await scenario(db);
  });

  it('PostgreSQL', async () => {
    const pg = await startPgServer();
    cleanups.push(() => pg.stop());
    const db = await openDatabase({ url: pg.url });
    cleanups.push(() => db.close());
    await scenario(db);
  }, 180_000);
});
