/**
 * What-if before publishing (issue 16): the school's real cases of a pathway
 * replayed, event by event, through a draft — where each would be now, and
 * which would get stuck on an event the draft no longer accepts (with the
 * engine's reason). Nothing is written.
 */
import type { CaseEventRow, CaseRow, JalurDb } from '@jalur/db';
import { replayEvents, stateValueOf, type Actor, type CompiledPathway, type RecordedCaseEvent, type Role } from '@jalur/engine';

/**
 * Why a case gets stuck: the engine's refusal code (`event_not_accepted`,
 * `guard_failed`, `role_not_allowed`, `form_invalid`, …), its sentence in
 * Bahasa Indonesia and English, and the draft steps the case is in when the
 * event arrives (empty when the draft cannot even open it).
 */
export interface WhatIfStuck {
  seq: number;
  event: string;
  code: string;
  reason: { id: string; en: string };
  steps: string[];
  at: string;
}

export type WhatIfCase =
  | { caseId: string; studentId: string; now: string[]; wouldBe: string[]; status: 'active' | 'done' }
  | { caseId: string; studentId: string; now: string[]; stuck: WhatIfStuck };

export interface WhatIf {
  cases: WhatIfCase[];
  /** How many would be stuck / would close / would move elsewhere. */
  stuck: number;
  moved: number;
  unchanged: number;
}

/** Replays each case's events (recorded under the published versions) through the draft. */
export function whatIf(draft: CompiledPathway, cases: readonly { row: CaseRow; events: readonly CaseEventRow[] }[], roles: ReadonlyMap<string, Role>): WhatIf {
  const out: WhatIfCase[] = [];
  let stuck = 0;
  let moved = 0;
  let unchanged = 0;
  for (const { row, events } of cases) {
    const now = row.stateValue === '' ? [] : row.stateValue.split(',');
    const recorded: RecordedCaseEvent[] = events
      .filter((e) => e.type !== 'case.migrated')
      .map((e) => ({
        seq: e.seq, type: e.type, data: e.data as Record<string, unknown> | null, at: e.at,
        actor: e.actorId && roles.has(e.actorId) ? ({ id: e.actorId, role: roles.get(e.actorId)! } satisfies Actor) : undefined,
      }));
    const replayed = replayEvents(draft, row.id, recorded);
    if (!replayed.ok) {
      stuck++;
      const error = replayed.error.error;
      const failed = replayed.error.seq;
      const at = events.find((e) => e.seq === failed)?.at ?? row.openedAt;
      // Where the draft has the case when the refused event comes: the events before it, replayed.
      const before = recorded.filter((e) => e.seq < failed);
      const upTo = before.length > 0 ? replayEvents(draft, row.id, before) : null;
      const steps = upTo?.ok ? stateValueOf(draft, upTo.value).sort() : [];
      out.push({
        caseId: row.id, studentId: row.studentId, now,
        stuck: { seq: failed, event: replayed.error.type, code: error.code, reason: { id: error.message.id, en: error.message.en ?? error.message.id }, steps, at: at.toISOString() },
      });
      continue;
    }
    const wouldBe = stateValueOf(draft, replayed.value).sort();
    if (wouldBe.join(',') === [...now].sort().join(',')) unchanged++;
    else moved++;
    out.push({ caseId: row.id, studentId: row.studentId, now, wouldBe, status: replayed.value.status === 'done' ? 'done' : 'active' });
  }
  return { cases: out, stuck, moved, unchanged };
}

/** The roles of the people who sent a school's case events (replays send each event as its sender's role). */
export async function senderRoles(db: JalurDb, cases: readonly { events: readonly CaseEventRow[] }[]): Promise<Map<string, Role>> {
  const roles = new Map<string, Role>();
  for (const id of new Set(cases.flatMap((c) => c.events.map((e) => e.actorId)).filter((a): a is string => a !== null))) {
    const user = await db.users.get(id);
    if (user) roles.set(id, user.role);
  }
  return roles;
}
