/**
 * The fund ledger's side of an advance (issue 15). A step's form field
 * `{ type: 'register', register: 'fund' }` picks a fund of the school's
 * ledger; the step's amount field — `amount`, else `monthlySupport` (the
 * foster-parent step: the first month), else the form's only `number` field
 * — says how much goes out. When the event that leaves such a step carries a
 * fund and an amount above 0, the advance pays it out: the unit of work
 * (`records.disbursement`, see `@jalur/db` funds-repo.ts) locks the fund,
 * checks the balance and writes the ledger row in the same transaction as
 * the case event, or refuses with `insufficient_funds` and writes nothing.
 * A fund picked with no amount is only recorded in the form.
 *
 * The pick is read from the case row inside the unit of work, after the
 * engine accepted the event (see `FundGate`), so the step paid for is the
 * step the event leaves.
 */
import type { ApplyResult, CaseRow, CaseSideWrites, DbError, DisbursementInput, PathwayVersionRow } from '@jalur/db';
import { handlersFor, type CaseEvent, type CompiledPathway, type FormField } from '@jalur/engine';
import type { CompiledPathwayCache } from '../compiled.ts';

/** Amount fields, in the order they are looked for. */
export const AMOUNT_FIELDS = ['amount', 'monthlySupport'] as const;

export interface FundPick {
  /** The step (state id) whose form picked the fund. */
  stepId: string;
  field: FormField;
  fundId: string;
  amountField: FormField | undefined;
  amount: number | undefined;
}

/** The amount field of a form with a fund field. */
export function amountFieldOf(form: readonly FormField[]): FormField | undefined {
  for (const name of AMOUNT_FIELDS) {
    const f = form.find((x) => x.name === name && x.type === 'number');
    if (f) return f;
  }
  const numbers = form.filter((x) => x.type === 'number');
  return numbers.length === 1 ? numbers[0] : undefined;
}

/** True when some step of the pathway picks a fund (else nothing here runs). */
export function picksFunds(compiled: CompiledPathway): boolean {
  for (const meta of compiled.steps.values()) if ((meta.form ?? []).some((f) => f.type === 'register' && f.register === 'fund')) return true;
  return false;
}

/** The fund `event` picks in a step it leaves (the active steps handling it), or undefined. */
export function fundPick(compiled: CompiledPathway, row: CaseRow, event: CaseEvent): FundPick | undefined {
  const data = event.data;
  if (!data) return undefined;
  const active = new Set<string>();
  for (const leaf of row.stateValue.split(',').filter(Boolean)) {
    const parts = leaf.split('.');
    for (let i = 1; i <= parts.length; i++) active.add(parts.slice(0, i).join('.'));
  }
  for (const h of handlersFor(compiled, [...active], event.type)) {
    const form = compiled.steps.get(h.source)?.form ?? [];
    const field = form.find((f) => f.type === 'register' && f.register === 'fund' && typeof data[f.name] === 'string' && data[f.name] !== '');
    if (!field) continue;
    const amountField = amountFieldOf(form);
    const raw = amountField ? data[amountField.name] : undefined;
    return { stepId: h.source, field, fundId: data[field.name] as string, amountField, amount: typeof raw === 'number' ? raw : undefined };
  }
  return undefined;
}

/** The day in Indonesia (WIB, UTC+7) of an instant: the ledger's date of a disbursement. */
export const ledgerDate = (now: Date): string => new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);

const formInvalid = (field: FormField, event: string, message: { id: string; en: string }): DbError => ({
  code: 'event_not_allowed',
  message: `${message.id} / ${message.en}`,
  details: { code: 'form_invalid', message: { id: 'Isian formulir belum lengkap atau tidak sesuai.', en: 'The form is incomplete or invalid.' }, event, allowed: [], fields: [{ field: field.name, message }] },
});

const PENDING = 'fund_disbursement_pending';

/**
 * One advance's fund check. The unit of work's step is synchronous and side
 * rows are written before it, so it runs in two passes, like the register
 * check of partner-checks.ts: the first attempt carries no disbursement; when
 * the engine accepts an event that picks a fund with an amount, `gate` rolls
 * it back (`pending`) with the disbursement noted, and the service runs the
 * advance again with `records.disbursement` — written in that transaction
 * before the step, which `gate` then finds equal to the pick. An advance that
 * picks no fund costs nothing extra (no read, no round trip).
 */
export class FundGate {
  #records: CaseSideWrites | undefined;

  constructor(private readonly cache: CompiledPathwayCache, private readonly event: CaseEvent, private readonly actorId: string, private readonly now: Date) {}

  /** True when `error` is this gate's "run again with the disbursement". */
  static isPending(error: { code: string; details?: unknown }): boolean {
    return error.code === 'event_not_allowed' && (error.details as { code?: string } | undefined)?.code === PENDING;
  }

  /** The side writes of the next attempt. */
  sideWrites(): { records: CaseSideWrites } | Record<string, never> {
    return this.#records ? { records: this.#records } : {};
  }

  /** Inside the unit of work, after the engine accepted the event: null to go on, else a refusal or the pending marker. */
  gate(row: CaseRow, pv: PathwayVersionRow): ApplyResult | null {
    const data = this.event.data;
    if (!data || Object.keys(data).length === 0) return this.#expect(undefined);
    const { compiled } = this.cache.of(pv);
    if (!picksFunds(compiled)) return this.#expect(undefined);
    const pick = fundPick(compiled, row, this.event);
    if (!pick || pick.amount === undefined || pick.amount === 0) return this.#expect(undefined);
    if (!Number.isSafeInteger(pick.amount) || pick.amount < 0) {
      return { ok: false, error: formInvalid(pick.amountField!, this.event.type, { id: 'Nominal harus rupiah bulat (tanpa sen).', en: 'The amount must be whole rupiah.' }) };
    }
    return this.#expect({
      fundId: pick.fundId, amount: pick.amount, date: ledgerDate(this.now), stepId: pick.stepId, eventType: this.event.type, field: pick.field.name, recordedBy: this.actorId,
    });
  }

  /** Go on when this attempt writes exactly `wanted`; otherwise note it and roll back. */
  #expect(wanted: DisbursementInput | undefined): ApplyResult | null {
    const written = this.#records?.disbursement;
    if (JSON.stringify(written) === JSON.stringify(wanted)) return null;
    this.#records = wanted ? { disbursement: wanted } : undefined;
    return { ok: false, error: { code: 'event_not_allowed', message: PENDING, details: { code: PENDING } } };
  }
}
