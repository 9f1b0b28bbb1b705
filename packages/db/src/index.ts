/**
 * @jalur/db — persistence for Jalur. Open a database with
 * {@link openDatabase}; everything else is a method of the returned
 * {@link JalurDb} (repositories), each async and scoped by school.
 */
export { openDatabase, type OpenDatabaseOptions } from './open.ts';
export { DEFAULT_DATABASE_URL, parseDatabaseUrl, type ConnectionConfig, type SqliteSync } from './config.ts';
export type * from './repository.ts';
export type * from './case-unit.ts';
export type * from './rows.ts';
export type * from './paperwork-repo.ts';
export type * from './school-year-repo.ts';
export type * from './funds-repo.ts';
export { formatRupiah, receiptNumber, RECEIPT_PREFIX } from './funds-repo.ts';
export { FUND_DIRECTIONS, FUND_SOURCES, FUND_STATUSES, PLEDGE_PERIODS, SPONSOR_KINDS, SPONSOR_PARTIES, SPONSOR_STATUSES } from './schema/funds.ts';
export type * from './registers-repo.ts';
export type * from './me-repo.ts';
export { PARTNER_KINDS, type PartnerKind } from './schema/registers.ts';
export { MEETING_TASK_STATE, MEETING_TASK_TITLE } from './paperwork-repo.ts';
export { ok, fail, type DbError, type DbErrorCode, type DbResult, type StoredResponse } from './result.ts';
export { hashPassword, verifyPassword, needsRehash, hashParams, SCRYPT_PARAMS, type ScryptParams } from './passwords.ts';
export { DEFAULT_LOCK_MS, DEFAULT_MAX_FAILURES, DEFAULT_FAILURE_WINDOW_MS, type LoginPolicy } from './login-policy.ts';
export type { ApprovalChange, ApprovalInput } from './approval.ts';
export { DEFAULT_SESSION_MAX_AGE_MS, DEFAULT_SESSION_TTL_MS, sessionEnd, type SessionLifetime } from './session-policy.ts';
export { contentHash, canonicalJson } from './content-hash.ts';
export * as schema from './schema/index.ts';
export { DERIVED_TABLES } from './schema/ops.ts';
export { actingRole, activeGrant, currentActingRole, orderGrants, type RoleGrant } from './roles.ts';
export { mayNest, mayOversee, overseerKinds } from './oversight.ts';
export { OVERSIGHT_KINDS, SCHOOL_LEVELS, TEAM_FUNCTIONS, type OversightKind, type SchoolLevel, type TeamFunction } from './schema/org.ts';
export { backupDatabase, restoreDatabase, checkDatabaseFile, type BackupResult } from './backup.ts';
