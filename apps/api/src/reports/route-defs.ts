/**
 * The routes of the school reports, the district and its template library,
 * as `createRoute` definitions: the zod schemas validate the requests and
 * describe every answer in `/api/openapi.json` (response schemas in
 * ./openapi.ts).
 */
import { createRoute, z } from '@hono/zod-openapi';
import { DISTRICT_TABLES, SCHOOL_TABLES } from '@jalur/reports';
import { isAcademicYear, SEMESTERS } from '@jalur/casework';
import { requireRole } from '../auth/middleware.ts';
import { csvDownload, dateSchema, dateTimeSchema, errorResponses, idParamsSchema, idSchema, json, jsonBody } from '../schemas/common.ts';
import { beforeAfterRowSchema, districtAggregatesSchema, schoolSummarySchema, schoolTrendsSchema } from './openapi.ts';

/**
 * `?from=YYYY-MM-DD&to=YYYY-MM-DD`, both optional (default: the last 90 days); real calendar dates. Or
 * `?year=2025/2026&semester=ganjil`: that academic year's semester (July–December or January–June), up to today.
 */
export const periodQuerySchema = z.object({
  from: dateSchema.optional(),
  to: dateSchema.optional(),
  year: z.string().refine(isAcademicYear, { message: 'Tahun ajaran seperti 2025/2026 / an academic year like 2025/2026' }).optional().openapi({ example: '2025/2026' }),
  semester: z.enum(SEMESTERS).optional(),
});

// ── School reports (`/api/reports`, kepsek and guru BK) ───────────────────

const schoolReaders = requireRole('kepsek', 'guru_bk');

export const summaryRoute = createRoute({
  method: 'get', path: '/summary', tags: ['reports'], summary: 'Dasbor sekolah / school dashboard',
  middleware: schoolReaders,
  responses: { 200: json(schoolSummarySchema, 'Ringkasan / summary'), ...errorResponses(401, 403) },
});
export const beforeAfterRoute = createRoute({
  method: 'get', path: '/before-after', tags: ['reports'], summary: 'Siswa rentan per faktor awal vs akhir periode / at-risk students per factor, start vs end',
  middleware: schoolReaders,
  request: { query: periodQuerySchema },
  responses: { 200: json(z.array(beforeAfterRowSchema).openapi('BeforeAfterTable'), 'Tabel / table'), ...errorResponses(400, 401, 403) },
});
export const trendsRoute = createRoute({
  method: 'get', path: '/trends', tags: ['reports'], summary: 'Kehadiran dan nilai sebelum/sesudah / attendance and grades before/after',
  middleware: schoolReaders,
  responses: { 200: json(schoolTrendsSchema, 'Tren / trends'), ...errorResponses(401, 403) },
});
export const migrationCandidatesRoute = createRoute({
  method: 'get', path: '/migration-candidates', tags: ['reports'], summary: 'Alur dengan kasus di versi lama / pathways with cases on older versions',
  middleware: schoolReaders,
  responses: {
    200: json(
      z
        .object({
          items: z.array(
            z.object({
              pathwayId: z.string(),
              title: z.string(),
              latestVersion: z.number().int(),
              versions: z.array(z.object({ version: z.number().int(), activeCases: z.number().int() })),
            }),
          ),
        })
        .openapi('MigrationCandidates'),
      'Kandidat / candidates',
    ),
    ...errorResponses(401, 403),
  },
});
export const schoolExportRoute = createRoute({
  method: 'get', path: '/export.csv', tags: ['reports'], summary: 'Ekspor tabel CSV (diaudit) / export a table as CSV (audited)',
  middleware: schoolReaders,
  request: { query: periodQuerySchema.extend({ table: z.enum(SCHOOL_TABLES) }) },
  responses: { 200: csvDownload, ...errorResponses(400, 401, 403) },
});

// ── District (`/api/district`, admin dinas) ───────────────────────────────

const districtOnly = requireRole('admin_dinas');
export const aggregatesQuerySchema = periodQuerySchema.extend({ schoolId: idSchema.optional() });

export const districtSchoolsRoute = createRoute({
  method: 'get', path: '/schools', tags: ['district'], summary: 'Sekolah di kabupaten / schools of the district',
  middleware: districtOnly,
  responses: { 200: json(z.object({ items: z.array(z.object({ id: z.string(), name: z.string() })) }).openapi('DistrictSchools'), 'Sekolah / schools'), ...errorResponses(401, 403) },
});
export const aggregatesRoute = createRoute({
  method: 'get', path: '/aggregates', tags: ['district'], summary: 'Agregat tanpa identitas, jumlah <5 disembunyikan / de-identified aggregates, counts under 5 suppressed',
  middleware: districtOnly,
  request: { query: aggregatesQuerySchema },
  responses: { 200: json(districtAggregatesSchema, 'Agregat / aggregates'), ...errorResponses(400, 401, 403, 404) },
});
export const aggregatesCsvRoute = createRoute({
  method: 'get', path: '/aggregates.csv', tags: ['district'], summary: 'Ekspor agregat CSV (diaudit) / aggregates as CSV (audited)',
  middleware: districtOnly,
  request: { query: aggregatesQuerySchema.extend({ table: z.enum(DISTRICT_TABLES) }) },
  responses: { 200: csvDownload, ...errorResponses(400, 401, 403, 404) },
});

// ── Template library (`/api/district/templates`) ──────────────────────────

export const templateSchema = z
  .object({
    id: z.string(),
    key: z.string(),
    title: z.string(),
    description: z.string().nullable(),
    tags: z.array(z.string()),
    latestVersion: z.number().int().nullable(),
    publishedAt: dateTimeSchema.nullable(),
    changeNote: z.string().nullable(),
    /** For a school caller: which of its pathways came from this template, and whether an update waits. */
    adoptions: z.array(z.object({ pathwayId: z.string(), pathwayTitle: z.string(), sourceVersion: z.number().int().nullable(), updateAvailable: z.boolean() })),
  })
  .openapi('Template');

export const publishTemplateBodySchema = z
  .object({
    schoolId: idSchema,
    pathwayId: idSchema,
    version: z.number().int().positive(),
    key: z.string().regex(/^[a-z0-9][a-z0-9-]{1,79}$/).optional(),
    description: z.string().max(4000).optional(),
    tags: z.array(z.string().min(1).max(40)).max(20).optional(),
  })
  .openapi('PublishTemplateRequest');
export const pullTemplateBodySchema = z
  .object({ pathwayId: idSchema, expectedRevision: z.number().int().positive() })
  .openapi('PullTemplateRequest');

export const listTemplatesRoute = createRoute({
  method: 'get', path: '/', tags: ['templates'], summary: 'Pustaka templat / template library',
  middleware: [requireRole('kepsek', 'guru_bk', 'admin_dinas')] as const,
  responses: { 200: json(z.object({ items: z.array(templateSchema) }).openapi('TemplateList'), 'Templat / templates'), ...errorResponses(401, 403) },
});
export const templateSourcesRoute = createRoute({
  method: 'get', path: '/sources', tags: ['templates'], summary: 'Alur terbit sebuah sekolah / published pathways of a school',
  middleware: districtOnly,
  request: { query: z.object({ schoolId: idSchema }) },
  responses: {
    200: json(
      z.object({ items: z.array(z.object({ id: z.string(), key: z.string(), title: z.string(), versions: z.array(z.number().int()) })) }).openapi('TemplateSources'),
      'Sumber / sources',
    ),
    ...errorResponses(400, 401, 403, 404),
  },
});
export const publishTemplateRoute = createRoute({
  method: 'post', path: '/', tags: ['templates'], summary: 'Terbitkan versi alur sekolah sebagai templat / publish a school pathway version as a template',
  middleware: districtOnly,
  request: { body: jsonBody(publishTemplateBodySchema) },
  responses: {
    200: json(templateSchema, 'Versi baru templat yang sudah ada / a new version of an existing template'),
    201: json(templateSchema, 'Templat baru / a new template'),
    ...errorResponses(400, 401, 403, 404, 409, 413, 422),
  },
});
export const pullTemplateRoute = createRoute({
  method: 'post', path: '/{id}/pull', tags: ['templates'], summary: 'Tarik pembaruan templat ke draf (kepsek) / pull a template update into the draft',
  middleware: [requireRole('kepsek')] as const,
  request: { params: idParamsSchema, body: jsonBody(pullTemplateBodySchema) },
  responses: {
    200: json(
      z.object({ pathwayId: z.string(), draftRevision: z.number().int(), sourceTemplateId: z.string(), sourceVersion: z.number().int() }).openapi('TemplatePulled'),
      'Draf diperbarui / draft updated',
    ),
    ...errorResponses(400, 401, 403, 404, 409, 413),
  },
});
