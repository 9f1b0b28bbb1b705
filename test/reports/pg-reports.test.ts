/**
 * The reports on a real PostgreSQL server (scripts/pg-server.mjs, started and
 * stopped by this file): the demo seed loaded there gives seed 002's table
 * exactly, every report answers the same as on SQLite, district suppression
 * holds through the API, a migration runs through `cases.migrate`, and a
 * template pull records its lineage.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compilePathway, pathwayDocumentSchema, startCase, type PathwayDocument } from '../../packages/engine/src/index.ts';
import { openDatabase, seedDemo, type JalurDb } from '../../packages/db/src/index.ts';
import {
  createReportQueries, districtAggregates, schoolBeforeAfter, schoolSummary, schoolTrends, setLineage, type DistrictAggregates, type SchoolTrends, type ReportQueries,
} from '../../packages/reports/src/index.ts';
import { startPgServer } from '../../scripts/pg-server.mjs';
import { apiClient, type ApiClient } from './api-client.ts';
import { DEMO_NOW, openDemoDb, type DemoDb } from './demo-db.ts';

const workflowsDir = fileURLToPath(new URL('../../workflows', import.meta.url));
const AUG_SEP_2023 = { from: '2023-08-01', to: '2023-09-30' };

let pg: Awaited<ReturnType<typeof startPgServer>> | undefined;
let db: JalurDb;
let q: ReportQueries;
let lite: DemoDb;
let schools: { A: string; B: string };
let districtId: string;

beforeAll(async () => {
  pg = await startPgServer();
  db = await openDatabase({ url: pg.url });
  const seeded = await seedDemo(db, { workflowsDir, now: DEMO_NOW });
  if (!seeded.schools || !seeded.districtId) throw new Error('seedDemo did not seed');
  schools = seeded.schools;
  districtId = seeded.districtId;
  expect(db.reportHandle.dialect).toBe('postgres');
  q = createReportQueries(db.reportHandle);
  lite = await openDemoDb();
}, 180_000);
afterAll(async () => {
  await db?.close();
  pg?.stop();
  await lite?.close();
});

/** A report answer without the instant it was made. */
const stable = <T extends { generatedAt?: string }>(v: T): Omit<T, 'generatedAt'> => {
  const { generatedAt: _, ...rest } = v;
  return rest;
};

/** Trends with the per-case rows keyed by content, not by the (random) case ids of each seed. */
const trendsWithoutIds = (t: SchoolTrends) => ({
  ...t,
  cases: t.cases.map(({ caseId: _, ...rest }) => rest).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
});

describe('reports on PostgreSQL', () => {
  it('reproduces seed 002 exactly: motivation 11 → 4, economic 6 → 3 (Aug–Sep 2023)', async () => {
    expect(await schoolBeforeAfter(q, schools.A, AUG_SEP_2023)).toEqual([
      { factor: 'motivation', before: 11, after: 4 },
      { factor: 'economic', before: 6, after: 3 },
      { factor: 'family', before: 2, after: 2 },
      { factor: 'bullying', before: 2, after: 2 },
    ]);
    // The period's edges, in WIB, as on SQLite.
    const firstDay = await schoolBeforeAfter(q, schools.A, { from: '2023-08-08', to: '2023-08-08' });
    expect(firstDay.map((r) => [r.factor, r.before, r.after])).toEqual([['motivation', 11, 11], ['economic', 6, 6], ['family', 2, 2], ['bullying', 2, 2]]);
    const beforeClosing = await schoolBeforeAfter(q, schools.A, { from: '2023-08-01', to: '2023-09-28' });
    expect(beforeClosing.find((r) => r.factor === 'motivation')).toEqual({ factor: 'motivation', before: 11, after: 11 });
    expect((await schoolBeforeAfter(q, schools.B, AUG_SEP_2023)).every((r) => r.before === 0 && r.after === 0)).toBe(true);
  });

  it('answers every report exactly as SQLite does on the same seed', async () => {
    expect(lite.cohortSchoolId).toBe(schools.A);
    for (const school of [schools.A, schools.B]) {
      expect(stable(await schoolSummary(q, school, DEMO_NOW)), school).toEqual(stable(await schoolSummary(lite.queries, school, DEMO_NOW)));
      expect(trendsWithoutIds(await schoolTrends(q, school)), school).toEqual(trendsWithoutIds(await schoolTrends(lite.queries, school)));
      const perVersion = async (r: ReportQueries) => (await r.activeCasesPerVersion(school)).map(({ pathwayId: _, ...rest }) => rest);
      expect(await perVersion(q)).toEqual(await perVersion(lite.queries));
    }
    for (const period of [AUG_SEP_2023, { from: '2026-01-01', to: '2026-11-30' }]) {
      const input = { districtId, period, now: DEMO_NOW };
      expect(stable(await districtAggregates(q, input))).toEqual(stable(await districtAggregates(lite.queries, { ...input, districtId: lite.districtId })));
    }
    expect(await q.districtSchools(districtId)).toEqual(await lite.queries.districtSchools(lite.districtId));
    expect((await q.templateDocuments(districtId)).length).toBeGreaterThan(0);
    expect(await q.stepEventCount(schools.A)).toBe(await lite.queries.stepEventCount(schools.A));
  });
});

describe('district aggregates on PostgreSQL (API)', () => {
  let api: ApiClient;
  beforeAll(async () => {
    api = apiClient({ db }, DEMO_NOW);
    // Sekolah B gets exactly 3 cases of a factor nobody else has.
    const scope = { districtId, schoolId: schools.B };
    const pathway = (await db.pathways.getByKey(scope, 'srps-standar'))!;
    const version = (await db.pathways.latestVersion(scope, pathway.id))!;
    const p = compilePathway(pathwayDocumentSchema.parse(version.document));
    const bk = (await db.users.getByEmail('bk@sekolah-b.demo'))!;
    for (let i = 0; i < 3; i++) {
      const student = await db.students.create(schools.B, { nisn: `7760000${i}`, name: `Siswa Uji ${i}`, className: 'X-1' }, { now: DEMO_NOW, actorId: null });
      if (!student.ok) throw new Error(student.error.message);
      const made = await db.cases.create({
        schoolId: schools.B, studentId: student.value.id, pathwayVersionId: version.id, riskFactors: ['health'], actorId: bk.id, now: DEMO_NOW,
        start: ({ caseId }) => {
          const s = startCase(p, { caseId, riskFactors: ['health'] } as Parameters<typeof startCase>[1], { now: DEMO_NOW });
          return { ok: true, value: { snapshot: s.snapshot, stateValue: s.active.map((a) => a.stateId), status: s.status, effects: s.effects } };
        },
      });
      if (!made.ok) throw new Error(made.error.message);
    }
  });

  it('shows a school\'s 3 cases of a factor as "<5", never a count of 1–4, and only to admin_dinas', async () => {
    const token = await api.login('dinas@kabupaten.demo');
    for (const url of ['/api/district/aggregates', `/api/district/aggregates?schoolId=${schools.B}`, `/api/district/aggregates?schoolId=${schools.B}&from=2026-11-20&to=2026-11-20`]) {
      const res = await api.get(url, token);
      expect(res.status, url).toBe(200);
      const a = (await res.json()) as DistrictAggregates;
      const b = a.schools.find((s) => s.school?.id === schools.B)!;
      expect(b.openByFactor.find((f) => f.factor === 'health')?.count, url).toBe('<5');
      expect(a.district.openByFactor.find((f) => f.factor === 'health')?.count, url).toBe('<5');
      const ba = b.beforeAfter.find((r) => r.factor === 'health')!;
      expect([ba.before, ba.after], url).toEqual(['<5', '<5']);
      const small: number[] = [];
      JSON.stringify(a, (k, v: unknown) => {
        if (typeof v === 'number' && ['count', 'before', 'after', 'openCases', 'closedCases'].includes(k) && v > 0 && v < 5) small.push(v);
        return v;
      });
      expect(small, url).toEqual([]);
    }
    const cohort = (await (await api.get(`/api/district/aggregates?schoolId=${schools.A}&from=2023-08-01&to=2023-09-30`, token)).json()) as DistrictAggregates;
    expect(cohort.schools[0]!.beforeAfter.find((r) => r.factor === 'motivation')).toEqual({ factor: 'motivation', before: 11, after: '<5' });
    expect((await api.get('/api/district/aggregates', await api.login('kepsek@sekolah-a.demo'))).status).toBe(403);
    // The school dashboard answers on PostgreSQL too.
    const summary = await api.get('/api/reports/summary', await api.login('kepsek@sekolah-a.demo'));
    expect(summary.status).toBe(200);
  });
});

describe('versions while cases run, on PostgreSQL', () => {
  it('migrates every running srps-standar case of Sekolah A to a v2 with a renamed step through cases.migrate', async () => {
    const api = apiClient({ db }, DEMO_NOW);
    const kepsek = await api.login('kepsek@sekolah-a.demo');
    const scope = { districtId, schoolId: schools.A };
    const pathway = (await db.pathways.getByKey(scope, 'srps-standar'))!;
    const v1 = (await db.pathways.latestVersion(scope, pathway.id))!;
    const renamed = JSON.parse(JSON.stringify(v1.document).replaceAll('pembelajaran_proyek', 'proyek_kelas')) as PathwayDocument;
    const user = (await db.users.getByEmail('kepsek@sekolah-a.demo'))!;
    const saved = await db.pathways.updateDraft(scope, { id: pathway.id, expectedRevision: pathway.draftRevision, draft: renamed, updatedBy: user.id, now: DEMO_NOW });
    if (!saved.ok) throw new Error(saved.error.message);
    const v2 = await db.pathways.publish(scope, { id: pathway.id, publishedBy: user.id, now: DEMO_NOW });
    if (!v2.ok) throw new Error(v2.error.message);
    const running = (await db.cases.list(schools.A, { status: 'active', pathwayId: pathway.id, limit: 1000 })).filter((c) => c.pathwayVersionId === v1.id);
    expect(running.length).toBeGreaterThan(5);
    const body = { fromVersion: v1.version, toVersion: v2.value.version, stateMap: { 'intervensi_motivasi.pembelajaran_proyek': 'intervensi_motivasi.proyek_kelas' } };
    const dry = await api.send('POST', `/api/pathways/${pathway.id}/migrations/dry-run`, kepsek, body);
    expect(dry.status).toBe(200);
    const planned = (await dry.json()) as { cases: { caseId: string }[]; unmappable: unknown[] };
    expect(planned.unmappable).toEqual([]);
    expect(planned.cases).toHaveLength(running.length);
    const applied = (await (await api.send('POST', `/api/pathways/${pathway.id}/migrations/apply`, kepsek, body)).json()) as { applied: number; outcomes: { applied: boolean }[] };
    expect(applied.applied).toBe(running.length);
    for (const c of running) {
      const row = (await db.cases.get(schools.A, c.id))!;
      expect(row.pathwayVersionId).toBe(v2.value.id);
      expect(row.version).toBe(c.version + 1);
      expect((await db.cases.events(schools.A, c.id)).at(-1)?.type).toBe('case.migrated');
    }
    expect(await db.audit.list(schools.A, { action: 'case.migrated', limit: 1000 })).toHaveLength(running.length);
    // A second apply of the same request finds nothing left on v1.
    const again = (await (await api.send('POST', `/api/pathways/${pathway.id}/migrations/apply`, kepsek, body)).json()) as { applied: number; cases: unknown[] };
    expect(again).toMatchObject({ applied: 0, cases: [] });
  });

  it('records a template pull\'s lineage on the school pathway', async () => {
    const scope = { districtId, schoolId: schools.B };
    const templates = await db.pathways.list({ districtId, schoolId: null });
    const template = templates[0]!;
    const adopted = await db.pathways.adoptTemplate(scope, { templateId: template.id, key: 'lineage-uji', updatedBy: null, now: DEMO_NOW });
    if (!adopted.ok) throw new Error(adopted.error.message);
    expect(await setLineage(db, { schoolId: schools.B, pathwayId: adopted.value.id, templateId: template.id, version: 7 })).toBe(true);
    expect(await db.pathways.get(scope, adopted.value.id)).toMatchObject({ sourceTemplateId: template.id, sourceVersion: 7 });
    // Scoped: another school's pathway is not touched.
    expect(await setLineage(db, { schoolId: schools.A, pathwayId: adopted.value.id, templateId: template.id, version: 9 })).toBe(false);
    expect((await db.pathways.get(scope, adopted.value.id))?.sourceVersion).toBe(7);
  });
});
