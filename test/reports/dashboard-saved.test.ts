/**
 * The school dashboard's figures saved for the next process (issue 17: the
 * first load after a restart): a load saves them with the school's event
 * count; a new connection to the same SQLite file (a restarted server) shows
 * them without reading a single event; after a change they are counted again;
 * rows of another format, or saved against a count that has moved on, are
 * never shown. The same on PostgreSQL is in pg-reports.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../packages/db/src/index.ts';
import { createReportQueries, schoolSummary, type ReportQueries } from '../../packages/reports/src/index.ts';
import { driveClosingCase, fromScratch, recordingQueries, stableSummary } from './dashboard-changes.ts';
import { DEMO_NOW, openDemoDb, type DemoDb } from './demo-db.ts';

let demo: DemoDb;
beforeAll(async () => {
  demo = await openDemoDb();
});
afterAll(async () => {
  await demo?.close();
});

/** Lets the save scheduled after an answer run. */
const saved = () => new Promise((resolve) => setTimeout(resolve, 20));
const savedRow = (school: string) =>
  demo.handle.sqlite.prepare('SELECT events, format FROM school_dashboard_figures WHERE school_id = ?').get(school) as { events: number; format: number } | undefined;

/** A restarted server: a new connection to the same file, new report queries, nothing in memory. */
async function restarted<T>(fn: (q: ReportQueries, reads: ('all' | 'after')[]) => Promise<T>): Promise<T> {
  const db = await openDatabase({ url: `file:${demo.file}` });
  try {
    const { queries, reads } = recordingQueries(createReportQueries(db.reportHandle));
    return await fn(queries, reads);
  } finally {
    await db.close();
  }
}

describe('school dashboard figures saved for the next process (SQLite)', () => {
  it('a restarted server shows the saved figures without reading the events, and counts again after a change', async () => {
    const school = demo.schoolA;
    const q = createReportQueries(demo.handle);
    const events = await q.stepEventCount(school);
    const first = await schoolSummary(q, school, DEMO_NOW);
    await saved();
    expect(savedRow(school)).toEqual({ events, format: 1 });

    const afterRestart = await restarted(async (rq, reads) => {
      const s = await schoolSummary(rq, school, DEMO_NOW);
      expect(reads).toEqual([]);
      return s;
    });
    expect(stableSummary(afterRestart)).toEqual(stableSummary(first));
    expect(stableSummary(afterRestart)).toEqual(await fromScratch(demo.db, school, DEMO_NOW));

    // One change: the saved figures are one event behind, so the next process counts again (and saves anew).
    const student = await demo.db.students.create(school, { nisn: '7793000001', name: 'Siswa Uji Simpan', className: 'X-2' }, { now: DEMO_NOW, actorId: null });
    if (!student.ok) throw new Error(student.error.message);
    let once = false;
    await driveClosingCase(
      demo.db, { districtId: demo.districtId, schoolId: school, studentId: student.value.id, openedAt: new Date('2026-10-01T02:00:00Z'), stepDays: 3 },
      async () => {
        if (once) return;
        once = true;
        await restarted(async (rq, reads) => {
          expect(stableSummary(await schoolSummary(rq, school, DEMO_NOW))).toEqual(await fromScratch(demo.db, school, DEMO_NOW));
          expect(reads).toEqual(['all']);
        });
      },
    );
    await saved();
    const now = await q.stepEventCount(school);
    // Loads by the processes above saved at most the count of their own load; this process counts and saves the latest.
    await schoolSummary(q, school, DEMO_NOW);
    await saved();
    expect(savedRow(school)?.events).toBe(now);
    await restarted(async (rq, reads) => {
      expect(stableSummary(await schoolSummary(rq, school, DEMO_NOW))).toEqual(await fromScratch(demo.db, school, DEMO_NOW));
      expect(reads).toEqual([]);
    });
  });

  it('never shows a row of another format, nor saves figures against a count that has moved on', async () => {
    const school = demo.schoolB;
    const q = createReportQueries(demo.handle);
    await schoolSummary(q, school, DEMO_NOW);
    await saved();
    const events = await q.stepEventCount(school);
    expect(savedRow(school)?.events).toBe(events);

    // An older build's row (another format): counted again.
    demo.handle.sqlite.prepare('UPDATE school_dashboard_figures SET format = 0 WHERE school_id = ?').run(school);
    await restarted(async (rq, reads) => {
      await schoolSummary(rq, school, DEMO_NOW);
      expect(reads).toEqual(['all']);
    });

    // Figures read at a count that is no longer the school's are not written.
    await q.saveSchoolFigures!(school, { events: events - 1, offsetMinutes: 420, format: 1, figures: { byState: [], byFactor: [], months: [], outcomes: [], medians: [] } });
    expect(savedRow(school)?.events).toBe(events);
    // Nor figures that claim the current count with another shape: a row that does not parse as figures is counted again.
    demo.handle.sqlite.prepare("UPDATE school_dashboard_figures SET format = 1, figures = '{\"byState\":1}' WHERE school_id = ?").run(school);
    await restarted(async (rq, reads) => {
      expect(stableSummary(await schoolSummary(rq, school, DEMO_NOW))).toEqual(await fromScratch(demo.db, school, DEMO_NOW));
      expect(reads).toEqual(['all']);
    });
  });
});
