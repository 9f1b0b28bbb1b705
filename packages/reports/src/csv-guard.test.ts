/**
 * The CSV formula guard: every way a spreadsheet program would read a cell as
 * a formula — the ASCII starters, the same after leading spaces, tabs,
 * non-breaking or other Unicode spaces, zero-width characters or a BOM, and
 * the full-width / small forms (`＝ ＋ － ＠`) — leaves the cell as text.
 */
import { describe, expect, it } from 'vitest';
import { safeCell, toCsv } from './csv.ts';

const DANGEROUS = [
  '=1+1', '+62 811', '-2+3', '@SUM(A1)', '\t=1', '\r=1', '\n=1',
  ' =HYPERLINK("http://x")', '   +1', '\t =1', '\u00A0=HYPERLINK("http://x")', '\u00A0\u00A0@A1', '\u3000=1', '\u2007=1', '\u202F=1', '\u200B=1', '\uFEFF=1',
  '＝HYPERLINK("http://x")', ' ＝1', '\u00A0＋1', '－1', '＠A1', '\uFE66cmd', '\uFE62 1',
];
const SAFE = ['Konseling individual', 'a=b', 'Rp 1.000', '100%', '', '(=)'];

describe('safeCell', () => {
  it.each(DANGEROUS)('neutralises %j', (cell) => {
    expect(safeCell(cell)).toBe(`'${cell}`);
  });
  it.each(SAFE)('leaves %j as it is', (cell) => {
    expect(safeCell(cell)).toBe(cell);
  });
  it('keeps numbers numbers (a negative count is not text)', () => {
    expect(safeCell(-3)).toBe(-3);
    expect(safeCell(null)).toBe('');
  });
  it('a written table carries the guard inside the quoting', () => {
    const csv = toCsv({ columns: ['judul / title'], rows: [[' =1+1'], ['\u00A0=HYPERLINK("http://x")'], ['＝1']] });
    expect(csv).toBe('\uFEFFjudul / title\n\' =1+1\n"\'\u00A0=HYPERLINK(""http://x"")"\n\'＝1\n');
  });
});
