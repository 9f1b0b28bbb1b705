/**
 * Spreadsheets as CSV: a roster or indicator file saved from Excel (`.xlsx`)
 * becomes the same CSV text the import already understands (first sheet,
 * first row the headers), so one parser judges both.
 */
import ExcelJS from 'exceljs';
import { writeCsv } from '@jalur/casework';
import { checkZipLimits } from './zip-limits.ts';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A cell's text: dates as `YYYY-MM-DD`, formulas by their result, rich text joined. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return String(value.text);
    return '';
  }
  return String(value);
}

/** The first worksheet of an `.xlsx` file as CSV text; null when it is not a workbook. */
export async function xlsxToCsv(bytes: ArrayBuffer): Promise<string | null> {
  // A zip bomb never reaches ExcelJS (see zip-limits.ts).
  if (checkZipLimits(new Uint8Array(bytes)) !== null) return null;
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as never);
  } catch {
    return null;
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return null;
  const rows: string[][] = [];
  const width = sheet.columnCount;
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    for (let col = 1; col <= width; col++) cells.push(cellText(row.getCell(col).value).trim());
    rows.push(cells);
  });
  return writeCsv(rows);
}
