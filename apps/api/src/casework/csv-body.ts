/** Reading a `text/csv` request body. */
import type { Context } from 'hono';
import { failWith } from './http.ts';

const CSV_TYPES = ['text/csv', 'text/plain', 'application/csv', 'application/vnd.ms-excel'];

/** The body as text; 415 unless it is CSV, 400 when empty. */
export async function readCsvBody(c: Context): Promise<string> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (!CSV_TYPES.includes(type))
    throw failWith(415, 'unsupported_media_type', { id: 'Kirim berkas sebagai text/csv.', en: 'Send the file as text/csv.' });
  const text = await c.req.text();
  if (text.trim() === '') throw failWith(400, 'invalid_request', { id: 'Berkas CSV kosong.', en: 'The CSV file is empty.' });
  return text;
}
