/**
 * The school dashboard's counts, kept case by case after changes
 * (`school-cases.ts`), against the drivers' grouped SQL over the same rows:
 * open cases per state and per factor, cases per month, outcomes — after the
 * first load and after every change of a case driven from opening to closing.
 * And a load after a change reads only the changed case again (after the
 * first change, which reads every case's row once).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReportQueries, schoolSummary, WIB_OFFSET_MINUTES, type ReportQueries } from '../../packages/reports/src/index.ts';
import { driveClosingCase } from './dashboard-changes.ts';
import { DEMO_NOW, openDemoDb, type DemoDb } from './demo-db.ts';

let demo: DemoDb;
beforeAll(async () => {
  demo = await openDemoDb();
});
afterAll(async () => {
  await demo?.close();
});

const byKey = <T>(rows: T[]) => rows.map((r) => JSON.stringify(r)).sort();

/** The dashboard's counts as the grouped SQL gives them. */
async function grouped(q: ReportQueries, schoolId: string) {
  const scope = { kind: 'school', schoolId } as const;
  return {
    byState: byKey(await q.openByState(scope)),
    byFactor: byKey(await q.openByFactor(scope)),
    months: byKey(await q.casesPerMonth(scope, WIB_OFFSET_MINUTES)),
    outcomes: byKey(await q.outcomes(scope)),
  };
}

describe('school dashboard counts case by case (SQLite)', () => {
  it('equal the grouped SQL after the first load and after every change, reading only the changed case', async () => {
    const school = demo.schoolA;
    const sql = createReportQueries(demo.handle);
    const reads: (readonly string[] | null)[] = [];
    const base = createReportQueries(demo.handle);
    const q: ReportQueries = { ...base, schoolCases: (schoolId, ids) => (reads.push(ids), base.schoolCases(schoolId, ids)) };
    const summary = async () => schoolSummary(q, school, DEMO_NOW);
    const check = async (what: string) => {
      const s = await summary();
      const g = await grouped(sql, school);
      expect(s.openCases, what).toBe(g.byState.reduce((n, r) => n + (JSON.parse(r) as { count: number }).count, 0));
      expect(s.casesPerMonth.map((m) => JSON.stringify({ schoolId: school, ...m })).sort(), what).toEqual(g.months);
      expect(byKey(s.openByFactor.map((r) => ({ schoolId: school, factor: r.factor, count: r.count }))), what).toEqual(g.byFactor);
      const closed = g.outcomes.reduce((n, r) => n + (JSON.parse(r) as { count: number }).count, 0);
      expect(s.closedCases, what).toBe(closed);
    };
    await check('first load');
    // The first load counts with the grouped SQL (index-only); every case's row is read once, at the first change.
    expect(reads).toEqual([]);
    const student = await demo.db.students.create(school, { nisn: '7793000001', name: 'Siswa Uji Hitung', className: 'X-1' }, { now: DEMO_NOW, actorId: null });
    if (!student.ok) throw new Error(student.error.message);
    let changes = 0;
    const closed = await driveClosingCase(
      demo.db, { districtId: demo.districtId, schoolId: school, studentId: student.value.id, openedAt: new Date('2026-10-01T02:00:00Z'), stepDays: 3 },
      async (what, row) => {
        changes++;
        await check(what);
        expect(reads.at(-1), what).toEqual(changes === 1 ? null : [row.id]);
      },
    );
    expect(closed.status).toBe('closed');
    expect(reads.length).toBe(changes);
  });
});
