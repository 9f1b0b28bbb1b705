/**
 * Replaying a case: its recorded events sent again through `startCase` and
 * `advanceCase` alone, each from the source its type says (timers from the
 * scheduler, consent and approval as case-work, the rest from users). The
 * result must equal the stored snapshot — the crash, concurrency, erasure
 * and seed tests check exactly that.
 */
import type { Actor, AdvanceError, Result, StartCaseInput } from './contract.ts';
import type { CompiledPathway } from './compile.ts';
import { advanceCase, startCase, type CaseSnapshot } from './case.ts';
import { sourceOf } from './casework-events.ts';

/** One recorded event: `case.opened` first (its `data.input` is the start input), then every change. */
export interface RecordedCaseEvent {
  seq: number;
  type: string;
  data: Record<string, unknown> | null;
  at: Date;
  /** Who sent it (none for timers and the system). */
  actor?: Actor | undefined;
}

export interface ReplayError {
  seq: number;
  type: string;
  error: AdvanceError | { code: 'not_opened'; message: { id: string; en: string } };
}

/** The snapshot a case's events produce, or the first event that would not replay. */
export function replayEvents(p: CompiledPathway, caseId: string, events: readonly RecordedCaseEvent[]): Result<CaseSnapshot, ReplayError> {
  const [first, ...rest] = events;
  if (!first || first.type !== 'case.opened')
    return { ok: false, error: { seq: first?.seq ?? 0, type: first?.type ?? '', error: { code: 'not_opened', message: { id: 'Peristiwa pertama bukan pembukaan kasus.', en: 'The first event does not open the case.' } } } };
  const input = ((first.data as { input?: StartCaseInput } | null)?.input ?? {}) as StartCaseInput;
  let snapshot = startCase(p, { ...input, caseId }, { now: first.at }).snapshot;
  for (const e of rest) {
    const source = sourceOf(e.type);
    // A fired timer's row notes which timer it was; the engine received the bare event.
    const event = e.data && source !== 'scheduler' ? { type: e.type, data: e.data } : { type: e.type };
    const r = advanceCase(p, snapshot, event, { now: e.at, source, ...(e.actor && source !== 'scheduler' ? { actor: e.actor } : {}) });
    if (!r.ok) return { ok: false, error: { seq: e.seq, type: e.type, error: r.error } };
    snapshot = r.value.snapshot;
  }
  return { ok: true, value: snapshot };
}
