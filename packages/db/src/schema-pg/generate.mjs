#!/usr/bin/env node
// Generates the PostgreSQL schema (this folder) from the SQLite schema
// (../schema) so the two never drift: same tables, columns, indexes and
// enum constants (imported, not copied). Run after a schema change:
//   node packages/db/src/schema-pg/generate.mjs
// then `corepack pnpm --filter @jalur/db exec drizzle-kit generate --config drizzle-pg.config.ts`.
// The column helpers (columns.ts) and index.ts here are hand-written.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const FILES = ['org', 'students', 'pathways', 'cases', 'records', 'ops', 'paperwork', 'registers', 'funds', 'me'];

/** SQLite-only SQL in defaults and partial-index predicates → PostgreSQL. */
const SQL_REWRITES = [
  [/sql`'\[\]'`/g, "sql`'[]'::json`"],
  [/\$\{t\.active\} = 1/g, '${t.active} = true'],
];

for (const name of FILES) {
  const source = readFileSync(path.join(here, '..', 'schema', `${name}.ts`), 'utf8');
  const constants = [];
  const lines = [];
  for (const line of source.split('\n')) {
    const constant = /^export const ([A-Z_]+) = .* as const;$/.exec(line);
    if (constant) {
      constants.push(constant[1]);
      continue;
    }
    if (/^export type \w+ = \(typeof [A-Z_]+\)\[number\];$/.test(line)) continue;
    lines.push(line);
  }
  let out = lines.join('\n').replace(/\n{3,}/g, '\n\n');
  out = out.replace("from 'drizzle-orm/sqlite-core'", "from 'drizzle-orm/pg-core'").replace(/sqliteTable/g, 'pgTable');
  for (const [from, to] of SQL_REWRITES) out = out.replace(from, to);
  const imports = constants.length > 0 ? `import { ${constants.join(', ')} } from '../schema/${name}.ts';\n` : '';
  // After the file's leading doc comment, before its first import.
  out = out.replace(/^(\/\*\*[\s\S]*?\*\/\n)/, `$1// GENERATED from ../schema/${name}.ts by generate.mjs — do not edit by hand.\n${imports}`);
  writeFileSync(path.join(here, `${name}.ts`), out);
}
console.log(`schema-pg: generated ${FILES.length} files from ../schema`);
