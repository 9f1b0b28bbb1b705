/**
 * Spreadsheets as CSV: a roster or indicator file saved from Excel (`.xlsx`)
 * becomes the same CSV text the import already understands (first sheet,
 * first row the headers), so one parser judges both.
 *
 * Only the cells the file really holds are visited (a single cell at column
 * XFD used to make every row 16,384 cells wide: seconds of CPU for an 8 KB
 * upload), rows and columns are capped ({@link XLSX_SHEET_LIMITS}, refused
 * with {@link SpreadsheetTooLarge}), and the workbook is parsed in a worker
 * thread (`xlsx-worker.mjs`, memory-capped, with a deadline): ExcelJS parses
 * a sheet in one synchronous stretch, and the API's event loop must keep
 * serving every other school meanwhile.
 */
import { Worker } from 'node:worker_threads';
import { checkZipLimitsAsync } from './zip-limits.ts';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A roster of a whole school fits easily; a sheet past these is refused before its cells are read. */
export const XLSX_SHEET_LIMITS = { maxRows: 20_000, maxColumns: 100 } as const;

/** The sheet holds a cell past the row or column cap: the import answers 422 with this text. */
export class SpreadsheetTooLarge extends Error {
  constructor(
    readonly reason: { id: string; en: string },
    readonly details: { limit: number; found: number; cell?: string; what: 'rows' | 'columns' },
  ) {
    super(reason.en);
  }
}

/** Spreadsheet column letters of a 1-based column number (1 → A, 16384 → XFD). */
export function columnLetters(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

const tooManyColumns = (col: number, row: number, limit: number) =>
  new SpreadsheetTooLarge(
    {
      id: `Lembar kerja terlalu lebar: sel ${columnLetters(col)}${row} berada di kolom ke-${col}, batasnya ${limit} kolom. Hapus isi kolom yang tidak dipakai lalu unggah lagi.`,
      en: `The sheet is too wide: cell ${columnLetters(col)}${row} is in column ${col}, the limit is ${limit} columns. Clear the unused columns and upload again.`,
    },
    { what: 'columns', limit, found: col, cell: `${columnLetters(col)}${row}` },
  );

const tooManyRows = (rows: number, limit: number) =>
  new SpreadsheetTooLarge(
    {
      id: `Lembar kerja terlalu panjang: ${rows} baris, batasnya ${limit} baris. Bagi berkas menjadi beberapa bagian.`,
      en: `The sheet is too long: ${rows} rows, the limit is ${limit} rows. Split the file into parts.`,
    },
    { what: 'rows', limit, found: rows },
  );

/** The worker that reads the workbook (plain JavaScript: see its header). */
const WORKER = new URL('./xlsx-worker.mjs', import.meta.url);

type WorkerAnswer =
  | { ok: true; csv: string }
  | { ok: false; kind: 'unreadable' }
  | { ok: false; kind: 'too_large'; what: 'rows' | 'columns'; limit: number; found: number; row?: number };

/** Reads the workbook in a worker thread with a memory cap and a deadline; the API's event loop only waits. */
function readInWorker(bytes: ArrayBuffer, limits: { maxRows: number; maxColumns: number }, timeoutMs: number): Promise<WorkerAnswer | 'timeout'> {
  return new Promise((resolve) => {
    const worker = new Worker(WORKER, {
      workerData: { bytes, ...limits },
      transferList: [bytes],
      resourceLimits: { maxOldGenerationSizeMb: 512 },
      stdout: true,
      stderr: true,
    });
    let settled = false;
    const done = (answer: WorkerAnswer | 'timeout') => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(answer);
    };
    const timer = setTimeout(() => done('timeout'), timeoutMs);
    worker.once('message', (m: WorkerAnswer) => done(m));
    // Out of memory or a crash in the parser: the file is not one this server reads.
    worker.once('error', () => done({ ok: false, kind: 'unreadable' }));
    worker.once('exit', () => done({ ok: false, kind: 'unreadable' }));
  });
}

/**
 * The first worksheet of an `.xlsx` file as CSV text; null when it is not a
 * workbook (or an archive past the zip limits). Throws
 * {@link SpreadsheetTooLarge} when a cell with a value lies past the caps, or
 * when reading takes longer than `timeoutMs`.
 */
export async function xlsxToCsv(
  bytes: ArrayBuffer | Uint8Array,
  limits: { maxRows: number; maxColumns: number } = XLSX_SHEET_LIMITS,
  timeoutMs = 20_000,
): Promise<string | null> {
  // A zip bomb never reaches ExcelJS (see zip-limits.ts); the inflating runs off the event loop.
  const copy = new Uint8Array(bytes).slice();
  if ((await checkZipLimitsAsync(copy)) !== null) return null;
  const answer = await readInWorker(copy.buffer, limits, timeoutMs);
  if (answer === 'timeout') {
    throw new SpreadsheetTooLarge(
      { id: 'Berkas Excel terlalu rumit untuk dibaca. Simpan ulang sebagai CSV lalu unggah lagi.', en: 'The Excel file is too complex to read. Save it as CSV and upload again.' },
      { what: 'rows', limit: limits.maxRows, found: -1 },
    );
  }
  if (!answer.ok) {
    if (answer.kind === 'unreadable') return null;
    throw answer.what === 'rows' ? tooManyRows(answer.found, answer.limit) : tooManyColumns(answer.found, answer.row ?? 1, answer.limit);
  }
  return answer.csv;
}
