/**
 * `pnpm start` on a fresh database: the real server migrates, seeds the demo
 * data, prints the URL and the demo accounts, and serves the API and the
 * editor's page on one port; a restart keeps the data and seeds nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from '@jalur/api/testing';

const dir = mkdtempSync(join(tmpdir(), 'jalur-start-'));
const file = join(dir, 'jalur.db');
const servers: ServerProcess[] = [];

afterAll(async () => {
  for (const s of servers) await s.kill();
  rmSync(dir, { recursive: true, force: true });
});

async function login(base: string, email: string) {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'jalur-demo' }) });
  expect(res.status).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

describe('starting on an empty database', () => {
  it('seeds the demo district, prints the accounts, and serves the API and the editor page', async () => {
    const server = await startServerProcess(file, { JALUR_SEED: '1' });
    servers.push(server);
    const out = server.output();
    expect(out).toMatch(/http:\/\/127\.0\.0\.1:\d+/);
    for (const email of ['kepsek@sekolah-a.demo', 'bk@sekolah-a.demo', 'walikelas@sekolah-a.demo', 'bk@sekolah-b.demo', 'dinas@kabupaten.demo']) expect(out).toContain(email);
    expect(out).toContain('jalur-demo');
    expect(out).toMatch(/data demo baru diisi/);

    const token = await login(server.baseUrl, 'bk@sekolah-a.demo');
    const cases = (await (await fetch(`${server.baseUrl}/api/cases?limit=500`, { headers: { authorization: `Bearer ${token}` } })).json()) as { items: { state: string }[] };
    expect(cases.items.length).toBeGreaterThanOrEqual(20);
    expect(new Set(cases.items.map((c) => c.state)).size).toBeGreaterThan(5);

    const page = await fetch(`${server.baseUrl}/cases/some-id`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    await server.kill();

    const again = await startServerProcess(file, { JALUR_SEED: '1' });
    servers.push(again);
    expect(again.output()).not.toMatch(/data demo baru diisi/);
    const token2 = await login(again.baseUrl, 'kepsek@sekolah-a.demo');
    const after = (await (await fetch(`${again.baseUrl}/api/cases?limit=500`, { headers: { authorization: `Bearer ${token2}` } })).json()) as { items: unknown[] };
    expect(after.items.length).toBe(cases.items.length);
  }, 120_000);
});
