import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from './client.ts';
import { createFixture, fixtureApp, type Fixture, type FixtureApp } from './testing/fixture.ts';

let f: Fixture;
let api: FixtureApp;

beforeAll(async () => {
  f = await createFixture({ studentsPerSchool: 2 });
  api = fixtureApp(f);
});
afterAll(() => f.close());

describe('the application', () => {
  it('answers /api/health with the database dialect', async () => {
    const res = await api.call(null, 'GET', '/api/health');
    expect(res).toMatchObject({ status: 200, body: { ok: true, db: 'sqlite' } });
  });

  it('sends security headers', async () => {
    const res = await api.call(null, 'GET', '/api/health');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('answers unknown routes with 404 in the error shape, in Indonesian by default', async () => {
    const res = await api.call(null, 'GET', '/api/tidak-ada');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: { code: 'not_found', message: 'Alamat API tidak dikenal.' } });
  });

  it('refuses oversized bodies with 413 in the error shape', async () => {
    const res = await api.call(f.a.users.kepsek, 'POST', '/api/pathways/lint', { document: 'x'.repeat(3_000_000) });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('body_too_large');
    const declared = await api.call(f.a.users.kepsek, 'POST', '/api/pathways/lint', '{}', { 'content-length': '9999999' });
    expect(declared.status).toBe(413);
  });

  it('publishes an OpenAPI 3.1 document generated from the route schemas', async () => {
    const res = await api.call(null, 'GET', '/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    const paths = Object.keys(res.body.paths);
    for (const p of ['/api/health', '/api/auth/login', '/api/pathways/{id}/publish', '/api/students/{id}', '/api/cases/{id}/events']) expect(paths).toContain(p);
    expect(res.body.components.schemas.Case.properties.availableEvents).toBeDefined();
    expect(res.body.paths['/api/cases/{id}/events'].post.responses['409']).toBeDefined();
  });

  it('serves a typed hc client (used by the editor) over app.request', async () => {
    const token = await api.tokenFor(f.a.users.guru_bk);
    const client = createClient('http://jalur.test', ((input: string | URL | Request, init?: RequestInit) => api.app.request(input as string, init)) as typeof fetch, {
      authorization: `Bearer ${token}`,
    });
    const created = await client.api.cases.$post({ json: { studentId: f.a.students[0]!.id, pathwayId: f.a.loop.pathwayId }, header: {} });
    expect(created.status).toBe(201);
    if (created.status !== 201) return;
    const view = await created.json();
    const advanced = await client.api.cases[':id'].events.$post({ param: { id: view.id }, json: { type: 'SESI_SELESAI', expectedVersion: view.version }, header: {} });
    expect(advanced.status).toBe(200);
    if (advanced.status === 200) expect((await advanced.json()).state).toBe('pemantauan');
  });
});
