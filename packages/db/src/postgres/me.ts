/** M&E records on PostgreSQL (see ../me-repo.ts); parallel to ../sqlite/me.ts. */
import { and, asc, eq, type SQL } from 'drizzle-orm';
import { cases, meRecords, students } from '../schema-pg/index.ts';
import { fail, ok } from '../result.ts';
import type { MeRecordFilter, MeRecordRow, MeRepo } from '../me-repo.ts';
import { first, newId, transact, type PgContext } from './context.ts';

function conditions(schoolId: string, f: MeRecordFilter): SQL[] {
  const t = meRecords;
  const where: SQL[] = [eq(t.schoolId, schoolId)];
  if (f.kind) where.push(eq(t.kind, f.kind));
  if (f.caseId) where.push(eq(t.caseId, f.caseId));
  if (f.studentId) where.push(eq(t.studentId, f.studentId));
  if (f.academicYear) where.push(eq(t.academicYear, f.academicYear));
  if (f.semester) where.push(eq(t.semester, f.semester));
  return where;
}

export function createMeRepo(ctx: PgContext): { me: MeRepo } {
  const { db } = ctx;
  return {
    me: {
      async add(schoolId, input, { actorId, now }) {
        return transact(ctx, async (tx) => {
          const student = first(await tx.select({ id: students.id }).from(students).where(and(eq(students.id, input.studentId), eq(students.schoolId, schoolId))));
          if (!student) return fail('not_found', 'Siswa tidak ditemukan / student not found');
          if (input.caseId !== null) {
            const c = first(await tx.select({ id: cases.id }).from(cases).where(and(eq(cases.id, input.caseId), eq(cases.schoolId, schoolId), eq(cases.studentId, input.studentId))));
            if (!c) return fail('not_found', 'Kasus tidak ditemukan / case not found');
          }
          const [row] = await tx
            .insert(meRecords)
            .values({ id: newId(), schoolId, studentId: input.studentId, caseId: input.caseId, kind: input.kind, academicYear: input.academicYear, semester: input.semester, data: input.data, recordedBy: actorId, recordedAt: now })
            .returning();
          await ctx.audit(tx, { schoolId, actorId, action: 'me.record_add', subject: input.caseId ? `case:${input.caseId}` : `student:${input.studentId}`, details: { kind: input.kind, id: row!.id }, at: now });
          return ok(row as MeRecordRow);
        });
      },
      async list(schoolId, filter = {}) {
        return (await db.select().from(meRecords).where(and(...conditions(schoolId, filter))).orderBy(asc(meRecords.recordedAt), asc(meRecords.id))) as MeRecordRow[];
      },
    },
  };
}
