/** The report period and CSV answers shared by the report, district and migration routes. */
import { defaultPeriod, periodSchema, type Period } from '@jalur/reports';
import type { Context } from 'hono';
import { badRequest } from '../http/errors.ts';
import { pickLanguage } from '../http/messages.ts';
import { issueDetails } from '../http/router.ts';

/** The period asked for, or the default one; 400 when only half is given or `from` > `to`. */
export function periodOf(c: Context, q: { from?: string | undefined; to?: string | undefined }, now: Date): Period {
  if (q.from === undefined && q.to === undefined) return defaultPeriod(now);
  const parsed = periodSchema.safeParse({ from: q.from ?? q.to, to: q.to ?? q.from });
  if (!parsed.success) throw badRequest('invalid_request', 'invalid_request', issueDetails(parsed.error.issues, pickLanguage(c.req.header('accept-language'))));
  return parsed.data;
}

/** A CSV download response. */
export function csvResponse(c: Context, filename: string, body: string): Response {
  return c.body(body, 200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
  });
}
