/** The Satgas registers (issue 15) on a real PostgreSQL server: the contract packages/db/src/registers.test.ts runs on SQLite. */
import { afterAll, beforeAll } from 'vitest';
import { openDatabase } from '../../packages/db/src/index.ts';
import { registersContract } from '../../packages/db/src/contract/registers.contract.ts';
import { startPgServer } from '../../scripts/pg-server.mjs';

let pg: Awaited<ReturnType<typeof startPgServer>> | undefined;
let n = 0;

beforeAll(async () => {
  pg = await startPgServer();
  const template = await openDatabase({ url: pg.createDatabase('registers_template') });
  await template.close();
});
afterAll(() => pg?.stop());

registersContract({ name: 'postgres', open: () => openDatabase({ url: pg!.createDatabase(`registers_${++n}`, 'registers_template') }) });
