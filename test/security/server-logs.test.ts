/**
 * Passwords never reach the logs: the real server process takes successful,
 * failed, locked-out, malformed and oversized sign-ins, and nothing it prints
 * on stdout or stderr — nor any row of the database file — contains a
 * password that was sent (plain, URL-encoded or base64).
 */
import { readFileSync, rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { createFixture, FIXTURE_PASSWORD } from '@jalur/api/testing';
import { startServerProcess, type ServerProcess } from '@jalur/api/testing';

let server: ServerProcess | undefined;
let dir: string | undefined;
afterAll(async () => {
  await server?.kill('SIGTERM');
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const WRONG = ['Salah-Sandi-Pertama-91', 'ꦱꦤ꧀ꦝꦶ-unicode-Ü-92', "x' OR '1'='1-93", 'Tebakan-Keempat-94', 'Tebakan-Kelima-95', 'Tebakan-Keenam-96'];

describe('server logs', () => {
  it('never contain a password, whatever the login attempt', async () => {
    const f = await createFixture({ studentsPerSchool: 1 });
    dir = f.dir;
    const { file } = f;
    const bk = f.a.users.guru_bk.email;
    await f.db.close();
    server = await startServerProcess(file, { JALUR_TIMER_INTERVAL_MS: '0' });
    const post = (body: string, type = 'application/json') => fetch(`${server!.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': type }, body });

    const statuses: number[] = [];
    statuses.push((await post(JSON.stringify({ email: f.a.users.kepsek.email, password: FIXTURE_PASSWORD }))).status);
    for (const password of WRONG) statuses.push((await post(JSON.stringify({ email: bk, password }))).status);
    statuses.push((await post(JSON.stringify({ email: bk, password: FIXTURE_PASSWORD }))).status); // locked out
    statuses.push((await post(JSON.stringify({ email: 'tidak-ada@luar.test', password: 'Sandi-Orang-Asing-97' }))).status);
    statuses.push((await post(`{"email": "${bk}", "password": "Sandi-JSON-Rusak-98"`)).status); // malformed JSON
    statuses.push((await post(`email=${encodeURIComponent(bk)}&password=Sandi-Form-99`, 'application/x-www-form-urlencoded')).status);
    statuses.push((await post(JSON.stringify({ email: bk, password: 'Sandi-Terlalu-Panjang-100'.repeat(40_000) }))).status);
    statuses.push((await post(JSON.stringify({ email: bk, password: 12345 }))).status);
    const basic = await fetch(`${server.baseUrl}/api/auth/me`, { headers: { authorization: `Basic ${Buffer.from(`${bk}:Sandi-Basic-101`).toString('base64')}` } });
    statuses.push(basic.status);
    expect(statuses[0]).toBe(200);
    expect(statuses.slice(1, 6)).toEqual([401, 401, 401, 401, 401]);
    // Locked by then: answered like any wrong password (a lock tells nothing about the account).
    expect(statuses.slice(6, 8)).toEqual([401, 401]);
    expect(statuses.slice(8).every((s) => s >= 400 && s < 500), String(statuses)).toBe(true);

    await server.kill('SIGTERM');
    const out = server.output();
    const file_ = readFileSync(file).toString('latin1') + readFileSync(`${file}-wal`, { flag: 'a+' }).toString('latin1');
    const secrets = [FIXTURE_PASSWORD, ...WRONG, 'Sandi-Orang-Asing-97', 'Sandi-JSON-Rusak-98', 'Sandi-Form-99', 'Sandi-Terlalu-Panjang-100', 'Sandi-Basic-101'];
    const forms = (s: string) => [s, encodeURIComponent(s), Buffer.from(s).toString('base64').slice(0, 16)];
    for (const secret of secrets) {
      for (const form of forms(secret)) {
        expect(out.includes(form), `the server printed a password (${secret})`).toBe(false);
        expect(file_.includes(form), `the database holds a password in clear (${secret})`).toBe(false);
      }
    }
    expect(out).toContain('JALUR_LISTENING');
  }, 120_000);
});
