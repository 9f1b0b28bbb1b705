/**
 * The documents as a reader sees them: each PDF is converted to text with
 * poppler's `pdftotext` (installed by the test command) and checked, and
 * rendered to PNG with `pdftoppm` (kept under test-results/ to look at).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { deflateSync } from 'node:zlib';
import {
  displayPhone, fillTemplate, hariTanggal, nomorSurat, normalizePhone, pdfSafe, readImage, renderDocument, schoolCodeOf, smsLink, tanggal, whatsappLink,
  type DocumentInput, type Letterhead,
} from './index.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'jalur-docs-'));
const OUT = path.resolve(import.meta.dirname, '../../../test-results/documents-unit');
mkdirSync(OUT, { recursive: true });

function pdfText(bytes: Uint8Array, name: string): string {
  const file = path.join(dir, `${name}.pdf`);
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}
function pdfPages(bytes: Uint8Array, name: string): string[] {
  const file = path.join(dir, `${name}.pdf`);
  writeFileSync(file, bytes);
  execFileSync('pdftoppm', ['-png', '-r', '60', file, path.join(OUT, name)]);
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
  return Array.from({ length: pages }, (_, i) => path.join(OUT, `${name}-${String(i + 1).padStart(pages >= 10 ? 2 : 1, '0')}.png`));
}

/** A real 2×2 PNG (red), built by hand: signature, IHDR, IDAT, IEND with CRCs. */
function tinyPng(): Uint8Array {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(2, 0);
  ihdr.writeUInt32BE(2, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const raw = Buffer.from([0, 255, 0, 0, 255, 0, 0, 0, 255, 0, 0, 255, 0, 0]);
  return new Uint8Array(Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]));
}

const letterhead: Letterhead = {
  schoolName: 'SMKN 1 Tanjung Jabung Timur',
  authority: ['Pemerintah Provinsi Jambi', 'Dinas Pendidikan'],
  address: 'Jl. Lintas Timur No. 1, Muara Sabak',
  phone: '(0740) 123456',
  email: 'smkn1tjt@example.sch.id',
  npsn: '10507000',
  logo: { data: tinyPng(), mime: 'image/png' },
};
const common = {
  letterhead,
  issuedOn: '2026-12-06',
  place: 'Tanjung Jabung Timur',
  student: { name: 'Rina Marlina', nisn: '0061234567', className: 'X-1', gender: 'P' as const, guardianName: 'Suryani' },
  counselor: { name: 'Dewi Lestari, S.Pd.', nip: '198001012005012001' },
  principal: { name: 'Drs. Ahmad Fauzi', nip: '197001011995031001' },
};

describe('Indonesian formats', () => {
  it('writes dates, weekdays and letter numbers the Indonesian way', () => {
    expect(tanggal('2026-12-06')).toBe('6 Desember 2026');
    expect(tanggal(new Date('2026-12-05T18:30:00Z'))).toBe('6 Desember 2026'); // 01.30 WIB
    expect(hariTanggal('2026-12-07')).toBe('Senin, 7 Desember 2026');
    expect(nomorSurat({ seq: 3, kind: 'berita_acara_kunjungan', schoolCode: 'SMKN1-TJT', month: 12, year: 2026 })).toBe('003/BK-BA/SMKN1-TJT/XII/2026');
    expect(schoolCodeOf('SMKN 1 Tanjung Jabung Timur')).toBe('SMKN1-TJT');
    expect(pdfSafe('a → b ≥ 10%')).toBe('a -> b >= 10%');
  });

  it('normalises phone numbers and refuses what WhatsApp cannot reach', () => {
    for (const raw of ['0812-3456-7890', '+62 812 3456 7890', '6281234567890', '(0812) 3456.7890']) expect(normalizePhone(raw)).toEqual({ ok: true, phone: '6281234567890' });
    for (const raw of ['021-555-1234', '12345', '+1 415 555 0100', '0812abc', '', '08123']) {
      const r = normalizePhone(raw);
      expect(r.ok, raw).toBe(false);
      if (!r.ok) expect(r.message.id).toMatch(/Nomor HP tidak valid/);
    }
    expect(displayPhone('6281234567890')).toBe('0812-3456-7890');
  });

  it('fills the templates from the case and builds wa.me and sms links', () => {
    const text = fillTemplate('undangan', {
      guardianName: 'Suryani', studentName: 'Rina Marlina', className: 'X-1', schoolName: 'SMKN 1 Tanjung Jabung Timur', counselorName: 'Dewi Lestari',
      meeting: { at: new Date('2026-12-07T02:30:00Z'), place: 'Ruang BK' },
    });
    expect(text).toContain('Yth. Bapak/Ibu Suryani');
    expect(text).toContain('Senin, 7 Desember 2026 pukul 09.30 WIB di Ruang BK');
    const wa = whatsappLink('6281234567890', text);
    expect(wa.startsWith('https://wa.me/6281234567890?text=')).toBe(true);
    expect(decodeURIComponent(new URL(wa).searchParams.get('text')!)).toBe(text);
    expect(smsLink('6281234567890', 'Halo')).toBe('sms:+6281234567890?body=Halo');
  });

  it('reads PNG logos and refuses bytes that only look like one', () => {
    expect(readImage(tinyPng())).toEqual({ width: 2, height: 2 });
    expect(readImage(new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0]))).toBeNull();
    expect(readImage(new TextEncoder().encode('<svg/>'))).toBeNull();
  });
});

describe('the six documents as PDF', () => {
  const inputs: DocumentInput[] = [
    {
      ...common, kind: 'buku_kasus', number: '001/BK-BKS/SMKN1-TJT/XII/2026', confidential: true,
      case: { pathwayTitle: 'Alur SRPS standar', openedAt: new Date('2026-09-01T01:00:00Z'), status: 'Berjalan', currentStep: 'Kunjungan rumah', riskFactors: ['Motivasi', 'Ekonomi'] },
      steps: [
        { title: 'Identifikasi', at: new Date('2026-09-02T03:00:00Z'), actor: 'Dewi Lestari, S.Pd.', answers: [['Kehadiran', '82%'], ['Catatan wali kelas', 'Sering terlambat']] },
        { title: 'Konseling individual', at: new Date('2026-09-10T03:00:00Z'), actor: 'Dewi Lestari, S.Pd.', answers: null },
      ],
      records: [{ kind: 'Kunjungan rumah', at: new Date('2026-09-15T03:00:00Z'), by: 'Dewi Lestari, S.Pd.', fields: [['Temuan', 'Orang tua bekerja di kebun sawit']] }],
      notes: [{ at: new Date('2026-09-03T03:00:00Z'), by: 'Dewi Lestari, S.Pd.', body: 'Siswa terbuka saat sesi.' }, { at: new Date('2026-09-04T03:00:00Z'), by: 'Dewi', body: null }],
      contacts: [{ at: new Date('2026-09-05T03:00:00Z'), by: 'Dewi Lestari, S.Pd.', guardian: 'Suryani', channel: 'WhatsApp', outcome: 'Bersedia datang' }],
      referrals: [],
    },
    { ...common, kind: 'laporan_layanan', number: '002/BK-LPL/SMKN1-TJT/XII/2026', service: { name: 'Konseling individual', at: '2026-12-04', by: 'Dewi Lestari, S.Pd.', topic: 'Motivasi belajar', fields: [['Ringkasan', 'Siswa menyusun rencana belajar.']] } },
    { ...common, kind: 'berita_acara_kunjungan', number: '003/BK-BA/SMKN1-TJT/XII/2026', visit: { date: '2026-12-05', visitors: ['Dewi Lestari, S.Pd.', 'Budi (wali kelas)'], metWith: 'Suryani (ibu)', plan: 'Mengenal kondisi keluarga', findings: 'Rina membantu ibunya berjualan.', followUp: 'Bantuan transport' } },
    { ...common, kind: 'notulen_konferensi', number: '004/BK-NKK/SMKN1-TJT/XII/2026', conference: { date: '2026-12-05', attendees: ['Drs. Ahmad Fauzi (kepsek)', 'Dewi Lestari (guru BK)'], decisions: 'Ajukan beasiswa', notes: null } },
    { ...common, kind: 'surat_rujukan', number: '005/BK-RJK/SMKN1-TJT/XII/2026', referral: { targetLabel: 'Psikolog', targetName: 'Puskesmas Muara Sabak', reason: 'Kecemasan berat', sentAt: new Date('2026-12-05T03:00:00Z'), consent: 'Diberikan oleh Suryani (ibu), 4 Desember 2026' } },
    { ...common, kind: 'surat_panggilan', number: '006/BK-PGL/SMKN1-TJT/XII/2026', meeting: { guardianName: 'Suryani', at: new Date('2026-12-07T02:30:00Z'), place: 'Ruang BK', purpose: 'Membahas kehadiran Rina' } },
  ];

  for (const input of inputs) {
    it(`${input.kind}: letterhead, number, date in Indonesian, student, signatures`, async () => {
      const bytes = await renderDocument(input);
      expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-');
      const text = pdfText(bytes, input.kind);
      expect(text).toContain('SMKN 1 TANJUNG JABUNG TIMUR');
      expect(text).toContain('PEMERINTAH PROVINSI JAMBI');
      expect(text).toContain(input.number);
      expect(text).toContain('6 Desember 2026');
      expect(text).toContain('Rina Marlina');
      expect(text).toContain('Dewi Lestari, S.Pd.');
      expect(text).toContain('NIP. 198001012005012001');
      expect(text).toMatch(/Halaman 1 dari \d/);
      const pages = pdfPages(bytes, input.kind);
      expect(pages.length).toBeGreaterThan(0);
      for (const p of pages) expect(readFileSync(p).subarray(1, 4).toString()).toBe('PNG');
    });
  }

  it('prints a notice, not the content, where the reader may not see it', async () => {
    const text = pdfText(await renderDocument(inputs[0]!), 'withheld');
    expect(text).toContain('RAHASIA');
    expect(text).toMatch(/bersifat rahasia dan tidak ditampilkan/);
    expect(text).toContain('1 catatan bersifat rahasia');
  });
});
