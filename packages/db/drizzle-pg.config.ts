import { defineConfig } from 'drizzle-kit';

// PostgreSQL migrations, parallel to drizzle.config.ts (SQLite). After a
// schema change: `node src/schema-pg/generate.mjs`, then
// `corepack pnpm --filter @jalur/db exec drizzle-kit generate --config drizzle-pg.config.ts`; commit migrations-pg/.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/schema-pg/index.ts',
  out: './migrations-pg',
});
