/**
 * `advanceCase` against raw `xstate.transition()` on the same machine and the
 * same events: a whole case of the `srps-standar` template (start, then every
 * event of a realistic walk, forms and roles included). Target: ≤ 1.5×.
 */
import { readFileSync } from 'node:fs';
import { initialTransition, transition, type AnyMachineSnapshot } from 'xstate';
import {
  advanceCase,
  availableEvents,
  compilePathway,
  lintPathway,
  parsePathway,
  startCase,
  ROLES,
  type Actor,
  type CaseEvent,
  type CaseSnapshot,
  type CaseStep,
  type CompiledPathway,
  type Effect,
  type StartCaseInput,
} from '../packages/engine/src/index.ts';
import { formData } from '../packages/engine/src/test-fixtures.ts';
import { compare, figure, time, type BenchEntry } from './lib.ts';

const NOW = new Date('2026-01-05T08:00:00Z');
const INPUT: StartCaseInput = { riskFactors: ['economic', 'motivation'], consent: { referral: true } };

interface Move {
  event: CaseEvent;
  actor?: Actor;
  /** `casework` for the kepsek's approval of a step that needs it. */
  source?: 'casework';
}

const optionsOf = (m: Move) => (m.actor ? { now: NOW, actor: m.actor, ...(m.source ? { source: m.source } : {}) } : { now: NOW });

function load(): CompiledPathway {
  const url = new URL('../workflows/srps-standar.json', import.meta.url);
  const fallback = new URL('../packages/engine/src/fixtures/pathway-example.json', import.meta.url);
  let text: string;
  try {
    text = readFileSync(url, 'utf8');
  } catch {
    text = readFileSync(fallback, 'utf8');
  }
  const parsed = parsePathway(text);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
  return compilePathway(parsed.value);
}

/** A deterministic walk through the pathway: users' events with valid forms, timers when nobody can act. */
function walk(p: CompiledPathway, maxMoves = 40): Move[] {
  const moves: Move[] = [];
  const started = startCase(p, INPUT, { now: NOW });
  let snapshot = started.snapshot;
  const timers = new Map<string, Extract<Effect, { type: 'timer.schedule' }>>();
  const track = (effects: Effect[]) => {
    for (const e of effects) {
      if (e.type === 'timer.schedule') timers.set(e.timerId, e);
      if (e.type === 'timer.cancel') timers.delete(e.timerId);
    }
  };
  track(started.effects);
  for (let i = 0; i < maxMoves && snapshot.status === 'active'; i++) {
    const tries: Move[] = [];
    for (const role of ROLES) {
      for (const e of availableEvents(p, snapshot, { role })) {
        const form = p.steps.get(e.stateId)?.form ?? [];
        tries.push({ event: { type: e.type, data: formData([form], i * 13 + tries.length) }, actor: { id: 'bench', role } });
      }
    }
    // Rotate so the walk does not always take the first button.
    const ordered = [...tries.slice(i % Math.max(tries.length, 1)), ...tries.slice(0, i % Math.max(tries.length, 1))];
    for (const t of timers.values()) ordered.push({ event: { type: t.event } });
    const last = i === maxMoves - 1;
    // Keep the case open until the last move, so the walk is long enough to measure.
    let chosen: { move: Move; step: CaseStep } | undefined;
    let closing: { move: Move; step: CaseStep } | undefined;
    for (const move of ordered) {
      let r = advanceCase(p, snapshot, move.event, optionsOf(move));
      if (!r.ok && r.error.code === 'approval_required') {
        // The kepsek approves the step first: that approval is an event of the walk too.
        const approval: Move = { event: { type: 'approval.decided', data: { stateId: r.error.steps[0]!, decision: 'approved' } }, actor: { id: 'bench-kepsek', role: 'kepsek' }, source: 'casework' };
        r = advanceCase(p, snapshot, approval.event, optionsOf(approval));
        if (r.ok) {
          chosen = { move: approval, step: r.value };
          break;
        }
      }
      if (!r.ok) continue;
      if (r.value.status === 'done' && !last) {
        closing ??= { move, step: r.value };
        continue;
      }
      chosen = { move, step: r.value };
      break;
    }
    chosen ??= closing;
    if (!chosen) break;
    snapshot = chosen.step.snapshot;
    track(chosen.step.effects);
    moves.push(chosen.move);
  }
  return moves;
}

function xsEvent(m: Move): Record<string, unknown> {
  return { type: m.event.type, ...(m.event.data ? { data: m.event.data } : {}), ...(m.actor ? { actor: m.actor } : {}) };
}

export default async function engineBench(): Promise<BenchEntry[]> {
  const p = compilePathway(load().doc);
  const moves = walk(p);
  if (moves.length < 5) throw new Error(`the walk is too short to measure (${moves.length} events)`);
  const events = moves.map(xsEvent);

  const engineCase = (): unknown => {
    let snapshot: CaseSnapshot = startCase(p, INPUT, { now: NOW }).snapshot;
    for (const m of moves) {
      const r = advanceCase(p, snapshot, m.event, optionsOf(m));
      if (!r.ok) throw new Error(`engine refused ${m.event.type}: ${r.error.code}`);
      snapshot = r.value.snapshot;
    }
    return snapshot;
  };
  const rawCase = (): unknown => {
    let [snapshot] = initialTransition(p.machine, INPUT) as [AnyMachineSnapshot, unknown];
    for (const e of events) [snapshot] = transition(p.machine, snapshot, e as never) as [AnyMachineSnapshot, unknown];
    return snapshot;
  };
  // As the API runs it: the snapshot comes back from the database as JSON before every event.
  const engineStored = (): unknown => {
    let stored = JSON.stringify(startCase(p, INPUT, { now: NOW }).snapshot);
    for (const m of moves) {
      const r = advanceCase(p, JSON.parse(stored) as CaseSnapshot, m.event, optionsOf(m));
      if (!r.ok) throw new Error(`engine refused ${m.event.type}: ${r.error.code}`);
      stored = JSON.stringify(r.value.snapshot);
    }
    return stored;
  };
  const rawStored = (): unknown => {
    let [first] = initialTransition(p.machine, INPUT) as [AnyMachineSnapshot, unknown];
    let stored = JSON.stringify(p.machine.getPersistedSnapshot(first));
    for (const e of events) {
      const restored = p.machine.resolveState(JSON.parse(stored) as never) as AnyMachineSnapshot;
      const [next] = transition(p.machine, restored, e as never) as [AnyMachineSnapshot, unknown];
      stored = JSON.stringify(p.machine.getPersistedSnapshot(next));
    }
    return stored;
  };
  engineCase();
  rawCase();
  const per = { warmup: 30, rounds: 9, iterations: 40, unit: 'ms' as const };
  const chained = compare(`engine: advanceCase vs xstate.transition (srps case, ${moves.length} events)`, engineCase, rawCase, { ...per, target: 1.5 });
  const stored = compare(`engine: advanceCase vs xstate.transition from stored JSON (${moves.length} events)`, engineStored, rawStored, { ...per, target: 1.5 });
  const perEvent = figure('engine: advanceCase per event (chained)', (chained.value * 1000) / (moves.length + 1), 'µs/event');
  // What the editor pays on every keystroke of its live validation panel.
  const text = JSON.stringify(p.doc);
  const check = time(() => {
    const parsed = parsePathway(text);
    if (parsed.ok) lintPathway(parsed.value);
  }, { warmup: 20, rounds: 9, iterations: 20 });
  const checkEntry = figure(`engine: parsePathway + lintPathway (${p.doc.key}, ${(text.length / 1024).toFixed(0)} KiB)`, check.msPerCall, 'ms/doc');
  return [chained, stored, perEvent, checkEntry];
}
