/**
 * How long a session lives, the same on every driver: it slides — each use
 * pushes its end to `ttlMs` after that use — but never past `maxAgeMs` after
 * it began, so a stolen token cannot be kept alive by using it.
 */

/** Idle lifetime: unused this long, a session ends. */
export const DEFAULT_SESSION_TTL_MS = 12 * 60 * 60_000;
/** Absolute lifetime: however busy, a session ends this long after login. */
export const DEFAULT_SESSION_MAX_AGE_MS = 24 * 60 * 60_000;
/** A session's end is written back at most this often (not on every request). */
export const SLIDE_EVERY_MS = 60_000;

export interface SessionLifetime {
  ttlMs?: number;
  maxAgeMs?: number;
}

interface SessionTimes {
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
}

/** When a session begun at `createdAt` and last used at `usedAt` ends. */
export function sessionEnd(createdAt: Date, usedAt: Date, lifetime: SessionLifetime = {}): Date {
  const ttl = lifetime.ttlMs ?? DEFAULT_SESSION_TTL_MS;
  const maxAge = lifetime.maxAgeMs ?? DEFAULT_SESSION_MAX_AGE_MS;
  return new Date(Math.min(usedAt.getTime() + ttl, createdAt.getTime() + maxAge));
}

/**
 * A session used at `now`: `expired`, or live — with the new end to write
 * back when it is due (`slideTo`), or nothing to write.
 */
export function touchSession(session: SessionTimes, now: Date, lifetime: SessionLifetime = {}): { expired: true } | { expired: false; slideTo?: Date } {
  if (session.expiresAt.getTime() <= now.getTime()) return { expired: true };
  if (now.getTime() - session.lastSeenAt.getTime() < SLIDE_EVERY_MS) return { expired: false };
  return { expired: false, slideTo: sessionEnd(session.createdAt, now, lifetime) };
}
