/**
 * CSV reading shared by the roster and indicator imports: papaparse does the
 * parsing (quotes, BOM, `;` or `,` separators as spreadsheets in Indonesia
 * export them), this maps each column header to a canonical field name.
 */
import Papa from 'papaparse';

/** One data row of a CSV file: its 1-based line number and its cells by canonical field. */
export interface CsvRecord {
  line: number;
  cells: Record<string, string>;
}

export interface CsvTable {
  /** Canonical field of each header, or null when the header is not known. */
  headers: { raw: string; field: string | null }[];
  records: CsvRecord[];
}

/** Lower-case, no accents/punctuation: `No. HP Wali` → `nohpwali`. */
export function headerKey(raw: string): string {
  return raw
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/**
 * Parses CSV text and names its columns with `aliases` (canonical field →
 * accepted header spellings, compared by {@link headerKey}). Blank lines are
 * skipped; line numbers count the header as line 1.
 */
export function readCsv(text: string, aliases: Record<string, readonly string[]>): CsvTable {
  const byKey = new Map<string, string>();
  for (const [field, names] of Object.entries(aliases)) {
    byKey.set(headerKey(field), field);
    for (const name of names) byKey.set(headerKey(name), field);
  }
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: false, delimitersToGuess: [',', ';', '\t'] });
  const rows = parsed.data;
  const head = rows[0] ?? [];
  const headers = head.map((raw) => ({ raw, field: byKey.get(headerKey(raw)) ?? null }));
  const records: CsvRecord[] = [];
  for (let i = 1; i < rows.length; i++) {
    const row = rows[i] ?? [];
    if (row.every((cell) => cell.trim() === '')) continue;
    const cells: Record<string, string> = {};
    headers.forEach((h, col) => {
      if (h.field !== null) cells[h.field] = (row[col] ?? '').trim();
    });
    records.push({ line: i + 1, cells });
  }
  return { headers, records };
}

/** Rows of cells as CSV text (quotes where needed), e.g. a spreadsheet's sheet for {@link readCsv}. */
export function writeCsv(rows: readonly (readonly string[])[]): string {
  return Papa.unparse(rows as string[][]);
}
