/**
 * Reports on an in-memory SQLite database: they run on the database's own
 * connection (`db.reportHandle`), so `:memory:` works, nothing else is
 * opened, and closing the database leaves nothing open.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type JalurDb } from '../../packages/db/src/index.ts';
import { seedDemo, transitionOf } from '../../packages/cases/src/index.ts';
import { compilePathway, pathwayDocumentSchema, startCase } from '../../packages/engine/src/index.ts';
import { reportQueriesOf, schoolSummary, type DistrictAggregates, type SchoolSummary } from '../../packages/reports/src/index.ts';
import { apiClient, type ApiClient } from './api-client.ts';
import { DEMO_NOW } from './demo-db.ts';

const workflowsDir = fileURLToPath(new URL('../../workflows', import.meta.url));
let db: JalurDb;
let api: ApiClient;
let schools: { A: string; B: string };

beforeAll(async () => {
  db = await openDatabase({ url: 'file::memory:' });
  const seeded = await seedDemo(db, { workflowsDir, now: DEMO_NOW });
  if (!seeded.schools) throw new Error('seedDemo did not seed');
  schools = seeded.schools;
  api = apiClient({ db }, DEMO_NOW);
});
afterAll(async () => {
  await db?.close();
});

describe('reports on a :memory: database', () => {
  it('answers the school routes (seed 002 exactly) and the district aggregates', async () => {
    expect(db.location).toBe(':memory:');
    const kepsek = await api.login('kepsek@sekolah-a.demo');
    const ba = await api.get('/api/reports/before-after?from=2023-08-01&to=2023-09-30', kepsek);
    expect(ba.status).toBe(200);
    expect(((await ba.json()) as unknown[]).slice(0, 2)).toEqual([{ factor: 'motivation', before: 11, after: 4 }, { factor: 'economic', before: 6, after: 3 }]);
    const summary = await api.get('/api/reports/summary', kepsek);
    expect(summary.status).toBe(200);
    expect(((await summary.json()) as SchoolSummary).openCases).toBe((await db.cases.list(schools.A, { status: 'active', limit: 1000 })).length);
    const district = await api.get('/api/district/aggregates', await api.login('dinas@kabupaten.demo'));
    expect(district.status).toBe(200);
    expect(((await district.json()) as DistrictAggregates).schools.map((s) => s.school?.name)).toEqual(['Sekolah A', 'Sekolah B']);
  });

  it('makes one set of report queries per database, on its own connection', async () => {
    expect(reportQueriesOf(db)).toBe(reportQueriesOf(db));
    const scope = { districtId: 'demo-district', schoolId: schools.B };
    const template = (await db.pathways.list({ districtId: 'demo-district', schoolId: null }))[0]!;
    const adopted = await db.pathways.adoptTemplate(scope, { templateId: template.id, key: 'memori-uji', updatedBy: null, now: DEMO_NOW });
    if (!adopted.ok) throw new Error(adopted.error.message);
    const pulled = await db.pathways.updateDraft(scope, {
      id: adopted.value.id, expectedRevision: adopted.value.draftRevision, draft: adopted.value.draft, updatedBy: null, now: DEMO_NOW,
      sourceTemplateId: template.id, sourceVersion: 3,
    });
    expect(pulled.ok).toBe(true);
    expect((await db.pathways.get(scope, adopted.value.id))?.sourceVersion).toBe(3);
  });

  it('reuses the dashboard\'s case figures only until a case changes (the school\'s event count)', async () => {
    const q = reportQueriesOf(db);
    const first = await schoolSummary(q, schools.B, DEMO_NOW);
    expect(await schoolSummary(q, schools.B, DEMO_NOW)).toEqual(first);
    const scope = { districtId: 'demo-district', schoolId: schools.B };
    const pathway = (await db.pathways.getByKey(scope, 'srps-standar'))!;
    const version = (await db.pathways.latestVersion(scope, pathway.id))!;
    const p = compilePathway(pathwayDocumentSchema.parse(version.document));
    const student = await db.students.create(schools.B, { nisn: '7790000001', name: 'Siswa Uji Cache', className: 'X-1' }, { now: DEMO_NOW, actorId: null });
    if (!student.ok) throw new Error(student.error.message);
    const made = await db.cases.create({
      schoolId: schools.B, studentId: student.value.id, pathwayVersionId: version.id, riskFactors: ['health'], actorId: null, now: DEMO_NOW,
      start: ({ caseId }) => {
        const s = startCase(p, { caseId, riskFactors: ['health'] } as Parameters<typeof startCase>[1], { now: DEMO_NOW });
        return { ok: true, value: transitionOf(s) };
      },
    });
    if (!made.ok) throw new Error(made.error.message);
    const after = await schoolSummary(q, schools.B, DEMO_NOW);
    expect(after.openCases).toBe(first.openCases + 1);
    expect(after.openByFactor.find((f) => f.factor === 'health')?.count).toBe((first.openByFactor.find((f) => f.factor === 'health')?.count ?? 0) + 1);
    const month = DEMO_NOW.toISOString().slice(0, 7);
    expect(after.casesPerMonth.find((m) => m.month === month)?.opened).toBe((first.casesPerMonth.find((m) => m.month === month)?.opened ?? 0) + 1);
  });

  it('leaves nothing open once the database is closed', async () => {
    const other = await openDatabase({ url: 'file::memory:' });
    const handle = other.reportHandle;
    if (handle.dialect !== 'sqlite') throw new Error('expected SQLite');
    expect(await reportQueriesOf(other).districtSchools('none')).toEqual([]);
    await other.close();
    expect(handle.sqlite.open).toBe(false);
  });
});
