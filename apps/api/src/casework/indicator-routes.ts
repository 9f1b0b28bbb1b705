/**
 * Indicators: `POST /api/indicators/import?dryRun&kind` (text/csv),
 * `POST /api/indicators` (entry form: `{ entries: [...] }`) and
 * `GET /api/students/:id/indicators`. A wali kelas writes for their own class
 * only. Every write is followed by an early-warning scan of the students it touched.
 */
import { indicatorEntrySchema, INDICATOR_KINDS, parseIndicatorCsv, type IndicatorEntry, type Localized } from '@jalur/casework';
import type { NewIndicator } from '@jalur/db';
import { Hono } from 'hono';
import { z } from 'zod';
import type { ApiContext } from '../context.ts';
import type { AppEnv, Principal } from '../http/router.ts';
import { loadStudent } from './access.ts';
import { readCsvBody } from './csv-body.ts';
import { scanSchool } from './early-warning-scan.ts';
import { authOnce, ensureRole, failWith, idParam, jsonBody, queryOf, schoolIdOf } from './http.ts';

const importQuery = z.object({ dryRun: z.enum(['true', 'false']).default('true'), kind: z.enum(INDICATOR_KINDS).optional() });
const entryBody = z.object({ entries: z.array(indicatorEntrySchema).min(1).max(5000) });

interface RowReport {
  line: number;
  nisn: string | null;
  action: 'ok' | 'error';
  errors?: Localized[];
}

/** The `/api/indicators` routes and `/api/students/:id/indicators`. */
export function indicatorRoutes(ctx: ApiContext) {
  const { db, clock } = ctx;

  /** Matches entries to students (by NISN) the caller may write for. */
  async function resolve(p: Principal, schoolId: string, entries: { line: number; entry: IndicatorEntry | null; errors: Localized[] }[]) {
    const rows: RowReport[] = [];
    const writes: NewIndicator[] = [];
    const cache = new Map<string, Awaited<ReturnType<typeof db.students.getByNisn>>>();
    for (const { line, entry, errors } of entries) {
      if (!entry) {
        rows.push({ line, nisn: null, action: 'error', errors });
        continue;
      }
      if (!cache.has(entry.nisn)) cache.set(entry.nisn, await db.students.getByNisn(schoolId, entry.nisn));
      const student = cache.get(entry.nisn);
      if (!student || (p.role === 'wali_kelas' && student.className !== p.className)) {
        rows.push({ line, nisn: entry.nisn, action: 'error', errors: [{ id: `Siswa dengan NISN ${entry.nisn} tidak ada${p.role === 'wali_kelas' ? ' di kelas Anda' : ''}.`, en: `No student with NISN ${entry.nisn}${p.role === 'wali_kelas' ? ' in your class' : ''}.` }] });
        continue;
      }
      rows.push({ line, nisn: entry.nisn, action: 'ok' });
      writes.push({ studentId: student.id, kind: entry.kind, period: entry.period, subject: entry.subject, values: entry.values as Record<string, unknown>, recordedBy: p.userId });
    }
    return { rows, writes };
  }

  async function apply(schoolId: string, writes: NewIndicator[]) {
    const now = clock.now();
    const written = await db.indicators.upsert(schoolId, writes, { now });
    const scan = await scanSchool(db, schoolId, now, [...new Set(writes.map((w) => w.studentId))]);
    return { written, scan };
  }

  const indicators = new Hono<AppEnv>()
    .use('*', authOnce(ctx))
    .post('/import', async (c) => {
      const p = c.var.principal;
      ensureRole(p, 'guru_bk', 'kepsek', 'wali_kelas');
      const schoolId = schoolIdOf(p);
      const q = queryOf(c, importQuery);
      const csv = parseIndicatorCsv(await readCsvBody(c), q.kind);
      const { rows, writes } = await resolve(p, schoolId, csv.rows);
      const errors = rows.filter((r) => r.action === 'error').length;
      const view = { kind: csv.kind, rows, fileErrors: csv.fileErrors, counts: { ok: rows.length - errors, error: errors } };
      if (q.dryRun === 'true') return c.json({ ...view, applied: false }, 200);
      if (errors > 0 || csv.fileErrors.length > 0)
        throw failWith(422, 'import_has_errors', { id: 'Ada baris yang salah; tidak ada yang disimpan.', en: 'Some rows have errors; nothing was saved.' }, { ...view, applied: false });
      const { written, scan } = await apply(schoolId, writes);
      return c.json({ ...view, applied: true, written, scan }, 200);
    })
    .post('/', async (c) => {
      const p = c.var.principal;
      ensureRole(p, 'guru_bk', 'kepsek', 'wali_kelas');
      const schoolId = schoolIdOf(p);
      const body = await jsonBody(c, entryBody);
      const { rows, writes } = await resolve(p, schoolId, body.entries.map((entry, i) => ({ line: i + 1, entry, errors: [] })));
      if (rows.some((r) => r.action === 'error'))
        throw failWith(422, 'unknown_student', { id: 'Ada siswa yang tidak dikenal; tidak ada yang disimpan.', en: 'Unknown students; nothing was saved.' }, { rows });
      const { written, scan } = await apply(schoolId, writes);
      return c.json({ written, scan }, 200);
    });

  const studentIndicators = new Hono<AppEnv>().use('*', authOnce(ctx)).get('/:id/indicators', async (c) => {
    const p = c.var.principal;
    const schoolId = schoolIdOf(p);
    const student = await loadStudent(db, p, schoolId, idParam(c));
    const rows = await db.indicators.listForStudent(schoolId, student.id);
    return c.json({ items: rows.map((r) => ({ id: r.id, kind: r.kind, period: r.period, subject: r.subject, values: r.values, recordedAt: r.recordedAt.toISOString() })) }, 200);
  });
  return { indicators, studentIndicators };
}
