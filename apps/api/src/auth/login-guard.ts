/**
 * Rate limit for `POST /api/auth/login`, per (email, client IP): at most
 * `maxAttempts` tries per `windowMs`, counted before the password is checked.
 * The account lockout after repeated wrong passwords lives in the database
 * (`users.authenticate`), so it holds across processes; this limit only keeps
 * one client from hammering the password hash. Time comes from the clock.
 */
import type { Clock } from '../clock.ts';

export interface LoginRateLimit {
  maxAttempts: number;
  windowMs: number;
}

export const DEFAULT_LOGIN_RATE_LIMIT: LoginRateLimit = { maxAttempts: 10, windowMs: 15 * 60_000 };

export type LoginVerdict = { ok: true } | { ok: false; retryAfterSeconds: number };

export interface LoginGuard {
  /** Counts one attempt for (email, ip) and says whether it may proceed. */
  attempt(email: string, ip: string): LoginVerdict;
  /** A successful login clears the count for (email, ip). */
  reset(email: string, ip: string): void;
}

/** An in-memory sliding-window limiter (per API process). */
export function createLoginGuard(clock: Clock, limit: LoginRateLimit = DEFAULT_LOGIN_RATE_LIMIT): LoginGuard {
  const attempts = new Map<string, number[]>();
  let calls = 0;
  const keyOf = (email: string, ip: string) => `${email.trim().toLowerCase()}\u0000${ip}`;

  return {
    attempt(email, ip) {
      const now = clock.now().getTime();
      const since = now - limit.windowMs;
      if (++calls % 1000 === 0) {
        for (const [key, times] of attempts) if ((times.at(-1) ?? 0) <= since) attempts.delete(key);
      }
      const key = keyOf(email, ip);
      const recent = (attempts.get(key) ?? []).filter((t) => t > since);
      if (recent.length >= limit.maxAttempts) {
        attempts.set(key, recent);
        return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((recent[0]! + limit.windowMs - now) / 1000)) };
      }
      recent.push(now);
      attempts.set(key, recent);
      return { ok: true };
    },
    reset(email, ip) {
      attempts.delete(keyOf(email, ip));
    },
  };
}
