/**
 * Contract: what case work (issue 6) needs of the unit of work — due dates
 * in school days, a consent or an approval decision written in the same
 * transaction as the case event that mirrors it, periodic job claims, and
 * the small lookups (a flag by id, a step's tasks).
 */
import type { Effect } from '@jalur/engine';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApplyResult } from '../case-unit.ts';
import type { JalurDb } from '../repository.ts';
import type { CaseRow } from '../rows.ts';
import { at, buildWorld, DAY, must, openToyCase, T0, toyApply, type Harness, type World } from './fixtures.ts';

/** A pathway whose step `a` is due in "5 hari sekolah" and whose step `b` counts its timer in school days. */
const SCHOOL_DAY_DOC = {
  format: 'toy/1',
  key: 'hari-sekolah',
  machine: {
    id: 'hari-sekolah',
    states: { a: { meta: { dueInDays: 5, schoolDays: true } }, b: { meta: { schoolDays: true } }, done: { type: 'final' } },
  },
};

/** The engine's calendar-day effects for entering `a` (task, 5 days) or `b` (a 7-day timer). */
const enter = (state: 'a' | 'b', now: Date): ApplyResult => {
  const effects: Effect[] =
    state === 'a'
      ? [{ type: 'task.open', stateId: 'a', kind: 'custom', title: { id: 'Langkah a' }, roles: ['guru_bk'], dueAt: new Date(now.getTime() + 5 * DAY).toISOString(), schoolDays: true, requiresApproval: false }]
      : [
          { type: 'task.close', stateId: 'a' },
          { type: 'timer.schedule', timerId: 't', event: 'xstate.after.7d.hari-sekolah.b', stateId: 'b', delay: '7d', dueAt: new Date(now.getTime() + 7 * DAY).toISOString() },
        ];
  return { ok: true, value: { snapshot: { state }, stateValue: [state], status: 'active', effects } };
};

/** A system event that mirrors a record into the snapshot (as the API's consent/approval events do). */
const mirror = (key: string, value: unknown) => (row: CaseRow): ApplyResult => ({
  ok: true,
  value: { snapshot: { ...(row.snapshot as object), [key]: value }, stateValue: row.stateValue.split(','), status: 'active', effects: [] },
});
const refuse = (): ApplyResult => ({ ok: false, error: { code: 'invalid', message: 'refused' } });

export function caseworkContract(h: Harness): void {
  describe(`${h.name}: case work`, () => {
    let db: JalurDb;
    let w: World;
    beforeEach(async () => {
      db = await h.open();
      w = await buildWorld(db);
    });
    afterEach(async () => db.close());

    it('counts "5 hari sekolah" and school-day timers on the school calendar: weekend and holiday skipped', async () => {
      // T0 is Thursday 1 Aug 2024 (14:00 WIB); Monday 5 Aug is a holiday of school A only.
      expect(T0.getUTCDay()).toBe(4);
      await db.calendar.set(w.schoolA, [{ date: '2024-08-05', kind: 'holiday', note: 'Libur' }]);
      const scope = { districtId: w.districtId, schoolId: w.schoolA };
      const p = await must(db.pathways.create(scope, { key: 'hari-sekolah', title: 'Hari sekolah', draft: SCHOOL_DAY_DOC, updatedBy: w.kepsekA.id, now: T0 }));
      const v = await must(db.pathways.publish(scope, { id: p.id, publishedBy: w.kepsekA.id, now: T0 }));
      const { case: c } = await must(
        db.cases.create({ schoolId: w.schoolA, studentId: w.studentA.id, pathwayVersionId: v.id, assigneeId: w.bkA.id, actorId: w.bkA.id, now: T0, start: () => enter('a', T0) }),
      );
      // Fri 2, Tue 6, Wed 7, Thu 8, Fri 9 — not Tue 6 (calendar days), not Thu 8 (weekend only).
      const [task] = await db.tasks.list(w.schoolA, { caseId: c.id });
      expect(task!.dueAt).toEqual(new Date('2024-08-09T07:00:00.000Z'));
      await must(db.cases.advance({ schoolId: w.schoolA, caseId: c.id, actorId: w.bkA.id, now: T0, event: { type: 'next' }, apply: () => enter('b', T0) }));
      // Seven school days: … Fri 9, Mon 12, Tue 13.
      const [timer] = await db.timers.listForCase(w.schoolA, c.id);
      expect(timer!.dueAt).toEqual(new Date('2024-08-13T07:00:00.000Z'));
      // School B has no holiday: its calendar is not school A's. A step without `schoolDays` keeps calendar days.
      const { case: toy } = await openToyCase(w);
      expect((await db.tasks.list(w.schoolA, { caseId: toy.id }))[0]!.dueAt).toEqual(at(1));
    });

    it('a consent and its case event commit together, or neither does', async () => {
      const { case: c } = await openToyCase(w);
      const consent = { purpose: 'referral' as const, givenBy: 'Ibu Ani', relationship: 'ibu', method: 'tertulis', granted: true, givenAt: at(1), recordedBy: w.bkA.id };
      // The mirror refuses: no consent row, no event.
      const refused = await db.cases.advance({ schoolId: w.schoolA, caseId: c.id, actorId: w.bkA.id, now: at(1), event: { type: 'consent.recorded' }, records: { consent }, apply: refuse });
      expect(refused.ok).toBe(false);
      expect(await db.consents.list(w.schoolA, c.id)).toEqual([]);
      expect((await db.cases.get(w.schoolA, c.id))!.version).toBe(1);
      let seen: boolean | undefined;
      const change = await must(
        db.cases.advance({
          schoolId: w.schoolA, caseId: c.id, actorId: w.bkA.id, now: at(1), event: { type: 'consent.recorded', data: { purpose: 'referral' } }, records: { consent },
          apply: (row, _pv, written) => {
            seen = written.consentGranted;
            return mirror('consent', { referral: written.consentGranted })(row);
          },
        }),
      );
      expect(seen).toBe(true);
      expect(change.written?.consent).toMatchObject({ caseId: c.id, purpose: 'referral', givenBy: 'Ibu Ani', granted: true });
      expect(change.case.snapshot).toMatchObject({ consent: { referral: true } });
      expect(await db.consents.has(w.schoolA, c.id, 'referral')).toBe(true);
      expect((await db.cases.events(w.schoolA, c.id)).map((e) => e.type)).toEqual(['case.opened', 'consent.recorded']);
    });

    it('an approval decision and its case event commit together, or neither does', async () => {
      const { case: c } = await openToyCase(w);
      await must(db.cases.advance({ schoolId: w.schoolA, caseId: c.id, actorId: w.bkA.id, now: at(1), event: { type: 'next' }, apply: toyApply('next', at(1)) }));
      const { case: other } = await openToyCase(w);
      const [task] = await db.tasks.list(w.schoolA, { caseId: c.id, stateId: 'b' });
      expect(task).toMatchObject({ stateId: 'b', approval: 'pending' });
      const decision = { taskId: task!.id, decision: 'rejected' as const, reason: 'dana habis', decidedBy: w.kepsekA.id };
      const advance = (caseId: string, apply: (row: CaseRow) => ApplyResult) =>
        db.cases.advance({ schoolId: w.schoolA, caseId, actorId: w.kepsekA.id, now: at(1), event: { type: 'approval.decided' }, records: { decision }, apply });
      // Another case's task, or a refused mirror: nothing changes.
      expect(await advance(other.id, mirror('approvals', { b: 'rejected' }))).toMatchObject({ ok: false, error: { code: 'not_found' } });
      expect(await advance(c.id, refuse)).toMatchObject({ ok: false });
      expect(await db.tasks.get(w.schoolA, task!.id)).toMatchObject({ approval: 'pending' });
      expect(await db.audit.list(w.schoolA, { action: 'task.rejected' })).toEqual([]);
      const change = await must(advance(c.id, mirror('approvals', { b: 'rejected' })));
      expect(change.written?.task).toMatchObject({ approval: 'rejected', approvalReason: 'dana habis' });
      expect(await db.tasks.get(w.schoolA, task!.id)).toMatchObject({ approval: 'rejected', approvalReason: 'dana habis', decidedBy: w.kepsekA.id });
      expect(change.case).toMatchObject({ version: 3, snapshot: { approvals: { b: 'rejected' } } });
      expect(await db.audit.list(w.schoolA, { action: 'task.rejected' })).toHaveLength(1);
      // Decided once: a second decision is refused with its event.
      expect(await advance(c.id, mirror('approvals', { b: 'approved' }))).toMatchObject({ ok: false, error: { code: 'invalid' } });
      expect((await db.cases.get(w.schoolA, c.id))!.version).toBe(3);
    });

    it('a periodic job run is claimed by exactly one claimer; a lapsed unfinished claim is taken over', async () => {
      const claims = await Promise.all([1, 2, 3, 4].map((i) => db.jobs.claim('early-warning:a', '2024-08-01', `p${i}`, T0)));
      expect(claims.filter(Boolean)).toHaveLength(1);
      const winner = `p${claims.indexOf(true) + 1}`;
      // Within the lease nobody else; after it, the run is taken over (the first claimer crashed).
      expect(await db.jobs.claim('early-warning:a', '2024-08-01', 'late', new Date(T0.getTime() + 60_000), { leaseMs: 600_000 })).toBe(false);
      expect(await db.jobs.claim('early-warning:a', '2024-08-01', 'late', new Date(T0.getTime() + 700_000), { leaseMs: 600_000 })).toBe(true);
      // The old claimer cannot finish a run it lost; the new one can, and then it is never claimed again.
      await db.jobs.finish('early-warning:a', '2024-08-01', winner, at(0.1));
      expect(await db.jobs.claim('early-warning:a', '2024-08-01', 'later', at(1))).toBe(true);
      await db.jobs.finish('early-warning:a', '2024-08-01', 'later', at(1));
      expect(await db.jobs.claim('early-warning:a', '2024-08-01', 'latest', at(30))).toBe(false);
      // Another period or another job is its own run.
      expect(await db.jobs.claim('early-warning:a', '2024-08-02', 'p1', at(1))).toBe(true);
      expect(await db.jobs.claim('early-warning:b', '2024-08-01', 'p1', at(1))).toBe(true);
    });

    it('lists every student of a school without a page cap, and only that school\'s', async () => {
      const rows = Array.from({ length: 1200 }, (_, i) => ({ nisn: String(5_000_000_000 + i), name: `Siswa ${i}`, className: `X-${i % 7}` }));
      await db.students.applyImport(w.schoolA, rows, { now: T0, actorId: null });
      const all = await db.students.listAll(w.schoolA);
      expect(all).toHaveLength(1201);
      expect(all.map((s) => s.nisn)).toEqual([...all.map((s) => s.nisn)].sort());
      expect(all.every((s) => s.schoolId === w.schoolA)).toBe(true);
      expect((await db.students.listAll(w.schoolB)).map((s) => s.name)).toEqual(['Budi']);
    });

    it('finds a flag by id within its school only', async () => {
      const flag = await must(db.earlyWarning.raiseFlag(w.schoolA, { studentId: w.studentA.id, source: 'manual', reason: 'sering terlambat', now: T0 }));
      expect(await db.earlyWarning.getFlag(w.schoolA, flag.id)).toMatchObject({ id: flag.id, reason: 'sering terlambat' });
      expect(await db.earlyWarning.getFlag(w.schoolB, flag.id)).toBeNull();
      expect(await db.earlyWarning.getFlag(w.schoolA, 'nope')).toBeNull();
    });
  });
}
