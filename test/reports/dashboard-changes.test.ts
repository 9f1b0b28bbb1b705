/**
 * The school dashboard after real case changes (SQLite): the cached figures
 * are extended by the events appended since the last load and come out
 * exactly as a from-scratch read after every change — a case opened, each
 * advance, a fired timer, the closing decision. The same run on PostgreSQL
 * is in pg-reports.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReportQueries, schoolSummary, type SchoolSummary } from '../../packages/reports/src/index.ts';
import { driveClosingCase, fromScratch, recordingQueries, stableSummary } from './dashboard-changes.ts';
import { DEMO_NOW, openDemoDb, type DemoDb } from './demo-db.ts';

let demo: DemoDb;
beforeAll(async () => {
  demo = await openDemoDb();
});
afterAll(async () => {
  await demo?.close();
});

const staysOf = (s: SchoolSummary, stateId: string): number => s.medianTimePerStep.find((r) => r.stateId === stateId)?.stays ?? 0;

describe('school dashboard after a case change (SQLite)', () => {
  it('equals a from-scratch read after every change, reading only the events appended since', async () => {
    const school = demo.schoolB;
    // Counting from the start (not the figures an earlier test's load saved), so every read is recorded.
    const { queries, reads } = recordingQueries({ ...createReportQueries(demo.handle), savedSchoolFigures: undefined });
    const first = await schoolSummary(queries, school, DEMO_NOW);
    expect(stableSummary(first)).toEqual(await fromScratch(demo.db, school, DEMO_NOW));
    // A reload with nothing changed reads no events at all.
    expect(await schoolSummary(queries, school, DEMO_NOW)).toEqual(first);
    expect(reads).toEqual(['all']);

    const student = await demo.db.students.create(school, { nisn: '7791000001', name: 'Siswa Uji Dasbor', className: 'X-1' }, { now: DEMO_NOW, actorId: null });
    if (!student.ok) throw new Error(student.error.message);
    const changes: string[] = [];
    const closed = await driveClosingCase(
      demo.db, { districtId: demo.districtId, schoolId: school, studentId: student.value.id, openedAt: new Date('2026-10-01T02:00:00Z'), stepDays: 3 },
      async (what) => {
        changes.push(what);
        expect(stableSummary(await schoolSummary(queries, school, DEMO_NOW)), what).toEqual(await fromScratch(demo.db, school, DEMO_NOW));
      },
    );
    expect(closed.status).toBe('closed');
    expect(changes.length).toBeGreaterThanOrEqual(10);
    // One full read at the first load; every load after a change read only what was appended.
    expect(reads).toEqual(['all', ...changes.map(() => 'after')]);

    const last = await schoolSummary(queries, school, DEMO_NOW);
    expect(last.outcomes.resolved).toBe(first.outcomes.resolved + 1);
    expect(last.openCases).toBe(first.openCases);
    // The driven case left identification, assessment and each motivation step once: one more finished stay each.
    for (const step of ['identifikasi', 'asesmen', 'intervensi_motivasi.konseling_individual']) expect(staysOf(last, step), step).toBe(staysOf(first, step) + 1);
  });

  it('answers only rows after its cursor, and null when the school\'s count says rows were missed', async () => {
    const q = createReportQueries(demo.handle);
    const all = await q.stepEventsAfter(demo.schoolA, null);
    if (!all) throw new Error('every event must be answered');
    expect(all.rows.length).toBe(await q.stepEventCount(demo.schoolA));
    const read = { cursor: all.cursor, events: all.rows.length, lastSeqs: () => [] };
    expect(await q.stepEventsAfter(demo.schoolA, read)).toEqual({ rows: [], cursor: all.cursor });
    // A reader that believes it has one event fewer than the school has cannot be answered incrementally (e.g. after a VACUUM renumbered rowids).
    expect(await q.stepEventsAfter(demo.schoolA, { ...read, events: all.rows.length - 1 })).toBeNull();
  });
});
