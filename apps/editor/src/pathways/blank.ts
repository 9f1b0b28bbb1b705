import type { PathwayDocument } from '@jalur/engine';

/** A new pathway with one identify step, so the canvas never starts empty. */
export function blankPathway(title: string, key: string): PathwayDocument {
  return {
    format: 'jalur.pathway/1',
    key,
    title: { id: title },
    machine: {
      id: key,
      initial: 'identifikasi',
      states: {
        identifikasi: {
          meta: { kind: 'identify', title: { id: 'Identifikasi siswa', en: 'Identify the student' }, roles: ['guru_bk', 'wali_kelas'], form: [], dueInDays: 5, confidentiality: 'terbatas' },
        },
      },
    },
    layout: { identifikasi: { x: 0, y: 0 } },
  };
}

/** A pathway key from a title: lowercase words joined by `_`, with a short suffix for uniqueness. */
export function keyFromTitle(title: string): string {
  const base = title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 40);
  const suffix = Math.random().toString(36).slice(2, 6);
  return `${/^[a-z_]/.test(base) ? base : `jalur_${base}`}_${suffix}`.replace(/^_/, 'jalur_');
}
