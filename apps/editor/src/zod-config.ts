/**
 * zod runs in the browser (the engine's pathway schemas): without `jitless`,
 * zod 4 probes `new Function` the first time it parses an object, which the
 * server's Content-Security-Policy (no `unsafe-eval`) blocks — a CSP
 * violation in the console on every page. Imported first by `main.tsx`, so it
 * is set before any schema parses. Test: `test/e2e/console-csp.test.ts`.
 *
 * zod keeps its config on `globalThis.__zod_globalConfig` (created by zod
 * when it first loads, else taken as it is), so setting the flag there needs
 * no import of zod: zod stays out of the main chunk and off the case pages.
 */
const scope = globalThis as { __zod_globalConfig?: { jitless?: boolean } };
scope.__zod_globalConfig = Object.assign(scope.__zod_globalConfig ?? {}, { jitless: true });

export {};
