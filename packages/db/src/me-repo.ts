/**
 * Monitoring and evaluation records (issue 15, `schema/me.ts`): satisfaction
 * scores given on a case and ekstrakurikuler / P5 participation per term.
 * School-scoped like every repository: another school's student or case is
 * `not_found`; each write is one transaction with its audit row.
 */
import type { InferSelectModel } from 'drizzle-orm';
import type * as s from './schema/index.ts';
import type { DbResult } from './result.ts';

export type MeRecordRow = InferSelectModel<typeof s.meRecords>;

export interface MeRecordInput {
  studentId: string;
  /** The case a satisfaction score is given on; it must be the student's case of this school. */
  caseId: string | null;
  kind: MeRecordRow['kind'];
  academicYear: string;
  semester: MeRecordRow['semester'];
  data: Record<string, unknown>;
}

export interface MeRecordFilter {
  kind?: MeRecordRow['kind'];
  caseId?: string;
  studentId?: string;
  academicYear?: string;
  semester?: MeRecordRow['semester'];
}

export interface MeRepo {
  /** Adds a record; audited `me.record_add`. */
  add(schoolId: string, input: MeRecordInput, opts: { actorId: string; now: Date }): Promise<DbResult<MeRecordRow>>;
  /** The school's records matching `filter`, oldest first. */
  list(schoolId: string, filter?: MeRecordFilter): Promise<MeRecordRow[]>;
}
