import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePathway } from '@jalur/engine';
import { leafSteps } from './board-columns.ts';

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
