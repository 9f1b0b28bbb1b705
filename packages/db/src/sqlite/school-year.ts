/** Students over time on SQLite (see ../school-year-repo.ts); parallel to ../postgres/school-year.ts. */
import { and, asc, desc, eq, inArray, isNotNull, isNull, notExists, sql } from 'drizzle-orm';
import { isEnrolled, statusChangeAllowed, termOfDate } from '@jalur/casework';
import { cases, schoolYearSettings, studentEnrolments, studentStatusEvents, students } from '../schema/index.ts';
import { fail, ok, type DbResult } from '../result.ts';
import { defaultSettings, rolloverResult, statusRefusal } from '../school-year-rules.ts';
import type { SchoolYearRepo, SchoolYearSettings } from '../school-year-repo.ts';
import type { StudentRow } from '../rows.ts';
import { newId, transact, type SqliteContext } from './context.ts';

export function createSchoolYearRepo(ctx: SqliteContext): { schoolYear: SchoolYearRepo } {
  const { db } = ctx;
  const read = (schoolId: string, today: string): SchoolYearSettings => {
    const row = db.select().from(schoolYearSettings).where(eq(schoolYearSettings.schoolId, schoolId)).get();
    return row ? { ...row, stored: true } : defaultSettings(schoolId, today);
  };

  const repo: SchoolYearRepo = {
    async settings(schoolId, today) {
      return read(schoolId, today);
    },
    async saveSettings(schoolId, patch, { today, now, actorId }) {
      return ctx.immediate(() => {
        const { stored: _stored, ...current } = read(schoolId, today);
        const next = { ...current, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)), schoolId, updatedAt: now };
        db.insert(schoolYearSettings).values(next).onConflictDoUpdate({ target: schoolYearSettings.schoolId, set: next }).run();
        ctx.audit({ schoolId, actorId, action: 'school.year_settings', subject: `school:${schoolId}`, details: { fields: Object.keys(patch) }, at: now });
        return { ...next, stored: true };
      });
    },
    async setStatus(schoolId, studentId, input, { now, actorId }) {
      return transact(ctx, (): DbResult<StudentRow> => {
        const row = db.select().from(students).where(and(eq(students.id, studentId), eq(students.schoolId, schoolId))).get();
        if (!row) return fail('not_found', 'Siswa tidak ditemukan / student not found');
        if (!statusChangeAllowed(row.status, input.status)) return statusRefusal(row.status, input.status);
        const term = (() => {
          const s = db.select().from(schoolYearSettings).where(eq(schoolYearSettings.schoolId, schoolId)).get();
          return s ? { year: s.academicYear, semester: s.semester } : termOfDate(input.date);
        })();
        const className = isEnrolled(input.status) && input.className ? input.className : row.className;
        const updated = db
          .update(students)
          .set({ status: input.status, statusDate: input.date, statusReason: input.reason ?? null, className, updatedAt: now })
          .where(eq(students.id, studentId))
          .returning()
          .get();
        db.insert(studentStatusEvents).values({
          id: newId(), schoolId, studentId, status: input.status, date: input.date, reason: input.reason ?? null, className,
          academicYear: term.year, semester: term.semester, caseId: input.caseId ?? null, recordedBy: actorId, recordedAt: now,
        }).run();
        ctx.audit({ schoolId, actorId, action: 'student.status', subject: `student:${studentId}`, details: { from: row.status, to: input.status, caseId: input.caseId ?? null }, at: now });
        return ok(updated);
      });
    },
    async statusHistory(schoolId, studentId) {
      return db.select().from(studentStatusEvents).where(and(eq(studentStatusEvents.schoolId, schoolId), eq(studentStatusEvents.studentId, studentId))).orderBy(asc(studentStatusEvents.recordedAt)).all();
    },
    async enrolments(schoolId, studentId) {
      return db.select().from(studentEnrolments).where(and(eq(studentEnrolments.schoolId, schoolId), eq(studentEnrolments.studentId, studentId))).orderBy(asc(studentEnrolments.academicYear)).all();
    },
    async statusSuggestions(schoolId) {
      const rows = db
        .select({ caseId: cases.id, studentId: cases.studentId, outcome: cases.outcome, closedAt: cases.closedAt })
        .from(cases)
        .innerJoin(students, eq(students.id, cases.studentId))
        .where(and(
          eq(cases.schoolId, schoolId), eq(cases.status, 'closed'), inArray(cases.outcome, ['dropped_out', 'transferred']),
          inArray(students.status, ['active', 'transferred_in']), isNull(students.erasedAt),
          notExists(db.select({ one: sql`1` }).from(studentStatusEvents).where(eq(studentStatusEvents.caseId, cases.id))),
        ))
        .orderBy(desc(cases.closedAt)).all();
      return rows.map((r) => ({ caseId: r.caseId, studentId: r.studentId, outcome: r.outcome as 'dropped_out' | 'transferred', closedAt: r.closedAt ?? new Date(0) }));
    },
    async openCaseCounts(schoolId) {
      const rows = db
        .select({ studentId: cases.studentId, n: sql<number>`count(*)` })
        .from(cases)
        .where(and(eq(cases.schoolId, schoolId), eq(cases.status, 'active')))
        .groupBy(cases.studentId)
        .all();
      return new Map(rows.map((r) => [r.studentId, Number(r.n)]));
    },
    async applyRolloverBatch(schoolId, input, { now, actorId }) {
      return ctx.immediate(() => {
        const ids = input.rows.map((r) => r.studentId);
        const current = new Map<string, StudentRow>();
        for (let i = 0; i < ids.length; i += 500)
          for (const s of db.select().from(students).where(and(eq(students.schoolId, schoolId), inArray(students.id, ids.slice(i, i + 500)))).all()) current.set(s.id, s);
        const done = new Set<string>();
        for (let i = 0; i < ids.length; i += 500)
          for (const e of db.select({ id: studentEnrolments.studentId }).from(studentEnrolments)
            .where(and(inArray(studentEnrolments.studentId, ids.slice(i, i + 500)), eq(studentEnrolments.academicYear, input.fromYear), isNotNull(studentEnrolments.result))).all()) done.add(e.id);
        let applied = 0;
        let skipped = 0;
        for (const r of input.rows) {
          const s = current.get(r.studentId);
          if (!s || done.has(r.studentId) || !isEnrolled(s.status)) {
            skipped++;
            continue;
          }
          const result = rolloverResult(r.action);
          db.insert(studentEnrolments).values({ schoolId, studentId: s.id, academicYear: input.fromYear, className: s.className, result })
            .onConflictDoUpdate({ target: [studentEnrolments.studentId, studentEnrolments.academicYear], set: { className: s.className, result } }).run();
          if (r.action === 'graduate') {
            db.update(students).set({ status: 'graduated', statusDate: input.date, statusReason: null, updatedAt: now }).where(eq(students.id, s.id)).run();
            db.insert(studentStatusEvents).values({
              id: newId(), schoolId, studentId: s.id, status: 'graduated', date: input.date, reason: null, className: s.className,
              academicYear: input.fromYear, semester: 'genap', caseId: null, recordedBy: actorId, recordedAt: now,
            }).run();
          } else {
            const to = r.to ?? s.className;
            db.update(students).set({ className: to, updatedAt: now }).where(eq(students.id, s.id)).run();
            db.insert(studentEnrolments).values({ schoolId, studentId: s.id, academicYear: input.toYear, className: to, result: null })
              .onConflictDoUpdate({ target: [studentEnrolments.studentId, studentEnrolments.academicYear], set: { className: to } }).run();
          }
          applied++;
        }
        ctx.audit({ schoolId, actorId, action: 'rollover.batch', subject: `school:${schoolId}`, details: { fromYear: input.fromYear, toYear: input.toYear, applied, skipped }, at: now });
        return { applied, skipped };
      });
    },
  };
  return { schoolYear: repo };
}
