/** Opens a SQLite file: pragmas for durability and concurrency, migrations, repositories. */
import { currentActingRole } from '../roles.ts';
import Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as schema from '../schema/index.ts';
import type { JalurDb } from '../repository.ts';
import { newId, type SqliteContext } from './context.ts';
import { createOrgRepos } from './org.ts';
import { createStudentRepos } from './students.ts';
import { createPathwayRepo } from './pathways.ts';
import { createCaseRepo } from './case-unit.ts';
import { SnapshotCache } from './case-row.ts';
import { createJobRepo } from './jobs.ts';
import { createWorkRepos } from './work.ts';
import { createRecordRepos } from './records.ts';
import { createOpsRepos } from './ops.ts';
import { createPaperworkRepo } from './paperwork.ts';
import { createRegistersRepo } from './registers.ts';
import { createMeRepo } from './me.ts';
import { createSchoolYearRepo } from './school-year.ts';
import { createFundsRepo } from './funds.ts';

/** The committed SQL migrations (drizzle-kit), applied on every open. */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../migrations', import.meta.url));

export interface SqliteOptions {
  file: string;
  synchronous: 'FULL' | 'NORMAL';
  busyTimeoutMs: number;
  /** Case writes of one event-loop turn share a transaction (see commit-queue.ts). */
  groupCommit?: boolean;
}

export async function openSqlite(options: SqliteOptions): Promise<JalurDb> {
  if (options.file !== ':memory:') mkdirSync(path.dirname(options.file), { recursive: true });
  const sqlite = new Database(options.file, { timeout: options.busyTimeoutMs });
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma(`synchronous = ${options.synchronous}`);
  sqlite.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutMs)}`);
  sqlite.pragma('foreign_keys = ON');
  // Freed row content and freed pages are zeroed, so erased personal data (UU PDP) does not linger in free space (FAST left freelist pages as they were).
  sqlite.pragma('secure_delete = ON');
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });

  const runInTx = sqlite.transaction((fn: () => unknown) => fn());
  const insertAudit = sqlite.prepare(
    'INSERT INTO audit_log (id, school_id, actor_id, actor_role, action, subject, details, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const snapshots = new SnapshotCache();
  const staff = sqlite.prepare('SELECT 1 FROM users WHERE id = ? AND school_id = ? AND disabled_at IS NULL');
  const ctx: SqliteContext = {
    forgetSnapshot: (caseId) => snapshots.forget(caseId),
    isStaff: (userId, schoolId) => staff.get(userId, schoolId) !== undefined,
    sqlite,
    db,
    immediate: <T>(fn: () => T) => runInTx.immediate(fn) as T,
    audit: (e) => {
      insertAudit.run(newId(), e.schoolId, e.actorId ?? null, e.actorRole ?? currentActingRole(), e.action, e.subject ?? null, e.details == null ? null : JSON.stringify(e.details), e.at.getTime());
    },
  };

  const ping = sqlite.prepare('SELECT 1 AS one');
  return {
    dialect: 'sqlite',
    location: options.file,
    reportHandle: { dialect: 'sqlite', sqlite, file: options.file },
    ...createOrgRepos(ctx),
    ...createStudentRepos(ctx),
    pathways: createPathwayRepo(ctx),
    cases: createCaseRepo(ctx, { groupCommit: options.groupCommit ?? false, snapshots }),
    ...createWorkRepos(ctx),
    ...createRecordRepos(ctx),
    ...createOpsRepos(ctx),
    jobs: createJobRepo(ctx),
    ...createPaperworkRepo(ctx),
    ...createSchoolYearRepo(ctx),
    ...createFundsRepo(ctx),
    ...createRegistersRepo(ctx),
    ...createMeRepo(ctx),
    isEmpty: async () => db.select({ n: sql<number>`count(*)` }).from(schema.districts).get()?.n === 0,
    ping: async () => (ping.get() as { one: number } | undefined)?.one === 1,
    close: async () => {
      if (sqlite.open) sqlite.close();
    },
  };
}
