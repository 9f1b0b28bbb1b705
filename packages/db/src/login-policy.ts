/**
 * The lockout, the same on every driver. Wrong passwords are counted per
 * (email typed, source address) in `login_failures`: after `maxFailures`
 * within `windowMs` of each other, that source is refused for that email
 * for `lockMs`, the right password included. Unknown emails are counted and
 * locked the same way, so a lock tells nothing about which emails exist;
 * and a stranger elsewhere cannot lock the account's owner out.
 */

export const DEFAULT_MAX_FAILURES = 5;
export const DEFAULT_LOCK_MS = 15 * 60_000;
/** Failures further apart than this start a new count. */
export const DEFAULT_FAILURE_WINDOW_MS = 60 * 60_000;
/** A `login_failures` row unused this long (and not locked) is purged. */
export const LOGIN_FAILURE_RETENTION_MS = 24 * 60 * 60_000;

export interface LoginPolicy {
  maxFailures?: number;
  lockMs?: number;
  windowMs?: number;
}

export interface FailureRow {
  failures: number;
  lastAt: Date;
  lockedUntil: Date | null;
}

/** True while `row` locks its (email, source) at `now`. */
export function isLocked(row: FailureRow | null | undefined, now: Date): row is FailureRow & { lockedUntil: Date } {
  return !!row?.lockedUntil && row.lockedUntil.getTime() > now.getTime();
}

/** The row after one more wrong password at `now` (a lock in force is kept, never extended). */
export function nextFailure(row: FailureRow | null | undefined, now: Date, policy: LoginPolicy = {}): FailureRow & { lockedNow: boolean } {
  const maxFailures = policy.maxFailures ?? DEFAULT_MAX_FAILURES;
  const lockMs = policy.lockMs ?? DEFAULT_LOCK_MS;
  const windowMs = policy.windowMs ?? DEFAULT_FAILURE_WINDOW_MS;
  if (isLocked(row, now)) return { failures: row.failures + 1, lastAt: now, lockedUntil: row.lockedUntil, lockedNow: false };
  const fresh = !row || row.lockedUntil !== null || now.getTime() - row.lastAt.getTime() > windowMs;
  const failures = fresh ? 1 : row.failures + 1;
  const lockedNow = failures >= maxFailures;
  return { failures, lastAt: now, lockedUntil: lockedNow ? new Date(now.getTime() + lockMs) : null, lockedNow };
}
