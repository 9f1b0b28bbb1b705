import { describe, expect, it } from 'vitest';
import { LINT_CODES, LINT_RULES, describePath, importMessages, lintMessages, located, parseMessages } from './messages.ts';

/**
 * Calls a message builder with a value that passes for every argument kind
 * the builders take: text, a list of texts, a number, a localized word.
 */
function sample(fn: unknown): { id: string; en?: string } {
  const anything = Object.assign(['a', 'b'], { toString: () => 'nilai', id: 'angka', en: 'a number' });
  const builder = fn as (...args: unknown[]) => { id: string; en?: string };
  return builder(...Array.from({ length: builder.length }, () => anything));
}

describe('the message catalogue', () => {
  it('has a rule with a bilingual title for every lint code, and codes in order', () => {
    expect(LINT_CODES).toEqual(LINT_CODES.map((_, i) => `JALUR${String(i + 1).padStart(3, '0')}`));
    for (const code of LINT_CODES) {
      expect(LINT_RULES[code].code).toBe(code);
      expect(LINT_RULES[code].title.id).not.toBe(LINT_RULES[code].title.en);
    }
  });

  it('says every lint and parse message in Indonesian and in English', () => {
    for (const [name, fn] of [...Object.entries(lintMessages), ...Object.entries(parseMessages), ...Object.entries(importMessages)]) {
      const m = sample(fn);
      expect(m.id, name).toBeTruthy();
      expect(m.en, name).toBeTruthy();
      expect(m.id, name).not.toBe(m.en);
      expect(m.id, name).not.toMatch(/undefined|\[object/);
    }
  });

  it('names a place in a document in words', () => {
    expect(describePath(['machine', 'states', 'intervensi', 'states', 'ekonomi', 'meta', 'title', 'id'])).toEqual({
      id: 'langkah ‘intervensi.ekonomi’ › keterangan langkah › judul › teks Bahasa Indonesia',
      en: 'step ‘intervensi.ekonomi’ › step details › title › Indonesian text',
    });
    expect(describePath(['machine', 'states', 'a', 'on', 'SELESAI', 0, 'guard'])).toEqual({
      id: 'langkah ‘a’ › tombol/peristiwa › ‘SELESAI’ › no. 1 › syarat',
      en: 'step ‘a’ › events › ‘SELESAI’ › no. 1 › guard',
    });
    expect(describePath([]).id).toBe('dokumen');
    expect(located(['key'], parseMessages.required()).id).toBe('Kunci jalur: wajib diisi.');
  });
});
