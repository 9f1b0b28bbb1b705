/**
 * Hostile input on the core routes: generated bodies, ids and headers never
 * produce a 5xx, always the JSON error shape, and change no data.
 */
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixture, fixtureApp, type Fixture, type FixtureApp } from '../testing/fixture.ts';

let f: Fixture;
let api: FixtureApp;
let caseId: string;

beforeAll(async () => {
  f = await createFixture({ studentsPerSchool: 2 });
  api = fixtureApp(f);
  caseId = (await api.call(f.a.users.guru_bk, 'POST', '/api/cases', { studentId: f.a.students[0]!.id, pathwayId: f.a.loop.pathwayId })).body.id;
});
afterAll(() => f.close());

/** A digest of every row of every table, read on a separate connection. */
function checksum(): string {
  const db = new Database(f.file, { readonly: true });
  try {
    const hash = createHash('sha256');
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[];
    for (const { name } of tables) {
      for (const row of db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all()) hash.update(name).update(JSON.stringify(row));
    }
    return hash.digest('hex');
  } finally {
    db.close();
  }
}

const ids = fc.oneof(
  fc.constant('../../etc/passwd'),
  fc.constant("1' OR '1'='1"),
  fc.constant('%00'),
  fc.constant('x'.repeat(5000)),
  fc.string({ maxLength: 40 }).map((s) => encodeURIComponent(s) || 'kosong'),
);
const jsonValues = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.record({ type: fc.oneof(fc.string(), fc.integer(), fc.constant('CATAT')), expectedVersion: fc.oneof(fc.integer(), fc.string(), fc.double(), fc.constant(null)), data: fc.jsonValue({ maxDepth: 3 }) }, { requiredKeys: [] }),
  fc.record({ studentId: fc.oneof(fc.string(), fc.integer()), pathwayId: fc.oneof(fc.string(), fc.constant(null)), riskFactors: fc.array(fc.string(), { maxLength: 12 }) }, { requiredKeys: [] }),
  fc.record({ nisn: fc.string({ maxLength: 30 }), name: fc.string({ maxLength: 300 }), className: fc.string({ maxLength: 50 }), birthDate: fc.string() }, { requiredKeys: [] }),
  fc.record({ document: fc.jsonValue({ maxDepth: 5 }), expectedRevision: fc.oneof(fc.integer(), fc.string()) }, { requiredKeys: [] }),
);
const rawBodies = fc.oneof(
  jsonValues.map((v) => ({ body: JSON.stringify(v), type: 'application/json' })),
  fc.string({ maxLength: 200 }).map((s) => ({ body: s, type: 'application/json' })),
  fc.string({ maxLength: 200 }).map((s) => ({ body: s, type: 'text/plain' })),
  fc.constant({ body: '{"__proto__": {"polluted": true}, "type": "CATAT", "expectedVersion": 1}', type: 'application/json' }),
  fc.constant({ body: 'a=1&b=2', type: 'application/x-www-form-urlencoded' }),
);

describe('bad input', () => {
  it('never answers 5xx, always in the error shape, and a failed request changes no data', async () => {
    // Session rows exist before the first snapshot.
    await api.tokenFor(f.a.users.wali_kelas);
    await api.tokenFor(f.a.users.guru_bk);
    const routes = (id: string) => [
      ['POST', '/api/cases'],
      ['POST', `/api/cases/${caseId}/events`],
      ['POST', `/api/cases/${id}/events`],
      ['GET', `/api/cases/${id}`],
      ['GET', `/api/cases?state=${id}&status=${id}&limit=${id}`],
      ['POST', '/api/students'],
      ['GET', `/api/students/${id}`],
      ['POST', '/api/pathways'],
      ['PUT', `/api/pathways/${f.a.loop.pathwayId}`],
      ['PUT', `/api/pathways/${id}`],
      ['POST', `/api/pathways/${id}/publish`],
      ['GET', `/api/pathways/${id}/versions/${id}`],
      ['PUT', `/api/cases/${caseId}/assignee`],
      ['GET', `/api/cases/board?status=${id}&pathwayId=${id}`],
    ] as const;
    await fc.assert(
      fc.asyncProperty(ids, rawBodies, fc.nat({ max: 13 }), fc.constantFrom('none', 'wali_kelas', 'guru_bk'), async (id, { body, type }, which, who) => {
        const [method, path] = routes(id)[which]!;
        const user = who === 'none' ? null : f.a.users[who];
        const was = checksum();
        const res = await api.call(user, method, path, method === 'GET' ? undefined : body, { 'content-type': type });
        expect(res.status, `${method} ${path} ${body.slice(0, 80)}`).toBeLessThan(500);
        if (res.status >= 400) {
          expect(typeof res.body.error.code).toBe('string');
          expect(typeof res.body.error.message).toBe('string');
          expect(checksum(), `a failed ${method} ${path} changed data`).toBe(was);
        }
      }),
      { numRuns: 600 },
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
