/**
 * `pnpm start`: open (and migrate) the database, seed the demo data when it
 * is empty, start the timer scheduler, and serve the API and the editor on
 * one port. Environment:
 * - `PORT` (default 8787; 0 picks a free port), `HOST` (default 127.0.0.1;
 *   set 0.0.0.0 to serve the school's network)
 * - `DATABASE_URL` (default `file:data/jalur.db`), `JALUR_SQLITE_SYNC`
 * - `JALUR_SEED=0` to start empty, `JALUR_TIMER_INTERVAL_MS` (default 1000)
 * - `JALUR_TRUST_PROXY=1` behind a reverse proxy (client IP and https from
 *   `X-Forwarded-For` / `X-Forwarded-Proto`), `JALUR_SECURE_COOKIES=1|0`
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { DEFAULT_DATABASE_URL, openDatabase } from '@jalur/db';
import { DEMO_ACCOUNTS, DEMO_NODES, DEMO_PASSWORD, DEMO_SCHOOLS, seedDemo } from '@jalur/cases';
import { createApp } from './app.ts';
import { CompiledPathways } from '@jalur/cases';
import { startScheduler } from './scheduler.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 8787);
  const host = process.env.HOST ?? '127.0.0.1';
  const url = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
  const db = await openDatabase({ url });

  let seeded = false;
  if (process.env.JALUR_SEED !== '0' && (await db.isEmpty())) {
    const summary = await seedDemo(db, { workflowsDir: join(ROOT, 'workflows'), now: new Date() });
    seeded = summary.seeded;
  }

  const compiled = new CompiledPathways(db);
  const editorDist = join(ROOT, 'apps', 'editor', 'dist');
  const secure = process.env.JALUR_SECURE_COOKIES;
  const app = createApp({
    db,
    compiled,
    editorDist,
    trustProxy: process.env.JALUR_TRUST_PROXY === '1',
    ...(secure === '1' || secure === '0' ? { secureCookies: secure === '1' } : {}),
  });
  const scheduler = startScheduler({ db, compiled, intervalMs: Number(process.env.JALUR_TIMER_INTERVAL_MS ?? 1000) });

  const server = serve({ fetch: app.fetch, port, hostname: host }, (info) => {
    const shown = host === '0.0.0.0' ? 'localhost' : host;
    const lines = [
      `Jalur berjalan di / running at http://${shown}:${info.port}`,
      `  basis data / database: ${db.dialect} ${db.location}${seeded ? ' (data demo baru diisi / demo data seeded)' : ''}`,
      `  editor: ${existsSync(join(editorDist, 'index.html')) ? editorDist : 'belum dibangun / not built (corepack pnpm --filter @jalur/editor build)'}`,
      `  API: http://${shown}:${info.port}/api/health · /api/openapi.json`,
    ];
    if (DEMO_ACCOUNTS.length > 0) {
      lines.push(`  akun demo / demo accounts (kata sandi / password: ${DEMO_PASSWORD} — ganti sebelum dipakai sungguhan / change before real use):`);
      for (const a of DEMO_ACCOUNTS) {
        const where = a.school ? `${DEMO_SCHOOLS[a.school].name}${a.className ? `, kelas ${a.className}` : ''}` : DEMO_NODES[a.node ?? 'cabdin'].name;
        lines.push(`    ${a.email.padEnd(28)} ${a.role.padEnd(12)} ${where}`);
      }
    }
    console.log(lines.join('\n'));
    console.log(`JALUR_LISTENING port=${info.port}`);
  });

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`[jalur] ${signal}: berhenti / stopping`);
    await scheduler.stop();
    // Stop accepting, let requests in flight finish (at most a few seconds), then close the database.
    const drained = new Promise<void>((resolve) => server.close(() => resolve()));
    if ('closeIdleConnections' in server) server.closeIdleConnections();
    await Promise.race([drained, new Promise((resolve) => setTimeout(resolve, 3000).unref())]);
    await db.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error) => {
  console.error('[jalur] gagal memulai / failed to start:', error);
  process.exit(1);
});
