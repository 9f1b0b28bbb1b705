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
