/**
 * Real Chromium for the editor's browser tests and bench: Debian's
 * /usr/bin/chromium driven by playwright-core (no browser downloads).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface BrowserSession {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Starts Chromium with a fresh profile; `close` removes the profile. */
export async function launchChromium(opts: { downloads?: boolean; viewport?: { width: number; height: number } } = {}): Promise<BrowserSession> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'jalur-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    headless: true,
    viewport: opts.viewport ?? { width: 1440, height: 900 },
    acceptDownloads: opts.downloads ?? true,
    locale: 'id-ID',
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

export type { Browser, Page, Download, FileChooser } from 'playwright-core';
