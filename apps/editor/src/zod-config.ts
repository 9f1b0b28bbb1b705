/**
 * zod runs in the browser (the engine's pathway schemas): without `jitless`,
 * zod 4 probes `new Function` the first time it parses an object, which the
 * server's Content-Security-Policy (no `unsafe-eval`) blocks — a CSP
 * violation in the console on every page. Imported first by `main.tsx`, so it
 * is set before any schema parses (zod keeps this config on `globalThis`,
 * shared by every chunk). Test: `test/e2e/console-csp.test.ts`.
 */
import { config } from 'zod/v4/core';

config({ jitless: true });
