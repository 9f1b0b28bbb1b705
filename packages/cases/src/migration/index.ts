/** Moving running cases from one published pathway version to the next. */
export { resolveStateMap, leafStates, type StateMapInput, type ResolvedStateMap, type StateMapProblem } from './state-map.ts';
export { planMigration, planCase, stateValueFromLeaves, type MigratingCase, type CasePlan, type Unmappable, type MigrationPlan } from './plan.ts';
export { loadMigratingCases, applyMigration, type CaseFilter, type ApplyContext, type ApplyOutcome } from './apply.ts';
