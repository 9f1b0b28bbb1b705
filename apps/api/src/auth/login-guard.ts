/**
 * Rate limits for `POST /api/auth/login`, counted before the password is
 * checked (so a refused attempt costs no scrypt work):
 *
 * - per (email, client IP): at most `maxAttempts` tries per `windowMs`;
 * - per client IP, across every email: at most `perIpAttempts` tries per
 *   `windowMs` that did not succeed — one address spraying passwords over
 *   many accounts is stopped, while a school's teachers signing in from one
 *   shared address (NAT) are not, since their successful logins do not count.
 *   An attempt counts from its start, so a burst of concurrent tries counts
 *   in full; a success gives its slot back.
 *
 * The lockout after repeated wrong passwords lives in the database
 * (`users.authenticate`, per email and source), so it holds across
 * processes; these limits are per API process. Time comes from the clock.
 */
import type { Clock } from '../clock.ts';

export interface LoginRateLimit {
  maxAttempts: number;
  windowMs: number;
  /** Attempts per IP across all emails that did not succeed, per `windowMs`. Default 30. */
  perIpAttempts?: number;
}

export const DEFAULT_LOGIN_RATE_LIMIT: LoginRateLimit = { maxAttempts: 10, windowMs: 15 * 60_000, perIpAttempts: 30 };
const DEFAULT_PER_IP_ATTEMPTS = 30;

export type LoginVerdict = { ok: true } | { ok: false; retryAfterSeconds: number; scope: 'email' | 'ip' };

export interface LoginGuard {
  /** Counts one attempt for (email, ip) and for ip, and says whether it may proceed. */
  attempt(email: string, ip: string): LoginVerdict;
  /** A successful login clears the count for (email, ip) and gives its per-IP slot back. */
  reset(email: string, ip: string): void;
}

/** Sliding windows of attempt times per key, pruned as they are read. */
function windows(clock: Clock, windowMs: number) {
  const attempts = new Map<string, number[]>();
  let calls = 0;
  return {
    /** The attempts of `key` within the window (pruned). */
    recent(key: string): number[] {
      const now = clock.now().getTime();
      const since = now - windowMs;
      if (++calls % 1000 === 0) {
        for (const [k, times] of attempts) if ((times.at(-1) ?? 0) <= since) attempts.delete(k);
      }
      const recent = (attempts.get(key) ?? []).filter((t) => t > since);
      attempts.set(key, recent);
      return recent;
    },
    retryAfter(recent: number[]): number {
      return Math.max(1, Math.ceil((recent[0]! + windowMs - clock.now().getTime()) / 1000));
    },
    drop(key: string) {
      attempts.delete(key);
    },
  };
}

/** An in-memory sliding-window limiter (per API process). */
export function createLoginGuard(clock: Clock, limit: LoginRateLimit = DEFAULT_LOGIN_RATE_LIMIT): LoginGuard {
  const perEmail = windows(clock, limit.windowMs);
  const perIp = windows(clock, limit.windowMs);
  const perIpMax = limit.perIpAttempts ?? DEFAULT_PER_IP_ATTEMPTS;
  const keyOf = (email: string, ip: string) => `${email.trim().toLowerCase()}\u0000${ip}`;

  return {
    attempt(email, ip) {
      const now = clock.now().getTime();
      const fromIp = perIp.recent(ip);
      if (fromIp.length >= perIpMax) return { ok: false, retryAfterSeconds: perIp.retryAfter(fromIp), scope: 'ip' };
      const forEmail = perEmail.recent(keyOf(email, ip));
      if (forEmail.length >= limit.maxAttempts) return { ok: false, retryAfterSeconds: perEmail.retryAfter(forEmail), scope: 'email' };
      fromIp.push(now);
      forEmail.push(now);
      return { ok: true };
    },
    reset(email, ip) {
      perEmail.drop(keyOf(email, ip));
      perIp.recent(ip).pop();
    },
  };
}
