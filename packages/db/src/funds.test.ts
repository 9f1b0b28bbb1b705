/** The fund ledger (issue 15) on real SQLite files, group commit off and on; test/pg/funds.test.ts runs the same contract on PostgreSQL. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { openDatabase } from './index.ts';
import { fundsContract } from './contract/funds.contract.ts';

const root = mkdtempSync(path.join(tmpdir(), 'jalur-funds-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
fundsContract({ name: 'sqlite', open: () => openDatabase({ url: `file:${path.join(root, `db-${++n}`, 'jalur.db')}`, groupCommit: false }) });
fundsContract({ name: 'sqlite group commit', open: () => openDatabase({ url: `file:${path.join(root, `db-${++n}`, 'jalur.db')}`, groupCommit: true }) });
