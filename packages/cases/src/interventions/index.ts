export * from './record.ts';
export * from './overview.ts';
