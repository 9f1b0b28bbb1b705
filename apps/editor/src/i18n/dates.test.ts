import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatDate, localeOf, localIsoDate, toDate } from './dates.ts';

describe('one date format per language', () => {
  it('writes id-ID for Indonesian and en-GB for English', () => {
    expect(localeOf('id')).toBe('id-ID');
    expect(localeOf('en')).toBe('en-GB');
    const at = new Date(2026, 10, 27, 9, 30);
    expect(formatDate(at, 'id')).toBe(new Intl.DateTimeFormat('id-ID', { day: 'numeric', month: 'short', year: 'numeric' }).format(at));
    expect(formatDate(at, 'en')).toBe('27 Nov 2026');
    expect(formatDate(at, 'en', 'dateTime')).toBe(new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(at));
    expect(formatDate(null, 'id')).toBe('—');
    expect(formatDate('not a date', 'id')).toBe('—');
  });
  it('reads a calendar date as that day, not as UTC midnight', () => {
    expect(toDate('2026-01-09').getDate()).toBe(9);
    expect(toDate('2026-01').getMonth()).toBe(0);
    expect(localIsoDate(new Date(2026, 0, 9, 1, 0))).toBe('2026-01-09');
  });
  it('is the only place the editor formats a date (no toLocaleDateString, DateTimeFormat or a date’s toLocaleString elsewhere)', () => {
    const src = fileURLToPath(new URL('..', import.meta.url));
    const found: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const p = join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) && !p.endsWith(join('i18n', 'dates.ts'))) {
          const text = readFileSync(p, 'utf8');
          // (A number's toLocaleString is not a date.)
          if (/\.toLocale(Date|Time)String\(|Intl\.DateTimeFormat|new Date\([^)]*\)\.toLocaleString\(|\b(at|date|Date|At)\)?\.toLocaleString\(/.test(text)) found.push(p.slice(src.length));
        }
      }
    };
    walk(src);
    expect(found).toEqual([]);
  });
});
