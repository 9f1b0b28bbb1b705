/** The whole schema, one module per concept. */
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
