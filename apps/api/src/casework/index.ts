/**
 * Case work for guru BK and wali kelas (issue 6), mounted at `/api`:
 * roster and indicator imports, early warning and flags, notes, consents,
 * referrals, records, tasks, approvals, notifications and the school calendar.
 * Each feature is its own router under its own prefix, so its middleware
 * never reaches another feature's routes; every route is a `createRoute`
 * whose zod schemas both validate the request and describe it in
 * `/api/openapi.json`.
 */
import { createRouter } from '../http/router.ts';
import type { ApiContext } from '../context.ts';
import { caseRecordRoutes } from './case-records-routes.ts';
import { earlyWarningRoutes } from './early-warning-routes.ts';
import { indicatorRoutes } from './indicator-routes.ts';
import { rosterRoutes } from './roster-routes.ts';
import { schoolYearRoutes } from './school-year-routes.ts';
import { workRoutes } from './work-routes.ts';

export { scanSchool } from './early-warning-scan.ts';

/** The case-work routes, to mount with `.route('/api', caseworkRoutes(ctx))`. */
export function caseworkRoutes(ctx: ApiContext) {
  const { indicators, studentIndicators } = indicatorRoutes(ctx);
  const { earlyWarning, flagRoutes } = earlyWarningRoutes(ctx);
  const { onCase, referrals } = caseRecordRoutes(ctx);
  const { tasks, approvals, notifications, calendar } = workRoutes(ctx);
  const { schoolYear, studentStatus } = schoolYearRoutes(ctx);
  return createRouter()
    .route('/students', rosterRoutes(ctx))
    .route('/students', studentIndicators)
    .route('/students', studentStatus)
    .route('/school-year', schoolYear)
    .route('/indicators', indicators)
    .route('/early-warning', earlyWarning)
    .route('/flags', flagRoutes)
    .route('/cases', onCase)
    .route('/referrals', referrals)
    .route('/tasks', tasks)
    .route('/approvals', approvals)
    .route('/notifications', notifications)
    .route('/calendar', calendar);
}
