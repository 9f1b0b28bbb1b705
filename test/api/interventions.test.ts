/** Skipped and added interventions, several risk factors (issue 14) over HTTP on a SQLite file; `test/pg/interventions.test.ts` runs the same story on PostgreSQL. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { openDatabase } from '../../packages/db/src/index.ts';
import { interventionScenario } from './interventions-scenario.ts';

const dir = mkdtempSync(join(tmpdir(), 'jalur-intervensi-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interventionScenario('sqlite', () => openDatabase({ url: `file:${join(dir, 'jalur.db')}` }));
