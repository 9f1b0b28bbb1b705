import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixture, fixtureApp, type Fixture } from '../testing/fixture.ts';
import { XLSX_TYPE, xlsxToCsv } from './spreadsheet.ts';

async function workbook(rows: unknown[][]): Promise<ArrayBuffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('Siswa');
  for (const r of rows) sheet.addRow(r);
  const buf = await wb.xlsx.writeBuffer();
  return buf as ArrayBuffer;
}

const ROWS = [
  ['NISN', 'Nama Siswa', 'Kelas', 'JK', 'Tanggal Lahir', 'Nama Wali', 'No HP Wali'],
  ['4000000001', 'Putri, Ayu', 'X-1', 'P', new Date(Date.UTC(2009, 2, 7)), 'Ibu Sari', '081211112222'],
  ['4000000002', 'Bayu', 'X-2', 'L', '2009-05-01', null, null],
];

describe('roster from Excel (.xlsx)', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await createFixture({ studentsPerSchool: 1 });
  });
  afterAll(async () => {
    await f?.close();
  });

  it('reads the first sheet as CSV: dates as YYYY-MM-DD, commas quoted', async () => {
    const csv = await xlsxToCsv(await workbook(ROWS));
    expect(csv?.split(/\r?\n/)).toEqual([
      'NISN,Nama Siswa,Kelas,JK,Tanggal Lahir,Nama Wali,No HP Wali',
      '4000000001,"Putri, Ayu",X-1,P,2009-03-07,Ibu Sari,081211112222',
      '4000000002,Bayu,X-2,L,2009-05-01,,',
    ]);
    expect(await xlsxToCsv(new TextEncoder().encode('bukan excel').buffer as ArrayBuffer)).toBeNull();
  });

  it('imports an .xlsx roster through the same route, preview and apply', async () => {
    const api = fixtureApp(f);
    const token = await api.tokenFor(f.a.users.guru_bk);
    const body = await workbook(ROWS);
    const post = (dryRun: boolean) =>
      api.app.request(`/api/students/import?dryRun=${dryRun}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': XLSX_TYPE }, body });
    const preview = (await (await post(true)).json()) as { rows: { action: string }[] };
    expect(preview.rows.map((r) => r.action)).toEqual(['new', 'new']);
    expect((await post(false)).status).toBe(200);
    expect(await f.db.students.getByNisn(f.a.id, '4000000001')).toMatchObject({ name: 'Putri, Ayu', birthDate: '2009-03-07' });
    const junk = await api.app.request('/api/students/import?dryRun=true', { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': XLSX_TYPE }, body: 'junk' });
    expect(junk.status).toBe(400);
  });
});
