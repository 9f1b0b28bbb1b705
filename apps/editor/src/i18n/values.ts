/**
 * The one source of the words for stored values: risk factors, case
 * outcomes and the choice values of the template pathways' forms. Forms,
 * the case diagram's conditions, the board, the simulator, the checks panel
 * and the reports all read them from here, so `still_enrolled` reads
 * "Tetap bersekolah" / "Still enrolled" everywhere and never as the raw id.
 * A value not listed (a school's own choice) is turned into words:
 * `kurang_mampu` → "Kurang mampu".
 */

export type ValueLang = 'id' | 'en';
export interface ValueLabel {
  id: string;
  en: string;
}

/** The engine's risk factors, in its order. */
export const RISK_FACTOR_LABELS = {
  motivation: { id: 'Motivasi', en: 'Motivation' },
  economic: { id: 'Ekonomi', en: 'Economic' },
  family: { id: 'Keluarga', en: 'Family' },
  bullying: { id: 'Perundungan', en: 'Bullying' },
  distance: { id: 'Jarak dan transportasi', en: 'Distance and transport' },
  environment: { id: 'Lingkungan', en: 'Environment' },
  social_media: { id: 'Media sosial', en: 'Social media' },
  early_marriage: { id: 'Pernikahan dini', en: 'Early marriage' },
  work: { id: 'Bekerja', en: 'Work' },
  health: { id: 'Kesehatan', en: 'Health' },
  other: { id: 'Lainnya', en: 'Other' },
} as const satisfies Record<string, ValueLabel>;

/** How a case ended (the reports' outcome names). */
export const OUTCOME_LABELS = {
  resolved: { id: 'Tuntas', en: 'Resolved' },
  still_enrolled: { id: 'Tetap bersekolah', en: 'Still enrolled' },
  transferred: { id: 'Pindah', en: 'Transferred' },
  dropped_out: { id: 'Putus sekolah', en: 'Dropped out' },
  referred: { id: 'Dirujuk', en: 'Referred' },
  other: { id: 'Lainnya', en: 'Other' },
} as const satisfies Record<string, ValueLabel>;

/**
 * Choice values of the template pathways written in Indonesian: their
 * English words (the Indonesian is the value in words).
 */
const INDONESIAN_VALUES: Record<string, string> = {
  ekonomi: 'Economic', bekerja: 'Working', menikah: 'Married', motivasi: 'Motivation', keluarga: 'Family', jarak: 'Distance', perundungan: 'Bullying', lainnya: 'Other',
  mau_kembali: 'Willing to return', ragu: 'Unsure', menolak: 'Refuses',
  sekolah_ini: 'This school', sekolah_lain: 'Another school', pkbm_paket_c: 'PKBM (Paket C)',
  paket_a: 'Paket A', paket_b: 'Paket B', paket_c: 'Paket C',
  adaptasi_sekolah_baru: 'Adapting to a new school', motivasi_belajar: 'Motivation to learn', masalah_pertemanan: 'Friendship problems', masalah_keluarga: 'Family problems',
  wali_kelas: 'Homeroom teacher', guru_bk: 'School counselor', teman: 'A friend', datang_sendiri: 'Came on their own', guru_mapel: 'Subject teacher', orang_tua: 'Parent',
  mendengarkan_aktif: 'Active listening', empati: 'Empathy', menjaga_kerahasiaan: 'Keeping confidentiality', pemecahan_masalah: 'Problem solving',
  kapan_menyerahkan_ke_guru_bk: 'When to hand over to the counselor',
  berbagi_pengalaman: 'Sharing experiences', diskusi_kelompok_kecil: 'Small-group discussion', sesi_individu: 'Individual session', belajar_bersama: 'Studying together',
  terapi_seni: 'Art therapy', permainan: 'Games', olahraga: 'Sport', musik: 'Music',
  membaik: 'Improving', tetap: 'Unchanged', memburuk: 'Worse', teratasi: 'Resolved', belum_berubah: 'Not changed yet', pulih: 'Recovered',
  telepon: 'Phone', whatsapp: 'WhatsApp', surat_undangan: 'Letter of invitation', langsung: 'In person',
  baik: 'Good', cukup: 'Fair', kurang: 'Poor',
  cukup_pemantauan: 'Monitoring is enough', konseling_lanjutan: 'Further counseling', bantuan_ekonomi: 'Financial aid', konferensi_kasus: 'Case conference', rujukan: 'Referral',
  pribadi: 'Personal', sosial: 'Social', belajar: 'Learning', karier: 'Career',
  biasa: 'Normal', segera: 'Soon', darurat: 'Emergency',
  psikolog: 'Psychologist', psikiater: 'Psychiatrist', dokter: 'Doctor', kepolisian: 'Police', pekerja_sosial: 'Social worker', dokter_puskesmas: 'Puskesmas doctor', dinas_sosial: 'Social services office',
  bencana_alam: 'Natural disaster', kehilangan_anggota_keluarga: 'Loss of a family member', kekerasan: 'Violence', kecelakaan: 'Accident', konflik: 'Conflict',
  stabil: 'Stable', cemas: 'Anxious', sangat_tertekan: 'Severely distressed',
  naik: 'Rising', turun: 'Falling',
  mampu: 'Well off', kurang_mampu: 'Low income', tidak_mampu: 'Poor',
  utuh_harmonis: 'Intact and harmonious', kurang_harmonis: 'Not harmonious', orang_tua_bercerai: 'Parents divorced', yatim_piatu: 'Orphaned', tinggal_dengan_kerabat: 'Lives with relatives',
  tinggi: 'High', sedang: 'Medium', rendah: 'Low',
  wawancara: 'Interview', angket: 'Questionnaire', observasi: 'Observation', studi_dokumen: 'Document review',
  aktif: 'Active', pasif: 'Passive',
  pramuka: 'Scouts', seni: 'Arts', rohis: 'Rohis (religious club)', osis: 'OSIS (student council)', bengkel_otomotif: 'Automotive workshop', klub_komputer: 'Computer club',
  biaya_sekolah: 'School fees', transportasi: 'Transport', seragam_perlengkapan: 'Uniform and supplies', uang_saku: 'Pocket money', bekerja_membantu_keluarga: 'Working to help the family',
  beasiswa: 'Scholarship', pembebasan_biaya: 'Fee waiver', bantuan_transportasi: 'Transport aid', dana_sosial_sekolah: 'School social fund',
  semua: 'All', sebagian: 'Some', tidak_ada: 'None',
  berkurang: 'Reduced',
};

/** Acronyms kept in capitals when a value is turned into words. */
const ACRONYMS = new Set(['pkbm', 'pip', 'kip', 'bk', 'osis', 'kkm', 'srps']);

/** `kurang_mampu` → `Kurang mampu`, `SELESAI_IDENTIFIKASI` → `Selesai identifikasi`. */
export function humanize(code: string): string {
  const words = code
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase()
    .split(/\s+/)
    .map((w) => (ACRONYMS.has(w) ? w.toUpperCase() : w))
    .join(' ');
  return words ? words[0]!.toUpperCase() + words.slice(1) : code;
}

const KNOWN: Record<string, ValueLabel> = { ...RISK_FACTOR_LABELS, ...OUTCOME_LABELS };

/** A stored choice value in words, in `lang` (Indonesian for any other language). */
export function choiceLabel(value: string, lang: string): string {
  const l: ValueLang = lang === 'en' ? 'en' : 'id';
  const known = KNOWN[value];
  if (known) return known[l];
  if (l === 'en' && INDONESIAN_VALUES[value]) return INDONESIAN_VALUES[value];
  return humanize(value);
}

/** The same words inside a sentence (a condition on the diagram): `hasil = tetap bersekolah`. Acronyms keep their capitals. */
export function choiceLabelInline(value: string, lang: string): string {
  const s = choiceLabel(value, lang);
  return s.length > 1 && s[1] === s[1]!.toLowerCase() ? s[0]!.toLowerCase() + s.slice(1) : s;
}

/** Any form value as words: choices by their labels, lists joined, yes/no, numbers and text as they are. */
export function valueText(value: unknown, lang: string): string {
  if (Array.isArray(value)) return value.map((v) => valueText(v, lang)).join(', ');
  if (typeof value === 'boolean') return value ? (lang === 'en' ? 'Yes' : 'Ya') : lang === 'en' ? 'No' : 'Tidak';
  if (typeof value === 'string' && /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/.test(value) && (KNOWN[value] || INDONESIAN_VALUES[value] || value.includes('_'))) return choiceLabel(value, lang);
  if (value === null || value === undefined || value === '') return '—';
  return String(value);
}

/** One language's words of a label map, as translation resources (`cw.risk.economic`). */
export function labelsIn<K extends string>(lang: ValueLang, labels: Record<K, ValueLabel>): Record<K, string> {
  return Object.fromEntries(Object.entries<ValueLabel>(labels).map(([k, v]) => [k, v[lang]])) as Record<K, string>;
}
