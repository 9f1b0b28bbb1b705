/**
 * Students over time through the API (issue 14), on a real SQLite file: the
 * school's year and week, national holidays, a Dapodik roster (title rows,
 * two-row header, PIP/KIP, distance, transport) with a column mapping for an
 * unknown layout, early warning over those facts, the status lifecycle with
 * its history, and the year-end rollover (dry run, class by class, twice
 * changes nothing, the new year).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixture, fixtureApp, type Fixture, type FixtureApp } from '@jalur/api/testing';

const csv = { 'content-type': 'text/csv' };
let f: Fixture;
let api: FixtureApp;

beforeAll(async () => {
  f = await createFixture({ studentsPerSchool: 4 });
  api = fixtureApp(f);
});
afterAll(async () => {
  await f?.close();
});

const DAPODIK = [
  'Daftar Peserta Didik',
  'SMK NEGERI 1 UJI',
  'Kecamatan Uji, Kabupaten Uji, Provinsi Jambi',
  'Tanggal Unduh: 2026-01-20 08:00:00,,Pengunduh: operator',
  'No,Nama,NIPD,JK,NISN,Tanggal Lahir,Alat Transportasi,HP,Data Ayah,,Data Ibu,,Rombel Saat Ini,Penerima KIP,Layak PIP (usulan dari sekolah),Jarak Rumah ke Sekolah (KM)',
  ',,,,,,,,Nama,Pekerjaan,Nama,Pekerjaan,,,,',
  '1,AHMAD FAUZI,101,L,4000000001,2009-04-12,Jalan kaki,081311112222,SUPRIADI,Nelayan,MARLINA,Lainnya,XI TKR 1,Ya,Tidak,"7,5"',
  '2,SITI NURHALIZA,102,P,4000000002,12/01/2009,Sepeda motor,081311113333,HASAN,Petani,AISYAH,Petani,XI TKR 1,Tidak,Ya,2',
  '3,RINA MARLINA,103,P,4000000003,2008-02-02,Angkutan umum,,BUDI,Buruh,SARI,Lainnya,XII TKR 1,Tidak,Tidak,15',
  ',Jumlah: 3',
].join('\n');

describe('school year and week', () => {
  it('shows the defaults (the term of today, five days, WIB) until the kepsek saves; only the kepsek may', async () => {
    const r = await api.call(f.a.users.wali_kelas, 'GET', '/api/school-year');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ academicYear: '2025/2026', semester: 'genap', label: { id: '2025/2026 Genap' }, weekDays: 5, timeZone: 'WIB', nationalHolidays: true, stored: false });
    expect((await api.call(f.a.users.guru_bk, 'PUT', '/api/school-year', { weekDays: 6 })).status).toBe(403);
    const bad = await api.call(f.a.users.kepsek, 'PUT', '/api/school-year', { weekDays: 7 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBeTruthy();
    expect((await api.call(f.a.users.kepsek, 'PUT', '/api/school-year', { academicYear: '2025/2027' })).status).toBe(400);
    const saved = await api.call(f.a.users.kepsek, 'PUT', '/api/school-year', { weekDays: 6, timeZone: 'WITA' });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ weekDays: 6, timeZone: 'WITA', stored: true, academicYear: '2025/2026' });
    // School B is untouched.
    expect((await api.call(f.b.users.kepsek, 'GET', '/api/school-year')).body).toMatchObject({ weekDays: 5, stored: false });
    await api.call(f.a.users.kepsek, 'PUT', '/api/school-year', { weekDays: 5, timeZone: 'WIB' });
  });

  it("lists Indonesia's national holidays of a year, marking those the school's calendar overrides", async () => {
    await api.call(f.a.users.kepsek, 'PUT', '/api/calendar', { entries: [{ date: '2026-05-01', kind: 'school_day', note: 'Masuk' }] });
    const r = await api.call(f.a.users.guru_bk, 'GET', '/api/school-year/holidays?year=2026');
    expect(r.status).toBe(200);
    expect(r.body.items.find((h: { date: string }) => h.date === '2026-08-17')).toMatchObject({ overridden: false });
    expect(r.body.items.find((h: { date: string }) => h.date === '2026-05-01')).toMatchObject({ overridden: true });
    expect((await api.call(f.a.users.guru_bk, 'GET', '/api/school-year/holidays?year=abc')).status).toBe(400);
    await api.call(f.a.users.kepsek, 'DELETE', '/api/calendar/2026-05-01');
  });
});

describe('Dapodik roster and early warning over its facts', () => {
  it('previews a Dapodik export (title rows skipped, two-row header joined), applies it, keeps PIP/KIP, distance, transport and parents', async () => {
    const preview = await api.call(f.a.users.guru_bk, 'POST', '/api/students/import?dryRun=true', DAPODIK, csv);
    expect(preview.status).toBe(200);
    expect(preview.body.headerLines).toEqual([5, 6]);
    expect(preview.body.headers.filter((h: { field: string | null }) => h.field).map((h: { label: string; field: string }) => `${h.label}→${h.field}`)).toEqual([
      'Nama→name', 'JK→gender', 'NISN→nisn', 'Tanggal Lahir→birthDate', 'Alat Transportasi→transport', 'HP→guardianPhone', 'Data Ayah Nama→fatherName',
      'Data Ibu Nama→motherName', 'Rombel Saat Ini→className', 'Penerima KIP→kipHolder', 'Layak PIP (usulan dari sekolah)→pipEligible', 'Jarak Rumah ke Sekolah (KM)→distanceKm',
    ]);
    expect(preview.body.counts).toMatchObject({ new: 3, error: 0 });
    const applied = await api.call(f.a.users.guru_bk, 'POST', '/api/students/import?dryRun=false', DAPODIK, csv);
    expect(applied.status).toBe(200);
    const ahmad = await f.db.students.getByNisn(f.a.id, '4000000001');
    expect(ahmad).toMatchObject({ className: 'XI TKR 1', fatherName: 'SUPRIADI', motherName: 'MARLINA', kipHolder: true, pipEligible: false, distanceKm: 7.5, transport: 'Jalan kaki' });
    const view = await api.call(f.a.users.guru_bk, 'GET', `/api/students/${ahmad!.id}`);
    expect(view.body).toMatchObject({ kipHolder: true, distanceKm: 7.5, transport: 'Jalan kaki', status: 'active' });
    // The same file again changes nothing.
    expect((await api.call(f.a.users.guru_bk, 'POST', '/api/students/import?dryRun=true', DAPODIK, csv)).body.counts).toMatchObject({ new: 0, update: 0, unchanged: 3 });
  });

  it('maps an unknown layout by hand; a bad mapping is a 400', async () => {
    const odd = 'Rekap kelas\nNo Induk Nasional;Nama Peserta;Kelompok;Jarak\n4000000009;Dewi;X-9;3\n';
    const unmapped = await api.call(f.a.users.guru_bk, 'POST', '/api/students/import?dryRun=true', odd, csv);
    expect(unmapped.body.fileErrors[0].en).toMatch(/Required columns missing/);
    const mapping = encodeURIComponent(JSON.stringify({ 'No Induk Nasional': 'nisn', 'Nama Peserta': 'name', Kelompok: 'className' }));
    const mapped = await api.call(f.a.users.guru_bk, 'POST', `/api/students/import?dryRun=true&mapping=${mapping}`, odd, csv);
    expect(mapped.status).toBe(200);
    expect(mapped.body.counts).toMatchObject({ new: 1, error: 0 });
    expect(mapped.body.headers.map((h: { field: string | null }) => h.field)).toEqual(['nisn', 'name', 'className', 'distanceKm']);
    const bad = await api.call(f.a.users.guru_bk, 'POST', `/api/students/import?dryRun=true&mapping=${encodeURIComponent('{"x":"salary"}')}`, odd, csv);
    expect(bad.status).toBe(400);
    expect((await api.call(f.a.users.guru_bk, 'POST', '/api/students/import?dryRun=true&mapping=%7Bnot-json', odd, csv)).status).toBe(400);
  });

  it('early warning raises economic need (KIP, PIP not received) next to absence, and distance (walking 7.5 km, 15 km) from the roster facts', async () => {
    const ahmad = (await f.db.students.getByNisn(f.a.id, '4000000001'))!;
    const rina = (await f.db.students.getByNisn(f.a.id, '4000000003'))!;
    await f.db.students.update(f.a.id, ahmad.id, { pipReceived: false }, { now: f.clock.now(), actorId: null });
    await f.db.indicators.upsert(f.a.id, [{ studentId: ahmad.id, kind: 'attendance', period: '2026-01', subject: '', values: { schoolDays: 20, present: 17, sick: 1, permitted: 0, absent: 2 } }], { now: f.clock.now() });
    expect((await api.call(f.a.users.guru_bk, 'POST', '/api/early-warning/scan')).status).toBe(200);
    const ew = await api.call(f.a.users.guru_bk, 'GET', '/api/early-warning');
    const flagsOf = (id: string) => ew.body.items.find((i: { student: { id: string } }) => i.student.id === id)?.flags.map((x: { ruleKey: string; level: string }) => `${x.ruleKey}:${x.level}`).sort();
    expect(flagsOf(ahmad.id)).toEqual(['absence:risk', 'distance:risk', 'economic:risk']);
    expect(flagsOf(rina.id)).toEqual(['distance:risk']);
    const siti = (await f.db.students.getByNisn(f.a.id, '4000000002'))!;
    // PIP-eligible but no other sign: economic need alone is not raised; 2 km is no distance risk.
    expect(flagsOf(siti.id)).toBeUndefined();
    const reason = ew.body.items.find((i: { student: { id: string } }) => i.student.id === ahmad.id).flags.find((x: { ruleKey: string }) => x.ruleKey === 'distance').reason;
    expect(reason.id).toContain('7.5 km dengan jalan kaki');
    // The identify step's prefill: the same indicators, sakit/izin/alpa apart, with the source.
    const ind = await api.call(f.a.users.guru_bk, 'GET', `/api/students/${ahmad.id}/indicators`);
    expect(ind.body.prefill).toEqual({
      values: { attendanceRate: 0.85, absentDays: 3, sickDays: 1, permittedDays: 0, alpaDays: 2 },
      source: { attendancePeriod: '2026-01', gradeTerm: null, recordedAt: f.clock.now().toISOString() },
    });
    // A case opened from the flag keeps the term and class of the time, and its guards can read the roster's facts.
    const flagId = ew.body.items.find((i: { student: { id: string } }) => i.student.id === ahmad.id).flags[0].id;
    const opened = await api.call(f.a.users.guru_bk, 'POST', `/api/flags/${flagId}/open-case`, { pathwayId: f.a.srps.pathwayId });
    expect(opened.status).toBe(201);
    const row = await f.db.cases.get(f.a.id, opened.body.id);
    expect(row!.indicatorsAtOpen).toMatchObject({
      term: { academicYear: '2025/2026', semester: 'genap', className: 'XI TKR 1' },
      facts: { kipHolder: true, pipReceived: false, distanceKm: 7.5, transport: 'Jalan kaki', sickDays: 1, permittedDays: 0, alpaDays: 2 },
    });
  });
});

describe('status lifecycle', () => {
  it('records leaving and re-enrolment with date and reason; refuses moves the lifecycle forbids; only in the own school', async () => {
    const s = f.a.students[0]!;
    const same = await api.call(f.a.users.guru_bk, 'POST', `/api/students/${s.id}/status`, { status: 'active', date: '2026-02-02' });
    expect(same.status).toBe(422);
    expect(same.body.error.code).toBe('invalid');
    expect((await api.call(f.a.users.guru_bk, 'POST', `/api/students/${s.id}/status`, { status: 'dropped_out', date: '2026-13-01' })).status).toBe(400);
    expect((await api.call(f.a.users.guru_bk, 'POST', `/api/students/${s.id}/status`, { status: 'bolos', date: '2026-02-02' })).status).toBe(400);
    expect((await api.call(f.a.users.wali_kelas, 'POST', `/api/students/${s.id}/status`, { status: 'dropped_out', date: '2026-02-02' })).status).toBe(403);
    expect((await api.call(f.b.users.guru_bk, 'POST', `/api/students/${s.id}/status`, { status: 'dropped_out', date: '2026-02-02' })).status).toBe(404);
    const left = await api.call(f.a.users.guru_bk, 'POST', `/api/students/${s.id}/status`, { status: 'dropped_out', date: '2026-02-02', reason: 'Bekerja di kebun sawit' });
    expect(left.status).toBe(200);
    expect(left.body.student).toMatchObject({ status: 'dropped_out', statusDate: '2026-02-02', statusReason: 'Bekerja di kebun sawit' });
    expect((await api.call(f.a.users.guru_bk, 'POST', `/api/students/${s.id}/status`, { status: 'graduated', date: '2026-02-03' })).status).toBe(422);
    const back = await api.call(f.a.users.guru_bk, 'POST', `/api/students/${s.id}/status`, { status: 'active', date: '2026-02-16', reason: 'Kembali setelah kunjungan rumah' });
    expect(back.status).toBe(200);
    const history = await api.call(f.a.users.kepsek, 'GET', `/api/students/${s.id}/status`);
    expect(history.body.events.map((e: { status: string; date: string; term: { id: string } }) => [e.status, e.date, e.term.id])).toEqual([
      ['dropped_out', '2026-02-02', '2025/2026 Genap'],
      ['active', '2026-02-16', '2025/2026 Genap'],
    ]);
    expect((await api.call(f.b.users.kepsek, 'GET', `/api/students/${s.id}/status`)).status).toBe(404);
  });
});

describe('closing a case as dropped out or transferred', () => {
  it('asks the guru BK to confirm the status change, until it is recorded with that case', async () => {
    const s = f.a.students[2]!;
    const opened = await f.db.cases.create({
      schoolId: f.a.id, studentId: s.id, pathwayVersionId: f.a.loop.version.id, assigneeId: f.a.users.guru_bk.id, actorId: f.a.users.guru_bk.id, now: f.clock.now(),
      start: () => ({ ok: true, value: { snapshot: { value: 'a' }, stateValue: ['a'], status: 'active', effects: [] } }),
    });
    if (!opened.ok) throw new Error(opened.error.message);
    const closed = await f.db.cases.advance({
      schoolId: f.a.id, caseId: opened.value.case.id, actorId: f.a.users.guru_bk.id, now: f.clock.now(), event: { type: 'TUTUP' },
      apply: () => ({ ok: true, value: { snapshot: { value: 'selesai_pindah' }, stateValue: ['selesai_pindah'], status: 'done', outcome: 'transferred', effects: [{ type: 'case.closed', finalState: 'selesai_pindah' }] } }),
    });
    if (!closed.ok) throw new Error(closed.error.message);
    const r = await api.call(f.a.users.guru_bk, 'GET', '/api/school-year/status-suggestions');
    expect(r.status).toBe(200);
    expect(r.body.items).toEqual([expect.objectContaining({ caseId: opened.value.case.id, studentId: s.id, name: s.name, outcome: 'transferred', status: 'active' })]);
    expect((await api.call(f.a.users.wali_kelas, 'GET', '/api/school-year/status-suggestions')).status).toBe(403);
    expect((await api.call(f.b.users.guru_bk, 'GET', '/api/school-year/status-suggestions')).body.items).toEqual([]);
    const confirmed = await api.call(f.a.users.guru_bk, 'POST', `/api/students/${s.id}/status`, { status: 'transferred', date: '2026-02-02', reason: 'Pindah ikut orang tua', caseId: opened.value.case.id });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.events.at(-1)).toMatchObject({ status: 'transferred', caseId: opened.value.case.id });
    expect((await api.call(f.a.users.guru_bk, 'GET', '/api/school-year/status-suggestions')).body.items).toEqual([]);
    // Back to school (re-enrolment) so the rollover below counts the student.
    expect((await api.call(f.a.users.guru_bk, 'POST', `/api/students/${s.id}/status`, { status: 'transferred_in', date: '2026-02-09', reason: 'Kembali dari PKBM' })).status).toBe(200);
  });
});

describe('year-end rollover', () => {
  it('a dry run changes nothing; class by class it promotes, keeps tinggal kelas, graduates the final grade; twice changes nothing; then the new year', async () => {
    const K = f.a.users.kepsek;
    const before = await f.db.students.listAll(f.a.id);
    const keep = f.a.students[1]!;
    const plan = await api.call(K, 'POST', '/api/school-year/rollover/plan', { repeat: [keep.id] });
    expect(plan.status).toBe(200);
    expect(plan.body).toMatchObject({ dryRun: true, fromYear: '2025/2026', toYear: '2026/2027', finalGrade: 12 });
    expect(plan.body.rows.find((r: { studentId: string }) => r.studentId === keep.id)).toMatchObject({ action: 'repeat', to: keep.className });
    const xii = plan.body.classes.find((c: { className: string }) => c.className === 'XII TKR 1');
    expect(xii).toMatchObject({ graduate: 1, to: null });
    expect(await f.db.students.listAll(f.a.id)).toEqual(before);
    expect((await api.call(f.a.users.guru_bk, 'POST', '/api/school-year/rollover/plan', {})).status).toBe(403);
    expect((await api.call(K, 'POST', '/api/school-year/rollover/apply', { fromYear: '2024/2025', className: 'X-1' })).status).toBe(409);
    // Class by class, as the page does, in the plan's order.
    for (const c of plan.body.classes as { className: string }[]) {
      const r = await api.call(K, 'POST', '/api/school-year/rollover/apply', { fromYear: '2025/2026', className: c.className, repeat: [keep.id] });
      expect(r.status).toBe(200);
    }
    const after = new Map((await f.db.students.listAll(f.a.id)).map((s) => [s.id, s]));
    expect(after.get(keep.id)!.className).toBe(keep.className);
    expect(after.get(f.a.students[3]!.id)!.className).toBe(f.a.students[3]!.className.replace(/^X-/, 'XI-'));
    expect((await f.db.students.getByNisn(f.a.id, '4000000001'))!.className).toBe('XII TKR 1');
    expect(await f.db.students.getByNisn(f.a.id, '4000000003')).toMatchObject({ status: 'graduated', className: 'XII TKR 1' });
    // The dropped-out-then-returned student is enrolled again and rolls over; nobody moves twice.
    const again = await api.call(K, 'POST', '/api/school-year/rollover/apply', { fromYear: '2025/2026', className: 'XI TKR 1', repeat: [keep.id] });
    expect(again.body.applied).toBe(0);
    expect((await f.db.students.getByNisn(f.a.id, '4000000001'))!.className).toBe('XII TKR 1');
    const finished = await api.call(K, 'POST', '/api/school-year/rollover/finish', { fromYear: '2025/2026' });
    expect(finished.body).toMatchObject({ academicYear: '2026/2027', semester: 'ganjil', label: { id: '2026/2027 Ganjil' } });
    expect((await api.call(K, 'POST', '/api/school-year/rollover/finish', { fromYear: '2025/2026' })).status).toBe(409);
  });
});
