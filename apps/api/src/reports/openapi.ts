/**
 * The response schemas of the school report and district routes (their
 * `createRoute` definitions are in ./route-defs.ts).
 */
import { z } from '@hono/zod-openapi';
import { dateSchema as date, dateTimeSchema, localizedSchema } from '../schemas/common.ts';
/**
 * A published count: a number, "<5" when it is 1–4 (or a zero hidden to protect one), "≥5" when hidden to protect a
 * "<5", "x" when hidden without a bound (a before-column, whose cells enter differences across periods).
 */
const publicCount = z.union([z.number().int(), z.literal('<5'), z.literal('≥5'), z.literal('x')]).openapi('PublicCount');

export const beforeAfterRowSchema = z.object({ factor: z.string(), before: z.number().int(), after: z.number().int() }).openapi('BeforeAfterRow');
const stepCount = z.object({ stateId: z.string(), title: localizedSchema, kind: z.string().nullable(), count: z.number().int() });
export const schoolSummarySchema = z
  .object({
    generatedAt: dateTimeSchema,
    openCases: z.number().int(),
    closedCases: z.number().int(),
    openByStep: z.array(stepCount),
    openByFactor: z.array(z.object({ factor: z.string(), count: z.number().int() })),
    overdueTasks: z.object({ total: z.number().int(), byStep: z.array(stepCount) }),
    medianTimePerStep: z.array(z.object({ stateId: z.string(), title: localizedSchema, kind: z.string().nullable(), medianDays: z.number(), stays: z.number().int() })),
    casesPerMonth: z.array(z.object({ month: z.string(), opened: z.number().int(), closed: z.number().int() })),
    outcomes: z.record(z.string(), z.number().int()),
  })
  .openapi('SchoolSummary');
const rate = z.object({ measured: z.number().int(), returned: z.number().int(), rate: z.number().nullable() });
export const schoolTrendsSchema = z
  .object({
    cohort: z.object({ cases: z.number().int(), attendanceBefore: z.number().nullable(), attendanceAfter: z.number().nullable(), gradeBefore: z.number().nullable(), gradeAfter: z.number().nullable() }),
    cases: z.array(z.object({ caseId: z.string(), branch: z.string().nullable(), attendanceBefore: z.number().nullable(), attendanceAfter: z.number().nullable(), gradeBefore: z.number().nullable(), gradeAfter: z.number().nullable() })),
    returnToAttendance: z.array(z.object({ branch: z.string(), title: localizedSchema, cases: z.number().int(), d30: rate, d60: rate, d90: rate })),
  })
  .openapi('SchoolTrends');
const block = z.object({
  school: z.object({ id: z.string(), name: z.string() }).nullable(),
  openCases: publicCount,
  closedCases: publicCount,
  openByStep: z.array(z.object({ stateId: z.string(), title: localizedSchema, count: publicCount })),
  openByFactor: z.array(z.object({ factor: z.string(), count: publicCount })),
  outcomes: z.record(z.string(), z.object({ count: publicCount, rate: z.number().nullable() })),
  beforeAfter: z.array(z.object({ factor: z.string(), before: publicCount, after: publicCount })),
});
export const districtAggregatesSchema = z
  .object({
    generatedAt: dateTimeSchema,
    period: z.object({ from: date, to: date }),
    suppression: z.object({ threshold: z.literal(5), marker: z.literal('<5'), withheld: z.literal('≥5'), concealed: z.literal('x') }),
    district: block,
    schools: z.array(block),
  })
  .openapi('DistrictAggregates');
