/**
 * Indonesian dates and letter numbers, pure.
 * Dates are shown in the school's time zone (WIB, Asia/Jakarta, by default).
 */

export const BULAN = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'] as const;
const ROMAWI = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'] as const;
const HARI = ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'] as const;

export const DEFAULT_TIME_ZONE = 'Asia/Jakarta';

/** `{ year, month (1–12), day, hour, minute, weekday (0 = Minggu) }` of an instant in `timeZone`, or of a `YYYY-MM-DD` date as written. */
export function partsOf(value: Date | string, timeZone = DEFAULT_TIME_ZONE): { year: number; month: number; day: number; hour: number; minute: number; weekday: number; hasTime: boolean } {
  if (typeof value === 'string') {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (m) {
      const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
      return { year, month, day, hour: 0, minute: 0, weekday: new Date(Date.UTC(year, month - 1, day)).getUTCDay(), hasTime: false };
    }
    value = new Date(value);
  }
  if (Number.isNaN(value.getTime())) throw new RangeError('invalid date');
  const fmt = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', hourCycle: 'h23', weekday: 'short' });
  const get = (type: string) => fmt.formatToParts(value).find((p) => p.type === type)?.value ?? '';
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(get('weekday'));
  return { year: Number(get('year')), month: Number(get('month')), day: Number(get('day')), hour: Number(get('hour')), minute: Number(get('minute')), weekday, hasTime: true };
}

/** `6 Desember 2026`. */
export function tanggal(value: Date | string, timeZone = DEFAULT_TIME_ZONE): string {
  const p = partsOf(value, timeZone);
  return `${p.day} ${BULAN[p.month - 1]} ${p.year}`;
}

/** `Senin, 7 Desember 2026`. */
export function hariTanggal(value: Date | string, timeZone = DEFAULT_TIME_ZONE): string {
  const p = partsOf(value, timeZone);
  return `${HARI[p.weekday]}, ${tanggal(value, timeZone)}`;
}

/** `09.30 WIB` (Indonesian clock notation). */
export function pukul(value: Date, timeZone = DEFAULT_TIME_ZONE): string {
  const p = partsOf(value, timeZone);
  const zone = timeZone === 'Asia/Makassar' ? 'WITA' : timeZone === 'Asia/Jayapura' ? 'WIT' : 'WIB';
  return `${String(p.hour).padStart(2, '0')}.${String(p.minute).padStart(2, '0')} ${zone}`;
}

/** Month 1–12 as a Roman numeral (letter numbers). */
export function romawi(month: number): string {
  const r = ROMAWI[month - 1];
  if (!r) throw new RangeError('month out of range');
  return r;
}

/** The code of each kind of document inside its number. */
export const KIND_CODES = {
  buku_kasus: 'BK-BKS',
  laporan_layanan: 'BK-LPL',
  berita_acara_kunjungan: 'BK-BA',
  notulen_konferensi: 'BK-NKK',
  surat_rujukan: 'BK-RJK',
  surat_panggilan: 'BK-PGL',
} as const;
export type DocumentKind = keyof typeof KIND_CODES;
export const DOCUMENT_KINDS = Object.keys(KIND_CODES) as DocumentKind[];

/** `003/BK-BA/SMKN1-TJT/XII/2026`: sequence (per school, year and kind), kind, school code, month, year. */
export function nomorSurat(input: { seq: number; kind: DocumentKind; schoolCode: string; month: number; year: number }): string {
  if (!Number.isInteger(input.seq) || input.seq < 1) throw new RangeError('seq must be a positive integer');
  return `${String(input.seq).padStart(3, '0')}/${KIND_CODES[input.kind]}/${input.schoolCode}/${romawi(input.month)}/${input.year}`;
}

/** A school code from its name when the kepsek set none: `SMKN 1 Tanjung Jabung Timur` → `SMKN1-TJT`. */
export function schoolCodeOf(name: string): string {
  const words = name.normalize('NFKD').replace(/[^A-Za-z0-9 ]/g, ' ').split(/\s+/).filter(Boolean);
  if (words.length === 0) return 'SEKOLAH';
  const head: string[] = [words[0]!.toUpperCase()];
  let i = 1;
  while (i < words.length && /^\d+$/.test(words[i]!)) head.push(words[i++]!);
  const tail = words.slice(i).map((w) => w[0]!.toUpperCase()).join('');
  return (head.join('') + (tail ? `-${tail}` : '')).slice(0, 24);
}

/** Characters the PDF standard fonts (WinAnsi) can show: others are replaced by a close ASCII form or dropped. */
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
const REPLACEMENTS: Record<string, string> = { '→': '->', '←': '<-', '≥': '>=', '≤': '<=', '≠': '!=', '✓': 'v', '✔': 'v', '×': 'x', '\u00a0': ' ', '\t': '    ' };
export function pdfSafe(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const code = ch.codePointAt(0)!;
    if (ch === '\n' || (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(ch)) out += ch;
    else if (REPLACEMENTS[ch] !== undefined) out += REPLACEMENTS[ch];
    else if (code === 0x0d) continue;
    else {
      const base = ch.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
      out += /^[\x20-\x7e]+$/.test(base) ? base : '?';
    }
  }
  return out;
}
