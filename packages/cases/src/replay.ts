/**
 * Replays a stored case through the engine alone (`replayEvents`): the
 * snapshot its events produce, which must equal the stored one — the crash,
 * concurrency, erasure and seed tests check exactly that.
 */
import type { CaseRow, JalurDb } from '@jalur/db';
import { replayEvents, type Actor, type CaseSnapshot, type RecordedCaseEvent } from '@jalur/engine';
import { CompiledPathways } from './compiled.ts';

/** The snapshot the case's events produce; throws naming the event that would not replay. */
export async function replayCase(db: JalurDb, row: CaseRow, cache: CompiledPathways = new CompiledPathways(db)): Promise<CaseSnapshot> {
  const version = await cache.byId(row.pathwayVersionId);
  if (!version) throw new Error(`case ${row.id} pins a missing pathway version ${row.pathwayVersionId}`);
  const stored = await db.cases.events(row.schoolId, row.id);
  const actors = new Map<string, Actor>();
  const events: RecordedCaseEvent[] = [];
  for (const e of stored) {
    if (e.actorId && !actors.has(e.actorId)) actors.set(e.actorId, { id: e.actorId, role: (await db.users.get(e.actorId))!.role });
    events.push({ seq: e.seq, type: e.type, data: e.data as Record<string, unknown> | null, at: e.at, actor: e.actorId ? actors.get(e.actorId) : undefined });
  }
  const replayed = replayEvents(version.compiled, row.id, events);
  if (!replayed.ok) throw new Error(`case ${row.id} seq ${replayed.error.seq} ${replayed.error.type}: ${replayed.error.error.code}`);
  return JSON.parse(JSON.stringify(replayed.value)) as CaseSnapshot;
}
