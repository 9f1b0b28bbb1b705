/**
 * The process view (issue 16) on the seeded demo data equals a direct SQL
 * count over `case_events`, on SQLite and on PostgreSQL: cases that entered
 * each step, and cases waiting in each step now. Then the what-if: the demo
 * cases replayed through an unchanged draft land where they are; through a
 * draft that drops an event, the cases that needed it are reported stuck.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JalurDb } from '../../packages/db/src/index.ts';
import { compilePathway, parsePathway, type PathwayDocument } from '../../packages/engine/src/index.ts';
import { loadPathwayCases, processView, senderRoles, whatIf } from '../../packages/cases/src/index.ts';
import { DEMO_NOW, openDemoDb, type SeededDb } from './demo-db.ts';
import { openPgDemoDb } from './pg-demo-db.ts';

/** Direct SQL: per step, how many times a case entered it, and how many active cases are in it now. */
async function sqlCounts(db: JalurDb, schoolId: string, pathwayId: string): Promise<{ entered: Map<string, number>; waiting: Map<string, number> }> {
  const h = db.reportHandle;
  type Row = { state_before: string | null; state_after: string };
  type Now = { state_value: string };
  let events: Row[];
  let active: Now[];
  if (h.dialect === 'sqlite') {
    events = h.sqlite.prepare('SELECT e.state_before, e.state_after FROM case_events e JOIN cases c ON c.id = e.case_id WHERE c.school_id = ? AND c.pathway_id = ?').all(schoolId, pathwayId) as Row[];
    active = h.sqlite.prepare("SELECT state_value FROM cases WHERE school_id = ? AND pathway_id = ? AND status = 'active'").all(schoolId, pathwayId) as Now[];
  } else {
    events = (await h.client`SELECT e.state_before, e.state_after FROM case_events e JOIN cases c ON c.id = e.case_id WHERE c.school_id = ${schoolId} AND c.pathway_id = ${pathwayId}`) as unknown as Row[];
    active = (await h.client`SELECT state_value FROM cases WHERE school_id = ${schoolId} AND pathway_id = ${pathwayId} AND status = 'active'`) as unknown as Now[];
  }
  const entered = new Map<string, number>();
  const waiting = new Map<string, number>();
  for (const e of events) {
    const before = new Set((e.state_before ?? '').split(',').filter(Boolean));
    for (const leaf of e.state_after.split(',').filter(Boolean)) if (!before.has(leaf)) entered.set(leaf, (entered.get(leaf) ?? 0) + 1);
  }
  for (const c of active) for (const leaf of c.state_value.split(',').filter(Boolean)) waiting.set(leaf, (waiting.get(leaf) ?? 0) + 1);
  return { entered, waiting };
}

describe.each([
  ['SQLite', openDemoDb as () => Promise<SeededDb>],
  ['PostgreSQL', openPgDemoDb],
])('process view on %s', (_name, open) => {
  let demo: SeededDb;
  let pathwayId: string;
  beforeAll(async () => {
    demo = await open();
    const kepsek = await demo.user('kepsek@sekolah-a.demo');
    const pathways = await demo.db.pathways.list({ districtId: demo.districtId, schoolId: demo.schoolA });
    pathwayId = pathways.find((p) => p.key === 'srps-standar' && p.schoolId === demo.schoolA)!.id;
    expect(kepsek.role).toBe('kepsek');
  }, 300_000);
  afterAll(async () => {
    await demo?.close();
  });

  it('counts entries and waiting cases per step exactly as SQL does', async () => {
    const cases = await loadPathwayCases(demo.db, demo.schoolA, pathwayId);
    expect(cases.length).toBeGreaterThan(10);
    const view = processView(cases, DEMO_NOW);
    const direct = await sqlCounts(demo.db, demo.schoolA, pathwayId);
    expect(Object.fromEntries(view.steps.filter((s) => s.entered > 0).map((s) => [s.stateId, s.entered]))).toEqual(Object.fromEntries(direct.entered));
    expect(Object.fromEntries(view.steps.filter((s) => s.waitingNow > 0).map((s) => [s.stateId, s.waitingNow]))).toEqual(Object.fromEntries(direct.waiting));
    // Every transition count adds up to the entries of its target.
    for (const step of view.steps) expect(view.transitions.filter((t) => t.to === step.stateId).reduce((n, t) => n + t.count, 0)).toBe(step.entered);
    // A stay's median lies between zero and its 90th percentile.
    for (const s of view.steps.filter((x) => x.stays > 0)) expect(s.medianMs!).toBeLessThanOrEqual(s.p90Ms!);
  });

  it('replays the active cases through the draft: unchanged where the draft is the same, stuck where it drops an event', async () => {
    const cases = (await loadPathwayCases(demo.db, demo.schoolA, pathwayId)).filter((k) => k.row.status === 'active');
    const roles = await senderRoles(demo.db, cases);
    const pathway = (await demo.db.pathways.get({ districtId: demo.districtId, schoolId: demo.schoolA }, pathwayId))!;
    const doc = pathway.draft as PathwayDocument;
    const same = whatIf(compilePathway(parse(doc)), cases, roles);
    expect(same).toMatchObject({ stuck: 0, moved: 0, unchanged: cases.length });
    // A draft whose assessment step no longer accepts TETAPKAN_FAKTOR.
    const changed = structuredClone(doc) as PathwayDocument & { machine: { states: Record<string, { on?: Record<string, unknown> }> } };
    delete changed.machine.states.asesmen!.on!.TETAPKAN_FAKTOR;
    const dropped = whatIf(compilePathway(parse(changed)), cases, roles);
    const needed = cases.filter((k) => k.events.some((e) => e.type === 'TETAPKAN_FAKTOR')).length;
    expect(needed).toBeGreaterThan(0);
    expect(dropped.stuck).toBe(needed);
    expect(dropped.cases.filter((c) => 'stuck' in c).every((c) => 'stuck' in c && c.stuck.event === 'TETAPKAN_FAKTOR')).toBe(true);
  });
});

function parse(doc: unknown): PathwayDocument {
  const parsed = parsePathway(doc);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error.slice(0, 2)));
  return parsed.value;
}
