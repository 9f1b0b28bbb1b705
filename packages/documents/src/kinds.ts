/**
 * The six BK documents as {@link DocumentSpec}s. Every input is what the
 * case already recorded (the API maps rows to these shapes after the
 * confidentiality filter): nothing here is typed again by a person. Content
 * the generator may not see arrives as `null` and prints a visible notice.
 */
import { hariTanggal, pukul, tanggal, type DocumentKind } from './format.ts';
import { renderPdf, type Block, type DocumentSpec, type Letterhead, type Signer } from './render.ts';

export interface Person {
  name: string;
  nip: string | null;
}

export interface StudentInfo {
  name: string;
  nisn: string;
  className: string;
  gender?: 'L' | 'P' | null;
  birthDate?: string | null;
  guardianName?: string | null;
  guardianPhone?: string | null;
}

/** `[label, value]` pairs as recorded (values already formatted). */
export type Fields = [string, string][];

interface Common {
  letterhead: Letterhead;
  number: string;
  issuedOn: Date | string;
  place: string;
  student: StudentInfo;
  /** The case's guru BK (or whoever generates it, when the case has none). */
  counselor: Person;
  principal: Person | null;
  /** `rahasia` content was printed: the pages carry a mark. */
  confidential?: boolean;
  timeZone?: string;
}

export interface CaseBookInput extends Common {
  kind: 'buku_kasus';
  case: { pathwayTitle: string; openedAt: Date; status: string; currentStep: string; riskFactors: string[]; outcome?: string | null; closedAt?: Date | null };
  /** Submitted steps in order: who submitted, when, and the answers (`null` = withheld from this reader). */
  steps: { title: string; at: Date; actor: string; answers: Fields | null }[];
  records: { kind: string; at: Date; by: string; fields: Fields | null }[];
  notes: { at: Date; by: string; body: string | null }[];
  contacts: { at: Date; by: string; guardian: string; channel: string; outcome: string | null }[];
  referrals: { at: Date; to: string; status: string; reason: string | null }[];
  /** Parent meetings, scheduled or held. */
  meetings?: { at: Date; place: string; purpose: string; status: string }[];
}

export interface ServiceReportInput extends Common {
  kind: 'laporan_layanan';
  service: { name: string; at: Date | string; by: string; topic: string; fields: Fields | null; followUp?: string | null };
}

export interface HomeVisitInput extends Common {
  kind: 'berita_acara_kunjungan';
  visit: { date: string; visitors: string[]; metWith: string | null; plan: string | null; findings: string | null; followUp: string | null };
}

export interface ConferenceInput extends Common {
  kind: 'notulen_konferensi';
  conference: { date: string; attendees: string[]; decisions: string | null; notes: string | null };
}

export interface ReferralInput extends Common {
  kind: 'surat_rujukan';
  referral: { targetLabel: string; targetName: string; reason: string | null; sentAt: Date; consent: string; /** The partner's address from the school's register, under its name. */ targetAddress?: string | null };
}

export interface SummonsInput extends Common {
  kind: 'surat_panggilan';
  meeting: { guardianName: string; at: Date; place: string; purpose: string };
}

export type DocumentInput = CaseBookInput | ServiceReportInput | HomeVisitInput | ConferenceInput | ReferralInput | SummonsInput;

export const DOCUMENT_TITLES: Record<DocumentKind, { id: string; en: string }> = {
  buku_kasus: { id: 'Buku Kasus', en: 'Case book' },
  laporan_layanan: { id: 'Laporan Pelaksanaan Layanan', en: 'Service report' },
  berita_acara_kunjungan: { id: 'Berita Acara Kunjungan Rumah', en: 'Home-visit minutes' },
  notulen_konferensi: { id: 'Notulen Konferensi Kasus', en: 'Case-conference minutes' },
  surat_rujukan: { id: 'Surat Rujukan', en: 'Referral letter' },
  surat_panggilan: { id: 'Surat Panggilan Orang Tua/Wali', en: 'Letter to parents' },
};

export const WITHHELD = 'Isi bagian ini bersifat rahasia dan tidak ditampilkan untuk pembuat dokumen ini. / Confidential: not shown to this reader.';

const studentFields = (s: StudentInfo): Fields => {
  const rows: Fields = [['Nama siswa', s.name], ['NISN', s.nisn], ['Kelas', s.className]];
  if (s.gender) rows.push(['Jenis kelamin', s.gender === 'L' ? 'Laki-laki' : 'Perempuan']);
  if (s.birthDate) rows.push(['Tanggal lahir', tanggal(s.birthDate)]);
  if (s.guardianName) rows.push(['Orang tua/wali', s.guardianName]);
  return rows;
};

const counselorSigner = (p: Person, role = 'Guru Bimbingan dan Konseling'): Signer => ({ role, name: p.name, nip: p.nip });
const principalSigner = (p: Person | null, before = 'Mengetahui,'): Signer[] => (p ? [{ before, role: 'Kepala Sekolah', name: p.name, nip: p.nip }] : []);
const fieldsOr = (fields: Fields | null): Block => (fields ? { type: 'fields', rows: fields } : { type: 'withheld', text: WITHHELD });
const textOr = (text: string | null | undefined, empty = '-'): Block => (text === null ? { type: 'withheld', text: WITHHELD } : { type: 'paragraph', text: text && text.trim() !== '' ? text : empty });

function base(input: Common, kind: DocumentKind): Omit<DocumentSpec, 'blocks' | 'signers'> {
  return {
    letterhead: input.letterhead,
    title: DOCUMENT_TITLES[kind].id,
    number: input.number,
    issuedOn: input.issuedOn,
    place: input.place,
    mark: input.confidential ? 'RAHASIA' : null,
    ...(input.timeZone ? { timeZone: input.timeZone } : {}),
  };
}

function caseBook(i: CaseBookInput): DocumentSpec {
  const tz = i.timeZone;
  const at = (d: Date) => `${tanggal(d, tz)} ${pukul(d, tz)}`;
  const blocks: Block[] = [
    { type: 'heading', text: 'A. Identitas siswa' },
    { type: 'fields', rows: studentFields(i.student) },
    { type: 'heading', text: 'B. Kasus' },
    {
      type: 'fields',
      rows: [
        ['Alur penanganan', i.case.pathwayTitle],
        ['Dibuka', tanggal(i.case.openedAt, tz)],
        ['Faktor risiko', i.case.riskFactors.join(', ') || '-'],
        ['Langkah saat ini', i.case.currentStep],
        ['Guru BK', i.counselor.name],
        ['Status', i.case.status],
        ...(i.case.closedAt ? ([['Ditutup', `${tanggal(i.case.closedAt, tz)}${i.case.outcome ? ` (${i.case.outcome})` : ''}`]] as Fields) : []),
      ],
    },
    { type: 'heading', text: 'C. Langkah yang telah dilaksanakan' },
  ];
  if (i.steps.length === 0) blocks.push({ type: 'paragraph', text: 'Belum ada langkah yang diisi.' });
  i.steps.forEach((s, n) => {
    blocks.push({ type: 'paragraph', text: `${n + 1}. ${s.title} — diisi oleh ${s.actor}, ${at(s.at)}` });
    if (s.answers === null) blocks.push({ type: 'withheld', text: WITHHELD });
    else if (s.answers.length > 0) blocks.push({ type: 'fields', rows: s.answers });
  });
  blocks.push({ type: 'heading', text: 'D. Catatan layanan (kunjungan rumah, konferensi kasus, sesi konseling)' });
  if (i.records.length === 0) blocks.push({ type: 'paragraph', text: 'Belum ada catatan layanan.' });
  for (const r of i.records) {
    blocks.push({ type: 'paragraph', text: `${r.kind} — ${tanggal(r.at, tz)}, dicatat oleh ${r.by}` });
    blocks.push(fieldsOr(r.fields));
  }
  blocks.push({ type: 'heading', text: 'E. Catatan guru BK' });
  const visibleNotes = i.notes.filter((n) => n.body !== null);
  const hiddenNotes = i.notes.length - visibleNotes.length;
  if (i.notes.length === 0) blocks.push({ type: 'paragraph', text: 'Belum ada catatan.' });
  if (visibleNotes.length > 0) blocks.push({ type: 'table', columns: ['Tanggal', 'Oleh', 'Catatan'], widths: [1.5, 1.5, 4], rows: visibleNotes.map((n) => [tanggal(n.at, tz), n.by, n.body!]) });
  if (hiddenNotes > 0) blocks.push({ type: 'withheld', text: `${hiddenNotes} catatan bersifat rahasia dan tidak ditampilkan. / ${hiddenNotes} confidential note(s) not shown.` });
  blocks.push({ type: 'heading', text: 'F. Kontak dengan keluarga' });
  if (i.contacts.length === 0) blocks.push({ type: 'paragraph', text: 'Belum ada kontak tercatat.' });
  else blocks.push({ type: 'table', columns: ['Tanggal', 'Oleh', 'Orang tua/wali', 'Cara', 'Hasil'], widths: [1.5, 1.4, 1.4, 1, 2.2], rows: i.contacts.map((c) => [tanggal(c.at, tz), c.by, c.guardian, c.channel, c.outcome ?? 'Rahasia — tidak ditampilkan']) });
  blocks.push({ type: 'heading', text: 'G. Pertemuan dengan orang tua/wali' });
  const meetings = i.meetings ?? [];
  if (meetings.length === 0) blocks.push({ type: 'paragraph', text: 'Belum ada pertemuan dijadwalkan.' });
  else blocks.push({ type: 'table', columns: ['Waktu', 'Tempat', 'Keperluan', 'Status'], widths: [2, 1.4, 2.6, 1], rows: meetings.map((m) => [at(m.at), m.place, m.purpose, m.status]) });
  blocks.push({ type: 'heading', text: 'H. Rujukan' });
  if (i.referrals.length === 0) blocks.push({ type: 'paragraph', text: 'Tidak ada rujukan.' });
  else blocks.push({ type: 'table', columns: ['Tanggal', 'Kepada', 'Status', 'Alasan'], widths: [1.5, 2, 1, 3], rows: i.referrals.map((r) => [tanggal(r.at, tz), r.to, r.status, r.reason ?? 'Rahasia — tidak ditampilkan']) });
  return { ...base(i, 'buku_kasus'), blocks, signers: [...principalSigner(i.principal), counselorSigner(i.counselor)] };
}

function serviceReport(i: ServiceReportInput): DocumentSpec {
  const tz = i.timeZone;
  const blocks: Block[] = [
    { type: 'heading', text: 'A. Identitas' },
    { type: 'fields', rows: [['Nama siswa', i.student.name], ['NISN', i.student.nisn], ['Kelas', i.student.className]] },
    { type: 'heading', text: 'B. Pelaksanaan layanan' },
    {
      type: 'fields',
      rows: [
        ['Jenis layanan', i.service.name],
        ['Hari/tanggal', hariTanggal(i.service.at, tz)],
        ['Pelaksana', i.service.by],
        ['Topik/masalah', i.service.topic],
      ],
    },
    { type: 'heading', text: 'C. Hasil layanan' },
    fieldsOr(i.service.fields),
    { type: 'heading', text: 'D. Tindak lanjut' },
    textOr(i.service.followUp === undefined ? '' : i.service.followUp, 'Dipantau pada langkah berikutnya sesuai alur penanganan.'),
  ];
  return { ...base(i, 'laporan_layanan'), blocks, signers: [...principalSigner(i.principal), counselorSigner(i.counselor, 'Pelaksana layanan')] };
}

function homeVisit(i: HomeVisitInput): DocumentSpec {
  const tz = i.timeZone;
  const v = i.visit;
  const blocks: Block[] = [
    { type: 'paragraph', text: `Pada hari ini ${hariTanggal(v.date, tz)}, telah dilaksanakan kunjungan rumah (home visit) terhadap peserta didik berikut:` },
    { type: 'fields', rows: studentFields(i.student) },
    { type: 'fields', rows: [['Petugas kunjungan', v.visitors.join(', ')], ['Ditemui', v.metWith ?? '-']] },
    { type: 'heading', text: 'Tujuan kunjungan' },
    textOr(v.plan),
    { type: 'heading', text: 'Hasil kunjungan' },
    textOr(v.findings),
    { type: 'heading', text: 'Tindak lanjut / kesepakatan' },
    textOr(v.followUp),
    { type: 'paragraph', text: 'Demikian berita acara ini dibuat dengan sebenarnya untuk dipergunakan sebagaimana mestinya.' },
  ];
  const family: Signer = { role: 'Orang tua/wali', name: v.metWith ?? i.student.guardianName ?? '' };
  return { ...base(i, 'berita_acara_kunjungan'), blocks, signers: [family, counselorSigner(i.counselor, 'Petugas kunjungan'), ...principalSigner(i.principal)] };
}

function conference(i: ConferenceInput): DocumentSpec {
  const tz = i.timeZone;
  const c = i.conference;
  const blocks: Block[] = [
    { type: 'fields', rows: [['Hari/tanggal', hariTanggal(c.date, tz)], ['Sifat pertemuan', 'Terbatas dan tertutup'], ['Kasus', `${i.student.name} (${i.student.className}, NISN ${i.student.nisn})`]] },
    { type: 'heading', text: 'Peserta konferensi' },
    { type: 'list', items: c.attendees, numbered: true },
    { type: 'heading', text: 'Pembahasan' },
    textOr(c.notes),
    { type: 'heading', text: 'Keputusan' },
    textOr(c.decisions),
    { type: 'paragraph', text: 'Seluruh peserta wajib menjaga kerahasiaan isi konferensi kasus ini.' },
  ];
  return { ...base(i, 'notulen_konferensi'), blocks, signers: [...principalSigner(i.principal), counselorSigner(i.counselor, 'Notulis')] };
}

function referral(i: ReferralInput): DocumentSpec {
  const tz = i.timeZone;
  const r = i.referral;
  const blocks: Block[] = [
    { type: 'paragraph', text: 'Dengan hormat,' },
    { type: 'paragraph', text: `Bersama ini kami merujuk peserta didik kami untuk mendapatkan layanan ${r.targetLabel.toLowerCase()} lebih lanjut, dengan identitas sebagai berikut:` },
    { type: 'fields', rows: studentFields(i.student) },
    { type: 'heading', text: 'Alasan rujukan' },
    textOr(r.reason),
    { type: 'fields', rows: [['Persetujuan orang tua', r.consent], ['Tanggal rujukan', tanggal(r.sentAt, tz)]] },
    {
      type: 'paragraph',
      text: 'Kami mohon kesediaan Bapak/Ibu untuk memberikan penanganan dan menyampaikan laporan hasil layanan kepada guru BK kami. Data peserta didik dalam surat ini bersifat rahasia. Atas perhatian dan kerja samanya kami ucapkan terima kasih.',
    },
  ];
  return {
    ...base(i, 'surat_rujukan'),
    letter: { subject: 'Rujukan peserta didik', nature: 'Rahasia', addressee: [r.targetName, ...(r.targetAddress ? [r.targetAddress] : [])] },
    blocks,
    signers: [...principalSigner(i.principal, 'Mengetahui,'), counselorSigner(i.counselor)],
  };
}

function summons(i: SummonsInput): DocumentSpec {
  const tz = i.timeZone;
  const m = i.meeting;
  const blocks: Block[] = [
    { type: 'paragraph', text: 'Dengan hormat,' },
    { type: 'paragraph', text: `Sehubungan dengan pendampingan putra/putri Bapak/Ibu, ${i.student.name}, kelas ${i.student.className}, kami mengharap kehadiran Bapak/Ibu di sekolah pada:` },
    { type: 'fields', rows: [['Hari/tanggal', hariTanggal(m.at, tz)], ['Pukul', pukul(m.at, tz)], ['Tempat', m.place], ['Keperluan', m.purpose]] },
    { type: 'paragraph', text: 'Mengingat pentingnya pertemuan ini bagi kelanjutan pendidikan putra/putri Bapak/Ibu, kami mohon Bapak/Ibu dapat hadir tepat waktu. Apabila berhalangan, mohon menghubungi guru BK sekolah.' },
    { type: 'paragraph', text: 'Atas perhatian dan kerja sama Bapak/Ibu, kami ucapkan terima kasih.' },
  ];
  return {
    ...base(i, 'surat_panggilan'),
    letter: { subject: 'Undangan pertemuan orang tua/wali', nature: 'Penting', addressee: [`Bapak/Ibu ${m.guardianName}`, `Orang tua/wali dari ${i.student.name}`] },
    blocks,
    signers: [...principalSigner(i.principal, 'Mengetahui,'), counselorSigner(i.counselor)],
  };
}

/** The layout of one document, from its recorded data. */
export function buildDocument(input: DocumentInput): DocumentSpec {
  switch (input.kind) {
    case 'buku_kasus':
      return caseBook(input);
    case 'laporan_layanan':
      return serviceReport(input);
    case 'berita_acara_kunjungan':
      return homeVisit(input);
    case 'notulen_konferensi':
      return conference(input);
    case 'surat_rujukan':
      return referral(input);
    case 'surat_panggilan':
      return summons(input);
  }
}

/** Data → PDF bytes. */
export function renderDocument(input: DocumentInput): Promise<Uint8Array> {
  return renderPdf(buildDocument(input));
}
