/**
 * Generated hostile requests over every route of the app (fast-check,
 * ≥ 10,000 requests, in process through `app.request`): wrong types, missing
 * fields, huge strings, unicode, invalid JSON, wrong content types, path
 * traversal ids, SQL-injection strings, prototype-pollution keys, garbage
 * auth headers, internal `xstate.*` event types, impossible calendar dates
 * (`2026-13-45`) where dates are read, JSON nested thousands deep, as every role. Never a 5xx, every error in the
 * `{ error: { code, message } }` shape, and the database unchanged afterwards
 * (a digest of every row of every table; the only rows allowed to appear are
 * the audit rows the design asks for on refused logins and confidential reads).
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DERIVED_TABLES, type JalurDb } from '../../packages/db/src/index.ts';
import { appRoutes, createWorld, ROLES, type World } from './world.ts';

const RUNS = Number(process.env.JALUR_FUZZ_RUNS ?? 10_000);
/** Audit rows that reads and refused logins write by design. */
const AUDIT_BY_DESIGN = ['auth.login_failed', 'auth.login_locked', 'user.password_change_failed', 'case.read_confidential', 'note.read_rahasia', 'student.export', 'report.export', 'district.export'];

let w: World;
/** The app's own connection (reads only): `total_changes()` counts every row it has written. */
let reader: Extract<JalurDb['reportHandle'], { dialect: 'sqlite' }>['sqlite'];
beforeAll(async () => {
  w = await createWorld();
  const handle = w.f.db.reportHandle;
  if (handle.dialect !== 'sqlite') throw new Error('the fuzz test runs on SQLite');
  reader = handle.sqlite;
}, 120_000);
afterAll(async () => {
  await w?.f.close();
});
const totalChanges = () => (reader.prepare('SELECT total_changes() AS n').get() as { n: number }).n;

/** A digest of every row of every table (audit rows written by design left out). */
function checksum(): string {
  const hash = createHash('sha256');
  const tables = reader.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[];
  for (const { name } of tables) {
    if (name === 'login_failures') continue; // refused logins are counted by design
    // Caches of figures counted from other tables (the dashboard's saved figures), written when they are read.
    if (DERIVED_TABLES.includes(name)) continue;
    const where = name === 'audit_log' ? ` WHERE action NOT IN (${AUDIT_BY_DESIGN.map(() => '?').join(',')})` : '';
    const rows = reader.prepare(`SELECT * FROM "${name}"${where} ORDER BY rowid`).all(...(where ? AUDIT_BY_DESIGN : []));
    for (const row of rows) hash.update(name).update(JSON.stringify(row));
  }
  return hash.digest('hex');
}

const HUGE = 'ꦗ'.repeat(40_000);
const TOO_BIG = 'x'.repeat(2_600_000);
const hostileStrings = fc.oneof(
  fc.constantFrom(
    '../../etc/passwd', '..%2F..%2Fetc%2Fpasswd', '%2e%2e%2f%2e%2e%2f', '....//....//', '/dev/null', 'C:\\Windows\\win.ini',
    "1' OR '1'='1", "'; DROP TABLE students; --", '" OR 1=1 --', '1; SELECT * FROM users', "admin'--", '%00', '\u0000', '\r\nSet-Cookie: x=1',
    '__proto__', 'constructor', 'prototype', '<script>alert(1)</script>', '{{7*7}}', '${7*7}', 'NaN', '-1', '1e309', '9007199254740993',
    'ꦗꦭꦸꦂ', '👨‍👩‍👧‍👦', '\u202Egnp.exe', 'null', 'undefined', 'true', '', ' ',
  ),
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constant(HUGE),
);
const looseValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileStrings, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(hostileStrings, { maxLength: 4 }),
  fc.jsonValue({ maxDepth: 3 }), fc.dictionary(hostileStrings, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
);
/** Keys the routes read, so generated bodies reach past "missing field" into wrong types and values. */
const KEYS = [
  'email', 'password', 'document', 'expectedRevision', 'templateId', 'templateKey', 'key', 'version', 'studentId', 'pathwayId', 'riskFactors',
  'assigneeId', 'type', 'data', 'expectedVersion', 'nisn', 'name', 'className', 'birthDate', 'gender', 'body', 'confidentiality', 'purpose',
  'givenBy', 'method', 'givenAt', 'target', 'targetName', 'reason', 'kind', 'entries', 'rules', 'decision', 'outcomeReport', 'confirm', 'role',
  'fromVersion', 'toVersion', 'level', 'sourcePathwayId', '__proto__', 'constructor',
];
/** Dates no calendar has, and dates with impossible times. */
const impossibleDates = fc.constantFrom('2026-13-45', '2026-02-30', '2025-02-29', '0000-00-00', '2026-00-10', '2026-04-31', '99999-01-01', '2026-02-21T25:61:00Z', '2026-13-45T00:00:00.000Z', '2026-1-5');
/** XState's internal events, which only the scheduler may send. */
const xstateTypes = fc.constantFrom(
  'xstate.init', 'xstate.stop', 'xstate.after.P7D.uji-loop.pemantauan', 'xstate.after(604800000)#uji-loop.pemantauan', 'xstate.done.state.uji-loop',
  'xstate.done.actor.x', 'xstate.error.actor.x', 'xstate.snapshot.x', 'xstate.after.1.uji-loop.konseling', 'xstate.',
);
/** `{"a":{"a":…}}` or `[[[…]]]` nested `depth` levels, written as text (serializing it would overflow the stack). */
const deepJson = (depth: number, arrays: boolean) => (arrays ? `${'['.repeat(depth)}1${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`);
const hostileShapes = fc.oneof(
  fc.record({ type: xstateTypes, expectedVersion: fc.integer({ min: 0, max: 5 }), data: fc.option(fc.dictionary(fc.constantFrom('catatan', 'hadir', 'x'), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 2 }), { nil: undefined }) }),
  impossibleDates.map((d) => ({ purpose: 'referral', givenBy: 'Ibu Sari', method: 'verbal', givenAt: d })),
  impossibleDates.map((d) => ({ kind: 'home_visit', data: { plan: 'Kunjungan', date: d, visitors: ['Guru BK'], findings: 'Ibu bekerja' } })),
  impossibleDates.map((d) => ({ kind: 'counseling_session', data: { date: d, mode: 'individual', topic: 'Motivasi' } })),
  impossibleDates.map((d) => ({ nisn: '0012345678', name: 'Siswa Fuzz', className: 'X-1', birthDate: d })),
  impossibleDates.map((d) => ({ entries: [{ date: d, kind: 'holiday', note: null }] })),
  impossibleDates.map((d) => ({ fromVersion: 1, toVersion: 2, filter: { state: d } })),
).map((v) => ({ body: JSON.stringify(v), type: 'application/json' }));
const deepBodies = fc
  .record({ depth: fc.constantFrom(64, 1_000, 5_000, 20_000), arrays: fc.boolean(), key: fc.constantFrom('data', 'document', 'entries', 'rules', 'params', 'body', 'stateMap') })
  .map(({ depth, arrays, key }) => ({ body: `{"type":"CATAT","expectedVersion":1,"${key}":{"catatan":${deepJson(depth, arrays)}}}`, type: 'application/json' }));
const bodies = fc.oneof(
  hostileShapes,
  deepBodies,
  fc.dictionary(fc.constantFrom(...KEYS), looseValue, { maxKeys: 6 }).map((v) => ({ body: JSON.stringify(v), type: 'application/json' })),
  fc.jsonValue({ maxDepth: 6 }).map((v) => ({ body: JSON.stringify(v), type: 'application/json' })),
  fc.string({ maxLength: 120 }).map((s) => ({ body: s, type: 'application/json' })),
  fc.constantFrom('{', '{"a":', '[1,2', '{"type":"CATAT",}', 'nul', '\uFEFF{}', '{"a":1}{"b":2}', '"x"', '1e999999').map((s) => ({ body: s, type: 'application/json' })),
  fc.constantFrom(
    '{"__proto__": {"polluted": true}, "type": "CATAT", "expectedVersion": 1}',
    '{"constructor": {"prototype": {"polluted": true}}, "nisn": "12ab", "name": "x", "className": "X-1"}',
    '{"document": {"__proto__": {"polluted": true}, "format": "jalur.pathway/1"}, "expectedRevision": 1}',
    '{"entries": [{"__proto__": {"polluted": true}, "nisn": "1", "kind": "attendance"}]}',
  ).map((s) => ({ body: s, type: 'application/json' })),
  fc.record({ body: fc.string({ maxLength: 200 }), type: fc.constantFrom('text/plain', 'text/csv', 'application/xml', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', '', 'application/json; charset=utf-16') }),
  fc.constantFrom('nisn,nama,kelas\n', 'nisn,nama\n"unterminated', '\u0000\u0001\u0002', 'PK\u0003\u0004garbage').map((s) => ({ body: s, type: 'text/csv' })),
  fc.constant({ body: TOO_BIG, type: 'application/json' }),
);
const headerNoise = fc.record(
  {
    'idempotency-key': hostileStrings.filter((s) => s.length < 200 && !/[\r\n\u0000]/.test(s) && /^[\x20-\x7e]*$/.test(s)),
    'accept-language': fc.constantFrom('en', 'id', 'xx', '*', 'en;q=abc'),
    'x-csrf-token': fc.constantFrom('x', ''),
  },
  { requiredKeys: [] },
);
const anonAuth = fc.constantFrom<Record<string, string>>(
  {}, { authorization: 'Bearer ' }, { authorization: 'Bearer aaaaaaaaaaaaaaaaaaaaaaaaaaaaa' }, { authorization: 'Basic YTpi' },
  { cookie: 'jalur_session=' + 'a'.repeat(40) }, { cookie: 'jalur_session=%00%00' }, { authorization: `Bearer ${'A'.repeat(600)}` },
);

describe('fuzz: every route, hostile input', () => {
  it(`sends ${RUNS} generated requests: no 5xx, the error shape, no data changed`, async () => {
    const routes = appRoutes(w.api.app).filter((r) => r !== 'GET /api/openapi.json');
    const ownIds = Object.values(w.a).filter((v) => typeof v === 'string');
    const otherIds = Object.values(w.b).filter((v) => typeof v === 'string');
    const ids = fc.oneof(
      hostileStrings.map((s) => (s === HUGE ? 'x'.repeat(3000) : s)),
      fc.constantFrom(...otherIds),
      fc.uuid(),
    );
    // Reads may name the caller's own records too (they change nothing).
    const readIds = fc.oneof(ids, fc.constantFrom(...ownIds));
    for (const role of ROLES) if (role !== 'anonymous') await w.api.tokenFor(w.userOf(role));
    const before = checksum();
    let version = totalChanges();
    const changedBy: string[] = [];
    const perRoute = new Map<string, number>();
    let sent = 0;

    await fc.assert(
      fc.asyncProperty(
        fc.constant(0), fc.constantFrom(...ROLES), fc.array(readIds, { minLength: 3, maxLength: 3 }), fc.array(ids, { minLength: 3, maxLength: 3 }),
        bodies, headerNoise, anonAuth, fc.option(fc.dictionary(fc.constantFrom('limit', 'offset', 'state', 'status', 'studentId', 'from', 'to', 'days', 'kind', 'scope', 'dryRun', 'pathwayId', 'search', '__proto__'), fc.oneof(hostileStrings.map((s) => s.slice(0, 300)), impossibleDates), { maxKeys: 4 })),
        async (which, role, readPick, writePick, { body, type }, noise, anon, query) => {
          // Round robin over the routes, so each gets its share; what is sent to it is generated.
          const route = routes[(sent + which) % routes.length]!;
          const [method, template] = route.split(' ') as [string, string];
          const safe = method === 'GET' || method === 'HEAD';
          // The district admin legitimately manages school B's kepsek account: account actions name no real account here.
          const pick = safe ? readPick : template.startsWith('/api/accounts/') ? writePick.map((id) => (otherIds.includes(id) ? 'akun-tidak-ada' : id)) : writePick;
          let n = 0;
          const raw = template.replace(/:(\w+)/g, () => pick[n++ % pick.length]!);
          const path = raw.split('/').map((seg, i) => (i === 0 || !template.split('/')[i]?.startsWith(':') ? seg : encodeURIComponent(seg))).join('/');
          const qs = query ? '?' + new URLSearchParams(query as Record<string, string>).toString() : '';
          // Sign-out is fuzzed with garbage credentials only: a real one would end the session the run signs in with.
          const who = route === 'POST /api/auth/logout' ? 'anonymous' : role;
          const headers: Record<string, string> = { ...noise, ...(who === 'anonymous' ? anon : {}) };
          if (!safe && type !== '') headers['content-type'] = type;
          const res = await w.call(who, method, path + qs, safe ? undefined : body, headers);
          sent++;
          perRoute.set(route, (perRoute.get(route) ?? 0) + 1);
          const what = `${who} ${method} ${path.slice(0, 120)}${qs.slice(0, 80)} ${type} ${body.slice(0, 100)}`;
          expect(res.status, what).toBeLessThan(500);
          if (res.status >= 400) {
            expect(typeof res.body?.error?.code, `${what} → ${res.text.slice(0, 200)}`).toBe('string');
            expect(typeof res.body?.error?.message, what).toBe('string');
          }
          const now = totalChanges();
          if (now !== version) {
            version = now;
            changedBy.push(`${res.status} ${what}`);
          }
        },
      ),
      { numRuns: RUNS, seed: process.env.JALUR_FUZZ_SEED ? Number(process.env.JALUR_FUZZ_SEED) : undefined },
    );
    expect(sent).toBeGreaterThanOrEqual(RUNS);
    expect(routes.filter((r) => (perRoute.get(r) ?? 0) < Math.min(20, RUNS / routes.length / 4)), 'routes the run barely reached').toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(checksum(), `the database changed; requests that wrote:\n${changedBy.slice(0, 20).join('\n')}`).toBe(before);
  }, 240_000);
});
