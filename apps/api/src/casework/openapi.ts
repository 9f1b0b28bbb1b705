/**
 * The case-work routes in the OpenAPI document, described from the same zod
 * schemas the handlers validate with (`@jalur/casework`), so
 * `/api/openapi.json` lists every route of issue 6.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { CONFIDENTIALITY_LEVELS, consentSchema, indicatorEntrySchema, newCaseRecordSchema, REFERRAL_TARGETS, RULE_KEYS } from '@jalur/casework';
import { RISK_FACTORS } from '@jalur/engine';
import { z } from 'zod';
import type { AppEnv } from '../http/router.ts';
import { errorResponses } from '../schemas/common.ts';

type Method = 'get' | 'post' | 'put' | 'delete';
interface Doc {
  method: Method;
  path: string;
  summary: string;
  tag: string;
  body?: z.ZodType;
  csv?: boolean;
  query?: z.ZodObject;
  status?: 200 | 201;
  errors?: (400 | 401 | 403 | 404 | 409 | 422)[];
}

const id = z.object({ id: z.string() });
const dryRun = z.object({ dryRun: z.enum(['true', 'false']).optional() });
const anyJson = z.object({}).loose();

const DOCS: Doc[] = [
  { method: 'post', path: '/students/import', tag: 'students', summary: 'Impor daftar siswa (CSV/XLSX) / import the roster; 422 with the per-row report when any row is wrong', csv: true, query: dryRun, errors: [400, 401, 403, 422] },
  { method: 'get', path: '/students/{id}/indicators', tag: 'students', summary: 'Indikator siswa / a student’s indicators' },
  { method: 'post', path: '/indicators/import', tag: 'indicators', summary: 'Impor indikator (CSV/XLSX) / import indicators', csv: true, query: dryRun.extend({ kind: z.enum(['attendance', 'grade', 'behaviour']).optional() }), errors: [400, 401, 403, 422] },
  { method: 'post', path: '/indicators', tag: 'indicators', summary: 'Isi indikator / enter indicators', body: z.object({ entries: z.array(indicatorEntrySchema) }), errors: [400, 401, 403, 422] },
  { method: 'get', path: '/early-warning', tag: 'early-warning', summary: 'Siswa yang ditandai beserta alasannya / flagged students with the reasons', query: z.object({ className: z.string().optional(), level: z.enum(['risk', 'watch']).optional() }) },
  { method: 'post', path: '/early-warning/scan', tag: 'early-warning', summary: 'Periksa ulang indikator / re-run the early-warning rules' },
  { method: 'get', path: '/early-warning/rules', tag: 'early-warning', summary: 'Aturan sekolah / the school’s rules' },
  { method: 'put', path: '/early-warning/rules', tag: 'early-warning', summary: 'Ubah aturan / tune the rules', body: z.object({ rules: z.array(z.object({ key: z.enum(RULE_KEYS), params: z.record(z.string(), z.unknown()), holdWeeks: z.number().int().optional(), enabled: z.boolean().optional() })) }) },
  { method: 'post', path: '/flags', tag: 'early-warning', summary: 'Tanda manual oleh wali kelas / a manual flag', body: z.object({ studentId: z.string(), reason: z.string(), level: z.enum(['risk', 'watch']).optional() }), status: 201 },
  { method: 'post', path: '/flags/{id}/clear', tag: 'early-warning', summary: 'Bersihkan tanda / clear a flag' },
  { method: 'post', path: '/flags/{id}/open-case', tag: 'early-warning', summary: 'Buka kasus dari tanda / open a case from a flag', body: z.object({ pathwayId: z.string(), version: z.number().int().optional(), riskFactors: z.array(z.enum(RISK_FACTORS)).optional(), assigneeId: z.string().nullable().optional() }), status: 201, errors: [400, 401, 403, 404, 409, 422] },
  { method: 'get', path: '/cases/{id}/notes', tag: 'case records', summary: 'Catatan yang boleh dilihat / the notes the caller may see (rahasia reads audited)' },
  { method: 'post', path: '/cases/{id}/notes', tag: 'case records', summary: 'Tambah catatan / add a note', body: z.object({ body: z.string(), confidentiality: z.enum(CONFIDENTIALITY_LEVELS) }), status: 201 },
  { method: 'get', path: '/cases/{id}/consents', tag: 'case records', summary: 'Persetujuan orang tua / consents' },
  { method: 'post', path: '/cases/{id}/consents', tag: 'case records', summary: 'Catat persetujuan (memperbarui konteks kasus) / record a consent (updates the case context)', body: consentSchema, status: 201 },
  { method: 'get', path: '/cases/{id}/referrals', tag: 'referrals', summary: 'Rujukan kasus / a case’s referrals' },
  { method: 'post', path: '/cases/{id}/referrals', tag: 'referrals', summary: 'Kirim rujukan (perlu persetujuan) / send a referral (needs consent)', body: z.object({ target: z.enum(REFERRAL_TARGETS), targetName: z.string(), reason: z.string() }), status: 201, errors: [400, 401, 403, 404, 422] },
  { method: 'get', path: '/cases/{id}/records', tag: 'case records', summary: 'Kunjungan rumah, konferensi, sesi / activity records', query: z.object({ kind: z.enum(['home_visit', 'case_conference', 'counseling_session']).optional() }) },
  { method: 'post', path: '/cases/{id}/records', tag: 'case records', summary: 'Catat kegiatan (Idempotency-Key) / add a record', body: newCaseRecordSchema, status: 201 },
  { method: 'get', path: '/cases/{id}/opening', tag: 'case records', summary: 'Indikator saat kasus dibuka / indicators that opened the case' },
  { method: 'get', path: '/referrals', tag: 'referrals', summary: 'Rujukan sekolah / the school’s referrals', query: z.object({ status: z.enum(['sent', 'accepted', 'rejected', 'completed']).optional() }) },
  { method: 'post', path: '/referrals/{id}/accept', tag: 'referrals', summary: 'Rujukan diterima / accepted', errors: [400, 401, 403, 404, 422] },
  { method: 'post', path: '/referrals/{id}/reject', tag: 'referrals', summary: 'Rujukan ditolak (alasan) / rejected (reason)', body: z.object({ reason: z.string() }), errors: [400, 401, 403, 404, 422] },
  { method: 'post', path: '/referrals/{id}/complete', tag: 'referrals', summary: 'Rujukan selesai (laporan hasil) / completed (outcome report)', body: z.object({ outcomeReport: z.string() }), errors: [400, 401, 403, 404, 422] },
  { method: 'get', path: '/tasks', tag: 'tasks', summary: 'Tugas saya / my tasks with urgency counts', query: z.object({ scope: z.enum(['mine', 'all']).optional(), status: z.enum(['open', 'done', 'cancelled']).optional(), caseId: z.string().optional() }) },
  { method: 'get', path: '/tasks/assignees', tag: 'tasks', summary: 'Staf yang dapat ditugaskan / assignable staff' },
  { method: 'post', path: '/tasks/{id}/decision', tag: 'tasks', summary: 'Persetujuan kepala sekolah / the kepsek’s approval', body: z.object({ decision: z.enum(['approved', 'rejected']), reason: z.string().optional() }), errors: [400, 401, 403, 404, 422] },
  { method: 'post', path: '/tasks/{id}/approval-request', tag: 'tasks', summary: 'Ajukan ulang setelah ditolak / ask again after a rejection', body: z.object({ note: z.string() }), errors: [400, 401, 403, 404, 422] },
  { method: 'post', path: '/tasks/{id}/assign', tag: 'tasks', summary: 'Tugaskan langkah / assign a step', body: z.object({ assigneeId: z.string().nullable() }) },
  { method: 'get', path: '/approvals', tag: 'tasks', summary: 'Menunggu persetujuan / waiting for approval' },
  { method: 'get', path: '/notifications', tag: 'tasks', summary: 'Pemberitahuan (pengingat tenggat) / notifications (due reminders)' },
  { method: 'post', path: '/notifications/{id}/read', tag: 'tasks', summary: 'Tandai dibaca / mark read' },
  { method: 'get', path: '/calendar', tag: 'calendar', summary: 'Kalender sekolah / school calendar', query: z.object({ from: z.string(), to: z.string() }) },
  { method: 'get', path: '/calendar/school-days', tag: 'calendar', summary: 'Tanggal n hari sekolah kemudian / the date n school days later', query: z.object({ from: z.string(), days: z.string() }) },
  { method: 'put', path: '/calendar', tag: 'calendar', summary: 'Atur libur dan hari sekolah (kepsek) / set holidays', body: z.object({ entries: z.array(z.object({ date: z.string(), kind: z.enum(['school_day', 'holiday', 'exam']), note: z.string().nullable().optional() })) }) },
  { method: 'delete', path: '/calendar/{date}', tag: 'calendar', summary: 'Hapus pengecualian / remove an entry' },
];

/** Registers every case-work route on `router`'s OpenAPI registry (paths relative to `/api`). */
export function registerCaseworkDocs(router: OpenAPIHono<AppEnv>): void {
  for (const d of DOCS) {
    const params = d.path.includes('{date}') ? z.object({ date: z.string() }) : d.path.includes('{id}') ? id : undefined;
    router.openAPIRegistry.registerPath({
      method: d.method,
      path: d.path,
      tags: [d.tag],
      summary: d.summary,
      request: {
        ...(params ? { params } : {}),
        ...(d.query ? { query: d.query } : {}),
        ...(d.body ? { body: { required: true, content: { 'application/json': { schema: d.body } } } } : {}),
        ...(d.csv
          ? { body: { required: true, content: { 'text/csv': { schema: z.string() }, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: z.string() } } } }
          : {}),
      },
      responses: { [d.status ?? 200]: { description: 'OK', content: { 'application/json': { schema: anyJson } } }, ...errorResponses(...(d.errors ?? [400, 401, 403, 404])) },
    });
  }
}
