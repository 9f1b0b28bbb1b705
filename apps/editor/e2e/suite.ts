/**
 * One browser test file's world: the built editor, the real API server on a
 * temporary database, and Chromium with one page — started before the file's
 * tests and stopped after them.
 */
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium, type BrowserSession, type Page } from './browser.ts';
import { buildEditor, startServer, type RunningServer } from './server.ts';
import { startPgServer } from '../../../scripts/pg-server.mjs';

export interface E2eWorld {
  server: RunningServer;
  browser: BrowserSession;
  page: Page;
}

/**
 * Registers the hooks that start and stop the world; the returned object is
 * filled in when the file's tests run. Page errors are collected in `errors`.
 * With `dialect: 'postgres'` the server runs on a throwaway PostgreSQL server;
 * `env` adds to the server's environment; `timeout` is the start hook's (ms).
 */
export function e2eWorld(
  shotsDir: string,
  errors: string[],
  options: { dialect?: 'sqlite' | 'postgres'; env?: Record<string, string>; timeout?: number } = {},
): E2eWorld {
  const world = {} as E2eWorld;
  let pg: Awaited<ReturnType<typeof startPgServer>> | undefined;
  beforeAll(async () => {
    mkdirSync(shotsDir, { recursive: true });
    buildEditor();
    if (options.dialect === 'postgres') pg = await startPgServer();
    world.server = await startServer({ ...options.env, ...(pg ? { DATABASE_URL: pg.url } : {}) });
    world.browser = await launchChromium();
    world.page = await world.browser.context.newPage();
    world.page.on('pageerror', (e) => errors.push(e.message));
  }, options.timeout);
  afterAll(async () => {
    await world.browser?.close();
    await world.server?.stop();
    pg?.stop();
  });
  return world;
}
