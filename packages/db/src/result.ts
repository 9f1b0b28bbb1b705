/** Errors are values with codes; repositories never throw for expected failures. */

export type DbErrorCode =
  /** The row does not exist, or belongs to another school (never say which). */
  | 'not_found'
  /** `expectedVersion` / `expectedRevision` is stale; `current` carries the current one. */
  | 'version_conflict'
  /** The engine refused the event (from the `apply` callback). */
  | 'event_not_allowed'
  /** A unique value is taken (email, NISN, pathway key). */
  | 'conflict'
  /** Bad input the repository can tell (e.g. an empty draft to publish). */
  | 'invalid'
  /** The same Idempotency-Key already answered this request: replay `response`. */
  | 'idempotency_replay'
  /** The same Idempotency-Key was used for a different request. */
  | 'idempotency_mismatch'
  /** Login refused: wrong email or password (never say which). */
  | 'invalid_credentials'
  /** Login refused: too many failures, locked until `lockedUntil`. */
  | 'locked'
  /** The caller may not do this (e.g. a decision on a task that is not theirs). */
  | 'forbidden'
  /** A disbursement larger than its fund's balance (`details`: fund, balance, requested, message). */
  | 'insufficient_funds';

/** The answer a write produced, kept for idempotent replays. */
export interface StoredResponse {
  status: number;
  body: unknown;
}

export interface DbError {
  code: DbErrorCode;
  message: string;
  /** For `version_conflict`: the current version/revision. */
  current?: number;
  /** For `idempotency_replay`: the first answer. */
  response?: StoredResponse;
  /** For `locked`: when the lock ends. */
  lockedUntil?: Date;
  /** Anything else worth showing (e.g. the allowed events for `event_not_allowed`). */
  details?: unknown;
}

export type DbResult<T> = { ok: true; value: T } | { ok: false; error: DbError };

/** Build a success value. */
export const ok = <T>(value: T): DbResult<T> => ({ ok: true, value });

/** Build an error value. */
export const fail = <T = never>(code: DbErrorCode, message: string, extra?: Omit<DbError, 'code' | 'message'>): DbResult<T> => ({
  ok: false,
  error: { code, message, ...extra },
});

/** The answer for an assignee who is not active staff of the school (cases and tasks are assigned within it). */
export const notStaff = () => fail<never>('invalid', 'Penanggung jawab bukan staf sekolah ini / assignee is not staff of this school');
