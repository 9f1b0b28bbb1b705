/** The repository contract on real SQLite files, plus what only SQLite has (pragmas, URLs). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, parseDatabaseUrl, type AdvanceCaseInput, type CaseRow } from './index.ts';
import { repositoryContract } from './contract/suite.ts';
import { buildWorld, openToyCase, T0, toyApply } from './contract/fixtures.ts';

const root = mkdtempSync(path.join(tmpdir(), 'jalur-db-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const freshUrl = () => `file:${path.join(root, `db-${++n}`, 'jalur.db')}`;

repositoryContract({ name: 'sqlite', open: () => openDatabase({ url: freshUrl(), groupCommit: false }) });
repositoryContract({ name: 'sqlite group commit', open: () => openDatabase({ url: freshUrl(), groupCommit: true }) });

describe('sqlite group commit', () => {
  it('concurrent case writes share one commit, each in its own savepoint, acknowledged only after it', async () => {
    const url = freshUrl();
    const db = await openDatabase({ url, groupCommit: true });
    const w = await buildWorld(db);
    const cases = [];
    for (let i = 0; i < 4; i++) cases.push((await openToyCase(w)).case);
    const [c1, c2, c3, c4] = cases as [CaseRow, CaseRow, CaseRow, CaseRow];
    const step = (c: CaseRow, type: string, expectedVersion: number, extra: Partial<AdvanceCaseInput> = {}) =>
      db.cases.advance({ schoolId: w.schoolA, caseId: c.id, expectedVersion, actorId: w.bkA.id, now: T0, event: { type }, apply: toyApply(type, T0), ...extra });
    const idem = { userId: w.bkA.id, key: 'same-key', route: 'r', requestHash: 'h', respond: () => ({ status: 200, body: { first: true } }) };
    const pending = [
      step(c1, 'next', 1),
      step(c1, 'next', 1), // loses: the first write of the batch moved c1 to version 2
      step(c2, 'next', 1, { apply: () => { throw new Error('engine bug'); } }),
      step(c3, 'next', 1, { idempotency: idem }),
      step(c3, 'next', 1, { idempotency: idem }), // replays the answer committed in the same batch
      step(c4, 'finish', 1), // refused by the toy pathway
    ];
    // Nothing is visible to another connection before the shared commit.
    const other = new Database(url.slice('file:'.length), { readonly: true });
    expect((other.prepare('SELECT max(version) AS v FROM cases').get() as { v: number }).v).toBe(1);
    const settled = await Promise.allSettled(pending);
    expect(settled.map((s) => (s.status === 'rejected' ? 'throw' : s.value.ok ? 'ok' : s.value.error.code))).toEqual([
      'ok', 'version_conflict', 'throw', 'ok', 'idempotency_replay', 'event_not_allowed',
    ]);
    const versions = other.prepare('SELECT id, version FROM cases').all() as { id: string; version: number }[];
    const v = new Map(versions.map((r) => [r.id, r.version]));
    expect([c1, c2, c3, c4].map((c) => v.get(c.id))).toEqual([2, 1, 2, 1]);
    other.close();
    expect((await db.cases.get(w.schoolA, c1.id))?.snapshot).toEqual({ state: 'b' });
    await db.close();
  });
});

describe('sqlite specifics', () => {
  it('creates the folder, runs in WAL with synchronous=FULL by default, reopens without re-migrating', async () => {
    const url = freshUrl();
    const db = await openDatabase({ url });
    expect(db.dialect).toBe('sqlite');
    await db.districts.create({ name: 'D', now: new Date() });
    await db.close();
    const again = await openDatabase({ url });
    expect((await again.districts.list()).map((d) => d.name)).toEqual(['D']);
    const handle = again.reportHandle;
    if (handle.dialect !== 'sqlite') throw new Error('sqlite expected');
    expect(handle.sqlite.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(handle.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    const raw = new Database(url.slice('file:'.length), { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
    await again.close();
    const normal = await openDatabase({ url, synchronous: 'NORMAL' });
    const normalHandle = normal.reportHandle;
    expect(normalHandle.dialect === 'sqlite' && normalHandle.sqlite.pragma('synchronous', { simple: true })).toBe(1);
    await normal.close();
  });

  it('JALUR_SQLITE_SYNC=NORMAL is an explicit opt-in; anything else is refused', () => {
    expect(parseDatabaseUrl('file:x.db', {}, '/tmp')).toEqual({ dialect: 'sqlite', file: '/tmp/x.db', synchronous: 'FULL' });
    expect(parseDatabaseUrl('file:x.db', { JALUR_SQLITE_SYNC: 'normal' }, '/tmp')).toMatchObject({ synchronous: 'NORMAL' });
    expect(() => parseDatabaseUrl('file:x.db', { JALUR_SQLITE_SYNC: 'OFF' }, '/tmp')).toThrow();
    expect(parseDatabaseUrl('postgres://u@h/db')).toEqual({ dialect: 'postgres', url: 'postgres://u@h/db' });
    expect(parseDatabaseUrl(undefined, {}, '/srv/jalur')).toMatchObject({ file: '/srv/jalur/data/jalur.db' });
  });

  it('hands postgres:// to the PostgreSQL driver: an unreachable server is a clear error, not a silent SQLite file', async () => {
    await expect(openDatabase({ url: 'postgres://u@127.0.0.1/db' })).rejects.toThrow(/PostgreSQL/);
  });
});

describe('sqlite: the schema itself guards history', () => {
  it('refuses to change or delete a published version, or to delete or rewrite an event', async () => {
    const db = await openDatabase({ url: freshUrl() });
    const w = await buildWorld(db);
    const { case: c } = await openToyCase(w);
    const handle = db.reportHandle;
    if (handle.dialect !== 'sqlite') throw new Error('sqlite expected');
    const raw = handle.sqlite;
    expect(() => raw.prepare("UPDATE pathway_versions SET document = '{}' WHERE id = ?").run(w.versionA.id)).toThrow(/immutable/);
    expect(() => raw.prepare('DELETE FROM pathway_versions WHERE id = ?').run(w.versionA.id)).toThrow(/immutable/);
    expect(() => raw.prepare('DELETE FROM case_events WHERE case_id = ?').run(c.id)).toThrow(/append-only/);
    expect(() => raw.prepare("UPDATE case_events SET type = 'x' WHERE case_id = ?").run(c.id)).toThrow(/append-only/);
    // Erasure may scrub free text in `data`.
    expect(raw.prepare("UPDATE case_events SET data = '{}' WHERE case_id = ?").run(c.id).changes).toBe(1);
    expect((await db.pathways.getVersionById(w.versionA.id))?.document).toEqual(w.versionA.document);
    await db.close();
  });
});

describe('sqlite: two connections on one file (two processes)', () => {
  it('a case advanced elsewhere is read fresh, never from a stale parsed snapshot', async () => {
    const url = freshUrl();
    const one = await openDatabase({ url });
    const two = await openDatabase({ url });
    const w = await buildWorld(one);
    const { case: c } = await openToyCase(w);
    const step = (db: typeof one, type: string, expectedVersion: number) =>
      db.cases.advance({ schoolId: w.schoolA, caseId: c.id, expectedVersion, actorId: null, now: T0, event: { type }, apply: toyApply(type, T0) });
    expect((await step(one, 'next', 1)).ok).toBe(true); // `one` now holds version 2 parsed
    expect((await step(two, 'skip', 2)).ok).toBe(true); // moved to `c` by the other connection
    expect(await step(one, 'finish', 2)).toMatchObject({ ok: false, error: { code: 'version_conflict', current: 3 } });
    expect(await step(one, 'finish', 3)).toMatchObject({ ok: false, error: { code: 'event_not_allowed', message: 'finish not allowed in c' } });
    expect((await one.cases.get(w.schoolA, c.id))?.snapshot).toEqual({ state: 'c' });
    await one.close();
    await two.close();
  });

  it('a write that fails after the update (its answer cannot be stored) leaves no trace, in the row or in memory', async () => {
    const db = await openDatabase({ url: freshUrl() });
    const w = await buildWorld(db);
    const { case: c } = await openToyCase(w);
    const idempotency = { userId: w.bkA.id, key: 'k', route: 'r', requestHash: 'h', respond: () => { throw new Error('cannot build the answer'); } };
    await expect(db.cases.advance({ schoolId: w.schoolA, caseId: c.id, expectedVersion: 1, actorId: null, now: T0, event: { type: 'next' }, apply: toyApply('next', T0), idempotency })).rejects.toThrow('cannot build');
    expect(await db.cases.get(w.schoolA, c.id)).toMatchObject({ version: 1, snapshot: { state: 'a' } });
    const ok = await db.cases.advance({ schoolId: w.schoolA, caseId: c.id, expectedVersion: 1, actorId: null, now: T0, event: { type: 'next' }, apply: toyApply('next', T0) });
    expect(ok).toMatchObject({ ok: true, value: { case: { version: 2, snapshot: { state: 'b' } } } });
    await db.close();
  });

});
