/**
 * Orang tua asuh, donors and the fund ledger (issue 15). Same rules as every
 * repository: school-scoped (another school's sponsor or fund is
 * `not_found`), errors are values, one transaction per write, audit rows and
 * Idempotency-Key answers in the same transaction.
 *
 * A disbursement is not written here but by the case unit of work
 * (`cases.advance({ records: { disbursement } })`, see `writeDisbursement` of
 * each driver): the ledger row and the case event commit together, after the
 * fund's row is locked and its balance read, so two disbursements racing for
 * the same money never overdraw it.
 */
import type { InferSelectModel } from 'drizzle-orm';
import type * as s from './schema/index.ts';
import type { DbResult } from './result.ts';
import type { IdempotencyRequest } from './case-unit.ts';

export type SponsorRow = InferSelectModel<typeof s.sponsors>;
export type FundRow = InferSelectModel<typeof s.funds>;
export type FundEntryRow = InferSelectModel<typeof s.fundEntries>;

/** A fund with its running totals: `balance` = `totalIn` − `totalOut` (integer rupiah). */
export type FundWithBalance = FundRow & { totalIn: number; totalOut: number; balance: number };

export interface SponsorInput {
  kind: SponsorRow['kind'];
  party: SponsorRow['party'];
  name: string;
  /** Already normalised (`62…`) by the caller. */
  phone?: string | null;
  email?: string | null;
  address?: string | null;
  pledgeAmount?: number | null;
  pledgePeriod?: SponsorRow['pledgePeriod'];
  /** A student of the school (`invalid` otherwise). */
  pledgeStudentId?: string | null;
  pledgeFrom?: string | null;
  pledgeUntil?: string | null;
  status?: SponsorRow['status'];
  notes?: string | null;
}

export interface FundInput {
  name: string;
  source: FundRow['source'];
  /** A sponsor of the school (`invalid` otherwise). */
  sponsorId?: string | null;
  description?: string | null;
}

/** What a fund's update may change (`undefined` leaves a field as it is). Closing keeps the ledger and balance; a closed fund may be reopened. */
export interface FundPatch {
  /** Already trimmed by the caller; unique in the school (`conflict` otherwise). */
  name?: string;
  description?: string | null;
  status?: FundRow['status'];
}

export interface DonationInput {
  fundId: string;
  /** Who gave: a sponsor of the school (`invalid` otherwise), or none (an anonymous gift, a school transfer). */
  sponsorId?: string | null;
  /** Integer rupiah > 0 (`invalid` otherwise). */
  amount: number;
  /** `YYYY-MM-DD`; the receipt is numbered in its year. */
  date: string;
  note?: string | null;
}

/** What an advance pays out of a fund (`CaseSideWrites.disbursement`); the case, student and event come from the locked case row. */
export interface DisbursementInput {
  fundId: string;
  /** Integer rupiah > 0. */
  amount: number;
  /** `YYYY-MM-DD`. */
  date: string;
  /** The step the event leaves and the event's type. */
  stepId: string;
  eventType: string;
  /** The form field that picked the fund (named in a refusal). */
  field: string;
  note?: string | null;
  recordedBy: string | null;
}

export interface FundWriteOptions<T> {
  actorId: string;
  now: Date;
  idempotency?: IdempotencyRequest<T>;
}

export interface FundsRepo {
  listSponsors(schoolId: string, filter?: { status?: SponsorRow['status']; kind?: SponsorRow['kind'] }): Promise<SponsorRow[]>;
  getSponsor(schoolId: string, id: string): Promise<SponsorRow | null>;
  /** Audited `sponsor.create`. */
  createSponsor(schoolId: string, input: SponsorInput, opts: FundWriteOptions<SponsorRow>): Promise<DbResult<SponsorRow>>;
  /** Changes the given fields (`undefined` leaves one as it is); audited `sponsor.update`. */
  updateSponsor(schoolId: string, id: string, patch: Partial<SponsorInput>, opts: { actorId: string; now: Date }): Promise<DbResult<SponsorRow>>;
  /** The school's funds with their balances, by name. */
  listFunds(schoolId: string, filter?: { status?: FundRow['status'] }): Promise<FundWithBalance[]>;
  getFund(schoolId: string, id: string): Promise<FundWithBalance | null>;
  /** `conflict` when the school already has a fund of that name; audited `fund.create`. */
  createFund(schoolId: string, input: FundInput, opts: FundWriteOptions<FundRow>): Promise<DbResult<FundRow>>;
  /**
   * Renames, describes, closes or reopens a fund; audited `fund.update` (with `fund.close` / `fund.reopen` in its
   * details). `not_found` for another school's fund, `conflict` for a name another fund of the school has,
   * `invalid` for an empty name. A closed fund keeps its ledger; it takes no donation and no disbursement.
   */
  updateFund(schoolId: string, id: string, patch: FundPatch, opts: { actorId: string; now: Date }): Promise<DbResult<FundRow>>;
  /** A donation in, with the next `BKM-<year>-NNNN` receipt; audited `fund.donation`. `invalid` for a closed fund. */
  addDonation(schoolId: string, input: DonationInput, opts: FundWriteOptions<FundEntryRow>): Promise<DbResult<FundEntryRow>>;
  /** A fund's movements, oldest first (by date, then as recorded). */
  ledger(schoolId: string, fundId: string): Promise<FundEntryRow[]>;
  /** The disbursements made for a case, oldest first. */
  entriesForCase(schoolId: string, caseId: string): Promise<FundEntryRow[]>;
}

/** Receipt prefixes: bukti kas masuk / bukti kas keluar. */
export const RECEIPT_PREFIX = { in: 'BKM', out: 'BKK' } as const;
export const receiptNumber = (direction: 'in' | 'out', year: number, seq: number): string => `${RECEIPT_PREFIX[direction]}-${year}-${String(seq).padStart(4, '0')}`;

/** `Rp 1.500.000` (id-ID grouping, no ICU needed). */
export function formatRupiah(amount: number): string {
  const digits = String(Math.abs(Math.trunc(amount))).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${amount < 0 ? '-' : ''}Rp ${digits}`;
}

/** The error value of a disbursement larger than the fund's balance (the API answers 422 `insufficient_funds`). */
export function insufficientFunds(fund: { id: string; name: string }, balance: number, requested: number, field?: string) {
  const message = {
    id: `Saldo ${fund.name} ${formatRupiah(balance)}, kurang dari ${formatRupiah(requested)} yang diminta.`,
    en: `The balance of ${fund.name} is ${formatRupiah(balance)}, less than the ${formatRupiah(requested)} requested.`,
  };
  return {
    ok: false as const,
    error: { code: 'insufficient_funds' as const, message: `${message.id} / ${message.en}`, details: { fundId: fund.id, fundName: fund.name, balance, requested, ...(field ? { field } : {}), message } },
  };
}

/** The refusal of a disbursement from a fund that is not the school's or is closed: an engine-style `form_invalid` on the field. */
export function unknownFund(field: string, event: string, closed: boolean, fundName?: string) {
  const message = closed
    ? fundName
      ? { id: `Dana “${fundName}” sudah ditutup; pilih dana lain.`, en: `The fund “${fundName}” is closed; choose another one.` }
      : { id: 'Dana ini sudah ditutup; pilih dana lain.', en: 'This fund is closed; choose another one.' }
    : { id: 'Dana tidak ditemukan di sekolah ini; pilih dari daftar.', en: 'No such fund in this school; choose from the register.' };
  return {
    ok: false as const,
    error: {
      code: 'event_not_allowed' as const,
      message: `${message.id} / ${message.en}`,
      details: { code: 'form_invalid', message: { id: 'Isian formulir belum lengkap atau tidak sesuai.', en: 'The form is incomplete or invalid.' }, event, allowed: [], fields: [{ field, message }] },
    },
  };
}

/** The refusal message of a donation into a closed fund (`invalid`, the API answers 422). */
export const closedFundMessage = (fundName: string): string => `Dana “${fundName}” sudah ditutup; buka kembali dana ini untuk mencatat donasi / the fund “${fundName}” is closed; reopen it to record a donation`;

/** The refusal of a fund name another fund of the school has (`conflict`, the API answers 409 `duplicate`). */
export const duplicateFundName = 'Nama dana sudah dipakai dana lain di sekolah ini / another fund of this school has that name';

/** Integer rupiah, > 0, below 10^13 (no float drift, no overflow in sums). */
export const validAmount = (n: number): boolean => Number.isSafeInteger(n) && n > 0 && n < 10_000_000_000_000;

/** `YYYY-MM-DD` that exists. */
export function validDate(d: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) return false;
  const t = new Date(`${d}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === d;
}
