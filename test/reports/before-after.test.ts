/**
 * Seed 002's table, exactly: over Aug–Sep 2023 the SRPS cohort goes from
 * 11 to 4 students at risk for motivation and from 6 to 3 for economic
 * reasons (family 2 → 2, bullying 2 → 2 still being supported).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schoolBeforeAfter } from '../../packages/reports/src/index.ts';
import { openDemoDb, type DemoDb } from './demo-db.ts';

let demo: DemoDb;
beforeAll(async () => {
  demo = await openDemoDb();
});
afterAll(async () => {
  await demo?.close();
});

describe('before/after per risk factor (seed 002)', () => {
  it('finds the cohort loaded by the demo seed itself (seedDemo reads workflows/cohorts/)', () => {
    expect(demo.cohortSource).toBe('seed');
    expect(demo.cohortSchoolId).toBe(demo.schoolA);
  });

  it('reproduces the paper for August–September 2023', async () => {
    const rows = await schoolBeforeAfter(demo.queries, demo.cohortSchoolId, { from: '2023-08-01', to: '2023-09-30' });
    expect(rows).toEqual([
      { factor: 'motivation', before: 11, after: 4 },
      { factor: 'economic', before: 6, after: 3 },
      { factor: 'family', before: 2, after: 2 },
      { factor: 'bullying', before: 2, after: 2 },
    ]);
  });

  it('agrees with the cohort file\'s own expectations', async () => {
    const rows = await schoolBeforeAfter(demo.queries, demo.cohortSchoolId, { from: '2023-08-01', to: '2023-09-30' });
    for (const [factor, want] of Object.entries(demo.cohort.paper.byFactor)) {
      expect(rows.find((r) => r.factor === factor), factor).toEqual({ factor, before: want.before, after: want.after });
    }
  });

  it('counts a student at risk from the day the case opens until it closes', async () => {
    // Before the cases were opened nobody was at risk; on the day they opened all 21 were.
    const early = await schoolBeforeAfter(demo.queries, demo.cohortSchoolId, { from: '2023-07-01', to: '2023-08-07' });
    expect(early.every((r) => r.before === 0 && r.after === 0)).toBe(true);
    const firstDay = await schoolBeforeAfter(demo.queries, demo.cohortSchoolId, { from: '2023-08-08', to: '2023-08-08' });
    expect(firstDay.map((r) => [r.factor, r.before, r.after])).toEqual([
      ['motivation', 11, 11], ['economic', 6, 6], ['family', 2, 2], ['bullying', 2, 2],
    ]);
    // The resolved cases closed on 29 September: a period ending the 28th still counts them.
    const beforeClosing = await schoolBeforeAfter(demo.queries, demo.cohortSchoolId, { from: '2023-08-01', to: '2023-09-28' });
    expect(beforeClosing.find((r) => r.factor === 'motivation')).toEqual({ factor: 'motivation', before: 11, after: 11 });
    // A period starting after the closures sees only the students still in the program.
    const october = await schoolBeforeAfter(demo.queries, demo.cohortSchoolId, { from: '2023-10-01', to: '2023-10-31' });
    expect(october.find((r) => r.factor === 'motivation')).toEqual({ factor: 'motivation', before: 4, after: 4 });
  });

  it('is per school: the other school sees none of the cohort', async () => {
    const other = demo.cohortSchoolId === demo.schoolA ? demo.schoolB : demo.schoolA;
    const rows = await schoolBeforeAfter(demo.queries, other, { from: '2023-08-01', to: '2023-09-30' });
    expect(rows.every((r) => r.before === 0 && r.after === 0)).toBe(true);
  });
});
