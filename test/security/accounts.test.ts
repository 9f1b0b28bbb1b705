/**
 * Accounts through the API on a real SQLite file: a user changes their own
 * password; the kepsek resets a staff member's password to a one-time one
 * (shown once; every route but the password change answers 403
 * `password_change_required` until it is replaced) and disables / enables
 * staff (a disabled account's sessions end and it cannot sign in); the
 * district admin does the same for its schools' kepsek; nobody reaches an
 * account outside their scope.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixture, FIXTURE_PASSWORD, fixtureApp, type Fixture, type FixtureApp } from '@jalur/api/testing';

let f: Fixture;
let api: FixtureApp;
beforeAll(async () => {
  f = await createFixture({ studentsPerSchool: 2 });
  api = fixtureApp(f);
});
afterAll(() => f.close());

const j = (res: Response): Promise<any> => res.json();
const login = (email: string, password: string) =>
  api.app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
const as = (token: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  api.app.request(path, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
async function tokenOf(email: string, password: string): Promise<{ token: string; mustChangePassword: boolean }> {
  const res = await login(email, password);
  expect(res.status, `login ${email}`).toBe(200);
  return j(res);
}

describe('change my password', () => {
  it('checks the current password, the length and that it changes; ends the other sessions and keeps this one', async () => {
    const user = f.a.users.tim;
    const { token } = await tokenOf(user.email, FIXTURE_PASSWORD);
    const { token: elsewhere } = await tokenOf(user.email, FIXTURE_PASSWORD);
    const change = (body: unknown) => as(token, 'POST', '/api/auth/password', body);

    const wrong = await change({ currentPassword: 'bukan-ini-sandinya', newPassword: 'sandi-baru-tim-2026' });
    expect(wrong.status).toBe(422);
    expect((await j(wrong)).error.code).toBe('wrong_current_password');
    const short = await change({ currentPassword: FIXTURE_PASSWORD, newPassword: 'pendek' });
    expect(short.status).toBe(400);
    expect((await j(short)).error.code).toBe('invalid_request');
    const same = await change({ currentPassword: FIXTURE_PASSWORD, newPassword: FIXTURE_PASSWORD });
    expect(same.status).toBe(422);
    const sameBody = await j(same);
    expect(sameBody.error.code).toBe('password_unchanged');
    expect(sameBody.error.message).toMatch(/berbeda/);
    const english = await as(token, 'POST', '/api/auth/password', { currentPassword: FIXTURE_PASSWORD, newPassword: FIXTURE_PASSWORD }, { 'accept-language': 'en' });
    expect((await j(english)).error.message).toMatch(/differ/);

    const done = await change({ currentPassword: FIXTURE_PASSWORD, newPassword: 'sandi-baru-tim-2026' });
    expect(done.status).toBe(200);
    expect((await as(token, 'GET', '/api/auth/me')).status, 'this session goes on').toBe(200);
    expect((await as(elsewhere, 'GET', '/api/auth/me')).status, 'the other session ended').toBe(401);
    expect((await login(user.email, FIXTURE_PASSWORD)).status).toBe(401);
    expect((await login(user.email, 'sandi-baru-tim-2026')).status).toBe(200);
    expect((await f.db.audit.list(f.a.id, { action: 'user.password_change', subject: `user:${user.id}` })).length).toBe(1);
    expect(JSON.stringify(await f.db.audit.list(f.a.id, { subject: `user:${user.id}` }))).not.toContain('sandi-baru-tim-2026');
  });

  it('needs a session', async () => {
    const res = await api.app.request('/api/auth/password', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ currentPassword: 'x', newPassword: 'yyyyyyyyyyyy' }) });
    expect(res.status).toBe(401);
  });
});

describe('the kepsek resets a staff member’s password', () => {
  it('gives a one-time password once, ends the staff member’s sessions, and forces a change before anything else', async () => {
    const bk = f.a.users.guru_bk;
    const { token: old } = await tokenOf(bk.email, FIXTURE_PASSWORD);
    const res = await api.call(f.a.users.kepsek, 'POST', `/api/accounts/${bk.id}/reset-password`);
    expect(res.status).toBe(200);
    const temporary: string = res.body.temporaryPassword;
    expect(temporary).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    expect(res.body.account).toMatchObject({ id: bk.id, mustChangePassword: true, disabled: false, schoolName: 'Sekolah A' });
    expect(JSON.stringify(res.body)).not.toMatch(/scrypt|passwordHash/);
    expect((await as(old, 'GET', '/api/auth/me')).status, 'the old session ended').toBe(401);
    expect((await login(bk.email, FIXTURE_PASSWORD)).status, 'the old password is gone').toBe(401);
    // Shown once: nothing stores or lists it.
    expect(JSON.stringify((await api.call(f.a.users.kepsek, 'GET', '/api/accounts')).body)).not.toContain(temporary);
    expect(JSON.stringify(await f.db.audit.list(f.a.id, { limit: 1000 }))).not.toContain(temporary);

    const session = await tokenOf(bk.email, temporary);
    expect(session.mustChangePassword).toBe(true);
    const me = await as(session.token, 'GET', '/api/auth/me');
    expect(me.status).toBe(200);
    expect((await j(me)).mustChangePassword).toBe(true);
    for (const [method, path] of [['GET', '/api/cases'], ['GET', '/api/students'], ['GET', '/api/pathways'], ['POST', '/api/students'], ['GET', '/api/tasks']] as const) {
      const blocked = await as(session.token, method, path, method === 'POST' ? { nisn: '5550000001', name: 'Siswa', className: 'X-1' } : undefined);
      expect(blocked.status, `${method} ${path}`).toBe(403);
      const body = await j(blocked);
      expect(body.error.code).toBe('password_change_required');
      expect(body.error.message).toMatch(/kata sandi/i);
    }
    const changed = await as(session.token, 'POST', '/api/auth/password', { currentPassword: temporary, newPassword: 'pilihan-bk-sendiri-9' });
    expect(changed.status).toBe(200);
    expect((await as(session.token, 'GET', '/api/cases')).status).toBe(200);
    expect((await j(await as(session.token, 'GET', '/api/auth/me'))).mustChangePassword).toBe(false);
    const again = await tokenOf(bk.email, 'pilihan-bk-sendiri-9');
    expect(again.mustChangePassword).toBe(false);
    expect(await f.db.audit.list(f.a.id, { action: 'user.password_reset' })).toMatchObject([{ actorId: f.a.users.kepsek.id, subject: `user:${bk.id}` }]);
  });

  it('reaches only the staff of the kepsek’s own school, never another kepsek or themselves; other roles are refused', async () => {
    const kepsek = f.a.users.kepsek;
    for (const target of [f.b.users.guru_bk, f.b.users.kepsek, kepsek, f.dinas]) {
      const res = await api.call(kepsek, 'POST', `/api/accounts/${target.id}/reset-password`);
      expect(res.status, target.email).toBe(404);
      expect((await api.call(kepsek, 'POST', `/api/accounts/${target.id}/disable`)).status, target.email).toBe(404);
    }
    for (const role of ['guru_bk', 'wali_kelas', 'tim'] as const) {
      expect((await api.call(f.a.users[role], 'POST', `/api/accounts/${f.a.users.wali_kelas.id}/reset-password`)).status, role).toBe(403);
      expect((await api.call(f.a.users[role], 'GET', '/api/accounts')).status, role).toBe(403);
    }
    const list = await api.call(kepsek, 'GET', '/api/accounts');
    expect(list.status).toBe(200);
    expect(list.body.items.map((u: { email: string }) => u.email).sort()).toEqual(['guru_bk@a.uji', 'tim@a.uji', 'wali_kelas@a.uji']);
    expect(JSON.stringify(list.body)).not.toContain('@b.uji');
  });
});

describe('disabling and enabling', () => {
  it('a disabled account’s sessions end at once and it cannot sign in, even with the right password; enabled, it can again', async () => {
    const wali = f.b.users.wali_kelas;
    const kepsek = f.b.users.kepsek;
    const { token } = await tokenOf(wali.email, FIXTURE_PASSWORD);
    const off = await api.call(kepsek, 'POST', `/api/accounts/${wali.id}/disable`);
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ id: wali.id, disabled: true });
    expect((await as(token, 'GET', '/api/auth/me')).status).toBe(401);
    const refused = await login(wali.email, FIXTURE_PASSWORD);
    expect(refused.status).toBe(401);
    expect((await j(refused)).error.code).toBe('invalid_credentials');
    expect((await api.call(kepsek, 'GET', '/api/accounts')).body.items.find((u: { id: string }) => u.id === wali.id).disabled).toBe(true);
    const on = await api.call(kepsek, 'POST', `/api/accounts/${wali.id}/enable`);
    expect(on.status).toBe(200);
    expect(on.body.disabled).toBe(false);
    expect((await login(wali.email, FIXTURE_PASSWORD)).status).toBe(200);
    const actions = (await f.db.audit.list(f.b.id, { subject: `user:${wali.id}` })).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['user.disable', 'user.enable']));
  });
});

describe('the district admin and the kepsek accounts', () => {
  it('lists, resets, disables and enables the kepsek of its schools, and nothing else', async () => {
    const dinas = f.dinas;
    const list = await api.call(dinas, 'GET', '/api/accounts');
    expect(list.status).toBe(200);
    expect(list.body.items.map((u: { email: string; schoolName: string }) => [u.email, u.schoolName])).toEqual([
      ['kepsek@a.uji', 'Sekolah A'],
      ['kepsek@b.uji', 'Sekolah B'],
    ]);
    for (const target of [f.a.users.guru_bk, f.b.users.tim, dinas]) {
      expect((await api.call(dinas, 'POST', `/api/accounts/${target.id}/reset-password`)).status, target.email).toBe(404);
      expect((await api.call(dinas, 'POST', `/api/accounts/${target.id}/disable`)).status, target.email).toBe(404);
    }
    const kepsekB = f.b.users.kepsek;
    const { token } = await tokenOf(kepsekB.email, FIXTURE_PASSWORD);
    const off = await api.call(dinas, 'POST', `/api/accounts/${kepsekB.id}/disable`);
    expect(off.status).toBe(200);
    expect((await as(token, 'GET', '/api/staff')).status).toBe(401);
    expect((await login(kepsekB.email, FIXTURE_PASSWORD)).status).toBe(401);
    expect((await api.call(dinas, 'POST', `/api/accounts/${kepsekB.id}/enable`)).status).toBe(200);
    const reset = await api.call(dinas, 'POST', `/api/accounts/${kepsekB.id}/reset-password`);
    expect(reset.status).toBe(200);
    const session = await tokenOf(kepsekB.email, reset.body.temporaryPassword);
    expect(session.mustChangePassword).toBe(true);
    expect((await as(session.token, 'GET', '/api/staff')).status).toBe(403);
    expect((await as(session.token, 'POST', '/api/auth/password', { currentPassword: reset.body.temporaryPassword, newPassword: 'kepsek-b-baru-2026' })).status).toBe(200);
    expect((await as(session.token, 'GET', '/api/staff')).status).toBe(200);
    expect((await f.db.audit.list(f.b.id, { action: 'user.password_reset' }))[0]).toMatchObject({ actorId: dinas.id, subject: `user:${kepsekB.id}` });
  });
});
