/**
 * The API reference at `/api/docs`: Scalar's Hono integration renders the
 * page from `/api/openapi.json` — the same document the server builds from
 * its route schemas. Nothing comes from a CDN: the reference's browser bundle
 * is served from the installed `@scalar/api-reference` package at
 * `/api/docs/scalar.js`, its default web fonts are off, and the page's one
 * inline script carries the request's CSP nonce (`script-src 'self'
 * 'nonce-…'`), so it works offline on a school's network.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createRoute, z } from '@hono/zod-openapi';
import { Scalar } from '@scalar/hono-api-reference';
import { createRouter, type AppEnv } from './router.ts';

/** The single-file (UMD) browser build of the reference, from the package on disk. */
const BUNDLE = join(dirname(createRequire(import.meta.url).resolve('@scalar/api-reference')), 'browser', 'standalone.js');

let bundle: Promise<Buffer> | undefined;

const page = createRoute({
  method: 'get', path: '/docs', tags: ['system'], summary: 'Referensi API (halaman) / the API reference page',
  security: [],
  responses: { 200: { description: 'HTML', content: { 'text/html': { schema: z.string() } } } },
});
const script = createRoute({
  method: 'get', path: '/docs/scalar.js', tags: ['system'], summary: 'Skrip halaman referensi / the reference page’s script',
  security: [],
  responses: { 200: { description: 'JavaScript (@scalar/api-reference)', content: { 'text/javascript': { schema: z.string() } } } },
});

const render = Scalar<AppEnv>((c) => ({
  url: '/api/openapi.json',
  cdn: '/api/docs/scalar.js',
  pageTitle: 'Jalur API',
  nonce: c.get('secureHeadersNonce') ?? '',
  withDefaultFonts: false,
  telemetry: false,
  hideClientButton: true,
  showDeveloperTools: 'never',
}));

/** `GET /docs` and `GET /docs/scalar.js`, to mount at `/api`. */
export function apiDocsRoutes() {
  return createRouter()
    .openapi(script, async (c) => {
      bundle ??= readFile(BUNDLE);
      const bytes = await bundle;
      // The bundle changes only with the pinned package version.
      return c.body(new Uint8Array(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength), 200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'public, max-age=86400' });
    })
    .openapi(page, async (c, next) => (await render(c, next))!);
}
