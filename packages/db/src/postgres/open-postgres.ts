/**
 * Opens a PostgreSQL database: a connection pool (postgres.js), the committed
 * migrations of `migrations-pg/` (applied once under an advisory lock, so
 * several API processes may start together), and the repositories.
 */
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { fileURLToPath } from 'node:url';
import { availableParallelism } from 'node:os';
import * as schema from '../schema-pg/index.ts';
import type { JalurDb } from '../repository.ts';
import { drizzleOn, makeTx, writeAudit, type PgContext } from './context.ts';
import { createOrgRepos } from './org.ts';
import { createStudentRepos } from './students.ts';
import { createPathwayRepo } from './pathways.ts';
import { createCaseRepo } from './case-unit.ts';
import { createWorkRepos } from './work.ts';
import { createRecordRepos } from './records.ts';
import { createOpsRepos } from './ops.ts';
import { createJobRepo } from './jobs.ts';
import { createPaperworkRepo } from './paperwork.ts';
import { createRegistersRepo } from './registers.ts';
import { createMeRepo } from './me.ts';
import { createSchoolYearRepo } from './school-year.ts';
import { createFundsRepo } from './funds.ts';
import type { WireCounter } from './wire-count.ts';

/** The committed PostgreSQL migrations (drizzle-kit, `drizzle-pg.config.ts`). */
export const PG_MIGRATIONS_FOLDER = fileURLToPath(new URL('../../migrations-pg', import.meta.url));

/** Any 64-bit number unique to Jalur: the advisory lock key migrations run under. */
const MIGRATION_LOCK = 0x4a616c7572n; // "Jalur"

/** How long a connection may sit idle inside a transaction before the server ends it (and releases its locks). */
const IDLE_IN_TRANSACTION_MS = 60_000;

export interface PostgresOptions {
  url: string;
  /** Connections in this process's pool (default {@link defaultPoolSize}, or `JALUR_PG_POOL`). */
  poolSize?: number;
  /** A socket factory for postgres.js (tests and the bench count round trips with `wireCounter()`). */
  socket?: WireCounter['socket'];
}

/**
 * Two connections per core this process may use, at least four: PostgreSQL's
 * own rule of thumb (cores × 2 + disks) for a server on the same machine. On
 * the 2-core machine a pool of 4 answered 1.36× the advances per second of a
 * pool of 10, with 0.61× its p99, before the driver's queue was patched
 * (`patches/postgres@3.4.9.patch`); after it, pool 10 gave 0.89× the
 * advances per second of pool 4 and 0.92× its p99 in one run (`pnpm bench
 * pg`): more connections than cores mostly queue inside the server.
 */
export function defaultPoolSize(): number {
  return Math.max(4, 2 * availableParallelism());
}

/** Applies pending migrations on one dedicated connection, holding a session advisory lock. */
async function migrateLocked(url: string): Promise<void> {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await client`SELECT pg_advisory_lock(${MIGRATION_LOCK.toString()}::bigint)`;
    try {
      await migrate(drizzle(client), { migrationsFolder: PG_MIGRATIONS_FOLDER });
    } finally {
      await client`SELECT pg_advisory_unlock(${MIGRATION_LOCK.toString()}::bigint)`;
    }
  } finally {
    await client.end({ timeout: 5 });
  }
}

/** Opens, migrates and wraps a PostgreSQL database as a {@link JalurDb}. */
export async function openPostgres(options: PostgresOptions): Promise<JalurDb> {
  const where = redact(options.url);
  try {
    await migrateLocked(options.url);
  } catch (err) {
    throw new Error(`PostgreSQL di ${where} tidak dapat dibuka / cannot open PostgreSQL at ${where}: ${(err as Error).message}`, { cause: err });
  }
  const poolSize = options.poolSize ?? (Number(process.env.JALUR_PG_POOL) || defaultPoolSize());
  const client = postgres(options.url, {
    max: poolSize,
    onnotice: () => {},
    ...(options.socket ? { socket: options.socket as never } : {}),
    connection: {
      application_name: 'jalur',
      // A process that stalls (or is stopped) inside a transaction must not hold a case's lock for long: the server ends it.
      idle_in_transaction_session_timeout: IDLE_IN_TRANSACTION_MS,
    },
  });
  const db = drizzleOn(client);
  const ctx: PgContext = { client, db, tx: makeTx(client), audit: writeAudit };
  let closed = false;
  return {
    dialect: 'postgres',
    location: where,
    ...createOrgRepos(ctx),
    ...createStudentRepos(ctx),
    pathways: createPathwayRepo(ctx),
    cases: createCaseRepo(ctx),
    ...createWorkRepos(ctx),
    ...createRecordRepos(ctx),
    ...createOpsRepos(ctx),
    jobs: createJobRepo(ctx),
    ...createPaperworkRepo(ctx),
    ...createSchoolYearRepo(ctx),
    ...createFundsRepo(ctx),
    ...createRegistersRepo(ctx),
    ...createMeRepo(ctx),
    reportHandle: { dialect: 'postgres', client },
    isEmpty: async () => (await db.select({ n: sql<number>`count(*)::int` }).from(schema.districts))[0]?.n === 0,
    ping: async () => (await client`SELECT 1 AS one`)[0]?.one === 1,
    close: async () => {
      if (closed) return;
      closed = true;
      await client.end({ timeout: 5 });
    },
  };
}

/** The URL without its password, for logs and errors. */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}
