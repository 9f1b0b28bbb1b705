/**
 * One A4 document on the school's letterhead: kop surat (logo, authority,
 * school name, address), title and number, optional addressee, content
 * blocks, signature blocks, and a footer with the number and page count.
 * Pure: a {@link DocumentSpec} in, PDF bytes out (pdfkit, standard Times fonts).
 */
import PDFDocument from 'pdfkit';
import { pdfSafe, tanggal } from './format.ts';
import { barsHeight, drawBars, type BarsBlock } from './semester-charts.ts';

export interface Letterhead {
  schoolName: string;
  /** Lines above the school's name (`PEMERINTAH PROVINSI JAMBI`, `DINAS PENDIDIKAN`). */
  authority?: string[];
  address?: string | null;
  phone?: string | null;
  email?: string | null;
  website?: string | null;
  npsn?: string | null;
  logo?: { data: Uint8Array; mime: 'image/png' | 'image/jpeg' } | null;
}

export interface Signer {
  /** What the signer signs as: `Guru BK`, `Kepala Sekolah`, `Orang Tua/Wali`. */
  role: string;
  /** A line before the role (`Mengetahui,`), optional. */
  before?: string;
  name: string;
  /** Printed as `NIP. …`; `null` prints `NIP. -`; `undefined` prints no NIP line (e.g. a parent). */
  nip?: string | null;
}

export type Block =
  | { type: 'heading'; text: string }
  | { type: 'paragraph'; text: string }
  | { type: 'fields'; rows: [label: string, value: string][] }
  | { type: 'list'; items: string[]; numbered?: boolean }
  | { type: 'table'; columns: string[]; widths: number[]; rows: string[][] }
  /** A bar chart drawn in vectors (semester report). */
  | BarsBlock
  /** Content the reader may not see: a visible, boxed notice instead. */
  | { type: 'withheld'; text: string };

export interface DocumentSpec {
  letterhead: Letterhead;
  title: string;
  number: string;
  /** `YYYY-MM-DD` or an instant: printed as `6 Desember 2026`. */
  issuedOn: Date | string;
  /** The place before the date (`Tanjung Jabung Timur, 6 Desember 2026`). */
  place: string;
  /** Letters: Perihal / Lampiran / Sifat beside the number, and `Kepada Yth.` lines. */
  letter?: { subject: string; attachment?: string; nature?: string; addressee: string[] };
  blocks: Block[];
  /** One to four signers, two per row, right column first for a single signer. */
  signers: Signer[];
  /** Printed in the top corner of every page when set (`RAHASIA`, `TERBATAS`). */
  mark?: string | null;
  timeZone?: string;
}

const MM = 72 / 25.4;
const MARGIN_LEFT = 25 * MM;
const MARGIN_RIGHT = 20 * MM;
const MARGIN_TOP = 15 * MM;
const MARGIN_BOTTOM = 20 * MM;
const BODY = 11;

type Doc = PDFKit.PDFDocument;

/** Renders the document; resolves to the PDF bytes. */
export function renderPdf(spec: DocumentSpec): Promise<Uint8Array> {
  const issued = typeof spec.issuedOn === 'string' ? new Date(`${spec.issuedOn.slice(0, 10)}T00:00:00Z`) : spec.issuedOn;
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN_TOP, bottom: MARGIN_BOTTOM, left: MARGIN_LEFT, right: MARGIN_RIGHT },
    bufferPages: true,
    info: { Title: pdfSafe(`${spec.title} ${spec.number}`), Author: pdfSafe(spec.letterhead.schoolName), Creator: 'Jalur', CreationDate: issued, ModDate: issued },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
  });
  try {
    draw(doc, spec);
    doc.end();
  } catch (err) {
    doc.end();
    return Promise.reject(err);
  }
  return done;
}

const width = (doc: Doc) => doc.page.width - doc.page.margins.left - doc.page.margins.right;
const bottom = (doc: Doc) => doc.page.height - doc.page.margins.bottom;
const left = (doc: Doc) => doc.page.margins.left;

function ensureSpace(doc: Doc, needed: number): void {
  if (doc.y + needed > bottom(doc)) doc.addPage();
}

function draw(doc: Doc, spec: DocumentSpec): void {
  const tz = spec.timeZone;
  letterhead(doc, spec.letterhead);
  doc.moveDown(0.8);
  if (spec.letter) {
    letterHeader(doc, spec, tz);
  } else {
    doc.font('Times-Bold').fontSize(13).text(pdfSafe(spec.title.toUpperCase()), left(doc), doc.y, { width: width(doc), align: 'center', underline: true });
    doc.font('Times-Roman').fontSize(BODY).text(pdfSafe(`Nomor: ${spec.number}`), { width: width(doc), align: 'center' });
    doc.moveDown(1);
  }
  for (const block of spec.blocks) drawBlock(doc, block);
  signatures(doc, spec, tz);
  footer(doc, spec);
}

function letterhead(doc: Doc, lh: Letterhead): void {
  const x0 = left(doc);
  const w = width(doc);
  const top = doc.page.margins.top;
  const logoSize = 62;
  let logoDrawn = false;
  if (lh.logo) {
    try {
      doc.image(Buffer.from(lh.logo.data), x0, top, { fit: [logoSize, logoSize], align: 'center', valign: 'center' });
      logoDrawn = true;
    } catch {
      // An unreadable logo (checked on upload) never stops a letter: it is left out.
    }
  }
  const textX = x0 + (logoDrawn ? logoSize + 8 : 0);
  const textW = w - (logoDrawn ? (logoSize + 8) * 2 : 0);
  doc.y = top;
  for (const line of lh.authority ?? []) {
    doc.font('Times-Bold').fontSize(12).text(pdfSafe(line.toUpperCase()), textX, doc.y, { width: textW, align: 'center' });
  }
  doc.font('Times-Bold').fontSize(15).text(pdfSafe(lh.schoolName.toUpperCase()), textX, doc.y, { width: textW, align: 'center' });
  const contact = [lh.address, lh.phone ? `Telp. ${lh.phone}` : null, lh.npsn ? `NPSN ${lh.npsn}` : null].filter((s): s is string => !!s);
  if (contact.length > 0) doc.font('Times-Roman').fontSize(9.5).text(pdfSafe(contact.join(' · ')), textX, doc.y + 1, { width: textW, align: 'center' });
  const online = [lh.email ? `Surel: ${lh.email}` : null, lh.website ? `Laman: ${lh.website}` : null].filter((s): s is string => !!s);
  if (online.length > 0) doc.font('Times-Roman').fontSize(9.5).text(pdfSafe(online.join(' · ')), textX, doc.y, { width: textW, align: 'center' });
  const lineY = Math.max(doc.y, top + (logoDrawn ? logoSize : 0)) + 5;
  doc.lineWidth(2).moveTo(x0, lineY).lineTo(x0 + w, lineY).stroke();
  doc.lineWidth(0.6).moveTo(x0, lineY + 3).lineTo(x0 + w, lineY + 3).stroke();
  doc.lineWidth(1);
  doc.x = x0;
  doc.y = lineY + 6;
}

function letterHeader(doc: Doc, spec: DocumentSpec, tz: string | undefined): void {
  const letter = spec.letter!;
  const x0 = left(doc);
  const w = width(doc);
  const startY = doc.y;
  doc.font('Times-Roman').fontSize(BODY);
  doc.text(pdfSafe(`${spec.place}, ${tanggal(spec.issuedOn, tz)}`), x0, startY, { width: w, align: 'right' });
  doc.y = startY + 16;
  const rows: [string, string][] = [['Nomor', spec.number]];
  if (letter.nature) rows.push(['Sifat', letter.nature]);
  rows.push(['Lampiran', letter.attachment ?? '-'], ['Perihal', letter.subject]);
  for (const [label, value] of rows) {
    const y = doc.y;
    doc.font('Times-Roman').text(label, x0, y, { width: 60 });
    doc.text(':', x0 + 60, y, { width: 8 });
    doc.font(label === 'Perihal' ? 'Times-Bold' : 'Times-Roman').text(pdfSafe(value), x0 + 70, y, { width: w * 0.6 });
  }
  doc.moveDown(1);
  doc.font('Times-Roman').text('Kepada Yth.', x0, doc.y, { width: w });
  for (const line of letter.addressee) doc.text(pdfSafe(line), x0, doc.y, { width: w * 0.7 });
  doc.text('di tempat', x0, doc.y, { width: w });
  doc.moveDown(1);
}

function drawBlock(doc: Doc, block: Block): void {
  const x0 = left(doc);
  const w = width(doc);
  doc.x = x0;
  switch (block.type) {
    case 'heading':
      ensureSpace(doc, 40);
      doc.moveDown(0.4);
      doc.font('Times-Bold').fontSize(BODY + 0.5).text(pdfSafe(block.text), x0, doc.y, { width: w });
      doc.moveDown(0.2);
      return;
    case 'paragraph':
      ensureSpace(doc, 16);
      doc.font('Times-Roman').fontSize(BODY).text(pdfSafe(block.text), x0, doc.y, { width: w, align: 'justify', lineGap: 1.5 });
      doc.moveDown(0.5);
      return;
    case 'fields': {
      const labelW = 130;
      doc.font('Times-Roman').fontSize(BODY);
      for (const [label, value] of block.rows) {
        const text = pdfSafe(value || '-');
        const h = Math.max(doc.heightOfString(pdfSafe(label), { width: labelW }), doc.heightOfString(text, { width: w - labelW - 12 }));
        ensureSpace(doc, h + 2);
        const y = doc.y;
        doc.text(pdfSafe(label), x0, y, { width: labelW });
        doc.text(':', x0 + labelW, y, { width: 8 });
        doc.text(text, x0 + labelW + 12, y, { width: w - labelW - 12 });
        doc.y = y + h + 2;
      }
      doc.moveDown(0.4);
      return;
    }
    case 'list': {
      doc.font('Times-Roman').fontSize(BODY);
      block.items.forEach((item, i) => {
        const bullet = block.numbered ? `${i + 1}.` : '•';
        const text = pdfSafe(item);
        const h = doc.heightOfString(text, { width: w - 18 });
        ensureSpace(doc, h + 2);
        const y = doc.y;
        doc.text(bullet, x0, y, { width: 16 });
        doc.text(text, x0 + 18, y, { width: w - 18 });
        doc.y = Math.max(doc.y, y + h) + 2;
      });
      doc.moveDown(0.4);
      return;
    }
    case 'table':
      table(doc, block.columns, block.widths, block.rows);
      return;
    case 'bars':
      ensureSpace(doc, barsHeight(block));
      doc.y = drawBars(doc, block, x0, doc.y, w);
      doc.x = x0;
      doc.font('Times-Roman').fontSize(BODY);
      return;
    case 'withheld': {
      doc.font('Times-Italic').fontSize(BODY - 0.5);
      const text = pdfSafe(block.text);
      const h = doc.heightOfString(text, { width: w - 16 }) + 10;
      ensureSpace(doc, h + 4);
      const y = doc.y;
      doc.save().lineWidth(0.6).dash(3, { space: 2 }).rect(x0, y, w, h).stroke().restore();
      doc.undash();
      doc.text(text, x0 + 8, y + 5, { width: w - 16 });
      doc.y = y + h + 6;
      doc.font('Times-Roman').fontSize(BODY);
      return;
    }
  }
}

function table(doc: Doc, columns: string[], fractions: number[], rows: string[][]): void {
  const x0 = left(doc);
  const w = width(doc);
  const total = fractions.reduce((a, b) => a + b, 0);
  const widths = fractions.map((f) => (f / total) * w);
  const pad = 3;
  const drawRow = (cells: string[], bold: boolean) => {
    doc.font(bold ? 'Times-Bold' : 'Times-Roman').fontSize(BODY - 1);
    const texts = cells.map((c) => pdfSafe(c || '-'));
    const h = Math.max(...texts.map((t, i) => doc.heightOfString(t, { width: widths[i]! - pad * 2 }))) + pad * 2;
    if (doc.y + h > bottom(doc)) {
      doc.addPage();
      if (!bold) drawRow(columns, true);
    }
    const y = doc.y;
    let x = x0;
    texts.forEach((t, i) => {
      if (bold) doc.save().rect(x, y, widths[i]!, h).fill('#e8e8e8').restore();
      doc.lineWidth(0.5).rect(x, y, widths[i]!, h).stroke();
      doc.fillColor('black').text(t, x + pad, y + pad, { width: widths[i]! - pad * 2 });
      x += widths[i]!;
    });
    doc.x = x0;
    doc.y = y + h;
  };
  ensureSpace(doc, 40);
  drawRow(columns, true);
  for (const r of rows) drawRow(r, false);
  doc.moveDown(0.6);
  doc.font('Times-Roman').fontSize(BODY);
}

function signatures(doc: Doc, spec: DocumentSpec, tz: string | undefined): void {
  const signers = spec.signers;
  if (signers.length === 0) return;
  const x0 = left(doc);
  const w = width(doc);
  const colW = w / 2;
  // Right column first: a single signer signs on the right, as Indonesian letters do.
  const rows: (Signer | null)[][] = [];
  for (let i = 0; i < signers.length; i += 2) rows.push(signers.length - i === 1 ? [null, signers[i]!] : [signers[i]!, signers[i + 1]!]);
  doc.moveDown(1);
  rows.forEach((row, r) => {
    ensureSpace(doc, 120);
    const y = doc.y;
    // Lines above each signer's role: the place and date stand above the right-hand signer of the first row (not in letters, which are dated at the top).
    const above = row.map((s, col) => {
      if (!s) return [] as string[];
      const lines: string[] = [];
      if (r === 0 && col === 1 && !spec.letter) lines.push(`${spec.place}, ${tanggal(spec.issuedOn, tz)}`);
      if (s.before) lines.push(s.before);
      lines.push(`${s.role},`);
      return lines;
    });
    const most = Math.max(...above.map((l) => l.length));
    doc.font('Times-Roman').fontSize(BODY);
    const lineH = doc.currentLineHeight(true);
    let endY = y;
    row.forEach((s, col) => {
      if (!s) return;
      // A lone signer below the first row (`Mengetahui, Kepala Sekolah`) stands in the middle.
      const x = r > 0 && row[0] === null ? x0 + colW / 2 + 10 : x0 + col * colW + 10;
      const cw = colW - 20;
      doc.font('Times-Roman').fontSize(BODY);
      // Role lines end on the same baseline in both columns, so the names line up.
      let yy = y + (most - above[col]!.length) * lineH;
      for (const line of above[col]!) yy = lineAt(doc, line, x, yy, cw);
      yy += 52;
      doc.font('Times-Bold');
      const name = pdfSafe(s.name || '....................................');
      doc.text(name, x, yy, { width: cw, align: 'center', underline: true });
      yy = doc.y;
      doc.font('Times-Roman');
      if (s.nip !== undefined) yy = lineAt(doc, `NIP. ${s.nip && s.nip.trim() !== '' ? s.nip : '-'}`, x, yy, cw);
      endY = Math.max(endY, yy);
    });
    doc.x = x0;
    doc.y = endY + 14;
  });
}

function lineAt(doc: Doc, text: string, x: number, y: number, w: number): number {
  doc.text(pdfSafe(text), x, y, { width: w, align: 'center' });
  return doc.y;
}

function footer(doc: Doc, spec: DocumentSpec): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const x0 = left(doc);
    const w = width(doc);
    // Writing inside the bottom margin must not start a new page.
    const savedBottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = doc.page.height - savedBottom + 14;
    doc.lineWidth(0.4).moveTo(x0, y - 4).lineTo(x0 + w, y - 4).stroke();
    doc.font('Times-Roman').fontSize(8.5).fillColor('#333333');
    doc.text(pdfSafe(`${spec.title} · ${spec.number}`), x0, y, { width: w * 0.75, lineBreak: false });
    doc.text(`Halaman ${i - range.start + 1} dari ${range.count}`, x0 + w * 0.75, y, { width: w * 0.25, align: 'right', lineBreak: false });
    if (spec.mark) {
      doc.font('Times-Bold').fontSize(10).fillColor('#8b0000');
      doc.text(pdfSafe(spec.mark), x0, 14, { width: w, align: 'right', lineBreak: false });
    }
    doc.fillColor('black');
    doc.page.margins.bottom = savedBottom;
  }
}

/** Opens an image as pdfkit would embed it: `null` when it is not a readable PNG or JPEG. */
export function readImage(data: Uint8Array): { width: number; height: number } | null {
  try {
    const doc = new PDFDocument({ autoFirstPage: false });
    const img = (doc as unknown as { openImage(src: Buffer): { width: number; height: number } }).openImage(Buffer.from(data));
    return img.width > 0 && img.height > 0 ? { width: img.width, height: img.height } : null;
  } catch {
    return null;
  }
}
