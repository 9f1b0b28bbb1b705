/**
 * Contract: students over time (issue 14) — the status lifecycle with its
 * history, indicators and flags that keep the year, semester and class of
 * their time, the rollover applied in batches (twice changes nothing), the
 * school's week (five or six days, time zone) and Indonesia's national
 * holidays in school-day due dates, and erasure of the roster's facts.
 */
import type { Effect } from '@jalur/engine';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApplyResult } from '../case-unit.ts';
import type { JalurDb } from '../repository.ts';
import { buildWorld, DAY, must, openToyCase, T0, type Harness, type World } from './fixtures.ts';

const FIVE_SCHOOL_DAYS_DOC = {
  format: 'toy/1',
  key: 'lima-hari',
  machine: { id: 'lima-hari', states: { a: { meta: { dueInDays: 5, schoolDays: true } }, done: { type: 'final' } } },
};
const enter = (now: Date) => (): ApplyResult => ({
  ok: true,
  value: {
    snapshot: { state: 'a' }, stateValue: ['a'], status: 'active',
    effects: [{ type: 'task.open', stateId: 'a', kind: 'custom', title: { id: 'Langkah a' }, roles: ['guru_bk'], dueAt: new Date(now.getTime() + 5 * DAY).toISOString(), schoolDays: true, requiresApproval: false }] as Effect[],
  },
});

export function schoolYearContract(h: Harness): void {
  describe(`${h.name}: students over time`, () => {
    let db: JalurDb;
    let w: World;
    beforeEach(async () => {
      db = await h.open();
      w = await buildWorld(db);
    });
    afterEach(async () => db.close());

    it('status lifecycle: leaving and re-enrolling write history with the class and term of the time; forbidden moves change nothing', async () => {
      const A = w.schoolA;
      const s = w.studentA;
      const dropped = await must(db.schoolYear.setStatus(A, s.id, { status: 'dropped_out', date: '2024-09-02', reason: 'Bekerja membantu orang tua' }, { now: T0, actorId: w.bkA.id }));
      expect(dropped).toMatchObject({ status: 'dropped_out', statusDate: '2024-09-02', statusReason: 'Bekerja membantu orang tua', className: 'X-1' });
      const refused = await db.schoolYear.setStatus(A, s.id, { status: 'graduated', date: '2024-09-03' }, { now: T0, actorId: w.bkA.id });
      expect(refused).toMatchObject({ ok: false, error: { code: 'invalid' } });
      expect((await db.students.get(A, s.id))!.status).toBe('dropped_out');
      const back = await must(db.schoolYear.setStatus(A, s.id, { status: 'active', date: '2025-01-06', reason: 'Kembali lewat Paket C', className: 'X-2' }, { now: new Date(T0.getTime() + DAY), actorId: w.bkA.id }));
      expect(back).toMatchObject({ status: 'active', className: 'X-2' });
      const history = await db.schoolYear.statusHistory(A, s.id);
      expect(history.map((e) => [e.status, e.date, e.className, e.academicYear, e.semester])).toEqual([
        ['dropped_out', '2024-09-02', 'X-1', '2024/2025', 'ganjil'],
        ['active', '2025-01-06', 'X-2', '2024/2025', 'genap'],
      ]);
      // Another school sees none of it.
      expect(await db.schoolYear.statusHistory(w.schoolB, s.id)).toEqual([]);
      expect(await db.schoolYear.setStatus(w.schoolB, s.id, { status: 'transferred', date: '2025-01-07' }, { now: T0, actorId: null })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    });

    it('indicators and flags keep the year, semester and class the student was in', async () => {
      const A = w.schoolA;
      await db.indicators.upsert(A, [
        { studentId: w.studentA.id, kind: 'attendance', period: '2024-08', subject: '', values: { schoolDays: 20, present: 18, sick: 1, permitted: 0, absent: 1 } },
        { studentId: w.studentA.id, kind: 'grade', period: '2024/2025-2', subject: 'Matematika', values: { score: 60, passing: 75 } },
      ], { now: T0 });
      const flag = await must(db.earlyWarning.raiseFlag(A, { studentId: w.studentA.id, source: 'manual', reason: 'Sering terlambat', now: T0 }));
      expect(flag).toMatchObject({ academicYear: '2024/2025', semester: 'ganjil', className: 'X-1' });
      await must(db.students.update(A, w.studentA.id, { className: 'XI-1' }, { now: T0, actorId: null }));
      const rows = await db.indicators.listForStudent(A, w.studentA.id);
      expect(rows.map((r) => [r.period, r.academicYear, r.semester, r.className])).toEqual([
        ['2024-08', '2024/2025', 'ganjil', 'X-1'],
        ['2024/2025-2', '2024/2025', 'genap', 'X-1'],
      ]);
      // The school's own term wins for flags once it keeps one.
      await db.schoolYear.saveSettings(A, { academicYear: '2025/2026', semester: 'genap' }, { today: '2024-08-01', now: T0, actorId: w.kepsekA.id });
      const later = await must(db.earlyWarning.raiseFlag(A, { studentId: w.studentA.id, source: 'manual', reason: 'Lagi', now: T0 }));
      expect(later).toMatchObject({ academicYear: '2025/2026', semester: 'genap', className: 'XI-1' });
    });

    it('rollover batches promote, keep tinggal kelas and graduate; open cases carry over; a batch sent twice changes nothing', async () => {
      const A = w.schoolA;
      const mk = async (nisn: string, name: string, className: string) => must(db.students.create(A, { nisn, name, className }, { now: T0, actorId: null }));
      const budi = await mk('0000000002', 'Budi', 'X-1');
      const citra = await mk('0000000003', 'Citra', 'XII-1');
      const { case: c } = await openToyCase(w);
      expect((await db.schoolYear.openCaseCounts(A)).get(w.studentA.id)).toBe(1);
      const input = {
        fromYear: '2024/2025', toYear: '2025/2026', date: '2025-06-30',
        rows: [
          { studentId: w.studentA.id, action: 'promote' as const, to: 'XI-1' },
          { studentId: budi.id, action: 'repeat' as const, to: 'X-1' },
          { studentId: citra.id, action: 'graduate' as const, to: null },
          { studentId: w.studentB.id, action: 'promote' as const, to: 'XI-1' },
        ],
      };
      expect(await db.schoolYear.applyRolloverBatch(A, input, { now: T0, actorId: w.kepsekA.id })).toEqual({ applied: 3, skipped: 1 });
      expect((await db.students.get(A, w.studentA.id))!.className).toBe('XI-1');
      expect((await db.students.get(A, budi.id))!.className).toBe('X-1');
      expect(await db.students.get(A, citra.id)).toMatchObject({ status: 'graduated', statusDate: '2025-06-30', className: 'XII-1' });
      expect((await db.students.get(w.schoolB, w.studentB.id))!.className).toBe('X-1');
      expect((await db.schoolYear.enrolments(A, w.studentA.id)).map((e) => [e.academicYear, e.className, e.result])).toEqual([
        ['2024/2025', 'X-1', 'promoted'],
        ['2025/2026', 'XI-1', null],
      ]);
      expect((await db.schoolYear.statusHistory(A, citra.id)).map((e) => e.status)).toEqual(['graduated']);
      // The open case is untouched: same row, same version, its history intact.
      expect(await db.cases.get(A, c.id)).toMatchObject({ status: 'active', version: c.version });
      // Again: nothing changes (the class is not promoted twice).
      expect(await db.schoolYear.applyRolloverBatch(A, input, { now: T0, actorId: w.kepsekA.id })).toEqual({ applied: 0, skipped: 4 });
      expect((await db.students.get(A, w.studentA.id))!.className).toBe('XI-1');
    });

    it("due dates count the school's week and Indonesia's national holidays (1 May 2024 is Hari Buruh)", async () => {
      const scope = { districtId: w.districtId, schoolId: w.schoolA };
      const p = await must(db.pathways.create(scope, { key: 'lima-hari', title: 'Lima hari', draft: FIVE_SCHOOL_DAYS_DOC, updatedBy: w.kepsekA.id, now: T0 }));
      const v = await must(db.pathways.publish(scope, { id: p.id, publishedBy: w.kepsekA.id, now: T0 }));
      const monday = new Date('2024-04-29T03:00:00.000Z'); // Mon 29 Apr 2024, 10:00 WIB
      let n = 10;
      const due = async () => {
        const s = await must(db.students.create(w.schoolA, { nisn: `00000000${n++}`, name: `Siswa ${n}`, className: 'X-1' }, { now: T0, actorId: null }));
        const { case: c } = await must(db.cases.create({ schoolId: w.schoolA, studentId: s.id, pathwayVersionId: v.id, assigneeId: w.bkA.id, actorId: w.bkA.id, now: monday, start: enter(monday) }));
        const [task] = await db.tasks.list(w.schoolA, { caseId: c.id });
        return task!.dueAt!.toISOString().slice(0, 10);
      };
      // Five-day week, national holidays on (the default): Tue 30, Thu 2, Fri 3, Mon 6, Tue 7.
      expect(await due()).toBe('2024-05-07');
      // Six-day week: Tue 30, Thu 2, Fri 3, Sat 4, Mon 6.
      await db.schoolYear.saveSettings(w.schoolA, { weekDays: 6 }, { today: '2024-04-29', now: T0, actorId: w.kepsekA.id });
      expect(await due()).toBe('2024-05-06');
      // The school's own entry wins: 1 May made a school day (six-day week): Tue 30, Wed 1, Thu 2, Fri 3, Sat 4.
      await db.calendar.set(w.schoolA, [{ date: '2024-05-01', kind: 'school_day', note: 'Masuk' }]);
      expect(await due()).toBe('2024-05-04');
      // National holidays off, five days: Tue 30, Wed 1, Thu 2, Fri 3, Mon 6.
      await db.calendar.remove(w.schoolA, '2024-05-01');
      await db.schoolYear.saveSettings(w.schoolA, { weekDays: 5, nationalHolidays: false }, { today: '2024-04-29', now: T0, actorId: w.kepsekA.id });
      expect(await due()).toBe('2024-05-06');
    });

    it('a case closed as dropped out asks for the status change until it is recorded with that case', async () => {
      const A = w.schoolA;
      const { case: c } = await openToyCase(w);
      const close = (): ApplyResult => ({
        ok: true,
        value: { snapshot: { state: 'done' }, stateValue: ['done'], status: 'done', outcome: 'dropped_out', effects: [{ type: 'task.close', stateId: 'a' }, { type: 'case.closed', finalState: 'done' }] as Effect[] },
      });
      await must(db.cases.advance({ schoolId: A, caseId: c.id, actorId: w.bkA.id, now: T0, event: { type: 'finish' }, apply: close }));
      expect((await db.cases.get(A, c.id))!.outcome).toBe('dropped_out');
      const suggested = await db.schoolYear.statusSuggestions(A);
      expect(suggested.map((s) => [s.caseId, s.studentId, s.outcome])).toEqual([[c.id, w.studentA.id, 'dropped_out']]);
      expect(await db.schoolYear.statusSuggestions(w.schoolB)).toEqual([]);
      await must(db.schoolYear.setStatus(A, w.studentA.id, { status: 'dropped_out', date: '2024-08-02', reason: 'Kasus ditutup', caseId: c.id }, { now: T0, actorId: w.bkA.id }));
      expect(await db.schoolYear.statusSuggestions(A)).toEqual([]);
    });

    it('erasing a student clears the roster facts and the reasons of their status history', async () => {
      const A = w.schoolA;
      await must(db.students.update(A, w.studentA.id, { fatherName: 'Supriadi', motherName: 'Marlina', pipEligible: true, kipHolder: true, distanceKm: 7.5, transport: 'Jalan kaki' }, { now: T0, actorId: null }));
      await must(db.schoolYear.setStatus(A, w.studentA.id, { status: 'transferred', date: '2024-09-02', reason: 'Ikut orang tua pindah ke Jambi' }, { now: T0, actorId: null }));
      const erased = await must(db.students.erase(A, w.studentA.id, { now: T0, actorId: null }));
      expect(erased).toMatchObject({ fatherName: null, motherName: null, pipEligible: null, kipHolder: null, distanceKm: null, transport: null, statusReason: null, status: 'transferred' });
      expect((await db.schoolYear.statusHistory(A, w.studentA.id)).map((e) => [e.status, e.reason])).toEqual([['transferred', null]]);
    });
  });
}
