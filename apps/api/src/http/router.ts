/**
 * The building block of every feature sub-app: an OpenAPIHono whose
 * validation failures all become `400 invalid_request` with zod's issues in
 * `details`, and whose context carries the caller ({@link Principal}).
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Role } from '@jalur/engine';
import { errorBody } from './errors.ts';
import { type Language, pickLanguage } from './messages.ts';
import { issueMessage } from './zod-messages.ts';

/** The signed-in caller, set by the auth middleware. */
export interface Principal {
  userId: string;
  schoolId: string | null;
  districtId: string | null;
  role: Role;
  name: string;
  email: string;
  /** The class a wali kelas is homeroom teacher of (their students only); the active role's class. */
  className: string | null;
  /**
   * Every role the account holds (a guru BK may also be wali kelas of a
   * class); `role` is the one this session acts in (chosen with
   * `POST /api/accounts/me/role`), and every check uses that one.
   */
  roles: { role: Role; className: string | null }[];
  sessionId: string;
  /** How the request authenticated: cookies need CSRF protection, bearer tokens do not. */
  via: 'cookie' | 'bearer';
  csrfToken: string;
  /** When the session ends unless used again (sliding). */
  expiresAt: Date;
  /** After a password reset: every route but `/api/auth/{me,logout,password}` answers 403 `password_change_required`. */
  mustChangePassword?: boolean;
}

export interface AppEnv {
  /** `secureHeadersNonce`: this request's CSP nonce (`hono/secure-headers`), for a page's one inline script. */
  Variables: { principal: Principal; secureHeadersNonce?: string };
}

/** One validation issue, as sent in `error.details`. */
export interface IssueDetail {
  path: (string | number)[];
  code: string;
  message: string;
}

/** zod issues in a JSON-safe shape, their messages in `lang` (Indonesian by default). */
export function issueDetails(issues: readonly z.core.$ZodIssue[], lang: Language = 'id'): IssueDetail[] {
  return issues.map((i) => ({
    path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
    code: i.code,
    message: issueMessage(i, lang),
  }));
}

/** A feature router with the API's validation hook. */
export function createRouter<E extends AppEnv = AppEnv>(): OpenAPIHono<E> {
  return new OpenAPIHono<E>({
    defaultHook: (result, c) => {
      if (!result.success) {
        const details = issueDetails(result.error.issues, pickLanguage(c.req.header('accept-language')));
        return c.json(errorBody(c, 'invalid_request', 'invalid_request', details), 400);
      }
      return undefined;
    },
  });
}
