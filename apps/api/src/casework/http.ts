/** Errors with localized text from `@jalur/casework`, for the case-work routes. */
import type { Localized } from '@jalur/casework';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ApiError } from '../http/errors.ts';

/** An API error whose message is given in both languages. */
export function failWith(status: ContentfulStatusCode, code: string, text: Localized, details?: unknown): ApiError {
  return new ApiError(status, code, 'invalid_request', details, text);
}
