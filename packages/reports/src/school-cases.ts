/**
 * A school's dashboard counts kept current case by case (issue 17: first load
 * after a case change < 5 ms). The counts of open cases per state and per
 * factor, cases opened and closed per month and closed cases per outcome are
 * kept with the row each case was counted from; after a change only the
 * cases whose events were appended since (the stay log's batch names them)
 * are read again, their old row taken out of the counts and the new one put
 * in. Same definitions as the grouped SQL of the drivers (`openByState`,
 * `openByFactor`, `casesPerMonth`, `outcomes`), which stay for the district
 * scope and as the reference the tests compare with.
 */
import { monthIndexOf } from './district-rollup.ts';
import type { FactorCount, MonthCount, OutcomeCount, SchoolCaseRow, StateCount } from './queries.ts';

const add = <K>(m: Map<K, number>, k: K, n: number) => {
  const v = (m.get(k) ?? 0) + n;
  if (v === 0) m.delete(k);
  else m.set(k, v);
};

/** `YYYY-MM` of a month index. */
const monthText = (i: number): string => `${String(Math.floor(i / 12)).padStart(4, '0')}-${String((i % 12) + 1).padStart(2, '0')}`;

export class SchoolCaseCounts {
  readonly #cases = new Map<string, SchoolCaseRow>();
  readonly #byState = new Map<string, number>();
  readonly #byFactor = new Map<string, number>();
  readonly #opened = new Map<number, number>();
  readonly #closed = new Map<number, number>();
  readonly #outcomes = new Map<string | null, number>();

  constructor(readonly offsetMinutes: number) {}

  /** Counts rows of cases (new ones, or the current row of cases already counted). */
  apply(rows: readonly SchoolCaseRow[]): void {
    for (const row of rows) {
      const old = this.#cases.get(row[0]);
      if (old) this.#count(old, -1);
      this.#count(row, 1);
      this.#cases.set(row[0], row);
    }
  }

  #count([, status, stateValue, outcome, openedAt, closedAt, factors]: SchoolCaseRow, k: number): void {
    add(this.#opened, monthIndexOf(openedAt, this.offsetMinutes), k);
    if (status === 'active') {
      add(this.#byState, stateValue, k);
      if (factors) for (const f of factors.split(',')) add(this.#byFactor, f, k);
    } else if (status === 'closed') {
      add(this.#outcomes, outcome, k);
      if (closedAt !== null) add(this.#closed, monthIndexOf(closedAt, this.offsetMinutes), k);
    }
  }

  /** The counts in the shape of the grouped queries (one school). */
  figures(schoolId: string): { byState: StateCount[]; byFactor: FactorCount[]; months: MonthCount[]; outcomes: OutcomeCount[] } {
    const months = [...new Set([...this.#opened.keys(), ...this.#closed.keys()])].sort((a, b) => a - b);
    return {
      byState: [...this.#byState].map(([stateValue, count]) => ({ schoolId, stateValue, count })),
      byFactor: [...this.#byFactor].map(([factor, count]) => ({ schoolId, factor, count })),
      months: months.map((m) => ({ schoolId, month: monthText(m), opened: this.#opened.get(m) ?? 0, closed: this.#closed.get(m) ?? 0 })),
      outcomes: [...this.#outcomes].map(([outcome, count]) => ({ schoolId, outcome, count })),
    };
  }
}
