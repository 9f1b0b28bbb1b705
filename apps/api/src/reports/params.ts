/** The report period and CSV answers shared by the report, district and migration routes. */
import { defaultPeriod, periodSchema, termDates, type Period } from '@jalur/reports';
import type { Context } from 'hono';
import { badRequest } from '../http/errors.ts';
import { pickLanguage } from '../http/messages.ts';
import { issueDetails } from '../http/router.ts';

/**
 * The period asked for, or the default one; 400 when only half is given or `from` > `to`. An academic year
 * and semester (`year=2025/2026&semester=ganjil`, both or neither, not with `from`/`to`) is that term's
 * days up to today.
 */
export function periodOf(
  c: Context, q: { from?: string | undefined; to?: string | undefined; year?: string | undefined; semester?: 'ganjil' | 'genap' | undefined }, now: Date,
): Period {
  if (q.year !== undefined || q.semester !== undefined) {
    const lang = pickLanguage(c.req.header('accept-language'));
    if (q.year === undefined || q.semester === undefined || q.from !== undefined || q.to !== undefined) {
      const message = lang === 'en' ? 'give year and semester together, without from/to' : 'isi tahun ajaran dan semester bersama, tanpa from/to';
      throw badRequest('invalid_request', 'invalid_request', [{ path: [q.year === undefined ? 'year' : 'semester'], code: 'custom', message }]);
    }
    const t = termDates(q.year, q.semester);
    const today = defaultPeriod(now).to;
    if (t.from > today) return { from: t.from, to: t.from };
    return { from: t.from, to: t.to < today ? t.to : today };
  }
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
