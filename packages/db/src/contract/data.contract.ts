/** Contract: pathways and versions, students and imports, indicators, calendar, flags, referrals. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JalurDb } from '../repository.ts';
import { contentHash } from '../content-hash.ts';
import { at, buildWorld, must, openToyCase, T0, TOY_DOC, type Harness, type World } from './fixtures.ts';

export function dataContract(h: Harness): void {
  describe(`${h.name}: data`, () => {
    let db: JalurDb;
    let w: World;
    beforeEach(async () => {
      db = await h.open();
      w = await buildWorld(db);
    });
    afterEach(async () => db.close());

    it('migrations leave a working, seedable database', async () => {
      expect(await db.ping()).toBe(true);
      expect(await db.isEmpty()).toBe(false);
      const fresh = await h.open();
      expect(await fresh.isEmpty()).toBe(true);
      await fresh.close();
    });

    it('published versions are immutable and numbered; drafts are revisioned', async () => {
      const scope = { districtId: w.districtId, schoolId: w.schoolA };
      const p = await must(db.pathways.create(scope, { key: 'jalur-baru', title: 'Baru', draft: { v: 1, b: [1, 2] }, updatedBy: w.kepsekA.id, now: T0 }));
      expect(await db.pathways.create(scope, { key: 'jalur-baru', title: 'dup', draft: {}, updatedBy: null, now: T0 })).toMatchObject({ ok: false, error: { code: 'conflict' } });
      const v1 = await must(db.pathways.publish(scope, { id: p.id, publishedBy: w.kepsekA.id, now: T0 }));
      expect(v1).toMatchObject({ version: 1, contentHash: contentHash({ b: [1, 2], v: 1 }), document: { v: 1, b: [1, 2] } });
      const stale = await db.pathways.updateDraft(scope, { id: p.id, expectedRevision: 0, draft: { v: 2 }, updatedBy: null, now: at(1) });
      expect(stale).toMatchObject({ ok: false, error: { code: 'version_conflict', current: 1 } });
      const edited = await must(db.pathways.updateDraft(scope, { id: p.id, expectedRevision: 1, draft: { v: 2 }, title: 'Baru 2', updatedBy: w.kepsekA.id, now: at(1) }));
      expect(edited).toMatchObject({ draftRevision: 2, title: 'Baru 2' });
      const v2 = await must(db.pathways.publish(scope, { id: p.id, publishedBy: w.kepsekA.id, now: at(1) }));
      expect(v2.version).toBe(2);
      expect(v2.contentHash).not.toBe(v1.contentHash);
      expect((await db.pathways.getVersion(scope, p.id, 1))?.document).toEqual({ v: 1, b: [1, 2] });
      expect((await db.pathways.listVersions(scope, p.id)).map((v) => v.version)).toEqual([1, 2]);
      expect((await db.pathways.latestVersion(scope, p.id))?.id).toBe(v2.id);
      expect(await db.pathways.getVersionById(v1.id)).toEqual(v1);
      expect(await db.pathways.publish(scope, { id: p.id, publishedBy: null, now: at(1), expectedRevision: 1 })).toMatchObject({ ok: false, error: { code: 'version_conflict' } });
      // Another school can neither read nor publish it.
      const scopeB = { districtId: w.districtId, schoolId: w.schoolB };
      expect(await db.pathways.publish(scopeB, { id: p.id, publishedBy: w.bkB.id, now: at(1) })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    });

    it('district templates: readable by schools, adopted with lineage, editable only by the district', async () => {
      const district = { districtId: w.districtId, schoolId: null };
      const t = await must(db.pathways.create(district, { key: 'toy', title: 'Templat', tags: ['srps'], draft: TOY_DOC, updatedBy: w.dinas.id, now: T0 }));
      await must(db.pathways.publish(district, { id: t.id, publishedBy: w.dinas.id, now: T0 }));
      const scopeA = { districtId: w.districtId, schoolId: w.schoolA };
      expect((await db.pathways.list(scopeA, { templates: true })).map((p) => p.id)).toEqual([t.id]);
      expect((await db.pathways.get(scopeA, t.id))?.id).toBe(t.id);
      expect(await db.pathways.updateDraft(scopeA, { id: t.id, expectedRevision: 1, draft: {}, updatedBy: w.kepsekA.id, now: T0 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
      const adopted = await must(db.pathways.adoptTemplate(scopeA, { templateId: t.id, key: 'toy-adopted', updatedBy: w.kepsekA.id, now: T0 }));
      expect(adopted).toMatchObject({ schoolId: w.schoolA, sourceTemplateId: t.id, sourceVersion: 1, draft: TOY_DOC, tags: ['srps'] });
    });

    it('student import: plan, all-or-nothing apply, re-import changes nothing', async () => {
      const rows = [
        { nisn: '0001', name: 'Ani', className: 'X-1', gender: 'P' as const },
        { nisn: '0002', name: 'Dodi', className: 'X-2', gender: 'L' as const },
      ];
      expect((await db.students.planImport(w.schoolA, rows)).map((r) => r.action)).toEqual(['unchanged', 'new']);
      const applied = await db.students.applyImport(w.schoolA, [...rows, { ...rows[0]!, className: 'XI-1' }], { now: at(1), actorId: w.bkA.id });
      expect(applied.map((r) => r.action)).toEqual(['unchanged', 'new', 'update']);
      expect((await db.students.applyImport(w.schoolA, [{ ...rows[0]!, className: 'XI-1' }, rows[1]!], { now: at(2), actorId: null })).map((r) => r.action)).toEqual(['unchanged', 'unchanged']);
      expect((await db.students.list(w.schoolA)).map((s) => [s.nisn, s.className])).toEqual([['0002', 'X-2'], ['0001', 'XI-1']]);
      // A row breaking a constraint rolls back the rows before it.
      await expect(db.students.applyImport(w.schoolA, [{ nisn: '0003', name: 'Eka', className: 'X-1' }, { nisn: '0004', name: null as never, className: 'X-1' }], { now: at(3), actorId: null })).rejects.toThrow();
      expect(await db.students.getByNisn(w.schoolA, '0003')).toBeNull();
      expect(await db.students.getByNisn(w.schoolB, '0002')).toBeNull();
    });

    it('indicators upsert by (student, kind, period, subject); calendar and flags', async () => {
      const s = w.studentA.id;
      await db.indicators.upsert(w.schoolA, [
        { studentId: s, kind: 'attendance', period: '2023-08', values: { schoolDays: 20, present: 15, absent: 5 } },
        { studentId: s, kind: 'grade', period: '2023-1', subject: 'mtk', values: { score: 60 } },
      ], { now: T0 });
      await db.indicators.upsert(w.schoolA, [{ studentId: s, kind: 'attendance', period: '2023-08', values: { schoolDays: 20, present: 18, absent: 2 } }], { now: at(1) });
      const att = await db.indicators.listForStudent(w.schoolA, s, { kind: 'attendance' });
      expect(att.map((i) => i.values)).toEqual([{ schoolDays: 20, present: 18, absent: 2 }]);
      expect(await db.indicators.listForSchool(w.schoolB)).toEqual([]);
      await db.calendar.set(w.schoolA, [{ date: '2024-08-17', kind: 'holiday', note: 'HUT RI' }, { date: '2024-08-19', kind: 'exam' }]);
      await db.calendar.set(w.schoolA, [{ date: '2024-08-19', kind: 'school_day' }]);
      expect((await db.calendar.list(w.schoolA, { from: '2024-08-01', to: '2024-08-31' })).map((c) => [c.date, c.kind])).toEqual([['2024-08-17', 'holiday'], ['2024-08-19', 'school_day']]);
      const f1 = await must(db.earlyWarning.raiseFlag(w.schoolA, { studentId: s, source: 'rule', ruleKey: 'absence', reason: 'alpa 25%', now: T0 }));
      const f2 = await must(db.earlyWarning.raiseFlag(w.schoolA, { studentId: s, source: 'rule', ruleKey: 'absence', reason: 'alpa 30%', now: at(7) }));
      expect(f2).toMatchObject({ id: f1.id, since: T0, reason: 'alpa 30%' });
      expect(await db.earlyWarning.raiseFlag(w.schoolB, { studentId: s, source: 'manual', reason: 'x', now: T0 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
      await must(db.earlyWarning.clearFlag(w.schoolA, f1.id, at(8)));
      expect(await db.earlyWarning.listFlags(w.schoolA, { active: true })).toEqual([]);
    });

    it('consent and the referral lifecycle', async () => {
      const { case: c } = await openToyCase(w);
      expect(await db.consents.has(w.schoolA, c.id, 'referral')).toBe(false);
      await must(db.consents.add(w.schoolA, { caseId: c.id, purpose: 'referral', givenBy: 'Ibu Sari', relationship: 'ibu', method: 'written', granted: true, givenAt: T0, recordedBy: w.bkA.id, now: T0 }));
      expect(await db.consents.has(w.schoolA, c.id, 'referral')).toBe(true);
      expect(await db.consents.has(w.schoolB, c.id, 'referral')).toBe(false);
      const r = await must(db.referrals.create(w.schoolA, { caseId: c.id, target: 'psychologist', targetName: 'Biro Psikologi', reason: 'kecemasan', sentBy: w.bkA.id, now: T0 }));
      expect(await db.referrals.transition(w.schoolA, r.id, { to: 'completed', outcomeReport: 'x', actorId: w.bkA.id, now: at(1) })).toMatchObject({ ok: false, error: { code: 'invalid' } });
      expect(await db.referrals.transition(w.schoolA, r.id, { to: 'rejected', actorId: w.bkA.id, now: at(1) })).toMatchObject({ ok: false, error: { code: 'invalid' } });
      await must(db.referrals.transition(w.schoolA, r.id, { to: 'accepted', actorId: w.bkA.id, now: at(1) }));
      const done = await must(db.referrals.transition(w.schoolA, r.id, { to: 'completed', outcomeReport: 'membaik', actorId: w.bkA.id, now: at(2) }));
      expect(done).toMatchObject({ status: 'completed', outcomeReport: 'membaik' });
      expect((await db.audit.list(w.schoolA, { subject: `referral:${r.id}` })).map((a) => a.action).sort()).toEqual(['referral.accepted', 'referral.completed', 'referral.sent']);
    });
  });
}
