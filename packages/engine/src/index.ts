export * from './document.ts';
export * from './contract.ts';
export * from './duration.ts';
export * from './guards.ts';
export * from './forms.ts';
export * from './compile.ts';
export * from './case.ts';
export * from './available.ts';
