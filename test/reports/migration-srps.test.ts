/**
 * Migrating the demo's real srps-standar cases (the SRPS 2023 cohort and the
 * demo cases, parallel economic branch included) to a v2 where one step is
 * renamed: every running case lands where its map says, its v2 snapshot
 * restores in the engine and offers the same actions as before (renamed step
 * aside), and a migrated monitoring case's timer still fires on v2.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advanceCase, availableEvents, compilePathway, parsePathway, type CaseSnapshot, type CompiledPathway, type PathwayDocument } from '../../packages/engine/src/index.ts';
import { type ApplyResult, type PathwayVersionRow } from '../../packages/db/src/index.ts';
import { applyMigration, loadMigratingCases, planMigration, resolveStateMap, transitionOf } from '../../packages/cases/src/index.ts';
import { DEMO_NOW, openDemoDb, type DemoDb } from './demo-db.ts';

let demo: DemoDb;
let v1: PathwayVersionRow;
let v2: PathwayVersionRow;
let p1: CompiledPathway;
let p2: CompiledPathway;

function compiled(document: unknown): CompiledPathway {
  const parsed = parsePathway(document);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
  return compilePathway(parsed.value);
}

beforeAll(async () => {
  demo = await openDemoDb();
  const kepsek = await demo.user('kepsek@sekolah-a.demo');
  const scope = { districtId: demo.districtId, schoolId: demo.schoolA };
  const pathway = (await demo.db.pathways.getByKey(scope, 'srps-standar'))!;
  v1 = (await demo.db.pathways.latestVersion(scope, pathway.id))!;
  const renamed = JSON.parse(JSON.stringify(v1.document).replaceAll('pembelajaran_proyek', 'proyek_kelas')) as PathwayDocument;
  const saved = await demo.db.pathways.updateDraft(scope, { id: pathway.id, expectedRevision: pathway.draftRevision, draft: renamed, updatedBy: kepsek.id, now: DEMO_NOW });
  if (!saved.ok) throw new Error(saved.error.message);
  const published = await demo.db.pathways.publish(scope, { id: pathway.id, publishedBy: kepsek.id, now: DEMO_NOW });
  if (!published.ok) throw new Error(published.error.message);
  v2 = published.value;
  p1 = compiled(v1.document);
  p2 = compiled(v2.document);
});

afterAll(async () => {
  await demo?.close();
});

describe('migrating the demo srps-standar cases', () => {
  it('moves every running case, parallel regions included, and each keeps its actions on v2', async () => {
    const map = resolveStateMap(p1.doc, p2.doc, { 'intervensi_motivasi.pembelajaran_proyek': 'intervensi_motivasi.proyek_kelas' });
    if (!map.ok) throw new Error(JSON.stringify(map.problems));
    const cases = await loadMigratingCases(demo.db, { schoolId: demo.schoolA, pathwayId: v1.pathwayId, pathwayVersionId: v1.id });
    expect(cases.length).toBeGreaterThan(20);
    expect(cases.some((c) => c.stateValue.length > 1)).toBe(true); // parallel economic branch
    const now = new Date(DEMO_NOW.getTime() + 60_000);
    const plan = planMigration(p1, p2, map.value, cases, now);
    expect(plan.unmappable).toEqual([]);
    for (const c of plan.cases) {
      expect([...c.to].sort(), c.caseId).toEqual(c.from.map((s) => s.replace('pembelajaran_proyek', 'proyek_kelas')).sort());
      const before = cases.find((x) => x.id === c.caseId)!;
      const rename = (t: string) => t.replace('pembelajaran_proyek', 'proyek_kelas');
      const was = availableEvents(p1, before.snapshot as CaseSnapshot).map((e) => `${e.type}@${rename(e.stateId)}`).sort();
      const now2 = availableEvents(p2, c.snapshot).map((e) => `${e.type}@${e.stateId}`).sort();
      expect(now2, c.caseId).toEqual(was);
    }
    const outcomes = await applyMigration(demo.db, plan.cases, { schoolId: demo.schoolA, toPathwayVersionId: v2.id, fromVersion: v1.version, toVersion: v2.version, actorId: null, now });
    expect(outcomes.filter((o) => !o.applied)).toEqual([]);
    expect(await loadMigratingCases(demo.db, { schoolId: demo.schoolA, pathwayId: v1.pathwayId, pathwayVersionId: v1.id })).toEqual([]);

    // A migrated weekly-monitoring case: its timer (kept, same event on v2) fires through the unit of work.
    const waiting = plan.cases.find((c) => c.to.includes('pemantauan.menunggu_pekan'));
    expect(waiting).toBeDefined();
    {
      if (!waiting) return;
      const timers = (await demo.db.timers.listForCase(demo.schoolA, waiting.caseId)).filter((t) => t.status === 'pending');
      const weekly = timers.find((t) => t.event.endsWith('pemantauan.menunggu_pekan'))!;
      expect(weekly).toBeDefined();
      const claimed = (await demo.db.timers.claimDue(weekly.dueAt, 1000, 'srps-migration')).find((t) => t.id === weekly.id)!;
      const out = await demo.db.cases.fireTimer({
        timer: claimed, claimer: 'srps-migration', now: weekly.dueAt,
        apply: (row, pv): ApplyResult => {
          expect(pv.id).toBe(v2.id);
          const r = advanceCase(p2, row.snapshot as CaseSnapshot, { type: claimed.event }, { now: weekly.dueAt });
          if (!r.ok) return { ok: false, error: { code: 'event_not_allowed', message: JSON.stringify(r.error) } };
          return { ok: true, value: transitionOf(r.value) };
        },
      });
      expect(out.ok && out.value.fired).toBe(true);
      expect((await demo.db.cases.get(demo.schoolA, waiting.caseId))!.stateValue).toBe('pemantauan.cek_mingguan');
    }
  });
});
