/** Query parameters shared by the report routes, validated with zod. */
import { z } from 'zod';
import { defaultPeriod, isoDate, periodSchema, type Period } from '@jalur/reports';
import type { Context } from 'hono';
import { validator } from 'hono/validator';
import { badRequest } from '../http/errors.ts';
import { issueDetails } from '../http/router.ts';

/** `?from=YYYY-MM-DD&to=YYYY-MM-DD`, both optional (default: the last 90 days). */
export const periodQuerySchema = z.object({ from: isoDate.optional(), to: isoDate.optional() });

/** Parses a query with `schema`, or throws 400 `invalid_request` with the issues. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw badRequest('invalid_request', 'invalid_request', issueDetails(parsed.error.issues));
  return parsed.data;
}

/** Hono query validation by a zod schema (typed for the `hc` client; 400 on failure). */
export const validQuery = <S extends z.ZodType>(schema: S) => validator('query', (value) => parseWith(schema, value) as z.infer<S>);

/** The period asked for, or the default one; 400 when only half is given or `from` > `to`. */
export function periodOf(c: Context, q: { from?: string | undefined; to?: string | undefined }, now: Date): Period {
  if (q.from === undefined && q.to === undefined) return defaultPeriod(now);
  const parsed = periodSchema.safeParse({ from: q.from ?? q.to, to: q.to ?? q.from });
  if (!parsed.success) throw badRequest('invalid_request', 'invalid_request', issueDetails(parsed.error.issues));
  return parsed.data;
}

/** A CSV download response. */
export function csvResponse(c: Context, filename: string, body: string): Response {
  return c.body(body, 200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
  });
}
