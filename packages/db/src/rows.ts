/** Row types, inferred from the drizzle schema (one source of truth). */
import type { InferInsertModel, InferSelectModel } from 'drizzle-orm';
import type * as s from './schema/index.ts';

export type DistrictRow = InferSelectModel<typeof s.districts>;
export type SchoolRow = InferSelectModel<typeof s.schools>;
export type UserRow = InferSelectModel<typeof s.users>;
/** A user without secrets: what repositories hand out. */
export type User = Omit<UserRow, 'passwordHash'>;
export type SessionRow = InferSelectModel<typeof s.sessions>;
export type TeamMemberRow = InferSelectModel<typeof s.teamMembers>;
export type StudentRow = InferSelectModel<typeof s.students>;
export type IndicatorRow = InferSelectModel<typeof s.indicators>;
export type SchoolCalendarRow = InferSelectModel<typeof s.schoolCalendar>;
export type EarlyWarningRuleRow = InferSelectModel<typeof s.earlyWarningRules>;
export type FlagRow = InferSelectModel<typeof s.flags>;
export type PathwayRow = InferSelectModel<typeof s.pathways>;
export type PathwayVersionRow = InferSelectModel<typeof s.pathwayVersions>;
export type CaseRow = InferSelectModel<typeof s.cases>;
export type CaseEventRow = InferSelectModel<typeof s.caseEvents>;
export type TaskRow = InferSelectModel<typeof s.tasks>;
export type TimerRow = InferSelectModel<typeof s.timers>;
export type NoteRow = InferSelectModel<typeof s.notes>;
export type ConsentRow = InferSelectModel<typeof s.consents>;
export type ReferralRow = InferSelectModel<typeof s.referrals>;
export type CaseRecordRow = InferSelectModel<typeof s.caseRecords>;
export type NotificationRow = InferSelectModel<typeof s.notifications>;
export type AuditRow = InferSelectModel<typeof s.auditLog>;
export type IdempotencyRow = InferSelectModel<typeof s.idempotencyKeys>;

export type UserRole = UserRow['role'];
export type Confidentiality = NoteRow['confidentiality'];
export type CaseRecordKind = CaseRecordRow['kind'];

/** Insert shapes the seed and imports use (ids and times filled in by the repositories). */
export type NewStudent = Omit<InferInsertModel<typeof s.students>, 'id' | 'schoolId' | 'createdAt' | 'updatedAt' | 'erasedAt'>;
export type NewIndicator = Omit<InferInsertModel<typeof s.indicators>, 'id' | 'schoolId' | 'recordedAt'>;
