/**
 * The demo seed on a throwaway PostgreSQL server (scripts/pg-server.mjs):
 * the same accounts, schools and SRPS 2023 cohort as `openDemoDb` on SQLite,
 * for tests that run on both dialects. `close()` closes the pool and stops
 * (and deletes) the server.
 */
import { join } from 'node:path';
import { openDatabase } from '../../packages/db/src/index.ts';
import { seedDemo } from '../../packages/cases/src/index.ts';
import { startPgServer } from '../../scripts/pg-server.mjs';
import { DEMO_NOW, ROOT, type SeededDb } from './demo-db.ts';

export async function openPgDemoDb(): Promise<SeededDb> {
  const pg = await startPgServer();
  try {
    const db = await openDatabase({ url: pg.url });
    const seeded = await seedDemo(db, { workflowsDir: join(ROOT, 'workflows'), now: DEMO_NOW });
    if (!seeded.schools || !seeded.districtId) throw new Error('seedDemo did not seed');
    return {
      db,
      districtId: seeded.districtId,
      schoolA: seeded.schools.A,
      schoolB: seeded.schools.B,
      async user(email) {
        const u = await db.users.getByEmail(email);
        if (!u) throw new Error(`no demo user ${email}`);
        return u;
      },
      async close() {
        await db.close();
        pg.stop();
      },
    };
  } catch (error) {
    pg.stop();
    throw error;
  }
}
