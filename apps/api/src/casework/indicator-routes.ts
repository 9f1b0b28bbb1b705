/**
 * Indicators: `POST /api/indicators/import?dryRun&kind` (CSV or XLSX),
 * `POST /api/indicators` (entry form: `{ entries: [...] }`) and
 * `GET /api/students/:id/indicators`. A wali kelas writes for their own class
 * only. Every write is followed by an early-warning scan of the students it touched.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { parseIndicatorCsv, type IndicatorEntry, type Localized, identifyPrefill } from '@jalur/casework';
import type { NewIndicator } from '@jalur/db';
import { requireAuth, requireRole, schoolOf } from '../auth/middleware.ts';
import type { ApiContext } from '../context.ts';
import { createRouter, type Principal } from '../http/router.ts';
import {
  indicatorEntriesBodySchema, indicatorImportQuerySchema, indicatorImportSchema, indicatorSchema, indicatorWriteSchema, spreadsheetBody,
} from '../schemas/casework.ts';
import { dateTimeSchema, errorResponses, idParamsSchema, json, jsonBody } from '../schemas/common.ts';
import { loadStudent } from './access.ts';
import { readCsvBody } from './csv-body.ts';
import { scanSchool } from './early-warning-scan.ts';
import { failWith } from './http.ts';

interface RowReport {
  line: number;
  nisn: string | null;
  action: 'ok' | 'error';
  errors?: Localized[];
}

const WRITERS = ['guru_bk', 'kepsek', 'wali_kelas'] as const;

const importIndicators = createRoute({
  method: 'post', path: '/import', tags: ['indicators'], summary: 'Impor indikator (CSV/XLSX) / import indicators',
  description: 'Guru BK, kepsek, wali kelas (kelasnya sendiri / own class). Pratinjau bawaan; menerapkan semuanya atau tidak sama sekali. / Preview by default; all or nothing.',
  middleware: [requireRole(...WRITERS)] as const,
  request: { query: indicatorImportQuerySchema, body: spreadsheetBody },
  responses: { 200: json(indicatorImportSchema, 'Laporan per baris / per-row report'), ...errorResponses(400, 401, 403, 413, 415, 422) },
});
const enterIndicators = createRoute({
  method: 'post', path: '/', tags: ['indicators'], summary: 'Isi indikator / enter indicators',
  middleware: [requireRole(...WRITERS)] as const,
  request: { body: jsonBody(indicatorEntriesBodySchema) },
  responses: { 200: json(indicatorWriteSchema, 'Tersimpan, lalu dipindai / saved, then scanned'), ...errorResponses(400, 401, 403, 413, 422) },
});
const studentIndicatorList = createRoute({
  method: 'get', path: '/{id}/indicators', tags: ['students'], summary: 'Indikator siswa / a student’s indicators',
  request: { params: idParamsSchema },
  responses: {
    200: json(
      z
        .object({
          items: z.array(indicatorSchema),
          /** The identify step's figures from these indicators (sakit, izin, alpa apart) and where they come from: the form's prefill. */
          prefill: z.object({
            values: z.record(z.string(), z.number()),
            source: z.object({ attendancePeriod: z.string().nullable(), gradeTerm: z.string().nullable(), recordedAt: dateTimeSchema.nullable() }),
          }),
        })
        .openapi('IndicatorList'),
      'Indikator',
    ),
    ...errorResponses(400, 401, 403, 404),
  },
});

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

  const indicators = createRouter();
  indicators.use('*', requireAuth(ctx));
  const indicatorApp = indicators
    .openapi(importIndicators, async (c) => {
      const p = c.var.principal;
      const schoolId = schoolOf(p);
      const q = c.req.valid('query');
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
    .openapi(enterIndicators, async (c) => {
      const p = c.var.principal;
      const schoolId = schoolOf(p);
      const body = c.req.valid('json');
      const { rows, writes } = await resolve(p, schoolId, body.entries.map((entry, i) => ({ line: i + 1, entry, errors: [] })));
      if (rows.some((r) => r.action === 'error'))
        throw failWith(422, 'unknown_student', { id: 'Ada siswa yang tidak dikenal; tidak ada yang disimpan.', en: 'Unknown students; nothing was saved.' }, { rows });
      const { written, scan } = await apply(schoolId, writes);
      return c.json({ written, scan }, 200);
    });

  const students = createRouter();
  students.use('*', requireAuth(ctx));
  const studentIndicators = students.openapi(studentIndicatorList, async (c) => {
    const p = c.var.principal;
    const schoolId = schoolOf(p);
    const student = await loadStudent(db, p, schoolId, c.req.valid('param').id);
    const rows = await db.indicators.listForStudent(schoolId, student.id);
    const prefill = identifyPrefill(rows.map((r) => ({ kind: r.kind, period: r.period, subject: r.subject, values: r.values })));
    const used = rows.filter((r) => (r.kind === 'attendance' && r.period === prefill.source.attendancePeriod) || (r.kind === 'grade' && r.period === prefill.source.gradeTerm));
    const recordedAt = used.length > 0 ? new Date(Math.max(...used.map((r) => r.recordedAt.getTime()))).toISOString() : null;
    return c.json({
      items: rows.map((r) => ({ id: r.id, kind: r.kind, period: r.period, subject: r.subject, values: r.values, recordedAt: r.recordedAt.toISOString() })),
      prefill: { values: prefill.values, source: { ...prefill.source, recordedAt } },
    }, 200);
  });
  return { indicators: indicatorApp, studentIndicators };
}
