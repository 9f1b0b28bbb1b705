/**
 * Issue 15's documents and family contact through the real API on the
 * seeded demo database (real seed, real engine, temp SQLite file): the
 * kepsek sets the letterhead (logo checked for type and size) and NIPs, the
 * guru BK records a home visit, a case conference, a counseling session, a
 * consent and referral, a parent meeting, a rahasia note; then every
 * document is generated and read back as a reader would: `pdftotext` for
 * the words (school, student, Indonesian date, number, signatures, NIP) and
 * `pdftoppm` for the pages (PNG files under test-results/documents-api/ to
 * look at). A wali kelas's case book leaves the rahasia content out; every
 * generation is audited; bad input is 4xx with the error shape.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '@jalur/api';
import { createApiContext } from '@jalur/api/testing';
import { documentRoutes } from '@jalur/api/testing';
import { createRouter } from '@jalur/api/testing';
import { ManualClock } from '@jalur/api';
import type { CaseRow, User } from '../../packages/db/src/index.ts';
import { tanggal } from '../../packages/documents/src/index.ts';
import { openDemoDb, ROOT, type DemoDb } from '../reports/demo-db.ts';
import { emblem } from './png.ts';

const OUT = join(ROOT, 'test-results', 'documents-api');
const NOW = new Date('2026-12-06T03:00:00Z');
const TODAY = tanggal(NOW);
const RAHASIA_NOTE = 'Siswa bercerita tentang kekerasan oleh pamannya';
const BK_NIP = '198001012005012001';
const KEPSEK_NIP = '197001011995031001';

let demo: DemoDb;
let app: ReturnType<typeof createApp>;
let clock: ManualClock;
let kepsek: User;
let bk: User;
let wali: User;
let kase: CaseRow;
let studentName: string;
const tokens = new Map<string, string>();

async function call(user: User, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  let token = tokens.get(user.id);
  if (!token) tokens.set(user.id, (token = (await demo.db.sessions.create({ userId: user.id, now: clock.now() })).token));
  const h: Record<string, string> = { authorization: `Bearer ${token}`, ...headers };
  let payload: Uint8Array | string | undefined;
  if (body instanceof Uint8Array) payload = body;
  else if (body !== undefined) {
    h['content-type'] ??= 'application/json';
    payload = JSON.stringify(body);
  }
  const res = await app.request(`/api${path}`, { method, headers: h, ...(payload !== undefined ? { body: payload as never } : {}) });
  const bytes = new Uint8Array(await res.arrayBuffer());
  const type = res.headers.get('content-type') ?? '';
  return { status: res.status, headers: res.headers, bytes, json: type.includes('json') ? JSON.parse(Buffer.from(bytes).toString('utf8')) : undefined };
}

function pdfToText(bytes: Uint8Array, name: string): string {
  const file = join(OUT, `${name}.pdf`);
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}
function pdfToPngs(name: string): string[] {
  execFileSync('pdftoppm', ['-png', '-r', '70', join(OUT, `${name}.pdf`), join(OUT, name)]);
  return readdirSync(OUT).filter((f) => f.startsWith(`${name}-`) && f.endsWith('.png'));
}

beforeAll(async () => {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  demo = await openDemoDb();
  clock = new ManualClock(NOW);
  app = createApp({ db: demo.db, clock });
  kepsek = await demo.user('kepsek@sekolah-a.demo');
  bk = await demo.user('bk@sekolah-a.demo');
  wali = await demo.user('walikelas@sekolah-a.demo');
  const cases = await demo.db.cases.list(demo.schoolA, { status: 'active', assigneeId: bk.id, className: wali.className! });
  // The seed's dates follow the real clock, so which demo case has submitted
  // steps changes from day to day: take one that has (the case book lists them).
  const withAnswers = [];
  for (const c of cases) {
    const events = await demo.db.cases.events(demo.schoolA, c.id);
    const submitted = (e: (typeof events)[number]) => e.actorId !== null && !/^[a-z]+\./.test(e.type) && e.data && Object.keys(e.data).length > 0;
    if (events.some(submitted)) withAnswers.push(c);
  }
  kase = withAnswers[0]!;
  expect(kase, 'a demo case of the wali kelas’s class with submitted steps').toBeDefined();
  const student = (await demo.db.students.get(demo.schoolA, kase.studentId))!;
  studentName = student.name;
  await demo.db.students.update(demo.schoolA, student.id, { guardianName: 'Suryani', guardianPhone: '0812-3456-7890' }, { now: NOW, actorId: kepsek.id });
}, 180_000);
afterAll(async () => demo?.close());

const generated: { kind: string; number: string; by: string }[] = [];

describe('the letterhead and NIPs (kepsek)', () => {
  it('saves the school profile; others may read it but not change it', async () => {
    const r = await call(kepsek, 'PUT', '/school/profile', { authority: 'Pemerintah Provinsi Jambi\nDinas Pendidikan', address: 'Jl. Lintas Timur No. 1, Muara Sabak', city: 'Muara Sabak', phone: '(0740) 123456', email: 'sekolah-a@example.sch.id', letterCode: 'SKA' });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ city: 'Muara Sabak', letterCode: 'SKA', hasLogo: false });
    expect((await call(bk, 'GET', '/school/profile')).json.city).toBe('Muara Sabak');
    const denied = await call(bk, 'PUT', '/school/profile', { city: 'X' });
    expect(denied.status).toBe(403);
    expect(denied.json.error.code).toBe('forbidden');
    const bad = await call(kepsek, 'PUT', '/school/profile', { email: 'bukan-surel', extra: 1 });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('invalid_request');
  });

  it('accepts a PNG logo and refuses other types, oversized files and fake images', async () => {
    const logo = emblem();
    const ok = await call(kepsek, 'PUT', '/school/logo', logo, { 'content-type': 'image/png' });
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ hasLogo: true, logoMime: 'image/png' });
    const back = await call(bk, 'GET', '/school/logo');
    expect(back.status).toBe(200);
    expect(Buffer.from(back.bytes).equals(Buffer.from(logo))).toBe(true);
    const svg = await call(kepsek, 'PUT', '/school/logo', new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'), { 'content-type': 'image/svg+xml' });
    expect([svg.status, svg.json.error.code]).toEqual([415, 'unsupported_media_type']);
    const big = new Uint8Array(600 * 1024);
    big.set(logo);
    const tooBig = await call(kepsek, 'PUT', '/school/logo', big, { 'content-type': 'image/png' });
    expect([tooBig.status, tooBig.json.error.code]).toEqual([413, 'logo_too_large']);
    const fake = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 1, 2, 3, 4]);
    const notImage = await call(kepsek, 'PUT', '/school/logo', fake, { 'content-type': 'image/png' });
    expect([notImage.status, notImage.json.error.code]).toEqual([400, 'invalid_image']);
    const wrongMagic = await call(kepsek, 'PUT', '/school/logo', logo, { 'content-type': 'image/jpeg' });
    expect(wrongMagic.status).toBe(400);
    expect((await call(bk, 'PUT', '/school/logo', logo, { 'content-type': 'image/png' })).status).toBe(403);
    expect((await call(bk, 'GET', '/school/profile')).json.hasLogo).toBe(true);
  });

  it('sets NIPs (18 digits) for the staff who sign', async () => {
    expect((await call(kepsek, 'PUT', `/school/staff/${bk.id}/nip`, { nip: BK_NIP })).status).toBe(200);
    expect((await call(kepsek, 'PUT', `/school/staff/${kepsek.id}/nip`, { nip: KEPSEK_NIP })).status).toBe(200);
    const bad = await call(kepsek, 'PUT', `/school/staff/${bk.id}/nip`, { nip: '1980-01' });
    expect([bad.status, bad.json.error.code]).toEqual([400, 'invalid_request']);
    const other = await demo.user('bk@sekolah-b.demo');
    expect((await call(kepsek, 'PUT', `/school/staff/${other.id}/nip`, { nip: BK_NIP })).status).toBe(404);
    expect((await call(bk, 'GET', '/school/staff')).status).toBe(403);
    const staff = await call(kepsek, 'GET', '/school/staff');
    expect(staff.json.items.find((s: { id: string }) => s.id === bk.id).nip).toBe(BK_NIP);
  });
});

describe('family contact', () => {
  it('fills a template from the case, logs it and answers a wa.me link', async () => {
    const family = await call(bk, 'GET', `/cases/${kase.id}/family`);
    expect(family.status).toBe(200);
    expect(family.json.guardian).toMatchObject({ name: 'Suryani', phone: '6281234567890', phoneDisplay: '0812-3456-7890', phoneProblem: null });
    const undangan = family.json.templates.find((t: { key: string }) => t.key === 'undangan');
    expect(undangan.text).toContain(`Yth. Bapak/Ibu Suryani, orang tua/wali dari ${studentName}`);
    const sent = await call(bk, 'POST', `/cases/${kase.id}/family/messages`, { template: 'undangan', channel: 'whatsapp' });
    expect(sent.status).toBe(201);
    expect(sent.json.url.startsWith('https://wa.me/6281234567890?text=')).toBe(true);
    expect(decodeURIComponent(sent.json.url.split('?text=')[1])).toContain(studentName);
    clock.advance(60_000);
    const sms = await call(bk, 'POST', `/cases/${kase.id}/family/messages`, { template: 'terima_kasih', channel: 'sms', phone: '+62 813-1111-2222' });
    expect(sms.json.url.startsWith('sms:+6281311112222?body=')).toBe(true);
    const after = await call(bk, 'GET', `/cases/${kase.id}/family`);
    expect(after.json.contacts.map((c: { template: string; channelLabel: string }) => [c.template, c.channelLabel])).toEqual([['terima_kasih', 'SMS'], ['undangan', 'WhatsApp']]);
    expect((await demo.db.audit.list(demo.schoolA, { action: 'family.contact' })).length).toBe(2);
  });

  it('refuses an invalid phone number with a clear message, and changes nothing', async () => {
    for (const phone of ['021-555-1234', '12345', 'abc']) {
      const r = await call(bk, 'POST', `/cases/${kase.id}/family/messages`, { template: 'pengingat', channel: 'whatsapp', phone });
      expect(r.status, phone).toBe(422);
      expect(r.json.error.code).toBe('invalid_phone');
      expect(r.json.error.message).toMatch(/Nomor HP tidak valid/);
    }
    expect((await call(bk, 'GET', `/cases/${kase.id}/family`)).json.contacts.length).toBe(2);
  });

  it('logs a call by hand and keeps rahasia outcomes from the wali kelas', async () => {
    const r = await call(bk, 'POST', `/cases/${kase.id}/family/contacts`, { channel: 'phone', outcome: 'Ibu menceritakan utang keluarga', confidentiality: 'rahasia', relationship: 'Ibu' });
    expect(r.status).toBe(201);
    expect((await call(wali, 'POST', `/cases/${kase.id}/family/contacts`, { channel: 'phone', outcome: 'x', confidentiality: 'rahasia' })).status).toBe(403);
    const forWali = await call(wali, 'GET', `/cases/${kase.id}/family`);
    expect(forWali.status).toBe(200);
    expect(JSON.stringify(forWali.json.contacts)).not.toContain('utang');
    const future = await call(bk, 'POST', `/cases/${kase.id}/family/contacts`, { channel: 'phone', outcome: 'x', contactedAt: '2027-01-01T00:00:00Z' });
    expect(future.status).toBe(422);
  });

  it('schedules a parent meeting with a reminder task for the host', async () => {
    const past = await call(bk, 'POST', `/cases/${kase.id}/family/meetings`, { scheduledAt: '2026-12-01T02:00:00Z', place: 'Ruang BK', purpose: 'x' });
    expect([past.status, past.json.error.code]).toEqual([422, 'meeting_in_past']);
    const r = await call(bk, 'POST', `/cases/${kase.id}/family/meetings`, { scheduledAt: '2026-12-08T02:30:00Z', place: 'Ruang BK', purpose: 'Membahas kehadiran dan rencana belajar' });
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({ when: 'Selasa, 8 Desember 2026, 09.30 WIB', status: 'scheduled', host: { id: bk.id } });
    const tasks = await demo.db.tasks.list(demo.schoolA, { caseId: kase.id, status: 'open', assigneeId: bk.id });
    expect(tasks.some((t) => t.kind === 'parent_meeting' && t.dueAt?.toISOString() === '2026-12-08T02:30:00.000Z')).toBe(true);
    // The reminder template now names the meeting.
    const family = await call(bk, 'GET', `/cases/${kase.id}/family`);
    expect(family.json.templates.find((t: { key: string }) => t.key === 'pengingat').text).toContain('Selasa, 8 Desember 2026 pukul 09.30 WIB di Ruang BK');
  });
});

describe('documents from the case’s records', () => {
  beforeAll(async () => {
    const must = async (p: Promise<{ status: number; json: any }>) => {
      const r = await p;
      if (r.status >= 300) throw new Error(`${r.status} ${JSON.stringify(r.json)}`);
      return r.json;
    };
    await must(call(bk, 'POST', `/cases/${kase.id}/notes`, { body: RAHASIA_NOTE, confidentiality: 'rahasia' }));
    await must(call(bk, 'POST', `/cases/${kase.id}/notes`, { body: 'Kehadiran minggu ini membaik.', confidentiality: 'umum' }));
    await must(call(bk, 'POST', `/cases/${kase.id}/records`, { kind: 'home_visit', confidentiality: 'terbatas', data: { plan: 'Mengenal kondisi keluarga', date: '2026-12-04', visitors: ['Bu Guru BK', 'Wali kelas X-1'], metWith: 'Suryani (ibu)', findings: 'Siswa membantu ibunya berjualan di pasar pagi.', followUp: 'Ajukan bantuan transportasi' } }));
    await must(call(bk, 'POST', `/cases/${kase.id}/records`, { kind: 'case_conference', confidentiality: 'terbatas', data: { date: '2026-12-05', attendees: ['Kepala sekolah', 'Guru BK', 'Wali kelas X-1'], decisions: 'Ajukan beasiswa dan pendampingan mingguan', notes: 'Keluarga bersedia bekerja sama.' } }));
    await must(call(bk, 'POST', `/cases/${kase.id}/records`, { kind: 'counseling_session', confidentiality: 'terbatas', data: { date: '2026-12-03', mode: 'individual', members: [], topic: 'Motivasi belajar', summary: 'Siswa menyusun jadwal belajar harian.' } }));
    await must(call(bk, 'POST', `/cases/${kase.id}/consents`, { purpose: 'referral', givenBy: 'Suryani', relationship: 'Ibu', method: 'written', granted: true, givenAt: '2026-12-05' }));
    await must(call(bk, 'POST', `/cases/${kase.id}/referrals`, { target: 'psychologist', targetName: 'Puskesmas Muara Sabak', reason: 'Kecemasan berat saat ujian' }));
  });

  async function generate(user: User, kind: string, pick = 0) {
    const list = await call(user, 'GET', `/cases/${kase.id}/documents`);
    expect(list.status).toBe(200);
    const entry = list.json.available.find((a: { kind: string }) => a.kind === kind);
    const body: { kind: string; subjectId?: string } = { kind };
    if (entry.needsSubject) {
      expect(entry.subjects.length, `${kind} has something to be about`).toBeGreaterThan(0);
      body.subjectId = entry.subjects[pick].id;
    }
    const r = await call(user, 'POST', `/cases/${kase.id}/documents`, body);
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/pdf');
    const number = r.headers.get('x-document-number')!;
    expect(r.headers.get('content-disposition')).toMatch(/^attachment; filename="[a-z-]+-[A-Za-z0-9-]+\.pdf"$/);
    generated.push({ kind, number, by: user.id });
    return { number, text: pdfToText(r.bytes, `${kind}-${user.role}`) };
  }

  const KINDS = ['buku_kasus', 'laporan_layanan', 'berita_acara_kunjungan', 'notulen_konferensi', 'surat_rujukan', 'surat_panggilan'] as const;
  for (const kind of KINDS) {
    it(`${kind}: on the letterhead, numbered, dated in Indonesian, signed with NIPs`, async () => {
      const { number, text } = await generate(bk, kind);
      expect(number).toMatch(/^001\/BK-[A-Z]+\/SKA\/XII\/2026$/);
      expect(text).toContain('SEKOLAH A');
      expect(text).toContain('PEMERINTAH PROVINSI JAMBI');
      expect(text).toContain('Muara Sabak');
      expect(text).toContain(number);
      expect(text).toContain(`Muara Sabak, ${TODAY}`);
      expect(text).toContain(studentName);
      expect(text).toContain(bk.name);
      expect(text).toContain(`NIP. ${BK_NIP}`);
      expect(text).toContain(kepsek.name);
      expect(text).toContain(`NIP. ${KEPSEK_NIP}`);
      expect(pdfToPngs(`${kind}-${bk.role}`).length).toBeGreaterThan(0);
    });
  }

  it('puts what was recorded into each document', async () => {
    const text = (kind: string) => pdfToText(new Uint8Array(Buffer.from(execFileSync('cat', [join(OUT, `${kind}-guru_bk.pdf`)]))), `${kind}-check`);
    expect(text('berita_acara_kunjungan')).toContain('Siswa membantu ibunya berjualan di pasar pagi.');
    expect(text('berita_acara_kunjungan')).toContain('Suryani (ibu)');
    expect(text('notulen_konferensi')).toContain('Ajukan beasiswa dan pendampingan mingguan');
    expect(text('laporan_layanan')).toContain('Siswa menyusun jadwal belajar harian.');
    expect(text('surat_rujukan')).toContain('Puskesmas Muara Sabak');
    expect(text('surat_rujukan')).toContain('Kecemasan berat saat ujian');
    expect(text('surat_rujukan')).toMatch(/Diberikan oleh Suryani \(Ibu\), 5 Desember 2026/);
    expect(text('surat_panggilan')).toContain('Selasa, 8 Desember 2026');
    expect(text('surat_panggilan')).toContain('09.30 WIB');
    const book = text('buku_kasus');
    expect(book).toContain(RAHASIA_NOTE);
    expect(book).toContain('RAHASIA');
    expect(book).toContain('Ibu menceritakan utang keluarga');
    expect(book).toMatch(/8 Desember 2026 09\.30 WIB\s+Ruang BK\s+Membahas kehadiran/);
    // Submitted steps show who submitted them (the seed's steps were submitted by the guru BK).
    expect(book).toMatch(/diisi oleh/);
    // Recorded choices read as words, not codes (`utuh_harmonis`, `motivation`).
    expect(book).not.toMatch(/\b[a-z]+_[a-z_]+\b/);
    expect(book).not.toMatch(/:\s+motivation\b/);
  });

  it("writes times in the school's own time zone: a WITA school's letter and messages say 10.30 WITA", async () => {
    expect((await call(kepsek, 'PUT', '/school-year', { timeZone: 'WITA' })).status).toBe(200);
    try {
      const family = await call(bk, 'GET', `/cases/${kase.id}/family`);
      expect(family.json.meetings[0].when).toBe('Selasa, 8 Desember 2026, 10.30 WITA');
      expect(family.json.templates.find((t: { key: string }) => t.key === 'pengingat').text).toContain('Selasa, 8 Desember 2026 pukul 10.30 WITA di Ruang BK');
      const { text } = await generate(bk, 'surat_panggilan');
      expect(text).toContain('10.30 WITA');
      expect(text).not.toContain('09.30 WIB');
    } finally {
      expect((await call(kepsek, 'PUT', '/school-year', { timeZone: 'WIB' })).status).toBe(200);
    }
  });

  it('numbers the next document of a kind one higher, per kind', async () => {
    const { number } = await generate(bk, 'buku_kasus');
    expect(number).toBe('002/BK-BKS/SKA/XII/2026');
  });

  it('leaves rahasia content out of a wali kelas’s case book, and refuses them letters', async () => {
    const { text } = await generate(wali, 'buku_kasus');
    expect(text).toContain(studentName);
    expect(text).not.toContain(RAHASIA_NOTE);
    expect(text).not.toContain('utang keluarga');
    expect(text).not.toContain('Kecemasan berat');
    expect(text).not.toContain('Siswa membantu ibunya');
    expect(text).toMatch(/bersifat rahasia dan tidak ditampilkan/);
    expect(text).not.toMatch(/^\s*RAHASIA\s*$/m);
    const letter = await call(wali, 'POST', `/cases/${kase.id}/documents`, { kind: 'surat_rujukan', subjectId: 'x' });
    expect([letter.status, letter.json.error.code]).toEqual([403, 'forbidden']);
  });

  it('audits every generation, with its number and whether rahasia content was printed', async () => {
    const rows = await demo.db.audit.list(demo.schoolA, { action: 'document.generate' });
    expect(rows.length).toBe(generated.length);
    for (const g of generated) expect(rows.some((a) => a.actorId === g.by && (a.details as { number?: string }).number === g.number)).toBe(true);
    const walis = rows.filter((a) => a.actorId === wali.id);
    expect(walis.map((a) => (a.details as { withRahasia: boolean }).withRahasia)).toEqual([false]);
    const list = await call(bk, 'GET', `/cases/${kase.id}/documents`);
    expect(list.json.issued.length).toBe(generated.length);
  });

  it('answers bad requests with 4xx and the error shape, issuing nothing', async () => {
    const before = (await demo.db.audit.list(demo.schoolA, { action: 'document.generate' })).length;
    const cases = [
      [{ kind: 'surat_sakti' }, 400, 'invalid_request'],
      [{ kind: 'berita_acara_kunjungan' }, 400, 'subject_required'],
      [{ kind: 'berita_acara_kunjungan', subjectId: 'tidak-ada' }, 404, 'not_found'],
      [{ kind: 'buku_kasus', extra: true }, 400, 'invalid_request'],
    ] as const;
    for (const [body, status, code] of cases) {
      const r = await call(bk, 'POST', `/cases/${kase.id}/documents`, body);
      expect([r.status, r.json.error.code], JSON.stringify(body)).toEqual([status, code]);
    }
    expect((await call(bk, 'POST', '/cases/tidak-ada/documents', { kind: 'buku_kasus' })).status).toBe(404);
    const otherSchool = await demo.user('bk@sekolah-b.demo');
    expect((await call(otherSchool, 'POST', `/cases/${kase.id}/documents`, { kind: 'buku_kasus' })).status).toBe(404);
    expect((await demo.db.audit.list(demo.schoolA, { action: 'document.generate' })).length).toBe(before);
  });
});

describe('erasure (UU PDP)', () => {
  it('puts the contact log, meetings and document register in the student’s data export', async () => {
    const r = await call(kepsek, 'GET', `/students/${kase.studentId}/export`);
    expect(r.status).toBe(200);
    const c = r.json.cases.find((x: { id: string }) => x.id === kase.id);
    expect(c.familyContacts.map((x: { channel: string }) => x.channel).sort()).toEqual(['sms', 'whatsapp']);
    expect(c.parentMeetings[0]).toMatchObject({ place: 'Ruang BK', status: 'scheduled' });
    expect(c.documents.length).toBe(generated.length);
  });

  it('de-identifies the contact log, parent meetings and the document register with the student', async () => {
    const student = (await demo.db.students.get(demo.schoolA, kase.studentId))!;
    const erased = await call(kepsek, 'POST', `/students/${student.id}/erase`, { confirm: student.nisn });
    expect(erased.status).toBe(200);
    const rows = (table: string) => JSON.stringify(demo.handle.sqlite.prepare(`SELECT * FROM ${table} WHERE case_id = ?`).all(kase.id));
    for (const table of ['family_contacts', 'parent_meetings', 'generated_documents']) {
      const text = rows(table);
      expect(text.length, table).toBeGreaterThan(10);
      for (const secret of ['Suryani', '6281234567890', '6281311112222', 'utang keluarga', 'Membahas kehadiran', 'Puskesmas Muara Sabak', studentName]) expect(text, `${table}: ${secret}`).not.toContain(secret);
    }
    const family = await call(bk, 'GET', `/cases/${kase.id}/family`);
    expect(family.json.contacts.every((c: { guardianName: string; phone: string | null }) => c.guardianName === '[dihapus / erased]' && c.phone === null)).toBe(true);
    // The register keeps numbers and kinds (counts stay), not who a letter was for.
    const docs = await call(bk, 'GET', `/cases/${kase.id}/documents`);
    expect(docs.json.issued.length).toBe(generated.length);
  });

  it('documents the new routes in OpenAPI (their own sub-app, as mounted under /api)', async () => {
    const sub = createRouter().route('/api', documentRoutes(createApiContext({ db: demo.db, clock })));
    const doc = sub.getOpenAPI31Document({ openapi: '3.1.0', info: { title: 'Jalur', version: '0' } }) as { paths: Record<string, unknown> };
    for (const path of ['/api/school/profile', '/api/school/logo', '/api/school/staff/{id}/nip', '/api/cases/{id}/documents', '/api/cases/{id}/family', '/api/cases/{id}/family/messages', '/api/cases/{id}/family/meetings/{meetingId}/status']) {
      expect(doc.paths[path], path).toBeDefined();
    }
  });
});
