/**
 * Laporan semester Satgas SRPS — the semester report for the komite sekolah
 * and the dinas pendidikan, on the school's letterhead (`render.ts`): the
 * seed-002 table (students at risk per factor at the start and the end of
 * the semester, how many were helped out of risk, the change in percent),
 * students by status, risk level per student (start vs now), satisfaction
 * with the services, participation in ekstrakurikuler and P5, aid disbursed
 * per source and per risk factor, with bar charts drawn in vectors. Pure:
 * labelled numbers in, PDF bytes out. A count is a number, or a marker
 * (`<5`, `≥5`) when the dinas's copy withholds it — then no bar shows it either.
 */
import { tanggal } from './format.ts';
import { renderPdf, type Block, type Letterhead, type Signer } from './render.ts';

/** A count as published: the number, or the marker that stands for it. */
export type Cell = number | string;

export interface SemesterReportDocument {
  letterhead: Letterhead;
  place: string;
  number: string;
  issuedOn: Date | string;
  timeZone?: string;
  audience: 'komite' | 'dinas';
  /** `2025/2026 Ganjil`. */
  termLabel: string;
  /** First day of the term and the day the figures stand at (`YYYY-MM-DD`). */
  from: string;
  asOf: string;
  ended: boolean;
  beforeAfter: { factor: string; before: Cell; after: Cell }[];
  beforeAfterTotal: { before: Cell; after: Cell };
  students: { status: string; atEnd: Cell; changed: Cell }[];
  enrolled: Cell;
  risk: {
    students: Cell; improved: Cell; unchanged: Cell; worsened: Cell;
    transitions: { from: string; to: string; count: Cell }[];
    /** Per student (the komite's copy of the school's own report): name, class, start, now. */
    perStudent?: [name: string, className: string, start: string, end: string][];
  };
  satisfaction: { responses: Cell; average: number | null; distribution: Cell[]; byService: { service: string; responses: Cell; average: number | null }[] };
  participation: { activity: string; students: Cell; attended: Cell }[];
  aid: { available: boolean; total: number | null; entries: Cell; students: Cell; bySource: { source: string; amount: number | null; entries: Cell }[]; byFactor: { factor: string; amount: number | null; entries: Cell }[] };
  signers: Signer[];
}

const num = (c: Cell): string => (typeof c === 'number' ? c.toLocaleString('id-ID') : c);
const val = (c: Cell): number | null => (typeof c === 'number' ? c : null);
const avg = (a: number | null) => (a === null ? '-' : a.toLocaleString('id-ID', { minimumFractionDigits: 1, maximumFractionDigits: 2 }));
export const rupiah = (n: number | null): string => (n === null ? 'disembunyikan' : `Rp${n.toLocaleString('id-ID')}`);

/** Helped out of risk and the change in percent, when both counts are shown. */
function change(before: Cell, after: Cell): [string, string] {
  if (typeof before !== 'number' || typeof after !== 'number') return ['-', '-'];
  const helped = before - after;
  return [helped.toLocaleString('id-ID'), before === 0 ? '-' : `${Math.round((helped / before) * 100)}%`];
}

/** The blocks of the report (exported for tests that read the structure). */
export function semesterBlocks(r: SemesterReportDocument): Block[] {
  const dinas = r.audience === 'dinas';
  const blocks: Block[] = [];
  blocks.push({
    type: 'fields',
    rows: [
      ['Tahun ajaran / semester', r.termLabel],
      ['Periode', `${tanggal(r.from)} s.d. ${tanggal(r.asOf)}${r.ended ? '' : ' (semester masih berjalan)'}`],
      ['Ditujukan kepada', dinas ? 'Dinas Pendidikan (data tanpa identitas siswa)' : 'Komite Sekolah'],
      ['Siswa terdaftar', num(r.enrolled)],
    ],
  });
  if (dinas) {
    blocks.push({ type: 'paragraph', text: 'Sesuai aturan dinas, jumlah 1–4 ditulis "<5" dan beberapa angka lain ditulis "≥5" agar tidak ada siswa yang dapat dikenali atau dihitung ulang dari tabel. Nama siswa tidak dicantumkan.' });
  }

  blocks.push({ type: 'heading', text: 'A. Siswa rentan putus sekolah per faktor (awal dan akhir semester)' });
  blocks.push({
    type: 'paragraph',
    text: 'Awal: siswa yang rentan karena faktor tersebut pada suatu saat dalam semester (sudah rentan ketika semester mulai, atau teridentifikasi selama semester). Akhir: yang masih rentan pada tanggal akhir periode. Seorang siswa dapat tercatat pada lebih dari satu faktor.',
  });
  blocks.push({
    type: 'table',
    columns: ['No', 'Faktor / latar belakang', 'Awal semester', 'Akhir semester', 'Teratasi', 'Perubahan'],
    widths: [0.5, 3, 1.3, 1.3, 1.1, 1.1],
    rows: [
      ...r.beforeAfter.map((x, i) => [String(i + 1), x.factor, num(x.before), num(x.after), ...change(x.before, x.after)]),
      [' ', 'Jumlah (per faktor)', num(r.beforeAfterTotal.before), num(r.beforeAfterTotal.after), ...change(r.beforeAfterTotal.before, r.beforeAfterTotal.after)],
    ],
  });
  blocks.push({
    type: 'bars', title: 'Grafik 1. Siswa rentan per faktor', series: ['Awal semester', 'Akhir semester'],
    groups: r.beforeAfter.map((x) => ({ label: x.factor, values: [val(x.before), val(x.after)], shown: [num(x.before), num(x.after)] })),
  });

  blocks.push({ type: 'heading', text: 'B. Status siswa' });
  blocks.push({
    type: 'table', columns: ['Status', `Per ${tanggal(r.asOf)}`, 'Berubah selama semester'], widths: [3, 1.5, 1.8],
    rows: r.students.map((s) => [s.status, num(s.atEnd), num(s.changed)]),
  });

  blocks.push({ type: 'heading', text: 'C. Perubahan tingkat risiko per siswa (awal semester dan sekarang)' });
  blocks.push({
    type: 'fields',
    rows: [
      ['Siswa yang dipantau', num(r.risk.students)],
      ['Membaik', num(r.risk.improved)],
      ['Tetap', num(r.risk.unchanged)],
      ['Memburuk', num(r.risk.worsened)],
    ],
  });
  blocks.push({
    type: 'bars', title: 'Grafik 2. Tingkat risiko siswa', series: ['Membaik', 'Tetap', 'Memburuk'], colors: ['#4a9a5b', '#8a8a8a', '#b94a48'],
    groups: [{ label: 'Siswa', values: [val(r.risk.improved), val(r.risk.unchanged), val(r.risk.worsened)], shown: [num(r.risk.improved), num(r.risk.unchanged), num(r.risk.worsened)] }],
  });
  const moved = r.risk.transitions.filter((t) => t.count !== 0);
  if (moved.length > 0) {
    blocks.push({ type: 'table', columns: ['Awal semester', 'Sekarang', 'Jumlah siswa'], widths: [2, 2, 1.4], rows: moved.map((t) => [t.from, t.to, num(t.count)]) });
  }
  if (!dinas && r.risk.perStudent && r.risk.perStudent.length > 0) {
    blocks.push({ type: 'table', columns: ['No', 'Nama siswa', 'Kelas', 'Awal semester', 'Sekarang'], widths: [0.5, 3, 1.2, 1.5, 1.5], rows: r.risk.perStudent.map((p, i) => [String(i + 1), ...p]) });
  }

  blocks.push({ type: 'heading', text: 'D. Kepuasan siswa terhadap layanan (skala 1–5)' });
  if (r.satisfaction.responses === 0) {
    blocks.push({ type: 'paragraph', text: 'Belum ada survei kepuasan yang tercatat pada semester ini.' });
  } else {
    blocks.push({ type: 'fields', rows: [['Jumlah jawaban', num(r.satisfaction.responses)], ['Rata-rata', avg(r.satisfaction.average)]] });
    blocks.push({
      type: 'table', columns: ['Layanan', 'Jawaban', 'Rata-rata'], widths: [3, 1.2, 1.2],
      rows: r.satisfaction.byService.map((s) => [s.service, num(s.responses), avg(s.average)]),
    });
    blocks.push({
      type: 'bars', title: 'Grafik 3. Sebaran skor kepuasan', series: ['Jawaban'],
      groups: r.satisfaction.distribution.map((c, i) => ({ label: `Skor ${i + 1}`, values: [val(c)], shown: [num(c)] })),
    });
  }

  blocks.push({ type: 'heading', text: 'E. Keikutsertaan dalam ekstrakurikuler dan projek P5' });
  blocks.push({
    type: 'table', columns: ['Kegiatan', 'Siswa terdaftar', 'Siswa yang ikut'], widths: [3, 1.5, 1.5],
    rows: r.participation.map((p) => [p.activity, num(p.students), num(p.attended)]),
  });

  blocks.push({ type: 'heading', text: 'F. Bantuan dana yang disalurkan' });
  if (!r.aid.available) {
    blocks.push({ type: 'paragraph', text: 'Buku kas dana belum tersedia.' });
  } else if (r.aid.entries === 0) {
    blocks.push({ type: 'paragraph', text: 'Tidak ada bantuan dana yang disalurkan pada semester ini.' });
  } else {
    blocks.push({ type: 'fields', rows: [['Jumlah disalurkan', rupiah(r.aid.total)], ['Transaksi', num(r.aid.entries)], ['Siswa penerima', num(r.aid.students)]] });
    blocks.push({ type: 'table', columns: ['Sumber dana', 'Jumlah', 'Transaksi'], widths: [2.6, 2, 1.2], rows: r.aid.bySource.map((s) => [s.source, rupiah(s.amount), num(s.entries)]) });
    blocks.push({ type: 'table', columns: ['Faktor risiko', 'Jumlah', 'Transaksi'], widths: [2.6, 2, 1.2], rows: r.aid.byFactor.map((s) => [s.factor, rupiah(s.amount), num(s.entries)]) });
  }
  return blocks;
}

/** Renders the report: A4 PDF bytes. */
export function renderSemesterReport(r: SemesterReportDocument): Promise<Uint8Array> {
  return renderPdf({
    letterhead: r.letterhead,
    title: `Laporan Semester SRPS ${r.termLabel}`,
    number: r.number,
    issuedOn: r.issuedOn,
    place: r.place,
    ...(r.timeZone ? { timeZone: r.timeZone } : {}),
    blocks: semesterBlocks(r),
    signers: r.signers,
    mark: r.audience === 'komite' ? 'TERBATAS' : null,
  });
}
