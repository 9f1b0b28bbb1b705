/**
 * The semester report (issues 14 and 15) through the real API on the seeded
 * demo database, on SQLite and on PostgreSQL:
 *
 * - the seed-002 cohort's term (2023/2024 Ganjil) gives the paper's table,
 *   11 → 4, 6 → 3, 2 → 2, 2 → 2, the same as the before/after report;
 * - students by status follow a status change (mutasi keluar) in the term it
 *   is dated in and in no other;
 * - a student with no flag and no case who gets a case shows as worsened
 *   (tidak rentan → rentan) in the risk change;
 * - satisfaction scores recorded on a case give the count, average and
 *   distribution per service; a score dated in another term counts there;
 *   bad input is 400 with the error shape, the task force and the dinas are
 *   refused, another school's case is not found;
 * - ekstrakurikuler and P5 participation: counts per kind and activity; a
 *   wali kelas records and reads their own class only;
 * - aid disbursed equals the fund ledger's outgoing entries of the term;
 * - the PDF for the komite and for the dinas, read back with pdftotext
 *   (school, term, Indonesian date, the table, signers; the dinas copy with
 *   small counts as "<5" and no student's name) and pdftoppm (pages under
 *   test-results/semester-report-api/ to look at); each generation audited.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ManualClock } from '@jalur/api';
import type { User } from '../../packages/db/src/index.ts';
import { ROOT, type SeededDb } from '../reports/demo-db.ts';
import { DEMO_DIALECTS, openDemoApi, type DemoApi } from './demo-api.ts';

const OUT = join(ROOT, 'test-results', 'semester-report-api');
const NOW = new Date('2026-12-06T03:00:00Z');
const MONTHS = /\d{1,2} (Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember) \d{4}/;

describe.each(DEMO_DIALECTS)('the semester report (%s)', (dialect, open) => {
  let demo: SeededDb, clock: ManualClock, call: DemoApi['call'];
  let kepsek: User, bk: User, wali: User, tim: User, dinas: User, bkB: User;
  const out = join(OUT, dialect);
  const report = async (query = '') => {
    const r = await call(bk, 'GET', `/reports/semester${query}`);
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    return r.json;
  };

  beforeAll(async () => {
    rmSync(out, { recursive: true, force: true });
    mkdirSync(out, { recursive: true });
    ({ demo, clock, call, kepsek, bk, wali, tim, dinas, bkB } = await openDemoApi(open, NOW));
    // The letterhead the PDF carries.
    expect((await call(kepsek, 'PUT', '/school/profile', { authority: 'Pemerintah Provinsi Jambi\nDinas Pendidikan', address: 'Jl. Lintas Timur No. 1, Muara Sabak', city: 'Muara Sabak', letterCode: 'SKA' })).status).toBe(200);
  }, 240_000);
  afterAll(async () => demo?.close());

  it('gives the seed-002 table for the cohort’s term, as the before/after report does', async () => {
    const r = await report('?year=2023/2024&semester=ganjil');
    expect(r.term).toMatchObject({ year: '2023/2024', semester: 'ganjil', from: '2023-07-01', to: '2023-12-31', asOf: '2023-12-31', ended: true, label: { id: '2023/2024 Ganjil' } });
    expect(Object.fromEntries(r.beforeAfter.map((x: { factor: string; before: number; after: number }) => [x.factor, [x.before, x.after]]))).toMatchObject({
      motivation: [11, 4], economic: [6, 3], family: [2, 2], bullying: [2, 2],
    });
    expect(r.beforeAfter.find((x: { factor: string }) => x.factor === 'motivation').label).toEqual({ id: 'Motivasi belajar rendah', en: 'Low motivation' });
    const direct = await call(bk, 'GET', '/reports/before-after?from=2023-07-01&to=2023-12-31');
    expect(r.beforeAfter.map((x: { factor: string; before: number; after: number }) => ({ factor: x.factor, before: x.before, after: x.after }))).toEqual(direct.json);
    // The before/after report and its CSV take the academic year and semester too.
    const byTerm = await call(bk, 'GET', '/reports/before-after?year=2023/2024&semester=ganjil');
    expect(byTerm.status).toBe(200);
    expect(byTerm.json).toEqual(direct.json);
    const csv = await call(bk, 'GET', '/reports/export.csv?table=before-after&year=2023/2024&semester=ganjil');
    expect(csv.status).toBe(200);
    expect(Buffer.from(csv.bytes).toString('utf8')).toMatch(/motivation.*11.*4|Motivasi.*11.*4/i);
    // The district's aggregates of a term stay suppressed as every district answer is.
    const district = await call(dinas, 'GET', '/district/aggregates?year=2023/2024&semester=ganjil');
    expect(district.status, JSON.stringify(district.json)).toBe(200);
    expect(district.json.period).toEqual({ from: '2023-07-01', to: '2023-12-31' });
    expect(district.json.suppression.marker).toBe('<5');
    expect(JSON.stringify(district.json)).not.toMatch(/Andi|Pratama/);
  });

  it('counts students by status at the term’s end and the changes dated in it', async () => {
    const before = await report();
    expect(before.term).toMatchObject({ year: '2026/2027', semester: 'ganjil', asOf: '2026-12-06', ended: false });
    expect(before.students.byStatus.map((s: { status: string }) => s.status)).toEqual(['active', 'transferred_in', 'transferred', 'dropped_out', 'graduated']);
    expect(before.students.byStatus.map((s: { label: { id: string } }) => s.label.id)).toEqual(['Aktif', 'Mutasi masuk', 'Mutasi keluar (pindah)', 'Keluar / putus sekolah', 'Lulus']);
    const count = (r: typeof before, s: string) => r.students.byStatus.find((x: { status: string }) => x.status === s);
    const student = (await demo.db.students.listAll(demo.schoolA)).find((s) => s.status === 'active' && s.className !== wali.className)!;
    const moved = await call(bk, 'POST', `/students/${student.id}/status`, { status: 'transferred', date: '2026-11-10', reason: 'Pindah mengikuti orang tua' });
    expect(moved.status, JSON.stringify(moved.json)).toBe(200);
    const after = await report();
    expect(count(after, 'transferred').atEnd).toBe(count(before, 'transferred').atEnd + 1);
    expect(count(after, 'transferred').changed).toBe(count(before, 'transferred').changed + 1);
    expect(count(after, 'active').atEnd).toBe(count(before, 'active').atEnd - 1);
    expect(after.students.enrolled).toBe(before.students.enrolled - 1);
    // A term that ended before the move still counts them as they were.
    const last = await report('?year=2025/2026&semester=genap');
    expect(count(last, 'transferred').changed).toBe(0);
    expect(last.students.byStatus.reduce((n: number, s: { atEnd: number }) => n + s.atEnd, 0)).toBeGreaterThan(0);
  });

  it('shows a student who got a case this semester as worsened (not at risk → at risk)', async () => {
    const before = await report();
    const listed = new Set(before.riskChange.perStudent.map((p: { studentId: string }) => p.studentId));
    const student = (await demo.db.students.listAll(demo.schoolA)).find((s) => s.status === 'active' && !listed.has(s.id))!;
    expect(student, 'an active student with no flag or case').toBeDefined();
    const pathways = await call(bk, 'GET', '/pathways');
    const pathway = pathways.json.items.find((p: { latestVersion: number | null }) => p.latestVersion !== null);
    const opened = await call(bk, 'POST', '/cases', { studentId: student.id, pathwayId: pathway.id, riskFactors: ['motivation'] });
    expect(opened.status, JSON.stringify(opened.json)).toBe(201);
    const after = await report();
    expect(after.riskChange.students).toBe(before.riskChange.students + 1);
    expect(after.riskChange.worsened).toBe(before.riskChange.worsened + 1);
    const tr = (r: typeof before) => r.riskChange.transitions.find((t: { from: string; to: string }) => t.from === 'none' && t.to === 'risk').count;
    expect(tr(after)).toBe(tr(before) + 1);
    expect(after.riskChange.perStudent.find((p: { studentId: string }) => p.studentId === student.id)).toMatchObject({
      name: student.name, start: 'none', end: 'risk', startLabel: { id: 'Tidak rentan' }, endLabel: { id: 'Rentan' },
    });
    expect(after.riskChange.improved + after.riskChange.unchanged + after.riskChange.worsened).toBe(after.riskChange.students);
  });

  it('records satisfaction scores on a case and reports their average and distribution per service', async () => {
    const kase = (await demo.db.cases.list(demo.schoolA, { status: 'active', assigneeId: bk.id }))[0]!;
    for (const [service, score] of [['counseling_individual', 5], ['counseling_individual', 4], ['counseling_individual', 2], ['home_visit', 3]] as const) {
      clock.advance(60_000);
      const r = await call(bk, 'POST', `/cases/${kase.id}/satisfaction`, { service, score });
      expect(r.status, JSON.stringify(r.json)).toBe(201);
    }
    // A score given in the last semester counts there, not now.
    const old = await call(bk, 'POST', `/cases/${kase.id}/satisfaction`, { service: 'home_visit', score: 1, date: '2026-03-02' });
    expect(old.status).toBe(201);
    expect(old.json.term.id).toBe('2025/2026 Genap');
    const list = await call(wali.className === (await demo.db.students.get(demo.schoolA, kase.studentId))!.className ? wali : kepsek, 'GET', `/cases/${kase.id}/satisfaction`);
    expect(list.status).toBe(200);
    expect(list.json.items).toHaveLength(5);
    expect(list.json.items[0]).toMatchObject({ service: 'counseling_individual', serviceLabel: { id: 'Konseling individual' }, score: 5, scoreLabel: { id: 'Sangat puas' }, recordedBy: bk.name });
    const r = await report();
    expect(r.satisfaction).toMatchObject({ responses: 4, average: 3.5, distribution: [0, 1, 1, 1, 1] });
    expect(r.satisfaction.byService).toEqual([
      { service: 'counseling_individual', label: { id: 'Konseling individual', en: 'Individual counselling' }, responses: 3, average: 3.67, distribution: [0, 1, 0, 1, 1] },
      { service: 'home_visit', label: { id: 'Kunjungan rumah', en: 'Home visit' }, responses: 1, average: 3, distribution: [0, 0, 1, 0, 0] },
    ]);
    expect((await report('?year=2025/2026&semester=genap')).satisfaction).toMatchObject({ responses: 1, distribution: [1, 0, 0, 0, 0] });
    // Refusals: bad input (nothing written), the task force, the dinas, another school.
    for (const bad of [{ service: 'counseling_individual', score: 6 }, { service: 'pijat', score: 3 }, { service: 'home_visit', score: 3, date: '2026-02-30' }, { service: 'home_visit', score: 3, extra: 1 }]) {
      const x = await call(bk, 'POST', `/cases/${kase.id}/satisfaction`, bad);
      expect(x.status, JSON.stringify(bad)).toBe(400);
      expect(x.json.error.code).toBe('invalid_request');
    }
    // A task-force member off the case: refused (403), or not found (404) by the case routes first.
    expect([403, 404]).toContain((await call(tim, 'POST', `/cases/${kase.id}/satisfaction`, { service: 'home_visit', score: 3 })).status);
    expect((await call(dinas, 'GET', `/cases/${kase.id}/satisfaction`)).status).toBe(403);
    const other = await call(bkB, 'POST', `/cases/${kase.id}/satisfaction`, { service: 'home_visit', score: 3 });
    expect(other.status).toBe(404);
    expect(other.json.error).toBeDefined();
    expect((await report()).satisfaction.responses).toBe(4);
  });

  it('counts ekstrakurikuler and P5 participation; a wali kelas records and reads their own class only', async () => {
    const students = (await demo.db.students.listAll(demo.schoolA)).filter((s) => s.status === 'active');
    const mine = students.filter((s) => s.className === wali.className);
    const others = students.filter((s) => s.className !== wali.className);
    const term = { academicYear: '2026/2027', semester: 'ganjil' };
    const add = (who: User, studentId: string, activity: string, name: string, attended: boolean) => call(who, 'POST', '/participation', { studentId, activity, name, attended, ...term });
    expect((await add(bk, others[0]!.id, 'ekstrakurikuler', 'Pramuka', true)).status).toBe(201);
    expect((await add(bk, others[1]!.id, 'ekstrakurikuler', 'Pramuka', false)).status).toBe(201);
    expect((await add(bk, others[0]!.id, 'ekstrakurikuler', 'Rohis', true)).status).toBe(201);
    const w = await add(wali, mine[0]!.id, 'p5', 'Projek kearifan lokal', true);
    expect(w.status, JSON.stringify(w.json)).toBe(201);
    expect(w.json).toMatchObject({ activity: 'p5', activityLabel: { id: 'Projek P5' }, name: 'Projek kearifan lokal', attended: true, student: { name: mine[0]!.name } });
    const refused = await add(wali, others[2]!.id, 'p5', 'Projek kearifan lokal', true);
    expect(refused.status).toBe(404);
    const bad = await call(bk, 'POST', '/participation', { studentId: others[0]!.id, activity: 'ekstrakurikuler', name: 'Pramuka', attended: true, academicYear: '2026/2028', semester: 'ganjil' });
    expect(bad.status).toBe(400);
    expect((await call(tim, 'GET', '/participation')).status).toBe(403);
    const walisList = await call(wali, 'GET', '/participation');
    expect(walisList.status).toBe(200);
    expect(walisList.json.items.map((i: { student: { id: string } }) => i.student.id)).toEqual([mine[0]!.id]);
    expect((await call(bk, 'GET', '/participation')).json.items).toHaveLength(4);
    const r = await report();
    const kind = (k: string) => r.participation.byKind.find((x: { activity: string }) => x.activity === k);
    expect(kind('ekstrakurikuler')).toMatchObject({ students: 2, attended: 1, label: { id: 'Ekstrakurikuler' } });
    expect(kind('ekstrakurikuler').activities).toEqual([{ name: 'Pramuka', students: 2, attended: 1 }, { name: 'Rohis', students: 1, attended: 1 }]);
    expect(kind('p5')).toMatchObject({ students: 1, attended: 1 });
    // The student's data export (UU PDP) carries their M&E records.
    const exported = await call(kepsek, 'GET', `/students/${others[0]!.id}/export`);
    expect(exported.status).toBe(200);
    const own = await demo.db.me.list(demo.schoolA, { studentId: others[0]!.id });
    expect(exported.json.meRecords.map((m: { id: string }) => m.id)).toEqual(own.map((m) => m.id));
    expect(exported.json.meRecords.filter((m: { kind: string }) => m.kind === 'participation').map((m: { data: { name: string } }) => m.data.name).sort()).toEqual(['Pramuka', 'Rohis']);
  });

  it('reports the aid disbursed in the term as the fund ledger holds it', async () => {
    const r = await report();
    const h = demo.db.reportHandle;
    const sql = `SELECT e.amount AS amount, f.source AS source FROM fund_entries e JOIN funds f ON f.id = e.fund_id WHERE e.school_id = '${demo.schoolA}' AND e.direction = 'out' AND e.entry_date >= '2026-07-01' AND e.entry_date <= '2026-12-06'`;
    const rows = (h.dialect === 'sqlite' ? h.sqlite.prepare(sql).all() : await h.client.unsafe(sql)) as { amount: number | string; source: string }[];
    expect(r.aid.available).toBe(true);
    expect(r.aid.entries).toBe(rows.length);
    expect(r.aid.total).toBe(rows.reduce((n, x) => n + Number(x.amount), 0));
    expect(r.aid.bySource.reduce((n: number, s: { amount: number }) => n + s.amount, 0)).toBe(r.aid.total);
    for (const s of r.aid.bySource) expect(s.label.id).not.toMatch(/_/);
  });

  it('counts a disbursement paid by a funding step under its fund’s source and each risk factor of the case; the step’s fund reads by name', async () => {
    const before = await report();
    const school = (await demo.db.schools.get(demo.schoolA))!;
    const scope = { districtId: school.districtId, schoolId: demo.schoolA };
    const doc = {
      format: 'jalur.pathway/1', key: 'uji-dana', title: { id: 'Uji bantuan dana', en: 'Aid test' },
      machine: {
        id: 'uji-dana', initial: 'bantuan',
        states: {
          bantuan: {
            meta: {
              kind: 'funding', title: { id: 'Bantuan dana', en: 'Financial aid' }, roles: ['guru_bk'],
              form: [
                { name: 'fund', type: 'register', register: 'fund', required: true, label: { id: 'Sumber dana', en: 'Fund' } },
                { name: 'amount', type: 'number', required: true, label: { id: 'Jumlah (Rp)', en: 'Amount (Rp)' } },
              ],
            },
            on: { SALURKAN: { target: 'selesai', meta: { label: { id: 'Salurkan', en: 'Pay out' } } } },
          },
          selesai: { type: 'final', meta: { kind: 'closure', title: { id: 'Selesai', en: 'Closed' } } },
        },
      },
      layout: {},
    };
    const created = await demo.db.pathways.create(scope, { key: doc.key, title: doc.title.id, draft: doc, updatedBy: kepsek.id, now: NOW });
    if (!created.ok) throw new Error(created.error.message);
    const published = await demo.db.pathways.publish(scope, { id: created.value.id, publishedBy: kepsek.id, now: NOW });
    expect(published.ok).toBe(true);
    const fund = await demo.db.funds.createFund(demo.schoolA, { name: 'Dana Komite Semester Ganjil', source: 'komite' }, { actorId: kepsek.id, now: NOW });
    if (!fund.ok) throw new Error(fund.error.message);
    const gift = await demo.db.funds.addDonation(demo.schoolA, { fundId: fund.value.id, amount: 1_000_000, date: '2026-11-02' }, { actorId: kepsek.id, now: NOW });
    expect(gift.ok).toBe(true);
    const student = (await demo.db.students.listAll(demo.schoolA)).find((s) => s.status === 'active')!;
    const opened = await call(bk, 'POST', '/cases', { studentId: student.id, pathwayId: created.value.id, riskFactors: ['economic', 'distance'] });
    expect(opened.status, JSON.stringify(opened.json)).toBe(201);
    const paid = await call(bk, 'POST', `/cases/${opened.json.id}/events`, { type: 'SALURKAN', expectedVersion: opened.json.version, data: { fund: fund.value.id, amount: 250_000 } });
    expect(paid.status, JSON.stringify(paid.json)).toBe(200);
    const after = await report();
    expect(after.aid.total).toBe(before.aid.total + 250_000);
    expect(after.aid.entries).toBe(before.aid.entries + 1);
    const amountOf = (r: typeof before, list: 'bySource' | 'byFactor', key: string) => (r.aid[list] as { source?: string; factor?: string; amount: number }[]).find((x) => (x.source ?? x.factor) === key)?.amount ?? 0;
    expect(amountOf(after, 'bySource', 'komite')).toBe(amountOf(before, 'bySource', 'komite') + 250_000);
    expect(after.aid.bySource.find((x: { source: string }) => x.source === 'komite').label.id).toBe('Komite sekolah');
    for (const f of ['economic', 'distance']) expect(amountOf(after, 'byFactor', f)).toBe(amountOf(before, 'byFactor', f) + 250_000);
    expect(after.aid.byFactor.find((x: { factor: string }) => x.factor === 'distance').label.id).toBe('Jarak rumah–sekolah');
    // The step's answers name the fund (the ledger's register), never its id.
    const answers = await call(bk, 'GET', `/cases/${opened.json.id}/answers`);
    expect(answers.json.items[0].answers.map((a: { value: { id: string } }) => a.value.id)).toEqual(['Dana Komite Semester Ganjil', '250.000']);
    expect(JSON.stringify(answers.json)).not.toContain(fund.value.id);
  });

  it('prints the semester report for the komite and, suppressed, for the dinas', async () => {
    const r = await report();
    const named = r.riskChange.perStudent[0].name as string;
    // The guru BK prints the komite's copy (they sign it with the kepsek); the kepsek prints the dinas's.
    const pdf = async (audience: string) => {
      const res = await call(audience === 'komite' ? bk : kepsek, 'GET', `/reports/semester.pdf?audience=${audience}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      expect(Buffer.from(res.bytes.slice(0, 5)).toString()).toBe('%PDF-');
      const file = join(out, `${audience}.pdf`);
      writeFileSync(file, res.bytes);
      execFileSync('pdftoppm', ['-png', '-r', '80', file, join(out, audience)]);
      expect(readdirSync(out).filter((f) => f.startsWith(`${audience}-`) && f.endsWith('.png')).length).toBeGreaterThan(0);
      return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    };
    const komite = await pdf('komite');
    const flat = komite.replace(/\s+/g, ' ');
    expect(flat).toContain('SEKOLAH A');
    expect(flat).toContain('PEMERINTAH PROVINSI JAMBI');
    expect(flat).toContain('LAPORAN SEMESTER SRPS 2026/2027 GANJIL');
    expect(flat).toContain('Nomor: SRPS-KMT/SKA/2026-2027/1');
    expect(flat).toContain('1 Juli 2026 s.d. 6 Desember 2026');
    expect(flat).toContain('Muara Sabak, 6 Desember 2026');
    expect(komite).toMatch(MONTHS);
    const motivation = r.beforeAfter.find((x: { factor: string }) => x.factor === 'motivation');
    expect(flat).toMatch(new RegExp(`Motivasi belajar rendah ${motivation.before} ${motivation.after} ${motivation.before - motivation.after}`));
    expect(flat).toContain('Grafik 1. Siswa rentan per faktor');
    expect(flat).toContain('Konseling individual 3 3,67');
    expect(flat).toContain('Ekstrakurikuler 2 1');
    expect(flat).toContain(named);
    expect(flat).toContain(kepsek.name);
    expect(flat).toContain(bk.name);
    expect(flat).toContain('TERBATAS');
    const dinasText = (await pdf('dinas')).replace(/\s+/g, ' ');
    expect(dinasText).toContain('Nomor: SRPS-DNS/SKA/2026-2027/1');
    expect(dinasText).toContain('Dinas Pendidikan (data tanpa identitas siswa)');
    // Four satisfaction answers and one P5 participant are small counts: "<5", and their average is withheld.
    expect(dinasText).toContain('Jumlah jawaban : <5');
    expect(dinasText).not.toContain('3,67');
    expect(dinasText).toMatch(/Projek P5 <5 <5/);
    for (const p of r.riskChange.perStudent) expect(dinasText).not.toContain(p.name);
    expect(dinasText).not.toContain(bk.name);
    expect(dinasText).toContain(kepsek.name);
    const audits = await demo.db.audit.list(demo.schoolA, { action: 'report.semester_pdf' });
    expect(audits.map((a) => (a.details as { audience: string }).audience).sort()).toEqual(['dinas', 'komite']);
  });

  it('refuses bad terms and audiences with the error shape, and other roles', async () => {
    for (const q of ['?year=2025/2027', '?year=2025-2026', '?semester=ketiga']) {
      const r = await call(bk, 'GET', `/reports/semester${q}`);
      expect(r.status, q).toBe(400);
      expect(r.json.error.code).toBe('invalid_request');
    }
    for (const q of ['?year=2023/2024', '?semester=ganjil', '?year=2023/2024&semester=ganjil&from=2023-08-01']) {
      const r = await call(bk, 'GET', `/reports/before-after${q}`);
      expect(r.status, q).toBe(400);
      expect(r.json.error.code).toBe('invalid_request');
    }
    expect((await call(bk, 'GET', '/reports/semester.pdf')).status).toBe(400);
    expect((await call(bk, 'GET', '/reports/semester.pdf?audience=publik')).status).toBe(400);
    for (const who of [wali, tim, dinas]) {
      const r = await call(who, 'GET', '/reports/semester');
      expect(r.status).toBe(403);
      expect(r.json.error.code).toBe('forbidden');
    }
  });
});
