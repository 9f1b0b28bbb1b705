/**
 * The what-if's stuck cases (issue 16) say why in a form the UI can put in
 * either language: the engine's refusal code, its sentence in Bahasa
 * Indonesia and English, and the draft step the case is in when the event
 * comes — on the seeded demo data (SQLite).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compilePathway, parsePathway, type PathwayDocument } from '../../packages/engine/src/index.ts';
import { loadPathwayCases, senderRoles, whatIf, type WhatIfStuck } from '../../packages/cases/src/index.ts';
import { openDemoDb, type SeededDb } from './demo-db.ts';

type Doc = PathwayDocument & { machine: { states: Record<string, { on?: Record<string, unknown> }> } };

function compile(doc: unknown) {
  const parsed = parsePathway(doc);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error.slice(0, 2)));
  return compilePathway(parsed.value);
}

describe('what-if reasons', () => {
  let demo: SeededDb;
  let doc: Doc;
  let cases: Awaited<ReturnType<typeof loadPathwayCases>>;
  let roles: Awaited<ReturnType<typeof senderRoles>>;
  beforeAll(async () => {
    demo = await openDemoDb();
    const scope = { districtId: demo.districtId, schoolId: demo.schoolA };
    const pathway = (await demo.db.pathways.list(scope)).find((p) => p.key === 'srps-standar' && p.schoolId === demo.schoolA)!;
    doc = (await demo.db.pathways.get(scope, pathway.id))!.draft as Doc;
    cases = (await loadPathwayCases(demo.db, demo.schoolA, pathway.id)).filter((k) => k.row.status === 'active');
    roles = await senderRoles(demo.db, cases);
  }, 300_000);
  afterAll(async () => {
    await demo?.close();
  });

  const stuckOf = (draft: Doc): WhatIfStuck[] => whatIf(compile(draft), cases, roles).cases.flatMap((c) => ('stuck' in c ? [c.stuck] : []));

  it('an event the draft no longer accepts: event_not_accepted, both languages, stuck in the assessment step', () => {
    const changed = structuredClone(doc);
    delete changed.machine.states.asesmen!.on!.TETAPKAN_FAKTOR;
    const stuck = stuckOf(changed);
    expect(stuck.length).toBeGreaterThan(0);
    for (const s of stuck) {
      expect(s).toMatchObject({ event: 'TETAPKAN_FAKTOR', code: 'event_not_accepted', steps: ['asesmen'] });
      expect(s.reason.id).toMatch(/tidak menerima/);
      expect(s.reason.en).toMatch(/does not accept/);
    }
  });

  it('a condition the recorded answers no longer meet: guard_failed, with the step it waits in', () => {
    const changed = structuredClone(doc);
    const on = changed.machine.states.asesmen!.on! as Record<string, { guard?: unknown }[]>;
    for (const t of on.TETAPKAN_FAKTOR!) t.guard = { type: 'check', params: { field: 'form.mainFactor', op: 'eq', value: 'tidak_ada' } };
    const stuck = stuckOf(changed);
    expect(stuck.length).toBeGreaterThan(0);
    for (const s of stuck) {
      expect(s.code).toBe('guard_failed');
      expect(s.steps).toEqual(['asesmen']);
      expect(s.reason.en).not.toBe(s.reason.id);
    }
  });
});
