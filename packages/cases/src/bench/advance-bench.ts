/**
 * Figure 1 of `pnpm bench`: a durable advance through `@jalur/db` (load →
 * engine `advanceCase` → UPDATE with version check + event + effects, one
 * transaction) against a raw better-sqlite3 composite doing the least that
 * is still correct (load row → xstate `transition()` → UPDATE with version
 * check + INSERT event, prepared statements, one transaction), on the same
 * database file in the same run.
 */
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { createMachine, transition, type AnyMachineSnapshot } from 'xstate';
import { openDatabase, type JalurDb } from '@jalur/db';
import { CompiledPathwayCache } from '../compiled.ts';
import { advanceWith, startWith } from '../transition.ts';

/** Two steps that hand a case back and forth: every event is a real transition. */
export const BENCH_PATHWAY = {
  format: 'jalur.pathway/1',
  key: 'bench-pingpong',
  title: { id: 'Bench', en: 'Bench' },
  machine: {
    id: 'bench',
    initial: 'ping',
    context: { riskFactors: [], form: {}, forms: {}, consent: {}, student: {} },
    states: { ping: { on: { NEXT: 'pong' } }, pong: { on: { NEXT: 'ping' } } },
  },
  layout: {},
};

export interface AdvanceBenchResult {
  /** Advances per second through `@jalur/db`. */
  durablePerSec: number;
  /** Advances per second of the raw composite. */
  rawPerSec: number;
  /** durable / raw (target ≥ 0.8). */
  ratio: number;
  synchronous: 'FULL' | 'NORMAL';
  advances: number;
}

async function setup(db: JalurDb, cases: number) {
  const now = new Date();
  const district = await db.districts.create({ name: 'Bench', now });
  const school = await db.schools.create({ districtId: district.id, name: 'Bench', now });
  const student = await db.students.create(school.id, { nisn: 'bench', name: 'Bench', className: 'X' }, { now, actorId: null });
  if (!student.ok) throw new Error(student.error.message);
  const scope = { districtId: district.id, schoolId: school.id };
  const p = await db.pathways.create(scope, { key: BENCH_PATHWAY.key, title: 'Bench', draft: BENCH_PATHWAY, updatedBy: null, now });
  if (!p.ok) throw new Error(p.error.message);
  const v = await db.pathways.publish(scope, { id: p.value.id, publishedBy: null, now });
  if (!v.ok) throw new Error(v.error.message);
  const cache = new CompiledPathwayCache();
  const ids: string[] = [];
  for (let i = 0; i < cases; i++) {
    const c = await db.cases.create({ schoolId: school.id, studentId: student.value.id, pathwayVersionId: v.value.id, actorId: null, now, start: startWith(cache, {}, { now }) });
    if (!c.ok) throw new Error(c.error.message);
    ids.push(c.value.case.id);
  }
  return { schoolId: school.id, ids, cache };
}

/** Runs both loops `rounds` times interleaved (so disk and cache effects hit both alike) and reports the medians' ratio. */
export async function benchAdvance(options: { file: string; advances?: number; cases?: number; synchronous?: 'FULL' | 'NORMAL'; rounds?: number }): Promise<AdvanceBenchResult> {
  const advances = options.advances ?? 2000;
  const synchronous = options.synchronous ?? 'FULL';
  const rounds = options.rounds ?? 3;
  // One advance at a time on both sides: group commit has nothing to group here, so it is off.
  const db = await openDatabase({ url: `file:${options.file}`, synchronous, groupCommit: false });
  const { schoolId, ids, cache } = await setup(db, options.cases ?? 100);
  const versions = new Map<string, number>();
  for (const id of ids) versions.set(id, 1);

  // The raw composite, on its own connection to the same file.
  const raw = new Database(options.file);
  raw.pragma('journal_mode = WAL');
  raw.pragma(`synchronous = ${synchronous}`);
  raw.pragma('busy_timeout = 5000');
  const machine = createMachine(BENCH_PATHWAY.machine as never);
  const load = raw.prepare('SELECT snapshot, version, state_value AS stateValue FROM cases WHERE id = ? AND school_id = ?');
  const update = raw.prepare('UPDATE cases SET snapshot = ?, state_value = ?, version = ?, updated_at = ? WHERE id = ? AND version = ?');
  const insert = raw.prepare('INSERT INTO case_events (id, case_id, school_id, seq, type, data, actor_id, at, state_before, state_after) VALUES (?, ?, ?, ?, ?, NULL, NULL, ?, ?, ?)');
  const rawAdvance = raw.transaction((id: string) => {
    const row = load.get(id, schoolId) as { snapshot: string; version: number; stateValue: string };
    const before = machine.resolveState(JSON.parse(row.snapshot) as never) as AnyMachineSnapshot;
    const [next] = transition(machine, before, { type: 'NEXT' });
    const stateValue = String(next.value);
    const at = Date.now();
    if (update.run(JSON.stringify(machine.getPersistedSnapshot(next)), stateValue, row.version + 1, at, id, row.version).changes !== 1) throw new Error('conflict');
    insert.run(randomUUID(), id, schoolId, row.version + 1, 'NEXT', at, row.stateValue, stateValue);
  });

  const durableRun = async () => {
    const start = process.hrtime.bigint();
    for (let i = 0; i < advances; i++) {
      const id = ids[i % ids.length]!;
      const now = new Date();
      const event = { type: 'NEXT' };
      const r = await db.cases.advance({ schoolId, caseId: id, expectedVersion: versions.get(id)!, actorId: null, now, event, apply: advanceWith(cache, event, { now }) });
      if (!r.ok) throw new Error(r.error.message);
      versions.set(id, r.value.case.version);
    }
    return advances / (Number(process.hrtime.bigint() - start) / 1e9);
  };
  const rawRun = () => {
    const start = process.hrtime.bigint();
    for (let i = 0; i < advances; i++) rawAdvance.immediate(ids[i % ids.length]!);
    return advances / (Number(process.hrtime.bigint() - start) / 1e9);
  };
  const syncVersions = () => {
    const all = raw.prepare('SELECT id, version FROM cases').all() as { id: string; version: number }[];
    for (const r of all) versions.set(r.id, r.version);
  };

  const durable: number[] = [];
  const rawRates: number[] = [];
  for (let r = 0; r < rounds; r++) {
    rawRates.push(rawRun());
    syncVersions();
    durable.push(await durableRun());
  }
  raw.close();
  await db.close();
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const durablePerSec = median(durable);
  const rawPerSec = median(rawRates);
  return { durablePerSec, rawPerSec, ratio: durablePerSec / rawPerSec, synchronous, advances };
}
