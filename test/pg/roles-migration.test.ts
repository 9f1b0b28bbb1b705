/**
 * The people-and-oversight migration (SQLite 0006, PostgreSQL 0005) on a
 * database that already holds accounts: a database migrated up to the
 * migration before it, with a kepsek, a wali kelas of X-2 and a district
 * admin in it, is opened by `openDatabase` (which applies the rest): every
 * account then holds exactly its old role in `user_roles` (the wali kelas
 * with its class), acts in it, districts are kabupaten roots and the
 * schools keep their district.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, describe, expect, it } from 'vitest';
import { hashPassword, openDatabase, type JalurDb } from '../../packages/db/src/index.ts';
import { ROOT } from '../reports/demo-db.ts';
import { startPgServer } from '../../scripts/pg-server.mjs';

const T0 = Date.parse('2025-07-14T00:00:00Z');

// The database package's own drivers and drizzle migrators (the test folder does not depend on them directly).
const fromDb = createRequire(join(ROOT, 'packages/db/package.json'));
type SqliteHandle = { prepare(sql: string): { run(): unknown; get(): unknown }; close(): void };
type PgClient = { unsafe(sql: string): Promise<Record<string, unknown>[]>; end(): Promise<void> };
const Database = fromDb('better-sqlite3') as new (file: string) => SqliteHandle;
const { drizzle: drizzleSqlite } = fromDb('drizzle-orm/better-sqlite3') as { drizzle(h: SqliteHandle): unknown };
const { migrate: migrateSqlite } = fromDb('drizzle-orm/better-sqlite3/migrator') as { migrate(db: unknown, o: { migrationsFolder: string }): void };
const { drizzle: drizzlePg } = fromDb('drizzle-orm/postgres-js') as { drizzle(c: PgClient): unknown };
const { migrate: migratePg } = fromDb('drizzle-orm/postgres-js/migrator') as { migrate(db: unknown, o: { migrationsFolder: string }): Promise<void> };
const postgres = fromDb('postgres') as (url: string, o: Record<string, unknown>) => PgClient;

/** A copy of a migrations folder holding only the migrations before `tag`. */
function migrationsBefore(folder: string, tag: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'jalur-mig-'));
  cpSync(folder, dir, { recursive: true });
  const journalFile = join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { tag: string; idx: number }[] };
  const cut = journal.entries.findIndex((e) => e.tag === tag);
  expect(cut, `${tag} in ${folder}`).toBeGreaterThan(0);
  journal.entries = journal.entries.slice(0, cut);
  writeFileSync(journalFile, JSON.stringify(journal));
  return dir;
}

async function checkMigrated(db: JalurDb, ids: { kepsek: string; wali: string; dinas: string }) {
  expect(await db.users.roles(ids.kepsek)).toEqual([{ role: 'kepsek', className: null }]);
  expect(await db.users.roles(ids.wali)).toEqual([{ role: 'wali_kelas', className: 'X-2' }]);
  expect(await db.users.roles(ids.dinas)).toEqual([{ role: 'admin_dinas', className: null }]);
  const { token } = await db.sessions.create({ userId: ids.wali, now: new Date() });
  const live = await db.sessions.validate(token, new Date());
  expect(live?.session.activeRole).toBeNull();
  expect(live?.roles).toEqual([{ role: 'wali_kelas', className: 'X-2' }]);
  const district = await db.districts.get('d1');
  expect(district).toMatchObject({ kind: 'kabupaten', parentId: null });
  expect((await db.schools.listUnder('d1')).map((s) => s.id)).toEqual(['s1']);
}

const insertSql = (hash: string, q: (s: string) => string) => [
  `INSERT INTO districts (id, name, created_at) VALUES ('d1', 'Kabupaten Lama', ${q('T0')})`,
  `INSERT INTO schools (id, district_id, name, created_at) VALUES ('s1', 'd1', 'SMP Lama', ${q('T0')})`,
  `INSERT INTO users (id, email, name, role, school_id, district_id, class_name, password_hash, created_at) VALUES ('u-kepsek', 'kepsek@lama.uji', 'Kepsek', 'kepsek', 's1', 'd1', NULL, '${hash}', ${q('T0')})`,
  `INSERT INTO users (id, email, name, role, school_id, district_id, class_name, password_hash, created_at) VALUES ('u-wali', 'wali@lama.uji', 'Wali', 'wali_kelas', 's1', 'd1', 'X-2', '${hash}', ${q('T0')})`,
  `INSERT INTO users (id, email, name, role, school_id, district_id, class_name, password_hash, created_at) VALUES ('u-dinas', 'dinas@lama.uji', 'Dinas', 'admin_dinas', NULL, 'd1', NULL, '${hash}', ${q('T0')})`,
];
const IDS = { kepsek: 'u-kepsek', wali: 'u-wali', dinas: 'u-dinas' };

describe('the roles migration keeps every existing account’s role', () => {
  const cleanup: (() => void)[] = [];
  afterAll(() => cleanup.forEach((f) => f()));

  it('on SQLite (0006_people_oversight)', async () => {
    const folder = migrationsBefore(join(ROOT, 'packages/db/migrations'), '0006_people_oversight');
    const dir = mkdtempSync(join(tmpdir(), 'jalur-mig-db-'));
    cleanup.push(() => rmSync(folder, { recursive: true, force: true }), () => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'jalur.db');
    const sqlite = new Database(file);
    migrateSqlite(drizzleSqlite(sqlite), { migrationsFolder: folder });
    expect(sqlite.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'user_roles'").get()).toEqual({ n: 0 });
    const hash = await hashPassword('lama-sandi-123');
    for (const s of insertSql(hash, () => String(T0))) sqlite.prepare(s).run();
    sqlite.close();
    const db = await openDatabase({ url: `file:${file}` });
    try {
      await checkMigrated(db, IDS);
      expect((await db.users.authenticate({ email: 'wali@lama.uji', password: 'lama-sandi-123', now: new Date() })).ok).toBe(true);
    } finally {
      await db.close();
    }
  });

  it('on PostgreSQL (0005_people_oversight)', async () => {
    const folder = migrationsBefore(join(ROOT, 'packages/db/migrations-pg'), '0005_people_oversight');
    cleanup.push(() => rmSync(folder, { recursive: true, force: true }));
    const pg = await startPgServer();
    cleanup.push(() => pg.stop());
    const client = postgres(pg.url, { max: 1, onnotice: () => {} });
    await migratePg(drizzlePg(client), { migrationsFolder: folder });
    expect((await client.unsafe("SELECT to_regclass('user_roles') AS t"))[0]!['t']).toBeNull();
    const hash = await hashPassword('lama-sandi-123');
    for (const s of insertSql(hash, () => `to_timestamp(${T0 / 1000})`)) await client.unsafe(s);
    await client.end();
    const db = await openDatabase({ url: pg.url });
    try {
      await checkMigrated(db, IDS);
    } finally {
      await db.close();
    }
  }, 180_000);
});
