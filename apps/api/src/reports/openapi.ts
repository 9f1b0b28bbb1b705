/**
 * The reports', district and migration routes in the OpenAPI document. The
 * routes themselves are plain Hono handlers with zod query/body validation
 * (`hono/validator`); their paths are registered here on each sub-app's
 * registry, which `OpenAPIHono.route` merges into `/api/openapi.json`.
 */
import { z, type OpenAPIHono } from '@hono/zod-openapi';
import { DISTRICT_TABLES, SCHOOL_TABLES } from '@jalur/reports';
import { errorResponses, localizedSchema } from '../schemas/common.ts';
import type { AppEnv } from '../http/router.ts';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).openapi({ example: '2023-08-01' });
const periodQuery = z.object({ from: date.optional(), to: date.optional() });
/** A published count: a number, "<5" when it is 1–4 (or a zero hidden to protect one), "≥5" when hidden to protect a "<5". */
const publicCount = z.union([z.number().int(), z.literal('<5'), z.literal('≥5')]).openapi('PublicCount');
const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });
const csv = { description: 'CSV (UTF-8, BOM)', content: { 'text/csv': { schema: z.string() } } };

export const beforeAfterRowSchema = z.object({ factor: z.string(), before: z.number().int(), after: z.number().int() }).openapi('BeforeAfterRow');
const stepCount = z.object({ stateId: z.string(), title: localizedSchema, kind: z.string().nullable(), count: z.number().int() });
export const schoolSummarySchema = z
  .object({
    generatedAt: z.string(),
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
    generatedAt: z.string(),
    period: z.object({ from: date, to: date }),
    suppression: z.object({ threshold: z.literal(5), marker: z.literal('<5'), withheld: z.literal('≥5') }),
    district: block,
    schools: z.array(block),
  })
  .openapi('DistrictAggregates');

/** Registers the school report routes (sub-app mounted at `/api/reports`). */
export function documentReportRoutes(app: OpenAPIHono<AppEnv>): void {
  const tags = ['reports'];
  const r = app.openAPIRegistry;
  r.registerPath({ method: 'get', path: '/summary', tags, summary: 'Dasbor sekolah / school dashboard', responses: { 200: json(schoolSummarySchema, 'Ringkasan'), ...errorResponses(401, 403) } });
  r.registerPath({ method: 'get', path: '/before-after', tags, summary: 'Siswa rentan per faktor awal vs akhir periode / at-risk students per factor, start vs end', request: { query: periodQuery }, responses: { 200: json(z.array(beforeAfterRowSchema), 'Tabel'), ...errorResponses(400, 401, 403) } });
  r.registerPath({ method: 'get', path: '/trends', tags, summary: 'Kehadiran dan nilai sebelum/sesudah / attendance and grades before/after', responses: { 200: json(schoolTrendsSchema, 'Tren'), ...errorResponses(401, 403) } });
  r.registerPath({ method: 'get', path: '/export.csv', tags, summary: 'Ekspor tabel CSV / export a table as CSV', request: { query: periodQuery.extend({ table: z.enum(SCHOOL_TABLES) }) }, responses: { 200: csv, ...errorResponses(400, 401, 403) } });
  r.registerPath({ method: 'get', path: '/migration-candidates', tags, summary: 'Alur dengan kasus di versi lama / pathways with cases on older versions', responses: { 200: json(z.object({ items: z.array(z.object({ pathwayId: z.string(), title: z.string(), latestVersion: z.number().int(), versions: z.array(z.object({ version: z.number().int(), activeCases: z.number().int() })) })) }), 'Kandidat'), ...errorResponses(401, 403) } });
}

/** Registers the district routes (sub-app mounted at `/api/district`). */
export function documentDistrictRoutes(app: OpenAPIHono<AppEnv>): void {
  const tags = ['district'];
  const r = app.openAPIRegistry;
  const query = periodQuery.extend({ schoolId: z.string().optional() });
  r.registerPath({ method: 'get', path: '/schools', tags, summary: 'Sekolah di kabupaten / schools of the district', responses: { 200: json(z.object({ items: z.array(z.object({ id: z.string(), name: z.string() })) }), 'Sekolah'), ...errorResponses(401, 403) } });
  r.registerPath({ method: 'get', path: '/aggregates', tags, summary: 'Agregat tanpa identitas, jumlah <5 disembunyikan / de-identified aggregates, counts under 5 suppressed', request: { query }, responses: { 200: json(districtAggregatesSchema, 'Agregat'), ...errorResponses(400, 401, 403, 404) } });
  r.registerPath({ method: 'get', path: '/aggregates.csv', tags, summary: 'Ekspor agregat CSV / aggregates as CSV', request: { query: query.extend({ table: z.enum(DISTRICT_TABLES) }) }, responses: { 200: csv, ...errorResponses(400, 401, 403, 404) } });
  const templateTags = ['templates'];
  r.registerPath({ method: 'get', path: '/templates', tags: templateTags, summary: 'Pustaka templat / template library', responses: { 200: json(z.object({ items: z.array(z.object({ id: z.string(), key: z.string(), title: z.string(), latestVersion: z.number().int().nullable() }).passthrough()) }), 'Templat'), ...errorResponses(401, 403) } });
  r.registerPath({ method: 'get', path: '/templates/sources', tags: templateTags, summary: 'Alur terbit sebuah sekolah / published pathways of a school', request: { query: z.object({ schoolId: z.string() }) }, responses: { 200: json(z.object({ items: z.array(z.object({ id: z.string(), key: z.string(), title: z.string(), versions: z.array(z.number().int()) })) }), 'Sumber'), ...errorResponses(400, 401, 403, 404) } });
  r.registerPath({
    method: 'post', path: '/templates', tags: templateTags, summary: 'Terbitkan versi alur sekolah sebagai templat / publish a school pathway version as a template',
    request: { body: { content: { 'application/json': { schema: z.object({ schoolId: z.string(), pathwayId: z.string(), version: z.number().int(), key: z.string().optional(), description: z.string().optional(), tags: z.array(z.string()).optional() }) } } } },
    responses: { 200: { description: 'Versi baru templat' }, 201: { description: 'Templat baru' }, ...errorResponses(400, 401, 403, 404, 409, 422) },
  });
  r.registerPath({
    method: 'post', path: '/templates/{id}/pull', tags: templateTags, summary: 'Tarik pembaruan templat ke draf / pull a template update into the draft',
    request: { params: z.object({ id: z.string() }), body: { content: { 'application/json': { schema: z.object({ pathwayId: z.string(), expectedRevision: z.number().int() }) } } } },
    responses: { 200: { description: 'Draf diperbarui' }, ...errorResponses(400, 401, 403, 404, 409) },
  });
}

/** Registers the migration routes (sub-app mounted at `/api/pathways`). */
export function documentMigrationRoutes(app: OpenAPIHono<AppEnv>): void {
  const tags = ['pathways'];
  const body = z.object({
    fromVersion: z.number().int(), toVersion: z.number().int(), stateMap: z.record(z.string(), z.string()).optional(),
    filter: z.object({ caseIds: z.array(z.string()).optional(), state: z.string().optional(), riskFactor: z.string().optional() }).optional(),
  }).openapi('MigrationRequest');
  for (const [path, summary] of [['/{id}/migrations/dry-run', 'Uji coba migrasi kasus / migration dry run'], ['/{id}/migrations/apply', 'Terapkan migrasi kasus / apply a migration']] as const) {
    app.openAPIRegistry.registerPath({
      method: 'post', path, tags, summary,
      request: { params: z.object({ id: z.string() }), body: { content: { 'application/json': { schema: body } } } },
      responses: { 200: { description: 'Rencana per kasus / per-case plan' }, ...errorResponses(400, 401, 403, 404, 422) },
    });
  }
}
