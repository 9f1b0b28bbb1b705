/**
 * A reader who tries to recover hidden cells (tests only, not exported): every
 * published number of one or more answers, the range each marker states
 * (`"<5"` → 0–4, `"≥5"` → 5 or more, `"x"` → any count) and every relation known to hold between
 * cells go into an integer program (yalps); `bounds(cell)` is the least and
 * greatest count the cell can have given all of it. A hidden cell is derived
 * when both are equal.
 */
import { solve, type Constraint, type Model } from 'yalps';

type Published = number | '<5' | '≥5' | 'x';

/** Larger than any count in a test. */
const BIG = 100_000;

export class Reader {
  readonly #published = new Map<string, Published>();
  readonly #constraints: { coeffs: Map<string, number>; c: Constraint }[] = [];

  /** Records what an answer shows for a cell; the same cell must show the same in every answer. */
  publish(name: string, value: Published): void {
    const before = this.#published.get(name);
    if (before !== undefined && before !== value) throw new Error(`${name} is shown as ${String(before)} in one answer and ${String(value)} in another`);
    this.#published.set(name, value);
  }

  shown(name: string): Published | undefined {
    return this.#published.get(name);
  }

  cells(): string[] {
    return [...this.#published.keys()];
  }

  /** `Σ coeff·cell` within `[min, max]`. */
  relation(terms: [string, number][], c: Constraint): void {
    const coeffs = new Map<string, number>();
    for (const [name, k] of terms) coeffs.set(name, (coeffs.get(name) ?? 0) + k);
    this.#constraints.push({ coeffs, c });
  }

  /** `total = Σ parts`. */
  equal(total: string, parts: string[]): void {
    this.relation([[total, -1], ...parts.map((p): [string, number] => [p, 1])], { equal: 0 });
  }

  /** `a ≤ b`. */
  atMost(a: string, b: string): void {
    this.relation([[b, 1], [a, -1]], { min: 0 });
  }

  #model(objective: string, direction: 'minimize' | 'maximize'): Model {
    const constraints = new Map<string, Constraint>();
    const variables = new Map<string, Map<string, number>>();
    const coef = (v: string) => {
      let m = variables.get(v);
      if (!m) variables.set(v, (m = new Map()));
      return m;
    };
    this.#constraints.forEach(({ coeffs, c }, i) => {
      constraints.set(`r${i}`, c);
      for (const [v, k] of coeffs) coef(v).set(`r${i}`, k);
    });
    for (const [v, shown] of this.#published) {
      const c: Constraint = typeof shown === 'number' ? { equal: shown } : shown === '<5' ? { max: 4 } : shown === 'x' ? { min: 0, max: BIG } : { min: 5, max: BIG };
      constraints.set(`d:${v}`, c);
      coef(v).set(`d:${v}`, 1);
    }
    coef(objective).set('objective', 1);
    return { direction, objective: 'objective', constraints, variables, integers: true };
  }

  /** The least and greatest count `cell` can have, given everything published and every relation. */
  bounds(cell: string): [number, number] {
    const lo = solve(this.#model(cell, 'minimize'));
    const hi = solve(this.#model(cell, 'maximize'));
    if (lo.status !== 'optimal' || hi.status !== 'optimal') throw new Error(`reader found no solution for ${cell}: ${lo.status}/${hi.status}`);
    return [Math.round(lo.result), Math.round(hi.result)];
  }
}
