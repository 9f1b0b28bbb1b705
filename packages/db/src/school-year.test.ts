/** Students over time (issue 14) on real SQLite files; test/pg/school-year.test.ts runs the same contract on PostgreSQL. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { openDatabase } from './index.ts';
import { schoolYearContract } from './contract/school-year.contract.ts';

const root = mkdtempSync(path.join(tmpdir(), 'jalur-school-year-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
schoolYearContract({ name: 'sqlite', open: () => openDatabase({ url: `file:${path.join(root, `db-${++n}`, 'jalur.db')}`, groupCommit: false }) });
