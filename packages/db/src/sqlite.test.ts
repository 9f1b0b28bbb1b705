/** The repository contract on real SQLite files, plus what only SQLite has (pragmas, URLs). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, parseDatabaseUrl } from './index.ts';
import { repositoryContract } from './contract/suite.ts';

const root = mkdtempSync(path.join(tmpdir(), 'jalur-db-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const freshUrl = () => `file:${path.join(root, `db-${++n}`, 'jalur.db')}`;

repositoryContract({ name: 'sqlite', open: () => openDatabase({ url: freshUrl() }) });

describe('sqlite specifics', () => {
  it('creates the folder, runs in WAL with synchronous=FULL by default, reopens without re-migrating', async () => {
    const url = freshUrl();
    const db = await openDatabase({ url });
    expect(db.dialect).toBe('sqlite');
    await db.districts.create({ name: 'D', now: new Date() });
    await db.close();
    const again = await openDatabase({ url });
    expect((await again.districts.list()).map((d) => d.name)).toEqual(['D']);
    await again.close();
    const raw = new Database(url.slice('file:'.length), { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
  });

  it('JALUR_SQLITE_SYNC=NORMAL is an explicit opt-in; anything else is refused', () => {
    expect(parseDatabaseUrl('file:x.db', {}, '/tmp')).toEqual({ dialect: 'sqlite', file: '/tmp/x.db', synchronous: 'FULL' });
    expect(parseDatabaseUrl('file:x.db', { JALUR_SQLITE_SYNC: 'normal' }, '/tmp')).toMatchObject({ synchronous: 'NORMAL' });
    expect(() => parseDatabaseUrl('file:x.db', { JALUR_SQLITE_SYNC: 'OFF' }, '/tmp')).toThrow();
    expect(parseDatabaseUrl('postgres://u@h/db')).toEqual({ dialect: 'postgres', url: 'postgres://u@h/db' });
    expect(parseDatabaseUrl(undefined, {}, '/srv/jalur')).toMatchObject({ file: '/srv/jalur/data/jalur.db' });
  });

  it('refuses postgres:// until its driver exists', async () => {
    await expect(openDatabase({ url: 'postgres://u@127.0.0.1/db' })).rejects.toThrow(/PostgreSQL/);
  });
});
