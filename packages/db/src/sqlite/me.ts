/** M&E records on SQLite (see ../me-repo.ts); parallel to ../postgres/me.ts. */
import { and, asc, eq, type SQL } from 'drizzle-orm';
import { cases, meRecords, students } from '../schema/index.ts';
import { fail, ok } from '../result.ts';
import type { MeRecordFilter, MeRepo } from '../me-repo.ts';
import { newId, transact, type SqliteContext } from './context.ts';

/** The conditions of a list filter (shared shape with PostgreSQL). */
function meConditions(t: typeof meRecords, schoolId: string, f: MeRecordFilter): SQL[] {
  const where: SQL[] = [eq(t.schoolId, schoolId)];
  if (f.kind) where.push(eq(t.kind, f.kind));
  if (f.caseId) where.push(eq(t.caseId, f.caseId));
  if (f.studentId) where.push(eq(t.studentId, f.studentId));
  if (f.academicYear) where.push(eq(t.academicYear, f.academicYear));
  if (f.semester) where.push(eq(t.semester, f.semester));
  return where;
}

export function createMeRepo(ctx: SqliteContext): { me: MeRepo } {
  const { db } = ctx;
  return {
    me: {
      async add(schoolId, input, { actorId, now }) {
        return transact(ctx, () => {
          const student = db.select({ id: students.id }).from(students).where(and(eq(students.id, input.studentId), eq(students.schoolId, schoolId))).get();
          if (!student) return fail('not_found', 'Siswa tidak ditemukan / student not found');
          if (input.caseId !== null) {
            const c = db.select({ id: cases.id }).from(cases).where(and(eq(cases.id, input.caseId), eq(cases.schoolId, schoolId), eq(cases.studentId, input.studentId))).get();
            if (!c) return fail('not_found', 'Kasus tidak ditemukan / case not found');
          }
          const row = db
            .insert(meRecords)
            .values({ id: newId(), schoolId, studentId: input.studentId, caseId: input.caseId, kind: input.kind, academicYear: input.academicYear, semester: input.semester, data: input.data, recordedBy: actorId, recordedAt: now })
            .returning()
            .get();
          ctx.audit({ schoolId, actorId, action: 'me.record_add', subject: input.caseId ? `case:${input.caseId}` : `student:${input.studentId}`, details: { kind: input.kind, id: row.id }, at: now });
          return ok(row);
        });
      },
      async list(schoolId, filter = {}) {
        return db.select().from(meRecords).where(and(...meConditions(meRecords, schoolId, filter))).orderBy(asc(meRecords.recordedAt), asc(meRecords.id)).all();
      },
    },
  };
}
