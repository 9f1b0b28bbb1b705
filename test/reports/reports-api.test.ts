/** The school report routes over the real app, the seeded demo database and the SRPS 2023 cohort. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SchoolSummary } from '../../packages/reports/src/index.ts';
import { apiClient, type ApiClient } from './api-client.ts';
import { DEMO_NOW, openDemoDb, type DemoDb } from './demo-db.ts';

let demo: DemoDb;
let api: ApiClient;

/** The kepsek of the school holding the SRPS 2023 cohort (Sekolah A when replayed here). */
function cohortKepsek(): string {
  const row = demo.handle.sqlite.prepare("SELECT email FROM users WHERE school_id = ? AND role = 'kepsek' ORDER BY email LIMIT 1").get(demo.cohortSchoolId) as { email: string };
  return row.email;
}
beforeAll(async () => {
  demo = await openDemoDb();
  api = apiClient(demo, DEMO_NOW);
});
afterAll(async () => {
  await demo?.close();
});

describe('GET /api/reports/before-after', () => {
  it('answers seed 002\'s table for the kepsek of the cohort school', async () => {
    const res = await api.get('/api/reports/before-after?from=2023-08-01&to=2023-09-30', await api.login(cohortKepsek()));
    expect(res.status).toBe(200);
    const rows = (await res.json()) as { factor: string; before: number; after: number }[];
    expect(rows.slice(0, 4)).toEqual([
      { factor: 'motivation', before: 11, after: 4 },
      { factor: 'economic', before: 6, after: 3 },
      { factor: 'family', before: 2, after: 2 },
      { factor: 'bullying', before: 2, after: 2 },
    ]);
  });

  it('gives another school only its own students', async () => {
    const other = demo.cohortSchoolId === demo.schoolB ? 'bk@sekolah-a.demo' : 'bk@sekolah-b.demo';
    const res = await api.get('/api/reports/before-after?from=2023-08-01&to=2023-09-30', await api.login(other));
    expect(res.status).toBe(200);
    const rows = (await res.json()) as { before: number; after: number }[];
    expect(rows.every((r) => r.before === 0 && r.after === 0)).toBe(true);
  });

  it('rejects malformed and reversed periods with 400', async () => {
    const token = await api.login('bk@sekolah-a.demo');
    for (const q of ['from=2023-13-01&to=2023-09-30', 'from=2023-09-30&to=2023-08-01', 'from=yesterday']) {
      const res = await api.get(`/api/reports/before-after?${q}`, token);
      expect(res.status, q).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_request');
    }
  });
});

describe('GET /api/reports/summary', () => {
  it('counts open cases by step and factor, outcomes and months for the school', async () => {
    const res = await api.get('/api/reports/summary', await api.login(cohortKepsek()));
    expect(res.status).toBe(200);
    const s = (await res.json()) as SchoolSummary;
    const open = demo.handle.sqlite.prepare("SELECT count(*) AS n FROM cases WHERE school_id = ? AND status = 'active'").get(demo.cohortSchoolId) as { n: number };
    expect(s.openCases).toBe(open.n);
    // Every open case sits in at least one step; parallel steps count a case once per branch.
    expect(s.openByStep.reduce((n, r) => n + r.count, 0)).toBeGreaterThanOrEqual(s.openCases);
    // The cohort's ten resolved cases (7 motivation, 3 economic) are among the outcomes.
    expect(s.outcomes.resolved).toBeGreaterThanOrEqual(10);
    expect(s.casesPerMonth.find((m) => m.month === '2023-08')).toEqual({ month: '2023-08', opened: 21, closed: 0 });
    expect(s.casesPerMonth.find((m) => m.month === '2023-09')).toEqual({ month: '2023-09', opened: 0, closed: 10 });
    const motivation = s.openByFactor.find((f) => f.factor === 'motivation');
    expect(motivation?.count).toBeGreaterThanOrEqual(4);
    // Step titles come from the pathway: Indonesian first.
    expect(s.openByStep.every((r) => typeof r.title.id === 'string' && r.title.id.length > 0)).toBe(true);
    expect(s.medianTimePerStep.find((r) => r.stateId === 'identifikasi')?.stays).toBeGreaterThanOrEqual(21);
  });

  it('needs a session (401) and a school role (403 for wali kelas and the district admin)', async () => {
    expect((await api.get('/api/reports/summary')).status).toBe(401);
    expect((await api.get('/api/reports/summary', await api.login('walikelas@sekolah-a.demo'))).status).toBe(403);
    expect((await api.get('/api/reports/summary', await api.login('dinas@kabupaten.demo'))).status).toBe(403);
  });
});

describe('GET /api/reports/trends and CSV export', () => {
  it('reports per-branch return to attendance and cohort before/after', async () => {
    const res = await api.get('/api/reports/trends', await api.login(cohortKepsek()));
    expect(res.status).toBe(200);
    const t = (await res.json()) as { cases: { branch: string | null }[]; returnToAttendance: { branch: string; cases: number }[] };
    const motivation = t.returnToAttendance.find((b) => b.branch === 'intervensi_motivasi');
    expect(motivation?.cases).toBeGreaterThanOrEqual(11);
  });

  it('exports the before/after table as CSV with Indonesian headers', async () => {
    const res = await api.get('/api/reports/export.csv?table=before-after&from=2023-08-01&to=2023-09-30', await api.login(cohortKepsek()));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await res.text()).replace(/^\uFEFF/, '').trim().split('\n');
    expect(lines[0]).toBe('faktor / factor,sebelum / before,sesudah / after');
    expect(lines.slice(1, 3)).toEqual(['motivation,11,4', 'economic,6,3']);
  });

  it('refuses an unknown table with 400', async () => {
    const res = await api.get('/api/reports/export.csv?table=students', await api.login('bk@sekolah-a.demo'));
    expect(res.status).toBe(400);
  });
});

describe('OpenAPI', () => {
  it('documents the report, district, template and migration routes', async () => {
    const doc = (await (await api.get('/api/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, unknown> } };
    for (const path of ['/api/reports/summary', '/api/reports/before-after', '/api/reports/export.csv', '/api/district/aggregates', '/api/district/templates', '/api/district/templates/{id}/pull', '/api/pathways/{id}/migrations/dry-run']) {
      expect(Object.keys(doc.paths), path).toContain(path);
    }
    expect(JSON.stringify(doc.paths['/api/district/aggregates'])).toContain('#/components/schemas/DistrictAggregates');
    expect(JSON.stringify(doc.components.schemas.DistrictAggregates)).toContain('PublicCount');
  });
});
