/**
 * The incremental stay log gives exactly the from-scratch figure (`stepStays`
 * + `median`) however the append-only log is cut into reads, and refuses a
 * read that skipped events.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StepEventRow } from './queries.ts';
import { median } from './stats.ts';
import { stepStays } from './step-durations.ts';
import { StepStayLog, type StepMedian } from './step-stay-log.ts';

const STATES = ['identifikasi', 'asesmen', 'intervensi.a', 'intervensi.b', 'intervensi.a,intervensi.b', 'pemantauan', 'selesai'];

/** From scratch: every event at once, ordered by case then seq. */
function fromScratch(rows: readonly StepEventRow[]): StepMedian[] {
  const ordered = [...rows].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]));
  return [...stepStays(ordered)].map(([stateId, list]) => ({ stateId, medianMs: median(list)!, stays: list.length }));
}
const byStep = (m: StepMedian[]) => [...m].sort((a, b) => (a.stateId < b.stateId ? -1 : 1));

/** A log of several cases, each a run of events with increasing seq and time, in the order they were appended. */
const appendedLog = fc
  .array(fc.array(fc.record({ state: fc.constantFrom(...STATES), gap: fc.integer({ min: 0, max: 5_000 }) }), { minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 8 })
  .chain((cases) => {
    const perCase: StepEventRow[][] = cases.map((events, c) => {
      let at = 1_000 * c;
      return events.map((e, i) => [`case-${c}`, i + 1, (at += e.gap), e.state] as const);
    });
    const total = perCase.reduce((n, r) => n + r.length, 0);
    // Interleave the cases (each keeps its own order), then cut the log into consecutive reads.
    return fc.tuple(fc.array(fc.nat(perCase.length - 1), { minLength: total, maxLength: total }), fc.array(fc.nat(total), { maxLength: 5 })).map(([picks, cuts]) => {
      const next = perCase.map(() => 0);
      const log: StepEventRow[] = [];
      for (const pick of picks) {
        let c = pick;
        while (next[c]! >= perCase[c]!.length) c = (c + 1) % perCase.length;
        log.push(perCase[c]![next[c]!++]!);
      }
      const bounds = [...new Set([0, ...cuts, total])].sort((a, b) => a - b);
      return { log, reads: bounds.slice(1).map((end, i) => log.slice(bounds[i], end)) };
    });
  });

describe('StepStayLog', () => {
  it('equals the from-scratch medians whatever reads the appended log arrives in', () => {
    fc.assert(
      fc.property(appendedLog, ({ log, reads }) => {
        const kept = new StepStayLog();
        const seen: StepEventRow[] = [];
        for (const read of reads) {
          // A driver answers each read ordered by case and seq.
          expect(kept.apply([...read].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1])), true)).toBe(true);
          seen.push(...read);
          expect(byStep(kept.medians())).toEqual(byStep(fromScratch(seen)));
          expect(kept.events).toBe(seen.length);
        }
        expect(seen.length).toBe(log.length);
      }),
      { numRuns: Number(process.env.JALUR_FUZZ_RUNS ?? 300) },
    );
  });

  it('skips events it already has and refuses a read that skipped one', () => {
    const log = new StepStayLog();
    expect(log.apply([['a', 1, 0, 'identifikasi'], ['a', 2, 86_400_000, 'asesmen']], true)).toBe(true);
    expect(log.apply([['a', 2, 86_400_000, 'asesmen'], ['b', 1, 0, 'identifikasi']], true)).toBe(true);
    expect(log.events).toBe(3);
    expect(log.medians()).toEqual([{ stateId: 'identifikasi', medianMs: 86_400_000, stays: 1 }]);
    expect([...log.lastSeqs()]).toEqual([['a', 2], ['b', 1]]);
    // Seq 4 of `a` without its seq 3: events were missed.
    expect(new StepStayLog().apply([['a', 2, 0, 'x']], true)).toBe(false);
    expect(log.apply([['a', 4, 2 * 86_400_000, 'pemantauan']], true)).toBe(false);
  });

  it('keeps each step\'s stays sorted as many arrive at once or one by one', () => {
    const log = new StepStayLog();
    const many: StepEventRow[] = [];
    for (let c = 0; c < 40; c++) many.push([`c${c}`, 1, 0, 'identifikasi'], [`c${c}`, 2, (c * 7919) % 1000, 'asesmen']);
    log.apply(many, true);
    log.apply([['c0', 3, 5_000, 'selesai']], true);
    const all = [...many, ['c0', 3, 5_000, 'selesai'] as const];
    expect(byStep(log.medians())).toEqual(byStep(fromScratch(all)));
  });
});
