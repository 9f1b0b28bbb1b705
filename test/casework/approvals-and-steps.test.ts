/**
 * Issue 6 rules that cross the API and the database, on a real SQLite file:
 * a step that requires the kepsek's approval refuses its events until
 * approved (and stays refused, with the reason, when rejected, until the
 * guru BK asks again and the kepsek approves); school-day
 * due dates skip the weekend and the school's holiday; a consent and an
 * approval decision land in the same transaction as the case event that
 * mirrors them; a `tim` member assigned one step opens that case and sees
 * only that step.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixture, fixtureApp, ROOT, type Fixture, type FixtureApp } from '@jalur/api/testing';
import { replayCase } from '../../packages/cases/src/index.ts';

let f: Fixture;
let api: FixtureApp;
let pathwayId: string;

// Thursday 5 Feb 2026, 08:00 WIB; Monday 9 Feb is a holiday of school A.
const THURSDAY = '2026-02-05T01:00:00.000Z';

beforeAll(async () => {
  f = await createFixture({ studentsPerSchool: 6 });
  api = fixtureApp(f);
  f.clock.set(THURSDAY);
  const doc = JSON.parse(readFileSync(join(ROOT, 'workflows', 'layanan-responsif.json'), 'utf8')) as { key: string; title: { id: string } };
  const scope = { districtId: f.districtId, schoolId: f.a.id };
  const created = await f.db.pathways.create(scope, { key: doc.key, title: doc.title.id, draft: doc, updatedBy: f.a.users.kepsek.id, now: f.clock.now() });
  if (!created.ok) throw new Error(created.error.message);
  const published = await f.db.pathways.publish(scope, { id: created.value.id, publishedBy: f.a.users.kepsek.id, now: f.clock.now() });
  if (!published.ok) throw new Error(published.error.message);
  pathwayId = created.value.id;
  await f.db.calendar.set(f.a.id, [{ date: '2026-02-09', kind: 'holiday', note: 'Libur' }]);
});
afterAll(async () => {
  await f?.close();
});

type CaseRef = { id: string; version: number };
const bk = () => f.a.users.guru_bk;
const send = (c: CaseRef, type: string, data?: Record<string, unknown>) =>
  api.call(bk(), 'POST', `/api/cases/${c.id}/events`, { type, expectedVersion: c.version, ...(data ? { data } : {}) });
const LETTER = { referralTarget: 'psikolog', reason: 'Kecemasan berat' };

/** A case in `konseling_individual`. */
async function counseling(studentIndex: number): Promise<CaseRef> {
  const opened = await api.call(bk(), 'POST', '/api/cases', { studentId: f.a.students[studentIndex]!.id, pathwayId });
  expect(opened.status).toBe(201);
  const moved = await send(opened.body, 'TERIMA_KASUS', { referredBy: 'wali_kelas', problemArea: 'belajar', urgency: 'segera', problemDescription: 'Sering bolos' });
  expect(moved.status).toBe(200);
  return moved.body;
}

/** A case waiting in `rujukan.surat_rujukan` (consent recorded, referral chosen). */
async function atReferralLetter(studentIndex: number): Promise<CaseRef> {
  const k = await counseling(studentIndex);
  const consent = await api.call(bk(), 'POST', `/api/cases/${k.id}/consents`, { purpose: 'referral', givenBy: 'Ibu Sari', relationship: 'ibu', method: 'written', givenAt: '2026-02-05' });
  expect(consent.status).toBe(201);
  const moved = await send({ id: k.id, version: consent.body.caseVersion }, 'RUJUK', { sessionDate: '2026-02-05' });
  expect(moved.status).toBe(200);
  expect(moved.body.stateValue).toEqual(['rujukan.surat_rujukan']);
  return moved.body;
}

async function approvalTask(caseId: string) {
  const [task] = await f.db.tasks.list(f.a.id, { caseId, stateId: 'rujukan.surat_rujukan', status: 'open' });
  return task!;
}

describe('approval enforced on the server', () => {
  it('refuses the step’s event until the kepsek approves, then lets it through', async () => {
    const k = await atReferralLetter(0);
    const refused = await send(k, 'SURAT_DIKIRIM', LETTER);
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ code: 'event_not_allowed', details: { reason: 'approval_required', steps: ['rujukan.surat_rujukan'] } });
    expect(refused.body.error.message).toContain('Kepala sekolah harus menyetujui');
    expect((await f.db.cases.get(f.a.id, k.id))!.version).toBe(k.version);
    const english = await api.call(bk(), 'POST', `/api/cases/${k.id}/events`, { type: 'SURAT_DIKIRIM', expectedVersion: k.version, data: LETTER }, { 'accept-language': 'en' });
    expect(english.body.error.message).toContain('principal must approve');

    const task = await approvalTask(k.id);
    const approved = await api.call(f.a.users.kepsek, 'POST', `/api/tasks/${task.id}/decision`, { decision: 'approved' });
    expect(approved.status).toBe(200);
    expect(approved.body.caseVersion).toBe(k.version + 1);
    const sent = await send({ id: k.id, version: approved.body.caseVersion }, 'SURAT_DIKIRIM', LETTER);
    expect(sent.status).toBe(200);
    expect(sent.body.stateValue).toEqual(['rujukan.menunggu_umpan_balik']);
  });

  it('keeps refusing after a rejection, and says why', async () => {
    const k = await atReferralLetter(1);
    const task = await approvalTask(k.id);
    const rejected = await api.call(f.a.users.kepsek, 'POST', `/api/tasks/${task.id}/decision`, { decision: 'rejected', reason: 'Dana belum tersedia' });
    expect(rejected.status).toBe(200);
    const refused = await send({ id: k.id, version: rejected.body.caseVersion }, 'SURAT_DIKIRIM', LETTER);
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ code: 'event_not_allowed', details: { reason: 'approval_rejected', rejectionReason: 'Dana belum tersedia' } });
    expect(refused.body.error.message).toContain('Dana belum tersedia');
    // The decision, its audit row and the case context were written together.
    expect(await f.db.tasks.get(f.a.id, task.id)).toMatchObject({ approval: 'rejected', approvalReason: 'Dana belum tersedia' });
    const row = await f.db.cases.get(f.a.id, k.id);
    expect((row!.snapshot as { context: { approvals: Record<string, string> } }).context.approvals).toEqual({ 'rujukan.surat_rujukan': 'rejected' });
    expect((await f.db.cases.events(f.a.id, k.id)).at(-1)).toMatchObject({ type: 'approval.decided', actorId: f.a.users.kepsek.id });
    // A second decision is refused and changes nothing.
    expect((await api.call(f.a.users.kepsek, 'POST', `/api/tasks/${task.id}/decision`, { decision: 'approved' })).status).toBe(422);
    expect((await f.db.cases.get(f.a.id, k.id))!.version).toBe(rejected.body.caseVersion);
  });

  it('lets the guru BK ask again after a rejection, with a note; the kepsek then approves', async () => {
    const k = await atReferralLetter(5);
    const task = await approvalTask(k.id);
    // Nothing to ask again while the first request still waits.
    const early = await api.call(bk(), 'POST', `/api/tasks/${task.id}/approval-request`, { note: 'Sudah diperbaiki' });
    expect(early.status).toBe(422);
    const rejected = await api.call(f.a.users.kepsek, 'POST', `/api/tasks/${task.id}/decision`, { decision: 'rejected', reason: 'Lengkapi surat persetujuan orang tua' });
    expect(rejected.status).toBe(200);
    // A request again needs a note, and only the guru BK asks.
    expect((await api.call(bk(), 'POST', `/api/tasks/${task.id}/approval-request`, { note: '  ' })).status).toBe(400);
    expect((await api.call(f.a.users.wali_kelas, 'POST', `/api/tasks/${task.id}/approval-request`, { note: 'x' })).status).toBe(403);
    expect((await f.db.cases.get(f.a.id, k.id))!.version).toBe(rejected.body.caseVersion);

    const asked = await api.call(bk(), 'POST', `/api/tasks/${task.id}/approval-request`, { note: 'Surat persetujuan orang tua sudah dilampirkan' });
    expect(asked.status).toBe(200);
    expect(asked.body).toMatchObject({ approval: 'pending', approvalReason: null, caseVersion: rejected.body.caseVersion + 1 });
    expect((await f.db.cases.events(f.a.id, k.id)).at(-1)).toMatchObject({
      type: 'approval.requested', actorId: f.a.users.guru_bk.id, data: { stateId: 'rujukan.surat_rujukan', note: 'Surat persetujuan orang tua sudah dilampirkan' },
    });
    const row = await f.db.cases.get(f.a.id, k.id);
    expect((row!.snapshot as { context: { approvals: Record<string, string> } }).context.approvals).toEqual({ 'rujukan.surat_rujukan': 'pending' });
    expect((await f.db.audit.list(f.a.id, { subject: `task:${task.id}` })).map((a) => a.action).sort()).toEqual(['task.approval_requested', 'task.rejected']);
    // The kepsek sees it waiting again, with the note in a notification.
    const waiting = await api.call(f.a.users.kepsek, 'GET', '/api/approvals');
    expect(waiting.body.items.map((i: { id: string }) => i.id)).toContain(task.id);
    const notes = await api.call(f.a.users.kepsek, 'GET', '/api/notifications');
    expect(notes.body.items.some((n: { kind: string; body: { id: string } }) => n.kind === 'approval_requested' && n.body.id.includes('sudah dilampirkan'))).toBe(true);
    // Still refused until decided; then approved, it goes.
    expect((await send({ id: k.id, version: asked.body.caseVersion }, 'SURAT_DIKIRIM', LETTER)).body.error).toMatchObject({ details: { reason: 'approval_required' } });
    const approved = await api.call(f.a.users.kepsek, 'POST', `/api/tasks/${task.id}/decision`, { decision: 'approved' });
    expect(approved.status).toBe(200);
    const sent = await send({ id: k.id, version: approved.body.caseVersion }, 'SURAT_DIKIRIM', LETTER);
    expect(sent.status).toBe(200);
    const final = (await f.db.cases.get(f.a.id, k.id))!;
    expect(await replayCase(f.db, final)).toEqual(final.snapshot);
    // Approved is final: nothing to ask again.
    expect((await api.call(bk(), 'POST', `/api/tasks/${task.id}/approval-request`, { note: 'lagi' })).status).toBe(422);
  });
});

describe('school-day due dates and the consent transaction', () => {
  it('a "5 hari sekolah" step opened on Thursday before a holiday Monday is due the Friday after', async () => {
    const k = await atReferralLetter(2);
    // Fri 6, (weekend, Mon 9 holiday) Tue 10, Wed 11, Thu 12, Fri 13 — same time of day.
    expect((await approvalTask(k.id)).dueAt).toEqual(new Date('2026-02-13T01:00:00.000Z'));
    // "3 hari sekolah" of konseling_individual: Fri 6, Tue 10, Wed 11.
    const c = await counseling(3);
    const [task] = await f.db.tasks.list(f.a.id, { caseId: c.id, stateId: 'konseling_individual' });
    expect(task!.dueAt).toEqual(new Date('2026-02-11T01:00:00.000Z'));
  });

  it('records the consent row and the consent.recorded event together', async () => {
    const k = await counseling(4);
    const before = (await f.db.cases.events(f.a.id, k.id)).length;
    const r = await api.call(bk(), 'POST', `/api/cases/${k.id}/consents`, { purpose: 'data_sharing', givenBy: 'Pak Budi', relationship: 'ayah', method: 'verbal', givenAt: '2026-02-05' });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ purpose: 'data_sharing', givenBy: 'Pak Budi', caseVersion: k.version + 1 });
    const events = await f.db.cases.events(f.a.id, k.id);
    expect(events).toHaveLength(before + 1);
    expect(events.at(-1)).toMatchObject({ type: 'consent.recorded', data: { purpose: 'data_sharing', granted: true } });
    expect(await f.db.consents.list(f.a.id, k.id)).toHaveLength(1);
    const row = await f.db.cases.get(f.a.id, k.id);
    expect((row!.snapshot as { context: { consent: Record<string, boolean> } }).context.consent).toEqual({ data_sharing: true });
  });
});

describe('a tim member assigned one step', () => {
  it('opens that case and sees only that step while it is theirs; other cases are not found', async () => {
    const k = await counseling(5);
    const other = await counseling(0); // another case, nothing assigned to the member
    const tim = f.a.users.tim;
    expect((await api.call(tim, 'GET', `/api/cases/${k.id}`)).status).toBe(404);
    const [task] = await f.db.tasks.list(f.a.id, { caseId: k.id, stateId: 'konseling_individual', status: 'open' });
    expect((await api.call(bk(), 'POST', `/api/tasks/${task!.id}/assign`, { assigneeId: tim.id })).status).toBe(200);

    const view = await api.call(tim, 'GET', `/api/cases/${k.id}`);
    expect(view.status).toBe(200);
    expect(view.body.steps.map((s: { stateId: string }) => s.stateId)).toEqual(['konseling_individual']);
    expect((await api.call(tim, 'GET', `/api/cases/${other.id}`)).status).toBe(404);
    const mine = await api.call(tim, 'GET', '/api/tasks');
    expect(mine.body.items.map((t: { id: string }) => t.id)).toEqual([task!.id]);

    // The intake step's recorded data is not theirs to read.
    const timeline = (await api.call(tim, 'GET', `/api/cases/${k.id}/events`)).body.items as { type: string; data: unknown }[];
    expect(timeline.find((e) => e.type === 'TERIMA_KASUS')!.data).toBeNull();
    // The guru BK moves the case on: the member's step is done, and with it their access to the case.
    const moved = await send(k, 'EVALUASI', { sessionDate: '2026-02-05' });
    expect(moved.status).toBe(200);
    expect((await api.call(tim, 'GET', `/api/cases/${k.id}`)).status).toBe(404);
    expect((await api.call(tim, 'GET', `/api/cases/${k.id}/events`)).status).toBe(404);
  });
});
