/**
 * The whole schema in the PostgreSQL dialect, table for table and column for
 * column parallel to `../schema` (SQLite); `parity.ts` proves the row types
 * are the same and `test/pg/schema-parity.test.ts` the names and indexes.
 */
export * from './org.ts';
export * from './students.ts';
export * from './pathways.ts';
export * from './cases.ts';
export * from './records.ts';
export * from './ops.ts';
export * from './paperwork.ts';
export * from './registers.ts';
export * from './funds.ts';
export * from './me.ts';
