/**
 * Zip bombs as `.xlsx` uploads: an archive that unpacks past the limit —
 * honestly declared or lying about its sizes — is refused before ExcelJS
 * unpacks it (400 through the import routes), while a real workbook passes.
 */
import { deflateRawSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkZipLimits } from '../../apps/api/src/casework/zip-limits.ts';
import { createFixture, fixtureApp, type Fixture, type FixtureApp } from '../../apps/api/src/testing/fixture.ts';

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
beforeAll(async () => {
  f = await createFixture({ studentsPerSchool: 1 });
  api = fixtureApp(f);
  const ExcelJS = createRequire(new URL('../../apps/api/package.json', import.meta.url))('exceljs');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Siswa');
  ws.addRow(['nisn', 'nama', 'kelas']);
  ws.addRow(['0012345678', 'Siswa Excel', 'X-1']);
  workbook = Buffer.from(await wb.xlsx.writeBuffer());
});
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
});
