/**
 * @jalur/engine — the pathway engine: the document format, its checks, its
 * compilation to XState v5, and the pure functions that run a student's case.
 */
export * from './document.ts';
export * from './contract.ts';
export * from './duration.ts';
export * from './messages.ts';
export * from './parse.ts';
export * from './lint.ts';
export * from './guards.ts';
export * from './forms.ts';
export * from './compile.ts';
export * from './case.ts';
export * from './approve.ts';
export * from './available.ts';
export * from './xstate-json.ts';
export { listStates, transitionsOf, resolveTarget, type StateEntry, type TransitionEntry } from './state-tree.ts';
export * from './casework-events.ts';
export * from './interventions.ts';
export { MAX_MICROSTEPS, LoopLimitError } from './microsteps.ts';
export * from './replay.ts';
export { PathwayRunError } from './run-error.ts';
