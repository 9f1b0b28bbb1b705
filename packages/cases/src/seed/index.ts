export { seedDemo, sampleValue, DEMO_ACCOUNTS, DEMO_NODES, DEMO_PASSWORD, DEMO_SCHOOLS, type DemoAccount, type SeedOptions, type SeedSummary } from './seed.ts';
export { readCohort, loadCohort, type Cohort, type CohortStudent, type CohortStep } from './seed-cohort.ts';
