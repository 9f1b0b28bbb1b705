/**
 * Demo data: accounts, students and the case plans that spread demo cases
 * over the steps of `srps-standar`. Plain data, no I/O.
 */
import type { RiskFactor } from '@jalur/engine';
import type { UserRole } from '@jalur/db';

/** Every demo account logs in with this password (the README says to change it). */
export const DEMO_PASSWORD = 'jalur-demo';

export interface DemoAccount {
  email: string;
  name: string;
  role: UserRole;
  /** `A`, `B`, or null for the district. */
  school: 'A' | 'B' | null;
  className?: string;
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { email: 'kepsek@sekolah-a.demo', name: 'Drs. Hendra Saputra', role: 'kepsek', school: 'A' },
  { email: 'bk@sekolah-a.demo', name: 'Sri Wahyuni, S.Pd.', role: 'guru_bk', school: 'A' },
  { email: 'walikelas@sekolah-a.demo', name: 'Rudi Hartono, S.Pd.', role: 'wali_kelas', school: 'A', className: 'X-1' },
  { email: 'tim@sekolah-a.demo', name: 'Yusuf Maulana (Wakasek Kesiswaan)', role: 'tim', school: 'A' },
  { email: 'kepsek@sekolah-b.demo', name: 'Dra. Lestari Ningsih', role: 'kepsek', school: 'B' },
  { email: 'bk@sekolah-b.demo', name: 'Ahmad Fauzi, S.Pd.', role: 'guru_bk', school: 'B' },
  { email: 'dinas@kabupaten.demo', name: 'Bidang SMK Dinas Pendidikan', role: 'admin_dinas', school: null },
];

const FIRST = ['Andi', 'Budi', 'Citra', 'Dewi', 'Eko', 'Fitri', 'Galih', 'Hana', 'Irfan', 'Joko', 'Kartika', 'Lukman', 'Maya', 'Nanda', 'Oki', 'Putri', 'Rahmat', 'Siti', 'Taufik', 'Umi', 'Vina', 'Wahyu', 'Yanti', 'Zainal', 'Agus', 'Bayu', 'Dian', 'Intan', 'Rizky', 'Sari', 'Tono', 'Wulan', 'Fajar', 'Nur', 'Rina', 'Doni', 'Lia', 'Hadi'];
const LAST = ['Pratama', 'Saputra', 'Lestari', 'Hidayat', 'Wijaya', 'Rahmawati', 'Nugroho', 'Kurniawan', 'Susanti', 'Setiawan', 'Permata', 'Siregar', 'Harahap', 'Simanjuntak', 'Syahputra'];

export const CLASSES_A = ['X-1', 'X-2', 'XI-1', 'XI-2', 'XII-1'];
export const CLASSES_B = ['X-1', 'XI-1'];

/** Deterministic student names so every demo database looks the same. */
export function studentName(i: number): string {
  return `${FIRST[i % FIRST.length]} ${LAST[(i * 7) % LAST.length]}`;
}

/** A small deterministic PRNG (mulberry32) for indicator values. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One event of a plan: the type and the form values that matter (the rest is filled from the step's form). */
export type PlanStep = readonly [type: string, data?: Record<string, unknown>];

const TIMER_WEEK = 'xstate.after.P7D.srps-standar.pemantauan.menunggu_pekan';
const identify: PlanStep[] = [['SELESAI_IDENTIFIKASI']];
const assess = (mainFactor: RiskFactor): PlanStep[] => [...identify, ['TETAPKAN_FAKTOR', { mainFactor, riskLevel: 'sedang' }]];
const motivation = assess('motivation');
const economic = assess('economic');
const family = assess('family');
const bullying = assess('bullying');
const motivationDone: PlanStep[] = [...motivation, ['SESI_SELESAI'], ['SESI_KELOMPOK_SELESAI'], ['SISWA_TERLIBAT_PROYEK'], ['IKUT_EKSKUL']];
const familyDone: PlanStep[] = [...family, ['KUNJUNGAN_SELESAI'], ['KESEPAKATAN_DICAPAI']];

export interface CasePlan {
  factors: RiskFactor[];
  steps: PlanStep[];
}

/** Where the demo cases of school A stand: every step of `srps-standar` has some. */
export const CASE_PLANS_A: readonly CasePlan[] = [
  { factors: ['motivation'], steps: [] },
  { factors: ['economic'], steps: [] },
  { factors: ['motivation', 'family'], steps: identify },
  { factors: ['economic'], steps: identify },
  { factors: ['motivation'], steps: motivation },
  { factors: ['motivation'], steps: motivation },
  { factors: ['motivation'], steps: [...motivation, ['SESI_SELESAI']] },
  { factors: ['motivation'], steps: [...motivation, ['SESI_SELESAI'], ['SESI_KELOMPOK_SELESAI']] },
  { factors: ['motivation'], steps: [...motivation, ['SESI_SELESAI'], ['SESI_KELOMPOK_SELESAI'], ['SISWA_TERLIBAT_PROYEK']] },
  { factors: ['economic'], steps: economic },
  { factors: ['economic'], steps: [...economic, ['KUNJUNGAN_SELESAI']] },
  { factors: ['economic', 'motivation'], steps: [...economic, ['SESI_SELESAI']] },
  { factors: ['economic'], steps: [...economic, ['KUNJUNGAN_SELESAI'], ['SESI_SELESAI'], ['CARI_ORANG_TUA_ASUH']] },
  { factors: ['family'], steps: family },
  { factors: ['family'], steps: [...family, ['KUNJUNGAN_SELESAI']] },
  { factors: ['bullying'], steps: bullying },
  { factors: ['bullying'], steps: [...bullying, ['SESI_SELESAI']] },
  { factors: ['bullying'], steps: [...bullying, ['SESI_SELESAI'], ['KESEPAKATAN_DICAPAI']] },
  { factors: ['motivation'], steps: motivationDone },
  { factors: ['family'], steps: familyDone },
  { factors: ['motivation'], steps: [...motivationDone, [TIMER_WEEK]] },
  { factors: ['economic'], steps: [...economic, ['KUNJUNGAN_SELESAI'], ['SESI_SELESAI'], ['DANA_TERSALURKAN'], [TIMER_WEEK], ['CATAT_CEK']] },
  { factors: ['motivation'], steps: [...motivationDone, ['EVALUASI_SEKARANG']] },
  { factors: ['bullying'], steps: [...bullying, ['SESI_SELESAI'], ['KESEPAKATAN_DICAPAI'], ['PENDAMPINGAN_SEBAYA_BERJALAN', { confidentialityAgreed: true }], ['EVALUASI_SEKARANG']] },
  { factors: ['motivation'], steps: [...motivationDone, ['EVALUASI_SEKARANG'], ['TUTUP_KASUS', { outcome: 'resolved', riskChange: 'teratasi' }]] },
  { factors: ['family'], steps: [...familyDone, ['EVALUASI_SEKARANG'], ['TUTUP_KASUS', { outcome: 'still_enrolled', riskChange: 'berkurang' }]] },
];

/** A few cases in school B, so tenancy is visible in the demo. */
export const CASE_PLANS_B: readonly CasePlan[] = [
  { factors: ['economic'], steps: identify },
  { factors: ['motivation'], steps: motivation },
  { factors: ['family'], steps: family },
];
