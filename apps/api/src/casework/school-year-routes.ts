/**
 * Students over time (issue 14), mounted at `/api`:
 * - `GET`/`PUT /api/school-year`: the current academic year and semester,
 *   five- or six-day week, time zone (WIB/WITA/WIT), national holidays on/off;
 * - `GET /api/school-year/holidays?year=`: Indonesia's national holidays of a
 *   year (date-holidays), each with whether the school's own calendar overrides it;
 * - `POST /api/school-year/rollover/plan`: the year-end dry run (kenaikan
 *   kelas per class, tinggal kelas kept, the final grade graduates, open
 *   cases that carry over) — changes nothing;
 * - `POST /api/school-year/rollover/apply`: applies one class of that plan
 *   (the UI sends class after class and shows the progress); again changes nothing;
 * - `POST /api/school-year/rollover/finish`: moves the school to the new year;
 * - `GET /api/school-year/status-suggestions`: cases closed as putus sekolah
 *   or pindah whose student is still enrolled — the guru BK confirms the
 *   status change (`POST /api/students/{id}/status` with the `caseId`);
 * - `GET`/`POST /api/students/{id}/status`: a student's status history and a
 *   change (mutasi masuk/keluar, putus sekolah, lulus, re-enrolment) with date and reason.
 */
import { createRoute, z } from '@hono/zod-openapi';
import {
  isAcademicYear, nextAcademicYear, planRollover, STUDENT_STATUSES, TIME_ZONES, termLabel, type RolloverPlan,
} from '@jalur/casework';
import { nationalHolidays } from '@jalur/casework/holidays';
import type { JalurDb, SchoolYearSettings } from '@jalur/db';
import { schoolClockOf } from './school-time.ts';
import { requireAuth, requireRole, schoolOf } from '../auth/middleware.ts';
import type { ApiContext } from '../context.ts';
import { fromDbError } from '../http/db-errors.ts';
import { createRouter } from '../http/router.ts';
import { dateSchema, dateTimeSchema, errorResponses, idParamsSchema, idSchema, json, jsonBody, localizedSchema } from '../schemas/common.ts';
import { studentSchema } from '../schemas/students.ts';
import { studentView } from '../routes/students.ts';
import { allStudents, loadStudent } from './access.ts';
import { failWith } from './http.ts';

const academicYearSchema = z.string().regex(/^\d{4}\/\d{4}$/, 'YYYY/YYYY').refine(isAcademicYear, 'tahun kedua = tahun pertama + 1 / the second year follows the first').openapi({ example: '2025/2026' });
const semesterSchema = z.enum(['ganjil', 'genap']);

const settingsSchema = z
  .object({
    academicYear: z.string(),
    semester: semesterSchema,
    /** `2025/2026 Ganjil`. */
    label: localizedSchema,
    weekDays: z.union([z.literal(5), z.literal(6)]),
    timeZone: z.enum(TIME_ZONES),
    nationalHolidays: z.boolean(),
    /** False until the kepsek saves them (the defaults are shown). */
    stored: z.boolean(),
    updatedAt: dateTimeSchema.nullable(),
  })
  .openapi('SchoolYearSettings');
const settingsBodySchema = z
  .object({
    academicYear: academicYearSchema.optional(),
    semester: semesterSchema.optional(),
    weekDays: z.union([z.literal(5), z.literal(6)]).optional(),
    timeZone: z.enum(TIME_ZONES).optional(),
    nationalHolidays: z.boolean().optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'nothing to change')
  .openapi('SchoolYearSettingsChange');

const holidaysQuerySchema = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
const holidaysSchema = z
  .object({
    year: z.number().int(),
    source: z.string(),
    items: z.array(z.object({ date: dateSchema, name: z.string(), overridden: z.boolean() })),
  })
  .openapi('NationalHolidays');

const rolloverBodySchema = z
  .object({
    /** Students kept in their class (tinggal kelas). */
    repeat: z.array(idSchema).max(5000).default([]),
  })
  .strict();
const rolloverApplyBodySchema = z
  .object({
    fromYear: academicYearSchema,
    /** The class list to roll over now (one batch). */
    className: z.string().min(1).max(40),
    repeat: z.array(idSchema).max(5000).default([]),
  })
  .strict();
const rolloverFinishBodySchema = z.object({ fromYear: academicYearSchema }).strict();

const rolloverRowSchema = z.object({
  studentId: z.string(),
  name: z.string(),
  from: z.string(),
  to: z.string().nullable(),
  action: z.enum(['promote', 'repeat', 'graduate', 'unknown_class']),
  openCases: z.number().int(),
});
const rolloverClassSchema = z.object({
  className: z.string(),
  to: z.string().nullable(),
  students: z.number().int(),
  promote: z.number().int(),
  repeat: z.number().int(),
  graduate: z.number().int(),
  unknown: z.number().int(),
  openCases: z.number().int(),
});
const rolloverPlanSchema = z
  .object({
    dryRun: z.literal(true),
    fromYear: z.string(),
    toYear: z.string(),
    finalGrade: z.number().int(),
    rows: z.array(rolloverRowSchema),
    classes: z.array(rolloverClassSchema),
    counts: z.object({ promote: z.number().int(), repeat: z.number().int(), graduate: z.number().int(), unknown_class: z.number().int(), openCases: z.number().int() }),
  })
  .openapi('RolloverPlan');
const rolloverAppliedSchema = z
  .object({ className: z.string(), applied: z.number().int(), skipped: z.number().int(), fromYear: z.string(), toYear: z.string() })
  .openapi('RolloverBatchApplied');

const statusBodySchema = z
  .object({
    status: z.enum(STUDENT_STATUSES),
    date: dateSchema,
    reason: z.string().trim().max(1000).optional(),
    /** Re-enrolment into a class (default: the class they had). */
    className: z.string().trim().min(1).max(40).optional(),
    /** The case whose closing moved the student (putus sekolah / pindah). */
    caseId: idSchema.optional(),
  })
  .strict()
  .openapi('StudentStatusChange');
const statusEventSchema = z.object({
  status: z.enum(STUDENT_STATUSES),
  date: dateSchema,
  reason: z.string().nullable(),
  className: z.string(),
  academicYear: z.string(),
  semester: semesterSchema,
  /** `2025/2026 Ganjil`. */
  term: localizedSchema,
  caseId: z.string().nullable(),
  recordedAt: dateTimeSchema,
});
const statusHistorySchema = z
  .object({
    student: studentSchema,
    events: z.array(statusEventSchema),
    enrolments: z.array(z.object({ academicYear: z.string(), className: z.string(), result: z.string().nullable() })),
  })
  .openapi('StudentStatusHistory');

const suggestionsSchema = z
  .object({
    items: z.array(z.object({
      caseId: z.string(), studentId: z.string(), name: z.string(), className: z.string(),
      outcome: z.enum(['dropped_out', 'transferred']), status: z.enum(STUDENT_STATUSES), closedAt: dateTimeSchema,
    })),
  })
  .openapi('StudentStatusSuggestions');
const getSuggestions = createRoute({
  method: 'get', path: '/status-suggestions', tags: ['school-year'], summary: 'Kasus ditutup sebagai putus sekolah/pindah, status siswa belum diubah / status changes to confirm',
  middleware: [requireRole('kepsek', 'guru_bk')] as const,
  responses: { 200: json(suggestionsSchema, 'Perlu konfirmasi / to confirm'), ...errorResponses(401, 403) },
});

const getSettings = createRoute({
  method: 'get', path: '/', tags: ['school-year'], summary: 'Tahun ajaran, semester dan pekan sekolah / the school year and week',
  description: 'Semua staf sekolah. / Any school staff.',
  middleware: [requireRole('kepsek', 'guru_bk', 'wali_kelas', 'tim')] as const,
  responses: { 200: json(settingsSchema, 'Pengaturan / settings'), ...errorResponses(401, 403) },
});
const putSettings = createRoute({
  method: 'put', path: '/', tags: ['school-year'], summary: 'Atur tahun ajaran dan pekan sekolah (kepsek) / set the school year and week',
  middleware: [requireRole('kepsek')] as const,
  request: { body: jsonBody(settingsBodySchema) },
  responses: { 200: json(settingsSchema, 'Tersimpan / saved'), ...errorResponses(400, 401, 403, 413) },
});
const getHolidays = createRoute({
  method: 'get', path: '/holidays', tags: ['school-year'], summary: 'Hari libur nasional / national holidays',
  middleware: [requireRole('kepsek', 'guru_bk', 'wali_kelas', 'tim')] as const,
  request: { query: holidaysQuerySchema },
  responses: { 200: json(holidaysSchema, 'Libur nasional / national holidays'), ...errorResponses(400, 401, 403) },
});
const planRoute = createRoute({
  method: 'post', path: '/rollover/plan', tags: ['school-year'], summary: 'Kenaikan kelas: uji coba / year-end rollover dry run',
  description: 'Kepsek. Tidak mengubah apa pun. / Changes nothing.',
  middleware: [requireRole('kepsek')] as const,
  request: { body: jsonBody(rolloverBodySchema) },
  responses: { 200: json(rolloverPlanSchema, 'Rencana / the plan'), ...errorResponses(400, 401, 403, 413) },
});
const applyRoute = createRoute({
  method: 'post', path: '/rollover/apply', tags: ['school-year'], summary: 'Kenaikan kelas: terapkan satu kelas / apply one class of the rollover',
  description: 'Kepsek. Mengirim kelas yang sama dua kali tidak mengubah apa pun. / Sending a class twice changes nothing.',
  middleware: [requireRole('kepsek')] as const,
  request: { body: jsonBody(rolloverApplyBodySchema) },
  responses: { 200: json(rolloverAppliedSchema, 'Diterapkan / applied'), ...errorResponses(400, 401, 403, 404, 409, 413) },
});
const finishRoute = createRoute({
  method: 'post', path: '/rollover/finish', tags: ['school-year'], summary: 'Kenaikan kelas: mulai tahun ajaran baru / start the new school year',
  middleware: [requireRole('kepsek')] as const,
  request: { body: jsonBody(rolloverFinishBodySchema) },
  responses: { 200: json(settingsSchema, 'Tahun ajaran baru / the new year'), ...errorResponses(400, 401, 403, 409, 413) },
});
const getStatus = createRoute({
  method: 'get', path: '/{id}/status', tags: ['students'], summary: 'Riwayat status siswa / a student\'s status history',
  middleware: [requireRole('kepsek', 'guru_bk', 'wali_kelas')] as const,
  request: { params: idParamsSchema },
  responses: { 200: json(statusHistorySchema, 'Riwayat / history'), ...errorResponses(400, 401, 403, 404) },
});
const postStatus = createRoute({
  method: 'post', path: '/{id}/status', tags: ['students'], summary: 'Ubah status siswa (mutasi, putus sekolah, lulus, masuk kembali) / change a student\'s status',
  description: 'Guru BK, kepsek. 422 bila siklus status melarang (mis. siswa putus sekolah menjadi lulus). / 422 when the lifecycle forbids it.',
  middleware: [requireRole('kepsek', 'guru_bk')] as const,
  request: { params: idParamsSchema, body: jsonBody(statusBodySchema) },
  responses: { 200: json(statusHistorySchema, 'Status baru dan riwayat / the new status and history'), ...errorResponses(400, 401, 403, 404, 413, 422) },
});

function settingsView(s: SchoolYearSettings): z.infer<typeof settingsSchema> {
  return {
    academicYear: s.academicYear, semester: s.semester, label: termLabel({ year: s.academicYear, semester: s.semester }),
    weekDays: s.weekDays === 6 ? 6 : 5, timeZone: s.timeZone, nationalHolidays: s.nationalHolidays, stored: s.stored, updatedAt: s.updatedAt?.toISOString() ?? null,
  };
}

/** The school's date today, in its own time zone. */
const todayOf = async (db: JalurDb, schoolId: string, now: Date): Promise<string> => (await schoolClockOf(db, schoolId, now)).today;

async function planOf(db: JalurDb, schoolId: string, fromYear: string, repeat: readonly string[]): Promise<RolloverPlan> {
  const [students, open] = await Promise.all([allStudents(db, schoolId), db.schoolYear.openCaseCounts(schoolId)]);
  return planRollover(
    students.filter((s) => s.erasedAt === null).map((s) => ({ id: s.id, name: s.name, className: s.className, status: s.status, openCases: open.get(s.id) ?? 0 })),
    { fromYear, repeat: new Set(repeat) },
  );
}

async function historyView(db: JalurDb, schoolId: string, studentId: string) {
  const [student, events, enrolments] = await Promise.all([db.students.get(schoolId, studentId), db.schoolYear.statusHistory(schoolId, studentId), db.schoolYear.enrolments(schoolId, studentId)]);
  return {
    student: studentView(student!),
    events: events.map((e) => ({
      status: e.status, date: e.date, reason: e.reason, className: e.className, academicYear: e.academicYear, semester: e.semester,
      term: termLabel({ year: e.academicYear, semester: e.semester }), caseId: e.caseId, recordedAt: e.recordedAt.toISOString(),
    })),
    enrolments: enrolments.map((e) => ({ academicYear: e.academicYear, className: e.className, result: e.result })),
  };
}

/** `/api/school-year` and the status routes under `/api/students`. */
export function schoolYearRoutes(ctx: ApiContext) {
  const { db, clock } = ctx;
  const year = createRouter();
  year.use('*', requireAuth(ctx));
  const schoolYear = year
    .openapi(getSettings, async (c) => {
      const schoolId = schoolOf(c.var.principal);
      return c.json(settingsView(await db.schoolYear.settings(schoolId, await todayOf(db, schoolId, clock.now()))), 200);
    })
    .openapi(putSettings, async (c) => {
      const p = c.var.principal;
      const schoolId = schoolOf(p);
      const saved = await db.schoolYear.saveSettings(schoolId, c.req.valid('json'), { today: await todayOf(db, schoolId, clock.now()), now: clock.now(), actorId: p.userId });
      return c.json(settingsView(saved), 200);
    })
    .openapi(getSuggestions, async (c) => {
      const schoolId = schoolOf(c.var.principal);
      const found = await db.schoolYear.statusSuggestions(schoolId);
      const students = new Map((await db.students.getMany(schoolId, found.map((s) => s.studentId))).map((s) => [s.id, s]));
      const items = found.flatMap((s) => {
        const st = students.get(s.studentId);
        return st ? [{ caseId: s.caseId, studentId: s.studentId, name: st.name, className: st.className, outcome: s.outcome, status: st.status, closedAt: s.closedAt.toISOString() }] : [];
      });
      return c.json({ items }, 200);
    })
    .openapi(getHolidays, async (c) => {
      const schoolId = schoolOf(c.var.principal);
      const { year: y } = c.req.valid('query');
      const own = new Map((await db.calendar.list(schoolId, { from: `${y}-01-01`, to: `${y}-12-31` })).map((e) => [e.date, e.kind]));
      const items = nationalHolidays(y).map((h) => ({ date: h.date, name: h.note ?? '', overridden: own.has(h.date) && own.get(h.date) !== 'holiday' }));
      return c.json({ year: y, source: 'date-holidays (ID)', items }, 200);
    })
    .openapi(planRoute, async (c) => {
      const schoolId = schoolOf(c.var.principal);
      const settings = await db.schoolYear.settings(schoolId, await todayOf(db, schoolId, clock.now()));
      const plan = await planOf(db, schoolId, settings.academicYear, c.req.valid('json').repeat);
      return c.json({ dryRun: true as const, ...plan }, 200);
    })
    .openapi(applyRoute, async (c) => {
      const p = c.var.principal;
      const schoolId = schoolOf(p);
      const body = c.req.valid('json');
      const today = await todayOf(db, schoolId, clock.now());
      const settings = await db.schoolYear.settings(schoolId, today);
      if (settings.academicYear !== body.fromYear)
        throw failWith(409, 'year_mismatch', { id: `Tahun ajaran sekolah sekarang ${settings.academicYear}, bukan ${body.fromYear}.`, en: `The school's year is ${settings.academicYear}, not ${body.fromYear}.` }, { current: settings.academicYear });
      const plan = await planOf(db, schoolId, body.fromYear, body.repeat);
      const rows = plan.rows.filter((r) => r.from === body.className && r.action !== 'unknown_class');
      if (rows.length === 0 && !plan.rows.some((r) => r.from === body.className)) {
        // Already rolled over (its students moved on), or never a class here: nothing to do for a class absent from the plan.
        return c.json({ className: body.className, applied: 0, skipped: 0, fromYear: plan.fromYear, toYear: plan.toYear }, 200);
      }
      const result = await db.schoolYear.applyRolloverBatch(
        schoolId,
        { fromYear: plan.fromYear, toYear: plan.toYear, date: today, rows: rows.map((r) => ({ studentId: r.studentId, action: r.action as 'promote' | 'repeat' | 'graduate', to: r.to })) },
        { now: clock.now(), actorId: p.userId },
      );
      return c.json({ className: body.className, ...result, fromYear: plan.fromYear, toYear: plan.toYear }, 200);
    })
    .openapi(finishRoute, async (c) => {
      const p = c.var.principal;
      const schoolId = schoolOf(p);
      const { fromYear } = c.req.valid('json');
      const today = await todayOf(db, schoolId, clock.now());
      const settings = await db.schoolYear.settings(schoolId, today);
      if (settings.academicYear !== fromYear)
        throw failWith(409, 'year_mismatch', { id: `Tahun ajaran sekolah sekarang ${settings.academicYear}, bukan ${fromYear}.`, en: `The school's year is ${settings.academicYear}, not ${fromYear}.` }, { current: settings.academicYear });
      const saved = await db.schoolYear.saveSettings(schoolId, { academicYear: nextAcademicYear(fromYear), semester: 'ganjil' }, { today, now: clock.now(), actorId: p.userId });
      return c.json(settingsView(saved), 200);
    });

  const students = createRouter();
  students.use('*', requireAuth(ctx));
  const studentStatus = students
    .openapi(getStatus, async (c) => {
      const p = c.var.principal;
      const schoolId = schoolOf(p);
      const { id } = c.req.valid('param');
      await loadStudent(db, p, schoolId, id);
      return c.json(await historyView(db, schoolId, id), 200);
    })
    .openapi(postStatus, async (c) => {
      const p = c.var.principal;
      const schoolId = schoolOf(p);
      const { id } = c.req.valid('param');
      await loadStudent(db, p, schoolId, id);
      const body = c.req.valid('json');
      const changed = await db.schoolYear.setStatus(schoolId, id, body, { now: clock.now(), actorId: p.userId });
      if (!changed.ok) throw fromDbError(changed.error, 'student_not_found');
      return c.json(await historyView(db, schoolId, id), 200);
    });
  return { schoolYear, studentStatus };
}
