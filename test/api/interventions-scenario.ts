/**
 * Several risk factors per case, skipped steps and added interventions
 * (issue 14) over HTTP, on whatever database `open` gives: the same story
 * runs on a SQLite file (`interventions.test.ts`) and on a real PostgreSQL
 * server (`test/pg/interventions.test.ts`). Every refusal is a 4xx with the
 * error shape and changes no row; every accepted change is an event with who,
 * when and why, and the case's events alone replay to its snapshot.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '@jalur/api';
import { LOOP_PATHWAY, ROOT } from '@jalur/api/testing';
import type { JalurDb } from '../../packages/db/src/index.ts';
import { CompiledPathways, replayCase } from '../../packages/cases/src/index.ts';
import { formData } from '../../packages/engine/src/test-fixtures.ts';
import type { FormField, PathwayDocument } from '../../packages/engine/src/index.ts';

type Role = 'kepsek' | 'guru_bk' | 'wali_kelas';

function must<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const SRPS = JSON.parse(readFileSync(join(ROOT, 'workflows', 'srps-standar.json'), 'utf8')) as PathwayDocument;

/** The form of a step of the SRPS template, by its path. */
function formOf(path: string): FormField[] {
  let node: { states?: Record<string, unknown>; meta?: { form?: FormField[] } } = { states: SRPS.machine.states as never };
  for (const part of path.split('.')) node = node.states![part] as typeof node;
  return node.meta?.form ?? [];
}

const tomorrow = () => new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);

export function interventionScenario(name: string, open: () => Promise<JalurDb>) {
  describe(`skipped and added interventions, several risk factors (${name})`, () => {
    let db: JalurDb;
    let app: ReturnType<typeof createApp>;
    let schoolId = '';
    const tokens = {} as Record<Role, string>;
    const ids = {} as Record<Role, string>;
    let loopId = '';
    let srpsId = '';
    const students: string[] = [];

    beforeAll(async () => {
      db = await open();
      const now = new Date();
      const district = await db.districts.create({ name: 'Kabupaten Uji', now });
      const school = await db.schools.create({ districtId: district.id, name: 'Sekolah Uji', now });
      schoolId = school.id;
      for (const role of ['kepsek', 'guru_bk', 'wali_kelas'] as const) {
        const u = must(await db.users.create({ email: `${role}@intervensi.uji`, name: `${role} uji`, role, schoolId, districtId: district.id, className: role === 'wali_kelas' ? 'X-1' : null, password: 'intervensi-uji-123', now }));
        ids[role] = u.id;
        tokens[role] = (await db.sessions.create({ userId: u.id, now })).token;
      }
      const scope = { districtId: district.id, schoolId };
      for (const doc of [LOOP_PATHWAY, SRPS] as const) {
        const p = must(await db.pathways.create(scope, { key: doc.key, title: doc.title.id, draft: doc as never, updatedBy: ids.kepsek, now }));
        must(await db.pathways.publish(scope, { id: p.id, publishedBy: ids.kepsek, now }));
        if (doc.key === LOOP_PATHWAY.key) loopId = p.id;
        else srpsId = p.id;
      }
      for (let i = 0; i < 6; i++) students.push(must(await db.students.create(schoolId, { nisn: String(3_100_000_000 + i), name: `Siswa ${i}`, className: 'X-1' }, { now, actorId: null })).id);
      app = createApp({ db, compiled: new CompiledPathways(db) });
    });
    afterAll(async () => {
      await db?.close();
    });

    async function call(role: Role, method: string, path: string, body?: unknown, extra: Record<string, string> = {}) {
      const res = await app.request(path, {
        method,
        headers: { authorization: `Bearer ${tokens[role]}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...extra },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    }
    /** Everything a refused request must leave as it was. */
    async function rows(caseId: string) {
      return JSON.stringify({ row: await db.cases.get(schoolId, caseId), events: await db.cases.events(schoolId, caseId), tasks: await db.tasks.list(schoolId, { caseId }) });
    }
    async function openCase(student: string, pathwayId: string, riskFactors: string[] = []) {
      const r = await call('guru_bk', 'POST', '/api/cases', { studentId: student, pathwayId, riskFactors });
      expect(r.status).toBe(201);
      return r.body as { id: string; version: number; stateValue: string[] };
    }
    async function replays(caseId: string) {
      const row = (await db.cases.get(schoolId, caseId))!;
      expect(await replayCase(db, row)).toEqual(JSON.parse(JSON.stringify(row.snapshot)));
    }

    it('skips a step with a reason: the case moves on, the timeline says who, when and why, the events replay', async () => {
      const c = await openCase(students[0]!, loopId);
      const before = await rows(c.id);
      const overview = await call('guru_bk', 'GET', `/api/cases/${c.id}/casework`);
      expect(overview.status).toBe(200);
      expect(overview.body.steps).toEqual([expect.objectContaining({ stateId: 'konseling', ways: [{ event: 'SESI_SELESAI', label: { id: 'Sesi selesai', en: 'Session done' } }], requiresApproval: false })]);

      const reason = 'Siswa sudah mengikuti konseling di puskesmas';
      // Refusals: no reason, a blank one, a stale version, another role, a step that is not current — none writes a row.
      for (const [role, body, status, code] of [
        ['guru_bk', { stateId: 'konseling', expectedVersion: c.version }, 400, undefined],
        ['guru_bk', { stateId: 'konseling', reason: '   ', expectedVersion: c.version }, 400, undefined],
        ['guru_bk', { stateId: 'konseling', reason, expectedVersion: c.version + 5 }, 409, 'version_conflict'],
        ['guru_bk', { stateId: 'pemantauan', reason, expectedVersion: c.version }, 422, 'skip_not_possible'],
        ['guru_bk', { stateId: 'konseling', event: 'CATAT', reason, expectedVersion: c.version }, 422, 'skip_not_possible'],
        ['wali_kelas', { stateId: 'konseling', reason, expectedVersion: c.version }, 403, 'forbidden'],
        ['kepsek', { stateId: 'konseling', reason, expectedVersion: c.version }, 403, 'forbidden'],
      ] as const) {
        const r = await call(role, 'POST', `/api/cases/${c.id}/skip`, body);
        expect(r.status, JSON.stringify(r.body)).toBe(status);
        expect(r.body.error).toMatchObject({ code: code ?? expect.any(String), message: expect.any(String) });
      }
      // The case-work event is never a step action.
      const direct = await call('guru_bk', 'POST', `/api/cases/${c.id}/events`, { type: 'intervention.skipped', data: { stateId: 'konseling', reason }, expectedVersion: c.version });
      expect(direct.status).toBe(422);
      expect(await rows(c.id)).toBe(before);

      const skipped = await call('guru_bk', 'POST', `/api/cases/${c.id}/skip`, { stateId: 'konseling', reason, expectedVersion: c.version });
      expect(skipped.status, JSON.stringify(skipped.body)).toBe(200);
      expect(skipped.body.stateValue).toEqual(['pemantauan']);
      const events = await call('guru_bk', 'GET', `/api/cases/${c.id}/events`);
      expect(events.body.items.at(-1)).toMatchObject({ type: 'intervention.skipped', data: { stateId: 'konseling', event: 'SESI_SELESAI', reason }, actorId: ids.guru_bk, actorName: 'guru_bk uji', stateBefore: 'konseling', stateAfter: 'pemantauan' });
      const open = await db.tasks.list(schoolId, { caseId: c.id, status: 'open' });
      expect(open.map((t) => t.stateId)).toEqual(['pemantauan']);

      // Monitoring's own check leads back to itself: the way forward is the review; its timer is cancelled.
      const again = await call('guru_bk', 'POST', `/api/cases/${c.id}/skip`, { stateId: 'pemantauan', reason: 'Evaluasi lebih awal', expectedVersion: skipped.body.version });
      expect(again.status).toBe(200);
      expect(again.body.stateValue).toEqual(['keputusan']);
      expect((await db.timers.listForCase(schoolId, c.id)).filter((t) => t.status === 'pending')).toEqual([]);
      // A decision is never skipped.
      const decision = await call('guru_bk', 'POST', `/api/cases/${c.id}/skip`, { stateId: 'keputusan', reason: 'x', expectedVersion: again.body.version });
      expect(decision.status).toBe(422);
      expect(decision.body.error.code).toBe('skip_not_possible');
      expect((await call('guru_bk', 'GET', `/api/cases/${c.id}/casework`)).body.steps).toEqual([expect.objectContaining({ stateId: 'keputusan', ways: [] })]);
      await replays(c.id);
    });

    it('adds and removes risk factors with a reason; the list filter follows the set', async () => {
      const c = await openCase(students[1]!, loopId, ['economic']);
      const bad = await call('guru_bk', 'POST', `/api/cases/${c.id}/risk-factors`, { factor: 'kemiskinan', change: 'add', reason: 'x', expectedVersion: c.version });
      expect(bad.status).toBe(400);
      const added = await call('guru_bk', 'POST', `/api/cases/${c.id}/risk-factors`, { factor: 'social_media', change: 'add', reason: 'Kecanduan gim daring', expectedVersion: c.version });
      expect(added.status, JSON.stringify(added.body)).toBe(200);
      expect(added.body.riskFactors).toEqual(['economic', 'social_media']);
      const listed = await call('guru_bk', 'GET', '/api/cases?riskFactor=social_media');
      expect(listed.body.items.map((i: { id: string }) => i.id)).toContain(c.id);
      const twice = await call('guru_bk', 'POST', `/api/cases/${c.id}/risk-factors`, { factor: 'social_media', change: 'add', reason: 'lagi', expectedVersion: added.body.version });
      expect(twice.status).toBe(422);
      expect(twice.body.error.code).toBe('casework_invalid');
      const removed = await call('guru_bk', 'POST', `/api/cases/${c.id}/risk-factors`, { factor: 'economic', change: 'remove', reason: 'PIP sudah cair', expectedVersion: added.body.version });
      expect(removed.status).toBe(200);
      expect(removed.body.riskFactors).toEqual(['social_media']);
      expect((await call('guru_bk', 'GET', '/api/cases?riskFactor=economic')).body.items.map((i: { id: string }) => i.id)).not.toContain(c.id);
      expect((await db.cases.get(schoolId, c.id))!.riskFactors).toEqual(['social_media']);
      const events = (await call('guru_bk', 'GET', `/api/cases/${c.id}/events`)).body.items;
      expect(events.slice(-2)).toEqual([
        expect.objectContaining({ type: 'riskFactor.added', data: { factor: 'social_media', reason: 'Kecanduan gim daring' }, actorId: ids.guru_bk }),
        expect.objectContaining({ type: 'riskFactor.removed', data: { factor: 'economic', reason: 'PIP sudah cair' } }),
      ]);
      expect((await call('kepsek', 'POST', `/api/cases/${c.id}/risk-factors`, { factor: 'family', change: 'add', reason: 'x', expectedVersion: removed.body.version })).status).toBe(403);
      await replays(c.id);
    });

    it('adds an intervention the pathway did not plan: a task when it has a due date, closed when done', async () => {
      const c = await openCase(students[2]!, loopId);
      expect((await call('guru_bk', 'POST', `/api/cases/${c.id}/interventions`, { kind: 'closure', reason: 'x', expectedVersion: c.version })).status).toBe(400);
      const past = await call('guru_bk', 'POST', `/api/cases/${c.id}/interventions`, { kind: 'home_visit', reason: 'x', dueDate: '2020-01-01', expectedVersion: c.version });
      expect(past.status).toBe(422);
      const added = await call('guru_bk', 'POST', `/api/cases/${c.id}/interventions`, {
        kind: 'home_visit', title: 'Kunjungan kedua', reason: 'Orang tua tidak hadir di pertemuan', dueDate: tomorrow(), expectedVersion: c.version,
      });
      expect(added.status, JSON.stringify(added.body)).toBe(201);
      expect(added.body.stateValue).toEqual(['konseling']);
      const overview = (await call('kepsek', 'GET', `/api/cases/${c.id}/casework`)).body;
      expect(overview.added).toEqual([expect.objectContaining({ kind: 'home_visit', title: 'Kunjungan kedua', reason: 'Orang tua tidak hadir di pertemuan', status: 'open', addedByName: 'guru_bk uji' })]);
      const interventionId = overview.added[0].id as string;
      const task = (await db.tasks.list(schoolId, { caseId: c.id, status: 'open' })).find((t) => t.stateId.startsWith('+intervensi.'));
      expect(task).toMatchObject({ kind: 'home_visit', title: { id: 'Kunjungan rumah: Kunjungan kedua' }, assigneeId: ids.guru_bk });
      // Without a due date: recorded, no task. Sent twice with one Idempotency-Key (a lost answer): recorded once.
      const body = { kind: 'referral', reason: 'Perlu psikolog', expectedVersion: added.body.version };
      const plain = await call('guru_bk', 'POST', `/api/cases/${c.id}/interventions`, body, { 'idempotency-key': 'rujukan-1' });
      expect(plain.status).toBe(201);
      const retry = await call('guru_bk', 'POST', `/api/cases/${c.id}/interventions`, body, { 'idempotency-key': 'rujukan-1' });
      expect(retry.status).toBe(201);
      expect(retry.body).toEqual(plain.body);
      expect((await db.cases.events(schoolId, c.id)).filter((e) => e.type === 'intervention.added')).toHaveLength(2);
      expect((await db.tasks.list(schoolId, { caseId: c.id, status: 'open' })).filter((t) => t.stateId.startsWith('+intervensi.'))).toHaveLength(1);
      const done = await call('guru_bk', 'POST', `/api/cases/${c.id}/interventions/${interventionId}/done`, { note: 'Ibu hadir', expectedVersion: plain.body.version });
      expect(done.status).toBe(200);
      expect((await db.tasks.list(schoolId, { caseId: c.id })).find((t) => t.id === task!.id)?.status).toBe('done');
      const twice = await call('guru_bk', 'POST', `/api/cases/${c.id}/interventions/${interventionId}/done`, { expectedVersion: done.body.version });
      expect(twice.status).toBe(422);
      expect((await call('guru_bk', 'GET', `/api/cases/${c.id}/casework`)).body.added[0]).toMatchObject({ status: 'done', note: 'Ibu hadir' });
      await replays(c.id);
    });

    it("an added intervention is due at the end of its day in the school's own time zone (WIT here, not WIB)", async () => {
      const c = await openCase(students[5]!, loopId);
      const due = tomorrow();
      const wib = await call('guru_bk', 'POST', `/api/cases/${c.id}/interventions`, { kind: 'home_visit', reason: 'Kunjungan pertama', dueDate: due, expectedVersion: c.version });
      expect(wib.status).toBe(201);
      expect((await call('kepsek', 'PUT', '/api/school-year', { timeZone: 'WIT' })).status).toBe(200);
      try {
        const wit = await call('guru_bk', 'POST', `/api/cases/${c.id}/interventions`, { kind: 'parent_meeting', reason: 'Pertemuan orang tua', dueDate: due, expectedVersion: wib.body.version });
        expect(wit.status, JSON.stringify(wit.body)).toBe(201);
        const tasks = (await db.tasks.list(schoolId, { caseId: c.id, status: 'open' })).filter((t) => t.stateId.startsWith('+intervensi.'));
        const dueOf = (kind: string) => tasks.find((t) => t.kind === kind)?.dueAt?.toISOString();
        expect(dueOf('home_visit')).toBe(new Date(`${due}T23:59:00+07:00`).toISOString());
        expect(dueOf('parent_meeting')).toBe(new Date(`${due}T23:59:00+09:00`).toISOString());
      } finally {
        expect((await call('kepsek', 'PUT', '/api/school-year', { timeZone: 'WIB' })).status).toBe(200);
      }
    });

    it('a version migration keeps the set of risk factors and the added interventions with their open task', async () => {
      const c = await openCase(students[4]!, loopId, ['economic']);
      let r = await call('guru_bk', 'POST', `/api/cases/${c.id}/risk-factors`, { factor: 'distance', change: 'add', reason: 'Rumah 14 km, tanpa angkutan', expectedVersion: c.version });
      r = await call('guru_bk', 'POST', `/api/cases/${c.id}/interventions`, { kind: 'home_visit', reason: 'Perlu melihat jalan ke sekolah', dueDate: tomorrow(), expectedVersion: r.body.version });
      expect(r.status).toBe(201);
      const scope = { districtId: (await db.schools.get(schoolId))!.districtId, schoolId };
      const pathway = (await db.pathways.get(scope, loopId))!;
      const v1 = (await db.pathways.latestVersion(scope, loopId))!;
      const saved = await db.pathways.updateDraft(scope, { id: loopId, expectedRevision: pathway.draftRevision, draft: { ...LOOP_PATHWAY, title: { id: 'Alur uji v2', en: 'Test pathway v2' } }, updatedBy: ids.kepsek, now: new Date() });
      expect(saved.ok).toBe(true);
      const v2 = must(await db.pathways.publish(scope, { id: loopId, publishedBy: ids.kepsek, now: new Date() }));
      const applied = await call('kepsek', 'POST', `/api/pathways/${loopId}/migrations/apply`, { fromVersion: v1.version, toVersion: v2.version });
      expect(applied.status, JSON.stringify(applied.body)).toBe(200);
      const row = (await db.cases.get(schoolId, c.id))!;
      expect(row.pathwayVersionId).toBe(v2.id);
      expect(row.riskFactors).toEqual(['economic', 'distance']);
      const open = (await db.tasks.list(schoolId, { caseId: c.id, status: 'open' })).map((t) => t.stateId);
      expect(open.filter((s) => s.startsWith('+intervensi.'))).toHaveLength(1);
      // The case work goes on on the new version.
      const overview = (await call('guru_bk', 'GET', `/api/cases/${c.id}/casework`)).body;
      expect(overview.riskFactors).toEqual(['economic', 'distance']);
      const done = await call('guru_bk', 'POST', `/api/cases/${c.id}/interventions/${overview.added[0].id}/done`, { expectedVersion: row.version });
      expect(done.status, JSON.stringify(done.body)).toBe(200);
      expect((await db.tasks.list(schoolId, { caseId: c.id, status: 'open' })).filter((t) => t.stateId.startsWith('+intervensi.'))).toEqual([]);
      const skipped = await call('guru_bk', 'POST', `/api/cases/${c.id}/skip`, { stateId: 'konseling', reason: 'Sudah dibantu guru mapel', expectedVersion: done.body.version });
      expect(skipped.body.stateValue).toEqual(['pemantauan']);
    });

    it('SRPS: a skip of an approval step needs the kepsek; a second risk factor sends the economic track on to the bullying track', async () => {
      const c = await openCase(students[3]!, srpsId, ['economic']);
      let v = c.version;
      const send = async (type: string, data: Record<string, unknown>) => {
        const r = await call('guru_bk', 'POST', `/api/cases/${c.id}/events`, { type, data, expectedVersion: v });
        expect(r.status, JSON.stringify(r.body)).toBe(200);
        v = r.body.version;
        return r.body;
      };
      await send('SELESAI_IDENTIFIKASI', formData([formOf('identifikasi')], 0));
      const assessed = await send('TETAPKAN_FAKTOR', { ...formData([formOf('asesmen')], 0), mainFactor: 'economic' });
      expect(assessed.stateValue).toEqual(['intervensi_ekonomi.bantuan.kunjungan_rumah', 'intervensi_ekonomi.pendampingan.konseling_individual']);

      const skip = (stateId: string, reason: string) => call('guru_bk', 'POST', `/api/cases/${c.id}/skip`, { stateId, reason, expectedVersion: v });
      let r = await skip('intervensi_ekonomi.bantuan.kunjungan_rumah', 'Kondisi rumah sudah diketahui dari kunjungan wali kelas');
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      v = r.body.version;
      expect(r.body.stateValue).toContain('intervensi_ekonomi.bantuan.penggalangan_dana');
      r = await skip('intervensi_ekonomi.bantuan.penggalangan_dana', 'Siswa sudah menerima PIP');
      expect(r.status).toBe(422);
      expect(r.body.error.code).toBe('approval_required');
      const task = (await db.tasks.list(schoolId, { caseId: c.id, status: 'open' })).find((t) => t.stateId === 'intervensi_ekonomi.bantuan.penggalangan_dana')!;
      expect((await call('kepsek', 'POST', `/api/tasks/${task.id}/decision`, { decision: 'approved' })).status).toBe(200);
      v = (await db.cases.get(schoolId, c.id))!.version;
      // The fund-raising step's only way forward without data is "aid delivered".
      r = await skip('intervensi_ekonomi.bantuan.penggalangan_dana', 'Siswa sudah menerima PIP');
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      v = r.body.version;
      expect(r.body.stateValue).toEqual(['intervensi_ekonomi.bantuan.bantuan_tersalurkan', 'intervensi_ekonomi.pendampingan.konseling_individual']);

      // Bullying comes to light during counselling: the guru BK adds it to the set.
      r = await call('guru_bk', 'POST', `/api/cases/${c.id}/risk-factors`, { factor: 'bullying', change: 'add', reason: 'Siswa bercerita dirundung teman sekelas', expectedVersion: v });
      expect(r.status).toBe(200);
      v = r.body.version;
      const done = await send('SESI_SELESAI', formData([formOf('intervensi_ekonomi.pendampingan.konseling_individual')], 0));
      // Without bullying in the set the case would go to monitoring; with it, on to the bullying track.
      expect(done.stateValue).toEqual(['intervensi_perundungan.konseling_individual']);
      await replays(c.id);

      // The case book keeps the case work with its reasons, in the order it happened.
      const res = await app.request(`/api/cases/${c.id}/documents`, {
        method: 'POST', headers: { authorization: `Bearer ${tokens.guru_bk}`, 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'buku_kasus' }),
      });
      expect(res.status).toBe(200);
      const dir = mkdtempSync(join(tmpdir(), 'jalur-bukukasus-'));
      writeFileSync(join(dir, 'b.pdf'), Buffer.from(await res.arrayBuffer()));
      const text = execFileSync('pdftotext', [join(dir, 'b.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      rmSync(dir, { recursive: true, force: true });
      expect(text).toContain('Langkah dilewati: Kunjungan rumah');
      expect(text).toContain('Kondisi rumah sudah diketahui dari kunjungan wali kelas');
      expect(text).toContain('Faktor risiko ditambahkan: Perundungan');
      expect(text).toContain('Siswa bercerita dirundung teman sekelas');
      expect(text.indexOf('Langkah dilewati: Kunjungan rumah')).toBeLessThan(text.indexOf('Faktor risiko ditambahkan'));
    });
  });
}
