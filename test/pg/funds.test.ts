/** The fund ledger (issue 15) on a real PostgreSQL server: the contract packages/db/src/funds.test.ts runs on SQLite. */
import { afterAll, beforeAll } from 'vitest';
import { openDatabase } from '../../packages/db/src/index.ts';
import { fundsContract } from '../../packages/db/src/contract/funds.contract.ts';
import { startPgServer } from '../../scripts/pg-server.mjs';

let pg: Awaited<ReturnType<typeof startPgServer>> | undefined;
let n = 0;

beforeAll(async () => {
  pg = await startPgServer();
  const template = await openDatabase({ url: pg.createDatabase('funds_template') });
  await template.close();
});
afterAll(() => pg?.stop());

fundsContract({ name: 'postgres', open: () => openDatabase({ url: pg!.createDatabase(`funds_${++n}`, 'funds_template') }) });
