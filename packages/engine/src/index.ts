export * from './document.ts';
export * from './contract.ts';
