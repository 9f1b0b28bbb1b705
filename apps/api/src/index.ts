/**
 * @jalur/api — the Hono application, its typed client and the timer
 * scheduler. `main.ts` wires them to a database and a port.
 */
export { createApp, type AppDeps, type AppType } from './app.ts';
export { createClient, type JalurClient } from './client.ts';
export { startScheduler, type Scheduler, type SchedulerOptions, type TickReport } from './scheduler.ts';
export { ManualClock, systemClock, type Clock } from './clock.ts';
export { CaseService, CompiledPathways } from '@jalur/cases';
export type { CaseView } from './cases/case-view.ts';
export type { ErrorBody } from './http/errors.ts';
