/**
 * The PostgreSQL schema mirrors the SQLite one (row types are proven equal at
 * compile time by ./parity.ts): same tables, column
 * names, nullability, primary keys and index names and columns; and the
 * committed PostgreSQL migrations are up to date with it.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { is, Table } from 'drizzle-orm';
import { getTableConfig as pgConfig, type PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig as liteConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import * as lite from '../schema/index.ts';
import * as pg from './index.ts';

type Shape = { columns: [string, boolean, boolean][]; indexes: [string, string[], boolean][]; primaryKeys: string[][] };

function shape(cfg: ReturnType<typeof pgConfig> | ReturnType<typeof liteConfig>): Shape {
  return {
    columns: cfg.columns.map((c) => [c.name, c.notNull, c.primary] as [string, boolean, boolean]).sort(),
    indexes: cfg.indexes
      .map((i) => [i.config.name ?? '', i.config.columns.map((c) => ('name' in c ? String(c.name) : '?')), Boolean(i.config.unique)] as [string, string[], boolean])
      .sort(),
    primaryKeys: cfg.primaryKeys.map((pk) => pk.columns.map((c) => c.name)),
  };
}

const tables = <T>(mod: Record<string, unknown>) => Object.entries(mod).filter(([, v]) => is(v, Table)) as [string, T][];

describe('schema parity: SQLite ↔ PostgreSQL', () => {
  it('every table has the same name, columns, keys and indexes in both dialects', () => {
    const liteTables = tables<SQLiteTable>(lite);
    const pgTables = new Map(tables<PgTable>(pg));
    expect([...pgTables.keys()].sort()).toEqual(liteTables.map(([k]) => k).sort());
    for (const [key, table] of liteTables) {
      const a = liteConfig(table);
      const b = pgConfig(pgTables.get(key)!);
      expect(b.name).toBe(a.name);
      expect(shape(b), key).toEqual(shape(a));
    }
  });

  it('migrations-pg is up to date: drizzle-kit has nothing left to generate', () => {
    const dbDir = path.resolve(import.meta.dirname, '../..');
    const out = mkdtempSync(path.join(tmpdir(), 'jalur-pg-mig-'));
    try {
      // Generate into a copy: a pending change would show as a new SQL file there.
      cpSync(path.join(dbDir, 'migrations-pg'), out, { recursive: true });
      const before = readdirSync(out).filter((f) => f.endsWith('.sql'));
      execFileSync('corepack', ['pnpm', 'exec', 'drizzle-kit', 'generate', '--dialect', 'postgresql', '--schema', './src/schema-pg/index.ts', '--out', out], { cwd: dbDir, stdio: 'pipe' });
      expect(readdirSync(out).filter((f) => f.endsWith('.sql'))).toEqual(before);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
