/**
 * The routes of step answers and M&E records as `createRoute` definitions
 * (zod validates the requests and describes the answers in `/api/openapi.json`).
 */
import { createRoute, z } from '@hono/zod-openapi';
import { ACTIVITY_KINDS, CONFIDENTIALITY_LEVELS, isAcademicYear, SEMESTERS, SURVEY_SERVICES } from '@jalur/casework';
import { requireRole } from '../auth/middleware.ts';
import { dateSchema, dateTimeSchema, errorResponses, idParamsSchema, idSchema, json, jsonBody } from '../schemas/common.ts';

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

// ── M&E records ───────────────────────────────────────────────────────────

/** `2025/2026` (the second year follows the first). */
const academicYearSchema = z.string().refine(isAcademicYear, { message: 'Tahun ajaran seperti 2025/2026 / an academic year like 2025/2026' }).openapi({ example: '2025/2026' });
const semesterSchema = z.enum(SEMESTERS);

/** A student's score of a service (the zod form of `@jalur/casework`'s `satisfactionSchema`). */
export const satisfactionBodySchema = z
  .object({ service: z.enum(SURVEY_SERVICES), score: z.number().int().min(1).max(5), date: dateSchema.optional() })
  .strict()
  .openapi('SatisfactionRequest');

/** A student's participation in an activity in one term (`@jalur/casework`'s `participationSchema`). */
export const participationBodySchema = z
  .object({ studentId: idSchema, activity: z.enum(ACTIVITY_KINDS), name: z.string().trim().min(1).max(120), academicYear: academicYearSchema, semester: semesterSchema, attended: z.boolean() })
  .strict()
  .openapi('ParticipationRequest');

const count = z.number().int();
const dist5 = z.array(count).length(5);

export const satisfactionViewSchema = z
  .object({
    id: z.string(),
    service: z.string(),
    serviceLabel: words,
    score: z.number().int().min(1).max(5),
    scoreLabel: words,
    /** The day the student gave it. */
    date: dateSchema,
    term: words,
    recordedBy: z.string().nullable(),
    recordedAt: dateTimeSchema,
  })
  .openapi('SatisfactionScore');

export const satisfactionListRoute = createRoute({
  method: 'get', path: '/cases/{id}/satisfaction', tags: ['reports'], summary: 'Survei kepuasan siswa pada kasus / satisfaction scores on a case',
  request: { params: idParamsSchema },
  responses: {
    200: json(z.object({ items: z.array(satisfactionViewSchema), services: z.array(z.object({ value: z.string(), label: words })), scores: z.array(z.object({ value: count, label: words })) }).openapi('SatisfactionList'), 'Skor / scores'),
    ...errorResponses(400, 401, 403, 404),
  },
});
export const satisfactionAddRoute = createRoute({
  method: 'post', path: '/cases/{id}/satisfaction', tags: ['reports'], summary: 'Catat skor kepuasan siswa (1–5) / record a satisfaction score',
  request: { params: idParamsSchema, body: jsonBody(satisfactionBodySchema) },
  responses: { 201: json(satisfactionViewSchema, 'Tercatat / recorded'), ...errorResponses(400, 401, 403, 404, 413) },
});

export const participationViewSchema = z
  .object({
    id: z.string(),
    student: z.object({ id: z.string(), name: z.string(), className: z.string() }),
    activity: z.string(),
    activityLabel: words,
    name: z.string(),
    attended: z.boolean(),
    term: words,
    recordedAt: dateTimeSchema,
  })
  .openapi('Participation');

export const termQuerySchema = z.object({ year: academicYearSchema.optional(), semester: semesterSchema.optional() });

export const participationListRoute = createRoute({
  method: 'get', path: '/participation', tags: ['reports'], summary: 'Keikutsertaan ekstrakurikuler dan P5 per semester / participation per term',
  request: { query: termQuerySchema },
  responses: { 200: json(z.object({ items: z.array(participationViewSchema), term: words }).openapi('ParticipationList'), 'Keikutsertaan / participation'), ...errorResponses(400, 401, 403) },
});
export const participationAddRoute = createRoute({
  method: 'post', path: '/participation', tags: ['reports'], summary: 'Catat keikutsertaan siswa / record a student’s participation',
  request: { body: jsonBody(participationBodySchema) },
  responses: { 201: json(participationViewSchema, 'Tercatat / recorded'), ...errorResponses(400, 401, 403, 404, 413) },
});

// ── The semester report (`/api/reports`) ──────────────────────────────────

const termSchema = z.object({ year: z.string(), semester: z.enum(['ganjil', 'genap']), label: words });
export const semesterReportSchema = z
  .object({
    term: termSchema.extend({ from: dateSchema, to: dateSchema, asOf: dateSchema, ended: z.boolean() }),
    terms: z.array(termSchema),
    students: z.object({ enrolled: count, byStatus: z.array(z.object({ status: z.string(), label: words, atEnd: count, changed: count })) }),
    beforeAfter: z.array(z.object({ factor: z.string(), label: words, before: count, after: count })),
    beforeAfterTotal: z.object({ before: count, after: count }),
    riskChange: z.object({
      students: count, improved: count, unchanged: count, worsened: count,
      start: z.object({ none: count, watch: count, risk: count }), end: z.object({ none: count, watch: count, risk: count }),
      transitions: z.array(z.object({ from: z.string(), to: z.string(), fromLabel: words, toLabel: words, count })),
      perStudent: z.array(z.object({ studentId: z.string(), name: z.string(), className: z.string(), start: z.string(), end: z.string(), startLabel: words, endLabel: words })),
    }),
    satisfaction: z.object({
      responses: count, average: z.number().nullable(), distribution: dist5,
      byService: z.array(z.object({ service: z.string(), label: words, responses: count, average: z.number().nullable(), distribution: dist5 })),
    }),
    participation: z.object({
      byKind: z.array(z.object({ activity: z.string(), label: words, students: count, attended: count, activities: z.array(z.object({ name: z.string(), students: count, attended: count })) })),
    }),
    aid: z.object({
      available: z.boolean(), total: z.number(), entries: count, students: count,
      bySource: z.array(z.object({ source: z.string(), label: words, amount: z.number(), entries: count })),
      byFactor: z.array(z.object({ factor: z.string(), label: words, amount: z.number(), entries: count })),
    }),
  })
  .openapi('SemesterReport');

export const semesterRoute = createRoute({
  method: 'get', path: '/semester', tags: ['reports'], summary: 'Laporan semester: status siswa, sebelum/sesudah, risiko, kepuasan, keikutsertaan, bantuan / the semester report',
  middleware: requireRole('kepsek', 'guru_bk'),
  request: { query: termQuerySchema },
  responses: { 200: json(semesterReportSchema, 'Laporan / report'), ...errorResponses(400, 401, 403) },
});
export const semesterPdfRoute = createRoute({
  method: 'get', path: '/semester.pdf', tags: ['reports'], summary: 'Laporan semester PDF untuk komite atau dinas (diaudit) / the semester report as PDF (audited)',
  middleware: requireRole('kepsek', 'guru_bk'),
  request: { query: termQuerySchema.extend({ audience: z.enum(['komite', 'dinas']) }) },
  responses: {
    200: { description: 'PDF', content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } } },
    ...errorResponses(400, 401, 403),
  },
});
