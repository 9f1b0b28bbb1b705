import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { afterAll, describe, expect, it } from 'vitest';
import { IMMUTABLE, mountEditor } from './editor-static.ts';

const dist = mkdtempSync(join(tmpdir(), 'jalur-dist-'));
const js = 'export const x = "' + 'jalur '.repeat(200) + '";\n';
mkdirSync(join(dist, 'assets'));
writeFileSync(join(dist, 'index.html'), '<!doctype html><div id="root"></div>');
writeFileSync(join(dist, 'assets', 'main-abc123.js'), js);
writeFileSync(join(dist, 'assets', 'main-abc123.js.br'), brotliCompressSync(js));
writeFileSync(join(dist, 'assets', 'main-abc123.js.gz'), gzipSync(js));
writeFileSync(join(dist, 'sw.js'), 'self.x = 1;');
afterAll(() => rmSync(dist, { recursive: true, force: true }));

const app = new Hono();
app.get('/api/ping', (c) => c.json({ ok: true }));
mountEditor(app, dist);
const get = (path: string, encoding?: string) => app.request(path, { headers: encoding === undefined ? {} : { 'Accept-Encoding': encoding } });

describe('the editor build served by the API', () => {
  it('sends the brotli copy of a hashed asset to a browser that takes it, cached for a year', async () => {
    const res = await get('/assets/main-abc123.js', 'gzip, deflate, br, zstd');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('br');
    expect(res.headers.get('vary')).toContain('Accept-Encoding');
    expect(res.headers.get('cache-control')).toBe(IMMUTABLE);
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.length).toBeLessThan(js.length / 5);
    expect(body.equals(brotliCompressSync(js))).toBe(true);
  });

  it('sends gzip when brotli is not accepted, and the file as it is when nothing is', async () => {
    const gz = await get('/assets/main-abc123.js', 'gzip');
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(Buffer.from(await gz.arrayBuffer()).equals(gzipSync(js))).toBe(true);
    const plain = await get('/assets/main-abc123.js', '');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(js);
  });

  it('revalidates what is not hashed: index.html, the service worker and client routes', async () => {
    for (const path of ['/', '/sw.js', '/cases/abc', '/cases/tasks']) {
      const res = await get(path, 'br');
      expect(res.status, path).toBe(200);
      expect(res.headers.get('cache-control'), path).toBe('no-cache');
    }
    expect(await (await get('/cases/abc')).text()).toContain('<div id="root">');
  });

  it('answers a missing hashed asset with 404, not with the app shell', async () => {
    const res = await get('/assets/gone-123.js', 'br');
    expect(res.status).toBe(404);
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('leaves /api to the API', async () => {
    expect(await (await get('/api/ping')).json()).toEqual({ ok: true });
  });
});
