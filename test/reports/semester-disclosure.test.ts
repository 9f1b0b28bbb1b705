/**
 * The dinas's copy of the semester report (`semesterForDinas`): every count
 * of 1–4 is `<5`, and none can be worked out by subtraction — where a total
 * is the sum of its parts (the satisfaction distribution, the risk
 * transitions, enrolled = aktif + mutasi masuk, the before/after sums), a
 * hidden part never stands alone beside a shown total; an average over a
 * hidden count is withheld and no student is named.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { semesterForDinas, type SemesterReport } from '../../packages/reports/src/semester.ts';

const LEVELS = ['none', 'watch', 'risk'] as const;

function report(p: { dist: number[]; service2: number[]; ba: [number, number][]; status: number[]; transitions: number[] }): SemesterReport {
  const rank = { none: 0, watch: 1, risk: 2 } as const;
  const transitions = LEVELS.flatMap((from) => LEVELS.map((to) => ({ from, to }))).filter((x) => !(x.from === 'none' && x.to === 'none')).map((x, i) => ({ ...x, count: p.transitions[i] ?? 0 }));
  const improved = transitions.filter((t) => rank[t.to] < rank[t.from]).reduce((n, t) => n + t.count, 0);
  const worsened = transitions.filter((t) => rank[t.to] > rank[t.from]).reduce((n, t) => n + t.count, 0);
  const students = transitions.reduce((n, t) => n + t.count, 0);
  const s1 = p.dist.map((n, i) => Math.max(0, n - (p.service2[i] ?? 0))) as [number, number, number, number, number];
  const s2 = p.dist.map((n, i) => Math.min(n, p.service2[i] ?? 0)) as [number, number, number, number, number];
  const sum = (a: number[]) => a.reduce((x, y) => x + y, 0);
  const avg = (d: number[]) => (sum(d) ? d.reduce((n, c, i) => n + c * (i + 1), 0) / sum(d) : null);
  return {
    term: { year: '2026/2027', semester: 'ganjil', from: '2026-07-01', to: '2026-12-31', asOf: '2026-12-06', ended: false },
    students: { enrolled: p.status[0]! + p.status[1]!, byStatus: (['active', 'transferred_in', 'transferred', 'dropped_out', 'graduated'] as const).map((status, i) => ({ status, atEnd: p.status[i]!, changed: Math.min(p.status[i]!, 2) })) },
    beforeAfter: p.ba.map(([b, a], i) => ({ factor: ['motivation', 'economic', 'family', 'bullying'][i]!, before: Math.max(a, b), after: Math.min(a, b) })),
    beforeAfterTotal: { before: sum(p.ba.map(([b, a]) => Math.max(a, b))), after: sum(p.ba.map(([b, a]) => Math.min(a, b))) },
    riskChange: { students, improved, unchanged: students - improved - worsened, worsened, start: { none: 0, watch: 0, risk: 0 }, end: { none: 0, watch: 0, risk: 0 }, transitions, perStudent: [{ studentId: 's1', name: 'Andi Pratama', className: 'X-1', start: 'none', end: 'risk' }] },
    satisfaction: {
      responses: sum(p.dist), average: avg(p.dist), distribution: p.dist as [number, number, number, number, number],
      byService: [
        { service: 'counseling_individual', responses: sum(s1), average: avg(s1), distribution: s1 },
        { service: 'home_visit', responses: sum(s2), average: avg(s2), distribution: s2 },
      ],
    },
    participation: { byKind: [{ activity: 'ekstrakurikuler', students: 9, attended: 3, activities: [{ name: 'Pramuka', students: 9, attended: 3 }] }] },
    aid: { available: true, total: 900_000, entries: 3, students: 2, bySource: [{ source: 'alumni', amount: 900_000, entries: 3 }], byFactor: [{ factor: 'economic', amount: 900_000, entries: 3 }] },
  };
}

/** A total shown as a number with exactly one hidden part: that part is the difference. */
function loneHidden(total: number | string, parts: (number | string)[]): boolean {
  return typeof total === 'number' && parts.filter((p) => typeof p !== 'number').length === 1;
}

describe('the dinas copy of the semester report', () => {
  it('hides small counts and withholds what would give them away', () => {
    const r = report({ dist: [0, 1, 7, 9, 12], service2: [0, 0, 2, 0, 0], ba: [[11, 4], [6, 3], [2, 2], [2, 2]], status: [113, 0, 1, 0, 0], transitions: [15, 40, 0, 0, 0, 0, 0, 11] });
    const d = semesterForDinas(r);
    expect(d.satisfaction.distribution[1]).toBe('<5');
    expect(loneHidden(d.satisfaction.responses, d.satisfaction.distribution)).toBe(false);
    expect(d.beforeAfter.find((x) => x.factor === 'motivation')).toMatchObject({ before: 11, after: '<5' });
    expect(loneHidden(d.beforeAfterTotal.after, d.beforeAfter.map((x) => x.after))).toBe(false);
    expect(d.students.byStatus.find((s) => s.status === 'transferred')!.atEnd).toBe('<5');
    expect(d.aid.entries).toBe('<5');
    expect(d.aid.total).toBeNull();
    expect(JSON.stringify(d)).not.toContain('Andi Pratama');
    // An average over a hidden count is withheld.
    for (const s of d.satisfaction.byService) if (typeof s.responses !== 'number') expect(s.average).toBeNull();
  });

  it('never leaves one hidden part beside a shown total (random reports)', () => {
    const count = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 5, max: 40 }));
    fc.assert(
      fc.property(
        fc.array(count, { minLength: 5, maxLength: 5 }),
        fc.array(count, { minLength: 5, maxLength: 5 }),
        fc.array(fc.tuple(count, count), { minLength: 4, maxLength: 4 }),
        fc.array(count, { minLength: 5, maxLength: 5 }),
        fc.array(count, { minLength: 8, maxLength: 8 }),
        (dist, service2, ba, status, transitions) => {
          const r = report({ dist, service2, ba: ba as [number, number][], status, transitions });
          const d = semesterForDinas(r);
          const all = [
            ...d.satisfaction.distribution, d.satisfaction.responses, ...d.beforeAfter.flatMap((x) => [x.before, x.after]), ...d.students.byStatus.flatMap((s) => [s.atEnd, s.changed]),
            ...d.riskChange.transitions.map((t) => t.count), d.riskChange.students, d.riskChange.improved, d.riskChange.worsened, d.riskChange.unchanged,
          ];
          // Primary: no count of 1–4 is shown.
          for (const c of all) if (typeof c === 'number') expect(c === 0 || c >= 5).toBe(true);
          // Complementary: no total beside a single hidden part.
          expect(loneHidden(d.satisfaction.responses, d.satisfaction.distribution)).toBe(false);
          expect(loneHidden(d.satisfaction.responses, d.satisfaction.byService.map((s) => s.responses))).toBe(false);
          expect(JSON.stringify(d.satisfaction.byService)).not.toContain('distribution');
          expect(loneHidden(d.riskChange.students, d.riskChange.transitions.map((t) => t.count))).toBe(false);
          expect(loneHidden(d.riskChange.students, [d.riskChange.improved, d.riskChange.unchanged, d.riskChange.worsened])).toBe(false);
          expect(loneHidden(d.beforeAfterTotal.before, d.beforeAfter.map((x) => x.before))).toBe(false);
          expect(loneHidden(d.beforeAfterTotal.after, d.beforeAfter.map((x) => x.after))).toBe(false);
          const st = d.students.byStatus;
          expect(loneHidden(d.students.enrolled, [st[0]!.atEnd, st[1]!.atEnd])).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });
});
