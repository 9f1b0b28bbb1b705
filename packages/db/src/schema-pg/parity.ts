/**
 * Compile-time proof that every PostgreSQL table has exactly the row type of
 * its SQLite twin: the repository interface (typed from the SQLite schema)
 * then fits both drivers, and a drift fails `tsc -b packages/db`.
 */
import type { InferInsertModel, InferSelectModel, Table } from 'drizzle-orm';
import type * as lite from '../schema/index.ts';
import type * as pg from './index.ts';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Same<L extends Table, P extends Table> = Equal<InferSelectModel<L>, InferSelectModel<P>> extends true
  ? Equal<InferInsertModel<L>, InferInsertModel<P>>
  : false;

type TableNames = { [K in keyof typeof lite]: (typeof lite)[K] extends Table ? K : never }[keyof typeof lite];
type MissingInPg = Exclude<TableNames, keyof typeof pg>;

/** `true` for every table whose select and insert types match. */
type Parity = { [K in TableNames]: K extends keyof typeof pg ? ((typeof pg)[K] extends Table ? Same<(typeof lite)[K], (typeof pg)[K]> : false) : false };

type AssertTrue<T extends true> = T;

/** Fails to compile when a table is missing in the PostgreSQL schema or its row types differ. */
export type SchemaParity = AssertTrue<[MissingInPg] extends [never] ? (Parity[TableNames] extends true ? true : false) : false>;
