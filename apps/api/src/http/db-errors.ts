/**
 * The database layer reports expected failures as values ({@link DbError});
 * this turns them into API errors with the right status and message.
 */
import type { DbError } from '@jalur/db';
import { ApiError } from './errors.ts';
import type { MessageKey } from './messages.ts';

/** Maps a repository error to an {@link ApiError}; `notFoundKey` names what was missing. */
export function fromDbError(error: DbError, notFoundKey: MessageKey = 'not_found'): ApiError {
  switch (error.code) {
    case 'not_found':
      return new ApiError(404, 'not_found', notFoundKey);
    case 'version_conflict':
      return new ApiError(409, 'version_conflict', 'version_conflict', { currentVersion: error.current });
    case 'conflict':
      return new ApiError(409, 'duplicate', 'duplicate', error.details);
    case 'forbidden':
      return new ApiError(403, 'forbidden', 'forbidden');
    case 'idempotency_mismatch':
      return new ApiError(422, 'idempotency_mismatch', 'idempotency_mismatch');
    case 'invalid':
      return new ApiError(422, 'invalid', 'invalid_request', { reason: error.message, ...(error.details ? { details: error.details } : {}) });
    case 'event_not_allowed':
      return new ApiError(422, 'event_not_allowed', 'event_not_allowed', error.details);
    case 'insufficient_funds': {
      // The fund ledger (issue 15): the fund, its balance and the amount asked, in the caller's language; `fields` lets a step form show it on the field.
      const d = (error.details ?? {}) as { fundId?: string; fundName?: string; balance?: number; requested?: number; field?: string; message?: { id: string; en: string } };
      const details = { fundId: d.fundId, fundName: d.fundName, balance: d.balance, requested: d.requested, ...(d.field && d.message ? { fields: [{ field: d.field, message: d.message }] } : {}) };
      return new ApiError(422, 'insufficient_funds', 'invalid_request', details, d.message);
    }
    case 'invalid_credentials':
      return new ApiError(401, 'invalid_credentials', 'invalid_credentials');
    case 'locked':
      return new ApiError(429, 'locked_out', 'locked_out', error.lockedUntil ? { lockedUntil: error.lockedUntil.toISOString() } : undefined);
    case 'idempotency_replay':
      // Callers replay the stored answer before reaching here; reaching it is a bug.
      throw new Error('idempotency_replay must be handled by the caller');
  }
}
