/**
 * Reaching the family: Indonesian phone numbers normalised for WhatsApp and
 * SMS links, and message templates in Bahasa Indonesia filled from the case.
 * Pure (no PDF code here: `@jalur/documents/family` is safe to bundle).
 */
import { hariTanggal, pukul } from './format.ts';

export type PhoneResult = { ok: true; phone: string } | { ok: false; message: { id: string; en: string } };

const INVALID = {
  id: 'Nomor HP tidak valid. Gunakan nomor seluler Indonesia, misalnya 0812-3456-7890 atau +62 812-3456-7890.',
  en: 'Invalid phone number. Use an Indonesian mobile number, e.g. 0812-3456-7890 or +62 812-3456-7890.',
};

/**
 * `0812-3456-7890`, `+62 812 3456 7890`, `62812…`, `(0812) 3456-7890` → `6281234567890`.
 * Only Indonesian mobile numbers (`8…` after the country code, 9–12 digits): WhatsApp and SMS reach those.
 */
export function normalizePhone(raw: string): PhoneResult {
  const trimmed = raw.trim();
  if (!/^\+?[\d\s().-]+$/.test(trimmed)) return { ok: false, message: INVALID };
  let digits = trimmed.replace(/[^\d]/g, '');
  if (trimmed.startsWith('+') && !digits.startsWith('62')) return { ok: false, message: INVALID };
  if (digits.startsWith('62')) digits = digits.slice(2);
  else if (digits.startsWith('0')) digits = digits.slice(1);
  else return { ok: false, message: INVALID };
  if (!/^8\d{8,11}$/.test(digits)) return { ok: false, message: INVALID };
  return { ok: true, phone: `62${digits}` };
}

/** `6281234567890` → `0812-3456-7890` (for people). */
export function displayPhone(phone: string): string {
  const local = `0${phone.slice(2)}`;
  return `${local.slice(0, 4)}-${local.slice(4, 8)}-${local.slice(8)}`;
}

export const TEMPLATE_KEYS = ['undangan', 'kunjungan_rumah', 'pengingat', 'terima_kasih'] as const;
export type TemplateKey = (typeof TEMPLATE_KEYS)[number];

export const TEMPLATE_LABELS: Record<TemplateKey, { id: string; en: string }> = {
  undangan: { id: 'Undangan bertemu', en: 'Invitation to meet' },
  kunjungan_rumah: { id: 'Pemberitahuan kunjungan rumah', en: 'Home-visit notice' },
  pengingat: { id: 'Pengingat pertemuan', en: 'Reminder' },
  terima_kasih: { id: 'Ucapan terima kasih', en: 'Thanks' },
};

export interface TemplateContext {
  guardianName: string;
  studentName: string;
  className: string;
  schoolName: string;
  counselorName: string;
  /** The next parent meeting, when one is scheduled. */
  meeting?: { at: Date; place: string } | null;
  /** The planned home visit date (`YYYY-MM-DD`), when one is known. */
  visitDate?: string | null;
  timeZone?: string;
}

/** The message of a template, filled from the case. */
export function fillTemplate(key: TemplateKey, c: TemplateContext): string {
  const tz = c.timeZone;
  const greet = `Yth. Bapak/Ibu ${c.guardianName}, orang tua/wali dari ${c.studentName} (kelas ${c.className}).`;
  const sign = `Hormat kami,\n${c.counselorName}\nGuru BK ${c.schoolName}`;
  const when = c.meeting ? `pada ${hariTanggal(c.meeting.at, tz)} pukul ${pukul(c.meeting.at, tz)} di ${c.meeting.place}` : 'dalam waktu dekat (waktu dapat disesuaikan dengan Bapak/Ibu)';
  switch (key) {
    case 'undangan':
      return `${greet}\n\nKami mengundang Bapak/Ibu untuk bertemu dengan guru BK ${when}, untuk membicarakan perkembangan belajar ${c.studentName}. Mohon konfirmasi kehadiran dengan membalas pesan ini.\n\n${sign}`;
    case 'kunjungan_rumah': {
      const date = c.visitDate ? `pada ${hariTanggal(c.visitDate, tz)}` : 'dalam waktu dekat';
      return `${greet}\n\nKami bermaksud melakukan kunjungan ke rumah Bapak/Ibu ${date} untuk bersilaturahmi dan berdiskusi tentang ${c.studentName}. Mohon kabari kami waktu yang paling sesuai bagi Bapak/Ibu.\n\n${sign}`;
    }
    case 'pengingat':
      return `${greet}\n\nKami mengingatkan jadwal pertemuan dengan guru BK ${when}. Kami menantikan kehadiran Bapak/Ibu.\n\n${sign}`;
    case 'terima_kasih':
      return `${greet}\n\nTerima kasih atas waktu dan kerja sama Bapak/Ibu dalam mendampingi ${c.studentName}. Bersama-sama kita dukung ${c.studentName} agar tetap semangat bersekolah.\n\n${sign}`;
  }
}

/** `https://wa.me/62…?text=…`. */
export function whatsappLink(phone: string, text: string): string {
  return `https://wa.me/${phone}?text=${encodeURIComponent(text)}`;
}

/** `sms:+62…?body=…` (the form Android and iOS both open). */
export function smsLink(phone: string, text: string): string {
  return `sms:+${phone}?body=${encodeURIComponent(text)}`;
}
