/**
 * `@jalur/api/testing`: what the API's own tests and the cross-package tests
 * under test/ build on — a real SQLite fixture with two schools, an app on
 * it, the real server as a child process, and the crash drill.
 */
export { createFixture, fixtureApp, FIXTURE_PASSWORD, LOOP_PATHWAY, ROOT, type CallResult, type Fixture, type FixtureApp, type SchoolFixture } from './fixture.ts';
export * from './crash-drill.ts';
export * from './server-process.ts';
export { checkZipLimits, checkZipLimitsAsync, XLSX_LIMITS, type ZipLimits } from '../casework/zip-limits.ts';
export { xlsxToCsv, SpreadsheetTooLarge } from '../casework/spreadsheet.ts';
/** For tests that mount one feature router on its own context. */
export { createApiContext } from '../context.ts';
export { createRouter } from '../http/router.ts';
export { documentRoutes } from '../documents/routes.ts';
