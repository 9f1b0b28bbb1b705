/**
 * A client developer's view of the contract: types generated from
 * `/api/openapi.json` with openapi-typescript, a small program on
 * openapi-fetch — sign in, list cases, open one, advance it, read tasks, the
 * district templates, a migration dry run — type-checked with `tsc` (no cast
 * anywhere: every body it reads is typed, not `unknown` or `never`), then run
 * against the real API on a free port, where each answer has what the types
 * promised.
 */
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import openapiTS, { astToString } from 'openapi-typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixture, fixtureApp, FIXTURE_PASSWORD, ROOT, type Fixture, type FixtureApp } from '@jalur/api/testing';

/** Test-owned and gitignored (test/api/.gitignore); removed after the run. */
const OUT = join(ROOT, 'test', 'api', `.generated-client-${process.pid}`);

/** The program a client developer would write; `tsc --strict` must accept it as it is. */
const PROGRAM = `
import createClient from 'openapi-fetch';
import type { paths } from './api.ts';

const client = createClient<paths>({ baseUrl: process.env.JALUR_URL ?? 'http://127.0.0.1:8787' });

export interface Summary {
  signedIn: string;
  listed: number;
  opened: { id: string; version: number; steps: string[]; actions: string[]; openedAt: string; replayed: string | null };
  advanced: { version: number; state: string } | { error: string };
  tasks: { count: number; overdue: number; firstDue: string | null };
  templates: { keys: string[]; adoptions: number };
  dryRun: { cases: number; to: string[]; unmappable: number } | { error: string };
}

async function signIn(email: string): Promise<{ headers: { authorization: string } }> {
  const { data, error, response } = await client.POST('/api/auth/login', { body: { email, password: process.env.JALUR_PASSWORD ?? '' } });
  if (!data) throw new Error(\`login \${response.status}: \${error?.error.code ?? ''}\`);
  const token: string = data.token;
  const role: 'kepsek' | 'guru_bk' | 'wali_kelas' | 'tim' | 'admin_dinas' = data.user.role;
  if (role === 'admin_dinas') throw new Error('expected a school account');
  return { headers: { authorization: \`Bearer \${token}\` } };
}

export async function main(): Promise<Summary> {
  const bk = await signIn(process.env.JALUR_BK ?? '');
  const me = await client.GET('/api/auth/me', bk);
  if (!me.data) throw new Error('me');
  const signedIn: string = me.data.user.email;

  const cases = await client.GET('/api/cases', { ...bk, params: { query: { status: 'active', limit: 50 } } });
  if (!cases.data) throw new Error(\`cases: \${cases.error?.error.message ?? ''}\`);
  const listed: number = cases.data.items.length;

  const students = await client.GET('/api/students', { ...bk, params: { query: { limit: 10 } } });
  const pathways = await client.GET('/api/pathways', bk);
  const student = students.data?.items.find((s) => !cases.data.items.some((k) => k.studentId === s.id));
  const pathway = pathways.data?.items.find((p) => p.scope === 'school' && p.key === 'uji-loop');
  if (!student || !pathway) throw new Error('no student or pathway to open a case with');
  const created = await client.POST('/api/cases', { ...bk, params: { header: { 'idempotency-key': 'generated-client-1' } }, body: { studentId: student.id, pathwayId: pathway.id } });
  if (!created.data) throw new Error(\`open: \${created.error?.error.code ?? ''}\`);
  const opened = created.data;
  const steps: string[] = [];
  for (const step of opened.steps) steps.push(step.stateId);
  const actions = opened.availableEvents.filter((e) => e.enabled).map((e) => e.type);

  const next = opened.availableEvents.find((e) => e.enabled && e.type === 'SESI_SELESAI');
  let advanced: Summary['advanced'] = { error: 'no enabled event' };
  if (next) {
    const moved = await client.POST('/api/cases/{id}/events', { ...bk, params: { path: { id: opened.id } }, body: { type: next.type, expectedVersion: opened.version, data: { catatan: 'Sesi pertama' } } });
    advanced = moved.data ? { version: moved.data.version, state: moved.data.state } : { error: moved.error?.error.code ?? String(moved.response.status) };
  }

  const tasks = await client.GET('/api/tasks', { ...bk, params: { query: { scope: 'all' } } });
  if (!tasks.data) throw new Error('tasks');
  const overdue: number = tasks.data.counts.overdue;
  const firstDue: string | null = tasks.data.items[0]?.dueAt ?? null;

  const kepsek = await signIn(process.env.JALUR_KEPSEK ?? '');
  const library = await client.GET('/api/district/templates', kepsek);
  if (!library.data) throw new Error('templates');
  let adoptions = 0;
  for (const t of library.data.items) adoptions += t.adoptions.length;

  const plan = await client.POST('/api/pathways/{id}/migrations/dry-run', { ...kepsek, params: { path: { id: pathway.id } }, body: { fromVersion: 1, toVersion: 2 } });
  const dryRun: Summary['dryRun'] = plan.data
    ? { cases: plan.data.cases.length, to: plan.data.cases.flatMap((c) => c.to), unmappable: plan.data.unmappable.length }
    : { error: plan.error?.error.code ?? String(plan.response.status) };

  return {
    signedIn,
    listed,
    opened: { id: opened.id, version: opened.version, steps, actions, openedAt: opened.openedAt, replayed: created.response.headers.get('idempotent-replayed') },
    advanced,
    tasks: { count: tasks.data.items.length, overdue, firstDue },
    templates: { keys: library.data.items.map((t) => t.key), adoptions },
    dryRun,
  };
}

main().then((s) => console.log(JSON.stringify(s)), (e: unknown) => { console.error(e); process.exitCode = 1; });
`;

const TSCONFIG = {
  compilerOptions: {
    target: 'ES2023', lib: ['ES2023', 'DOM'], module: 'nodenext', moduleResolution: 'nodenext', strict: true, noUncheckedIndexedAccess: true,
    allowImportingTsExtensions: true, noEmit: true, types: ['node'], skipLibCheck: false,
  },
  files: ['program.ts'],
};

let f: Fixture;
let api: FixtureApp;
let server: ServerType;
let url: string;

beforeAll(async () => {
  f = await createFixture({ studentsPerSchool: 4 });
  api = fixtureApp(f);
  // A case on version 1, then a second version of the loop pathway: what the migration dry run plans.
  expect((await api.call(f.a.users.guru_bk, 'POST', '/api/cases', { studentId: f.a.students[3]!.id, pathwayId: f.a.loop.pathwayId })).status).toBe(201);
  const scope = { districtId: f.districtId, schoolId: f.a.id };
  const row = (await f.db.pathways.get(scope, f.a.loop.pathwayId))!;
  const draft = { ...(row.draft as Record<string, unknown>), title: { id: 'Alur uji v2', en: 'Test pathway v2' } };
  const saved = await f.db.pathways.updateDraft(scope, { id: row.id, expectedRevision: row.draftRevision, draft, updatedBy: f.a.users.kepsek.id, now: f.clock.now() });
  if (!saved.ok) throw new Error(saved.error.message);
  const published = await f.db.pathways.publish(scope, { id: row.id, publishedBy: f.a.users.kepsek.id, now: f.clock.now() });
  if (!published.ok) throw new Error(published.error.message);
  server = serve({ fetch: api.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  mkdirSync(OUT, { recursive: true });
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await f?.close();
  rmSync(OUT, { recursive: true, force: true });
});

/** Generates `api.ts` from a document and type-checks the program against it; returns tsc's output. */
async function compile(doc: object): Promise<{ status: number | null; output: string }> {
  writeFileSync(join(OUT, 'api.ts'), astToString(await openapiTS(doc as Parameters<typeof openapiTS>[0])));
  writeFileSync(join(OUT, 'program.ts'), PROGRAM);
  writeFileSync(join(OUT, 'tsconfig.json'), JSON.stringify(TSCONFIG, null, 2));
  const r = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(OUT, 'tsconfig.json')], { encoding: 'utf8', cwd: OUT });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

describe('a client generated from /api/openapi.json (openapi-typescript + openapi-fetch)', () => {
  it('compiles a program that signs in, lists, opens and advances cases, reads tasks, templates and a migration dry run — no cast', async () => {
    const doc = (await api.call(null, 'GET', '/api/openapi.json')).body as object;
    const { status, output } = await compile(doc);
    expect(output).toBe('');
    expect(status).toBe(0);
    expect(PROGRAM).not.toMatch(/\bas\s+(unknown|never|any|\{|[A-Z])|<any>|: any\b/);
  }, 120_000);

  it('runs that program against the API, and every answer is what the types said', async () => {
    // Asynchronously: the API answering it runs in this process.
    const r = await promisify(execFile)(process.execPath, ['--import', 'tsx', join(OUT, 'program.ts')], {
      encoding: 'utf8',
      cwd: ROOT,
      env: { ...process.env, JALUR_URL: url, JALUR_PASSWORD: FIXTURE_PASSWORD, JALUR_BK: f.a.users.guru_bk.email, JALUR_KEPSEK: f.a.users.kepsek.email },
      timeout: 120_000,
    });
    expect(r.stderr).toBe('');
    const s = JSON.parse(r.stdout.trim().split('\n').at(-1)!);
    expect(s.signedIn).toBe(f.a.users.guru_bk.email);
    expect(s.opened).toMatchObject({ version: 1, steps: ['konseling'], replayed: null });
    expect(s.listed).toBe(1);
    expect(s.opened.actions).toContain('SESI_SELESAI');
    expect(new Date(s.opened.openedAt).toISOString()).toBe(s.opened.openedAt);
    expect(s.advanced).toEqual({ version: 2, state: 'pemantauan' });
    expect(s.tasks.count).toBeGreaterThan(0);
    expect(s.templates.keys).toEqual(expect.any(Array));
    expect(s.dryRun).toEqual({ cases: 1, to: ['konseling'], unmappable: 0 });
  }, 120_000);
});
