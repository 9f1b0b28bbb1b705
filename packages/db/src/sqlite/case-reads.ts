/** Case queries (board, filters, timeline) and reassignment, always scoped to a school. */
import { and, asc, desc, eq, exists, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { caseEvents, caseRiskFactors, cases, students, tasks } from '../schema/index.ts';
import type { CaseRepo } from '../repository.ts';
import { caseRowFilters } from '../filters.ts';
import type { CaseRow } from '../rows.ts';
import { fail, notStaff, ok } from '../result.ts';
import { pageSize, type SqliteContext } from './context.ts';

type CaseReads = Pick<CaseRepo, 'get' | 'list' | 'countByState' | 'events' | 'setAssignee'>;

/** Escapes LIKE wildcards in a user-given state path. */

/** `loadCase`: the case unit's own read of a row (hand-mapped, with the parsed-snapshot cache). */
export function createCaseReads(ctx: SqliteContext, loadCase: (id: string, schoolId: string) => CaseRow | undefined): CaseReads {
  const { db } = ctx;


  return {
    async get(schoolId, caseId) {
      return loadCase(caseId, schoolId) ?? null;
    },

    async list(schoolId, filter = {}) {
      const where = caseRowFilters(cases, schoolId, filter);
      if (filter.involving) {
        const userId = filter.involving;
        where.push(
          or(
            eq(cases.assigneeId, userId),
            exists(db.select({ one: sql`1` }).from(tasks).where(and(eq(tasks.caseId, cases.id), eq(tasks.assigneeId, userId), eq(tasks.status, 'open')))),
          )!,
        );
      }
      if (filter.riskFactor) {
        where.push(
          exists(
            db.select({ one: sql`1` }).from(caseRiskFactors).where(and(eq(caseRiskFactors.caseId, cases.id), isNull(caseRiskFactors.until), eq(caseRiskFactors.factor, filter.riskFactor))),
          ),
        );
      }
      if (filter.className) {
        where.push(exists(db.select({ one: sql`1` }).from(students).where(and(eq(students.id, cases.studentId), eq(students.className, filter.className)))));
      }
      if (filter.overdueAt) {
        where.push(
          exists(
            db
              .select({ one: sql`1` })
              .from(tasks)
              .where(and(eq(tasks.caseId, cases.id), eq(tasks.status, 'open'), lt(tasks.dueAt, filter.overdueAt))),
          ),
        );
      }
      return db
        .select()
        .from(cases)
        .where(and(...where))
        .orderBy(desc(cases.updatedAt), asc(cases.id))
        .limit(pageSize(filter.limit))
        .offset(filter.offset ?? 0)
        .all();
    },

    async countByState(schoolId, filter = {}) {
      const where = filter.status ? and(eq(cases.schoolId, schoolId), eq(cases.status, filter.status)) : eq(cases.schoolId, schoolId);
      return db
        .select({ stateValue: cases.stateValue, count: sql<number>`count(*)` })
        .from(cases)
        .where(where)
        .groupBy(cases.stateValue)
        .orderBy(asc(cases.stateValue))
        .all();
    },

    async events(schoolId, caseId) {
      return db
        .select()
        .from(caseEvents)
        .where(and(eq(caseEvents.caseId, caseId), eq(caseEvents.schoolId, schoolId)))
        .orderBy(asc(caseEvents.seq))
        .all();
    },

    async setAssignee(schoolId, caseId, assigneeId, { actorId, now }) {
      return ctx.immediate(() => {
        const row = loadCase(caseId, schoolId);
        if (!row) return fail('not_found', 'Kasus tidak ditemukan / case not found');
        if (assigneeId && !ctx.isStaff(assigneeId, schoolId)) return notStaff();
        db.update(cases).set({ assigneeId, updatedAt: now }).where(eq(cases.id, caseId)).run();
        ctx.audit({ schoolId, actorId, action: 'case.assign', subject: `case:${caseId}`, details: { from: row.assigneeId, to: assigneeId }, at: now });
        return ok({ ...row, assigneeId, updatedAt: now });
      });
    },
  };
}

