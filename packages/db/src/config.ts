/** Reads `DATABASE_URL` / `JALUR_SQLITE_SYNC` into a typed connection config. */
import path from 'node:path';

export const DEFAULT_DATABASE_URL = 'file:data/jalur.db';

export type SqliteSync = 'FULL' | 'NORMAL';

export type ConnectionConfig =
  | { dialect: 'sqlite'; file: string; synchronous: SqliteSync }
  | { dialect: 'postgres'; url: string };

/**
 * Parses a database URL. `file:<path>` (relative to `cwd`) is SQLite;
 * `postgres://…` / `postgresql://…` is reserved for the scale-out driver.
 * `synchronous` is FULL (an acknowledged write is on disk) unless
 * `JALUR_SQLITE_SYNC=NORMAL` is set explicitly (faster, may lose the last
 * commits on power loss — never on a process crash).
 */
export function parseDatabaseUrl(url: string = DEFAULT_DATABASE_URL, env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): ConnectionConfig {
  if (/^postgres(ql)?:\/\//.test(url)) return { dialect: 'postgres', url };
  const raw = url.startsWith('file:') ? url.slice('file:'.length) : url;
  if (raw === '') throw new Error(`DATABASE_URL has no path: ${url}`);
  const sync = (env.JALUR_SQLITE_SYNC ?? 'FULL').toUpperCase();
  if (sync !== 'FULL' && sync !== 'NORMAL') throw new Error(`JALUR_SQLITE_SYNC must be FULL or NORMAL, got ${sync}`);
  const file = raw === ':memory:' ? raw : path.resolve(cwd, raw);
  return { dialect: 'sqlite', file, synchronous: sync };
}
