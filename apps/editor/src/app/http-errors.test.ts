import { describe, expect, it } from 'vitest';
import { statusSentence } from './http-errors.ts';

describe('a failed request without the API’s own sentence', () => {
  it('reads as one sentence in the UI language, never a code', () => {
    for (const status of [400, 401, 403, 404, 409, 413, 422, 429, 500, 502]) {
      for (const lang of ['id', 'en']) {
        const s = statusSentence(status, lang);
        expect(s).toMatch(/^[A-Z][^{}]*\.$/);
        expect(s).not.toMatch(/\d{3}|HTTP|forbidden/i);
      }
    }
    expect(statusSentence(403, 'id')).toBe('Anda tidak berwenang melakukan ini.');
    expect(statusSentence(403, 'en')).toBe('You are not allowed to do this.');
  });
});
