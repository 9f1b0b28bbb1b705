/**
 * Backup and restore of a SQLite database. A backup is a consistent copy
 * taken with SQLite's online backup API while the server keeps running (it
 * sees every transaction committed before it finished, none half-done). A
 * restore checks the copy and puts it in place; stop the server first.
 */
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parseDatabaseUrl } from './config.ts';

export interface BackupResult {
  /** Where the copy is. */
  file: string;
  /** Pages copied. */
  pages: number;
}

function sqliteFile(url: string | undefined): string {
  const config = parseDatabaseUrl(url ?? process.env.DATABASE_URL);
  if (config.dialect !== 'sqlite') throw new Error('Cadangan ini hanya untuk SQLite; PostgreSQL: pg_dump / this backup is for SQLite; for PostgreSQL use pg_dump');
  return config.file;
}

/** Checks that `file` is an intact Jalur database; throws with the reason otherwise. */
export function checkDatabaseFile(file: string): void {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new Error(`integrity_check: ${String(integrity)}`);
    const tables = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name));
    for (const t of ['__drizzle_migrations', 'cases', 'case_events', 'pathway_versions', 'users']) {
      if (!tables.has(t)) throw new Error(`not a Jalur database: table ${t} is missing`);
    }
  } finally {
    db.close();
  }
}

/** Copies the database at `url` (default `DATABASE_URL`) to `to`, consistently, while it is in use. */
export async function backupDatabase(options: { url?: string; to: string }): Promise<BackupResult> {
  const file = sqliteFile(options.url);
  const to = path.resolve(options.to);
  if (to === file) throw new Error('backup target is the database itself');
  mkdirSync(path.dirname(to), { recursive: true });
  if (!existsSync(file)) throw new Error(`Basis data tidak ditemukan / database not found: ${file}`);
  const partial = `${to}.partial`;
  rmSync(partial, { force: true });
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    const { totalPages } = await db.backup(partial);
    checkDatabaseFile(partial);
    renameSync(partial, to);
    return { file: to, pages: totalPages };
  } finally {
    db.close();
    rmSync(partial, { force: true });
  }
}

/**
 * Puts the backup `from` in place of the database at `url` (default
 * `DATABASE_URL`), after checking it. The server must be stopped. The
 * database it replaces is kept beside it as `<file>.before-restore`.
 */
export function restoreDatabase(options: { url?: string; from: string }): { file: string; previous: string | null } {
  const file = sqliteFile(options.url);
  const from = path.resolve(options.from);
  checkDatabaseFile(from);
  mkdirSync(path.dirname(file), { recursive: true });
  let previous: string | null = null;
  if (existsSync(file)) {
    // Fold the old WAL into its file first, so the kept copy is whole.
    const old = new Database(file);
    old.pragma('wal_checkpoint(TRUNCATE)');
    old.close();
    previous = `${file}.before-restore`;
    copyFileSync(file, previous);
  }
  const staging = `${file}.restoring`;
  copyFileSync(from, staging);
  for (const suffix of ['-wal', '-shm']) rmSync(file + suffix, { force: true });
  renameSync(staging, file);
  return { file, previous };
}
