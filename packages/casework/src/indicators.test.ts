import { describe, expect, it } from 'vitest';
import { parseIndicatorCsv } from './indicators.ts';

describe('indicator CSV', () => {
  it('reads attendance with Indonesian headers (hadir/sakit/izin/alpa)', () => {
    const csv = parseIndicatorCsv('NISN,Bulan,Hari Sekolah,Hadir,Sakit,Izin,Alpa\n0012345678,01/2026,20,16,1,1,2\n');
    expect(csv.kind).toBe('attendance');
    expect(csv.rows[0]!.entry).toEqual({ nisn: '0012345678', kind: 'attendance', period: '2026-01', subject: '', values: { schoolDays: 20, present: 16, sick: 1, permitted: 1, absent: 2 } });
  });
  it('reads grades with a default KKM and behaviour incidents', () => {
    const g = parseIndicatorCsv('nisn,semester,mapel,nilai\n0012345678,2025-2,Matematika,"68,5"\n');
    expect(g.kind).toBe('grade');
    expect(g.rows[0]!.entry).toMatchObject({ subject: 'Matematika', values: { score: 68.5, passing: 75 } });
    const b = parseIndicatorCsv('nisn,periode,jumlah kejadian,keterangan\n0012345678,2026-01,2,Berkelahi\n');
    expect(b.rows[0]!.entry).toMatchObject({ kind: 'behaviour', values: { incidents: 2, description: 'Berkelahi' } });
  });
  it('reports bad rows by line and field', () => {
    const csv = parseIndicatorCsv('nisn,bulan,hari sekolah,alpa\n123,2026-13,20,2\n0012345678,2026-01,20,30\n');
    expect(csv.rows[0]!.errors.map((e) => e.id)).toEqual(['NISN (10 angka) tidak sah.', 'periode tidak sah.']);
    expect(csv.rows[1]!.errors).toHaveLength(1);
  });
});

describe('identify prefill from indicators', () => {
  it('keeps sakit, izin and alpa apart and takes the latest month and term', async () => {
    const { identifyPrefill } = await import('./prefill.ts');
    const p = identifyPrefill([
      { kind: 'attendance', period: '2026-01', subject: '', values: { schoolDays: 20, present: 20, sick: 0, permitted: 0, absent: 0 } },
      { kind: 'attendance', period: '2026-02', subject: '', values: { schoolDays: 19, present: 14, sick: 2, permitted: 1, absent: 2 } },
      { kind: 'grade', period: '2025-1', subject: 'Matematika', values: { score: 50, passing: 75 } },
      { kind: 'grade', period: '2025-2', subject: 'Matematika', values: { score: 70, passing: 75 } },
      { kind: 'grade', period: '2025-2', subject: 'IPA', values: { score: 81, passing: 75 } },
    ]);
    expect(p.values).toEqual({ attendanceRate: 0.737, absentDays: 5, sickDays: 2, permittedDays: 1, alpaDays: 2, gradeAverage: 75.5, failingSubjects: 1 });
    expect(p.source).toEqual({ attendancePeriod: '2026-02', gradeTerm: '2025-2' });
    expect(identifyPrefill([])).toEqual({ values: {}, source: { attendancePeriod: null, gradeTerm: null } });
  });
});
