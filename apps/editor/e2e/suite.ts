/**
 * One browser test file's world: the built editor, the real API server on a
 * temporary database, and Chromium with one page — started before the file's
 * tests and stopped after them.
 */
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium, type BrowserSession, type Page } from './browser.ts';
import { buildEditor, startServer, type RunningServer } from './server.ts';

export interface E2eWorld {
  server: RunningServer;
  browser: BrowserSession;
  page: Page;
}

/**
 * Registers the hooks that start and stop the world; the returned object is
 * filled in when the file's tests run. Page errors are collected in `errors`.
 */
export function e2eWorld(shotsDir: string, errors: string[]): E2eWorld {
  const world = {} as E2eWorld;
  beforeAll(async () => {
    mkdirSync(shotsDir, { recursive: true });
    buildEditor();
    world.server = await startServer();
    world.browser = await launchChromium();
    world.page = await world.browser.context.newPage();
    world.page.on('pageerror', (e) => errors.push(e.message));
  });
  afterAll(async () => {
    await world.browser?.close();
    await world.server?.stop();
  });
  return world;
}
