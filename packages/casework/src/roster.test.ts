import { describe, expect, it } from 'vitest';
import { parseRoster, planRoster, normalizeDate } from './roster.ts';

const ID_CSV = `NISN;Nama Siswa;Kelas;JK;Tgl Lahir;Nama Wali;No HP Wali
0012345678;Budi Santoso;X-1;L;07/03/2009;Slamet;0812-3456-7890
0012345679;Siti Aminah;X-1;P;2009-05-01;Aminah;081234567891
`;

describe('roster CSV', () => {
  it('reads Indonesian headers with ; separators and normalises dates and phones', () => {
    const parsed = parseRoster(ID_CSV);
    expect(parsed.fileErrors).toEqual([]);
    expect(parsed.rows.map((r) => r.errors)).toEqual([[], []]);
    expect(parsed.rows[0]!.student).toEqual({
      nisn: '0012345678', name: 'Budi Santoso', className: 'X-1', gender: 'L', birthDate: '2009-03-07', guardianName: 'Slamet', guardianPhone: '081234567890',
      fatherName: null, motherName: null, pipEligible: null, kipHolder: null, pipReceived: null, distanceKm: null, transport: null,
    });
  });

  it('reads English headers', () => {
    const parsed = parseRoster('nisn,name,class,gender,birth date\n0099999999,Ani,XI-2,female,2008-12-31\n');
    expect(parsed.rows[0]!.student).toMatchObject({ nisn: '0099999999', className: 'XI-2', gender: 'P', birthDate: '2008-12-31' });
  });

  it('reports every bad cell with its line', () => {
    const parsed = parseRoster('NISN,Nama,Kelas,JK,Tanggal Lahir\n12345,Budi,X-1,X,31/02/2009\n0012345678,,X-1,L,\n0012345678,Dup,X-1,L,\n');
    const byLine = parsed.rows.map((r) => [r.line, r.errors.map((e) => e.field)]);
    expect(byLine).toEqual([
      [2, ['nisn', 'gender', 'birthDate']],
      [3, ['name']],
      [4, ['nisn']],
    ]);
    expect(parsed.rows[2]!.errors[0]!.message.id).toContain('baris 3');
  });

  it('refuses a file without the required columns', () => {
    const parsed = parseRoster('Nama,Kelas\nBudi,X-1\n');
    expect(parsed.rows).toEqual([]);
    expect(parsed.fileErrors[0]!.id).toContain('nisn');
  });

  it('plans new / update / unchanged / error against existing students', () => {
    const parsed = parseRoster(ID_CSV + '123,Bad,X-1,L,,,\n');
    const existing = [
      { nisn: '0012345678', name: 'Budi Santoso', className: 'X-1', gender: 'L' as const, birthDate: '2009-03-07', guardianName: 'Slamet', guardianPhone: '081234567890' },
    ];
    const plan = planRoster(parsed, []);
    expect(plan.rows.map((r) => r.action)).toEqual(['new', 'new', 'error']);
    expect(plan.applicable).toBe(false);
    const again = planRoster(parseRoster(ID_CSV), [...existing, { ...existing[0]!, nisn: '0012345679', name: 'Siti A.', className: 'X-2', gender: 'P', birthDate: '2009-05-01', guardianName: 'Aminah', guardianPhone: '081234567891' }]);
    expect(again.rows.map((r) => [r.action, r.changes])).toEqual([['unchanged', undefined], ['update', ['name', 'className']]]);
    expect(again.applicable).toBe(true);
  });

  it('keeps fields whose column the file does not have', () => {
    const existing = [{ nisn: '0012345678', name: 'Budi', className: 'X-1', gender: 'L' as const, birthDate: null, guardianName: 'Slamet', guardianPhone: '0811111111' }];
    const plan = planRoster(parseRoster('nisn,nama,kelas\n0012345678,Budi,X-2\n'), existing);
    expect(plan.rows[0]).toMatchObject({ action: 'update', changes: ['className'], student: { guardianName: 'Slamet', className: 'X-2' } });
  });

  it('rejects impossible dates', () => {
    expect(normalizeDate('31/02/2009')).toBeNull();
    expect(normalizeDate('1-2-2010')).toBe('2010-02-01');
  });
});

/** The shape of a Dapodik "Daftar Peserta Didik" export (fewer columns, same layout): title rows, a two-row header, footer. */
const DAPODIK = [
  ['Daftar Peserta Didik'],
  ['SMKN 1 TANJUNG JABUNG TIMUR'],
  ['Kecamatan Muara Sabak Timur, Kabupaten Tanjung Jabung Timur, Provinsi Jambi'],
  ['Tanggal Unduh: 2025-08-04 10:12:33', '', 'Pengunduh: operator@sekolah.id'],
  ['No', 'Nama', 'NIPD', 'JK', 'NISN', 'Tempat Lahir', 'Tanggal Lahir', 'Alamat', 'Alat Transportasi', 'HP', 'Penerima KPS', 'Data Ayah', '', '', 'Data Ibu', '', '', 'Data Wali', '', 'Rombel Saat Ini', 'Penerima KIP', 'Nomor KIP', 'Layak PIP (usulan dari sekolah)', 'Alasan Layak PIP', 'Jarak Rumah ke Sekolah (KM)'],
  ['', '', '', '', '', '', '', '', '', '', '', 'Nama', 'Tahun Lahir', 'Pekerjaan', 'Nama', 'Tahun Lahir', 'Pekerjaan', 'Nama', 'Pekerjaan', '', '', '', '', '', ''],
  ['1', 'AHMAD FAUZI', '2425101', 'L', '0081234567', 'Sabak', '2009-04-12', 'Jl. Pelabuhan', 'Jalan kaki', '081311112222', 'Tidak', 'SUPRIADI', '1978', 'Nelayan', 'MARLINA', '1982', 'Mengurus Rumah Tangga', '', '', 'X TKR 1', 'Ya', '4A7B2C', 'Tidak', '', '7,5'],
  ['2', 'SITI NURHALIZA', '2425102', 'P', '0087654321', 'Sabak', '12/01/2009', 'Desa Kota Harapan', 'Sepeda motor', '', 'Ya', 'HASAN', '1975', 'Petani', 'AISYAH', '1980', 'Petani', 'RUSLI', 'Buruh', 'X TKJ 1', 'Tidak', '', 'Ya', 'Siswa Miskin/Rentan Miskin', '12'],
  ['', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', ''],
  ['', 'Jumlah: 2 peserta didik'],
];
const toCsv = (rows: string[][]) => rows.map((r) => r.map((c) => (/[",]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\n');

describe('Dapodik export', () => {
  it('skips title rows, joins the two-row header and reads PIP/KIP, parents, distance and transport', () => {
    const parsed = parseRoster(toCsv(DAPODIK));
    expect(parsed.fileErrors).toEqual([]);
    expect(parsed.headerLines).toEqual([5, 6]);
    expect(parsed.headers.find((h) => h.label === 'Data Ayah Nama')?.field).toBe('fatherName');
    expect(parsed.headers.find((h) => h.label === 'Data Ibu Nama')?.field).toBe('motherName');
    expect(parsed.headers.find((h) => h.label === 'Data Wali Nama')?.field).toBe('guardianName');
    expect(parsed.rows.map((r) => r.errors)).toEqual([[], []]);
    expect(parsed.rows.map((r) => r.line)).toEqual([7, 8]);
    expect(parsed.rows[0]!.student).toEqual({
      nisn: '0081234567', name: 'AHMAD FAUZI', className: 'X TKR 1', gender: 'L', birthDate: '2009-04-12', guardianName: null, guardianPhone: '081311112222',
      fatherName: 'SUPRIADI', motherName: 'MARLINA', pipEligible: false, kipHolder: true, pipReceived: null, distanceKm: 7.5, transport: 'Jalan kaki',
    });
    expect(parsed.rows[1]!.student).toMatchObject({ birthDate: '2009-01-12', guardianName: 'RUSLI', pipEligible: true, kipHolder: false, distanceKm: 12, transport: 'Sepeda motor' });
  });

  it('an unknown layout is mapped by hand (label → field), and a bad Ya/Tidak or distance is a row error', () => {
    const csv = 'Daftar siswa kelas X\nNo Induk Nasional;Nama Peserta;Kelompok;Bantuan;Km\n0011111111;Rina;X-2;mungkin;dua\n';
    const unmapped = parseRoster(csv);
    expect(unmapped.fileErrors[0]!.en).toMatch(/Required columns missing/);
    const mapped = parseRoster(csv, { 'No Induk Nasional': 'nisn', 'Nama Peserta': 'name', Kelompok: 'className', Bantuan: 'kipHolder', Km: 'distanceKm' });
    expect(mapped.fileErrors).toEqual([]);
    expect(mapped.headerLines).toEqual([2]);
    expect(mapped.rows[0]!.errors.map((e) => e.field)).toEqual(['kipHolder', 'distanceKm']);
  });

  it('a re-import with changed PIP receipt is an update of that field only', () => {
    const first = parseRoster(toCsv(DAPODIK));
    const existing = first.rows.map((r) => r.student!);
    const again = parseRoster(toCsv(DAPODIK.map((r, i) => (i === 6 ? r.map((c, j) => (j === 20 ? 'Tidak' : c)) : r))));
    const plan = planRoster(again, existing);
    expect(plan.rows.map((r) => [r.action, r.changes ?? []])).toEqual([['update', ['kipHolder']], ['unchanged', []]]);
  });
});
