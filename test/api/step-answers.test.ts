/**
 * Issue 15, "step data stays visible", through the real API on the seeded
 * demo database, on SQLite and on PostgreSQL: a pathway with an `umum` step
 * (a choice, a register entry, a yes/no) and a `rahasia` step (free text) is
 * published in Sekolah A; the guru BK opens a case and submits both steps.
 * Then:
 *
 * - `GET /cases/{id}/answers` names the step, who submitted it (their name,
 *   not an id), when, and the answers as words (the choice by its label, the
 *   register entry by its name or as a neutral "entri daftar", never the raw
 *   code or id);
 * - the wali kelas reads the `umum` step but not the `rahasia` one (told it
 *   is hidden, no answers); the kepsek neither reads the rahasia answers;
 *   the district admin is refused, another school's staff do not find it;
 * - every rahasia read is audited (`case.read_confidential`, what: answers);
 * - the timeline carries the actor's name;
 * - the case book PDF (pdftotext) holds the choice label and the actor's
 *   name, never the code or the register id, and the wali kelas's copy leaves
 *   the rahasia answer out.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ManualClock } from '@jalur/api';
import type { CaseRow, User } from '../../packages/db/src/index.ts';
import { ROOT, type SeededDb } from '../reports/demo-db.ts';
import { DEMO_DIALECTS, openDemoApi, type DemoApi } from './demo-api.ts';

const OUT = join(ROOT, 'test-results', 'step-answers-api');
const NOW = new Date('2026-12-06T03:00:00Z');
const SECRET = 'Siswa menceritakan tekanan di rumah kerabat';

const DOC = {
  format: 'jalur.pathway/1',
  key: 'uji-jawaban',
  title: { id: 'Uji jawaban langkah', en: 'Step answers test' },
  machine: {
    id: 'uji-jawaban',
    initial: 'identifikasi',
    states: {
      identifikasi: {
        meta: {
          kind: 'identify', title: { id: 'Identifikasi keluarga', en: 'Family identification' }, roles: ['guru_bk'], confidentiality: 'umum',
          form: [
            { name: 'kondisiKeluarga', type: 'choice', options: ['utuh_harmonis', 'orang_tua_bercerai'], required: true, label: { id: 'Kondisi keluarga', en: 'Family situation' } },
            { name: 'mitra', type: 'register', register: 'partner', label: { id: 'Mitra rujukan', en: 'Referral partner' } },
            { name: 'orangTuaHadir', type: 'boolean', label: { id: 'Orang tua hadir', en: 'Parent present' } },
          ],
        },
        on: { LANJUT: { target: 'konseling', meta: { label: { id: 'Lanjut', en: 'Continue' } } } },
      },
      konseling: {
        meta: {
          kind: 'counseling_individual', title: { id: 'Konseling rahasia', en: 'Confidential counseling' }, roles: ['guru_bk'], confidentiality: 'rahasia',
          form: [{ name: 'catatanSesi', type: 'text', label: { id: 'Catatan sesi', en: 'Session notes' } }],
        },
        on: { SELESAI_SESI: { target: 'pemantauan', meta: { label: { id: 'Sesi selesai', en: 'Session done' } } } },
      },
      pemantauan: { meta: { kind: 'monitoring', title: { id: 'Pemantauan', en: 'Monitoring' }, roles: ['guru_bk', 'tim'] }, on: { TUTUP: { target: 'selesai' } } },
      selesai: { type: 'final', meta: { kind: 'closure', title: { id: 'Selesai', en: 'Closed' } } },
    },
  },
  layout: {},
};

describe.each(DEMO_DIALECTS)('submitted step answers stay readable (%s)', (dialect, open) => {
  let demo: SeededDb, clock: ManualClock, call: DemoApi['call'];
  let kepsek: User, bk: User, wali: User, tim: User, dinas: User, bkB: User;
  let kase: CaseRow;
  let partnerId: string;
  const partnerName = 'Puskesmas Muara Sabak';

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    ({ demo, clock, call, kepsek, bk, wali, tim, dinas, bkB } = await openDemoApi(open, NOW));
    const school = (await demo.db.schools.get(demo.schoolA))!;
    const scope = { districtId: school.districtId, schoolId: demo.schoolA };
    const created = await demo.db.pathways.create(scope, { key: DOC.key, title: DOC.title.id, draft: DOC, updatedBy: kepsek.id, now: NOW });
    if (!created.ok) throw new Error(created.error.message);
    const published = await demo.db.pathways.publish(scope, { id: created.value.id, publishedBy: kepsek.id, now: NOW });
    if (!published.ok) throw new Error(published.error.message);
    // A student of the wali kelas's class, so they may open the case.
    const student = (await demo.db.students.listAll(demo.schoolA)).find((s) => s.className === wali.className && s.status === 'active')!;
    // An entry of the referral-partner register (the step picks it; the page names it).
    const partner = await demo.db.registers.addPartner(demo.schoolA, { name: 'Puskesmas Muara Sabak', kind: 'puskesmas' }, { actorId: kepsek.id, now: NOW });
    if (!partner.ok) throw new Error(partner.error.message);
    partnerId = partner.value.id;
    const opened = await call(bk, 'POST', '/cases', { studentId: student.id, pathwayId: created.value.id, riskFactors: ['family'] });
    expect(opened.status, JSON.stringify(opened.json)).toBe(201);
    const first = await call(bk, 'POST', `/cases/${opened.json.id}/events`, { type: 'LANJUT', expectedVersion: opened.json.version, data: { kondisiKeluarga: 'orang_tua_bercerai', mitra: partnerId, orangTuaHadir: true } });
    expect(first.status, JSON.stringify(first.json)).toBe(200);
    clock.advance(60 * 60 * 1000);
    const second = await call(bk, 'POST', `/cases/${opened.json.id}/events`, { type: 'SELESAI_SESI', expectedVersion: first.json.version, data: { catatanSesi: SECRET } });
    expect(second.status, JSON.stringify(second.json)).toBe(200);
    kase = (await demo.db.cases.get(demo.schoolA, opened.json.id))!;
  }, 240_000);
  afterAll(async () => demo?.close());

  it('shows the guru BK every submitted step: who (by name), when, and the answers as words', async () => {
    const r = await call(bk, 'GET', `/cases/${kase.id}/answers`);
    expect(r.status).toBe(200);
    const items = r.json.items as { stateId: string; step: { id: string }; actorName: string; at: string; visible: boolean; confidentiality: string; answers: { label: { id: string; en: string }; value: { id: string; en: string } }[] }[];
    expect(items.map((i) => i.stateId)).toEqual(['identifikasi', 'konseling']);
    const [ident, sesi] = items;
    expect(ident!.step.id).toBe('Identifikasi keluarga');
    expect(ident!.actorName).toBe(bk.name);
    expect(ident!.at).toBe(NOW.toISOString());
    expect(ident!.answers!.map((a) => [a.label.id, a.value.id])).toEqual([
      ['Kondisi keluarga', 'Orang tua bercerai'],
      ['Mitra rujukan', partnerName],
      ['Orang tua hadir', 'Ya'],
    ]);
    expect(ident!.answers![2]!.value.en).toBe('Yes');
    expect(sesi!).toMatchObject({ confidentiality: 'rahasia', visible: true, actorName: bk.name });
    expect(sesi!.answers![0]!.value.id).toBe(SECRET);
    // No raw code or id anywhere in what the page reads.
    const text = JSON.stringify(items);
    expect(text).not.toContain('orang_tua_bercerai');
    expect(text).not.toContain(partnerId);
    expect(text).not.toContain(bk.id);
  });

  it('audits the guru BK’s rahasia read', async () => {
    const rows = await demo.db.audit.list(demo.schoolA, { action: 'case.read_confidential', subject: `case:${kase.id}` });
    expect(rows.some((a) => a.actorId === bk.id && (a.details as { what?: string } | null)?.what === 'answers')).toBe(true);
    // The wali kelas's read shows no rahasia answers, so it writes no such row.
    expect(rows.some((a) => a.actorId === wali.id)).toBe(false);
  });

  it('shows the wali kelas and the kepsek the umum step, and that the rahasia one is hidden, without its answers', async () => {
    for (const who of [wali, kepsek]) {
      const r = await call(who, 'GET', `/cases/${kase.id}/answers`);
      expect(r.status).toBe(200);
      const [ident, sesi] = r.json.items;
      expect(ident.visible).toBe(true);
      expect(ident.answers[0].value.id).toBe('Orang tua bercerai');
      expect(sesi).toMatchObject({ visible: false, answers: null, confidentiality: 'rahasia', actorName: bk.name });
      expect(JSON.stringify(r.json)).not.toContain(SECRET);
    }
  });

  it('refuses the district admin and hides the case from another school', async () => {
    const d = await call(dinas, 'GET', `/cases/${kase.id}/answers`);
    expect(d.status).toBe(403);
    expect(d.json.error.code).toBeTruthy();
    const other = await call(bkB, 'GET', `/cases/${kase.id}/answers`);
    expect(other.status).toBe(404);
    expect(other.json.error.code).toBe('not_found');
    const bad = await call(bk, 'GET', `/cases/${'x'.repeat(80)}/answers`);
    expect(bad.status).toBe(400);
  });

  it('shows a task-force member only the steps assigned to them', async () => {
    const tasks = await call(bk, 'GET', `/tasks?scope=all&caseId=${kase.id}`);
    expect(tasks.status).toBe(200);
    const monitoring = tasks.json.items.find((t: { stateId: string; status: string }) => t.stateId === 'pemantauan' && t.status === 'open');
    const assigned = await call(bk, 'POST', `/tasks/${monitoring.id}/assign`, { assigneeId: tim.id });
    expect(assigned.status, JSON.stringify(assigned.json)).toBe(200);
    const r = await call(tim, 'GET', `/cases/${kase.id}/answers`);
    expect(r.status).toBe(200);
    // Identification and counselling are not theirs: not listed at all, let alone their answers.
    expect(r.json.items).toEqual([]);
    expect(JSON.stringify(r.json)).not.toContain('Orang tua bercerai');
  });

  it('names the actor in the timeline', async () => {
    const r = await call(wali, 'GET', `/cases/${kase.id}/events`);
    expect(r.status).toBe(200);
    const submitted = r.json.items.filter((e: { type: string }) => e.type === 'LANJUT' || e.type === 'SELESAI_SESI');
    expect(submitted).toHaveLength(2);
    for (const e of submitted) expect(e.actorName).toBe(bk.name);
  });

  it('prints the answers as words in the case book, the rahasia answer only for those allowed', async () => {
    const read = async (who: User, name: string) => {
      const r = await call(who, 'POST', `/cases/${kase.id}/documents`, { kind: 'buku_kasus' });
      expect(r.status, JSON.stringify(r.json)).toBe(200);
      const file = join(OUT, `${dialect}-${name}.pdf`);
      writeFileSync(file, r.bytes);
      return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    };
    const bkText = await read(bk, 'bk');
    expect(bkText).toContain('Orang tua bercerai');
    expect(bkText).toContain(partnerName);
    expect(bkText).toContain(bk.name);
    expect(bkText).toContain(SECRET);
    expect(bkText).not.toContain('orang_tua_bercerai');
    expect(bkText).not.toContain('orang tua bercerai');
    expect(bkText).not.toContain(partnerId);
    const waliText = await read(wali, 'wali');
    expect(waliText).toContain('Orang tua bercerai');
    expect(waliText).not.toContain(SECRET);
  });
});
