/** Case request and response schemas. */
import { z } from '@hono/zod-openapi';
import { riskFactorSchema, stepMetaSchema } from '@jalur/engine';
import { say } from '../http/zod-messages.ts';
import { dateTimeSchema, idSchema, localizedSchema, pageQuery } from './common.ts';

export { idempotencyHeaderSchema } from './common.ts';

export const availableEventSchema = z
  .object({
    type: z.string(),
    label: localizedSchema,
    stateId: z.string(),
    targets: z.array(z.string()),
    enabled: z.boolean(),
    guarded: z.boolean(),
  })
  .openapi('AvailableEvent');

export const activeStepSchema = z
  .object({ stateId: z.string(), meta: stepMetaSchema.nullable() })
  .openapi('ActiveStep');

export const caseViewSchema = z
  .object({
    id: z.string(),
    schoolId: z.string(),
    studentId: z.string(),
    student: z.object({ id: z.string(), name: z.string(), className: z.string() }).optional(),
    pathwayId: z.string(),
    pathwayKey: z.string(),
    pathwayVersionId: z.string(),
    pathwayVersion: z.number().int(),
    /** Optimistic-concurrency version: send it back as `expectedVersion`. */
    version: z.number().int(),
    status: z.enum(['active', 'closed']),
    outcome: z.string().nullable(),
    /** Active leaf steps joined by `,` (one for a simple pathway). */
    state: z.string(),
    stateValue: z.array(z.string()),
    /** The first active step (the one a person works on); null once the case is done. */
    step: z.union([activeStepSchema, z.null()]),
    steps: z.array(activeStepSchema),
    /** The events the caller's role may send now (the action buttons). */
    availableEvents: z.array(availableEventSchema),
    riskFactors: z.array(z.string()),
    assignee: z.object({ id: z.string(), name: z.string() }).nullable(),
    /** Form values recorded so far that the caller may read (by each step's confidentiality); single-case answers only. */
    form: z.record(z.string(), z.unknown()).optional(),
    openedAt: dateTimeSchema,
    updatedAt: dateTimeSchema,
    closedAt: dateTimeSchema.nullable(),
  })
  .openapi('Case');

export const caseEventSchema = z
  .object({
    id: z.string(),
    seq: z.number().int(),
    type: z.string(),
    data: z.record(z.string(), z.unknown()).nullable(),
    actorId: z.string().nullable(),
    /** Who did it, by name (null: the system, e.g. a timer). */
    actorName: z.string().nullable(),
    at: dateTimeSchema,
    stateBefore: z.string().nullable(),
    stateAfter: z.string(),
  })
  .openapi('CaseEvent');

export const createCaseBodySchema = z
  .object({
    studentId: idSchema,
    pathwayId: idSchema,
    version: z.number().int().min(1).optional(),
    riskFactors: z.array(riskFactorSchema).max(8).optional(),
    assigneeId: idSchema.nullable().optional(),
  })
  .openapi('CreateCaseRequest');

/** Form data sent with one event: at most this much JSON, so a case's snapshot stays small. */
export const MAX_EVENT_DATA_BYTES = 64_000;
/** …and at most this deep (a form value is a scalar or a short list; 32 is generous). */
export const MAX_EVENT_DATA_DEPTH = 32;

/** True when no array or object in `value` is nested deeper than `max` levels (an explicit stack, never recursion). */
export function nestingAtMost(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth > max) return false;
    for (const child of Object.values(v as object)) if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return true;
}

export const advanceBodySchema = z
  .object({
    type: z.string().min(1).max(200),
    data: z
      .record(z.string().max(80), z.unknown())
      // Depth first, without recursion: serializing data nested thousands deep would overflow the stack.
      .refine((d) => nestingAtMost(d, MAX_EVENT_DATA_DEPTH), {
        message: say(`data: paling dalam ${MAX_EVENT_DATA_DEPTH} tingkat`, `data: at most ${MAX_EVENT_DATA_DEPTH} levels deep`),
        abort: true,
      })
      .refine((d) => Object.keys(d).length <= 200 && JSON.stringify(d).length <= MAX_EVENT_DATA_BYTES, {
        message: say(`data: paling banyak 200 isian dan ${MAX_EVENT_DATA_BYTES} bita`, `data: at most 200 fields and ${MAX_EVENT_DATA_BYTES} bytes`),
      })
      .optional(),
    expectedVersion: z.number().int().min(1),
  })
  .openapi('AdvanceCaseRequest');

const flag = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1')
  .optional();

export const caseListQuerySchema = z.object({
  state: z.string().max(400).optional(),
  status: z.enum(['active', 'closed']).optional(),
  /** A user id, or `me`. */
  assignee: z.string().max(64).optional(),
  riskFactor: riskFactorSchema.optional(),
  overdue: flag,
  studentId: idSchema.optional(),
  pathwayId: idSchema.optional(),
  ...pageQuery,
});

export const boardQuerySchema = z.object({
  status: z.enum(['active', 'closed']).optional(),
  pathwayId: idSchema.optional(),
});

export const boardSchema = z
  .object({
    /** Cases per active leaf step (a parallel case counts in each of its steps). */
    columns: z.array(z.object({ stateId: z.string(), count: z.number().int() })),
    total: z.number().int(),
  })
  .openapi('CaseBoard');

export const assignBodySchema = z.object({ assigneeId: idSchema.nullable() }).openapi('AssignCaseRequest');
