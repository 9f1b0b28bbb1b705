/** Students over time (issue 14) on a real PostgreSQL server: the contract packages/db/src/school-year.test.ts runs on SQLite. */
import { afterAll, beforeAll } from 'vitest';
import { openDatabase } from '../../packages/db/src/index.ts';
import { schoolYearContract } from '../../packages/db/src/contract/school-year.contract.ts';
import { startPgServer } from '../../scripts/pg-server.mjs';

let pg: Awaited<ReturnType<typeof startPgServer>> | undefined;
let n = 0;

beforeAll(async () => {
  pg = await startPgServer();
  const template = await openDatabase({ url: pg.createDatabase('school_year_template') });
  await template.close();
});
afterAll(() => pg?.stop());

schoolYearContract({ name: 'postgres', open: () => openDatabase({ url: pg!.createDatabase(`school_year_${++n}`, 'school_year_template') }) });
