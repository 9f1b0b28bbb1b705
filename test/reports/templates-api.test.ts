/**
 * The district template library over the real routes: a district admin
 * publishes a school's pathway version as a template, another school adopts
 * it with lineage, a new template version shows up as an update, and pulling
 * it brings the new document into the school's draft.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, type ApiClient } from './api-client.ts';
import { DEMO_NOW, openDemoDb, type SeededDb } from './demo-db.ts';
import { openPgDemoDb } from './pg-demo-db.ts';

let demo: SeededDb;
let api: ApiClient;

interface Entry {
  id: string;
  key: string;
  latestVersion: number | null;
  description: string | null;
  tags: string[];
  adoptions: { pathwayId: string; sourceVersion: number | null; updateAvailable: boolean }[];
}
const json = async <T>(res: Response, status: number): Promise<T> => {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return JSON.parse(text) as T;
};

/** The same routes on SQLite and on a real PostgreSQL server (the lineage write differs per dialect). */
const DIALECTS: [string, () => Promise<SeededDb>][] = [['SQLite', openDemoDb], ['PostgreSQL', openPgDemoDb]];

describe.each(DIALECTS)('on %s', (_dialect, open) => {
  beforeAll(async () => {
    demo = await open();
    api = apiClient(demo, DEMO_NOW);
  }, 180_000);
  afterAll(async () => {
    await demo?.close();
  });

  describe('template library', () => {
    it('publish → adopt → update available → pull', async () => {
      const dinas = await api.login('dinas@kabupaten.demo');
      const kepsekA = await api.login('kepsek@sekolah-a.demo');
      const kepsekB = await api.login('kepsek@sekolah-b.demo');

      // The district admin picks Sekolah A's published srps-standar.
      const sources = await json<{ items: { id: string; key: string; versions: number[] }[] }>(await api.get(`/api/district/templates/sources?schoolId=${demo.schoolA}`, dinas), 200);
      const srpsA = sources.items.find((s) => s.key === 'srps-standar')!;
      expect(srpsA.versions).toEqual([1]);

      const published = await json<Entry>(
        await api.send('POST', '/api/district/templates', dinas, { schoolId: demo.schoolA, pathwayId: srpsA.id, version: 1, key: 'srps-sekolah-a', description: 'Alur SRPS yang dipakai Sekolah A', tags: ['srps', 'motivasi'] }),
        201,
      );
      expect(published).toMatchObject({ key: 'srps-sekolah-a', latestVersion: 1, description: 'Alur SRPS yang dipakai Sekolah A', tags: ['srps', 'motivasi'] });

      // Sekolah B browses and adopts it (the pathways route forks with lineage).
      let library = await json<{ items: Entry[] }>(await api.get('/api/district/templates', kepsekB), 200);
      expect(library.items.find((t) => t.id === published.id)?.adoptions).toEqual([]);
      const adopted = await json<{ id: string; sourceTemplateId: string; sourceVersion: number; draftRevision: number }>(await api.send('POST', '/api/pathways', kepsekB, { templateId: published.id }), 201);
      expect(adopted).toMatchObject({ sourceTemplateId: published.id, sourceVersion: 1 });
      library = await json<{ items: Entry[] }>(await api.get('/api/district/templates', kepsekB), 200);
      expect(library.items.find((t) => t.id === published.id)?.adoptions).toEqual([{ pathwayId: adopted.id, pathwayTitle: expect.any(String), sourceVersion: 1, updateAvailable: false }]);

      // Sekolah A improves its pathway (v2) and the district publishes it as the template's v2.
      const detailA = await json<{ draft: { machine: { states: Record<string, { meta?: { title: { id: string } } }> } }; draftRevision: number }>(await api.get(`/api/pathways/${srpsA.id}`, kepsekA), 200);
      const draft = structuredClone(detailA.draft);
      draft.machine.states.identifikasi!.meta!.title.id = 'Identifikasi siswa rentan (dengan angket motivasi)';
      await json(await api.send('PUT', `/api/pathways/${srpsA.id}`, kepsekA, { document: draft, expectedRevision: detailA.draftRevision }), 200);
      await json(await api.send('POST', `/api/pathways/${srpsA.id}/publish`, kepsekA, {}), 201);
      const v2 = await json<Entry>(await api.send('POST', '/api/district/templates', dinas, { schoolId: demo.schoolA, pathwayId: srpsA.id, version: 2, key: 'srps-sekolah-a' }), 200);
      expect(v2.latestVersion).toBe(2);

      library = await json<{ items: Entry[] }>(await api.get('/api/district/templates', kepsekB), 200);
      expect(library.items.find((t) => t.id === published.id)?.adoptions[0]).toMatchObject({ sourceVersion: 1, updateAvailable: true });
      // Both template versions are readable by the school, for the visual diff.
      const tv2 = await json<{ document: typeof draft }>(await api.get(`/api/pathways/${published.id}/versions/2`, kepsekB), 200);
      expect(tv2.document.machine.states.identifikasi!.meta!.title.id).toBe('Identifikasi siswa rentan (dengan angket motivasi)');

      // A stale revision is refused; the right one pulls v2 into the draft.
      expect((await api.send('POST', `/api/district/templates/${published.id}/pull`, kepsekB, { pathwayId: adopted.id, expectedRevision: adopted.draftRevision + 5 })).status).toBe(409);
      const pulled = await json<{ sourceVersion: number }>(await api.send('POST', `/api/district/templates/${published.id}/pull`, kepsekB, { pathwayId: adopted.id, expectedRevision: adopted.draftRevision }), 200);
      expect(pulled.sourceVersion).toBe(2);
      const detailB = await json<{ draft: typeof draft; sourceVersion: number }>(await api.get(`/api/pathways/${adopted.id}`, kepsekB), 200);
      expect(detailB.draft).toEqual(tv2.document);
      expect(detailB.sourceVersion).toBe(2);
      library = await json<{ items: Entry[] }>(await api.get('/api/district/templates', kepsekB), 200);
      expect(library.items.find((t) => t.id === published.id)?.adoptions[0]).toMatchObject({ sourceVersion: 2, updateAvailable: false });
      // Publishing and pulling are audited.
      const audit = [...await demo.db.audit.list(null, { action: 'template.published' }), ...await demo.db.audit.list(demo.schoolB, { action: 'template.pulled' })];
      expect(audit.map((a) => ({ action: a.action, subject: a.subject }))).toEqual([
        { action: 'template.published', subject: published.id },
        { action: 'template.published', subject: published.id },
        { action: 'template.pulled', subject: adopted.id },
      ]);
    });

    it('lets only the district admin publish and only a kepsek pull', async () => {
      const bk = await api.login('bk@sekolah-a.demo');
      const wali = await api.login('walikelas@sekolah-a.demo');
      expect((await api.send('POST', '/api/district/templates', bk, { schoolId: demo.schoolA, pathwayId: 'x', version: 1 })).status).toBe(403);
      expect((await api.get('/api/district/templates', wali)).status).toBe(403);
      expect((await api.get('/api/district/templates')).status).toBe(401);
      expect((await api.send('POST', '/api/district/templates/x/pull', bk, { pathwayId: 'y', expectedRevision: 1 })).status).toBe(403);
      const dinas = await api.login('dinas@kabupaten.demo');
      expect((await api.send('POST', '/api/district/templates', dinas, { schoolId: demo.schoolA, pathwayId: 'nope', version: 1 })).status).toBe(404);
      expect((await api.send('POST', '/api/district/templates', dinas, { schoolId: demo.schoolA })).status).toBe(400);
    });
  });
});
