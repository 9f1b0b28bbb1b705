// Reads the first sheet of an .xlsx workbook off the API's event loop (a worker thread, started by
// spreadsheet.ts): ExcelJS parses a sheet's XML in one synchronous stretch, seconds for a big file, and
// the server must keep answering every other school meanwhile. Plain JavaScript, so it runs the same
// under tsx, vitest and node. Only the cells the file holds are visited; a cell with a value past the
// row or column cap stops the work. Posts { ok: true, csv } | { ok: false, kind: 'unreadable' } |
// { ok: false, kind: 'too_large', what, limit, found, row } — the CSV as one string, so the API thread
// receives it in one copy rather than deserialising thousands of small strings.
import { parentPort, workerData } from 'node:worker_threads';
import ExcelJS from 'exceljs';

/** A cell's text: dates as YYYY-MM-DD, formulas by their result, rich text joined. */
function cellText(value) {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('result' in value) return cellText(value.result);
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return String(value.text);
    return '';
  }
  return String(value);
}

/** One CSV field as Papa.unparse (`writeCsv` of @jalur/casework) writes it: quoted when it holds a comma, quote, line break or BOM, or starts or ends with a space. */
function field(text) {
  return /[",\r\n\ufeff]/.test(text) || text.startsWith(' ') || text.endsWith(' ') ? `"${text.replaceAll('"', '""')}"` : text;
}

async function read({ bytes, maxRows, maxColumns }) {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes);
  } catch {
    return { ok: false, kind: 'unreadable' };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { ok: false, kind: 'unreadable' };
  const rows = [];
  sheet.eachRow({ includeEmpty: false }, (row) => rows.push(row));
  if (rows.length > maxRows) return { ok: false, kind: 'too_large', what: 'rows', limit: maxRows, found: rows.length };
  const table = [];
  for (const row of rows) {
    const cells = [];
    let failed = null;
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      if (failed) return;
      const text = cellText(cell.value).trim();
      if (text === '') return;
      if (col > maxColumns) failed = { ok: false, kind: 'too_large', what: 'columns', limit: maxColumns, found: col, row: row.number };
      else cells[col - 1] = text;
    });
    if (failed) return failed;
    table.push(cells);
  }
  // Every line as wide as the widest (holes as empty cells), lines joined as Papa.unparse joins them.
  const width = table.reduce((w, r) => Math.max(w, r.length), 0);
  const csv = table.map((cells) => Array.from({ length: width }, (_, i) => field(cells[i] ?? '')).join(',')).join('\r\n');
  return { ok: true, csv };
}

read(workerData).then(
  (result) => parentPort.postMessage(result),
  () => parentPort.postMessage({ ok: false, kind: 'unreadable' }),
);
