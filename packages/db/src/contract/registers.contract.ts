/** Contract: the Satgas registers (issue 15) — referral partners, peer counsellors and supervision, group sessions — and a student's erasure from them. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JalurDb } from '../repository.ts';
import { at, buildWorld, must, openToyCase, T0, toyStart, type Harness, type World } from './fixtures.ts';

export function registersContract(h: Harness): void {
  describe(`${h.name}: registers`, () => {
    let db: JalurDb;
    let w: World;
    beforeEach(async () => {
      db = await h.open();
      w = await buildWorld(db);
    });
    afterEach(async () => db.close());

    const idem = <T>(key: string) => ({ userId: w.bkA.id, key, route: 'POST /x', requestHash: 'h', respond: (v: T) => ({ status: 201, body: v as unknown }) });

    it('partners are kept per school; updates change only what is given; referrals link to them', async () => {
      const p = await must(db.registers.addPartner(w.schoolA, { name: 'Puskesmas Muara Sabak', kind: 'puskesmas', address: 'Jl. Pelabuhan 1', phone: '6281234567890' }, { actorId: w.kepsekA.id, now: T0 }));
      expect(p).toMatchObject({ schoolId: w.schoolA, active: true, contactPerson: null });
      await must(db.registers.addPartner(w.schoolA, { name: 'Biro Psikologi Harapan', kind: 'psikolog', active: false }, { actorId: w.kepsekA.id, now: T0 }));
      expect((await db.registers.listPartners(w.schoolA)).map((x) => x.name)).toEqual(['Biro Psikologi Harapan', 'Puskesmas Muara Sabak']);
      expect((await db.registers.listPartners(w.schoolA, { active: true })).map((x) => x.name)).toEqual(['Puskesmas Muara Sabak']);
      expect(await db.registers.listPartners(w.schoolB)).toEqual([]);
      expect(await db.registers.getPartner(w.schoolB, p.id)).toBeNull();
      expect(await db.registers.updatePartner(w.schoolB, p.id, { active: false }, { actorId: w.bkB.id, now: at(1) })).toMatchObject({ ok: false, error: { code: 'not_found' } });
      const changed = await must(db.registers.updatePartner(w.schoolA, p.id, { services: 'Konseling, pemeriksaan kesehatan', active: false }, { actorId: w.kepsekA.id, now: at(1) }));
      expect(changed).toMatchObject({ name: 'Puskesmas Muara Sabak', address: 'Jl. Pelabuhan 1', services: 'Konseling, pemeriksaan kesehatan', active: false });
      expect(await db.registers.getPartner(w.schoolA, p.id)).toMatchObject({ active: false, updatedAt: at(1) });

      const c = await openToyCase(w);
      const r = await must(db.referrals.create(w.schoolA, { caseId: c.case.id, target: 'puskesmas', targetName: p.name, partnerId: p.id, reason: 'sakit', sentBy: w.bkA.id, now: T0 }));
      expect(r.partnerId).toBe(p.id);
      expect((await db.referrals.list(w.schoolA, { partnerId: p.id })).map((x) => x.id)).toEqual([r.id]);
      expect(await db.referrals.list(w.schoolB, { partnerId: p.id })).toEqual([]);
      const audit = await db.audit.list(w.schoolA, {});
      expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['register.partner_add', 'register.partner_update']));
    });

    it('an Idempotency-Key answers a retried add once', async () => {
      const first = await must(db.registers.addPartner(w.schoolA, { name: 'UPTD PPA', kind: 'uptd_ppa' }, { actorId: w.bkA.id, now: T0, idempotency: idem('k1') }));
      const again = await db.registers.addPartner(w.schoolA, { name: 'UPTD PPA', kind: 'uptd_ppa' }, { actorId: w.bkA.id, now: T0, idempotency: idem('k1') });
      expect(again).toMatchObject({ ok: false, error: { code: 'idempotency_replay', response: { status: 201, body: { id: first.id } } } });
      expect(await db.registers.listPartners(w.schoolA)).toHaveLength(1);
    });

    it('peer counsellors are students of the school, once each, supervised by live staff; supervision sessions list their counsellors', async () => {
      expect(await db.registers.addCounsellor(w.schoolA, { studentId: w.studentB.id }, { actorId: w.bkA.id, now: T0 })).toMatchObject({ ok: false, error: { code: 'invalid' } });
      expect(await db.registers.addCounsellor(w.schoolA, { studentId: w.studentA.id, supervisorId: w.bkB.id }, { actorId: w.bkA.id, now: T0 })).toMatchObject({ ok: false, error: { code: 'invalid' } });
      const pc = await must(db.registers.addCounsellor(w.schoolA, { studentId: w.studentA.id, trainedOn: '2024-07-20', trainingName: 'Pelatihan PIK-R', trainingOrganiser: 'Puskesmas', supervisorId: w.bkA.id }, { actorId: w.bkA.id, now: T0 }));
      expect(pc).toMatchObject({ active: true, trainedOn: '2024-07-20', supervisorId: w.bkA.id });
      expect(await db.registers.addCounsellor(w.schoolA, { studentId: w.studentA.id }, { actorId: w.bkA.id, now: T0 })).toMatchObject({ ok: false, error: { code: 'conflict' } });
      expect(await db.registers.listCounsellors(w.schoolB)).toEqual([]);
      expect(await db.registers.getCounsellor(w.schoolB, pc.id)).toBeNull();
      await must(db.registers.updateCounsellor(w.schoolA, pc.id, { active: false }, { actorId: w.bkA.id, now: at(1) }));
      expect(await db.registers.listCounsellors(w.schoolA, { active: true })).toEqual([]);
      expect(await db.registers.updateCounsellor(w.schoolB, pc.id, { active: true }, { actorId: w.bkB.id, now: at(1) })).toMatchObject({ ok: false, error: { code: 'not_found' } });

      expect(await db.registers.addSupervision(w.schoolB, { heldOn: '2024-08-02', supervisorId: w.bkB.id, counsellorIds: [pc.id], confidentiality: 'terbatas' }, { actorId: w.bkB.id, now: T0 })).toMatchObject({ ok: false, error: { code: 'invalid' } });
      expect(await db.registers.addSupervision(w.schoolA, { heldOn: '2024-08-02', supervisorId: w.bkA.id, counsellorIds: [], confidentiality: 'terbatas' }, { actorId: w.bkA.id, now: T0 })).toMatchObject({ ok: false, error: { code: 'invalid' } });
      const sup = await must(db.registers.addSupervision(w.schoolA, { heldOn: '2024-08-02', supervisorId: w.bkA.id, counsellorIds: [pc.id, pc.id], notes: 'Ani berlatih mendengar aktif', confidentiality: 'terbatas' }, { actorId: w.bkA.id, now: T0 }));
      expect(sup.counsellorIds).toEqual([pc.id]);
      expect((await db.registers.listSupervisions(w.schoolA, { counsellorId: pc.id })).map((s) => s.id)).toEqual([sup.id]);
      expect(await db.registers.listSupervisions(w.schoolB)).toEqual([]);
    });

    it('a group session is recorded once with open cases of the school as members, and lists under each member case', async () => {
      const s2 = await must(db.students.create(w.schoolA, { nisn: '0002', name: 'Citra', className: 'X-1', gender: 'P' }, { now: T0, actorId: null }));
      const c1 = await openToyCase(w);
      const c2 = await must(db.cases.create({ schoolId: w.schoolA, studentId: s2.id, pathwayVersionId: w.versionA.id, assigneeId: w.bk2A.id, riskFactors: ['motivation'], actorId: w.bkA.id, now: T0, start: toyStart(T0) }));
      const other = await must(db.cases.create({ schoolId: w.schoolB, studentId: w.studentB.id, pathwayVersionId: w.versionB.id, assigneeId: w.bkB.id, riskFactors: ['motivation'], actorId: w.bkB.id, now: T0, start: toyStart(T0) }));
      const input = { heldOn: '2024-08-05', topic: 'Motivasi belajar', summary: 'Ani dan Citra berbagi cerita', confidentiality: 'terbatas' as const };
      expect(await db.registers.addGroupSession(w.schoolA, { ...input, caseIds: [c1.case.id] }, { actorId: w.bkA.id, now: T0 })).toMatchObject({ ok: false, error: { code: 'invalid' } });
      expect(await db.registers.addGroupSession(w.schoolA, { ...input, caseIds: [c1.case.id, other.case.id] }, { actorId: w.bkA.id, now: T0 })).toMatchObject({ ok: false, error: { code: 'invalid' } });
      expect(await db.registers.listGroupSessions(w.schoolA)).toEqual([]);
      const g = await must(db.registers.addGroupSession(w.schoolA, { ...input, caseIds: [c1.case.id, c2.case.id] }, { actorId: w.bkA.id, now: T0 }));
      expect(g.members).toEqual([{ caseId: c1.case.id, studentId: w.studentA.id }, { caseId: c2.case.id, studentId: s2.id }]);
      expect((await db.registers.listGroupSessions(w.schoolA, { caseId: c2.case.id })).map((x) => x.id)).toEqual([g.id]);
      expect(await db.registers.listGroupSessions(w.schoolA, { caseId: other.case.id })).toEqual([]);
      expect(await db.registers.getGroupSession(w.schoolB, g.id)).toBeNull();
      expect((await db.registers.getGroupSession(w.schoolA, g.id))?.members).toHaveLength(2);
    });

    it('erasing a student removes them from the peer-counsellor register, supervision sessions and group member lists, and their name from the notes', async () => {
      const s2 = await must(db.students.create(w.schoolA, { nisn: '0002', name: 'Citra Lestari', className: 'X-1', gender: 'P' }, { now: T0, actorId: null }));
      const c1 = await openToyCase(w);
      const c2 = await must(db.cases.create({ schoolId: w.schoolA, studentId: s2.id, pathwayVersionId: w.versionA.id, assigneeId: w.bkA.id, riskFactors: ['motivation'], actorId: w.bkA.id, now: T0, start: toyStart(T0) }));
      const pc = await must(db.registers.addCounsellor(w.schoolA, { studentId: s2.id, trainedOn: '2024-07-20', supervisorId: w.bkA.id }, { actorId: w.bkA.id, now: T0 }));
      const pcA = await must(db.registers.addCounsellor(w.schoolA, { studentId: w.studentA.id, trainedOn: '2024-07-20', supervisorId: w.bkA.id }, { actorId: w.bkA.id, now: T0 }));
      const sup = await must(db.registers.addSupervision(w.schoolA, { heldOn: '2024-08-02', supervisorId: w.bkA.id, counsellorIds: [pc.id, pcA.id], notes: 'Citra Lestari memimpin diskusi; Ani mencatat', confidentiality: 'terbatas' }, { actorId: w.bkA.id, now: T0 }));
      const g = await must(db.registers.addGroupSession(w.schoolA, { heldOn: '2024-08-05', topic: 'Cerita citra lestari', summary: 'Citra Lestari dan Ani', confidentiality: 'terbatas', caseIds: [c1.case.id, c2.case.id] }, { actorId: w.bkA.id, now: T0 }));
      await must(db.students.erase(w.schoolA, s2.id, { now: at(1), actorId: w.kepsekA.id }));
      expect(await db.registers.getCounsellor(w.schoolA, pc.id)).toBeNull();
      expect(await db.registers.getCounsellor(w.schoolA, pcA.id)).not.toBeNull();
      const [s] = await db.registers.listSupervisions(w.schoolA);
      expect(s).toMatchObject({ id: sup.id, counsellorIds: [pcA.id] });
      expect(s!.notes).not.toMatch(/citra/i);
      expect(s!.notes).toContain('Ani mencatat');
      const after = await db.registers.getGroupSession(w.schoolA, g.id);
      expect(after!.members).toEqual([{ caseId: c1.case.id, studentId: w.studentA.id }]);
      expect(`${after!.topic} ${after!.summary}`).not.toMatch(/citra/i);
    });
  });
}
