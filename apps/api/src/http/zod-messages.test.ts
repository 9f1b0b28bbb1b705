import { z } from '@hono/zod-openapi';
import { describe, expect, it } from 'vitest';
import { issueMessage, say } from './zod-messages.ts';

const schema = z.object({
  name: z.string().max(3),
  kind: z.enum(['a', 'b']),
  count: z.number(),
  nisn: z.string().regex(/^\d+$/, 'NISN: angka / digits'),
});
const issues = schema.safeParse({ name: 'panjang', kind: 'c', count: 'tiga', nisn: 'x' }).error!.issues;
const by = (path: string) => issues.find((i) => i.path[0] === path)!;

describe('issueMessage', () => {
  it('rewrites zod’s default messages in Indonesian, naming what was received', () => {
    expect(issueMessage(by('name'), 'id')).toMatch(/^Terlalu besar/);
    expect(issueMessage(by('kind'), 'id')).toMatch(/^Pilihan tidak valid/);
    expect(issueMessage(by('count'), 'id')).toBe('Input tidak valid: diharapkan number, diterima string');
  });

  it('keeps English for English callers and a schema’s own message in any language', () => {
    expect(issueMessage(by('count'), 'en')).toBe(by('count').message);
    expect(issueMessage(by('nisn'), 'id')).toBe('NISN: angka / digits');
  });

  it('gives each caller only their language of a message written with say()', () => {
    const own = z.object({ nisn: z.string().regex(/^\d{10}$/, say('NISN harus 10 angka', 'NISN must be 10 digits')) });
    const issue = own.safeParse({ nisn: '12' }).error!.issues[0]!;
    expect(issueMessage(issue, 'id')).toBe('NISN harus 10 angka');
    expect(issueMessage(issue, 'en')).toBe('NISN must be 10 digits');
  });
});
