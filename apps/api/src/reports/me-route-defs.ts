/**
 * The routes of step answers and M&E records as `createRoute` definitions
 * (zod validates the requests and describes the answers in `/api/openapi.json`).
 */
import { createRoute, z } from '@hono/zod-openapi';
import { CONFIDENTIALITY_LEVELS } from '@jalur/casework';
import { dateTimeSchema, errorResponses, idParamsSchema, json } from '../schemas/common.ts';

const words = z.object({ id: z.string(), en: z.string() }).openapi('Words');

export const stepAnswerSchema = z
  .object({
    seq: z.number().int(),
    at: dateTimeSchema,
    stateId: z.string(),
    /** The step's title. */
    step: words,
    /** Who submitted it, by name (null: the system or someone outside the school). */
    actorName: z.string().nullable(),
    confidentiality: z.enum(CONFIDENTIALITY_LEVELS),
    /** False when the caller's level does not reach the step's: `answers` is then null. */
    visible: z.boolean(),
    answers: z.array(z.object({ field: z.string(), label: words, value: words })).nullable(),
  })
  .openapi('StepAnswers');

export const stepAnswersRoute = createRoute({
  method: 'get', path: '/cases/{id}/answers', tags: ['cases'], summary: 'Jawaban langkah yang sudah dikirim / submitted step answers',
  request: { params: idParamsSchema },
  responses: { 200: json(z.object({ items: z.array(stepAnswerSchema) }).openapi('StepAnswerList'), 'Jawaban / answers'), ...errorResponses(400, 401, 403, 404) },
});
