/**
 * The process view (issue 16): how a pathway really runs, drawn from the
 * case events themselves — how many cases entered each step and took each
 * transition, the median and 90th-percentile stay per step, and where cases
 * wait now and for how long. Pure over the event rows; `loadProcessView`
 * reads them through the repository (either dialect).
 */
import type { ProcessView, StepFlow, TransitionFlow } from '@jalur/casework';
import type { CaseEventRow, CaseRow, JalurDb, StudentRow } from '@jalur/db';

export type { ProcessView, StepFlow, TransitionFlow };

export interface ProcessFilter {
  /** Only events at or after / before these instants (entries, transitions and finished stays). */
  from?: Date;
  to?: Date;
  /** Students of this class. */
  className?: string;
  riskFactor?: string;
  /** Cases pinned to this pathway version id. */
  pathwayVersionId?: string;
}

const leaves = (value: string | null): string[] => (value ? value.split(',').filter((s) => s !== '') : []);

/** The q-quantile of sorted values, nearest-rank (q = 0.5 → the median's lower middle for even counts is averaged). */
function quantile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  if (q === 0.5) {
    const mid = sorted.length >> 1;
    return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  }
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

/** The process view of some cases and their events (each case's events in seq order). */
export function processView(cases: readonly { row: CaseRow; events: readonly CaseEventRow[] }[], now: Date, filter: ProcessFilter = {}): ProcessView {
  const inPeriod = (at: Date) => (!filter.from || at >= filter.from) && (!filter.to || at < filter.to);
  const entered = new Map<string, number>();
  const stays = new Map<string, number[]>();
  const waiting = new Map<string, number[]>();
  const transitions = new Map<string, TransitionFlow>();
  const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  for (const { row, events } of cases) {
    const since = new Map<string, number>();
    for (const e of events) {
      const before = new Set(leaves(e.stateBefore));
      const after = leaves(e.stateAfter);
      const left = [...before].filter((l) => !after.includes(l));
      const arrived = after.filter((l) => !before.has(l));
      const at = e.at.getTime();
      for (const l of left) {
        const start = since.get(l);
        since.delete(l);
        if (start !== undefined && inPeriod(e.at)) stays.set(l, [...(stays.get(l) ?? []), at - start]);
      }
      for (const a of arrived) {
        since.set(a, at);
        if (inPeriod(e.at)) bump(entered, a);
      }
      if (inPeriod(e.at)) {
        // One transition per step entered, from the step(s) left by the same event (several when parallel branches join).
        const from = [...left].sort().join(',');
        for (const to of arrived) {
          const key = `${from}\u0000${to}`;
          const t = transitions.get(key) ?? { from, to, count: 0 };
          t.count += 1;
          transitions.set(key, t);
        }
      }
    }
    if (row.status === 'active') for (const [leaf, start] of since) waiting.set(leaf, [...(waiting.get(leaf) ?? []), now.getTime() - start]);
  }
  const ids = new Set([...entered.keys(), ...stays.keys(), ...waiting.keys()]);
  const steps = [...ids].sort().map((stateId): StepFlow => {
    const s = [...(stays.get(stateId) ?? [])].sort((a, b) => a - b);
    const w = [...(waiting.get(stateId) ?? [])].sort((a, b) => a - b);
    return {
      stateId, entered: entered.get(stateId) ?? 0,
      stays: s.length, medianMs: quantile(s, 0.5), p90Ms: quantile(s, 0.9),
      waitingNow: w.length, waitingMedianMs: quantile(w, 0.5), waitingLongestMs: w.length > 0 ? w[w.length - 1]! : null,
    };
  });
  return { cases: cases.length, steps, transitions: [...transitions.values()].sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to)) };
}

const PAGE = 1000;

/** The cases of one pathway of a school that pass the filter, with their events (read through the repository). */
export async function loadPathwayCases(db: JalurDb, schoolId: string, pathwayId: string, filter: ProcessFilter = {}) {
  const rows: CaseRow[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await db.cases.list(schoolId, { pathwayId, limit: PAGE, offset, ...(filter.riskFactor ? { riskFactor: filter.riskFactor } : {}) });
    rows.push(...page);
    if (page.length < PAGE) break;
  }
  let chosen = rows.filter((r) => !filter.pathwayVersionId || r.pathwayVersionId === filter.pathwayVersionId);
  if (filter.className) {
    const students = new Map((await db.students.getMany(schoolId, [...new Set(chosen.map((r) => r.studentId))])).map((s: StudentRow) => [s.id, s]));
    chosen = chosen.filter((r) => students.get(r.studentId)?.className === filter.className);
  }
  const out: { row: CaseRow; events: CaseEventRow[] }[] = [];
  for (const row of chosen) out.push({ row, events: await db.cases.events(schoolId, row.id) });
  return out;
}

/** The process view of a pathway of a school. */
export async function loadProcessView(db: JalurDb, schoolId: string, pathwayId: string, now: Date, filter: ProcessFilter = {}): Promise<ProcessView> {
  return processView(await loadPathwayCases(db, schoolId, pathwayId, filter), now, filter);
}
