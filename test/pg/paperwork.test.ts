/**
 * The paperwork repository (issue 15) on both databases, on the seeded demo
 * (real seed, real engine): letterhead and NIP, document numbers per school,
 * year and kind (a stale number is refused and changes nothing), the family
 * contact log under the notes' confidentiality rule (rahasia reads audited),
 * a parent meeting with its reminder task (the existing `tasks.remind`
 * mechanism) and erasure de-identifying all of it. SQLite on a temp file,
 * PostgreSQL on a throwaway real server.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '@jalur/api';
import { ManualClock } from '@jalur/api';
import type { CaseRow } from '../../packages/db/src/index.ts';
import { openDemoDb, type SeededDb } from '../reports/demo-db.ts';
import { openPgDemoDb } from '../reports/pg-demo-db.ts';

const NOW = new Date('2026-12-06T03:00:00Z');
const must = <T,>(r: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
};

describe.each([
  ['sqlite', openDemoDb],
  ['postgres', openPgDemoDb],
] as const)('paperwork on %s', (_name, open) => {
  let world: SeededDb;
  let kase: CaseRow;
  let other: CaseRow;
  let bk: { id: string };
  let kepsek: { id: string };
  let wali: { id: string; className: string | null };

  beforeAll(async () => {
    world = await open();
    bk = await world.user('bk@sekolah-a.demo');
    kepsek = await world.user('kepsek@sekolah-a.demo');
    wali = await world.user('walikelas@sekolah-a.demo');
    const cases = await world.db.cases.list(world.schoolA, { status: 'active', assigneeId: bk.id });
    // A case of the wali kelas's class, so their view can be compared with the guru BK's.
    kase = (await world.db.cases.list(world.schoolA, { status: 'active', assigneeId: bk.id, className: wali.className! }))[0]!;
    other = cases.find((c) => c.id !== kase.id)!;
    expect(kase).toBeDefined();
  }, 180_000);
  afterAll(async () => world?.close());

  it('keeps the letterhead and NIPs per school, audited', async () => {
    const { db, schoolA, schoolB } = world;
    expect(await db.paperwork.getSchoolProfile(schoolA)).toBeNull();
    await db.paperwork.setSchoolProfile(schoolA, { address: 'Jl. Lintas Timur 1', city: 'Muara Sabak', logo: { base64: 'iVBORw0KGgo=', mime: 'image/png' } }, { actorId: kepsek.id, now: NOW });
    const p = await db.paperwork.setSchoolProfile(schoolA, { phone: '0740-123' }, { actorId: kepsek.id, now: NOW });
    expect(p).toMatchObject({ address: 'Jl. Lintas Timur 1', city: 'Muara Sabak', phone: '0740-123', logoMime: 'image/png' });
    expect((await db.paperwork.getSchoolProfile(schoolA))?.logo).toBe('iVBORw0KGgo=');
    await db.paperwork.setSchoolProfile(schoolA, { logo: null }, { actorId: kepsek.id, now: NOW });
    expect((await db.paperwork.getSchoolProfile(schoolA))?.logo).toBeNull();
    expect(await db.paperwork.getSchoolProfile(schoolB)).toBeNull();
    must(await db.paperwork.setStaffNip(schoolA, bk.id, '198001012005012001', { actorId: kepsek.id, now: NOW }));
    expect((await db.paperwork.listStaffProfiles(schoolA)).find((s) => s.userId === bk.id)?.nip).toBe('198001012005012001');
    const foreign = await db.paperwork.setStaffNip(schoolB, bk.id, '1', { actorId: kepsek.id, now: NOW });
    expect(foreign.ok ? null : foreign.error.code).toBe('not_found');
    const audit = await db.audit.list(schoolA, { action: 'school.profile_update' });
    expect(audit.length).toBe(3);
  });

  it('numbers documents per school, year and kind; a taken number is refused and changes nothing', async () => {
    const { db, schoolA } = world;
    const issue = (seq: number, kind: 'buku_kasus' | 'surat_panggilan', caseId = kase.id) =>
      db.paperwork.issueDocument(schoolA, { caseId, kind, year: 2026, seq, number: `${seq}/${kind}`, withRahasia: false, sha256: 'x', generatedBy: bk.id, now: NOW, recipient: kind === 'surat_panggilan' ? 'Ibu Suryani' : null });
    expect(await db.paperwork.nextSeq(schoolA, 2026, 'buku_kasus')).toBe(1);
    must(await issue(1, 'buku_kasus'));
    must(await issue(2, 'buku_kasus', other.id));
    must(await issue(1, 'surat_panggilan'));
    const stale = await issue(2, 'buku_kasus');
    expect(stale.ok ? null : stale.error.code).toBe('conflict');
    expect(await db.paperwork.nextSeq(schoolA, 2026, 'buku_kasus')).toBe(3);
    expect(await db.paperwork.nextSeq(schoolA, 2027, 'buku_kasus')).toBe(1);
    expect(await db.paperwork.nextSeq(world.schoolB, 2026, 'buku_kasus')).toBe(1);
    expect((await db.paperwork.listDocuments(schoolA, kase.id)).map((d) => d.number)).toEqual(['1/buku_kasus', '1/surat_panggilan']);
    const foreign = await db.paperwork.issueDocument(world.schoolB, { caseId: kase.id, kind: 'buku_kasus', year: 2026, seq: 1, number: 'x', withRahasia: false, sha256: 'x', generatedBy: bk.id, now: NOW });
    expect(foreign.ok ? null : foreign.error.code).toBe('not_found');
    expect((await db.audit.list(schoolA, { action: 'document.generate' })).length).toBe(3);
  });

  it('logs family contacts under the notes’ confidentiality rule and audits rahasia reads', async () => {
    const { db, schoolA } = world;
    const add = (confidentiality: 'umum' | 'rahasia', outcome: string) =>
      db.paperwork.addContact(schoolA, {
        caseId: kase.id, guardianName: 'Ibu Suryani Wiryo', phone: '6281234567890', channel: 'whatsapp', template: 'undangan', message: 'Yth. Ibu Suryani Wiryo', outcome, confidentiality,
        contactedBy: bk.id, contactedAt: new Date(NOW.getTime() + (confidentiality === 'rahasia' ? 60_000 : 0)), now: NOW,
      });
    must(await add('umum', 'Bersedia datang hari Senin'));
    must(await add('rahasia', 'Ibu bercerita tentang utang keluarga'));
    const forBk = await db.paperwork.listContacts(schoolA, kase.id, { id: bk.id, role: 'guru_bk' }, kase.assigneeId, NOW);
    expect(forBk.map((c) => c.outcome)).toEqual(['Bersedia datang hari Senin', 'Ibu bercerita tentang utang keluarga']);
    const forWali = await db.paperwork.listContacts(schoolA, kase.id, { id: wali.id, role: 'wali_kelas' }, kase.assigneeId, NOW);
    expect(forWali.map((c) => c.outcome)).toEqual(['Bersedia datang hari Senin']);
    const forKepsek = await db.paperwork.listContacts(schoolA, kase.id, { id: kepsek.id, role: 'kepsek' }, kase.assigneeId, NOW);
    expect(forKepsek.length).toBe(1);
    expect((await db.audit.list(schoolA, { action: 'family.contact_read_rahasia' })).length).toBe(1);
    const foreign = await db.paperwork.addContact(world.schoolB, { caseId: kase.id, guardianName: 'x', channel: 'phone', confidentiality: 'umum', contactedBy: bk.id, contactedAt: NOW, now: NOW });
    expect(foreign.ok ? null : foreign.error.code).toBe('not_found');
  });

  it('schedules a parent meeting with a task whose reminders reach the host, and closes it when held', async () => {
    const { db, schoolA } = world;
    const at = new Date('2026-12-07T02:30:00Z');
    const m = must(await db.paperwork.scheduleMeeting(schoolA, {
      caseId: kase.id, guardianName: 'Ibu Suryani Wiryo', scheduledAt: at, place: 'Ruang BK', purpose: 'Membahas kehadiran', hostId: bk.id, hostRole: 'guru_bk',
      notice: { id: 'Pertemuan orang tua: Senin, 7 Desember 2026', en: 'Parent meeting: Monday 7 December 2026' }, createdBy: bk.id, now: NOW,
    }));
    const task = await db.tasks.get(schoolA, m.taskId!);
    expect(task).toMatchObject({ assigneeId: bk.id, status: 'open', kind: 'parent_meeting' });
    expect(task?.dueAt?.getTime()).toBe(at.getTime());
    const notices = await db.notifications.listForUser({ id: bk.id, role: 'guru_bk', schoolId: schoolA });
    expect(notices.some((n) => n.kind === 'parent_meeting_scheduled' && n.body.id.includes('7 Desember 2026'))).toBe(true);
    // The day before, the existing reminder job writes "due tomorrow" for it.
    await db.tasks.remind(new Date('2026-12-06T12:00:00Z'));
    const after = await db.notifications.listForUser({ id: bk.id, role: 'guru_bk', schoolId: schoolA });
    expect(after.some((n) => n.kind === 'task_due_tomorrow' && n.caseId === kase.id && n.body.id.includes('Pertemuan dengan orang tua/wali'))).toBe(true);
    const notStaff = await db.paperwork.scheduleMeeting(schoolA, { caseId: kase.id, guardianName: 'x', scheduledAt: at, place: 'x', purpose: 'x', hostId: 'nobody', hostRole: 'guru_bk', notice: { id: 'x', en: 'x' }, createdBy: bk.id, now: NOW });
    expect(notStaff.ok ? null : notStaff.error.code).toBe('invalid');
    expect((await db.paperwork.listMeetings(schoolA, kase.id)).length).toBe(1);
    must(await db.paperwork.setMeetingStatus(schoolA, m.id, 'held', { actorId: bk.id, now: NOW }));
    expect((await db.tasks.get(schoolA, m.taskId!))?.status).toBe('done');
    const again = await db.paperwork.setMeetingStatus(schoolA, m.id, 'cancelled', { actorId: bk.id, now: NOW });
    expect(again.ok ? null : again.error.code).toBe('invalid');
  });

  it('generates a case book through the API, a rahasia note counted but not shown to the wali kelas', async () => {
    const { db, schoolA } = world;
    const secret = 'Catatan rahasia uji dialek tentang keluarga';
    must(await db.notes.add(schoolA, { caseId: kase.id, authorId: bk.id, body: secret, confidentiality: 'rahasia', now: NOW }));
    const app = createApp({ db, clock: new ManualClock(NOW) });
    const student = (await db.students.get(schoolA, kase.studentId))!;
    const wk = await world.user('walikelas@sekolah-a.demo');
    const asUser = async (user: { id: string }) => {
      const token = (await db.sessions.create({ userId: user.id, now: NOW })).token;
      const res = await app.request(`/api/cases/${kase.id}/documents`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'buku_kasus' }) });
      expect(res.status).toBe(200);
      const file = join(mkdtempSync(join(tmpdir(), 'jalur-pg-doc-')), 'buku.pdf');
      writeFileSync(file, new Uint8Array(await res.arrayBuffer()));
      return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    };
    const forBk = await asUser(bk);
    expect(forBk).toContain(secret);
    expect(forBk).toContain('6 Desember 2026');
    const forWali = await asUser(wk);
    expect(student.className).toBe(wk.className);
    expect(forWali).toContain(student.name);
    expect(forWali).not.toContain(secret);
    expect(forWali).toMatch(/\d+ catatan bersifat rahasia/);
  });

  it('gives concurrent generations distinct consecutive numbers, each audited once', async () => {
    const { db, schoolA } = world;
    const app = createApp({ db, clock: new ManualClock(NOW) });
    const token = (await db.sessions.create({ userId: bk.id, now: NOW })).token;
    // The case book needs no subject, so the race does not depend on which services the demo case happens to have.
    const before = await db.paperwork.nextSeq(schoolA, 2026, 'buku_kasus');
    const auditedBefore = (await db.audit.list(schoolA, { action: 'document.generate' })).filter((a) => (a.details as { kind: string }).kind === 'buku_kasus').length;
    const answers = await Promise.all(Array.from({ length: 6 }, () =>
      app.request(`/api/cases/${kase.id}/documents`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'buku_kasus' }) })));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    const numbers = answers.map((r) => Number(r.headers.get('x-document-number')!.split('/')[0]));
    expect([...numbers].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5].map((i) => before + i));
    const audited = (await db.audit.list(schoolA, { action: 'document.generate' })).filter((a) => (a.details as { kind: string }).kind === 'buku_kasus');
    expect(audited.length - auditedBefore).toBe(6);
  });

  it('erasing the student de-identifies contacts, meetings and the document register', async () => {
    const { db, schoolA } = world;
    must(await db.students.erase(schoolA, kase.studentId, { now: NOW, actorId: kepsek.id }));
    const contacts = await db.paperwork.listContacts(schoolA, kase.id, { id: bk.id, role: 'guru_bk' }, kase.assigneeId, NOW);
    expect(contacts.length).toBe(2);
    for (const c of contacts) {
      expect(c).toMatchObject({ guardianName: '[dihapus / erased]', phone: null, message: '[dihapus / erased]', outcome: '[dihapus / erased]', channel: 'whatsapp', contactedBy: bk.id });
    }
    const [meeting] = await db.paperwork.listMeetings(schoolA, kase.id);
    expect(meeting).toMatchObject({ guardianName: '[dihapus / erased]', place: '[dihapus / erased]', purpose: '[dihapus / erased]', status: 'held' });
    const docs = await db.paperwork.listDocuments(schoolA, kase.id);
    expect(docs.length).toBe(10);
    expect(docs.every((d) => d.sha256 === null)).toBe(true);
    expect(docs.map((d) => d.recipient).filter((r) => r !== null)).toEqual(['[dihapus / erased]']);
    // The other case's register row is untouched.
    expect((await db.paperwork.listDocuments(schoolA, other.id))[0]?.sha256).toBe('x');
  });
});
