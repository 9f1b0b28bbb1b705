/**
 * Complementary suppression for tables that leave a school (issue 13 §4).
 *
 * Hiding each small count on its own is not enough: "district 40, school A
 * 35, school B <5" gives B back by subtraction, and "11 of 12 closed cases
 * resolved" gives the one hidden outcome back. A table is therefore described
 * with the linear relations a reader knows hold between its cells — a total
 * equals the sum of its parts (`equal`), a sum is at least a total (`atLeast`,
 * e.g. open cases by step when a case may stand in two parallel steps) — and
 * {@link Disclosure.solve} hides, besides every count of 1–4 (primary
 * suppression, shown as `"<5"`), as many other cells (complementary
 * suppression) as it takes for each primary cell to stay undetermined:
 *
 * - what a reader can work out is bounded by propagating the relations over
 *   the published numbers, with a hidden cell known to lie in `[0, 4]` when it
 *   is shown as `"<5"` and in `[5, ∞)` when shown as `"≥5"`;
 * - a primary cell is protected when the interval a reader can derive for it
 *   still covers every value from 1 to 4 (the marker says no more than that),
 *   or, when no cell is left to hide, at least two values;
 * - complements are taken from the relation that pins a primary cell: a
 *   published count of 8 or more first (it can absorb any 1–4), then the
 *   largest of 5–7, then a zero (shown as `"<5"`, which it is).
 *
 * A hidden cell of 5 or more is shown as `"≥5"`: every marker is true.
 * The relations are exact, so the result is checked in
 * `disclosure.test.ts` against an integer-programming reader who knows every
 * relation and every published number of one answer and of adjacent periods.
 */

import { solve as solveIp, type Constraint } from 'yalps';

/** The marker of a count from 0 to 4 that is not shown. */
export const SMALL = '<5';
/** The marker of a count of 5 or more hidden so that a small count cannot be worked out from it. */
export const WITHHELD = '≥5';

/**
 * The marker of a cell hidden without any bound: a column whose cells also
 * enter relations across answers (a period's before-column is the union of
 * its months, so before(L) + before(R) − before(L ∪ R) = the students at
 * risk across the boundary) cannot let `"≥5"` bound a difference: `"<5" +
 * "<5" − "≥5"` caps the boundary's count at 3.
 */
export const CONCEALED = 'x';

/** A count as published outside the school. */
export type PublicCount = number | typeof SMALL | typeof WITHHELD | typeof CONCEALED;

/** Counts below this (and above zero) are suppressed. */
export const SUPPRESSION_THRESHOLD = 5;

const INF = Number.POSITIVE_INFINITY;

/**
 * Interval propagation reads each relation on its own; a reader who combines
 * them (`a + b = 4` from two relations, then `c = 8 − (a + b)`) can know more.
 * Up to this many hidden cells, {@link Disclosure.solve} therefore checks its
 * result with an integer program — the reader of the tests — and hides more
 * where that reader still pins a small count. (Larger tables keep the
 * propagation; the integer program grows too slow for a request.)
 */
export const EXACT_AUDIT_MAX_HIDDEN = 80;
/** Larger than any count a table holds ("≥5" has no upper bound). */
const BIG = 1e7;

interface Relation {
  cells: number[];
  /**
   * +1 / −1 per cell: the relation is `Σ sign·x = 0` (`eq`) or `Σ sign·x ≥ 0` (`ge`); `caps`: every cell after
   * the first is at most the first (signs unused).
   */
  signs: number[];
  kind: 'eq' | 'ge' | 'caps';
}

/** Cells of one or more tables, the relations between them, and which are hidden. */
export class Disclosure {
  /** Hidden cells of 5 or more are shown as {@link CONCEALED} (no bound) instead of `"≥5"`. */
  readonly #boundless: boolean;
  readonly #values: number[] = [];
  /** 0 shown, 1 small (primary), 2 complement, 3 hidden by a rule outside the tables (protected like a primary). */
  readonly #hidden: number[] = [];
  readonly #relations: Relation[] = [];
  readonly #relationsOf: number[][] = [];
  #lo: number[] = [];
  #hi: number[] = [];

  constructor(options: { boundless?: boolean } = {}) {
    this.#boundless = options.boundless ?? false;
  }

  /** Adds a cell holding a true count; returns its id. */
  cell(value: number): number {
    const id = this.#values.length;
    this.#values.push(value);
    this.#hidden.push(value > 0 && value < SUPPRESSION_THRESHOLD ? 1 : 0);
    this.#relationsOf.push([]);
    return id;
  }

  value(id: number): number {
    return this.#values[id]!;
  }

  isHidden(id: number): boolean {
    return this.#hidden[id] !== 0;
  }

  #relate(cells: number[], signs: number[], kind: Relation['kind']): void {
    const index = this.#relations.length;
    this.#relations.push({ cells, signs, kind });
    // Cells of a relation are distinct (a table never relates a cell to itself).
    for (const c of cells) this.#relationsOf[c]!.push(index);
  }

  /** `total = Σ parts` (exact). */
  equal(total: number, parts: readonly number[]): void {
    if (parts.length === 0) return;
    this.#relate([total, ...parts], [-1, ...parts.map(() => 1)], 'eq');
  }

  /** `Σ parts ≥ total` and every part ≤ total (a case counted in several parts, at most once in each). */
  atLeast(total: number, parts: readonly number[], sumAtLeastTotal = true): void {
    if (parts.length === 0) return;
    if (sumAtLeastTotal) this.#relate([total, ...parts], [-1, ...parts.map(() => 1)], 'ge');
    this.#relate([total, ...parts], [], 'caps');
  }

  /**
   * Hides a cell whatever its count, for a rule outside these tables (e.g. across periods): like a primary cell,
   * it is then kept from being worked out from these tables.
   */
  hide(id: number): void {
    if (this.#hidden[id] === 0) this.#hidden[id] = this.#values[id]! > 0 && this.#values[id]! < SUPPRESSION_THRESHOLD ? 1 : 3;
  }

  #complement(id: number): void {
    if (this.#hidden[id] === 0) this.#hidden[id] = this.#values[id]! > 0 && this.#values[id]! < SUPPRESSION_THRESHOLD ? 1 : 2;
  }

  /** The cell as published. */
  shown(id: number): PublicCount {
    if (this.#hidden[id] === 0) return this.#values[id]!;
    if (this.#values[id]! < SUPPRESSION_THRESHOLD) return SMALL;
    return this.#boundless ? CONCEALED : WITHHELD;
  }

  /** What a reader knows of a cell before any relation: its count, or the range its marker says. */
  #domain(id: number): [number, number] {
    const v = this.#values[id]!;
    if (this.#hidden[id] === 0) return [v, v];
    if (v < SUPPRESSION_THRESHOLD) return [0, SUPPRESSION_THRESHOLD - 1];
    return this.#boundless ? [0, INF] : [SUPPRESSION_THRESHOLD, INF];
  }

  /** Narrows every hidden cell's interval by the relations until nothing changes (bounds a reader can derive). */
  #propagate(): void {
    const n = this.#values.length;
    this.#lo = new Array<number>(n);
    this.#hi = new Array<number>(n);
    for (let i = 0; i < n; i++) [this.#lo[i], this.#hi[i]] = this.#domain(i);
    const lo = this.#lo;
    const hi = this.#hi;
    let queue = this.#relations.map((_, i) => i).filter((i) => this.#relations[i]!.cells.some((c) => this.#hidden[c] !== 0));
    let queued = new Set(queue);
    for (let pass = 0; pass < 64 && queue.length > 0; pass++) {
      const next: number[] = [];
      const nextQueued = new Set<number>();
      for (const r of queue) {
        const { cells, signs, kind } = this.#relations[r]!;
        if (kind === 'caps') {
          this.#propagateCaps(cells, r, next, nextQueued);
          continue;
        }
        let loSum = 0, loInf = 0, hiSum = 0, hiInf = 0;
        for (let i = 0; i < cells.length; i++) {
          const c = cells[i]!;
          const a = signs[i]! > 0 ? lo[c]! : -hi[c]!;
          const b = signs[i]! > 0 ? hi[c]! : -lo[c]!;
          if (a === -INF) loInf++;
          else loSum += a;
          if (b === INF) hiInf++;
          else hiSum += b;
        }
        for (let i = 0; i < cells.length; i++) {
          const c = cells[i]!;
          if (this.#hidden[c] === 0) continue;
          const s = signs[i]!;
          const a = s > 0 ? lo[c]! : -hi[c]!;
          const b = s > 0 ? hi[c]! : -lo[c]!;
          const othersLo = loInf - (a === -INF ? 1 : 0) > 0 ? -INF : loSum - (a === -INF ? 0 : a);
          const othersHi = hiInf - (b === INF ? 1 : 0) > 0 ? INF : hiSum - (b === INF ? 0 : b);
          // s·x ∈ [−othersHi, −othersLo] (eq) or s·x ≥ −othersHi (ge).
          const sxLo = -othersHi;
          const sxHi = kind === 'eq' ? -othersLo : INF;
          const newLo = s > 0 ? sxLo : -sxHi;
          const newHi = s > 0 ? sxHi : -sxLo;
          let changed = false;
          if (newLo > lo[c]!) {
            lo[c] = newLo;
            changed = true;
          }
          if (newHi < hi[c]!) {
            hi[c] = newHi;
            changed = true;
          }
          if (changed) {
            for (const other of this.#relationsOf[c]!) {
              if (other !== r && !nextQueued.has(other)) {
                nextQueued.add(other);
                next.push(other);
              }
            }
          }
        }
      }
      queue = next;
      queued = nextQueued;
    }
    void queued;
  }

  /** `caps`: a hidden part is at most the total's upper bound; a hidden total at least every part's lower bound. */
  #propagateCaps(cells: number[], r: number, next: number[], nextQueued: Set<number>): void {
    const lo = this.#lo;
    const hi = this.#hi;
    const total = cells[0]!;
    const changed: number[] = [];
    let maxLo = 0;
    for (let i = 1; i < cells.length; i++) {
      const c = cells[i]!;
      maxLo = Math.max(maxLo, lo[c]!);
      if (this.#hidden[c] !== 0 && hi[total]! < hi[c]!) {
        hi[c] = hi[total]!;
        changed.push(c);
      }
    }
    if (this.#hidden[total] !== 0 && maxLo > lo[total]!) {
      lo[total] = maxLo;
      changed.push(total);
    }
    for (const c of changed) {
      for (const other of this.#relationsOf[c]!) {
        if (other !== r && !nextQueued.has(other)) {
          nextQueued.add(other);
          next.push(other);
        }
      }
    }
  }

  /**
   * True when a reader cannot narrow the primary cell `id` below what `"<5"` says — a cell hidden by an outside
   * rule: to less than a range of 4 values — or, failing that (`strict` false), at least cannot pin it.
   */
  #protected(id: number, strict: boolean): boolean {
    const lo = this.#lo[id]!;
    const hi = this.#hi[id]!;
    if (!strict) return hi > lo;
    return this.#hidden[id] === 1 ? lo <= 1 && hi >= SUPPRESSION_THRESHOLD - 1 : hi - lo >= SUPPRESSION_THRESHOLD - 2;
  }

  /**
   * The published cell that best protects `id`, or -1: from a relation of `id` itself if it has one; otherwise
   * from a relation of a hidden cell that pins it (breadth first: a hidden total that its published parts pin
   * needs one of those parts hidden too).
   */
  #complementFor(id: number): number {
    let level = [id];
    const seen = new Set(level);
    for (let depth = 0; depth < 4 && level.length > 0; depth++) {
      let best = -1;
      let bestScore = INF;
      const next: number[] = [];
      for (const from of level) {
        for (const r of this.#relationsOf[from]!) {
          const { cells, signs, kind } = this.#relations[r]!;
          for (const c of cells) {
            if (this.#hidden[c] !== 0 && !seen.has(c)) {
              seen.add(c);
              next.push(c);
            }
          }
          // Hiding another cell of `caps` loosens no bound of this one.
          if (kind === 'caps') continue;
          const mine = signs[cells.indexOf(from)]!;
          for (let i = 0; i < cells.length; i++) {
            const c = cells[i]!;
            if (c === from || this.#hidden[c] !== 0) continue;
            // In `Σ ≥ total` only a part (sign +) can absorb: hiding the total does not loosen a part's lower bound.
            if (kind === 'ge' && signs[i]! < 0 && mine > 0) continue;
            const v = this.#values[c]!;
            // ≥ 8 (smallest first) absorbs any 1–4; then 5–7 (largest first); then zeros.
            const score = v >= 8 ? v : v >= SUPPRESSION_THRESHOLD ? 1e9 - v : 2e9;
            if (score < bestScore) {
              bestScore = score;
              best = c;
            }
          }
        }
      }
      if (best !== -1) return best;
      level = next;
    }
    return -1;
  }

  /** Hides complements until every primary cell is protected (or nothing is left to hide). */
  solve(): void {
    const stuck = new Set<number>();
    for (let round = 0; round < 1000; round++) {
      this.#propagate();
      let added = 0;
      for (let id = 0; id < this.#values.length; id++) {
        if ((this.#hidden[id] !== 1 && this.#hidden[id] !== 3) || this.#values[id] === 0 || stuck.has(id)) continue;
        if (this.#protected(id, true)) continue;
        const c = this.#complementFor(id);
        if (c === -1) {
          stuck.add(id);
          continue;
        }
        this.#complement(c);
        added++;
      }
      if (added === 0) break;
    }
    // A cell that could not be fully protected must at least not be pinned: failing that, every cell of its
    // relations is hidden (each marker stays true).
    for (let round = 0; round < 100 && stuck.size > 0; round++) {
      this.#propagate();
      let widened = false;
      for (const id of stuck) {
        if (this.#protected(id, false)) continue;
        for (const r of this.#relationsOf[id]!) {
          for (const c of this.#relations[r]!.cells) {
            if (this.#hidden[c] === 0) {
              this.#complement(c);
              widened = true;
            }
          }
        }
      }
      if (!widened) break;
    }
    // A complement the relations pin anyway protects nothing: show it (the reader knew it already, so nothing
    // anyone can work out changes).
    this.#propagate();
    for (let id = 0; id < this.#values.length; id++) {
      if (this.#hidden[id] === 2 && this.#lo[id] === this.#hi[id]) this.#hidden[id] = 0;
    }
    this.#audit();
  }

  /**
   * Checks every primary cell against a reader who combines all relations (an integer program), for tables of
   * up to {@link EXACT_AUDIT_MAX_HIDDEN} hidden cells, and hides one more complement per pinned cell until none is
   * pinned (or nothing is left to hide).
   */
  #audit(): void {
    for (let round = 0; round < 50; round++) {
      const hidden = this.#hidden.flatMap((h, id) => (h !== 0 ? [id] : []));
      if (hidden.length === 0 || hidden.length > EXACT_AUDIT_MAX_HIDDEN) return;
      let added = 0;
      for (const id of hidden) {
        if ((this.#hidden[id] !== 1 && this.#hidden[id] !== 3) || this.#values[id] === 0) continue;
        const [lo, hi] = this.#exactBounds(id);
        if (hi > lo) continue;
        this.#propagate();
        const c = this.#complementFor(id);
        if (c === -1) continue;
        this.#complement(c);
        added++;
        // The bounds of the others change with this complement: read them again.
        break;
      }
      if (added === 0) return;
    }
  }

  /**
   * The integer program of a reader who knows every published cell and relation: one variable per hidden cell
   * (published cells are constants), the range its marker states, and every relation that holds a hidden cell.
   */
  #readerModel(): { constraints: Map<string, Constraint>; variables: Map<string, Map<string, number>> } {
    const constraints = new Map<string, Constraint>();
    const variables = new Map<string, Map<string, number>>();
    const term = (key: string, c: number, k: number) => {
      let m = variables.get(`c${c}`);
      if (!m) variables.set(`c${c}`, (m = new Map()));
      m.set(key, (m.get(key) ?? 0) + k);
    };
    /** `Σ k·x` over the given cells: the hidden ones become terms, the published ones a constant moved to the bound. */
    const linear = (key: string, terms: [number, number][], bound: (constant: number) => Constraint) => {
      let constant = 0;
      let any = false;
      for (const [c, k] of terms) {
        if (this.#hidden[c] === 0) constant += k * this.#values[c]!;
        else {
          term(key, c, k);
          any = true;
        }
      }
      if (any) constraints.set(key, bound(constant));
    };
    this.#relations.forEach(({ cells, signs, kind }, r) => {
      if (kind === 'caps') {
        for (let i = 1; i < cells.length; i++) linear(`r${r}:${i}`, [[cells[0]!, 1], [cells[i]!, -1]], (k) => ({ min: -k }));
        return;
      }
      linear(`r${r}`, cells.map((c, i): [number, number] => [c, signs[i]!]), (k) => (kind === 'eq' ? { equal: -k } : { min: -k }));
    });
    for (let c = 0; c < this.#values.length; c++) {
      if (this.#hidden[c] === 0) continue;
      const [lo, hi] = this.#domain(c);
      constraints.set(`d${c}`, { min: lo, max: hi === INF ? BIG : hi });
      term(`d${c}`, c, 1);
    }
    return { constraints, variables };
  }

  /** The least and greatest count of `id` a reader can derive from every published cell and relation together. */
  #exactBounds(id: number): [number, number] {
    const { constraints, variables } = this.#readerModel();
    variables.get(`c${id}`)!.set('objective', 1);
    const lo = solveIp({ direction: 'minimize', objective: 'objective', constraints, variables, integers: true });
    const hi = solveIp({ direction: 'maximize', objective: 'objective', constraints, variables, integers: true });
    // A table whose published cells are its true counts always has a solution; anything else reads as unpinned.
    if (lo.status !== 'optimal' || hi.status !== 'optimal') return [0, SUPPRESSION_THRESHOLD - 1];
    return [Math.round(lo.result), Math.round(hi.result)];
  }
}

/** A share `part / whole` of two published counts (3 decimals), or null when either is hidden or `whole` is 0. */
export function publishedRate(part: PublicCount, whole: PublicCount): number | null {
  if (typeof part !== 'number' || typeof whole !== 'number' || whole === 0) return null;
  return Math.round((part / whole) * 1000) / 1000;
}

/**
 * Orders rows by what is published only: counts (highest first), then `"≥5"`,
 * then `"<5"`, ties by key — never by a hidden count.
 */
export function byPublished<T>(key: (row: T) => string, count: (row: T) => PublicCount): (a: T, b: T) => number {
  const rank = (c: PublicCount): number => (typeof c === 'number' ? -c : c === WITHHELD ? 1 : c === CONCEALED ? 2 : 3);
  return (a, b) => {
    const d = rank(count(a)) - rank(count(b));
    if (d !== 0) return d;
    const ka = key(a);
    const kb = key(b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  };
}
