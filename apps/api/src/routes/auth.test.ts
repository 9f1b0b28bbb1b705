import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { createFixture, FIXTURE_PASSWORD, type Fixture } from '../testing/fixture.ts';

let f: Fixture;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  f = await createFixture({ studentsPerSchool: 2 });
  app = createApp({ db: f.db, clock: f.clock, compiled: f.compiled, loginRateLimit: { maxAttempts: 4, windowMs: 60_000 } });
});
afterAll(() => f.close());

function login(email: string, password: string, headers: Record<string, string> = {}) {
  return app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ email, password }),
  });
}

/** The JSON body of a response, untyped for assertions. */
const j = (res: Response): Promise<any> => res.json();

function cookieOf(res: Response): string {
  const set = res.headers.get('set-cookie') ?? '';
  return set.split(';')[0]!;
}

describe('POST /api/auth/login', () => {
  it('sets an httpOnly SameSite=Lax cookie and returns the bearer and CSRF tokens', async () => {
    const res = await login(f.a.users.guru_bk.email, FIXTURE_PASSWORD);
    expect(res.status).toBe(200);
    const body = await j(res);
    expect(body.user).toMatchObject({ email: f.a.users.guru_bk.email, role: 'guru_bk', schoolId: f.a.id });
    expect(body.token.length).toBeGreaterThan(20);
    expect(body.csrfToken.length).toBeGreaterThan(10);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^jalur_session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(JSON.stringify(body)).not.toMatch(/passwordHash|scrypt/);
    const me = await app.request('/api/auth/me', { headers: { authorization: `Bearer ${body.token}` } });
    expect(me.status).toBe(200);
    expect((await j(me)).user.id).toBe(f.a.users.guru_bk.id);
  });

  it('answers 401 for a wrong password and 400 for a malformed body', async () => {
    const wrong = await login(f.a.users.kepsek.email, 'salah-sekali');
    expect(wrong.status).toBe(401);
    expect((await j(wrong)).error.code).toBe('invalid_credentials');
    const bad = await app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"email": 1}' });
    expect(bad.status).toBe(400);
    expect((await j(bad)).error.code).toBe('invalid_request');
  });

  it('rate-limits attempts per email and IP (429 with Retry-After)', async () => {
    const email = f.b.users.tim.email;
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await login(email, 'tebakan-' + i)).status);
    expect(statuses).toEqual([401, 401, 401, 401]);
    const limited = await login(email, FIXTURE_PASSWORD);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await j(limited)).error.code).toBe('rate_limited');
    f.clock.advance(61_000);
    expect((await login(email, FIXTURE_PASSWORD)).status).toBe(200);
  });

  it('locks the account after repeated wrong passwords, even for the right one', async () => {
    const email = f.b.users.wali_kelas.email;
    const app2 = createApp({ db: f.db, clock: f.clock, compiled: f.compiled });
    const attempt = (password: string) =>
      app2.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
    for (let i = 0; i < 5; i++) expect((await attempt('keliru')).status).toBe(401);
    const locked = await attempt(FIXTURE_PASSWORD);
    // The same answer as a wrong password: a lock tells nothing about the account.
    expect(locked.status).toBe(401);
    expect((await j(locked)).error.code).toBe('invalid_credentials');
    expect(locked.headers.get('retry-after')).toBeNull();
    const audit = await f.db.audit.list(f.b.id, { action: 'auth.login_failed' });
    expect(audit.length).toBeGreaterThanOrEqual(5);
  });
});

describe('sessions', () => {
  it('logout invalidates the token at once', async () => {
    const { token } = await j(await login(f.a.users.kepsek.email, FIXTURE_PASSWORD));
    const auth = { authorization: `Bearer ${token}` };
    expect((await app.request('/api/auth/logout', { method: 'POST', headers: auth })).status).toBe(200);
    const me = await app.request('/api/auth/me', { headers: auth });
    expect(me.status).toBe(401);
    expect((await j(me)).error.code).toBe('unauthorized');
  });

  it('expires sessions after their lifetime', async () => {
    const { token } = await j(await login(f.a.users.wali_kelas.email, FIXTURE_PASSWORD));
    const auth = { authorization: `Bearer ${token}` };
    expect((await app.request('/api/auth/me', { headers: auth })).status).toBe(200);
    f.clock.advance(13 * 3_600_000);
    expect((await app.request('/api/auth/me', { headers: auth })).status).toBe(401);
  });

  it('answers 401 to logout without a session', async () => {
    expect((await app.request('/api/auth/logout', { method: 'POST' })).status).toBe(401);
  });

  it('answers 401 for a missing or garbage token', async () => {
    expect((await app.request('/api/auth/me')).status).toBe(401);
    expect((await app.request('/api/auth/me', { headers: { authorization: 'Bearer nonsense-token-xxxxxxxxxx' } })).status).toBe(401);
    expect((await app.request('/api/auth/me', { headers: { authorization: 'Basic abc' } })).status).toBe(401);
  });
});

describe('CSRF for cookie sessions', () => {
  it('refuses a cookie-authenticated write without the CSRF token or a same-origin mark', async () => {
    const res = await login(f.a.users.guru_bk.email, FIXTURE_PASSWORD);
    const { csrfToken } = await j(res);
    const cookie = cookieOf(res);
    const body = JSON.stringify({ nisn: '9999000001', name: 'Siswa Baru', className: 'X-3' });
    const post = (headers: Record<string, string>) =>
      app.request('http://jalur.test/api/students', { method: 'POST', headers: { 'content-type': 'application/json', cookie, ...headers }, body });
    const forged = await post({ origin: 'https://evil.example' });
    expect(forged.status).toBe(403);
    expect((await j(forged)).error.code).toBe('csrf_failed');
    expect((await post({ 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await post({ 'x-csrf-token': 'salah' })).status).toBe(403);
    expect((await f.db.students.getByNisn(f.a.id, '9999000001'))).toBeNull();
    expect((await post({ 'x-csrf-token': csrfToken })).status).toBe(201);
    // GETs with the cookie need no token.
    expect((await app.request('http://jalur.test/api/students', { headers: { cookie } })).status).toBe(200);
  });

  it('accepts a same-origin cookie write (Origin matches), and bearer writes need no token', async () => {
    const res = await login(f.a.users.kepsek.email, FIXTURE_PASSWORD);
    const { token } = await j(res);
    const cookie = cookieOf(res);
    const sameOrigin = await app.request('http://jalur.test/api/students', {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, origin: 'http://jalur.test' },
      body: JSON.stringify({ nisn: '9999000002', name: 'Siswa Dua', className: 'X-3' }),
    });
    expect(sameOrigin.status).toBe(201);
    const bearer = await app.request('/api/students', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ nisn: '9999000003', name: 'Siswa Tiga', className: 'X-3' }),
    });
    expect(bearer.status).toBe(201);
  });
});
