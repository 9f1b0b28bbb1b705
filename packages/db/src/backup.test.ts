/** Backup while the database is in use, restore, and the CLI as a real process. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { backupDatabase, restoreDatabase } from './backup.ts';
import { buildWorld, openToyCase, T0, toyApply } from './contract/fixtures.ts';
import { openDatabase } from './index.ts';

const root = mkdtempSync(path.join(tmpdir(), 'jalur-backup-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('backup and restore (SQLite)', () => {
  it('copies a database in use consistently, and restores it in place of a later state', async () => {
    const file = path.join(root, 'live', 'jalur.db');
    const url = `file:${file}`;
    const db = await openDatabase({ url });
    const w = await buildWorld(db);
    const { case: c } = await openToyCase(w);
    const step = (type: string, expectedVersion: number) =>
      db.cases.advance({ schoolId: w.schoolA, caseId: c.id, expectedVersion, actorId: null, now: T0, event: { type }, apply: toyApply(type, T0) });
    expect((await step('next', 1)).ok).toBe(true);
    // A reader holds a transaction open meanwhile: the backup does not wait for it, nor see anything half-done.
    const reader = new Database(file, { readonly: true });
    reader.prepare('BEGIN').run();
    reader.prepare('SELECT count(*) FROM cases').get();
    const backup = await backupDatabase({ url, to: path.join(root, 'copies', 'one.db') });
    reader.prepare('COMMIT').run();
    reader.close();
    expect(backup.pages).toBeGreaterThan(0);
    expect((await step('skip', 2)).ok).toBe(true); // after the backup
    await db.close();

    const copy = await openDatabase({ url: `file:${backup.file}` });
    expect(await copy.cases.get(w.schoolA, c.id)).toMatchObject({ version: 2, stateValue: 'b' });
    expect(await copy.cases.events(w.schoolA, c.id)).toHaveLength(2);
    await copy.close();

    const restored = restoreDatabase({ url, from: backup.file });
    expect(restored.previous).toBe(`${file}.before-restore`);
    const back = await openDatabase({ url });
    expect(await back.cases.get(w.schoolA, c.id)).toMatchObject({ version: 2, stateValue: 'b' });
    await back.close();
    const previous = await openDatabase({ url: `file:${restored.previous}` });
    expect(await previous.cases.get(w.schoolA, c.id)).toMatchObject({ version: 3, stateValue: 'c' });
    await previous.close();
  });

  it('refuses to restore something that is not a Jalur database', () => {
    const stranger = path.join(root, 'stranger.db');
    const s = new Database(stranger);
    s.exec('CREATE TABLE t (x)');
    s.close();
    expect(() => restoreDatabase({ url: `file:${path.join(root, 'target.db')}`, from: stranger })).toThrow(/not a Jalur database/);
    expect(existsSync(path.join(root, 'target.db'))).toBe(false);
  });

  it('runs as a command', async () => {
    const file = path.join(root, 'cli', 'jalur.db');
    const db = await openDatabase({ url: `file:${file}` });
    await buildWorld(db);
    const cli = fileURLToPath(new URL('./backup-cli.ts', import.meta.url));
    const out = execFileSync(process.execPath, ['--import', 'tsx', cli, 'backup', 'copy.db'], {
      cwd: fileURLToPath(new URL('..', import.meta.url)), // where `tsx` resolves; paths follow INIT_CWD, as under pnpm
      env: { ...process.env, DATABASE_URL: `file:${file}`, INIT_CWD: path.join(root, 'cli') },
      encoding: 'utf8',
    });
    await db.close();
    expect(out).toContain('backup written');
    expect(existsSync(path.join(root, 'cli', 'copy.db'))).toBe(true);
  });
});
