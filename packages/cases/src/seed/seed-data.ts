/**
 * Demo data: accounts, students and the case plans that spread demo cases
 * over the steps of `srps-standar`. Plain data, no I/O.
 */
import type { RiskFactor } from '@jalur/engine';
import type { TeamFunction, UserRole } from '@jalur/db';

/** Every demo account logs in with this password (the README says to change it). */
export const DEMO_PASSWORD = 'jalur-demo';

/** Where a demo account sits: a school (A, B: the two SMK; SMP) or, for an admin dinas, a node of the oversight tree. */
export type DemoSchool = 'A' | 'B' | 'SMP';
export type DemoNode = 'provinsi' | 'cabdin' | 'kabupaten';

export interface DemoAccount {
  email: string;
  name: string;
  /** The account's first role. */
  role: UserRole;
  /** The account's school, or null for an admin dinas (then `node`). */
  school: DemoSchool | null;
  /** An admin dinas's node; `cabdin` when omitted. */
  node?: DemoNode;
  className?: string;
  /** Roles held besides `role` (one person, several roles). */
  extraRoles?: readonly { role: UserRole; className?: string }[];
  /** Functions in the school's Satgas SRPS, with duties. */
  team?: readonly { function: TeamFunction; duties: string }[];
}

/**
 * The demo's oversight tree (UU 23/2014): the province of Jambi's dinas
 * oversees its SMKs through a Cabang Dinas; the kabupaten's dinas oversees
 * its SMP. `demo-district` (the id older data and tests know) is the Cabang
 * Dinas; Sekolah A is modelled on SMKN 1 Tanjung Jabung Timur (seed 002).
 */
export const DEMO_NODES = {
  provinsi: { id: 'demo-provinsi', kind: 'provinsi', name: 'Dinas Pendidikan Provinsi Jambi', parent: null },
  cabdin: { id: 'demo-district', kind: 'cabang_dinas', name: 'Cabang Dinas Pendidikan Wilayah Tanjung Jabung Timur', parent: 'provinsi' },
  kabupaten: { id: 'demo-kabupaten', kind: 'kabupaten', name: 'Dinas Pendidikan Kabupaten Tanjung Jabung Timur', parent: null },
} as const;

/** The demo schools: two SMK under the Cabang Dinas, one SMP under the kabupaten. */
export const DEMO_SCHOOLS = {
  A: {
    id: 'demo-sekolah-a', name: 'Sekolah A', node: 'cabdin', level: 'SMK',
    programmes: [
      { code: 'TKR', name: 'Teknik Kendaraan Ringan Otomotif' },
      { code: 'TKJ', name: 'Teknik Komputer dan Jaringan' },
      { code: 'NKPI', name: 'Nautika Kapal Penangkap Ikan' },
      { code: 'APAT', name: 'Agribisnis Perikanan Air Tawar' },
    ],
  },
  B: { id: 'demo-sekolah-b', name: 'Sekolah B', node: 'cabdin', level: 'SMK', programmes: null },
  SMP: { id: 'demo-smp', name: 'SMP Contoh Tanjung Jabung Timur', node: 'kabupaten', level: 'SMP', programmes: null },
} as const;

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { email: 'kepsek@sekolah-a.demo', name: 'Drs. Hendra Saputra', role: 'kepsek', school: 'A', team: [{ function: 'kepala_sekolah', duties: 'Penanggung jawab Satgas; menyetujui pendanaan dan rujukan; mendampingi tim' }] },
  { email: 'bk@sekolah-a.demo', name: 'Sri Wahyuni, S.Pd.', role: 'guru_bk', school: 'A', team: [{ function: 'guru_bk', duties: 'Asesmen, konseling individual dan kelompok, konferensi kasus, kunjungan rumah' }] },
  { email: 'walikelas@sekolah-a.demo', name: 'Rudi Hartono, S.Pd.', role: 'wali_kelas', school: 'A', className: 'X-1', team: [{ function: 'wali_kelas', duties: 'Pendataan dan pengamatan siswa kelas X-1; menghubungi orang tua' }] },
  { email: 'tim@sekolah-a.demo', name: 'Yusuf Maulana (Wakasek Kesiswaan)', role: 'tim', school: 'A', team: [{ function: 'wakasek_kesiswaan', duties: 'Koordinator Satgas SRPS; menyusun rencana tindak lanjut (RTL) dan jadwal' }] },
  {
    email: 'bk-wali@sekolah-a.demo', name: 'Nurhayati, S.Pd.', role: 'guru_bk', school: 'A', extraRoles: [{ role: 'wali_kelas', className: 'XI-1' }],
    team: [{ function: 'guru_bk', duties: 'Konseling dan pembinaan konselor sebaya' }, { function: 'wali_kelas', duties: 'Pendataan dan pengamatan siswa kelas XI-1' }],
  },
  {
    email: 'pembina-osis@sekolah-a.demo', name: 'Dedi Kurniawan, S.Pd.', role: 'tim', school: 'A', extraRoles: [{ role: 'wali_kelas', className: 'XI-2' }],
    team: [{ function: 'pembina_osis', duties: 'Membina pengurus OSIS dan konselor sebaya; kegiatan ekstrakurikuler' }, { function: 'wali_kelas', duties: 'Pendataan dan pengamatan siswa kelas XI-2' }],
  },
  { email: 'osis@sekolah-a.demo', name: 'Ketua OSIS (perwakilan siswa)', role: 'tim', school: 'A', team: [{ function: 'osis', duties: 'Perwakilan siswa: pendampingan sebaya, terikat kerahasiaan' }] },
  { email: 'komite@sekolah-a.demo', name: 'H. Syamsul Bahri (Komite Sekolah)', role: 'tim', school: 'A', team: [{ function: 'komite', duties: 'Penggalangan dana dan orang tua asuh; menghubungkan dengan masyarakat' }] },
  { email: 'kepsek@sekolah-b.demo', name: 'Dra. Lestari Ningsih', role: 'kepsek', school: 'B', team: [{ function: 'kepala_sekolah', duties: 'Penanggung jawab Satgas SRPS' }] },
  { email: 'bk@sekolah-b.demo', name: 'Ahmad Fauzi, S.Pd.', role: 'guru_bk', school: 'B', team: [{ function: 'guru_bk', duties: 'Asesmen dan konseling' }] },
  { email: 'kepsek@smp.demo', name: 'Marlina, S.Pd., M.Pd.', role: 'kepsek', school: 'SMP', team: [{ function: 'kepala_sekolah', duties: 'Penanggung jawab Satgas SRPS' }] },
  { email: 'bk@smp.demo', name: 'Rahmat Hidayat, S.Pd.', role: 'guru_bk', school: 'SMP', team: [{ function: 'guru_bk', duties: 'Asesmen dan konseling' }] },
  { email: 'dinas@provinsi.demo', name: 'Bidang Pembinaan SMK, Dinas Pendidikan Provinsi Jambi', role: 'admin_dinas', school: null, node: 'provinsi' },
  { email: 'cabdin@provinsi.demo', name: 'Cabang Dinas Pendidikan Wilayah Tanjung Jabung Timur', role: 'admin_dinas', school: null, node: 'cabdin' },
  { email: 'dinas@kabupaten.demo', name: 'Bidang SMK Dinas Pendidikan (Cabang Dinas)', role: 'admin_dinas', school: null, node: 'cabdin' },
  { email: 'dinas@tanjabtim.demo', name: 'Bidang SMP Dinas Pendidikan Kabupaten Tanjung Jabung Timur', role: 'admin_dinas', school: null, node: 'kabupaten' },
];

const FIRST = ['Andi', 'Budi', 'Citra', 'Dewi', 'Eko', 'Fitri', 'Galih', 'Hana', 'Irfan', 'Joko', 'Kartika', 'Lukman', 'Maya', 'Nanda', 'Oki', 'Putri', 'Rahmat', 'Siti', 'Taufik', 'Umi', 'Vina', 'Wahyu', 'Yanti', 'Zainal', 'Agus', 'Bayu', 'Dian', 'Intan', 'Rizky', 'Sari', 'Tono', 'Wulan', 'Fajar', 'Nur', 'Rina', 'Doni', 'Lia', 'Hadi'];
const LAST = ['Pratama', 'Saputra', 'Lestari', 'Hidayat', 'Wijaya', 'Rahmawati', 'Nugroho', 'Kurniawan', 'Susanti', 'Setiawan', 'Permata', 'Siregar', 'Harahap', 'Simanjuntak', 'Syahputra'];

export const CLASSES_A = ['X-1', 'X-2', 'XI-1', 'XI-2', 'XII-1'];
export const CLASSES_B = ['X-1', 'XI-1'];
export const CLASSES_SMP = ['VII-A', 'VIII-A', 'IX-A'];

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

/**
 * How the 2023 cohort's cases still open at the end of September 2023 went
 * on in the next semester (2023/2024 Genap), by the step each is at: the
 * repeated assessment names the economic factor the evaluation found, aid
 * comes as a fee waiver or from Bapak Bambang's foster-parent fund, the
 * trained peer counsellor takes the bullying case, and every evaluation ends
 * with the student still in school.
 */
export const COHORT_AFTERWARDS = {
  from: '2024-01-15T09:00:00+07:00',
  steps: {
    asesmen: ['TETAPKAN_FAKTOR', { mainFactor: 'economic', riskLevel: 'tinggi', assessmentMethod: ['wawancara', 'studi_dokumen'], assessmentSummary: 'Asesmen ulang: siswa sering ikut orang tua melaut; biaya sekolah dan waktu belajar menjadi masalah.' }],
    'intervensi_ekonomi.bantuan.kunjungan_rumah': ['KUNJUNGAN_SELESAI', { metWith: 'Orang tua siswa', housingCondition: 'Rumah kayu sederhana di tepi sungai' }],
    'intervensi_ekonomi.pendampingan.konseling_individual': ['SESI_SELESAI', { sessionCount: 2 }],
    'intervensi_ekonomi.bantuan.penggalangan_dana': ['DANA_TERSALURKAN', { aidType: 'pembebasan_biaya' }],
    'intervensi_ekonomi.bantuan.orang_tua_asuh': ['OTA_DITETAPKAN', { fund: 'dana-ota-tkr', startDate: '2024-01-15' }],
    'intervensi_keluarga.kunjungan_rumah': ['KUNJUNGAN_SELESAI'],
    'intervensi_keluarga.pertemuan_orang_tua': ['KESEPAKATAN_DICAPAI', { attendees: 'Ayah, paman, wali kelas, guru BK', agreements: 'Paman menjadi wali sekolah; ayah menelepon wali kelas setiap bulan.' }],
    'intervensi_perundungan.konseling_individual': ['SESI_SELESAI'],
    'intervensi_perundungan.konferensi_kasus': ['KESEPAKATAN_DICAPAI'],
    'intervensi_perundungan.dukungan_sebaya': ['PENDAMPINGAN_SEBAYA_BERJALAN', { peerCounselor: 'konselor-sebaya-rafi', confidentialityAgreed: true }],
    'pemantauan.menunggu_pekan': ['EVALUASI_SEKARANG'],
    'pemantauan.cek_mingguan': ['EVALUASI_SEKARANG'],
    keputusan: ['TUTUP_KASUS', { riskChange: 'berkurang', outcome: 'still_enrolled', evaluationSummary: 'Evaluasi semester genap: kehadiran membaik dan siswa tetap bersekolah; wali kelas meneruskan pemantauan.' }],
  } satisfies Record<string, PlanStep>,
};

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
  // Case work as counsellors do it (issue 14): the home visit skipped with a reason, social media added as a
  // second risk factor, an extra home visit planned; the case waits at the fund-raising step like the visit would.
  {
    factors: ['economic'],
    steps: [
      ...economic,
      ['casework:skip', { stateId: 'intervensi_ekonomi.bantuan.kunjungan_rumah', reason: 'Kondisi rumah sudah diketahui dari kunjungan wali kelas pekan lalu' }],
      ['casework:risk', { factor: 'social_media', reason: 'Siswa begadang bermain gim daring; sering terlambat' }],
      ['casework:add', { kind: 'parent_meeting', title: 'Bertemu ayah di tempat kerja', reason: 'Ayah belum pernah hadir ke sekolah', dueInDays: 6 }],
    ],
  },
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
  { factors: ['economic'], steps: [...economic, ['KUNJUNGAN_SELESAI'], ['SESI_SELESAI'], ['DANA_TERSALURKAN', { aidType: 'bantuan_transportasi', amount: 450_000, fund: 'dana-alumni' }], [TIMER_WEEK], ['CATAT_CEK']] },
  { factors: ['motivation'], steps: [...motivationDone, ['EVALUASI_SEKARANG']] },
  { factors: ['bullying'], steps: [...bullying, ['SESI_SELESAI'], ['KESEPAKATAN_DICAPAI'], ['PENDAMPINGAN_SEBAYA_BERJALAN', { peerCounselor: 'konselor-sebaya-rafi', confidentialityAgreed: true }], ['EVALUASI_SEKARANG']] },
  { factors: ['motivation'], steps: [...motivationDone, ['EVALUASI_SEKARANG'], ['TUTUP_KASUS', { outcome: 'resolved', riskChange: 'teratasi' }]] },
  { factors: ['family'], steps: [...familyDone, ['EVALUASI_SEKARANG'], ['TUTUP_KASUS', { outcome: 'still_enrolled', riskChange: 'berkurang' }]] },
  // Referred to the Puskesmas of the school's partner register (the rest of its way: seed-registers.ts).
  { factors: ['motivation'], steps: [...motivationDone, ['EVALUASI_SEKARANG']] },
];
/** The plan of Sekolah A whose case is then referred to a partner (the last one). */
export const REFERRAL_PLAN_INDEX = CASE_PLANS_A.length - 1;

/** A few cases in school B, so tenancy is visible in the demo. */
export const CASE_PLANS_B: readonly CasePlan[] = [
  { factors: ['economic'], steps: identify },
  { factors: ['motivation'], steps: motivation },
  { factors: ['family'], steps: family },
];
