/**
 * What every route needs, built once per app by {@link createApiContext}:
 * the database, the clock, the compiled-pathway cache and the auth settings.
 */
import { DEFAULT_SESSION_MAX_AGE_MS, DEFAULT_SESSION_TTL_MS, type JalurDb, type SessionLifetime } from '@jalur/db';
import { createLoginGuard, DEFAULT_LOGIN_RATE_LIMIT, type LoginGuard, type LoginRateLimit } from './auth/login-guard.ts';
import { type Clock, systemClock } from './clock.ts';
import { CaseService, CompiledPathways } from '@jalur/cases';

/** Options of {@link createApp}. Only `db` is required. */
export interface AppDeps {
  db: JalurDb;
  clock?: Clock;
  /** Idle session lifetime (sliding). Default 12 hours. */
  sessionTtlMs?: number;
  /** Absolute session lifetime, however busy. Default 24 hours. */
  sessionMaxAgeMs?: number;
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
  /** The one place a case changes (open, advance, consent, approval). */
  cases: CaseService;
  loginGuard: LoginGuard;
  sessionLifetime: Required<SessionLifetime>;
  secureCookies: boolean | undefined;
  trustProxy: boolean;
}

/** Fills in the defaults. */
export function createApiContext(deps: AppDeps): ApiContext {
  const clock = deps.clock ?? systemClock;
  const compiled = deps.compiled ?? new CompiledPathways(deps.db);
  return {
    db: deps.db,
    clock,
    compiled,
    cases: new CaseService(deps.db, compiled),
    loginGuard: createLoginGuard(clock, deps.loginRateLimit ?? DEFAULT_LOGIN_RATE_LIMIT),
    sessionLifetime: { ttlMs: deps.sessionTtlMs ?? DEFAULT_SESSION_TTL_MS, maxAgeMs: deps.sessionMaxAgeMs ?? DEFAULT_SESSION_MAX_AGE_MS },
    secureCookies: deps.secureCookies,
    trustProxy: deps.trustProxy ?? false,
  };
}
