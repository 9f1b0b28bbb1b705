/**
 * Who oversees a school (UU 23/2014, lampiran bidang pendidikan): SD and SMP
 * belong to the kabupaten/kota's dinas; SMA, SMK and SLB to the province's
 * dinas, usually through one of its regional cabang dinas.
 */
import type { OversightKind, SchoolLevel } from './schema/org.ts';

const OVERSEERS: Record<SchoolLevel, readonly OversightKind[]> = {
  SD: ['kabupaten', 'kota'],
  SMP: ['kabupaten', 'kota'],
  SMA: ['provinsi', 'cabang_dinas'],
  SMK: ['provinsi', 'cabang_dinas'],
  SLB: ['provinsi', 'cabang_dinas'],
};

/** The kinds of node that may directly oversee a school of `level`. */
export function overseerKinds(level: SchoolLevel): readonly OversightKind[] {
  return OVERSEERS[level];
}

/** True when a node of `kind` may directly oversee a school of `level` (any node, for a school whose level is not recorded). */
export function mayOversee(kind: OversightKind, level: SchoolLevel | null | undefined): boolean {
  return level == null || OVERSEERS[level].includes(kind);
}

/** True when a node of `kind` may sit under a node of `parent` (a cabang dinas under its province; kabupaten, kota and provinsi are roots). */
export function mayNest(kind: OversightKind, parent: OversightKind | null): boolean {
  return kind === 'cabang_dinas' ? parent === 'provinsi' : parent === null;
}
