/**
 * @jalur/cases — the case service: start, advance, consent and approval
 * records, timer firing and moving cases between pathway versions, each as
 * load → engine → persist in one transaction. Also the replay that checks a
 * stored case against its events, and the demo seed built on the service.
 */
export * from './compiled.ts';
export * from './transition.ts';
export * from './service.ts';
export * from './replay.ts';
export * from './seed/index.ts';
export * from './migration/index.ts';
export * from './insight/process-view.ts';
export * from './insight/what-if.ts';
export * from './interventions/index.ts';
