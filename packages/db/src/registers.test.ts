/** The Satgas registers (issue 15) on real SQLite files; test/pg/registers.test.ts runs the same contract on PostgreSQL. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { openDatabase } from './index.ts';
import { registersContract } from './contract/registers.contract.ts';

const root = mkdtempSync(path.join(tmpdir(), 'jalur-registers-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
registersContract({ name: 'sqlite', open: () => openDatabase({ url: `file:${path.join(root, `db-${++n}`, 'jalur.db')}`, groupCommit: false }) });
