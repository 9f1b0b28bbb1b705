/**
 * The contract as a client generator reads it: `/api/openapi.json` declares
 * a usable success body for every operation (no `{ type: object,
 * properties: {} }` anywhere, no success without content), the statuses the
 * middleware answers (401, 403 `csrf_failed`, 413), 415 on the CSV/XLSX
 * imports, 429 with `Retry-After` on login, the `Idempotency-Key` header and
 * `Idempotent-Replayed` where they are honoured, `Content-Disposition` on
 * downloads, `format: date`/`date-time` on dates, public health and login,
 * and request schemas as strict as the server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixture, fixtureApp, type Fixture, type FixtureApp } from './testing/fixture.ts';

type Json = Record<string, unknown>;
interface Operation {
  security?: unknown[];
  parameters?: { name: string; in: string; required?: boolean }[];
  requestBody?: { required?: boolean; content: Record<string, { schema: Json }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: Json }>; headers?: Record<string, unknown> }>;
}
interface Doc {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Json> };
}

let f: Fixture;
let api: FixtureApp;
let doc: Doc;
beforeAll(async () => {
  f = await createFixture({ studentsPerSchool: 1 });
  api = fixtureApp(f);
  doc = (await api.call(null, 'GET', '/api/openapi.json')).body as Doc;
});
afterAll(async () => {
  await f?.close();
});

const operations = () => Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, method, path, op })));
const op = (key: string) => {
  const found = operations().find((o) => o.key === key);
  if (!found) throw new Error(`${key} is not in the document`);
  return found.op;
};

/** Follows a `$ref` into the components. */
function resolve(schema: Json): Json {
  const ref = schema.$ref;
  return typeof ref === 'string' ? resolve(doc.components.schemas[ref.replace('#/components/schemas/', '')]!) : schema;
}

/** Every schema node of the document with its JSON path. */
function* nodes(value: unknown, path = ''): Generator<[string, Json]> {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield* nodes(value[i], `${path}/${i}`);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  yield [path, value as Json];
  for (const [k, v] of Object.entries(value)) yield* nodes(v, `${path}/${k}`);
}

/** Each named property of every object schema: [where, name, schema]. */
function* properties(): Generator<[string, string, Json]> {
  for (const [path, node] of nodes(doc)) {
    if (!path.includes('schema') && !path.startsWith('/components/schemas')) continue;
    const props = node.properties;
    if (props && typeof props === 'object' && !Array.isArray(props)) for (const [name, s] of Object.entries(props as Record<string, Json>)) yield [path, name, s];
  }
}

/** The formats a property schema allows (through `anyOf` and nullable type arrays). */
function formats(schema: Json): string[] {
  const s = resolve(schema);
  if (Array.isArray(s.anyOf)) return (s.anyOf as Json[]).flatMap(formats);
  if (Array.isArray(s.oneOf)) return (s.oneOf as Json[]).flatMap(formats);
  if (s.type === 'null') return ['null'];
  return [typeof s.format === 'string' ? s.format : `none(${JSON.stringify(s).slice(0, 60)})`];
}

describe('/api/openapi.json', () => {
  it('declares a usable success body for every operation', () => {
    const missing: string[] = [];
    for (const { key, op: o } of operations()) {
      const ok = Object.entries(o.responses).filter(([status]) => status.startsWith('2'));
      if (ok.length === 0) missing.push(`${key}: no success response`);
      for (const [status, r] of ok) {
        if (!r.content || Object.keys(r.content).length === 0) missing.push(`${key} ${status}: no content`);
        for (const [type, media] of Object.entries(r.content ?? {})) {
          if (!media.schema || Object.keys(media.schema).length === 0) missing.push(`${key} ${status} ${type}: no schema`);
          // The body itself names its fields: an object with no properties generates `Record<string, never>` or `unknown`.
          const body = media.schema ? resolve(media.schema) : {};
          if (body.type === 'object' && Object.keys((body.properties as Json | undefined) ?? {}).length === 0) missing.push(`${key} ${status} ${type}: an object without properties`);
        }
      }
    }
    expect(missing).toEqual([]);
    expect(operations().length).toBeGreaterThan(80);
  });

  it('has no object schema without its properties anywhere ({ type: object, properties: {} })', () => {
    const empty: string[] = [];
    for (const [path, node] of nodes(doc)) {
      const type = node.type;
      const isObject = type === 'object' || (Array.isArray(type) && type.includes('object') && type.length <= 2);
      if (!isObject) continue;
      const props = node.properties as Json | undefined;
      if ((!props || Object.keys(props).length === 0) && node.additionalProperties === undefined) empty.push(path);
    }
    expect(empty).toEqual([]);
  });

  it('never makes a named component nullable (a nullable use is anyOf [$ref, null])', () => {
    const nullable = Object.entries(doc.components.schemas).filter(([, s]) => Array.isArray(s.type) && (s.type as string[]).includes('null') && (s.type as string[]).includes('object'));
    expect(nullable.map(([name]) => name)).toEqual([]);
    expect(doc.components.schemas.ActiveStep!.type).toBe('object');
  });

  it('declares what the middleware answers: 401 and 403 where signed in, 413 on every body', () => {
    const missing: string[] = [];
    for (const { key, method, op: o } of operations()) {
      const publicOp = Array.isArray(o.security) && o.security.length === 0;
      if (!publicOp) for (const s of ['401', '403']) if (!o.responses[s]) missing.push(`${key} ${s}`);
      if (method !== 'get' && !o.responses['413']) missing.push(`${key} 413`);
      for (const [status, r] of Object.entries(o.responses)) {
        if (Number(status) >= 400 && Number(status) < 500) expect(r.content?.['application/json']?.schema, `${key} ${status}`).toEqual({ $ref: '#/components/schemas/Error' });
      }
    }
    expect(missing).toEqual([]);
    expect(String(op('POST /api/cases/{id}/notes').responses['403']!.description)).toContain('csrf_failed');
  });

  it('lets health, login and the reference page be called without a session, and nothing else', () => {
    const publicOps = operations().filter(({ op: o }) => Array.isArray(o.security) && o.security.length === 0).map((o) => o.key).sort();
    expect(publicOps).toEqual(['GET /api/docs', 'GET /api/docs/scalar.js', 'GET /api/health', 'POST /api/auth/login']);
    expect((doc as unknown as { security: unknown }).security).toEqual([{ bearer: [] }, { cookie: [] }]);
  });

  it('declares 429 with Retry-After on login, 415 on the CSV/XLSX imports, 400 wherever input is read', () => {
    const login = op('POST /api/auth/login');
    expect(login.responses['429']?.headers).toHaveProperty('Retry-After');
    for (const key of ['POST /api/students/import', 'POST /api/indicators/import']) {
      const o = op(key);
      expect(o.responses['415'], key).toBeDefined();
      expect(Object.keys(o.requestBody!.content).sort(), key).toEqual(['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv']);
    }
    const without400 = operations()
      .filter(({ op: o }) => (o.parameters?.length ?? 0) > 0 || o.requestBody)
      .filter(({ op: o }) => !o.responses['400'])
      .map((o) => o.key);
    expect(without400).toEqual([]);
  });

  it('declares Idempotency-Key and Idempotent-Replayed where a retry is honoured, Content-Disposition on downloads', () => {
    for (const key of ['POST /api/cases', 'POST /api/cases/{id}/events', 'POST /api/cases/{id}/notes', 'POST /api/cases/{id}/records']) {
      const o = op(key);
      expect(o.parameters?.some((p) => p.in === 'header' && p.name === 'idempotency-key'), key).toBe(true);
      const ok = Object.entries(o.responses).find(([s]) => s.startsWith('2'))![1];
      expect(ok.headers, key).toHaveProperty('Idempotent-Replayed');
    }
    expect(op('GET /api/students/{id}/export').responses['200']!.headers).toHaveProperty('Content-Disposition');
    for (const key of ['GET /api/reports/export.csv', 'GET /api/district/aggregates.csv']) {
      expect(op(key).responses['200']!.headers, key).toHaveProperty('Content-Disposition');
      expect(Object.keys(op(key).responses['200']!.content!), key).toEqual(['text/csv']);
    }
  });

  it('gives every date format: date and every instant format: date-time', () => {
    const wrong: string[] = [];
    for (const [where, name, schema] of properties()) {
      const fs = formats(schema).filter((x) => x !== 'null');
      if (/At$/.test(name) || name === 'at' || name === 'generatedAt') {
        if (!fs.every((x) => x === 'date-time' || x === 'date')) wrong.push(`${where}.${name}: ${fs.join('|')}`);
      } else if (['date', 'birthDate', 'givenAt', 'removed'].includes(name) || (where.includes('DistrictAggregates') && ['from', 'to'].includes(name))) {
        if (!fs.every((x) => x === 'date' || x === 'date-time')) wrong.push(`${where}.${name}: ${fs.join('|')}`);
      }
    }
    // Dates in the query or the path: the report periods, the calendar.
    for (const { key, op: o } of operations()) {
      for (const p of (o.parameters ?? []) as { name: string; in: string; schema?: Json }[]) {
        if (!['from', 'to', 'date'].includes(p.name) || !p.schema) continue;
        const fs = formats(p.schema);
        if (!fs.every((x) => x === 'date')) wrong.push(`${key} ${p.in} ${p.name}: ${fs.join('|')}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(formats((resolve(doc.components.schemas.Case!).properties as Record<string, Json>).openedAt!)).toEqual(['date-time']);
  });

  it('asks exactly what the server asks: lint needs a document, one NISN rule, accept has no body', () => {
    expect(resolve(doc.components.schemas.LintRequest!).required).toEqual(['document']);
    const nisnPatterns = new Set<string>();
    for (const [, name, schema] of properties()) if (name === 'nisn' && resolve(schema).pattern) nisnPatterns.add(String(resolve(schema).pattern));
    expect([...nisnPatterns]).toEqual(['^\\d{10}$']);
    expect(op('POST /api/referrals/{id}/accept').requestBody).toBeUndefined();
    expect(op('POST /api/referrals/{id}/reject').requestBody?.required).toBe(true);
    const reject = resolve(op('POST /api/referrals/{id}/reject').requestBody!.content['application/json']!.schema);
    expect(reject.required).toEqual(['reason']);
    expect((reject.properties as Record<string, Json>).reason).toMatchObject({ minLength: 1 });
  });

  it('lists every route the app serves', () => {
    const documented = new Set(operations().map((o) => o.key.replace(/\{(\w+)\}/g, ':$1')));
    const served = new Set(api.app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`));
    expect([...served].filter((r) => !documented.has(r) && r !== 'GET /api/openapi.json')).toEqual([]);
  });
});
