import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixture, fixtureApp, LOOP_PATHWAY, type Fixture, type FixtureApp } from '../testing/fixture.ts';

let f: Fixture;
let api: FixtureApp;

beforeAll(async () => {
  f = await createFixture({ studentsPerSchool: 2 });
  api = fixtureApp(f);
});
afterAll(() => f.close());

const doc = (key: string, extra: Record<string, unknown> = {}) => ({ ...structuredClone(LOOP_PATHWAY), key, ...extra }) as Record<string, any>;

describe('pathway drafts', () => {
  it('lists the school’s pathways and the district templates, never another school’s', async () => {
    const res = await api.call(f.a.users.wali_kelas, 'GET', '/api/pathways');
    expect(res.status).toBe(200);
    const ids = res.body.items.map((p: { id: string }) => p.id);
    expect(ids).toContain(f.a.loop.pathwayId);
    expect(ids).not.toContain(f.b.loop.pathwayId);
    expect(res.body.items.find((p: { id: string }) => p.id === f.a.srps.pathwayId)).toMatchObject({ scope: 'school', latestVersion: 1 });
    expect((await api.call(null, 'GET', '/api/pathways')).status).toBe(401);
  });

  it('creates a draft from a document, saves it with expectedRevision, and answers 409 when stale', async () => {
    const created = await api.call(f.a.users.kepsek, 'POST', '/api/pathways', { document: doc('draf-satu') });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ key: 'draf-satu', draftRevision: 1, latestVersion: null, versions: [] });
    const id = created.body.id;
    const changed = doc('draf-satu', { title: { id: 'Judul baru' } });
    const saved = await api.call(f.a.users.guru_bk, 'PUT', `/api/pathways/${id}`, { document: changed, expectedRevision: 1 });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ draftRevision: 2, title: 'Judul baru' });
    const stale = await api.call(f.a.users.kepsek, 'PUT', `/api/pathways/${id}`, { document: doc('draf-satu'), expectedRevision: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'revision_conflict', details: { currentRevision: 2 } });
    // The conflict names who saved last, so the designer can say who changed it.
    const bk = (await api.call(f.a.users.guru_bk, 'GET', '/api/auth/me')).body;
    expect(stale.body.error.details.updatedByName).toBe(bk.user?.name ?? bk.name);
    expect(stale.body.error.details.updatedBy).toMatchObject({ id: bk.user?.id ?? bk.id });
    const got = await api.call(f.a.users.kepsek, 'GET', `/api/pathways/${id}`);
    expect(got.body.draft.title.id).toBe('Judul baru');
    const invalid = await api.call(f.a.users.kepsek, 'PUT', `/api/pathways/${id}`, { document: { format: 'lain' }, expectedRevision: 2 });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.code).toBe('invalid_document');
    expect((await api.call(f.a.users.kepsek, 'PUT', `/api/pathways/${id}`, { document: changed })).status).toBe(400);
    expect((await api.call(f.a.users.wali_kelas, 'PUT', `/api/pathways/${id}`, { document: changed, expectedRevision: 2 })).status).toBe(403);
    expect((await api.call(null, 'PUT', `/api/pathways/${id}`, { document: changed, expectedRevision: 2 })).status).toBe(401);
    expect((await api.call(f.a.users.kepsek, 'GET', `/api/pathways/${id}`)).body.draftRevision).toBe(2);
  });

  it('answers 400 with the parse issues for an invalid document, 403 for a wali kelas, 409 for a taken key', async () => {
    const invalid = await api.call(f.a.users.kepsek, 'POST', '/api/pathways', { document: { format: 'jalur.pathway/1', key: 'x' } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.code).toBe('invalid_document');
    expect(invalid.body.error.details.issues.length).toBeGreaterThan(0);
    expect((await api.call(f.a.users.kepsek, 'POST', '/api/pathways', { document: doc('a'), templateKey: 'b' })).status).toBe(400);
    expect((await api.call(f.a.users.wali_kelas, 'POST', '/api/pathways', { document: doc('tidak-boleh') })).status).toBe(403);
    const dup = await api.call(f.a.users.kepsek, 'POST', '/api/pathways', { document: doc('uji-loop') });
    expect(dup.status).toBe(409);
  });

  it('creates a draft from a district template by key (with lineage); 404 for an unknown template', async () => {
    const template = await api.call(f.dinas, 'POST', '/api/pathways', { document: doc('templat-kab') });
    expect(template.status).toBe(201);
    expect(template.body.scope).toBe('template');
    const published = await api.call(f.dinas, 'POST', `/api/pathways/${template.body.id}/publish`, {});
    expect(published.status).toBe(201);
    const adopted = await api.call(f.a.users.kepsek, 'POST', '/api/pathways', { templateKey: 'templat-kab', key: 'dari-templat' });
    expect(adopted.status).toBe(201);
    expect(adopted.body).toMatchObject({ key: 'dari-templat', scope: 'school', sourceTemplateId: template.body.id, sourceVersion: 1 });
    const listed = await api.call(f.b.users.guru_bk, 'GET', '/api/pathways');
    expect(listed.body.items.map((p: { id: string }) => p.id)).toContain(template.body.id);
    expect((await api.call(f.a.users.kepsek, 'POST', '/api/pathways', { templateKey: 'tidak-ada' })).status).toBe(404);
  });

  it('gives another school’s pathway 404 and refuses writes to a template from a school (403)', async () => {
    expect((await api.call(f.b.users.kepsek, 'GET', `/api/pathways/${f.a.loop.pathwayId}`)).status).toBe(404);
    expect((await api.call(f.b.users.kepsek, 'PUT', `/api/pathways/${f.a.loop.pathwayId}`, { document: doc('uji-loop'), expectedRevision: 1 })).status).toBe(404);
    const templates = (await api.call(f.a.users.kepsek, 'GET', '/api/pathways')).body.items.filter((p: { scope: string }) => p.scope === 'template');
    if (templates.length > 0) {
      const t = templates[0];
      expect((await api.call(f.a.users.kepsek, 'PUT', `/api/pathways/${t.id}`, { document: doc(t.key), expectedRevision: t.draftRevision })).status).toBe(403);
    }
  });
});

describe('lint and publish', () => {
  it('lints a document: parse issues, lint diagnostics, or valid', async () => {
    const ok = await api.call(f.a.users.wali_kelas, 'POST', '/api/pathways/lint', { document: doc('lint-ok') });
    expect(ok.status).toBe(200);
    expect(ok.body.valid).toBe(true);
    const broken = doc('lint-rusak');
    broken.machine.states.konseling.on.SESI_SELESAI = { target: 'tidak_ada' };
    const bad = await api.call(f.a.users.wali_kelas, 'POST', '/api/pathways/lint', { document: broken });
    expect(bad.status).toBe(200);
    expect(bad.body.valid).toBe(false);
    const unparsable = await api.call(f.a.users.wali_kelas, 'POST', '/api/pathways/lint', { document: 7 });
    expect(unparsable.body).toMatchObject({ valid: false });
    expect(unparsable.body.issues.length).toBeGreaterThan(0);
    expect((await api.call(f.a.users.wali_kelas, 'POST', '/api/pathways/lint', 'nope', { 'content-type': 'application/json' })).status).toBe(400);
    expect((await api.call(null, 'POST', '/api/pathways/lint', { document: doc('x') })).status).toBe(401);
  });

  it('publishes a clean draft as a new immutable version (kepsek only), with an audit row', async () => {
    const created = await api.call(f.a.users.guru_bk, 'POST', '/api/pathways', { document: doc('terbit') });
    const id = created.body.id;
    expect((await api.call(f.a.users.guru_bk, 'POST', `/api/pathways/${id}/publish`, {})).status).toBe(403);
    const v1 = await api.call(f.a.users.kepsek, 'POST', `/api/pathways/${id}/publish`, { changeNote: 'pertama' });
    expect(v1.status).toBe(201);
    expect(v1.body).toMatchObject({ version: 1, changeNote: 'pertama' });
    expect(v1.body.contentHash).toMatch(/^sha256:/);
    await api.call(f.a.users.kepsek, 'PUT', `/api/pathways/${id}`, { document: doc('terbit', { title: { id: 'Versi dua' } }), expectedRevision: 1 });
    const v2 = await api.call(f.a.users.kepsek, 'POST', `/api/pathways/${id}/publish`);
    expect(v2.status).toBe(201);
    expect(v2.body.version).toBe(2);
    const versions = await api.call(f.a.users.wali_kelas, 'GET', `/api/pathways/${id}/versions`);
    expect(versions.body.items.map((v: { version: number }) => v.version).sort()).toEqual([1, 2]);
    const first = await api.call(f.a.users.wali_kelas, 'GET', `/api/pathways/${id}/versions/1`);
    expect(first.status).toBe(200);
    expect(first.body.document.title.id).toBe('Alur uji');
    const audit = await f.db.audit.list(f.a.id, { action: 'pathway.publish', subject: `pathway:${id}` });
    expect(audit).toHaveLength(2);
  });

  it('refuses to publish a draft with lint errors (422 with the diagnostics) and stores no version', async () => {
    const broken = doc('rusak');
    broken.machine.states.konseling.on.SESI_SELESAI = { target: 'tidak_ada' };
    const created = await api.call(f.a.users.kepsek, 'POST', '/api/pathways', { document: broken });
    expect(created.status).toBe(201);
    const res = await api.call(f.a.users.kepsek, 'POST', `/api/pathways/${created.body.id}/publish`, {});
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('lint_failed');
    expect(res.body.error.details.diagnostics.some((d: { severity: string }) => d.severity === 'error')).toBe(true);
    expect((await api.call(f.a.users.kepsek, 'GET', `/api/pathways/${created.body.id}/versions`)).body.items).toEqual([]);
  });

  it('answers 409 for a publish with a stale expectedRevision and 404 for unknown versions', async () => {
    const stale = await api.call(f.a.users.kepsek, 'POST', `/api/pathways/${f.a.loop.pathwayId}/publish`, { expectedRevision: 99 });
    expect(stale.status).toBe(409);
    expect((await api.call(f.a.users.kepsek, 'GET', `/api/pathways/${f.a.loop.pathwayId}/versions/9`)).status).toBe(404);
    expect((await api.call(f.a.users.kepsek, 'GET', `/api/pathways/${f.a.loop.pathwayId}/versions/nol`)).status).toBe(400);
  });

  it('exports a version as an XState config that raw xstate runs', async () => {
    const res = await api.call(f.a.users.kepsek, 'GET', `/api/pathways/${f.a.loop.pathwayId}/versions/1/xstate`);
    expect(res.status).toBe(200);
    expect(res.body.config.id).toBe('uji-loop');
    expect(res.body.delays).toEqual({ P7D: 7 * 86_400_000 });
    const { createMachine, createActor } = await import('xstate');
    const { guardImplementations } = await import('@jalur/engine');
    expect((await api.call(f.a.users.kepsek, 'GET', `/api/pathways/${f.a.loop.pathwayId}/versions/7/xstate`)).status).toBe(404);
    expect((await api.call(f.b.users.kepsek, 'GET', `/api/pathways/${f.a.loop.pathwayId}/versions/1/xstate`)).status).toBe(404);
    const machine = createMachine(res.body.config).provide({ guards: guardImplementations as never, delays: res.body.delays });
    const actor = createActor(machine).start();
    actor.send({ type: 'SESI_SELESAI' });
    expect(actor.getSnapshot().value).toBe('pemantauan');
    actor.stop();
  });
});
