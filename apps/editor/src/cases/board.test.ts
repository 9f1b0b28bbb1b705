import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePathway } from '@jalur/engine';
import { boardStages, leafSteps } from './board-columns.ts';

const doc = (() => {
  const parsed = parsePathway(JSON.parse(readFileSync(new URL('../../../../workflows/layanan-responsif.json', import.meta.url), 'utf8')));
  if (!parsed.ok) throw new Error('template does not parse');
  return parsed.value;
})();

describe('board columns', () => {
  const ids = leafSteps(doc).map((c) => c.id);
  it('are the steps a case can wait in, in document order', () => {
    expect(ids.slice(0, 3)).toEqual(['penerimaan_kasus', 'konseling_individual', 'konseling_kelompok']);
    expect(ids).toContain('kolaborasi.guru.konsultasi_guru');
    expect(ids).toContain('rujukan.surat_rujukan');
    expect(ids).toContain('selesai_dirujuk');
  });
  it('leave out the finals that only close a branch of a group', () => {
    expect(ids).not.toContain('kolaborasi.guru.guru_selesai');
    expect(ids).not.toContain('kolaborasi.orang_tua.orang_tua_selesai');
  });
  it('carry the step titles', () => {
    expect(leafSteps(doc).find((c) => c.id === 'kunjungan_rumah')?.title).toEqual({ id: 'Kunjungan rumah', en: 'Home visit' });
  });
});

describe('board stages', () => {
  const srps = (() => {
    const parsed = parsePathway(JSON.parse(readFileSync(new URL('../../../../workflows/srps-standar.json', import.meta.url), 'utf8')));
    if (!parsed.ok) throw new Error('template does not parse');
    return parsed.value;
  })();
  const stages = boardStages(srps);
  it('group every column under its top-level step, in document order, closing steps last', () => {
    expect(stages.flatMap((s) => s.columns.map((c) => c.id))).toEqual(leafSteps(srps).map((c) => c.id).sort((a, b) => Number(a.startsWith('selesai_')) - Number(b.startsWith('selesai_'))));
    expect(stages.map((s) => s.id)).toEqual(['identifikasi', 'asesmen', 'intervensi_motivasi', 'intervensi_ekonomi', 'intervensi_keluarga', 'intervensi_perundungan', 'pemantauan', 'keputusan', 'rujukan', 'closed']);
    expect(stages.find((s) => s.id === 'intervensi_ekonomi')!.columns.map((c) => c.id)).toEqual([
      'intervensi_ekonomi.bantuan.kunjungan_rumah', 'intervensi_ekonomi.bantuan.penggalangan_dana', 'intervensi_ekonomi.bantuan.orang_tua_asuh', 'intervensi_ekonomi.pendampingan.konseling_individual',
    ]);
    expect(stages.find((s) => s.id === 'intervensi_motivasi')!.title).toEqual({ id: 'Intervensi: motivasi belajar rendah', en: expect.any(String) });
    expect(stages.at(-1)!.title).toBeNull();
    expect(stages.at(-1)!.columns.every((c) => c.id.startsWith('selesai_'))).toBe(true);
  });
  it('are fewer than the columns (the board reads by stage)', () => {
    expect(leafSteps(srps).length).toBeGreaterThan(20);
    expect(stages.length).toBeLessThanOrEqual(10);
  });
});
