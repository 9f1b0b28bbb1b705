/**
 * The reports on a real PostgreSQL server (scripts/pg-server.mjs, started and
 * stopped by this file): the demo seed loaded there gives seed 002's table
 * exactly, every report answers the same as on SQLite, the report routes
 * answer, the real srps-standar cases migrate through `cases.migrate`, and a
 * template pull records its lineage, and the dashboard after real case
 * changes equals a from-scratch read. (District suppression, the 50-case
 * migration and the template library run on both dialects in their own files.)
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PathwayDocument } from '../../packages/engine/src/index.ts';
import { openDatabase, type JalurDb } from '../../packages/db/src/index.ts';
import { seedDemo } from '../../packages/cases/src/index.ts';
import {
  createReportQueries, districtAggregates, schoolBeforeAfter, schoolSummary, schoolTrends, type SchoolTrends, type ReportQueries,
} from '../../packages/reports/src/index.ts';
import { startPgServer } from '../../scripts/pg-server.mjs';
import { apiClient } from './api-client.ts';
import { driveClosingCase, fromScratch, recordingQueries, stableSummary } from './dashboard-changes.ts';
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

  it('serves the school report routes from PostgreSQL (seed 002 over the API)', async () => {
    const api = apiClient({ db }, DEMO_NOW);
    const kepsek = await api.login('kepsek@sekolah-a.demo');
    const ba = await api.get('/api/reports/before-after?from=2023-08-01&to=2023-09-30', kepsek);
    expect(ba.status).toBe(200);
    expect(((await ba.json()) as unknown[]).slice(0, 2)).toEqual([{ factor: 'motivation', before: 11, after: 4 }, { factor: 'economic', before: 6, after: 3 }]);
    for (const url of ['/api/reports/summary', '/api/reports/trends', '/api/reports/export.csv?table=before-after&from=2023-08-01&to=2023-09-30']) {
      expect((await api.get(url, kepsek)).status, url).toBe(200);
    }
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
    const pull = (schoolId: string, sourceVersion: number) =>
      db.pathways.updateDraft({ districtId, schoolId }, {
        id: adopted.value.id, expectedRevision: adopted.value.draftRevision, draft: adopted.value.draft, updatedBy: null, now: DEMO_NOW,
        sourceTemplateId: template.id, sourceVersion,
      });
    // Scoped: another school cannot touch this pathway.
    expect(await pull(schools.A, 9)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect((await pull(schools.B, 7)).ok).toBe(true);
    expect(await db.pathways.get(scope, adopted.value.id)).toMatchObject({ sourceTemplateId: template.id, sourceVersion: 7 });
  });
});

describe('school dashboard after a case change, on PostgreSQL', () => {
  it('equals a from-scratch read after every change, reading only each case\'s events past its last seq', async () => {
    const school = schools.B;
    // Counting from the start (not the figures an earlier test's load saved), so every read is recorded.
    const { queries, reads } = recordingQueries({ ...createReportQueries(db.reportHandle), savedSchoolFigures: undefined });
    const first = await schoolSummary(queries, school, DEMO_NOW);
    expect(stableSummary(first)).toEqual(await fromScratch(db, school, DEMO_NOW));
    const student = await db.students.create(school, { nisn: '7792000001', name: 'Siswa Uji Dasbor PG', className: 'X-1' }, { now: DEMO_NOW, actorId: null });
    if (!student.ok) throw new Error(student.error.message);
    const changes: string[] = [];
    const closed = await driveClosingCase(
      db, { districtId, schoolId: school, studentId: student.value.id, openedAt: new Date('2026-10-01T02:00:00Z'), stepDays: 3 },
      async (what) => {
        changes.push(what);
        expect(stableSummary(await schoolSummary(queries, school, DEMO_NOW)), what).toEqual(await fromScratch(db, school, DEMO_NOW));
      },
    );
    expect(closed.status).toBe('closed');
    expect(reads).toEqual(['all', ...changes.map(() => 'after')]);
    expect((await schoolSummary(queries, school, DEMO_NOW)).outcomes.resolved).toBe(first.outcomes.resolved + 1);
  });

  it('another process shows the figures a load saved, without reading the events, and only while they are current', async () => {
    const school = schools.A;
    await schoolSummary(createReportQueries(db.reportHandle), school, DEMO_NOW);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const events = await q.stepEventCount(school);
    expect(await q.savedSchoolFigures!(school)).toMatchObject({ events, format: 1 });
    const other = recordingQueries(createReportQueries(db.reportHandle));
    expect(stableSummary(await schoolSummary(other.queries, school, DEMO_NOW))).toEqual(await fromScratch(db, school, DEMO_NOW));
    expect(other.reads).toEqual([]);
    // Figures read at a count that is no longer the school's are not written.
    await q.saveSchoolFigures!(school, { events: events - 1, offsetMinutes: 420, format: 1, figures: { byState: [], byFactor: [], months: [], outcomes: [], medians: [] } });
    expect((await q.savedSchoolFigures!(school))?.events).toBe(events);
  });

  it('answers exactly the events past the last seq read of each case', async () => {
    const all = await q.stepEventsAfter(schools.A, null);
    if (!all) throw new Error('every event must be answered');
    const last = new Map<string, number>();
    for (const [caseId, seq] of all.rows) last.set(caseId, Math.max(seq, last.get(caseId) ?? 0));
    const read = (seqs: Map<string, number>) => ({ cursor: null, events: all.rows.length, lastSeqs: () => seqs });
    expect((await q.stepEventsAfter(schools.A, read(last)))?.rows).toEqual([]);
    // One case read up to its second-last event, another not at all: exactly their missing events come back.
    const [a, b] = [...last.keys()].filter((id) => last.get(id)! >= 2);
    const partial = new Map(last);
    partial.set(a!, last.get(a!)! - 1);
    partial.delete(b!);
    const expected = all.rows.filter(([caseId, seq]) => (caseId === a && seq === last.get(a!)) || caseId === b);
    const sortKey = (r: readonly unknown[]) => JSON.stringify(r);
    expect((await q.stepEventsAfter(schools.A, read(partial)))?.rows.map(sortKey).sort()).toEqual(expected.map(sortKey).sort());
  });
});
