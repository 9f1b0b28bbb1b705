/** Schemas shared by every feature: the error shape, ids, pagination. */
import { z } from '@hono/zod-openapi';

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

/** The error responses a route may give, for the OpenAPI document. */
export function errorResponses(...statuses: (400 | 401 | 403 | 404 | 409 | 422 | 429)[]) {
  const descriptions: Record<number, string> = {
    400: 'Permintaan tidak valid / invalid request',
    401: 'Belum masuk / not signed in',
    403: 'Tidak berwenang / forbidden',
    404: 'Tidak ditemukan / not found',
    409: 'Konflik versi / version conflict',
    422: 'Tidak dapat diproses / not allowed now',
    429: 'Terlalu banyak percobaan / rate limited',
  };
  return Object.fromEntries(
    statuses.map((s) => [s, { description: descriptions[s]!, content: { 'application/json': { schema: errorSchema } } }]),
  ) as Record<number, { description: string; content: { 'application/json': { schema: typeof errorSchema } } }>;
}

/** A JSON response entry for createRoute. */
export function json<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } };
}

/** A required JSON request body for createRoute. */
export function jsonBody<T extends z.ZodType>(schema: T) {
  return { required: true, content: { 'application/json': { schema } } };
}
