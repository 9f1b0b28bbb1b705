/**
 * Sign-in and session security through the API on a real SQLite file: the
 * login rate limit and the account lockout (and its end), session expiry,
 * sliding and logout for bearer and cookie sessions, CSRF defence for cookie
 * writes, security headers on API, error and editor responses, and the audit
 * rows for logins, confidential reads, role changes and exports.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../packages/db/src/index.ts';
import { createApp } from '@jalur/api';
import { createFixture, FIXTURE_PASSWORD, fixtureApp, type Fixture, type FixtureApp } from '@jalur/api/testing';

let f: Fixture;
let api: FixtureApp;
beforeAll(async () => {
  f = await createFixture({ studentsPerSchool: 2 });
  api = fixtureApp(f);
});
afterAll(() => f.close());

const login = (email: string, password: string, ip = '10.0.0.1') =>
  api.app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': ip }, body: JSON.stringify({ email, password }) });
const MINUTE = 60_000;

async function auditActions(schoolId: string | null, subject?: string) {
  return (await f.db.audit.list(schoolId, { ...(subject ? { subject } : {}), limit: 1000 })).map((a) => a.action);
}

describe('login', () => {
  it('audits a success and a failure, locks after 5 wrong passwords even for the right one, and unlocks after 15 minutes', async () => {
    const user = f.a.users.wali_kelas;
    expect((await login(user.email, FIXTURE_PASSWORD)).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await login(user.email, `salah-${i}`)).status).toBe(401);
    const locked = await login(user.email, FIXTURE_PASSWORD);
    // Refused with the answer a wrong password gets (see "answers alike" below).
    expect(locked.status).toBe(401);
    expect(((await locked.json()) as { error: { code: string } }).error.code).toBe('invalid_credentials');
    const actions = await auditActions(f.a.id, `user:${user.id}`);
    expect(actions.filter((a) => a === 'auth.login')).toHaveLength(1);
    expect(actions.filter((a) => a === 'auth.login_failed')).toHaveLength(5);
    expect(actions).toContain('auth.login_locked');
    f.clock.advance(15 * MINUTE + 1000);
    expect((await login(user.email, FIXTURE_PASSWORD)).status).toBe(200);
  });

  it('audits a failed login for an unknown email without storing the password tried', async () => {
    expect((await login('orang-asing@luar.test', 'KataSandiRahasia!77')).status).toBe(401);
    const rows = await f.db.audit.list(null, { subject: 'email:orang-asing@luar.test' });
    expect(rows.map((r) => r.action)).toEqual(['auth.login_failed']);
    expect(JSON.stringify(rows)).not.toContain('KataSandiRahasia');
  });

  it('rate-limits 10 attempts per email and IP in 15 minutes, before the password is checked', async () => {
    const email = 'penebak@luar.test'; // no account, so no lockout: only the rate limit answers 429
    for (let i = 0; i < 10; i++) expect((await login(email, `tebakan-${i}`, '10.0.0.9')).status).toBe(401);
    const limited = await login(email, 'tebakan-x', '10.0.0.9');
    expect(limited.status).toBe(429);
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await f.db.audit.list(null, { subject: `email:${email}` })).length, 'a limited attempt reaches no password check').toBe(10);
    f.clock.advance(16 * MINUTE);
    expect((await login(email, 'tebakan-y', '10.0.0.9')).status).toBe(401);
  });
});

describe('brute force', () => {
  /** An app of its own (its own in-memory limits) on the fixture's database; `trustProxy` as behind one reverse proxy. */
  const appWith = (opts: Partial<Parameters<typeof createApp>[0]> = {}) => createApp({ db: f.db, clock: f.clock, compiled: f.compiled, ...opts });
  const attempt = (app: ReturnType<typeof createApp>, email: string, password: string, xff?: string) =>
    app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json', ...(xff ? { 'x-forwarded-for': xff } : {}) }, body: JSON.stringify({ email, password }) });

  it('counts 9 concurrent wrong passwords as 9 (the count is not read before the hash and written after)', async () => {
    const user = f.b.users.guru_bk;
    const app = appWith();
    const answers = await Promise.all(Array.from({ length: 9 }, (_, i) => attempt(app, user.email, `tebakan-serentak-${i}`)));
    expect(answers.map((r) => r.status)).toEqual(Array(9).fill(401));
    expect((await f.db.users.get(user.id))?.failedLogins).toBe(9);
    f.clock.advance(16 * MINUTE);
    expect((await attempt(app, user.email, FIXTURE_PASSWORD)).status).toBe(200);
    expect((await f.db.users.get(user.id))?.failedLogins).toBe(0);
  });

  it('behind a proxy, takes the right-most X-Forwarded-For hop: a client varying the first entry stays one client', async () => {
    const app = appWith({ trustProxy: true, loginRateLimit: { maxAttempts: 3, windowMs: 15 * MINUTE } });
    const email = 'spoof@luar.test';
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await attempt(app, email, 'tebakan', `198.51.100.${i + 1}, 203.0.113.77`)).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    const rows = await f.db.audit.list(null, { subject: `email:${email}` });
    expect(rows.map((r) => (r.details as { source: string }).source)).toEqual(['203.0.113.77', '203.0.113.77', '203.0.113.77']);
    // Another client (another right-most hop) is not limited by it.
    expect((await attempt(app, email, 'tebakan', '198.51.100.1, 203.0.113.78')).status).toBe(401);
  });

  it('limits one address across accounts (429 with Retry-After); successful logins do not count, other addresses are not limited', async () => {
    const app = appWith({ trustProxy: true, loginRateLimit: { maxAttempts: 10, windowMs: 15 * MINUTE, perIpAttempts: 5 } });
    const ip = '203.0.113.90';
    // A colleague at the same address signing in is not a failure.
    expect((await attempt(app, f.a.users.tim.email, FIXTURE_PASSWORD, ip)).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await attempt(app, `sasaran-${i}@luar.test`, 'sandi-umum-123', ip)).status).toBe(401);
    const limited = await attempt(app, 'sasaran-9@luar.test', 'sandi-umum-123', ip);
    expect(limited.status).toBe(429);
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await attempt(app, f.a.users.kepsek.email, FIXTURE_PASSWORD, ip)).status, 'limited before the password is checked').toBe(429);
    expect((await attempt(app, f.a.users.kepsek.email, FIXTURE_PASSWORD, '198.51.100.200')).status).toBe(200);
    f.clock.advance(15 * MINUTE + 1000);
    expect((await attempt(app, 'sasaran-9@luar.test', 'sandi-umum-123', ip)).status).toBe(401);
  });

  it('counts an IPv6 client by its /64: rotating addresses within it does not escape the limit', async () => {
    const app = appWith({ trustProxy: true, loginRateLimit: { maxAttempts: 10, windowMs: 15 * MINUTE, perIpAttempts: 3 } });
    const statuses: number[] = [];
    for (let i = 1; i <= 4; i++) statuses.push((await attempt(app, `v6-${i}@luar.test`, 'tebakan', `2001:db8:77:1::${i.toString(16)}`)).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    expect((await attempt(app, 'v6-9@luar.test', 'tebakan', '2001:db8:77:2::1')).status, 'another /64').toBe(401);
  });

  it('answers a locked account, an unknown email and a wrong password alike: same status, code, message, headers and similar time', async () => {
    const app = appWith({ trustProxy: true });
    const ip = '203.0.113.120';
    const victim = f.b.users.kepsek;
    for (let i = 0; i < 5; i++) expect((await attempt(app, victim.email, `salah-${i}`, ip)).status).toBe(401);
    const timed = async (email: string, password: string) => {
      const t0 = performance.now();
      const res = await attempt(app, email, password, ip);
      const ms = performance.now() - t0;
      return { ms, status: res.status, body: await res.text(), retryAfter: res.headers.get('retry-after') };
    };
    const kinds = {
      locked: () => timed(victim.email, FIXTURE_PASSWORD),
      unknown: () => timed(`tidak-terdaftar-${Math.random()}@luar.test`, FIXTURE_PASSWORD),
      wrong: () => timed(f.b.users.tim.email, 'salah-sekali-lagi'),
    };
    const seen: Record<string, { ms: number[]; answers: Set<string> }> = {};
    for (let round = 0; round < 3; round++) {
      for (const [kind, run] of Object.entries(kinds)) {
        const r = await run();
        (seen[kind] ??= { ms: [], answers: new Set() }).ms.push(r.ms);
        seen[kind].answers.add(JSON.stringify([r.status, r.body, r.retryAfter]));
      }
    }
    const answers = new Set(Object.values(seen).flatMap((s) => [...s.answers]));
    expect([...answers], 'one answer for all three').toHaveLength(1);
    expect(JSON.parse([...answers][0]!)[0]).toBe(401);
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[1]!;
    const medians = Object.fromEntries(Object.entries(seen).map(([k, s]) => [k, median(s.ms)]));
    const [lo, hi] = [Math.min(...Object.values(medians)), Math.max(...Object.values(medians))];
    expect(hi / lo, `median times ${JSON.stringify(medians)}`).toBeLessThan(3);
  });

  it('locks per source and account: a stranger’s wrong passwords do not lock the owner out elsewhere', async () => {
    const app = appWith({ trustProxy: true });
    const owner = f.b.users.wali_kelas;
    for (let i = 0; i < 6; i++) expect((await attempt(app, owner.email, `salah-${i}`, '203.0.113.200')).status).toBe(401);
    expect((await attempt(app, owner.email, FIXTURE_PASSWORD, '203.0.113.200')).status, 'the stranger’s address is locked').toBe(401);
    expect((await attempt(app, owner.email, FIXTURE_PASSWORD, '192.168.10.25')).status, 'the owner at school signs in').toBe(200);
  });

  it('stores new hashes at scrypt N ≥ 2^17 and replaces an older, cheaper hash at the next successful login', async () => {
    const old = await hashPassword('sandi-lama-sekali', { N: 2 ** 14, r: 8, p: 1 });
    const made = await f.db.users.create({ email: 'lama@a.uji', name: 'Akun Lama', role: 'tim', schoolId: f.a.id, districtId: f.districtId, password: '', passwordHash: old, now: f.clock.now() });
    if (!made.ok) throw new Error(made.error.message);
    const fresh = await hashPassword('apa saja');
    expect(Number(fresh.split('$')[1])).toBeGreaterThanOrEqual(2 ** 17);
    const app = appWith();
    expect((await attempt(app, 'lama@a.uji', 'sandi-lama-sekali')).status).toBe(200);
    const logins = await f.db.audit.list(f.a.id, { subject: `user:${made.value.id}`, action: 'auth.login' });
    expect(logins.map((a) => a.details)).toEqual([{ rehashed: true }]);
    const handle = f.db.reportHandle;
    if (handle.dialect !== 'sqlite') throw new Error('runs on SQLite');
    const stored = (handle.sqlite.prepare('SELECT password_hash FROM users WHERE id = ?').get(made.value.id) as { password_hash: string }).password_hash;
    expect(Number(stored.split('$')[1])).toBe(2 ** 17);
    expect((await attempt(app, 'lama@a.uji', 'sandi-lama-sekali')).status).toBe(200);
  });
});

describe('cross-site requests', () => {
  it('cannot sign in with a simple cross-site form (JSON only) and get no CORS grant', async () => {
    const body = JSON.stringify({ email: f.a.users.kepsek.email, password: FIXTURE_PASSWORD });
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const res = await api.app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': type, origin: 'https://jahat.example' }, body });
      expect(res.status, type).toBe(400);
      expect(res.headers.get('set-cookie'), type).toBeNull();
    }
    const preflight = await api.app.request('/api/cases', { method: 'OPTIONS', headers: { origin: 'https://jahat.example', 'access-control-request-method': 'POST' } });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const read = await api.app.request('/api/health', { headers: { origin: 'https://jahat.example' } });
    expect(read.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('sessions', () => {
  it('expire after 12 idle hours, slide while used, and end at logout (bearer and cookie)', async () => {
    const user = f.a.users.guru_bk;
    const res = await login(user.email, FIXTURE_PASSWORD);
    const body = (await res.json()) as { token: string; csrfToken: string };
    const bearer = { authorization: `Bearer ${body.token}` };
    const me = (headers: Record<string, string>) => api.app.request('/api/auth/me', { headers });
    expect((await me(bearer)).status).toBe(200);
    f.clock.advance(11 * 60 * MINUTE);
    expect((await me(bearer)).status).toBe(200); // used: slides another 12 hours
    f.clock.advance(11 * 60 * MINUTE);
    expect((await me(bearer)).status).toBe(200);
    f.clock.advance(12 * 60 * MINUTE + MINUTE);
    expect((await me(bearer)).status).toBe(401);

    const again = await login(user.email, FIXTURE_PASSWORD);
    const cookie = again.headers.get('set-cookie')!.split(';')[0]!;
    const session = (await again.json()) as { token: string; csrfToken: string };
    expect((await me({ cookie })).status).toBe(200);
    const out = await api.app.request('/api/auth/logout', { method: 'POST', headers: { cookie, 'x-csrf-token': session.csrfToken } });
    expect(out.status).toBe(200);
    expect(out.headers.get('set-cookie')).toMatch(/jalur_session=;|Max-Age=0/);
    expect((await me({ cookie })).status).toBe(401);
    expect((await me({ authorization: `Bearer ${session.token}` })).status).toBe(401);
  });

  it('end 24 hours after login however busy, and the cookie lasts that long', async () => {
    const res = await login(f.a.users.kepsek.email, FIXTURE_PASSWORD);
    expect(res.headers.get('set-cookie')).toMatch(/Max-Age=86400\b/);
    const { token } = (await res.json()) as { token: string };
    const me = () => api.app.request('/api/auth/me', { headers: { authorization: `Bearer ${token}` } });
    // Used every 6 hours: idle never ends it...
    for (let hour = 6; hour < 24; hour += 6) {
      f.clock.advance(6 * 60 * MINUTE);
      expect((await me()).status).toBe(200);
    }
    f.clock.advance(5 * 60 * MINUTE + 59 * MINUTE);
    expect((await me()).status).toBe(200);
    // ...but at 24 hours it is over: log in again.
    f.clock.advance(MINUTE);
    expect((await me()).status).toBe(401);
  });
});

describe('CSRF for cookie sessions', () => {
  it('refuses cookie writes without the token or a same-origin mark; bearer writes need neither', async () => {
    const kepsek = f.a.users.kepsek;
    const res = await login(kepsek.email, FIXTURE_PASSWORD, '10.0.0.3');
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    const { token, csrfToken } = (await res.json()) as { token: string; csrfToken: string };
    const write = (headers: Record<string, string>) =>
      api.app.request(`/api/staff/${f.a.users.tim.id}/role`, { method: 'PUT', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ role: 'tim' }) });
    const refusedHeaders: Record<string, string>[] = [{ cookie }, { cookie, 'x-csrf-token': 'palsu' }, { cookie, 'x-csrf-token': '' }, { cookie, origin: 'https://jahat.example' }, { cookie, 'sec-fetch-site': 'cross-site' }, { cookie, 'sec-fetch-site': 'same-site' }];
    for (const headers of refusedHeaders) {
      const r = await write(headers);
      expect(r.status, JSON.stringify(headers)).toBe(403);
      expect(((await r.json()) as { error: { code: string } }).error.code).toBe('csrf_failed');
    }
    expect((await write({ cookie, 'x-csrf-token': csrfToken })).status).toBe(200);
    expect((await write({ cookie, 'sec-fetch-site': 'same-origin' })).status).toBe(200);
    expect((await write({ authorization: `Bearer ${token}` })).status).toBe(200);
    // Reads with the cookie need no token.
    expect((await api.app.request('/api/staff', { headers: { cookie } })).status).toBe(200);
  });
});

describe('security headers', () => {
  const expectHardened = (h: Headers, what: string) => {
    expect(h.get('x-content-type-options'), what).toBe('nosniff');
    expect(h.get('x-frame-options'), what).toBe('SAMEORIGIN');
    expect(h.get('referrer-policy'), what).toBe('no-referrer');
    expect(h.get('strict-transport-security'), what).toMatch(/max-age=\d+/);
    expect(h.get('content-security-policy'), what).toMatch(/default-src 'self'/);
    expect(h.get('content-security-policy'), what).toMatch(/frame-ancestors 'none'/);
    expect(h.get('content-security-policy'), what).toMatch(/object-src 'none'/);
    expect(h.get('x-powered-by'), what).toBeNull();
  };

  it('are on API answers, errors and unknown routes', async () => {
    const token = await api.tokenFor(f.a.users.kepsek);
    for (const [path, init] of [
      ['/api/health', {}], ['/api/auth/me', { headers: { authorization: `Bearer ${token}` } }], ['/api/cases', {}], ['/api/tidak-ada', {}],
      ['/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' }],
    ] as const) {
      const res = await api.app.request(path, init as RequestInit);
      expectHardened(res.headers, path);
      expect(res.headers.get('content-type'), path).toMatch(/application\/json/);
      expect(res.headers.get('cache-control'), path).toBe('no-store');
    }
  });

  it('are on the editor’s pages and files', async () => {
    const dist = mkdtempSync(join(tmpdir(), 'jalur-editor-'));
    try {
      writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Jalur</title><div id="root"></div>');
      writeFileSync(join(dist, 'app.js'), 'console.log(1)');
      const app = createApp({ db: f.db, clock: f.clock, compiled: f.compiled, editorDist: dist });
      for (const path of ['/', '/cases/123', '/app.js']) {
        const res = await app.request(path);
        expect(res.status, path).toBe(200);
        expectHardened(res.headers, path);
      }
    } finally {
      rmSync(dist, { recursive: true, force: true });
    }
  });
});

describe('audit rows', () => {
  it('record confidential reads, exports and role changes with who and what', async () => {
    const bk = f.a.users.guru_bk;
    const caseId = (await api.call(bk, 'POST', '/api/cases', { studentId: f.a.students[0]!.id, pathwayId: f.a.loop.pathwayId, assigneeId: bk.id })).body.id;
    await api.call(bk, 'POST', `/api/cases/${caseId}/events`, { type: 'CATAT', data: { catatan: 'cerita keluarga' }, expectedVersion: 1 });
    await api.call(bk, 'POST', `/api/cases/${caseId}/notes`, { body: 'rahasia sekali', confidentiality: 'rahasia' });
    expect((await api.call(bk, 'GET', `/api/cases/${caseId}/events`)).status).toBe(200);
    expect((await api.call(bk, 'GET', `/api/cases/${caseId}/notes`)).status).toBe(200);
    const caseAudit = await f.db.audit.list(f.a.id, { subject: `case:${caseId}` });
    expect(caseAudit.map((a) => a.action)).toContain('case.read_confidential');
    expect((await f.db.audit.list(f.a.id, { action: 'note.read_rahasia', actorId: bk.id })).length).toBeGreaterThan(0);

    const csv = await api.call(f.a.users.kepsek, 'GET', '/api/reports/export.csv?table=outcomes');
    expect(csv.status).toBe(200);
    expect((await f.db.audit.list(f.a.id, { action: 'report.export' }))[0]).toMatchObject({ actorId: f.a.users.kepsek.id, subject: 'report:outcomes' });
    const district = await api.call(f.dinas, 'GET', '/api/district/aggregates.csv?table=schools');
    expect(district.status).toBe(200);
    expect((await f.db.audit.list(null, { action: 'district.export' }))[0]).toMatchObject({ actorId: f.dinas.id });
    expect((await api.call(f.a.users.kepsek, 'GET', `/api/students/${f.a.students[1]!.id}/export`)).status).toBe(200);
    expect((await f.db.audit.list(f.a.id, { action: 'student.export' }))[0]).toMatchObject({ actorId: f.a.users.kepsek.id, subject: `student:${f.a.students[1]!.id}` });
    expect((await api.call(f.a.users.kepsek, 'PUT', `/api/staff/${f.a.users.tim.id}/role`, { role: 'guru_bk' })).status).toBe(200);
    expect((await f.db.audit.list(f.a.id, { action: 'user.role_change' }))[0]).toMatchObject({ actorId: f.a.users.kepsek.id, details: { from: 'tim', to: 'guru_bk' } });
  });
});
