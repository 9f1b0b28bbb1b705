/**
 * The message catalogue: every parse error and lint diagnostic the engine
 * shows a person, in Bahasa Indonesia first and English second. Messages
 * speak of steps, choices and timers, not of zod or XState internals.
 * Every lint code is explained at length in `packages/engine/LINT.md`.
 */
import type { Localized } from './document.ts';

/** Builds a {@link Localized} text. */
export function bilingual(id: string, en: string): Localized {
  return { id, en };
}

// ---------------------------------------------------------------- lint rules

/** A lint rule: its stable code, default severity and a one-line title. */
export interface LintRule {
  code: LintCode;
  severity: 'error' | 'warning';
  title: Localized;
}

/** Every lint code, in order. Documented in `packages/engine/LINT.md`. */
export const LINT_CODES = [
  'JALUR001',
  'JALUR002',
  'JALUR003',
  'JALUR004',
  'JALUR005',
  'JALUR006',
  'JALUR007',
  'JALUR008',
  'JALUR009',
  'JALUR010',
  'JALUR011',
  'JALUR012',
  'JALUR013',
  'JALUR014',
  'JALUR015',
  'JALUR016',
  'JALUR017',
  'JALUR018',
] as const;
/** A lint code, `JALUR001`…`JALUR018`. */
export type LintCode = (typeof LINT_CODES)[number];

/** Every lint rule, by code. Codes never change meaning; retired codes are not reused. */
export const LINT_RULES: Record<LintCode, LintRule> = {
  JALUR001: { code: 'JALUR001', severity: 'warning', title: bilingual('Langkah tidak pernah tercapai', 'Unreachable step') },
  JALUR002: { code: 'JALUR002', severity: 'error', title: bilingual('Langkah buntu', 'Dead end') },
  JALUR003: { code: 'JALUR003', severity: 'error', title: bilingual('Tidak ada langkah akhir', 'No final step') },
  JALUR004: { code: 'JALUR004', severity: 'error', title: bilingual('Syarat tidak dikenal', 'Unknown guard') },
  JALUR005: { code: 'JALUR005', severity: 'error', title: bilingual('Waktu tunggu tidak dikenal', 'Unknown delay') },
  JALUR006: { code: 'JALUR006', severity: 'warning', title: bilingual('Syarat memakai isian yang tidak dicatat', 'Guard reads a field no step records') },
  JALUR007: { code: 'JALUR007', severity: 'error', title: bilingual('Tujuan perpindahan tidak ada', 'Transition target missing') },
  JALUR008: { code: 'JALUR008', severity: 'error', title: bilingual('Langkah tanpa judul atau jenis', 'Step without title or kind') },
  JALUR009: { code: 'JALUR009', severity: 'error', title: bilingual('Pilihan ganda yang tidak bisa dibedakan', 'Duplicate event without distinguishing guards') },
  JALUR010: { code: 'JALUR010', severity: 'error', title: bilingual('Waktu tunggu tanpa satuan', 'Timer without a unit') },
  JALUR011: { code: 'JALUR011', severity: 'error', title: bilingual('Kelompok langkah tanpa langkah awal', 'Group without an initial step') },
  JALUR012: { code: 'JALUR012', severity: 'error', title: bilingual('Kelompok yang ditunggu tidak pernah selesai', 'Awaited group never finishes') },
  JALUR013: { code: 'JALUR013', severity: 'warning', title: bilingual('Syarat peran tidak cocok dengan petugas langkah', 'Role guard excludes the step’s roles') },
  JALUR014: { code: 'JALUR014', severity: 'error', title: bilingual('Perbandingan yang tidak pernah benar', 'Comparison that never holds') },
  JALUR015: { code: 'JALUR015', severity: 'error', title: bilingual('Formulir langkah tidak lengkap', 'Step form is malformed') },
  JALUR016: { code: 'JALUR016', severity: 'error', title: bilingual('Perpindahan otomatis berputar tanpa henti', 'Automatic transition loops forever') },
  JALUR017: { code: 'JALUR017', severity: 'warning', title: bilingual('Perpindahan otomatis bersyarat bisa berputar', 'Guarded automatic transitions may loop') },
  JALUR018: { code: 'JALUR018', severity: 'error', title: bilingual('Nama peristiwa milik sistem', 'Event name reserved by the system') },
};

/** A value as a person would recognise it in a message: text as is, anything else by its shape. */
export function shown(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return '[…]';
  if (typeof value === 'object' && value !== null) return '{…}';
  return String(value);
}

const q = (s: string): string => `‘${s}’`;
const list = (xs: readonly string[]): string => xs.map(q).join(', ');

/** Diagnostic messages, one builder per code (and variant). */
export const lintMessages = {
  unreachable: (state: string) =>
    bilingual(`Langkah ${q(state)} tidak pernah tercapai: tidak ada perpindahan yang menuju ke sana.`, `Step ${q(state)} is never reached: no transition leads to it.`),
  deadEnd: (state: string) =>
    bilingual(
      `Langkah ${q(state)} buntu: bukan langkah akhir, tetapi tidak ada tombol, syarat atau waktu tunggu yang keluar darinya. Kasus akan berhenti di sini selamanya.`,
      `Step ${q(state)} is a dead end: it is not final, yet no event, guard or timer leads out of it. A case would stay here forever.`,
    ),
  deadEndGroup: (state: string, group: string) =>
    bilingual(
      `Langkah akhir ${q(state)} menutup kelompok ${q(group)}, tetapi tidak ada yang menunggu kelompok itu selesai. Kasus akan berhenti di sini.`,
      `Final step ${q(state)} completes group ${q(group)}, but nothing waits for that group to finish. The case would stop here.`,
    ),
  noFinal: () =>
    bilingual(
      'Jalur ini tidak punya langkah akhir (type "final") di tingkat teratas, jadi kasus tidak pernah bisa ditutup.',
      'This pathway has no final step (type "final") at the top level, so a case can never be closed.',
    ),
  noFinalRegion: (region: string) =>
    bilingual(
      `Cabang paralel ${q(region)} tidak punya langkah akhir, jadi kasus tidak pernah bisa ditutup.`,
      `Parallel region ${q(region)} has no final step, so a case can never be closed.`,
    ),
  unknownGuard: (type: string) =>
    bilingual(
      `Syarat ${q(type)} tidak dikenal. Gunakan check, and, or, not atau role.`,
      `Guard ${q(type)} is unknown. Use check, and, or, not or role.`,
    ),
  malformedGuard: (type: string) =>
    bilingual(`Syarat ${q(type)} tidak lengkap: periksa isiannya (params).`, `Guard ${q(type)} is incomplete: check its params.`),
  unknownDelay: (delay: string) =>
    bilingual(
      `Waktu tunggu ${q(delay)} tidak dikenal. Tulis durasi ISO-8601, misalnya P7D (7 hari), PT12H (12 jam), P1W (1 minggu).`,
      `Delay ${q(delay)} is unknown. Write an ISO-8601 duration such as P7D (7 days), PT12H (12 hours), P1W (1 week).`,
    ),
  fieldNotRecorded: (field: string) =>
    bilingual(
      `Syarat membaca ${q(field)}, tetapi tidak ada langkah yang formulirnya mencatat isian itu. Syarat ini mungkin tidak pernah terpenuhi.`,
      `The guard reads ${q(field)}, but no step's form records that field. The guard may never hold.`,
    ),
  fieldUnknown: (field: string) =>
    bilingual(
      `Syarat membaca ${q(field)}, yang bukan bagian dari data kasus. Gunakan form.<isian>, riskFactors, consent.<tujuan> atau student.<data>.`,
      `The guard reads ${q(field)}, which is not part of the case data. Use form.<field>, riskFactors, consent.<purpose> or student.<fact>.`,
    ),
  targetMissing: (target: string, source: string) =>
    bilingual(
      `Tujuan ${q(target)} dari langkah ${q(source || '(jalur)')} tidak ada.`,
      `Target ${q(target)} of step ${q(source || '(pathway)')} does not exist.`,
    ),
  targetFromRoot: (target: string) =>
    bilingual(
      `Tujuan ${q(target)} di tingkat jalur harus ditulis ${q('.' + target)}.`,
      `Target ${q(target)} on the pathway itself must be written ${q('.' + target)}.`,
    ),
  stepWithoutMeta: (state: string) =>
    bilingual(
      `Langkah ${q(state)} belum punya keterangan (meta): jenis langkah dan judul wajib diisi agar petugas tahu apa yang harus dikerjakan.`,
      `Step ${q(state)} has no description (meta): a kind and a title are needed so staff know what to do.`,
    ),
  stepWithoutTitle: (state: string) =>
    bilingual(`Langkah ${q(state)} belum punya judul dalam Bahasa Indonesia.`, `Step ${q(state)} has no Indonesian title.`),
  stepWithoutKind: (state: string, kind: string) =>
    bilingual(`Langkah ${q(state)}: jenis langkah ${q(kind)} tidak dikenal.`, `Step ${q(state)}: step kind ${q(kind)} is unknown.`),
  shadowed: (event: string, state: string, earlier: number) =>
    bilingual(
      `Pilihan ke-${earlier + 1} untuk ${q(event)} di langkah ${q(state)} selalu dipakai lebih dulu, jadi pilihan ini tidak pernah terjadi. Beri syarat yang membedakan keduanya.`,
      `Option ${earlier + 1} for ${q(event)} on step ${q(state)} always wins first, so this option never happens. Add guards that tell them apart.`,
    ),
  timerWithoutUnit: (delay: string) =>
    bilingual(
      `Waktu tunggu ${q(delay)} tidak punya satuan (hari, minggu, jam). Tulis misalnya P7D untuk 7 hari atau PT12H untuk 12 jam.`,
      `Timer ${q(delay)} has no unit (days, weeks, hours). Write e.g. P7D for 7 days or PT12H for 12 hours.`,
    ),
  initialMissing: (state: string) =>
    bilingual(
      `Kelompok ${q(state || '(jalur)')} tidak menyebut langkah awalnya (initial).`,
      `Group ${q(state || '(pathway)')} does not name its first step (initial).`,
    ),
  groupWithoutSteps: (state: string) =>
    bilingual(
      `Kelompok ${q(state || '(jalur)')} bertipe "compound" tetapi belum berisi langkah.`,
      `Group ${q(state || '(pathway)')} is of type "compound" but holds no steps.`,
    ),
  initialUnknown: (state: string, initial: string, children: readonly string[]) =>
    bilingual(
      `Langkah awal ${q(initial)} dari kelompok ${q(state || '(jalur)')} tidak ada. Pilihan: ${list(children)}.`,
      `Initial step ${q(initial)} of group ${q(state || '(pathway)')} does not exist. Choices: ${list(children)}.`,
    ),
  regionNeverFinishes: (region: string, group: string) =>
    bilingual(
      `Kelompok ${q(group)} menunggu semua cabangnya selesai, tetapi cabang ${q(region)} tidak punya langkah akhir.`,
      `Group ${q(group)} waits for all its branches to finish, but branch ${q(region)} has no final step.`,
    ),
  groupNeverFinishes: (group: string) =>
    bilingual(
      `Kelompok ${q(group)} ditunggu sampai selesai, tetapi tidak punya langkah akhir.`,
      `Group ${q(group)} is awaited until it finishes, but it has no final step.`,
    ),
  doneOfUnknownGroup: (event: string) =>
    bilingual(
      `Peristiwa ${q(event)} menunggu kelompok yang tidak ada, jadi tidak pernah terjadi.`,
      `Event ${q(event)} waits for a group that does not exist, so it never happens.`,
    ),
  roleNeverAllowed: (state: string, guardRoles: readonly string[], stepRoles: readonly string[]) =>
    bilingual(
      `Syarat peran (${list(guardRoles)}) di langkah ${q(state)} tidak mencakup petugas langkah itu (${list(stepRoles)}), jadi tidak ada yang bisa memakainya.`,
      `The role guard (${list(guardRoles)}) on step ${q(state)} includes none of the step's roles (${list(stepRoles)}), so nobody can use it.`,
    ),
  valueNotAnOption: (field: string, value: string, options: readonly string[]) =>
    bilingual(
      `Syarat membandingkan ${q(field)} dengan ${q(value)}, yang bukan salah satu pilihannya (${list(options)}).`,
      `The guard compares ${q(field)} with ${q(value)}, which is not one of its options (${list(options)}).`,
    ),
  valueWrongType: (field: string, expected: Localized) =>
    bilingual(
      `Syarat membandingkan ${q(field)} dengan nilai yang bukan ${expected.id}.`,
      `The guard compares ${q(field)} with a value that is not ${expected.en ?? expected.id}.`,
    ),
  inNeedsList: (field: string) =>
    bilingual(`Syarat "in" untuk ${q(field)} butuh daftar nilai.`, `The "in" guard on ${q(field)} needs a list of values.`),
  orderNeedsNumber: (field: string, op: string) =>
    bilingual(
      `Syarat ${q(op)} untuk ${q(field)} butuh angka atau tanggal sebagai pembanding.`,
      `The ${q(op)} guard on ${q(field)} needs a number or a date to compare with.`,
    ),
  duplicateField: (state: string, field: string) =>
    bilingual(`Formulir langkah ${q(state)} memuat isian ${q(field)} lebih dari sekali.`, `The form of step ${q(state)} has field ${q(field)} more than once.`),
  choiceWithoutOptions: (state: string, field: string) =>
    bilingual(`Isian pilihan ${q(field)} di langkah ${q(state)} belum punya pilihan.`, `Choice field ${q(field)} on step ${q(state)} has no options.`),
  registerWithoutKind: (state: string, field: string) =>
    bilingual(`Isian daftar ${q(field)} di langkah ${q(state)} belum menyebut daftarnya (dana, mitra rujukan atau konselor sebaya).`, `Register field ${q(field)} on step ${q(state)} does not say which register (fund, referral partner or peer counsellor).`),
  minAboveMax: (state: string, field: string) =>
    bilingual(`Isian ${q(field)} di langkah ${q(state)}: nilai minimum lebih besar dari maksimum.`, `Field ${q(field)} on step ${q(state)}: min is above max.`),
  guardedAlwaysLoop: (state: string) =>
    bilingual(
      `Perpindahan otomatis (always) di ${q(state)} dapat kembali ke dirinya sendiri saat syaratnya terpenuhi; kasus akan dihentikan dan peristiwanya ditolak.`,
      `The automatic transition (always) on ${q(state)} can lead back to itself when its condition holds; the case would be stopped and the event refused.`,
    ),
  reservedEvent: (state: string, event: string) =>
    bilingual(
      `Langkah ${q(state)} memakai nama peristiwa ${q(event)} yang dicadangkan sistem (persetujuan, persetujuan orang tua, catatan kasus). Pilih nama lain.`,
      `Step ${q(state)} uses the event name ${q(event)}, which the system reserves (approval, parental consent, case records). Choose another name.`,
    ),
  alwaysLoop: (state: string) =>
    bilingual(
      `Perpindahan otomatis (always) tanpa syarat di ${q(state)} kembali ke dirinya sendiri dan tidak pernah berhenti.`,
      `The unguarded automatic transition (always) on ${q(state)} leads back to itself and never stops.`,
    ),
} as const;

/** How a value type is named in a message ("angka" / "a number"). */
export const TYPE_WORDS: Record<string, Localized> = {
  number: bilingual('angka', 'a number'),
  boolean: bilingual('ya/tidak (true/false)', 'yes/no (true/false)'),
  string: bilingual('teks', 'text'),
  date: bilingual('tanggal (YYYY-MM-DD)', 'a date (YYYY-MM-DD)'),
};

// ---------------------------------------------------------------- parse errors

/** Words for the document's fields, so a message can say "judul" instead of `title`. */
const FIELD_WORDS: Record<string, Localized> = {
  format: bilingual('format dokumen', 'document format'),
  key: bilingual('kunci jalur', 'pathway key'),
  title: bilingual('judul', 'title'),
  description: bilingual('keterangan', 'description'),
  tags: bilingual('label', 'tags'),
  machine: bilingual('bagan langkah', 'step chart'),
  states: bilingual('daftar langkah', 'list of steps'),
  initial: bilingual('langkah awal', 'initial step'),
  type: bilingual('tipe', 'type'),
  on: bilingual('tombol/peristiwa', 'events'),
  after: bilingual('waktu tunggu', 'timers'),
  always: bilingual('perpindahan otomatis', 'automatic transitions'),
  target: bilingual('tujuan', 'target'),
  guard: bilingual('syarat', 'guard'),
  params: bilingual('isian syarat', 'guard parameters'),
  field: bilingual('isian yang diperiksa', 'checked field'),
  op: bilingual('cara membandingkan', 'comparison'),
  value: bilingual('nilai pembanding', 'comparison value'),
  meta: bilingual('keterangan langkah', 'step details'),
  kind: bilingual('jenis langkah', 'step kind'),
  roles: bilingual('peran petugas', 'roles'),
  form: bilingual('formulir', 'form'),
  name: bilingual('nama isian', 'field name'),
  label: bilingual('label', 'label'),
  options: bilingual('pilihan', 'options'),
  required: bilingual('wajib diisi', 'required'),
  dueInDays: bilingual('tenggat (hari)', 'due in (days)'),
  schoolDays: bilingual('hitung hari sekolah', 'count school days'),
  confidentiality: bilingual('tingkat kerahasiaan', 'confidentiality'),
  requiresApproval: bilingual('perlu persetujuan', 'requires approval'),
  layout: bilingual('tata letak', 'layout'),
  context: bilingual('data awal kasus', 'initial case data'),
  history: bilingual('riwayat', 'history'),
  in: bilingual('peran yang boleh', 'allowed roles'),
  of: bilingual('daftar syarat', 'list of guards'),
  min: bilingual('nilai minimum', 'minimum'),
  max: bilingual('nilai maksimum', 'maximum'),
  help: bilingual('bantuan', 'help text'),
};

const LOCALIZED_PARENTS = new Set(['title', 'description', 'label', 'help']);

/**
 * Names the place a path points at, in words: `langkah ‘intervensi.ekonomi’ › judul`.
 * State keys under `states` become one dot path; `id`/`en` under a title
 * become "teks Bahasa Indonesia" / "English text".
 */
export function describePath(path: readonly (string | number)[]): Localized {
  const id: string[] = [];
  const en: string[] = [];
  let state: string[] | undefined;
  const flushState = (): void => {
    if (state && state.length > 0) {
      id.push(`langkah ${q(state.join('.'))}`);
      en.push(`step ${q(state.join('.'))}`);
    }
    state = undefined;
  };
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    const prev = i > 0 ? path[i - 1] : undefined;
    if (prev === 'states' && typeof seg === 'string') {
      (state ??= []).push(seg);
      continue;
    }
    if (seg === 'states' && path[i + 1] !== undefined) continue;
    if (seg === 'machine' && path[i + 1] === 'states' && path[i + 2] !== undefined) continue;
    flushState();
    if (typeof seg === 'number') {
      id.push(`no. ${seg + 1}`);
      en.push(`no. ${seg + 1}`);
    } else if ((seg === 'id' || seg === 'en') && typeof prev === 'string' && LOCALIZED_PARENTS.has(prev)) {
      id.push(seg === 'id' ? 'teks Bahasa Indonesia' : 'teks Bahasa Inggris');
      en.push(seg === 'id' ? 'Indonesian text' : 'English text');
    } else if ((prev === 'on' || prev === 'after' || prev === 'layout') && typeof seg === 'string') {
      id.push(q(seg));
      en.push(q(seg));
    } else {
      const word = FIELD_WORDS[seg ?? ''];
      id.push(word ? word.id : q(String(seg)));
      en.push(word ? (word.en ?? word.id) : q(String(seg)));
    }
  }
  flushState();
  return id.length === 0 ? bilingual('dokumen', 'document') : bilingual(id.join(' › '), en.join(' › '));
}

/** Parse error messages. Each takes what it needs and returns the text without the location. */
export const parseMessages = {
  invalidJson: (detail: string) =>
    bilingual(`Berkas ini bukan JSON yang sah (${detail}).`, `This file is not valid JSON (${detail}).`),
  notAnObject: () => bilingual('Dokumen jalur harus berupa objek JSON.', 'A pathway document must be a JSON object.'),
  tooLarge: (bytes: number, max: number) =>
    bilingual(
      `Dokumen terlalu besar: ${bytes.toLocaleString('id-ID')} byte, paling banyak ${max.toLocaleString('id-ID')} byte.`,
      `The document is too large: ${bytes.toLocaleString('en-US')} bytes, at most ${max.toLocaleString('en-US')}.`,
    ),
  tooDeep: (max: number) =>
    bilingual(
      `Dokumen bertingkat terlalu dalam (lebih dari ${max} tingkat kelompok langkah).`,
      `The document is nested too deeply (more than ${max} levels of step groups).`,
    ),
  tooManyStates: (count: number, max: number) =>
    bilingual(`Terlalu banyak langkah: ${count}, paling banyak ${max}.`, `Too many steps: ${count}, at most ${max}.`),
  forbiddenKey: (key: string) =>
    bilingual(
      `Nama ${q(key)} tidak boleh dipakai di dokumen (alasan keamanan).`,
      `The name ${q(key)} may not be used in a document (for safety).`,
    ),
  required: () => bilingual('wajib diisi.', 'is required.'),
  wrongType: (expected: string) => {
    const w = EXPECTED_WORDS[expected] ?? bilingual(expected, expected);
    return bilingual(`harus berupa ${w.id}.`, `must be ${w.en ?? w.id}.`);
  },
  tooShortText: (min: number) =>
    min <= 1 ? bilingual('tidak boleh kosong.', 'may not be empty.') : bilingual(`paling sedikit ${min} huruf.`, `needs at least ${min} characters.`),
  tooLongText: (max: number) => bilingual(`terlalu panjang (paling banyak ${max} huruf).`, `is too long (at most ${max} characters).`),
  tooFewItems: (min: number) => bilingual(`butuh paling sedikit ${min} isi.`, `needs at least ${min} entries.`),
  tooManyItems: (max: number) => bilingual(`terlalu banyak isi (paling banyak ${max}).`, `has too many entries (at most ${max}).`),
  tooSmall: (min: number) => bilingual(`paling kecil ${min}.`, `must be at least ${min}.`),
  tooBig: (max: number) => bilingual(`paling besar ${max}.`, `must be at most ${max}.`),
  notInteger: () => bilingual('harus bilangan bulat.', 'must be a whole number.'),
  notFinite: () => bilingual('harus angka yang wajar.', 'must be a finite number.'),
  badName: (value: string) =>
    bilingual(
      `${q(value)} bukan nama yang sah: mulai dengan huruf, lalu hanya huruf, angka, _ atau -, tanpa spasi.`,
      `${q(value)} is not a valid name: start with a letter, then only letters, digits, _ or -, no spaces.`,
    ),
  badStateName: (name: string) => {
    const value = String(name);
    return bilingual(
      `${q(value)} tidak bisa menjadi nama langkah: ${value.includes('.') ? 'titik (.) memisahkan langkah dalam alamat, jadi nama bertitik tidak bisa dituju' : value.startsWith('#') ? 'awalan # menandai rujukan id' : /^\s|\s$/.test(value) ? 'spasi di awal atau akhir tidak terlihat' : 'huruf kendali tidak terlihat'}. Huruf, angka, spasi dan tanda lain boleh.`,
      `${q(value)} cannot name a step: ${value.includes('.') ? 'a dot (.) separates steps in a path, so a dotted name could never be targeted' : value.startsWith('#') ? 'a leading # marks an id reference' : /^\s|\s$/.test(value) ? 'leading or trailing spaces cannot be seen' : 'control characters cannot be seen'}. Letters, digits, spaces and other signs are fine.`,
    );
  },
  nameTooLong: (name: string, max: number) => {
    const value = String(name);
    return bilingual(
      `nama ${q(value.slice(0, 40))}… terlalu panjang: ${value.length} huruf, paling banyak ${max}.`,
      `the name ${q(value.slice(0, 40))}… is too long: ${value.length} characters, at most ${max}.`,
    );
  },
  eventTooLong: (name: string, max: number) => {
    const value = String(name);
    return bilingual(
      `nama kejadian ${q(value.slice(0, 40))}… terlalu panjang: ${value.length} huruf, paling banyak ${max}.`,
      `the event name ${q(value.slice(0, 40))}… is too long: ${value.length} characters, at most ${max}.`,
    );
  },
  badFieldPath: (value: string) =>
    bilingual(
      `${q(value)} bukan alamat isian yang sah; contoh: form.attendanceRate, consent.referral.`,
      `${q(value)} is not a valid field path; e.g. form.attendanceRate, consent.referral.`,
    ),
  notAnOption: (value: string, options: readonly string[]) =>
    bilingual(`${q(value)} bukan pilihan yang dikenal. Pilihan: ${list(options)}.`, `${q(value)} is not a known choice. Choices: ${list(options)}.`),
  wrongFormat: (expected: string) =>
    bilingual(`harus ${q(expected)}.`, `must be ${q(expected)}.`),
  unknownKeys: (keys: readonly string[]) =>
    bilingual(`isian ${list(keys)} tidak dikenal di sini.`, `${list(keys)} ${keys.length === 1 ? 'is' : 'are'} not known here.`),
  unknownGuard: (type: string) =>
    bilingual(`syarat ${q(type)} tidak dikenal. Gunakan check, and, or, not atau role.`, `guard ${q(type)} is unknown. Use check, and, or, not or role.`),
  badTransition: () =>
    bilingual(
      'harus berupa nama langkah tujuan, satu perpindahan { "target": …, "guard": … }, atau daftar perpindahan.',
      'must be a target step name, one transition { "target": …, "guard": … }, or a list of transitions.',
    ),
  badDuration: (key: string) =>
    bilingual(
      `${q(key)} bukan durasi ISO-8601. Contoh: P7D (7 hari), PT12H (12 jam), P1W (1 minggu), P2DT3H.`,
      `${q(key)} is not an ISO-8601 duration. Examples: P7D (7 days), PT12H (12 hours), P1W (1 week), P2DT3H.`,
    ),
  groupWithoutSteps: () =>
    bilingual('kelompok bertipe "compound" harus berisi langkah (states).', 'a group of type "compound" must hold steps (states).'),
  initialMissing: (children: readonly string[]) =>
    bilingual(`belum diisi; kelompok ini butuh langkah pertama. Pilihan: ${list(children)}.`, `is missing; this group needs a first step. Choices: ${list(children)}.`),
  initialUnknown: (initial: string, children: readonly string[]) =>
    bilingual(
      `${q(initial)} tidak ada di kelompok ini. Pilihan: ${list(children)}.`,
      `${q(initial)} is not in this group. Choices: ${list(children)}.`,
    ),
  invalid: () => bilingual('nilainya tidak sah.', 'has an invalid value.'),
} as const;

const EXPECTED_WORDS: Record<string, Localized> = {
  string: bilingual('teks', 'text'),
  number: bilingual('angka', 'a number'),
  boolean: bilingual('ya/tidak (true/false)', 'true or false'),
  object: bilingual('objek { … }', 'an object { … }'),
  array: bilingual('daftar [ … ]', 'a list [ … ]'),
  record: bilingual('objek { … }', 'an object { … }'),
};

/** Joins a location and a message: `langkah ‘a’ › judul: wajib diisi.` */
export function located(path: readonly (string | number)[], message: Localized): Localized {
  const where = describePath(path);
  return bilingual(`${capitalise(where.id)}: ${message.id}`, `${capitalise(where.en ?? where.id)}: ${message.en ?? message.id}`);
}

function capitalise(s: string): string {
  return s.length > 0 ? s[0]!.toUpperCase() + s.slice(1) : s;
}


// ---------------------------------------------------------------- XState import

/**
 * What `importXState` says about a construct it left out or read
 * differently, and why. Each names the construct as the author wrote it.
 */
export const importMessages = {
  notAnObject: () => bilingual('Konfigurasi XState harus berupa objek JSON.', 'An XState config must be a JSON object.'),
  actions: (where: string, names: readonly string[]) =>
    bilingual(
      `Aksi ${where} ${list(names)} ditinggalkan: jalur tidak menjalankan kode. Perpindahannya tetap ada; konteks yang diubah aksi tidak berubah di sini.`,
      `The ${where} action${names.length === 1 ? '' : 's'} ${list(names)} ${names.length === 1 ? 'was' : 'were'} left out: a pathway runs no code. The transitions stay; context those actions change does not change here.`,
    ),
  invoke: (sources: readonly string[]) =>
    bilingual(
      `invoke ${list(sources)} ditinggalkan: jalur tidak menjalankan layanan, jadi onDone/onError-nya tidak akan pernah terjadi.`,
      `invoke ${list(sources)} was left out: a pathway runs no services, so its onDone/onError never happen.`,
    ),
  internal: (value: unknown) =>
    bilingual(
      `internal: ${String(value)} (XState v4) diabaikan, sama seperti XState 5 mengabaikannya: perpindahan ini tidak keluar dan masuk lagi ke langkahnya. Tulis reenter: true bila itu maksudnya.`,
      `internal: ${String(value)} (XState v4) is ignored, as XState 5 ignores it: this transition does not exit and re-enter its step. Write reenter: true if that is what you mean.`,
    ),
  cond: (name: string) =>
    bilingual(
      `cond ${q(name)} adalah penulisan XState v4. XState 5 menolaknya (versi pengembangan) atau mengabaikannya sehingga perpindahan berjalan tanpa syarat (versi produksi); jalur tidak menebak. Tulis guard.`,
      `cond ${q(name)} is XState v4. XState 5 refuses it (development build) or ignores it so the transition runs unguarded (production build); a pathway does not guess. Write guard.`,
    ),
  codeGuard: (name: string) =>
    bilingual(
      `Syarat ${q(name)} adalah kode; jalur hanya menjalankan syarat check, and, or, not dan role. Syarat ini disimpan dengan namanya dan harus diganti sebelum jalur diterbitkan (JALUR004).`,
      `Guard ${q(name)} is code; a pathway runs only check, and, or, not and role guards. It is kept by name and must be replaced before the pathway is published (JALUR004).`,
    ),
  customId: (id: string) =>
    bilingual(
      `id ${q(id)} tidak disimpan: jalur menunjuk langkah dengan alamatnya. Tujuan #${id} ditulis ulang menjadi alamat itu.`,
      `id ${q(id)} is not kept: a pathway names steps by their path. Targets #${id} were rewritten to that path.`,
    ),
  v4Ignored: (key: string, instead: string) =>
    bilingual(
      `${q(key)} (XState v4) diabaikan, sama seperti XState 5 mengabaikannya. ${instead}`,
      `${q(key)} (XState v4) is ignored, as XState 5 ignores it. ${instead}`,
    ),
  typesOnly: (key: string) =>
    bilingual(`${q(key)} hanya untuk TypeScript dan ditinggalkan.`, `${q(key)} is for TypeScript only and was left out.`),
  unknownKey: (key: string) =>
    bilingual(`${q(key)} tidak dikenal XState 5 maupun jalur, dan ditinggalkan.`, `${q(key)} is known neither to XState 5 nor to a pathway, and was left out.`),
  notJson: (key: string) =>
    bilingual(`${q(key)} bukan JSON biasa (fungsi atau nilai khusus) dan ditinggalkan.`, `${q(key)} is not plain JSON (a function or a special value) and was left out.`),
  rootOnDone: () =>
    bilingual('onDone pada akar mesin tidak dipakai XState 5 (mesin yang selesai tidak pindah lagi) dan ditinggalkan.', 'onDone on the machine root is not used by XState 5 (a finished machine moves no more) and was left out.'),
  namedDelay: (delay: string) =>
    bilingual(
      `Waktu tunggu ${q(delay)} panjangnya ditentukan kode. Tanpa kode itu XState menjalankannya seketika, begitu pula jalur; tulis durasi seperti P7D (JALUR005).`,
      `Delay ${q(delay)} gets its length from code. Without that code XState fires it at once, and so does a pathway; write a duration such as P7D (JALUR005).`,
    ),
  labelText: () =>
    bilingual('Label perpindahan berupa teks menjadi label dwibahasa { id }.', 'A transition label given as text became a bilingual label { id }.'),
  noStates: () =>
    bilingual(
      'Mesin ini tidak punya states. XState menjalankannya sebagai satu keadaan saja, tetapi jalur butuh paling sedikit satu langkah yang dikerjakan orang.',
      'This machine has no states. XState runs it as a single state, but a pathway needs at least one step for people to work on.',
    ),
  keyFromId: (key: string) =>
    bilingual(`Kunci jalur ${q(key)} dibuat dari id mesin (kunci jalur hanya boleh huruf, angka, _ atau -).`, `The pathway key ${q(key)} was made from the machine id (a pathway key holds only letters, digits, _ or -).`),
} as const;
