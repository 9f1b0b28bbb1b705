/** Types of `pg-server.mjs`: a throwaway PostgreSQL server for tests and benchmarks. */
export interface PgServer {
  /** `postgres://postgres@127.0.0.1:<port>/jalur` (trust auth, loopback only). */
  url: string;
  port: number;
  /** The temp dir holding the data directory and the socket. */
  dir: string;
  /** The URL of another database on this server. */
  urlFor(database: string): string;
  /** `createdb [-T template] name`; returns its URL. */
  createDatabase(name: string, template?: string): string;
  /** Stops the server (immediate mode) and deletes its dir. Idempotent; also runs on process exit. */
  stop(): void;
}

/** Starts a fresh server; `fsync: false` (default) also turns off fsync and synchronous_commit. */
export function startPgServer(opts?: { fsync?: boolean; maxConnections?: number; database?: string }): Promise<PgServer>;
