/**
 * The case-work API (issue 6) against a real SQLite file: roster import
 * (preview, all-or-nothing apply, re-import changes nothing), early-warning
 * thresholds and hysteresis, manual flags and opening a case from a flag,
 * note visibility per role with the audit of rahasia reads, the consent gate,
 * the referral lifecycle, approvals, tasks, reminders and the school calendar.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvalOf, type CaseContext } from '../../packages/engine/src/index.ts';
import { createFixture, fixtureApp, ROOT, type Fixture, type FixtureApp } from '@jalur/api/testing';

const WEEK = 7 * 86_400_000;
const csv = { 'content-type': 'text/csv' };

let f: Fixture;
let api: FixtureApp;
let layanan: { pathwayId: string };

beforeAll(async () => {
  f = await createFixture({ studentsPerSchool: 4 });
  api = fixtureApp(f);
  const doc = JSON.parse(readFileSync(join(ROOT, 'workflows', 'layanan-responsif.json'), 'utf8')) as { key: string; title: { id: string } };
  const scope = { districtId: f.districtId, schoolId: f.a.id };
  const created = await f.db.pathways.create(scope, { key: doc.key, title: doc.title.id, draft: doc, updatedBy: f.a.users.kepsek.id, now: f.clock.now() });
  if (!created.ok) throw new Error(created.error.message);
  const published = await f.db.pathways.publish(scope, { id: created.value.id, publishedBy: f.a.users.kepsek.id, now: f.clock.now() });
  if (!published.ok) throw new Error(published.error.message);
  layanan = { pathwayId: created.value.id };
});
afterAll(async () => {
  await f?.close();
});

const ROSTER = `NISN;Nama Siswa;Kelas;JK;Tgl Lahir;Nama Wali;No HP Wali
3000000001;Budi Santoso;X-1;L;07/03/2009;Slamet;081234567890
3000000002;Siti Aminah;X-1;P;2009-05-01;Aminah;081234567891
3000000003;Rudi Hartono;X-2;L;2009-01-15;Hartono;081234567892
`;

describe('roster import', () => {
  it('previews each row as new / update / error with reasons and applies nothing on a dry run', async () => {
    const bad = ROSTER + '12345;Tanpa NISN;X-1;Q;;;\n';
    const r = await api.call(f.a.users.guru_bk, 'POST', '/api/students/import?dryRun=true', bad, csv);
    expect(r.status).toBe(200);
    expect(r.body.applied).toBe(false);
    expect(r.body.rows.map((x: { line: number; action: string }) => [x.line, x.action])).toEqual([[2, 'new'], [3, 'new'], [4, 'new'], [5, 'error']]);
    expect(r.body.rows[3].errors.map((e: { field: string }) => e.field)).toEqual(['nisn', 'gender']);
    expect(await f.db.students.getByNisn(f.a.id, '3000000001')).toBeNull();
  });

  it('refuses the whole file with 422 when any row has an error', async () => {
    const before = (await f.db.students.list(f.a.id)).length;
    const r = await api.call(f.a.users.guru_bk, 'POST', '/api/students/import?dryRun=false', ROSTER + '3000000004;;X-1;L;;;\n', csv);
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('import_has_errors');
    expect(r.body.error.details.rows[3]).toMatchObject({ line: 5, action: 'error' });
    expect((await f.db.students.list(f.a.id)).length).toBe(before);
  });

  it('applies a clean file in one go, and importing it again changes nothing', async () => {
    const first = await api.call(f.a.users.guru_bk, 'POST', '/api/students/import?dryRun=false', ROSTER, csv);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ applied: true, counts: { new: 3, update: 0, error: 0 } });
    const budi = await f.db.students.getByNisn(f.a.id, '3000000001');
    expect(budi).toMatchObject({ name: 'Budi Santoso', className: 'X-1', gender: 'L', birthDate: '2009-03-07', guardianPhone: '081234567890' });
    f.clock.advance(60_000);
    const again = await api.call(f.a.users.guru_bk, 'POST', '/api/students/import?dryRun=false', ROSTER, csv);
    expect(again.body.counts).toMatchObject({ new: 0, update: 0, unchanged: 3 });
    expect((await f.db.students.getByNisn(f.a.id, '3000000001'))!.updatedAt).toEqual(budi!.updatedAt);
    const changed = await api.call(f.a.users.guru_bk, 'POST', '/api/students/import?dryRun=true', ROSTER.replace('Rudi Hartono;X-2', 'Rudi Hartono;XI-2'), csv);
    expect(changed.body.rows[2]).toMatchObject({ action: 'update', changes: ['className'] });
  });

  it('is for guru BK and kepsek, with a CSV body, in their own school', async () => {
    expect((await api.call(f.a.users.wali_kelas, 'POST', '/api/students/import', ROSTER, csv)).status).toBe(403);
    expect((await api.call(f.dinas, 'POST', '/api/students/import', ROSTER, csv)).status).toBe(403);
    expect((await api.call(null, 'POST', '/api/students/import', ROSTER, csv)).status).toBe(401);
    expect((await api.call(f.a.users.guru_bk, 'POST', '/api/students/import', { csv: ROSTER })).status).toBe(415);
    expect((await api.call(f.a.users.guru_bk, 'POST', '/api/students/import?dryRun=maybe', ROSTER, csv)).status).toBe(400);
    expect(await f.db.students.getByNisn(f.b.id, '3000000001')).toBeNull();
  });
});

describe('early warning', () => {
  const ATTENDANCE = (month: string, budiAbsent: number, sitiAbsent: number, rudiAbsent: number) =>
    `NISN,Bulan,Hari Sekolah,Hadir,Sakit,Izin,Alpa\n3000000001,${month},20,${20 - budiAbsent},0,0,${budiAbsent}\n3000000002,${month},20,${20 - sitiAbsent},0,0,${sitiAbsent}\n3000000003,${month},20,${20 - rudiAbsent},0,0,${rudiAbsent}\n`;

  it('flags absence ≥ 10% as risk and ≥ 5% as watch, with the reason; a new flag does not yet propose a case', async () => {
    const r = await api.call(f.a.users.guru_bk, 'POST', '/api/indicators/import?dryRun=false', ATTENDANCE('2026-01', 2, 1, 0), csv);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ kind: 'attendance', applied: true, written: 3 });
    const ew = await api.call(f.a.users.guru_bk, 'GET', '/api/early-warning');
    expect(ew.status).toBe(200);
    const byName = Object.fromEntries(ew.body.items.map((i: { student: { name: string } }) => [i.student.name, i]));
    expect(byName['Budi Santoso']).toMatchObject({ level: 'risk', proposesCase: false });
    expect(byName['Budi Santoso'].flags[0].reason.id).toBe('Tidak hadir 2 dari 20 hari sekolah (10%) pada 2026-01, batas risiko 10%.');
    expect(byName['Siti Aminah']).toMatchObject({ level: 'watch' });
    expect(byName['Rudi Hartono']).toBeUndefined();
  });

  it('proposes a case once the flag has held for the hold weeks (default 2)', async () => {
    f.clock.advance(WEEK);
    await api.call(f.a.users.guru_bk, 'POST', '/api/early-warning/scan');
    let budi = (await api.call(f.a.users.guru_bk, 'GET', '/api/early-warning')).body.items.find((i: { student: { nisn: string } }) => i.student.nisn === '3000000001');
    expect(budi.proposesCase).toBe(false);
    f.clock.advance(WEEK);
    await api.call(f.a.users.guru_bk, 'POST', '/api/early-warning/scan');
    budi = (await api.call(f.a.users.guru_bk, 'GET', '/api/early-warning')).body.items.find((i: { student: { nisn: string } }) => i.student.nisn === '3000000001');
    expect(budi.proposesCase).toBe(true);
  });

  it('does not flap: a finding that goes away waits a week before the flag clears, and coming back keeps its start', async () => {
    const find = async (nisn: string) => (await api.call(f.a.users.guru_bk, 'GET', '/api/early-warning')).body.items.find((i: { student: { nisn: string } }) => i.student.nisn === nisn);
    const sitiBefore = await find('3000000002');
    await api.call(f.a.users.guru_bk, 'POST', '/api/indicators/import?dryRun=false', ATTENDANCE('2026-02', 2, 0, 0), csv);
    const siti = await find('3000000002');
    expect(siti.flags[0]).toMatchObject({ waitingToClear: true, proposesCase: false, since: sitiBefore.flags[0].since });
    // It comes back before the week is out: same flag, same start.
    await api.call(f.a.users.guru_bk, 'POST', '/api/indicators/import?dryRun=false', ATTENDANCE('2026-02', 2, 1, 0), csv);
    expect((await find('3000000002')).flags[0]).toMatchObject({ waitingToClear: false, since: sitiBefore.flags[0].since });
    // Gone for good: marked now, cleared only a week later.
    await api.call(f.a.users.guru_bk, 'POST', '/api/indicators/import?dryRun=false', ATTENDANCE('2026-02', 2, 0, 0), csv);
    f.clock.advance(3 * 86_400_000);
    await api.call(f.a.users.guru_bk, 'POST', '/api/early-warning/scan');
    expect(await find('3000000002')).toBeDefined();
    f.clock.advance(WEEK);
    await api.call(f.a.users.guru_bk, 'POST', '/api/early-warning/scan');
    expect(await find('3000000002')).toBeUndefined();
  });

  it('flags one failing subject and behaviour incidents, entered by hand', async () => {
    const r = await api.call(f.a.users.guru_bk, 'POST', '/api/indicators', {
      entries: [
        { nisn: '3000000003', kind: 'grade', period: '2025-2', subject: 'Matematika', values: { score: 60, passing: 75 } },
        { nisn: '3000000003', kind: 'behaviour', period: '2026-02', values: { incidents: 3, description: 'Berkelahi' } },
      ],
    });
    expect(r.status).toBe(200);
    const rudi = (await api.call(f.a.users.guru_bk, 'GET', '/api/early-warning')).body.items.find((i: { student: { nisn: string } }) => i.student.nisn === '3000000003');
    expect(rudi.flags.map((x: { ruleKey: string; level: string }) => [x.ruleKey, x.level]).sort()).toEqual([['behaviour', 'risk'], ['failing_subjects', 'risk']]);
    expect((await api.call(f.a.users.guru_bk, 'POST', '/api/indicators', { entries: [{ nisn: '12', kind: 'grade' }] })).status).toBe(400);
  });

  it('lets a school tune its rules: a higher threshold clears a finding, a wali kelas writes only for their class', async () => {
    expect((await api.call(f.a.users.wali_kelas, 'PUT', '/api/early-warning/rules', { rules: [{ key: 'absence', params: {} }] })).status).toBe(403);
    expect((await api.call(f.a.users.kepsek, 'PUT', '/api/early-warning/rules', { rules: [{ key: 'absence', params: { riskRate: 2 } }] })).status).toBe(400);
    const put = await api.call(f.a.users.kepsek, 'PUT', '/api/early-warning/rules', { rules: [{ key: 'behaviour', params: { watchIncidents: 5, riskIncidents: 8 }, holdWeeks: 3 }] });
    expect(put.status).toBe(200);
    expect(put.body.rules.behaviour).toMatchObject({ holdWeeks: 3, params: { watchIncidents: 5, riskIncidents: 8 } });
    const rudiFlags = async () => (await api.call(f.a.users.guru_bk, 'GET', '/api/early-warning')).body.items.find((i: { student: { nisn: string } }) => i.student.nisn === '3000000003').flags.map((x: { ruleKey: string; waitingToClear: boolean }) => [x.ruleKey, x.waitingToClear]).sort();
    await api.call(f.a.users.guru_bk, 'POST', '/api/early-warning/scan');
    expect(await rudiFlags()).toEqual([['behaviour', true], ['failing_subjects', false]]);
    await api.call(f.a.users.kepsek, 'PUT', '/api/early-warning/rules', { rules: [{ key: 'behaviour', params: {}, holdWeeks: 2 }] });
    await api.call(f.a.users.guru_bk, 'POST', '/api/early-warning/scan');
    expect(await rudiFlags()).toEqual([['behaviour', false], ['failing_subjects', false]]);
    // Rudi is in X-2: the wali kelas of X-1 may not write his indicators.
    const other = await api.call(f.a.users.wali_kelas, 'POST', '/api/indicators', { entries: [{ nisn: '3000000003', kind: 'behaviour', period: '2026-02', values: { incidents: 0 } }] });
    expect(other.status).toBe(422);
    const own = await api.call(f.a.users.wali_kelas, 'POST', '/api/indicators', { entries: [{ nisn: '3000000002', kind: 'behaviour', period: '2026-02', values: { incidents: 0 } }] });
    expect(own.status).toBe(200);
  });

  it('lets a wali kelas flag a student of their class with a reason, and see only their class', async () => {
    const rudi = (await f.db.students.getByNisn(f.a.id, '3000000003'))!;
    const siti = (await f.db.students.getByNisn(f.a.id, '3000000002'))!;
    const other = await api.call(f.a.users.wali_kelas, 'POST', '/api/flags', { studentId: rudi.id, reason: 'Sering melamun di kelas' });
    expect(other.status).toBe(404);
    const own = await api.call(f.a.users.wali_kelas, 'POST', '/api/flags', { studentId: siti.id, reason: 'Sering melamun dan tidak mengerjakan tugas', level: 'watch' });
    expect(own.status).toBe(201);
    expect(own.body).toMatchObject({ source: 'manual', proposesCase: true, reason: { id: 'Sering melamun dan tidak mengerjakan tugas' } });
    const list = await api.call(f.a.users.wali_kelas, 'GET', '/api/early-warning');
    expect(list.body.items.every((i: { student: { className: string } }) => i.student.className === 'X-1')).toBe(true);
    expect(list.body.items.some((i: { student: { id: string } }) => i.student.id === siti.id)).toBe(true);
    expect((await api.call(f.dinas, 'GET', '/api/early-warning')).status).toBe(403);
    expect((await api.call(f.a.users.tim, 'GET', '/api/early-warning')).status).toBe(403);
  });

  it('opens a case from a flag with its risk factors and the indicators that opened it', async () => {
    const items = (await api.call(f.a.users.guru_bk, 'GET', '/api/early-warning')).body.items;
    const budi = items.find((i: { student: { nisn: string } }) => i.student.nisn === '3000000001');
    const r = await api.call(f.a.users.guru_bk, 'POST', `/api/flags/${budi.flags[0].id}/open-case`, { pathwayId: layanan.pathwayId });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ status: 'active', stateValue: ['penerimaan_kasus'], riskFactors: ['motivation'] });
    const row = await f.db.cases.get(f.a.id, r.body.id);
    expect(row!.indicatorsAtOpen).toMatchObject({ flags: [{ ruleKey: 'absence', level: 'risk' }], facts: { attendanceRate: 0.9 } });
    const again = await api.call(f.a.users.guru_bk, 'POST', `/api/flags/${budi.flags[0].id}/open-case`, { pathwayId: layanan.pathwayId });
    expect(again.status).toBe(409);
    expect((await api.call(f.a.users.wali_kelas, 'POST', `/api/flags/${budi.flags[0].id}/open-case`, { pathwayId: layanan.pathwayId })).status).toBe(403);
  });
});

/** A case on `layanan-responsif` for a student of class X-1, moved into individual counseling. */
async function counselingCase(studentNisn: string) {
  const student = (await f.db.students.getByNisn(f.a.id, studentNisn))!;
  const opened = await api.call(f.a.users.guru_bk, 'POST', '/api/cases', { studentId: student.id, pathwayId: layanan.pathwayId });
  expect(opened.status).toBe(201);
  const moved = await api.call(f.a.users.guru_bk, 'POST', `/api/cases/${opened.body.id}/events`, {
    type: 'TERIMA_KASUS', expectedVersion: opened.body.version,
    data: { referredBy: 'wali_kelas', problemArea: 'belajar', urgency: 'segera', problemDescription: 'Sering bolos' },
  });
  expect(moved.status).toBe(200);
  return moved.body as { id: string; version: number };
}

describe('notes with confidentiality', () => {
  let caseId: string;
  beforeAll(async () => {
    caseId = (await counselingCase('3000000002')).id;
    for (const [body, confidentiality] of [['Siswa datang tepat waktu', 'umum'], ['Orang tua bercerai', 'terbatas'], ['Siswa mengaku dirundung', 'rahasia']] as const) {
      const r = await api.call(f.a.users.guru_bk, 'POST', `/api/cases/${caseId}/notes`, { body, confidentiality });
      expect(r.status).toBe(201);
      f.clock.advance(1000);
    }
  });

  it('shows each role only what it may see', async () => {
    const bodies = async (u: Parameters<FixtureApp['call']>[0]) => (await api.call(u, 'GET', `/api/cases/${caseId}/notes`)).body.items?.map((n: { body: string }) => n.body);
    expect(await bodies(f.a.users.guru_bk)).toEqual(['Siswa datang tepat waktu', 'Orang tua bercerai', 'Siswa mengaku dirundung']);
    expect(await bodies(f.a.users.kepsek)).toEqual(['Siswa datang tepat waktu', 'Orang tua bercerai']);
    const wali = await api.call(f.a.users.wali_kelas, 'GET', `/api/cases/${caseId}/notes`);
    expect(wali.status).toBe(200);
    expect(JSON.stringify(wali.body)).not.toContain('dirundung');
    expect(JSON.stringify(wali.body)).not.toContain('bercerai');
    expect((await api.call(f.a.users.tim, 'GET', `/api/cases/${caseId}/notes`)).status).toBe(404);
    expect((await api.call(f.b.users.guru_bk, 'GET', `/api/cases/${caseId}/notes`)).status).toBe(404);
    expect((await api.call(f.dinas, 'GET', `/api/cases/${caseId}/notes`)).status).toBe(403);
  });

  it('audits every read of a rahasia note, and only reads that returned it', async () => {
    const audits = await f.db.audit.list(f.a.id, { action: 'note.read_rahasia' });
    expect(audits.length).toBeGreaterThan(0);
    expect(audits.every((a) => a.actorId === f.a.users.guru_bk.id)).toBe(true);
    const before = audits.length;
    await api.call(f.a.users.guru_bk, 'GET', `/api/cases/${caseId}/notes`);
    expect((await f.db.audit.list(f.a.id, { action: 'note.read_rahasia' })).length).toBe(before + 1);
  });

  it('lets a wali kelas write umum notes only', async () => {
    expect((await api.call(f.a.users.wali_kelas, 'POST', `/api/cases/${caseId}/notes`, { body: 'Rahasia?', confidentiality: 'rahasia' })).status).toBe(403);
    expect((await api.call(f.a.users.wali_kelas, 'POST', `/api/cases/${caseId}/notes`, { body: 'Hadir hari ini', confidentiality: 'umum' })).status).toBe(201);
    expect((await api.call(f.a.users.guru_bk, 'POST', `/api/cases/${caseId}/notes`, { body: '', confidentiality: 'umum' })).status).toBe(400);
  });
});

describe('consent gate, referral lifecycle and approvals', () => {
  let k: { id: string; version: number };
  beforeAll(async () => {
    k = await counselingCase('1000000000');
  });

  it('refuses the referral event and the referral until a parent consent is recorded', async () => {
    const session = { sessionDate: '2026-02-20' };
    const refused = await api.call(f.a.users.guru_bk, 'POST', `/api/cases/${k.id}/events`, { type: 'RUJUK', expectedVersion: k.version, data: session });
    expect(refused.status).toBe(422);
    expect(refused.body.error.details.reason).toBe('guard_failed');
    const noConsent = await api.call(f.a.users.guru_bk, 'POST', `/api/cases/${k.id}/referrals`, { target: 'psychologist', targetName: 'Puskesmas Kota', reason: 'Kecemasan berat' });
    expect(noConsent.status).toBe(422);
    expect(noConsent.body.error.code).toBe('consent_required');
    const consent = await api.call(f.a.users.guru_bk, 'POST', `/api/cases/${k.id}/consents`, { purpose: 'referral', givenBy: 'Ibu Sari', relationship: 'ibu', method: 'written', givenAt: '2026-02-20' });
    expect(consent.status).toBe(201);
    expect(consent.body.caseVersion).toBe(k.version + 1);
    const timeline = (await api.call(f.a.users.guru_bk, 'GET', `/api/cases/${k.id}/events`)).body.items;
    expect(timeline.at(-1)).toMatchObject({ type: 'consent.recorded' });
    const moved = await api.call(f.a.users.guru_bk, 'POST', `/api/cases/${k.id}/events`, { type: 'RUJUK', expectedVersion: consent.body.caseVersion, data: session });
    expect(moved.body).toMatchObject({ version: consent.body.caseVersion + 1 });
    expect(moved.body.stateValue).toEqual(['rujukan.surat_rujukan']);
    k = moved.body;
    expect((await api.call(f.a.users.guru_bk, 'POST', `/api/cases/${k.id}/consents`, { purpose: 'referral', givenBy: '', method: 'written', givenAt: '2026-02-20' })).status).toBe(400);
  });

  it('moves a referral sent → accepted → completed, and refuses every other move', async () => {
    const sent = await api.call(f.a.users.guru_bk, 'POST', `/api/cases/${k.id}/referrals`, { target: 'psychologist', targetName: 'Psikolog Puskesmas', reason: 'Kecemasan berat' });
    expect(sent.status).toBe(201);
    expect(sent.body.status).toBe('sent');
    const id = sent.body.id;
    expect((await api.call(f.a.users.guru_bk, 'POST', `/api/referrals/${id}/complete`, { outcomeReport: 'x' })).status).toBe(422);
    // A rejection without a reason, a completion without a report: bad input by the schema (400), before any state check.
    expect((await api.call(f.a.users.guru_bk, 'POST', `/api/referrals/${id}/reject`, {})).status).toBe(400);
    expect((await api.call(f.a.users.wali_kelas, 'POST', `/api/referrals/${id}/accept`, {})).status).toBe(403);
    expect((await api.call(f.a.users.guru_bk, 'POST', `/api/referrals/${id}/accept`, {})).body.status).toBe('accepted');
    expect((await api.call(f.a.users.guru_bk, 'POST', `/api/referrals/${id}/complete`, {})).status).toBe(400);
    const done = await api.call(f.a.users.guru_bk, 'POST', `/api/referrals/${id}/complete`, { outcomeReport: 'Tiga sesi dengan psikolog; kecemasan menurun.' });
    expect(done.body).toMatchObject({ status: 'completed', outcomeReport: 'Tiga sesi dengan psikolog; kecemasan menurun.' });
    expect((await api.call(f.a.users.guru_bk, 'POST', `/api/referrals/${id}/accept`, {})).status).toBe(422);
    const second = await api.call(f.a.users.guru_bk, 'POST', `/api/cases/${k.id}/referrals`, { target: 'puskesmas', targetName: 'Puskesmas', reason: 'Cek kesehatan' });
    const rejected = await api.call(f.a.users.guru_bk, 'POST', `/api/referrals/${second.body.id}/reject`, { reason: 'Kuota penuh' });
    expect(rejected.body).toMatchObject({ status: 'rejected', rejectionReason: 'Kuota penuh' });
  });

  it('puts a step that requires approval in the kepsek’s list; only the kepsek decides, a rejection needs a reason', async () => {
    const list = await api.call(f.a.users.kepsek, 'GET', '/api/approvals');
    const task = list.body.items.find((t: { caseId: string }) => t.caseId === k.id);
    expect(task).toMatchObject({ stateId: 'rujukan.surat_rujukan', approval: 'pending' });
    expect((await api.call(f.a.users.guru_bk, 'POST', `/api/tasks/${task.id}/decision`, { decision: 'approved' })).status).toBe(403);
    expect((await api.call(f.a.users.kepsek, 'POST', `/api/tasks/${task.id}/decision`, { decision: 'rejected' })).status).toBe(400);
    const row = await f.db.cases.get(f.a.id, k.id);
    const contextOf = (r: typeof row) => (r!.snapshot as { context: CaseContext }).context;
    expect(approvalOf(contextOf(row), 'rujukan.surat_rujukan')).toBeUndefined();
    const ok = await api.call(f.a.users.kepsek, 'POST', `/api/tasks/${task.id}/decision`, { decision: 'approved' });
    const after = await f.db.cases.get(f.a.id, k.id);
    expect(approvalOf(contextOf(after), 'rujukan.surat_rujukan')).toBe('approved');
    expect(ok.status).toBe(200);
    expect(ok.body.approval).toBe('approved');
    expect((await api.call(f.a.users.kepsek, 'POST', `/api/tasks/${task.id}/decision`, { decision: 'approved' })).status).toBe(422);
    const decided = await f.db.cases.get(f.a.id, k.id);
    expect((decided!.snapshot as { context: { approvals: Record<string, string> } }).context.approvals).toEqual({ 'rujukan.surat_rujukan': 'approved' });
  });

  it('records home visits once per Idempotency-Key, as umum for a wali kelas', async () => {
    const visit = { kind: 'home_visit', confidentiality: 'rahasia', data: { plan: 'Bertemu ibu', date: '2026-02-21', visitors: ['Wali kelas'], findings: 'Ibu bekerja malam', followUp: 'Konseling' } };
    const h = { 'idempotency-key': 'visit-001' };
    const first = await api.call(f.a.users.wali_kelas, 'POST', `/api/cases/${k.id}/records`, visit, h);
    expect(first.status).toBe(201);
    expect(first.body.confidentiality).toBe('umum');
    const retry = await api.call(f.a.users.wali_kelas, 'POST', `/api/cases/${k.id}/records`, visit, h);
    expect(retry.status).toBe(201);
    expect(retry.body.id).toBe(first.body.id);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    const list = await api.call(f.a.users.guru_bk, 'GET', `/api/cases/${k.id}/records?kind=home_visit`);
    expect(list.body.items).toHaveLength(1);
    expect((await api.call(f.a.users.guru_bk, 'POST', `/api/cases/${k.id}/records`, { kind: 'counseling_session', data: { date: '2026-02-21', mode: 'group', members: ['A'], topic: 'Motivasi' } })).status).toBe(400);
  });
});

describe('the API document', () => {
  it('lists the case-work routes in /api/openapi.json', async () => {
    const doc = await api.call(null, 'GET', '/api/openapi.json');
    expect(doc.status).toBe(200);
    const paths = Object.keys(doc.body.paths);
    for (const p of ['/api/students/import', '/api/early-warning', '/api/cases/{id}/notes', '/api/cases/{id}/consents', '/api/cases/{id}/referrals', '/api/referrals/{id}/complete', '/api/tasks/{id}/decision', '/api/calendar'])
      expect(paths).toContain(p);
    expect(doc.body.paths['/api/cases/{id}/consents'].post.requestBody.content['application/json'].schema).toBeDefined();
  });
});

describe('tasks, reminders and the school calendar', () => {
  it('lists my tasks with overdue counts and reminds once when a task is overdue', async () => {
    const mine = await api.call(f.a.users.guru_bk, 'GET', '/api/tasks');
    expect(mine.status).toBe(200);
    expect(mine.body.items.length).toBeGreaterThan(0);
    f.clock.advance(30 * 86_400_000);
    const later = await api.call(f.a.users.guru_bk, 'GET', '/api/tasks');
    expect(later.body.counts.overdue).toBeGreaterThan(0);
    const notes = await api.call(f.a.users.guru_bk, 'GET', '/api/notifications');
    const overdue = notes.body.items.filter((n: { kind: string }) => n.kind === 'task_overdue');
    expect(overdue.length).toBeGreaterThan(0);
    const again = await api.call(f.a.users.guru_bk, 'GET', '/api/notifications');
    expect(again.body.items.filter((n: { kind: string }) => n.kind === 'task_overdue').length).toBe(overdue.length);
    expect((await api.call(f.a.users.tim, 'GET', '/api/tasks')).body.items).toEqual([]);
  });

  it('lets a guru BK assign a step to a task-force member, who then sees that case and nothing else', async () => {
    const k = await counselingCase('1000000002');
    const other = await counselingCase('3000000001');
    expect((await api.call(f.a.users.tim, 'GET', `/api/cases/${k.id}/notes`)).status).toBe(404);
    const tasks = await api.call(f.a.users.guru_bk, 'GET', `/api/tasks?scope=all&caseId=${k.id}`);
    const open = tasks.body.items.find((t: { status: string }) => t.status === 'open');
    const people = await api.call(f.a.users.guru_bk, 'GET', '/api/tasks/assignees');
    expect(people.body.items.map((u: { role: string }) => u.role)).toContain('tim');
    expect((await api.call(f.a.users.tim, 'POST', `/api/tasks/${open.id}/assign`, { assigneeId: f.a.users.tim.id })).status).toBe(403);
    expect((await api.call(f.a.users.guru_bk, 'POST', `/api/tasks/${open.id}/assign`, { assigneeId: f.b.users.tim.id })).status).toBe(404);
    expect((await api.call(f.a.users.guru_bk, 'POST', `/api/tasks/${open.id}/assign`, { assigneeId: f.a.users.tim.id })).status).toBe(200);
    expect((await api.call(f.a.users.tim, 'GET', `/api/cases/${k.id}/notes`)).status).toBe(200);
    expect((await api.call(f.a.users.tim, 'GET', `/api/cases/${other.id}/notes`)).status).toBe(404);
    const mine = await api.call(f.a.users.tim, 'GET', '/api/tasks');
    expect(mine.body.items.map((t: { caseId: string }) => t.caseId)).toEqual([k.id]);
  });

  it('lets the kepsek set holidays, and 5 school days skip the weekend and the holiday', async () => {
    expect((await api.call(f.a.users.guru_bk, 'PUT', '/api/calendar', { entries: [{ date: '2026-03-16', kind: 'holiday' }] })).status).toBe(403);
    const put = await api.call(f.a.users.kepsek, 'PUT', '/api/calendar', { entries: [{ date: '2026-03-16', kind: 'holiday', note: 'Nyepi' }] });
    expect(put.status).toBe(200);
    const d = await api.call(f.a.users.guru_bk, 'GET', '/api/calendar/school-days?from=2026-03-11&days=5');
    expect(d.body.date).toBe('2026-03-19');
    const list = await api.call(f.a.users.guru_bk, 'GET', '/api/calendar?from=2026-03-01&to=2026-03-31');
    expect(list.body.items).toEqual([{ date: '2026-03-16', kind: 'holiday', note: 'Nyepi' }]);
    expect((await api.call(f.b.users.guru_bk, 'GET', '/api/calendar?from=2026-03-01&to=2026-03-31')).body.items).toEqual([]);
  });
});
