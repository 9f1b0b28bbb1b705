/**
 * UU PDP erasure through the API on both databases. A student with every
 * kind of record — a behaviour observation, a manual flag, a case opened from
 * that flag (so `indicatorsAtOpen` keeps them), form text in declared and
 * undeclared keys of an event, notes, a consent with the guardian's
 * relationship, a referral to a named person, a home-visit record, a family
 * contact, a parent meeting, a generated letter, a funding step the kepsek
 * rejects with a reason and the guru BK asks again with a note, and the
 * notifications all of that wrote — is erased by the kepsek. Afterwards:
 * - no answer of any API route that shows the student, their cases or their
 *   work (as kepsek, guru BK, wali kelas) holds their name, NISN, guardian or
 *   any of that free text;
 * - no row of any table (every table, read generically) holds it;
 * - SQLite: no byte of the database file or its WAL holds it
 *   (`secure_delete=ON`, a checkpoint); PostgreSQL: no tuple, live or dead,
 *   of any heap or TOAST page holds it (`VACUUM` of the touched tables), and
 *   with `JALUR_ERASE_VACUUM=full` no byte of any table or index file;
 * - the reports count the same and every case still replays to its snapshot.
 * SQLite runs on a temp file; PostgreSQL on a throwaway real server
 * (`scripts/pg-server.mjs`).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '@jalur/api';
import { CompiledPathways, replayCase } from '../../packages/cases/src/index.ts';
import { openDatabase, type JalurDb } from '../../packages/db/src/index.ts';
import { startPgServer } from '../../scripts/pg-server.mjs';

const cleanups: (() => unknown)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

const PERSON = { nisn: '0077665544', name: 'Wulan Kusumaningrum', className: 'X-1', guardianName: 'Bapak Sudarsono Wiryo', guardianPhone: '+62 813-9988-7766' };
/** Free text about the student, each unique so it can be searched for anywhere. */
const T = {
  rejection: 'Ditolak karena keluarga Wulan masih punya tabungan',
  askedAgain: 'Tabungan keluarga Wulan sudah habis untuk berobat',
  formText: 'Ayah merantau ke Malaysia sejak Juni',
  undeclared: 'Kakaknya bernama Sekar Ayuningtyas',
  undeclaredNested: 'Tetangga di Gang Melati nomor tujuh',
  noteUmum: 'Catatan umum tentang kehadiran Wulan',
  noteRahasia: 'Cerita rahasia tentang kakaknya',
  visit: 'Atap rumah bocor di musim hujan',
  referral: 'Dirujuk karena kecemasan berat',
  referralTarget: 'Psikolog Ibu Ratna Paramitha',
  relationship: 'paman dari pihak ibunda',
  flag: 'Sering terlambat karena menjaga adik',
  behaviour: 'Berkelahi di kantin dengan kakak kelas',
  contactOutcome: 'Ibu Wulan berjanji datang hari Kamis',
  contactRelation: 'bibi pengasuh serumah',
  meetingPlace: 'Rumah kepala dusun Kalimati',
  meetingPurpose: 'Membahas biaya seragam Wulan',
};
const SECRETS = [PERSON.name, PERSON.nisn, PERSON.guardianName, PERSON.guardianPhone, ...Object.values(T)];

/** A pathway with a text field, a choice, a number and a date, a monitoring step the wali kelas works (so they are notified), a close. */
const ERASE_PATHWAY = {
  format: 'jalur.pathway/1', key: 'uji-hapus', title: { id: 'Alur hapus', en: 'Erasure pathway' }, layout: {},
  machine: { id: 'uji-hapus', initial: 'asesmen', states: {
    asesmen: {
      meta: { kind: 'assessment', title: { id: 'Asesmen', en: 'Assessment' }, roles: ['guru_bk'], confidentiality: 'umum', form: [
        { name: 'cerita', type: 'text', label: { id: 'Cerita' } },
        { name: 'alasan', type: 'choice', options: ['ekonomi', 'motivasi'], label: { id: 'Alasan' } },
        { name: 'skor', type: 'number', label: { id: 'Skor' } },
        { name: 'tanggal', type: 'date', label: { id: 'Tanggal' } },
      ] },
      on: { ASESMEN: { target: 'pantau' } },
    },
    pantau: { meta: { kind: 'monitoring', title: { id: 'Pemantauan', en: 'Monitoring' }, roles: ['guru_bk', 'wali_kelas'] }, on: { SELESAI: 'selesai' } },
    selesai: { type: 'final', meta: { kind: 'closure', title: { id: 'Selesai', en: 'Closed' } } },
  } },
};
const FUNDING = {
  format: 'jalur.pathway/1', key: 'uji-dana', title: { id: 'Dana' }, layout: {},
  machine: { id: 'dana', initial: 'dana', states: {
    dana: {
      meta: {
        kind: 'funding', title: { id: 'Bantuan biaya' }, roles: ['guru_bk'], requiresApproval: true, dueInDays: 3,
        form: [{ name: 'dana', type: 'register', register: 'fund', label: { id: 'Sumber dana' } }, { name: 'amount', type: 'number', label: { id: 'Nominal' } }],
      },
      on: { CAIR: 'selesai' },
    },
    selesai: { type: 'final', meta: { kind: 'closure', title: { id: 'Selesai' } } },
  } },
};

/** Every row of the given tables, as text. */
async function tableRows(db: JalurDb, tables: readonly string[]): Promise<string> {
  const h = db.reportHandle;
  const out: string[] = [];
  for (const name of tables) {
    if (h.dialect === 'sqlite') for (const row of h.sqlite.prepare(`SELECT * FROM "${name}"`).all()) out.push(JSON.stringify(row));
    else for (const row of await h.client.unsafe(`SELECT row_to_json(t)::text AS j FROM "${name}" t`)) out.push(String(row.j));
  }
  return out.join('\n');
}

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

/** Text the scenario searches for personal strings after the erasure: the bytes on disk, or what tuples hold. */
type RawBytes = () => Promise<string>;

const sqliteBytes = (file: string): RawBytes => async () =>
  [file, `${file}-wal`].filter((f) => existsSync(f)).map((f) => readFileSync(f).toString('latin1')).join('\n');

/** PostgreSQL: the schema's tables (heap, TOAST and indexes) as `pg_class` rows. */
async function pgRelations(db: JalurDb): Promise<{ oid: number; kind: string; path: string | null }[]> {
  const h = db.reportHandle;
  if (h.dialect !== 'postgres') throw new Error('postgres only');
  return h.client<{ oid: number; kind: string; path: string | null }[]>`
    SELECT c.oid::int AS oid, c.relkind::text AS kind, pg_relation_filepath(c.oid) AS path FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'i')
    UNION ALL
    SELECT c.reltoastrelid::int, 't', pg_relation_filepath(c.reltoastrelid) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.reltoastrelid <> 0`;
}

/** PostgreSQL: every byte of every heap, TOAST and index file of the schema's tables, after a checkpoint wrote the buffers out. */
const pgBytes = (db: JalurDb, dataDir: string): RawBytes => async () => {
  const h = db.reportHandle;
  if (h.dialect !== 'postgres') throw new Error('postgres only');
  await h.client.unsafe('CHECKPOINT');
  const out: string[] = [];
  for (const { path } of await pgRelations(db)) {
    if (!path) continue;
    for (let seg = 0; ; seg++) {
      const f = join(dataDir, seg === 0 ? path : `${path}.${seg}`);
      if (!existsSync(f)) break;
      out.push(readFileSync(f).toString('latin1'));
    }
  }
  return out.join('\n');
};

/** PostgreSQL: the data of every tuple, live or dead, in every heap and TOAST page of the schema's tables (pageinspect). */
const pgTuples = (db: JalurDb): RawBytes => async () => {
  const h = db.reportHandle;
  if (h.dialect !== 'postgres') throw new Error('postgres only');
  await h.client.unsafe('CREATE EXTENSION IF NOT EXISTS pageinspect');
  const out: string[] = [];
  for (const { oid, kind } of await pgRelations(db)) {
    if (kind === 'i') continue;
    const rows = await h.client.unsafe(
      `SELECT encode(t.t_data, 'escape') AS d FROM generate_series(0, pg_relation_size(${oid}::regclass) / current_setting('block_size')::int - 1) AS b,
       LATERAL heap_page_items(get_raw_page(${oid}::regclass::text, b::int)) t WHERE t.t_data IS NOT NULL`,
    );
    for (const r of rows) out.push(String(r.d));
  }
  return out.join('\n');
};

async function scenario(db: JalurDb, raw: RawBytes, checks: Record<string, RawBytes> = {}) {
  const now = new Date('2026-02-02T01:00:00Z');
  const must = <T,>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };
  const district = await db.districts.create({ name: 'Kabupaten Uji', now });
  const school = await db.schools.create({ districtId: district.id, name: 'Sekolah Uji', now });
  const user = async (role: 'kepsek' | 'guru_bk' | 'wali_kelas' | 'tim') =>
    must(await db.users.create({ email: `${role}@hapus.uji`, name: role, role, schoolId: school.id, districtId: district.id, className: role === 'wali_kelas' ? 'X-1' : null, password: 'hapus-uji-123', now }));
  const kepsek = await user('kepsek');
  const bk = await user('guru_bk');
  const wali = await user('wali_kelas');
  const scope = { districtId: district.id, schoolId: school.id };
  const p = must(await db.pathways.create(scope, { key: ERASE_PATHWAY.key, title: 'Hapus', draft: ERASE_PATHWAY, updatedBy: kepsek.id, now }));
  must(await db.pathways.publish(scope, { id: p.id, publishedBy: kepsek.id, now }));
  const fp = must(await db.pathways.create(scope, { key: FUNDING.key, title: 'Dana', draft: FUNDING, updatedBy: kepsek.id, now }));
  must(await db.pathways.publish(scope, { id: fp.id, publishedBy: kepsek.id, now }));
  const app = createApp({ db, compiled: new CompiledPathways(db) });
  const tokens = new Map<string, string>();
  const call = async (u: { id: string }, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    if (!tokens.has(u.id)) tokens.set(u.id, (await db.sessions.create({ userId: u.id, now: new Date() })).token);
    const res = await app.request(path, { method, headers: { authorization: `Bearer ${tokens.get(u.id)}`, 'content-type': 'application/json', ...headers }, ...(body ? { body: JSON.stringify(body) } : {}) });
    const text = await res.text();
    let parsed: any = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // a PDF or CSV
    }
    return { status: res.status, body: parsed, text };
  };
  const expectOk = (r: { status: number; body: unknown }, what: string) => expect(r.status, `${what}: ${JSON.stringify(r.body)}`).toBeLessThan(300);

  const student = await call(bk, 'POST', '/api/students', PERSON, { 'idempotency-key': 'siswa-1' });
  expectOk(student, 'student');
  const studentId = student.body.id as string;
  expectOk(await call(bk, 'POST', '/api/indicators', { entries: [{ nisn: PERSON.nisn, kind: 'behaviour', period: '2026-01', values: { incidents: 3, description: T.behaviour } }] }), 'behaviour');
  const flag = await call(wali, 'POST', '/api/flags', { studentId, reason: T.flag });
  expectOk(flag, 'flag');
  const opened = await call(bk, 'POST', `/api/flags/${flag.body.id}/open-case`, { pathwayId: p.id, assigneeId: bk.id }, { 'idempotency-key': 'kasus-1' });
  expectOk(opened, 'open from flag');
  const caseId = opened.body.id as string;
  const opening = await call(bk, 'GET', `/api/cases/${caseId}/opening`);
  expect(opening.text).toContain(T.behaviour);
  expect(opening.text).toContain(T.flag);

  // Keys no step declares: the engine gate may refuse them (then only the declared ones are sent); stored ones must be erased too.
  const declared = { cerita: T.formText, alasan: 'ekonomi', skor: 3, tanggal: '2026-02-01' };
  let event = await call(bk, 'POST', `/api/cases/${caseId}/events`, { type: 'ASESMEN', data: { ...declared, namaKakak: T.undeclared, rincian: { tetangga: [T.undeclaredNested] } }, expectedVersion: 1 }, { 'idempotency-key': 'asesmen-1' });
  if (event.status >= 400 && event.status < 500) event = await call(bk, 'POST', `/api/cases/${caseId}/events`, { type: 'ASESMEN', data: declared, expectedVersion: 1 });
  expectOk(event, 'event');
  const undeclaredStored = (await allRows(db)).includes(T.undeclared);
  expectOk(await call(bk, 'POST', `/api/cases/${caseId}/notes`, { body: T.noteUmum, confidentiality: 'umum' }), 'note');
  expectOk(await call(bk, 'POST', `/api/cases/${caseId}/notes`, { body: T.noteRahasia, confidentiality: 'rahasia' }), 'note rahasia');
  expectOk(await call(bk, 'POST', `/api/cases/${caseId}/consents`, { purpose: 'referral', givenBy: PERSON.guardianName, relationship: T.relationship, method: 'written', givenAt: '2026-02-01' }), 'consent');
  expectOk(await call(bk, 'POST', `/api/cases/${caseId}/records`, { kind: 'home_visit', data: { plan: 'Kunjungan', date: '2026-02-03', visitors: ['Guru BK'], findings: T.visit } }), 'record');
  expectOk(await call(bk, 'POST', `/api/cases/${caseId}/referrals`, { target: 'psychologist', targetName: T.referralTarget, reason: T.referral }), 'referral');
  // The Satgas registers (issue 15): a referral to a partner of the register, the student as a trained peer counsellor at a
  // supervision session whose notes name them, and a group session with a classmate whose topic and summary name them.
  const partner = await call(kepsek, 'POST', '/api/registers/partners', { name: 'Puskesmas Kalimati', kind: 'puskesmas', address: 'Jl. Kalimati 1' });
  expectOk(partner, 'partner');
  expectOk(await call(bk, 'POST', `/api/cases/${caseId}/referrals`, { partnerId: partner.body.id, reason: T.referral }), 'referral to a partner');
  const peer = await call(bk, 'POST', '/api/registers/peer-counsellors', { studentId, trainedOn: '2026-01-10', trainingName: 'Pelatihan PIK-R' });
  expectOk(peer, 'peer counsellor');
  expectOk(await call(bk, 'POST', '/api/registers/supervisions', { heldOn: '2026-02-01', counsellorIds: [peer.body.id], notes: `${PERSON.name} berlatih mendengar aktif` }), 'supervision');
  const classmate = await call(bk, 'POST', '/api/students', { nisn: '0077665545', name: 'Teman Sekelas', className: 'X-1' });
  expectOk(classmate, 'classmate');
  const classmateCase = await call(bk, 'POST', '/api/cases', { studentId: classmate.body.id, pathwayId: p.id, assigneeId: bk.id });
  expectOk(classmateCase, 'classmate case');
  const group = await call(bk, 'POST', '/api/registers/group-sessions', { heldOn: '2026-02-01', topic: `Cita-cita ${PERSON.name}`, summary: `${PERSON.name} dan teman sekelas berbagi cita-cita`, caseIds: [caseId, classmateCase.body.id] });
  expectOk(group, 'group session');
  expectOk(await call(bk, 'POST', `/api/cases/${caseId}/family/contacts`, { guardianName: PERSON.guardianName, relationship: T.contactRelation, phone: PERSON.guardianPhone, channel: 'phone', outcome: T.contactOutcome }), 'contact');
  expectOk(await call(bk, 'POST', `/api/cases/${caseId}/family/meetings`, { scheduledAt: new Date(Date.now() + 7 * 86_400_000).toISOString(), place: T.meetingPlace, purpose: T.meetingPurpose, guardianName: PERSON.guardianName }), 'meeting');
  const letter = await call(bk, 'POST', `/api/cases/${caseId}/documents`, { kind: 'buku_kasus' });
  expectOk(letter, 'document');

  const fundingCase = await call(bk, 'POST', '/api/cases', { studentId, pathwayId: fp.id, assigneeId: bk.id });
  expectOk(fundingCase, 'funding case');
  const approval = ((await call(kepsek, 'GET', '/api/approvals')).body.items as { id: string; caseId: string }[]).find((t) => t.caseId === fundingCase.body.id);
  expect(approval).toBeDefined();
  expectOk(await call(kepsek, 'POST', `/api/tasks/${approval!.id}/decision`, { decision: 'rejected', reason: T.rejection }), 'decision');
  expectOk(await call(bk, 'POST', `/api/tasks/${approval!.id}/approval-request`, { note: T.askedAgain }), 'asked again');
  // The fund ledger (issue 15): an orang tua asuh pledged to the student, a fund, a donation, and the funding step paying out of it.
  const sponsor = await call(kepsek, 'POST', '/api/registers/sponsors', { kind: 'orang_tua_asuh', party: 'person', name: 'Ibu Dermawati', pledgeAmount: 250_000, pledgePeriod: 'monthly', pledgeStudentId: studentId });
  expectOk(sponsor, 'sponsor');
  const fund = await call(kepsek, 'POST', '/api/registers/funds', { name: 'Dana orang tua asuh Ibu Dermawati', source: 'orang_tua_asuh', sponsorId: sponsor.body.id });
  expectOk(fund, 'fund');
  expectOk(await call(kepsek, 'POST', `/api/registers/funds/${fund.body.id}/donations`, { amount: 500_000, date: '2026-02-01' }), 'donation');
  const again = ((await call(kepsek, 'GET', '/api/approvals')).body.items as { id: string; caseId: string }[]).find((t) => t.caseId === fundingCase.body.id)!;
  expectOk(await call(kepsek, 'POST', `/api/tasks/${again.id}/decision`, { decision: 'approved' }), 'approved');
  const fundingRow = (await db.cases.get(school.id, fundingCase.body.id))!;
  expectOk(await call(bk, 'POST', `/api/cases/${fundingCase.body.id}/events`, { type: 'CAIR', expectedVersion: fundingRow.version, data: { dana: fund.body.id, amount: 200_000 } }), 'paid out');
  const ledgerBefore = (await call(kepsek, 'GET', `/api/registers/funds/${fund.body.id}`)).body;
  expect(ledgerBefore.entries[0].student).toMatchObject({ name: PERSON.name, caseId: fundingCase.body.id });
  const notified = [...(await call(bk, 'GET', '/api/notifications')).body.items, ...(await call(kepsek, 'GET', '/api/notifications')).body.items, ...(await call(wali, 'GET', '/api/notifications')).body.items];
  expect(notified.some((n: { caseId?: string }) => n.caseId === caseId)).toBe(true);

  const before = await allRows(db);
  const written = SECRETS.filter((s) => s !== T.undeclared && s !== T.undeclaredNested);
  for (const s of written) expect(before, `the scenario wrote "${s}"`).toContain(s);
  expect((await raw()).includes(PERSON.name), 'the name is on disk before the erasure').toBe(true);
  const counts = async () => ({ ...(await call(kepsek, 'GET', '/api/reports/summary')).body, generatedAt: null });
  const summary = await counts();

  const erased = await call(kepsek, 'POST', `/api/students/${studentId}/erase`, { confirm: PERSON.nisn });
  expect(erased.status, JSON.stringify(erased.body)).toBe(200);

  const leftIn = (text: string) => SECRETS.filter((s) => text.includes(s));
  const show = (text: string, left: string[]) => text.split('\n').filter((l) => left.some((x) => l.includes(x))).join('\n').slice(0, 2000);

  // Every API answer that shows the student, their cases or their work.
  const caseIds = [caseId, fundingCase.body.id as string];
  const answers: string[] = [];
  const readers = [kepsek, bk, wali];
  const paths = [
    `/api/students/${studentId}`, '/api/students', `/api/students/${studentId}/indicators`, `/api/students/${studentId}/export`, '/api/early-warning',
    '/api/tasks', '/api/approvals', '/api/notifications', '/api/referrals', '/api/cases', `/api/cases?studentId=${studentId}`, '/api/board',
    '/api/registers/sponsors', '/api/registers/funds', `/api/registers/funds/${fund.body.id}`,
    '/api/registers/peer-counsellors', '/api/registers/supervisions', '/api/registers/group-sessions', `/api/registers/group-sessions/${group.body.id}`,
    `/api/registers/partners/${partner.body.id}`, `/api/cases/${classmateCase.body.id}/group-sessions`,
    ...caseIds.flatMap((id) => [`/api/cases/${id}`, `/api/cases/${id}/events`, `/api/cases/${id}/opening`, `/api/cases/${id}/notes`, `/api/cases/${id}/consents`,
      `/api/cases/${id}/referrals`, `/api/cases/${id}/records`, `/api/cases/${id}/family`, `/api/cases/${id}/documents`, `/api/cases/${id}/group-sessions`]),
  ];
  for (const u of readers) for (const path of paths) answers.push(`${path} → ${(await call(u, 'GET', path)).text}`);
  const api = answers.join('\n');
  expect(api).toContain(caseId); // the answers were real ones
  expect(leftIn(api), `personal data in some API answer:\n${show(api, leftIn(api))}`).toEqual([]);

  const after = await allRows(db);
  expect(leftIn(after), `personal data left in some table:\n${show(after, leftIn(after))}`).toEqual([]);
  if (undeclaredStored) expect(before).toContain(T.undeclared);

  const bytes = await raw();
  expect(leftIn(bytes), 'personal data left in the bytes on disk').toEqual([]);
  // The ledger keeps the amounts for the books, and names neither the student nor their cases (nor does the pledge).
  const ledgerAfter = (await call(kepsek, 'GET', `/api/registers/funds/${fund.body.id}`)).body;
  expect(ledgerAfter).toMatchObject({ totalIn: 500_000, totalOut: 200_000, balance: 300_000 });
  expect(ledgerAfter.entries[0]).toMatchObject({ direction: 'out', amount: 200_000, receiptNumber: ledgerBefore.entries[0].receiptNumber, student: { name: null, caseId: null, erased: true } });
  const fundRows = await tableRows(db, ['fund_entries', 'sponsors']);
  expect(fundRows).toContain('200000');
  for (const id of [studentId, ...caseIds]) expect(fundRows, 'the ledger or a pledge still names the student or a case').not.toContain(id);
  for (const [what, read] of Object.entries(checks)) expect(leftIn(await read()), `personal data left in ${what}`).toEqual([]);

  expect(await counts()).toEqual(summary);
  for (const id of caseIds) {
    const row = (await db.cases.get(school.id, id))!;
    expect(await replayCase(db, row)).toEqual(row.snapshot);
  }
  // What guards and reports read stays: the declared choice, number and date.
  const row = (await db.cases.get(school.id, caseId))!;
  expect((row.snapshot as { context: { form: Record<string, unknown> } }).context.form).toMatchObject({ alasan: 'ekonomi', skor: 3, tanggal: '2026-02-01' });
}

describe('erasure on both databases', () => {
  it('SQLite', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jalur-erase-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'jalur.db');
    const db = await openDatabase({ url: `file:${file}` });
    cleanups.push(() => db.close());
    await scenario(db, sqliteBytes(file));
  }, 120_000);

  // Plain VACUUM (the default): no tuple, live or dead, in any heap or TOAST page holds the text any more.
  it('PostgreSQL', async () => {
    const pg = await startPgServer();
    cleanups.push(() => pg.stop());
    const db = await openDatabase({ url: pg.url });
    cleanups.push(() => db.close());
    await scenario(db, pgTuples(db));

    // VACUUM FULL (JALUR_ERASE_VACUUM=full): not a byte of any table or index file holds it either.
    const full = await openDatabase({ url: pg.createDatabase('jalur_full') });
    cleanups.push(() => full.close());
    process.env.JALUR_ERASE_VACUUM = 'full';
    try {
      await scenario(full, pgBytes(full, join(pg.dir, 'data')), { tuples: pgTuples(full) });
    } finally {
      delete process.env.JALUR_ERASE_VACUUM;
    }
  }, 240_000);
});
