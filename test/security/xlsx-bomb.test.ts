/**
 * Zip bombs as `.xlsx` uploads: an archive that unpacks past the limit —
 * honestly declared or lying about its sizes — is refused before ExcelJS
 * unpacks it (400 through the import routes), while a real workbook passes.
 */
import { deflateRawSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkZipLimits, checkZipLimitsAsync } from '@jalur/api/testing';
import { SpreadsheetTooLarge, xlsxToCsv } from '@jalur/api/testing';
import { createFixture, fixtureApp, type Fixture, type FixtureApp } from '@jalur/api/testing';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface Entry {
  name: string;
  data: Buffer;
  /** What the headers claim the entry unpacks to (default: the truth). */
  declared?: number;
  method?: 0 | 8;
}

/** A zip archive written by hand, so its headers can lie. */
function zip(entries: Entry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const method = e.method ?? 8;
    const body = method === 8 ? deflateRawSync(e.data) : e.data;
    const name = Buffer.from(e.name);
    const size = e.declared ?? e.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(method, 8);
    local.writeUInt32LE(body.length, 18); local.writeUInt32LE(size, 22); local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(20, 4); central.writeUInt16LE(20, 6); central.writeUInt16LE(method, 10);
    central.writeUInt32LE(body.length, 20); central.writeUInt32LE(size, 24); central.writeUInt16LE(name.length, 28); central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(entries.length, 8); end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const HUGE = Buffer.alloc(120_000_000, 0x61); // 120 MB of "a": deflates to ~120 kB

let f: Fixture;
let api: FixtureApp;
let workbook: Buffer;
/** 300 rows and one cell at column XFD (16,384): about 12 kB, and used to cost 24 s of CPU (every row read 16,384 cells wide). */
let wide: Buffer;
/** 11 rows, for a row cap of 10. */
let long: Buffer;
beforeAll(async () => {
  f = await createFixture({ studentsPerSchool: 1 });
  api = fixtureApp(f);
  const ExcelJS = createRequire(new URL('../../apps/api/package.json', import.meta.url))('exceljs');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Siswa');
  ws.addRow(['nisn', 'nama', 'kelas']);
  ws.addRow(['0012345678', 'Siswa Excel', 'X-1']);
  workbook = Buffer.from(await wb.xlsx.writeBuffer());
  const w = new ExcelJS.Workbook();
  const sheet = w.addWorksheet('Siswa');
  sheet.addRow(['nisn', 'nama', 'kelas']);
  for (let i = 0; i < 300; i++) sheet.addRow([`${i}`.padStart(10, '0'), `Siswa ${i}`, 'X-1']);
  sheet.getCell('XFD1').value = 'x';
  wide = Buffer.from(await w.xlsx.writeBuffer());
  const l = new ExcelJS.Workbook();
  const ls = l.addWorksheet('Siswa');
  for (let i = 0; i < 11; i++) ls.addRow([`${i}`]);
  long = Buffer.from(await l.xlsx.writeBuffer());
});

/** The longest the event loop went without a turn while `work` ran (a 1 ms ticker). */
async function maxLoopGap(work: () => Promise<unknown>): Promise<number> {
  let last = performance.now();
  let max = 0;
  const ticker = setInterval(() => {
    const t = performance.now();
    max = Math.max(max, t - last);
    last = t;
  }, 1);
  try {
    await work();
  } finally {
    clearInterval(ticker);
  }
  return Math.max(max, performance.now() - last);
}
afterAll(() => f.close());

describe('xlsx zip bombs', () => {
  it('refuses archives that unpack past the limit, whatever their headers claim', () => {
    expect(checkZipLimits(workbook)).toBeNull();
    const honest = zip([{ name: 'xl/worksheets/sheet1.xml', data: HUGE }]);
    expect(honest.length).toBeLessThan(1_000_000);
    expect(checkZipLimits(honest)).toMatch(/more than/);
    expect(checkZipLimits(zip([{ name: 'xl/worksheets/sheet1.xml', data: HUGE, declared: 1000 }]))).toMatch(/more than/);
    expect(checkZipLimits(zip([{ name: 'a', data: Buffer.from('x'), declared: 0xffffffff }]))).toMatch(/zip64/);
    expect(checkZipLimits(zip(Array.from({ length: 1500 }, (_, i) => ({ name: `f${i}`, data: Buffer.from('x') }))))).toMatch(/too many entries/);
    expect(checkZipLimits(zip([{ name: 'a', data: Buffer.alloc(1000, 1), method: 0 }]))).toBeNull();
    expect(checkZipLimits(Buffer.from('bukan zip sama sekali'))).toMatch(/not a zip/);
    expect(checkZipLimits(honest.subarray(0, honest.length - 30))).not.toBeNull();
  });

  it('answers 400 on the import routes, and imports a real workbook', async () => {
    const bomb = zip([{ name: '[Content_Types].xml', data: Buffer.from('<Types/>') }, { name: 'xl/worksheets/sheet1.xml', data: HUGE, declared: 5000 }]);
    for (const path of ['/api/students/import?dryRun=true', '/api/indicators/import?dryRun=true&kind=attendance']) {
      const res = await api.app.request(path, { method: 'POST', headers: { authorization: `Bearer ${await api.tokenFor(f.a.users.guru_bk)}`, 'content-type': XLSX }, body: bomb });
      expect(res.status, path).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_request');
    }
    const ok = await api.app.request('/api/students/import?dryRun=true', { method: 'POST', headers: { authorization: `Bearer ${await api.tokenFor(f.a.users.guru_bk)}`, 'content-type': XLSX }, body: workbook });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { counts: { new: number } }).counts.new).toBe(1);
  });

  it('a cell at column XFD: 422 spreadsheet_too_large naming the cell, quickly, and the event loop never waits 100 ms', async () => {
    expect(wide.length).toBeLessThan(20_000);
    const token = await api.tokenFor(f.a.users.guru_bk);
    for (const path of ['/api/students/import?dryRun=true', '/api/indicators/import?dryRun=true&kind=attendance']) {
      let res: Response | undefined;
      const started = performance.now();
      const gap = await maxLoopGap(async () => {
        res = await api.app.request(path, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': XLSX }, body: wide });
      });
      expect(res!.status, path).toBe(422);
      const body = (await res!.json()) as { error: { code: string; message: string; details: { cell: string; limit: number } } };
      expect(body.error.code).toBe('spreadsheet_too_large');
      expect(body.error.message).toContain('XFD1');
      expect(body.error.details).toMatchObject({ cell: 'XFD1', limit: 100 });
      expect(performance.now() - started, path).toBeLessThan(10_000);
      expect(gap, `${path}: the event loop was blocked`).toBeLessThan(100);
    }
  });

  it('caps rows with a clear refusal, reads real workbooks, and measures archives off the event loop', async () => {
    await expect(xlsxToCsv(long, { maxRows: 10, maxColumns: 100 })).rejects.toThrow(SpreadsheetTooLarge);
    await expect(xlsxToCsv(long, { maxRows: 10, maxColumns: 100 })).rejects.toThrow(/11 rows, the limit is 10/);
    expect((await xlsxToCsv(long, { maxRows: 11, maxColumns: 100 }))?.split('\r\n')).toHaveLength(11);
    expect(await checkZipLimitsAsync(workbook)).toBeNull();
    const honest = zip([{ name: 'xl/worksheets/sheet1.xml', data: HUGE }]);
    let verdict: string | null = null;
    const gap = await maxLoopGap(async () => {
      verdict = await checkZipLimitsAsync(honest);
    });
    expect(verdict).toMatch(/more than/);
    // The synchronous check held the loop ~250 ms for this archive; inflating on the thread pool leaves it a few ms (slack for a busy 2-core machine).
    expect(gap).toBeLessThan(150);
  });
});
