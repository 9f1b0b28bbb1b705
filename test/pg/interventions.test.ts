/** Skipped and added interventions, several risk factors (issue 14) over HTTP on a real PostgreSQL server: the story of `test/api/interventions.test.ts`. */
import { afterAll, beforeAll } from 'vitest';
import { openDatabase } from '../../packages/db/src/index.ts';
import { startPgServer } from '../../scripts/pg-server.mjs';
import { interventionScenario } from '../api/interventions-scenario.ts';

let pg: Awaited<ReturnType<typeof startPgServer>> | undefined;

beforeAll(async () => {
  pg = await startPgServer();
});
afterAll(() => pg?.stop());

interventionScenario('postgres', () => openDatabase({ url: pg!.createDatabase('interventions') }));
