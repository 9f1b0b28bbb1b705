/**
 * A submitted step's answers as people read them (issue 15, "step data stays
 * visible"): the case page, the timeline and the case book all show the same
 * words. Choice values are codes in the pathway (`utuh_harmonis`,
 * `economic`): they read as labels; a `register` field holds an entry id of a
 * Satgas register: it reads as the entry's name when the caller can look it
 * up, else as a neutral "entri daftar" — never the raw id. Pure.
 */
import type { FormField, RegisterKind } from '@jalur/engine';
import { say, type Localized } from './text.ts';

/** The risk factors by name (the engine's `RISK_FACTORS`). */
export const RISK_FACTOR_LABELS: Record<string, Localized> = {
  motivation: say('Motivasi belajar rendah', 'Low motivation'),
  economic: say('Ekonomi', 'Economic'),
  family: say('Keluarga', 'Family'),
  bullying: say('Perundungan', 'Bullying'),
  distance: say('Jarak rumah–sekolah', 'Distance to school'),
  environment: say('Lingkungan', 'Environment'),
  social_media: say('Media sosial', 'Social media'),
  early_marriage: say('Pernikahan dini', 'Early marriage'),
  work: say('Bekerja', 'Working'),
  health: say('Kesehatan', 'Health'),
  other: say('Lainnya', 'Other'),
};

/** Choice codes that are English words in the templates (outcomes, factors). */
const KNOWN_CHOICES: Record<string, Localized> = {
  ...RISK_FACTOR_LABELS,
  resolved: say('Tuntas', 'Resolved'),
  still_enrolled: say('Tetap bersekolah', 'Still enrolled'),
  transferred: say('Pindah sekolah', 'Transferred'),
  dropped_out: say('Putus sekolah', 'Dropped out'),
  referred: say('Dirujuk', 'Referred'),
};

/** Words written in capitals when a code is read out (`pkbm_paket_c` → `PKBM paket C`). */
const ACRONYMS: Record<string, string> = { pkbm: 'PKBM', osis: 'OSIS', bk: 'BK', p5: 'P5', a: 'A', b: 'B', c: 'C', uptd: 'UPTD', ppa: 'PPA' };

/** What a register's entries are called when no name can be looked up. */
export const REGISTER_ENTRY_LABELS: Record<RegisterKind, Localized> = {
  fund: say('Entri daftar dana', 'Fund register entry'),
  partner: say('Entri daftar mitra rujukan', 'Referral partner register entry'),
  peer_counsellor: say('Entri daftar konselor sebaya', 'Peer counsellor register entry'),
};

/** A choice code as words: known codes by their labels, others with spaces and a capital (`utuh_harmonis` → `Utuh harmonis`). */
export function choiceLabel(value: string): Localized {
  const known = KNOWN_CHOICES[value];
  if (known) return known;
  const words = value.split(/[_\s]+/).filter(Boolean).map((w, i) => ACRONYMS[w.toLowerCase()] ?? (i === 0 ? w.charAt(0).toUpperCase() + w.slice(1) : w));
  const text = words.join(' ') || value;
  return say(text, text);
}

/** Looks up a register entry's name in the case's school; null when unknown or no register exists. */
export type RegisterNameLookup = (kind: RegisterKind | undefined, id: string) => string | null;

const isoDay = /^(\d{4})-(\d{2})-(\d{2})/;
const MONTHS_ID = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];
const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** One answer as words, in both languages. */
export function answerText(field: Pick<FormField, 'type' | 'register'> | undefined, value: unknown, registerName: RegisterNameLookup = () => null): Localized {
  if (value === null || value === undefined || value === '') return say('-', '-');
  if (Array.isArray(value)) {
    const parts = value.map((v) => answerText(field, v, registerName));
    return say(parts.map((p) => p.id).join(', '), parts.map((p) => p.en).join(', '));
  }
  if (typeof value === 'boolean') return value ? say('Ya', 'Yes') : say('Tidak', 'No');
  if (field?.type === 'register') {
    const name = typeof value === 'string' ? registerName(field.register, value) : null;
    if (name) return say(name, name);
    return field.register ? REGISTER_ENTRY_LABELS[field.register] : say('Entri daftar', 'Register entry');
  }
  if (typeof value === 'number') {
    const id = value.toLocaleString('id-ID', { maximumFractionDigits: 2 });
    return say(id, value.toLocaleString('en-GB', { maximumFractionDigits: 2 }));
  }
  if (typeof value === 'string') {
    const d = field?.type === 'date' ? isoDay.exec(value) : null;
    if (d) {
      const m = Number(d[2]) - 1;
      return say(`${Number(d[3])} ${MONTHS_ID[m]} ${d[1]}`, `${Number(d[3])} ${MONTHS_EN[m]} ${d[1]}`);
    }
    if (field?.type === 'choice') return choiceLabel(value);
    return say(value, value);
  }
  // A nested object (not made by the forms): its values, never its raw JSON keys or ids.
  const text = JSON.stringify(value);
  return say(text, text);
}

/** One row of a submitted step: the field's label and the answer as words. */
export interface AnswerRow {
  field: string;
  label: Localized;
  value: Localized;
}

/**
 * A submitted step's answers in the form's order; keys the form does not
 * declare come last, labelled by their key in words (never shown as ids: a
 * value that looks like an id reads as "entri").
 */
export function answerRows(form: readonly FormField[], data: Record<string, unknown>, registerName: RegisterNameLookup = () => null): AnswerRow[] {
  const known = new Set(form.map((f) => f.name));
  const rows: AnswerRow[] = [];
  for (const f of form) {
    if (!(f.name in data)) continue;
    rows.push({ field: f.name, label: { id: f.label.id, en: f.label.en ?? f.label.id }, value: answerText(f, data[f.name], registerName) });
  }
  for (const [k, v] of Object.entries(data)) {
    if (known.has(k)) continue;
    const looksLikeId = typeof v === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v);
    rows.push({ field: k, label: choiceLabel(k), value: looksLikeId ? say('Entri daftar', 'Register entry') : answerText(undefined, v, registerName) });
  }
  return rows;
}
