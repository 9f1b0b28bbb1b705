/** The rollup's month arithmetic and before/after counts against their plain definitions. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { monthIndexOf, OPEN_MONTH, riskCounts, schoolFactsOf } from './district-rollup.ts';

describe('district rollup', () => {
  it('puts an instant in the month Date says, in any offset', () => {
    fc.assert(
      fc.property(fc.integer({ min: -62_000_000_000_000, max: 7_000_000_000_000 }), fc.constantFrom(0, 420, 480, 540, -300), (at, offset) => {
        const d = new Date(at + offset * 60_000);
        expect(monthIndexOf(at, offset)).toBe(d.getUTCFullYear() * 12 + d.getUTCMonth());
      }),
      { numRuns: 2000 },
    );
  });

  it('counts each student once per month and period, whatever their cases', () => {
    // Months 0–5 of 2025 (WIB); each case: student, opened month/day, closed month/day or open.
    const caseArb = fc.record({ student: fc.integer({ min: 0, max: 5 }), x: fc.integer({ min: 0, max: 5 }), len: fc.integer({ min: 0, max: 4 }), open: fc.boolean() });
    fc.assert(
      fc.property(fc.array(caseArb, { maxLength: 20 }), fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 5 }), (cases, p, q) => {
        const [a0, b0] = [Math.min(p, q), Math.max(p, q)];
        const base = 2025 * 12;
        const at = (m: number, day: number) => Date.UTC(2025, m, day, 3);
        const rows = cases.map((c) => ['f', `st${c.student}`, c.open ? 1 : 0, at(c.x, 5), c.open ? null : at(c.x + c.len, 25)] as const);
        rows.sort((r, s) => (r[1] < s[1] ? -1 : 1));
        const facts = schoolFactsOf({ byState: [], outcomes: [], risk: rows });
        const got = riskCounts(facts.factors.get('f'), base + a0, base + b0);
        // Plain definitions: at risk at instant T ⇔ opened ≤ T < closed; distinct students.
        const start = (m: number) => Date.UTC(2025, m, 1) - 420 * 60_000;
        const during = (s: number, e: number) => new Set(rows.filter((r) => r[3] < e && (r[4] === null || r[4] > s)).map((r) => r[1])).size;
        const atEnd = (e: number) => new Set(rows.filter((r) => r[3] < e && (r[4] === null || r[4] >= e)).map((r) => r[1])).size;
        expect(got.before).toBe(during(start(a0), start(b0 + 1)));
        for (let m = a0; m <= b0; m++) {
          expect(got.beforeByMonth[m - a0]).toBe(during(start(m), start(m + 1)));
          expect(got.afterByMonth[m - a0]).toBe(atEnd(start(m + 1)));
        }
        void OPEN_MONTH;
      }),
      { numRuns: 300 },
    );
  });
});
