/**
 * Bar charts drawn with pdfkit's vector primitives for the semester report
 * (a `bars` block of `render.ts`): one group per row (a risk factor, a
 * service), one bar per series (before / after), the value printed at the
 * bar's end. A count withheld for the dinas (`<5`, `≥5`) has no bar, only its
 * marker, so the picture never tells what the table hides.
 */
import { pdfSafe } from './format.ts';

export interface BarsBlock {
  type: 'bars';
  title: string;
  /** Names of the bars in each group (legend), e.g. `Awal semester`, `Akhir semester`. */
  series: string[];
  groups: { label: string; values: (number | null)[]; /** What to print instead of the number (`<5`, `4,2`). */ shown?: string[] }[];
  /** The axis maximum; default the largest value. */
  max?: number;
  /** A colour per series (default: blue, orange, green…). */
  colors?: string[];
}

const COLOURS = ['#1f5f8b', '#e0883a', '#4a9a5b', '#8e5ea2', '#b94a48'];
const LABEL_W = 150;
const BAR_H = 9;
const GAP = 2;
const GROUP_GAP = 7;

/** Height the chart needs at `width`. */
export function barsHeight(block: BarsBlock): number {
  const per = block.series.length * (BAR_H + GAP) + GROUP_GAP;
  return 18 + 16 + block.groups.length * per + 6;
}

/** Draws the chart with its top-left at (x, y); returns the y below it. */
export function drawBars(doc: PDFKit.PDFDocument, block: BarsBlock, x: number, y: number, width: number): number {
  const values = block.groups.flatMap((g) => g.values).filter((v): v is number => typeof v === 'number');
  const max = Math.max(1, block.max ?? 0, ...values);
  const plotX = x + LABEL_W;
  const plotW = width - LABEL_W - 40;
  const colour = (i: number) => block.colors?.[i] ?? COLOURS[i % COLOURS.length]!;
  doc.save();
  doc.font('Times-Bold').fontSize(10).fillColor('black').text(pdfSafe(block.title), x, y, { width, lineBreak: false });
  let cy = y + 16;
  // Legend.
  let lx = plotX;
  doc.font('Times-Roman').fontSize(8.5);
  block.series.forEach((name, i) => {
    doc.rect(lx, cy + 1, 8, 8).fill(colour(i));
    doc.fillColor('black').text(pdfSafe(name), lx + 11, cy, { lineBreak: false });
    lx += 11 + doc.widthOfString(pdfSafe(name)) + 14;
  });
  cy += 16;
  const top = cy;
  for (const g of block.groups) {
    const groupH = block.series.length * (BAR_H + GAP);
    doc.font('Times-Roman').fontSize(9).fillColor('black').text(pdfSafe(g.label), x, cy + groupH / 2 - 5, { width: LABEL_W - 6, height: groupH + 4, ellipsis: true, lineBreak: false });
    block.series.forEach((_, i) => {
      const v = g.values[i];
      const by = cy + i * (BAR_H + GAP);
      const label = g.shown?.[i] ?? (typeof v === 'number' ? String(v) : '-');
      let end = plotX;
      if (typeof v === 'number' && v > 0) {
        const w = Math.max(1, (v / max) * plotW);
        doc.rect(plotX, by, w, BAR_H).fill(colour(i));
        end = plotX + w;
      } else if (v === null) {
        // Withheld: an outline only, never a length.
        doc.lineWidth(0.5).dash(2, { space: 2 }).rect(plotX, by, 14, BAR_H).stroke('#888888');
        doc.undash();
        end = plotX + 14;
      }
      doc.font('Times-Roman').fontSize(8).fillColor('#222222').text(pdfSafe(label), end + 3, by + 1, { lineBreak: false });
    });
    cy += groupH + GROUP_GAP;
  }
  // Axis.
  doc.lineWidth(0.6).moveTo(plotX, top - 2).lineTo(plotX, cy - GROUP_GAP + 2).stroke('#444444');
  doc.restore();
  doc.fillColor('black');
  return cy + 6;
}
