/**
 * Replays a case from its events through the engine: the snapshot its
 * history produces, which must equal the stored one (crash, concurrency,
 * erasure and seed tests check exactly that). The first event
 * (`case.opened`) carries the start input; the case-work routes' system
 * events (consent, approval) write the case context directly.
 */
import { advanceCase, startCase, type CaseSnapshot, type Role, type StartCaseInput } from '@jalur/engine';
import { CompiledPathwayCache } from './engine-bridge.ts';
import type { JalurDb } from './repository.ts';
import type { CaseRow } from './rows.ts';

/** The snapshot the case's events produce, or an error naming the event that would not replay. */
export async function replayCase(db: JalurDb, row: CaseRow, cache = new CompiledPathwayCache()): Promise<CaseSnapshot> {
  const version = await db.pathways.getVersionById(row.pathwayVersionId);
  if (!version) throw new Error(`case ${row.id} pins a missing pathway version ${row.pathwayVersionId}`);
  const compiled = cache.get(version);
  const events = await db.cases.events(row.schoolId, row.id);
  const first = events[0];
  if (!first || first.type !== 'case.opened') throw new Error(`case ${row.id}: first event is ${first?.type}`);
  const input = ((first.data as { input?: StartCaseInput } | null)?.input ?? {}) as StartCaseInput;
  let snapshot = startCase(compiled, { ...input, caseId: row.id }, { now: first.at }).snapshot;
  const roles = new Map<string, Role>();
  for (const e of events.slice(1)) {
    let actor: { id: string; role: Role } | undefined;
    if (e.actorId) {
      if (!roles.has(e.actorId)) roles.set(e.actorId, (await db.users.get(e.actorId))!.role);
      actor = { id: e.actorId, role: roles.get(e.actorId)! };
    }
    if (e.type === 'consent.recorded' || e.type === 'approval.decided' || e.type === 'approval.requested') {
      const d = (e.data ?? {}) as { purpose?: string; granted?: boolean; stateId?: string; decision?: string };
      const context = { ...snapshot.context } as Record<string, unknown>;
      if (e.type === 'consent.recorded') context.consent = { ...((context.consent as object | undefined) ?? {}), [d.purpose!]: d.granted === true };
      else context.approvals = { ...((context.approvals as object | undefined) ?? {}), [d.stateId!]: e.type === 'approval.requested' ? 'pending' : d.decision };
      snapshot = { ...snapshot, context: context as CaseSnapshot['context'] };
      continue;
    }
    // A fired timer's row notes which timer it was; the engine received the bare event.
    const event = e.data && !e.type.startsWith('xstate.after.') ? { type: e.type, data: e.data } : { type: e.type };
    const r = advanceCase(compiled, snapshot, event, actor ? { now: e.at, actor } : { now: e.at });
    if (!r.ok) throw new Error(`case ${row.id} seq ${e.seq} ${e.type}: ${r.error.code}`);
    snapshot = r.value.snapshot;
  }
  return JSON.parse(JSON.stringify(snapshot)) as CaseSnapshot;
}
