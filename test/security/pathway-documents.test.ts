/**
 * Pathway documents from strangers, through the API: deeply nested or huge
 * documents, too many steps, never-ending automatic cycles, unknown guard
 * types and prototype-pollution keys are refused with a clear, bilingual
 * reason within the size and depth limits — and refused bodies store nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixture, fixtureApp, type Fixture, type FixtureApp } from '@jalur/api/testing';

let f: Fixture;
let api: FixtureApp;
beforeAll(async () => {
  f = await createFixture({ studentsPerSchool: 1 });
  api = fixtureApp(f);
});
afterAll(() => f.close());

const step = (title: string) => ({ kind: 'monitoring', title: { id: title }, roles: ['guru_bk'] });
const doc = (machine: Record<string, unknown>, key = `asing-${Math.random().toString(36).slice(2, 8)}`) => ({ format: 'jalur.pathway/1', key, title: { id: 'Alur asing' }, layout: {}, machine: { id: 'm', ...machine } });
const FINAL = { type: 'final', meta: { kind: 'closure', title: { id: 'Selesai' } } };
const deepText = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);

/** Every message of a refusal, in English, joined — what an editor shows the author. */
function reasons(body: any): string {
  const issues = body?.error?.details?.issues ?? body?.issues ?? [];
  return issues.map((i: { message: { en?: string; id: string } }) => `${i.message.en ?? ''} | ${i.message.id}`).join('\n');
}

async function refused(raw: string, expectReason: RegExp) {
  const count = (await f.db.pathways.list({ districtId: f.districtId, schoolId: f.a.id })).length;
  const created = await api.call(f.a.users.kepsek, 'POST', '/api/pathways', raw);
  expect(created.status, JSON.stringify(created.body).slice(0, 300)).toBe(400);
  expect(created.body.error.code).toBe('invalid_document');
  expect(reasons(created.body)).toMatch(expectReason);
  expect(JSON.stringify(created.body).length, 'a refusal stays small').toBeLessThan(20_000);
  const saved = await api.call(f.a.users.kepsek, 'PUT', `/api/pathways/${f.a.loop.pathwayId}`, raw.replace(/^\{/, '{"expectedRevision":1,'));
  expect(saved.status).toBe(400);
  const lint = await api.call(f.a.users.kepsek, 'POST', '/api/pathways/lint', raw);
  expect(lint.status).toBe(200);
  expect(lint.body.valid).toBe(false);
  expect(reasons(lint.body)).toMatch(expectReason);
  expect((await f.db.pathways.list({ districtId: f.districtId, schoolId: f.a.id })).length).toBe(count);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
}

describe('pathway documents from strangers', () => {
  it('refuses JSON nested 100,000 levels deep, and its error path stays short', async () => {
    const raw = JSON.stringify({ document: doc({ initial: 'a', states: { a: { ...FINAL, meta: { kind: 'closure', title: { id: 'x' }, deep: 'DEEP' } } } }) }).replace('"DEEP"', deepText(100_000));
    await refused(raw, /too deep|terlalu dalam/i);
  });

  it('refuses steps nested deeper than the limit', async () => {
    let states: Record<string, unknown> = FINAL;
    for (let i = 0; i < 20; i++) states = { initial: 's', meta: step(`L${i}`), states: { s: states } };
    await refused(JSON.stringify({ document: doc(states) }), /too deep|terlalu dalam/i);
  });

  it('refuses more steps than the limit', async () => {
    const states: Record<string, unknown> = {};
    for (let i = 0; i < 2500; i++) states[`s${i}`] = FINAL;
    await refused(JSON.stringify({ document: doc({ initial: 's0', states }) }), /Too many steps/);
  });

  it('refuses a document over 2 MB that is otherwise well-formed; a body over the API limit is 413', async () => {
    const states: Record<string, unknown> = { z: FINAL };
    for (let i = 0; i < 1500; i++) states[`s${i}`] = { meta: step(`${'Langkah panjang '.repeat(90)}${i}`), on: { LANJUT: 'z' } };
    const raw = JSON.stringify({ document: doc({ initial: 's0', states }) });
    expect(raw.length).toBeGreaterThan(2_000_000);
    expect(raw.length).toBeLessThan(2_500_000);
    await refused(raw, /too large|terlalu besar/i);
    const tooBig = await api.call(f.a.users.kepsek, 'POST', '/api/pathways', JSON.stringify({ document: doc({ initial: 'a', states: { a: FINAL }, pad: 'x'.repeat(2_600_000) }) }));
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error.code).toBe('body_too_large');
  });

  it('refuses unknown guard types (no code in documents)', async () => {
    for (const guard of [{ type: 'eval', code: 'process.exit(1)' }, { type: 'js', src: 'return true' }, 'isAllowed', { type: 'and', guards: [{ type: 'function' }] }]) {
      const raw = JSON.stringify({ document: doc({ initial: 'a', states: { a: { meta: step('A'), on: { GO: { target: 'z', guard } } }, z: FINAL } }) });
      await refused(raw, /guard|syarat/i);
    }
  });

  it('refuses __proto__, constructor and prototype keys anywhere in the document', async () => {
    const bodies = [
      '{"document":{"format":"jalur.pathway/1","key":"p1","title":{"id":"P"},"machine":{"id":"m","initial":"a","states":{"a":{"type":"final"},"__proto__":{"polluted":true}}}}}',
      '{"document":{"format":"jalur.pathway/1","key":"p2","title":{"id":"P"},"machine":{"id":"m","initial":"a","states":{"a":{"type":"final","meta":{"__proto__":{"roles":["kepsek"]}}}}}}}',
      '{"document":{"format":"jalur.pathway/1","key":"p3","title":{"id":"P"},"machine":{"id":"m","initial":"a","states":{"a":{"type":"final"},"constructor":{"prototype":{"polluted":true}}}}}}',
      '{"document":{"format":"jalur.pathway/1","key":"p4","title":{"id":"P"},"__proto__":{"polluted":true},"machine":{"id":"m","initial":"a","states":{"a":{"type":"final"}}}}}',
      '{"document":{"format":"jalur.pathway/1","key":"p5","title":{"id":"P"},"machine":{"id":"m","initial":"a","states":{"a":{"on":{"GO":{"target":"z","guard":{"type":"check","params":{"__proto__":{"x":1}}}}}},"z":{"type":"final"}}}}}',
    ];
    for (const raw of bodies) await refused(raw, /__proto__|constructor|prototype/);
  });

  it('keeps a never-ending automatic cycle as a draft but refuses to publish it', async () => {
    const document = doc({ initial: 'a', states: { a: { meta: step('A'), always: { target: 'b' } }, b: { meta: step('B'), always: { target: 'a' }, on: { END: 'z' } }, z: FINAL } });
    const created = await api.call(f.a.users.kepsek, 'POST', '/api/pathways', { document });
    expect(created.status).toBe(201);
    const published = await api.call(f.a.users.kepsek, 'POST', `/api/pathways/${created.body.id}/publish`, {});
    expect(published.status).toBe(422);
    expect(published.body.error.code).toBe('lint_failed');
    expect(published.body.error.details.diagnostics.map((d: { code: string }) => d.code)).toContain('JALUR016');
    expect((await api.call(f.a.users.kepsek, 'GET', `/api/pathways/${created.body.id}/versions`)).body.items ?? []).toEqual([]);
  });
});
