/**
 * Guards in words, the way a school leader reads them on an edge:
 * `kehadiran < 90%`, `faktor risiko salah satu dari ekonomi, keluarga`.
 */
import { RISK_FACTORS, SET_OPS, type ComparisonOp, type FormField, type Guard, type Localized, type PathwayDocument, type StateNodeConfig } from '@jalur/engine';
import { choiceLabelInline, RISK_FACTOR_LABELS } from '../../i18n/values.ts';

export type Lang = 'id' | 'en';

/** A field a guard can test, with its words and how its values look. */
export interface GuardField {
  path: string;
  label: Localized;
  type: FormField['type'] | 'list';
  /** Values between 0 and 1 shown as percentages. */
  percent?: boolean;
  options?: string[];
}

const RISK_OPTIONS: string[] = [...RISK_FACTORS];

/** Facts about every case that guards may test, besides the pathway's own form fields. */
export const CASE_FIELDS: GuardField[] = [
  { path: 'student.attendanceRate', label: { id: 'kehadiran', en: 'attendance' }, type: 'number', percent: true },
  { path: 'student.gradeAverage', label: { id: 'rata-rata nilai', en: 'grade average' }, type: 'number' },
  { path: 'student.failingSubjects', label: { id: 'mapel tidak tuntas', en: 'failing subjects' }, type: 'number' },
  { path: 'student.incidents', label: { id: 'kejadian perilaku', en: 'behaviour incidents' }, type: 'number' },
  { path: 'riskFactors', label: { id: 'faktor risiko', en: 'risk factors' }, type: 'list', options: RISK_OPTIONS },
  { path: 'consent.referral', label: { id: 'persetujuan orang tua untuk rujukan', en: 'parent consent to referral' }, type: 'boolean' },
  { path: 'consent.data_sharing', label: { id: 'persetujuan berbagi data', en: 'consent to data sharing' }, type: 'boolean' },
];

function collectForms(states: Record<string, StateNodeConfig> | undefined, out: Map<string, FormField>): void {
  for (const s of Object.values(states ?? {})) {
    for (const f of s.meta?.form ?? []) if (!out.has(f.name)) out.set(f.name, f);
    collectForms(s.states, out);
  }
}

/** Every field a guard in this pathway can test: the steps' form fields and the case facts. */
export function guardFieldsOf(doc: PathwayDocument): GuardField[] {
  const forms = new Map<string, FormField>();
  collectForms(doc.machine.states, forms);
  const formFields: GuardField[] = [...forms.values()].map((f) => {
    const g: GuardField = { path: `form.${f.name}`, label: f.label, type: f.type };
    if (f.type === 'number' && f.min === 0 && f.max === 1) g.percent = true;
    if (f.options) g.options = f.options;
    return g;
  });
  return [...formFields, ...CASE_FIELDS];
}

const OP_WORDS: Record<ComparisonOp, Localized> = {
  eq: { id: '=', en: '=' },
  neq: { id: '≠', en: '≠' },
  lt: { id: '<', en: '<' },
  lte: { id: '≤', en: '≤' },
  gt: { id: '>', en: '>' },
  gte: { id: '≥', en: '≥' },
  in: { id: 'salah satu dari', en: 'one of' },
  exists: { id: 'sudah diisi', en: 'is filled in' },
  includes: { id: 'memuat', en: 'includes' },
  includesAny: { id: 'memuat salah satu dari', en: 'includes any of' },
  includesAll: { id: 'memuat semua dari', en: 'includes all of' },
  countGte: { id: 'berjumlah paling sedikit', en: 'counts at least' },
  countLte: { id: 'berjumlah paling banyak', en: 'counts at most' },
};

/** The operators that compare a set (the case's risk factors): offered only for list fields. */
export const LIST_OPS: readonly ComparisonOp[] = [...SET_OPS, 'in', 'exists'];

/** The operators the builder offers for a field: set comparisons for a list, the others for single values. */
export function opsFor(field: GuardField | undefined, all: readonly ComparisonOp[]): ComparisonOp[] {
  if (field?.type === 'list') return [...LIST_OPS];
  return all.filter((op) => !(SET_OPS as readonly string[]).includes(op));
}

/** Operator names for the guard builder's menu. */
export const OP_LABELS: Record<ComparisonOp, Localized> = {
  eq: { id: 'sama dengan (=)', en: 'equals (=)' },
  neq: { id: 'tidak sama dengan (≠)', en: 'does not equal (≠)' },
  lt: { id: 'kurang dari (<)', en: 'less than (<)' },
  lte: { id: 'paling banyak (≤)', en: 'at most (≤)' },
  gt: { id: 'lebih dari (>)', en: 'more than (>)' },
  gte: { id: 'paling sedikit (≥)', en: 'at least (≥)' },
  in: { id: 'salah satu dari', en: 'one of' },
  exists: { id: 'sudah diisi', en: 'is filled in' },
  includes: { id: 'memuat', en: 'includes' },
  includesAny: { id: 'memuat salah satu dari', en: 'includes any of' },
  includesAll: { id: 'memuat semua dari', en: 'includes all of' },
  countGte: { id: 'jumlahnya paling sedikit (≥)', en: 'number of them at least (≥)' },
  countLte: { id: 'jumlahnya paling banyak (≤)', en: 'number of them at most (≤)' },
};

export const ROLE_LABELS: Record<string, Localized> = {
  kepsek: { id: 'kepala sekolah', en: 'principal' },
  guru_bk: { id: 'guru BK', en: 'counselor' },
  wali_kelas: { id: 'wali kelas', en: 'homeroom teacher' },
  admin_dinas: { id: 'admin dinas', en: 'district admin' },
  tim: { id: 'tim SRPS', en: 'SRPS team' },
};

/** Risk factors as words inside a sentence, from the one source of value labels (`src/i18n/values.ts`). */
export const RISK_LABELS: Record<string, Localized> = Object.fromEntries(
  Object.keys(RISK_FACTOR_LABELS).map((k) => [k, { id: choiceLabelInline(k, 'id'), en: choiceLabelInline(k, 'en') }]),
);

function valueText(value: unknown, field: GuardField | undefined, lang: Lang): string {
  if (Array.isArray(value)) return value.map((v) => valueText(v, field, lang)).join(', ');
  if (typeof value === 'number' && field?.percent) return `${Math.round(value * 1000) / 10}%`;
  if (typeof value === 'boolean') return value ? (lang === 'id' ? 'ya' : 'yes') : lang === 'id' ? 'tidak' : 'no';
  // Choice values (risk factors, outcomes, a form's options) by their labels, never the stored id.
  if (typeof value === 'string' && (field?.type === 'choice' || field?.type === 'list' || field?.options)) return choiceLabelInline(value, lang);
  if (value === null || value === undefined) return '—';
  return String(value);
}

/** The field's label in `lang`, or its path when the pathway does not know it. */
export function fieldLabel(path: string, fields: readonly GuardField[], lang: Lang): string {
  const f = fields.find((x) => x.path === path);
  return f ? (f.label[lang] ?? f.label.id) : path;
}

/** A guard in words, e.g. `kehadiran < 90%` or `bukan (faktor risiko = ekonomi)`. */
export function describeGuard(guard: Guard, fields: readonly GuardField[], lang: Lang): string {
  switch (guard.type) {
    case 'check': {
      const { field, op, value } = guard.params;
      const f = fields.find((x) => x.path === field);
      const name = fieldLabel(field, fields, lang);
      if (op === 'exists') return value === false ? `${name} ${lang === 'id' ? 'kosong' : 'is empty'}` : `${name} ${OP_WORDS.exists[lang]}`;
      if (f?.type === 'boolean' && op === 'eq' && typeof value === 'boolean') return value ? name : `${lang === 'id' ? 'belum ada' : 'no'} ${name}`;
      if (op === 'countGte' || op === 'countLte') return `${lang === 'id' ? 'jumlah' : 'number of'} ${name} ${op === 'countGte' ? '≥' : '≤'} ${String(value ?? '—')}`;
      return `${name} ${OP_WORDS[op][lang]} ${valueText(value, f, lang)}`;
    }
    case 'and':
    case 'or': {
      const joiner = guard.type === 'and' ? (lang === 'id' ? ' dan ' : ' and ') : lang === 'id' ? ' atau ' : ' or ';
      const parts = guard.params.of.map((g) => (g.type === 'and' || g.type === 'or' ? `(${describeGuard(g, fields, lang)})` : describeGuard(g, fields, lang)));
      return parts.join(joiner);
    }
    case 'not':
      return `${lang === 'id' ? 'bukan' : 'not'} (${describeGuard(guard.params.guard, fields, lang)})`;
    case 'role':
      return `${lang === 'id' ? 'oleh' : 'by'} ${guard.params.in.map((r) => ROLE_LABELS[r]?.[lang] ?? r).join(lang === 'id' ? ' atau ' : ' or ')}`;
    default:
      return (guard as { type: string }).type;
  }
}
