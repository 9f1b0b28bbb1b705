/** Reading a `text/csv` request body. */
import type { Context } from 'hono';
import { failWith } from './http.ts';
import { SpreadsheetTooLarge, XLSX_TYPE, xlsxToCsv } from './spreadsheet.ts';

const CSV_TYPES = ['text/csv', 'text/plain', 'application/csv', 'application/vnd.ms-excel'];

/** The body as CSV text (an `.xlsx` body is converted); 415 for other types, 400 when empty or unreadable, 422 `spreadsheet_too_large` past the sheet caps. */
export async function readCsvBody(c: Context): Promise<string> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === XLSX_TYPE) {
    let csv: string | null;
    try {
      csv = await xlsxToCsv(await c.req.arrayBuffer());
    } catch (e) {
      // A cell past the row or column cap: the file is readable but too big to take, said plainly.
      if (e instanceof SpreadsheetTooLarge) throw failWith(422, 'spreadsheet_too_large', e.reason, e.details);
      throw e;
    }
    if (csv === null || csv.trim() === '') throw failWith(400, 'invalid_request', { id: 'Berkas Excel tidak dapat dibaca.', en: 'The Excel file cannot be read.' });
    return csv;
  }
  if (!CSV_TYPES.includes(type))
    throw failWith(415, 'unsupported_media_type', { id: 'Kirim berkas sebagai text/csv atau .xlsx.', en: 'Send the file as text/csv or .xlsx.' });
  const text = await c.req.text();
  if (text.trim() === '') throw failWith(400, 'invalid_request', { id: 'Berkas CSV kosong.', en: 'The CSV file is empty.' });
  return text;
}
