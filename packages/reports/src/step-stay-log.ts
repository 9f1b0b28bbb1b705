/**
 * Step stays kept up to date event by event, so a dashboard after a case
 * change costs the events appended since, not the school's whole log.
 *
 * `case_events` is append-only (triggers refuse DELETE and any rewrite of a
 * state column) and a case's events are written in `seq` order (each one is
 * the case's next version). A new event therefore only *adds* stays — the
 * steps it leaves — and never changes a stay already counted: the stays of
 * a log read in two parts are exactly those of the whole log read at once
 * (`stepStays` in `step-durations.ts`, the from-scratch definition).
 */
import type { StepEventRow } from './queries.ts';
import { leavesOf } from './steps.ts';

/** Where one case stands: the last seq applied and the steps it is in since when. */
interface CaseCursor {
  seq: number;
  leaves: string[];
  since: number[];
}

/** A step's median stay and how many finished stays it is over. */
export interface StepMedian {
  stateId: string;
  /** Median stay in ms (the mean of the two middle stays for an even count). */
  medianMs: number;
  stays: number;
}

/** Index of the first element of sorted `list` greater than `value`. */
function upperBound(list: readonly number[], value: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The finished stays of one school's cases, extended by appended events. */
export class StepStayLog {
  readonly #cases = new Map<string, CaseCursor>();
  /** Finished stays (ms) per step, each list sorted ascending. */
  readonly #stays = new Map<string, number[]>();
  #events = 0;

  /** How many events have been applied (over every case). */
  get events(): number {
    return this.#events;
  }

  /** The last seq applied of each case (what a driver without an insertion order filters on). */
  *lastSeqs(): Iterable<readonly [caseId: string, seq: number]> {
    for (const [caseId, c] of this.#cases) yield [caseId, c.seq];
  }

  /**
   * Applies events, ordered by seq within each case (cases may interleave).
   * An event at or before a case's last applied seq is skipped (already
   * counted). With `contiguous`, an event that is not its case's next seq
   * (1 for a case not seen yet) means events were missed: `false` is
   * returned at once and the log must be thrown away (rebuild it from every
   * event). Without it (a from-scratch read) any increasing seqs are taken.
   */
  apply(rows: readonly StepEventRow[], contiguous: boolean): boolean {
    const added = new Map<string, number[]>();
    const finish = (leaf: string, ms: number) => {
      let list = added.get(leaf);
      if (!list) added.set(leaf, (list = []));
      list.push(ms);
    };
    let caseId: string | null = null;
    let c: CaseCursor | undefined;
    for (const [rowCase, seq, at, stateAfter] of rows) {
      // Rows come grouped by case: look a case up once per run of its rows.
      if (rowCase !== caseId) {
        caseId = rowCase;
        c = this.#cases.get(rowCase);
      }
      if (c && seq <= c.seq) continue;
      if (contiguous && seq !== (c?.seq ?? 0) + 1) return false;
      if (!c) this.#cases.set(rowCase, (c = { seq: 0, leaves: [], since: [] }));
      c.seq = seq;
      this.#events++;
      const now = leavesOf(stateAfter);
      for (let i = c.leaves.length - 1; i >= 0; i--) {
        if (now.includes(c.leaves[i]!)) continue;
        finish(c.leaves[i]!, at - c.since[i]!);
        c.leaves.splice(i, 1);
        c.since.splice(i, 1);
      }
      for (const leaf of now) {
        if (c.leaves.includes(leaf)) continue;
        c.leaves.push(leaf);
        c.since.push(at);
      }
    }
    for (const [leaf, list] of added) this.#merge(leaf, list);
    return true;
  }

  /** Adds new stays to a step's sorted list: one by one when few, else appended and re-sorted. */
  #merge(leaf: string, added: number[]): void {
    const list = this.#stays.get(leaf);
    if (!list) {
      this.#stays.set(leaf, added.sort((a, b) => a - b));
      return;
    }
    if (added.length > 16) {
      for (const ms of added) list.push(ms);
      list.sort((a, b) => a - b);
      return;
    }
    for (const ms of added) list.splice(upperBound(list, ms), 0, ms);
  }

  /** The median stay of every step with at least one finished stay. */
  medians(): StepMedian[] {
    const out: StepMedian[] = [];
    for (const [stateId, list] of this.#stays) {
      const mid = list.length >> 1;
      const medianMs = list.length % 2 === 1 ? list[mid]! : (list[mid - 1]! + list[mid]!) / 2;
      out.push({ stateId, medianMs, stays: list.length });
    }
    return out;
  }
}
