import { defineConfig } from 'drizzle-kit';

// `corepack pnpm --filter @jalur/db exec drizzle-kit generate` writes a new
// SQL migration into migrations/ after a schema change; commit it.
export default defineConfig({
  dialect: 'sqlite',
  schema: './src/schema/index.ts',
  out: './migrations',
});
