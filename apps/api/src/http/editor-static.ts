/**
 * Serves the editor's production build (apps/editor/dist) beside the API on
 * one port, with a single-page-app fallback: any GET outside `/api` that is
 * not a file gets `index.html`. Without a build, a short Indonesian page says
 * how to make one, so `pnpm start` never shows a bare 404.
 *
 * Hashed files under `/assets/` never change, so browsers keep them for a
 * year without asking again (`immutable`); everything else (index.html, the
 * service worker, boot.js) is revalidated on every load. The build writes a
 * brotli and a gzip copy of every text asset beside it, and the copy the
 * browser accepts is sent as it is (no compression work per request).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';

const MISSING_BUILD_PAGE = `<!doctype html>
<html lang="id"><head><meta charset="utf-8"><title>Jalur</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; line-height: 1.5">
<h1>Jalur</h1>
<p>API berjalan, tetapi tampilan editor belum dibangun.
Jalankan <code>corepack pnpm --filter @jalur/editor build</code> lalu muat ulang halaman ini
(atau gunakan <code>corepack pnpm start</code>, yang membangunnya otomatis).</p>
<p lang="en"><em>The API is running but the editor has not been built yet. Run
<code>corepack pnpm --filter @jalur/editor build</code> and reload.</em></p>
<p>API: <a href="/api/health">/api/health</a> · <a href="/api/openapi.json">/api/openapi.json</a></p>
</body></html>`;

/**
 * Mounts the editor on `app` for every non-API GET. `distDir` is an absolute
 * path; it is checked per request so a build made while the server runs
 * shows up without a restart.
 */
export const IMMUTABLE = 'public, max-age=31536000, immutable';

export function mountEditor(app: Hono<any>, distDir: string): void {
  const indexPath = join(distDir, 'index.html');
  let files: ReturnType<typeof serveStatic> | undefined;
  app.get('*', async (c, next) => {
    if (c.req.path === '/api' || c.req.path.startsWith('/api/')) return next();
    if (!existsSync(indexPath)) return c.html(MISSING_BUILD_PAGE, 200);
    files ??= serveStatic({ root: distDir, precompressed: true });
    // Set before the file is sent (the response is built with the headers set so far).
    c.header('Cache-Control', c.req.path.startsWith('/assets/') ? IMMUTABLE : 'no-cache');
    const served = await files(c, async () => {});
    if (served) return served;
    if (c.finalized) return c.res;
    // A hashed file that is not there (an old build's chunk): a plain 404, not the app shell as JavaScript.
    if (c.req.path.startsWith('/assets/')) {
      c.header('Cache-Control', 'no-store');
      return c.text('Not found', 404);
    }
    // SPA fallback: client-side routes such as /cases/123 load the app shell.
    c.header('Cache-Control', 'no-cache');
    return c.html(await readFile(indexPath, 'utf8'));
  });
}
