/**
 * The repository contract suite of @jalur/db on a real PostgreSQL 15 server
 * (started here, stopped afterwards; nothing mocked). Each case gets a fresh
 * database cloned from a migrated template, so it starts empty like a new
 * SQLite file does.
 */
import { afterAll, beforeAll } from 'vitest';
import { openDatabase } from '../../packages/db/src/index.ts';
import { repositoryContract } from '../../packages/db/src/contract/suite.ts';
import { startPgServer } from '../../scripts/pg-server.mjs';

let pg: Awaited<ReturnType<typeof startPgServer>> | undefined;
let n = 0;

beforeAll(async () => {
  pg = await startPgServer();
  // The first open runs the real migrations; later databases copy the result.
  const template = await openDatabase({ url: pg.createDatabase('contract_template') });
  await template.close();
});
afterAll(() => pg?.stop());

repositoryContract({
  name: 'postgres',
  open: () => openDatabase({ url: pg!.createDatabase(`contract_${++n}`, 'contract_template') }),
});
