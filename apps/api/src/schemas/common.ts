/** Schemas shared by every feature: the error shape, ids, pagination. */
import { z } from '@hono/zod-openapi';
import { say } from '../http/zod-messages.ts';

export const errorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'version_conflict' }),
      message: z.string().openapi({ example: 'Kasus sudah diubah orang lain. Muat ulang lalu coba lagi.' }),
      details: z.unknown().optional(),
    }),
  })
  .openapi('Error');

/** A row id (UUID made by the database layer); bounded so junk never reaches a query. */
export const idSchema = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'id');

export const idParamsSchema = z.object({ id: idSchema.openapi({ param: { name: 'id', in: 'path' } }) });

export const localizedSchema = z.object({ id: z.string(), en: z.string().optional() }).openapi('Localized');

/** `limit`/`offset` query parameters. */
export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(500).optional(),
  offset: z.coerce.number().int().min(0).max(1_000_000).optional(),
};

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429;

const ERROR_DESCRIPTIONS: Record<ErrorStatus, string> = {
  400: 'Permintaan tidak valid (`invalid_request`, pesan sesuai `Accept-Language`) / invalid request, messages in the caller’s language',
  401: 'Belum masuk / not signed in (`unauthorized`)',
  403: 'Tidak berwenang (`forbidden`), atau tulis ber-cookie tanpa token CSRF (`csrf_failed`) / forbidden, or a cookie write without the CSRF token',
  404: 'Tidak ditemukan / not found (`not_found`, also for another school’s records)',
  409: 'Konflik / conflict (`version_conflict`, `revision_conflict`, `duplicate`, …)',
  413: 'Isi permintaan terlalu besar / body too large (`body_too_large`)',
  415: 'Jenis isi tidak didukung / unsupported media type (`unsupported_media_type`)',
  422: 'Tidak dapat diproses / not allowed now',
  429: 'Terlalu banyak percobaan / rate limited (`rate_limited`); tunggu `Retry-After` detik / wait Retry-After seconds',
};

/** `Retry-After` (seconds), sent with a 429. */
export const retryAfterHeaderSchema = z.object({
  'Retry-After': z.string().regex(/^\d+$/).optional().openapi({ description: 'Detik sampai boleh mencoba lagi / seconds until a retry is allowed' }),
});

type ErrorResponse = { description: string; content: { 'application/json': { schema: typeof errorSchema } }; headers?: typeof retryAfterHeaderSchema };

/** The error responses a route may give, for the OpenAPI document (429 with `Retry-After`). */
export function errorResponses(...statuses: ErrorStatus[]): Record<number, ErrorResponse> {
  return Object.fromEntries(
    statuses.map((s) => [
      s,
      { description: ERROR_DESCRIPTIONS[s], content: { 'application/json': { schema: errorSchema } }, ...(s === 429 ? { headers: retryAfterHeaderSchema } : {}) },
    ]),
  ) as Record<number, ErrorResponse>;
}

/** A calendar date `YYYY-MM-DD` that exists (`2026-02-30` and `2026-13-45` are refused); `format: date`. */
export const dateSchema = z.iso.date().openapi({ example: '2026-02-21' });
/** An instant in ISO 8601 as the API writes it (`toISOString()`); `format: date-time`. */
export const dateTimeSchema = z.iso.datetime().openapi({ example: '2026-02-21T03:00:00.000Z' });
/** A date, or a date with a time (offset optional, read as UTC when absent), as forms send them. */
export const dateOrDateTimeSchema = z.union([dateSchema, z.iso.datetime({ offset: true, local: true })]);

/** NISN (Nomor Induk Siswa Nasional): exactly 10 digits, the one rule of forms, imports and indicators. */
export const nisnSchema = z.string().trim().regex(/^\d{10}$/, say('NISN harus 10 angka', 'NISN must be 10 digits')).openapi({ example: '0012345678' });

/** `Idempotent-Replayed: true` on an answer that a retry with the same `Idempotency-Key` got back. */
export const replayedHeaderSchema = z.object({
  'Idempotent-Replayed': z.enum(['true']).optional().openapi({ description: 'Jawaban pertama yang disimpan, diulang / the stored first answer, replayed' }),
});

/** A JSON response that a retried request may replay (`Idempotent-Replayed`). */
export function replayableJson<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } }, headers: replayedHeaderSchema };
}

/** The `Idempotency-Key` request header of writes a client may retry. */
export const idempotencyHeaderSchema = z.object({
  'idempotency-key': z
    .string()
    .min(1)
    .max(200)
    .regex(/^[\x21-\x7e]+$/, 'printable ASCII')
    .optional()
    .openapi({ param: { name: 'idempotency-key', in: 'header' }, description: 'Ulangan dengan kunci sama memberi jawaban pertama / a retry returns the first answer' }),
});

/** A CSV download (`Content-Disposition: attachment`). */
export const csvDownload = {
  description: 'CSV (UTF-8) sebagai unduhan / CSV as a download',
  content: { 'text/csv': { schema: z.string() } },
  headers: z.object({ 'Content-Disposition': z.string().openapi({ example: 'attachment; filename="jalur-summary-2026-02-21.csv"' }) }),
};

/** A JSON response entry for createRoute. */
export function json<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } };
}

/** A required JSON request body for createRoute. */
export function jsonBody<T extends z.ZodType>(schema: T) {
  return { required: true, content: { 'application/json': { schema } } };
}
