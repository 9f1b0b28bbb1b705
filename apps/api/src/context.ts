/**
 * What every route needs, built once per app by {@link createApiContext}:
 * the database, the clock, the compiled-pathway cache and the auth settings.
 */
import type { JalurDb } from '@jalur/db';
import { createLoginGuard, DEFAULT_LOGIN_RATE_LIMIT, type LoginGuard, type LoginRateLimit } from './auth/login-guard.ts';
import { type Clock, systemClock } from './clock.ts';
import { CompiledPathways } from './cases/compiled-pathways.ts';

/** Options of {@link createApp}. Only `db` is required. */
export interface AppDeps {
  db: JalurDb;
  clock?: Clock;
  /** Session lifetime (sliding). Default 12 hours. */
  sessionTtlMs?: number;
  /** Login attempts per (email, IP) and window. */
  loginRateLimit?: LoginRateLimit;
  /** Mark the session cookie `Secure`. Default: when the request came over https. */
  secureCookies?: boolean;
  /** Trust `X-Forwarded-For` for the client IP (behind a reverse proxy). Default false. */
  trustProxy?: boolean;
  /** Absolute path of the editor's build to serve; null/undefined serves none. */
  editorDist?: string | null;
  /** Share one compiled-pathway cache with the scheduler. */
  compiled?: CompiledPathways;
}

export interface ApiContext {
  db: JalurDb;
  clock: Clock;
  compiled: CompiledPathways;
  loginGuard: LoginGuard;
  sessionTtlMs: number;
  secureCookies: boolean | undefined;
  trustProxy: boolean;
}

export const DEFAULT_SESSION_TTL_MS = 12 * 60 * 60_000;

/** Fills in the defaults. */
export function createApiContext(deps: AppDeps): ApiContext {
  const clock = deps.clock ?? systemClock;
  return {
    db: deps.db,
    clock,
    compiled: deps.compiled ?? new CompiledPathways(deps.db),
    loginGuard: createLoginGuard(clock, deps.loginRateLimit ?? DEFAULT_LOGIN_RATE_LIMIT),
    sessionTtlMs: deps.sessionTtlMs ?? DEFAULT_SESSION_TTL_MS,
    secureCookies: deps.secureCookies,
    trustProxy: deps.trustProxy ?? false,
  };
}
