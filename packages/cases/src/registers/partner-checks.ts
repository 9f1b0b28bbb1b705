/**
 * The case service's check of a step's register picks (issue 15): a form
 * field `{ type: 'register', register: 'partner' | 'peer_counsellor' }`
 * holds the id of an entry of the school's register, and the engine only
 * checks its shape. Here, a picked referral partner must exist in the case's
 * school and be active; a picked peer counsellor must exist in the school,
 * be active and have a recorded training. Otherwise the advance is refused as
 * `form_invalid` (422) with the field's message, and nothing changes.
 *
 * The unit of work's step is synchronous, so the check runs in two passes:
 * the pure step finds the picks it would accept (`gate`); when there are
 * some and their entries are not loaded yet, the attempt is rolled back
 * (`pending`), the service loads them (`load`) and runs the advance again.
 * A pathway without register fields costs nothing extra.
 */
import type { ApplyResult, CaseRow, JalurDb, PathwayVersionRow } from '@jalur/db';
import { activeSteps, handlersFor, type CaseEvent, type CaseSnapshot, type CompiledPathway, type FieldError, type FormField, type Localized } from '@jalur/engine';
import type { CompiledPathwayCache } from '../compiled.ts';

/** The registers this check knows (the fund register has its own). */
export const CHECKED_REGISTERS = ['partner', 'peer_counsellor'] as const;
type Checked = (typeof CHECKED_REGISTERS)[number];

export interface RegisterPick {
  field: FormField;
  register: Checked;
  id: string;
}

interface Loaded {
  /** null: no such entry in the school. */
  entry: { active: boolean; trained: boolean; name: string; /** A counsellor's own student id. */ studentId?: string } | null;
}

const PENDING = 'register_check_pending';

const fieldNames = new WeakMap<CompiledPathway, Set<string>>();
/** The names of a pathway's partner and peer-counsellor fields (versions never change: worked out once each). */
function checkedFieldNames(compiled: CompiledPathway): Set<string> {
  let names = fieldNames.get(compiled);
  if (!names) {
    names = new Set();
    for (const meta of compiled.steps.values()) for (const f of meta.form ?? []) if (f.type === 'register' && (CHECKED_REGISTERS as readonly string[]).includes(f.register ?? '')) names.add(f.name);
    fieldNames.set(compiled, names);
  }
  return names;
}

/** The register fields of the steps that handle `event` now, with the ids `event.data` picks. */
export function registerPicks(cache: CompiledPathwayCache, row: CaseRow, pv: PathwayVersionRow, event: CaseEvent): RegisterPick[] {
  const data = event.data;
  if (!data) return [];
  const { compiled } = cache.of(pv);
  const names = checkedFieldNames(compiled);
  if (names.size === 0 || !Object.keys(data).some((k) => names.has(k))) return [];
  const leaves = activeSteps(compiled, row.snapshot as CaseSnapshot).map((s) => s.stateId);
  const active = new Set<string>();
  for (const leaf of leaves) {
    const parts = leaf.split('.');
    for (let i = 1; i <= parts.length; i++) active.add(parts.slice(0, i).join('.'));
  }
  const sources = new Set(handlersFor(compiled, [...active], event.type).map((h) => h.source));
  const picks: RegisterPick[] = [];
  for (const source of sources) {
    for (const field of compiled.steps.get(source)?.form ?? []) {
      const value = data[field.name];
      if (field.type !== 'register' || typeof value !== 'string' || value === '') continue;
      if (!(CHECKED_REGISTERS as readonly string[]).includes(field.register ?? '')) continue;
      if (!picks.some((p) => p.field.name === field.name)) picks.push({ field, register: field.register as Checked, id: value });
    }
  }
  return picks;
}

const fieldError = (field: FormField, message: Localized): FieldError => ({
  field: field.name,
  message: { id: `${field.label.id}: ${message.id}`, en: `${field.label.en ?? field.label.id}: ${message.en ?? message.id}` },
});

/** What is wrong with one pick on the case of `caseStudentId`, or null. */
function problem(pick: RegisterPick, loaded: Loaded | undefined, caseStudentId: string): Localized | null {
  const e = loaded?.entry;
  if (pick.register === 'partner') {
    if (!e) return { id: 'mitra rujukan tidak ditemukan di daftar mitra sekolah ini', en: 'no such referral partner in this school’s register' };
    if (!e.active) return { id: `mitra rujukan "${e.name}" tidak aktif; pilih mitra yang aktif`, en: `referral partner "${e.name}" is not active; pick an active one` };
    return null;
  }
  if (!e) return { id: 'konselor sebaya tidak ditemukan di daftar sekolah ini', en: 'no such peer counsellor in this school’s register' };
  if (!e.active) return { id: `konselor sebaya ${e.name} tidak aktif; pilih konselor yang aktif`, en: `peer counsellor ${e.name} is not active; pick an active one` };
  if (!e.trained) return { id: `konselor sebaya ${e.name} belum tercatat mengikuti pelatihan; catat pelatihannya di daftar konselor sebaya`, en: `peer counsellor ${e.name} has no recorded training; record it in the peer-counsellor register` };
  if (e.studentId === caseStudentId) return { id: 'siswa yang didampingi tidak dapat menjadi konselor sebayanya sendiri', en: 'a student cannot be their own peer counsellor' };
  return null;
}

/** One advance's register check (see the file comment). */
export class RegisterGate {
  #picks: RegisterPick[] | null = null;
  #loaded: Map<string, Loaded> | null = null;

  constructor(private readonly cache: CompiledPathwayCache, private readonly event: CaseEvent) {}

  /** True when `error` is this gate's "load the entries and run again". */
  static isPending(error: { code: string; details?: unknown }): boolean {
    return error.code === 'event_not_allowed' && (error.details as { code?: string } | undefined)?.code === PENDING;
  }

  /** Inside the unit of work, after the engine accepted the event: null to go on, else the refusal (or the pending marker). */
  gate(row: CaseRow, pv: PathwayVersionRow): ApplyResult | null {
    const picks = registerPicks(this.cache, row, pv, this.event);
    if (picks.length === 0) return null;
    if (!this.#loaded || picks.some((p) => !this.#loaded!.has(`${p.register}:${p.id}`))) {
      this.#picks = picks;
      return { ok: false, error: { code: 'event_not_allowed', message: PENDING, details: { code: PENDING } } };
    }
    const fields = picks.flatMap((p) => {
      const why = problem(p, this.#loaded!.get(`${p.register}:${p.id}`), row.studentId);
      return why ? [fieldError(p.field, why)] : [];
    });
    if (fields.length === 0) return null;
    return {
      ok: false,
      error: {
        code: 'event_not_allowed',
        message: 'Isian formulir tidak sesuai daftar sekolah / the form does not fit the school’s register',
        details: { code: 'form_invalid', message: { id: 'Pilihan dari daftar sekolah tidak dapat dipakai.', en: 'A pick from the school’s register cannot be used.' }, event: this.event.type, allowed: [], fields },
      },
    };
  }

  /** Reads the picked entries of the case's school (outside the transaction). */
  async load(db: JalurDb, schoolId: string): Promise<void> {
    const loaded = new Map<string, Loaded>(this.#loaded ?? []);
    for (const p of this.#picks ?? []) {
      const key = `${p.register}:${p.id}`;
      if (loaded.has(key)) continue;
      if (p.register === 'partner') {
        const e = await db.registers.getPartner(schoolId, p.id);
        loaded.set(key, { entry: e ? { active: e.active, trained: true, name: e.name } : null });
      } else {
        const e = await db.registers.getCounsellor(schoolId, p.id);
        const student = e ? await db.students.get(schoolId, e.studentId) : null;
        loaded.set(key, { entry: e ? { active: e.active, trained: e.trainedOn !== null, name: student?.name ?? '', studentId: e.studentId } : null });
      }
    }
    this.#loaded = loaded;
  }
}
