import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';

/**
 * The editor's build. `pnpm dev` serves it with hot reload and sends /api
 * to the API on 8787 (override with JALUR_API); `pnpm start` serves dist/
 * from the API itself on the same port.
 *
 * What makes a case page quick on a phone (issue 17): every route is its own
 * chunk (src/app/routes.tsx); the workspace packages are marked pure so an
 * import of one constant does not drag in zod; boot.js starts the page's data
 * and code at once; every text asset is precompressed (brotli and gzip) for
 * the API to send as it is; and a service worker keeps the app shell for
 * offline use (issue 16).
 */

/**
 * The workspace packages the browser uses are pure (no work at import time),
 * but their modules build zod schemas at the top level, which a bundler must
 * otherwise keep. Saying so lets an import of `RISK_FACTORS` or
 * `validateForm` leave zod, the compiler and papaparse out of the case page.
 */
const pureWorkspacePackages: Plugin = {
  name: 'jalur:pure-workspace-packages',
  enforce: 'pre',
  async resolveId(source, importer, options) {
    if (!/^@jalur\/(engine|casework)(\/|$)/.test(source) && !(importer && /\/packages\/(engine|casework)\/src\//.test(importer) && source.startsWith('.'))) return null;
    const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
    return resolved ? { ...resolved, moduleSideEffects: false } : null;
  },
};

/**
 * Routes whose code (and data) boot.js fetches at once: a URL pattern, the
 * page module, and the API answer the page needs first (`$1` = the id).
 */
const BOOT_ROUTES: { pattern: string; page: string; data?: string }[] = [
  { pattern: '^/cases/?$', page: 'src/cases/CaseBoardPage.tsx' },
  { pattern: '^/cases/tasks/?$', page: 'src/cases/TasksPage.tsx' },
  { pattern: '^/cases/students/?$', page: 'src/cases/StudentsPage.tsx' },
  { pattern: '^/cases/flags/?$', page: 'src/cases/FlagsPage.tsx' },
  { pattern: '^/cases/calendar/?$', page: 'src/cases/CalendarPage.tsx' },
  { pattern: '^/cases/([^/]+)/?$', page: 'src/cases/CasePage.tsx', data: '/api/cases/$1' },
  { pattern: '^/pathways/?$', page: 'src/pathways/PathwayListPage.tsx' },
  { pattern: '^/reports/?$', page: 'src/reports/ReportsPage.tsx' },
];

const BOOT_SOURCE = fileURLToPath(new URL('./src/app/boot.js', import.meta.url));

/** Emits `/boot.js` with each route's chunks and stylesheets (those the entry does not already load). */
function bootScript(): Plugin {
  return {
    name: 'jalur:boot',
    // After Vite's own bundle hooks (which drop CSS-only chunks and rename imports).
    enforce: 'post',
    configureServer(server) {
      // `pnpm dev`: the same script with no route list (Vite serves modules one by one).
      server.middlewares.use('/boot.js', (_req, res) => {
        res.setHeader('Content-Type', 'text/javascript');
        res.end(readFileSync(BOOT_SOURCE, 'utf8').replace('var routes = __ROUTES__;', 'var routes = [];'));
      });
    },
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((c) => c.type === 'chunk');
      // Only the app's build (vite-plugin-pwa builds the service worker with the same plugins).
      if (!chunks.some((c) => c.isEntry && c.facadeModuleId?.endsWith('/index.html'))) return;
      const byFile = new Map(chunks.map((c) => [c.fileName, c]));
      const entry = chunks.find((c) => c.isEntry);
      const staticClosure = (start: string[], into = new Set<string>()) => {
        for (const f of start) {
          if (into.has(f)) continue;
          into.add(f);
          staticClosure(byFile.get(f)?.imports ?? [], into);
        }
        return into;
      };
      const preloaded = entry ? staticClosure([entry.fileName]) : new Set<string>();
      const routes = BOOT_ROUTES.flatMap(({ pattern, page, data }) => {
        const chunk = chunks.find((c) => c.facadeModuleId?.endsWith(`/apps/editor/${page}`));
        if (!chunk) return [];
        const js = [...staticClosure([chunk.fileName])].filter((f) => !preloaded.has(f));
        const css = [...new Set(js.flatMap((f) => [...(byFile.get(f)?.viteMetadata?.importedCss ?? [])]))];
        return [{ pattern, js: js.map((f) => `/${f}`), css: css.map((f) => `/${f}`), ...(data ? { data } : {}) }];
      });
      this.emitFile({ type: 'asset', fileName: 'boot.js', source: readFileSync(BOOT_SOURCE, 'utf8').replace('var routes = __ROUTES__;', `var routes = ${JSON.stringify(routes)};`) });
    },
  };
}

/** Writes `file.br` and `file.gz` beside every text asset of the build, for the API to send as they are. */
function precompress(): Plugin {
  let outDir = 'dist';
  return {
    name: 'jalur:precompress',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir.startsWith('/') ? config.build.outDir : join(config.root, config.build.outDir);
    },
    writeBundle(_options, bundle) {
      for (const file of Object.keys(bundle)) {
        if (!/\.(js|mjs|css|html|svg|json|webmanifest)$/.test(file)) continue;
        const path = join(outDir, file);
        const data = readFileSync(path);
        if (data.length < 1024) continue;
        writeFileSync(`${path}.gz`, gzipSync(data, { level: 9 }));
        // Brotli's best level costs seconds on ELK's 1.4 MB; level 9 is within 2 % of it there.
        const quality = data.length > 400_000 ? 9 : 11;
        writeFileSync(`${path}.br`, brotliCompressSync(data, { params: { [zlib.BROTLI_PARAM_QUALITY]: quality, [zlib.BROTLI_PARAM_SIZE_HINT]: data.length } }));
      }
    },
  };
}

export default defineConfig({
  plugins: [
    pureWorkspacePackages,
    react(),
    bootScript(),
    precompress(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src/app',
      filename: 'sw.ts',
      // Registered by src/app/serviceWorker.ts once the first page has shown.
      injectRegister: false,
      manifest: false,
      injectManifest: {
        // The app shell and the case-work pages; the designer's ELK layout and the report charts are cached when first used.
        globPatterns: ['**/*.{js,css,html}'],
        globIgnores: ['**/elk*.js', '**/layout.worker*.js', '**/Charts-*.js', 'sw.js'],
        maximumFileSizeToCacheInBytes: 3_000_000,
      },
    }),
  ],
  server: {
    port: Number(process.env.EDITOR_PORT ?? 5173),
    proxy: {
      '/api': { target: process.env.JALUR_API ?? 'http://127.0.0.1:8787', changeOrigin: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 2000,
  },
});
