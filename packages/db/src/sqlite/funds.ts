/** Orang tua asuh, donors and the fund ledger on SQLite (see ../funds-repo.ts). */
import { and, asc, eq, inArray, ne, or, sql } from 'drizzle-orm';
import { fundEntries, funds, sponsors, students } from '../schema/index.ts';
import { fail, ok, type DbResult } from '../result.ts';
import {
  closedFundMessage, duplicateFundName, insufficientFunds, receiptNumber, unknownFund, validAmount, validDate,
  type DisbursementInput, type FundEntryRow, type FundRow, type FundsRepo, type FundWithBalance, type SponsorInput, type SponsorRow,
} from '../funds-repo.ts';
import type { CaseRow } from '../rows.ts';
import { createKeyStore } from './ops.ts';
import { newId, transact, type SqliteContext } from './context.ts';

const TOTALS = sql`coalesce(sum(case when ${fundEntries.direction} = 'in' then ${fundEntries.amount} else 0 end), 0)`;
const TOTALS_OUT = sql`coalesce(sum(case when ${fundEntries.direction} = 'out' then ${fundEntries.amount} else 0 end), 0)`;

/** The next receipt number of a school, direction and year (inside the caller's transaction). */
export function nextReceipt(ctx: SqliteContext, schoolId: string, direction: 'in' | 'out', year: number): { seq: number; number: string } {
  const row = ctx.sqlite
    .prepare('INSERT INTO fund_receipt_counters (school_id, direction, year, last) VALUES (?, ?, ?, 1) ON CONFLICT (school_id, direction, year) DO UPDATE SET last = last + 1 RETURNING last')
    .get(schoolId, direction, year) as { last: number };
  return { seq: row.last, number: receiptNumber(direction, year, row.last) };
}

/** In and out of one fund, as committed (inside the caller's transaction). */
function totalsOf(ctx: SqliteContext, fundId: string): { totalIn: number; totalOut: number } {
  const r = ctx.db.select({ totalIn: TOTALS, totalOut: TOTALS_OUT }).from(fundEntries).where(eq(fundEntries.fundId, fundId)).get();
  return { totalIn: Number(r?.totalIn ?? 0), totalOut: Number(r?.totalOut ?? 0) };
}

const withBalance = (f: FundRow, t: { totalIn: number; totalOut: number }): FundWithBalance => ({ ...f, ...t, balance: t.totalIn - t.totalOut });

/**
 * Pays `input.amount` out of a fund for the case `row`, inside the case unit
 * of work's transaction (BEGIN IMMEDIATE: no other writer runs until it
 * commits, so the balance read here is the one the row is written against).
 * The ledger row names the event this advance appends (`seq` = version + 1).
 */
export function writeDisbursement(ctx: SqliteContext, row: CaseRow, input: DisbursementInput, now: Date): DbResult<FundEntryRow> {
  const fund = ctx.db.select().from(funds).where(and(eq(funds.id, input.fundId), eq(funds.schoolId, row.schoolId))).get();
  if (!fund || fund.status !== 'open') return unknownFund(input.field, input.eventType, !!fund, fund?.name);
  if (!validAmount(input.amount) || !validDate(input.date)) return fail('invalid', 'Nominal atau tanggal tidak sah / invalid amount or date');
  const { totalIn, totalOut } = totalsOf(ctx, fund.id);
  const balance = totalIn - totalOut;
  if (input.amount > balance) return insufficientFunds(fund, balance, input.amount, input.field);
  const year = Number(input.date.slice(0, 4));
  const receipt = nextReceipt(ctx, row.schoolId, 'out', year);
  const entry: FundEntryRow = {
    id: newId(), schoolId: row.schoolId, fundId: fund.id, direction: 'out', amount: input.amount, entryDate: input.date, receiptYear: year, receiptSeq: receipt.seq,
    receiptNumber: receipt.number, sponsorId: fund.sponsorId, studentId: row.studentId, caseId: row.id, caseEventSeq: row.version + 1, eventType: input.eventType,
    stepId: input.stepId, riskFactors: [...row.riskFactors], note: input.note ?? null, recordedBy: input.recordedBy, recordedAt: now,
  };
  ctx.db.insert(fundEntries).values(entry).run();
  ctx.audit({
    schoolId: row.schoolId, actorId: input.recordedBy, action: 'fund.disbursement', subject: `case:${row.id}`,
    details: { entryId: entry.id, fundId: fund.id, amount: entry.amount, receiptNumber: entry.receiptNumber, balanceAfter: balance - entry.amount }, at: now,
  });
  return ok(entry);
}

/**
 * Erasure (inside the caller's transaction): the student's ledger rows keep
 * fund, amount, date, receipt and risk factors, but lose who they were for
 * (student, case, event) and their note; a pledge to the student names no one.
 */
export function eraseFunds(ctx: SqliteContext, schoolId: string, studentId: string, caseIds: readonly string[]): void {
  const { db } = ctx;
  for (let i = 0; i === 0 || i < caseIds.length; i += 500) {
    const ids = caseIds.slice(i, i + 500);
    const who = ids.length > 0 ? or(eq(fundEntries.studentId, studentId), inArray(fundEntries.caseId, ids)) : eq(fundEntries.studentId, studentId);
    db.update(fundEntries).set({ studentId: null, caseId: null, caseEventSeq: null, note: null }).where(and(eq(fundEntries.schoolId, schoolId), who)).run();
  }
  db.update(sponsors).set({ pledgeStudentId: null }).where(and(eq(sponsors.schoolId, schoolId), eq(sponsors.pledgeStudentId, studentId))).run();
}

export function createFundsRepo(ctx: SqliteContext): { funds: FundsRepo } {
  const { db } = ctx;
  const keys = createKeyStore(ctx);
  const sponsorOf = (schoolId: string, id: string) => db.select().from(sponsors).where(and(eq(sponsors.id, id), eq(sponsors.schoolId, schoolId))).get();
  const studentOf = (schoolId: string, id: string) => db.select({ id: students.id }).from(students).where(and(eq(students.id, id), eq(students.schoolId, schoolId))).get();
  const noStudent = () => fail<never>('invalid', 'Siswa tidak ditemukan di sekolah ini / no such student in this school', { details: { field: 'pledgeStudentId' } });
  const noSponsor = () => fail<never>('invalid', 'Donatur tidak ditemukan di sekolah ini / no such sponsor in this school', { details: { field: 'sponsorId' } });

  const repo: FundsRepo = {
    async listSponsors(schoolId, filter = {}) {
      const where = [eq(sponsors.schoolId, schoolId)];
      if (filter.status) where.push(eq(sponsors.status, filter.status));
      if (filter.kind) where.push(eq(sponsors.kind, filter.kind));
      return db.select().from(sponsors).where(and(...where)).orderBy(asc(sponsors.name), asc(sponsors.id)).all();
    },
    async getSponsor(schoolId, id) {
      return sponsorOf(schoolId, id) ?? null;
    },
    async createSponsor(schoolId, input, { actorId, now, idempotency }) {
      return transact(ctx, (): DbResult<SponsorRow> => {
        const replay = keys.check(idempotency);
        if (replay) return replay;
        if (input.pledgeStudentId && !studentOf(schoolId, input.pledgeStudentId)) return noStudent();
        const row: SponsorRow = {
          id: newId(), schoolId, kind: input.kind, party: input.party, name: input.name, phone: input.phone ?? null, email: input.email ?? null, address: input.address ?? null,
          pledgeAmount: input.pledgeAmount ?? null, pledgePeriod: input.pledgePeriod ?? null, pledgeStudentId: input.pledgeStudentId ?? null, pledgeFrom: input.pledgeFrom ?? null,
          pledgeUntil: input.pledgeUntil ?? null, status: input.status ?? 'active', notes: input.notes ?? null, createdBy: actorId, createdAt: now, updatedAt: now,
        };
        db.insert(sponsors).values(row).run();
        ctx.audit({ schoolId, actorId, action: 'sponsor.create', subject: `sponsor:${row.id}`, details: { kind: row.kind }, at: now });
        keys.store(idempotency, row, now);
        return ok(row);
      });
    },
    async updateSponsor(schoolId, id, patch, { actorId, now }) {
      return transact(ctx, (): DbResult<SponsorRow> => {
        const current = sponsorOf(schoolId, id);
        if (!current) return fail('not_found', 'Donatur tidak ditemukan / sponsor not found');
        if (patch.pledgeStudentId && !studentOf(schoolId, patch.pledgeStudentId)) return noStudent();
        const set = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<SponsorRow>;
        const next: SponsorRow = { ...current, ...set, updatedAt: now };
        db.update(sponsors).set({ ...set, updatedAt: now }).where(eq(sponsors.id, id)).run();
        ctx.audit({ schoolId, actorId, action: 'sponsor.update', subject: `sponsor:${id}`, details: { fields: Object.keys(set) }, at: now });
        return ok(next);
      });
    },
    async listFunds(schoolId, filter = {}) {
      const where = [eq(funds.schoolId, schoolId)];
      if (filter.status) where.push(eq(funds.status, filter.status));
      const rows = db.select().from(funds).where(and(...where)).orderBy(asc(funds.name)).all();
      if (rows.length === 0) return [];
      const totals = new Map(
        db.select({ fundId: fundEntries.fundId, totalIn: TOTALS, totalOut: TOTALS_OUT }).from(fundEntries).where(eq(fundEntries.schoolId, schoolId)).groupBy(fundEntries.fundId).all()
          .map((t) => [t.fundId, { totalIn: Number(t.totalIn), totalOut: Number(t.totalOut) }]),
      );
      return rows.map((f) => withBalance(f, totals.get(f.id) ?? { totalIn: 0, totalOut: 0 }));
    },
    async getFund(schoolId, id) {
      const f = db.select().from(funds).where(and(eq(funds.id, id), eq(funds.schoolId, schoolId))).get();
      return f ? withBalance(f, totalsOf(ctx, f.id)) : null;
    },
    async createFund(schoolId, input, { actorId, now, idempotency }) {
      return transact(ctx, (): DbResult<FundRow> => {
        const replay = keys.check(idempotency);
        if (replay) return replay;
        if (input.sponsorId && !sponsorOf(schoolId, input.sponsorId)) return noSponsor();
        if (db.select({ id: funds.id }).from(funds).where(and(eq(funds.schoolId, schoolId), eq(funds.name, input.name))).get()) {
          return fail('conflict', 'Nama dana sudah dipakai / a fund of that name exists', { details: { field: 'name' } });
        }
        const row: FundRow = {
          id: newId(), schoolId, name: input.name, source: input.source, sponsorId: input.sponsorId ?? null, description: input.description ?? null, status: 'open', createdBy: actorId, createdAt: now,
        };
        db.insert(funds).values(row).run();
        ctx.audit({ schoolId, actorId, action: 'fund.create', subject: `fund:${row.id}`, details: { source: row.source }, at: now });
        keys.store(idempotency, row, now);
        return ok(row);
      });
    },
    async updateFund(schoolId, id, patch, { actorId, now }) {
      return transact(ctx, (): DbResult<FundRow> => {
        const current = db.select().from(funds).where(and(eq(funds.id, id), eq(funds.schoolId, schoolId))).get();
        if (!current) return fail('not_found', 'Dana tidak ditemukan / fund not found');
        if (patch.name !== undefined && patch.name.trim() === '') return fail('invalid', 'Nama dana wajib diisi / the fund needs a name', { details: { field: 'name' } });
        if (patch.name !== undefined && patch.name !== current.name
          && db.select({ id: funds.id }).from(funds).where(and(eq(funds.schoolId, schoolId), eq(funds.name, patch.name), ne(funds.id, id))).get()) {
          return fail('conflict', duplicateFundName, { details: { field: 'name' } });
        }
        const set: Partial<FundRow> = {};
        if (patch.name !== undefined) set.name = patch.name;
        if (patch.description !== undefined) set.description = patch.description;
        if (patch.status !== undefined) set.status = patch.status;
        if (Object.keys(set).length > 0) db.update(funds).set(set).where(eq(funds.id, id)).run();
        const statusChange = patch.status !== undefined && patch.status !== current.status ? (patch.status === 'closed' ? 'close' : 'reopen') : null;
        ctx.audit({ schoolId, actorId, action: 'fund.update', subject: `fund:${id}`, details: { fields: Object.keys(set), ...(statusChange ? { statusChange } : {}) }, at: now });
        return ok({ ...current, ...set });
      });
    },
    async addDonation(schoolId, input, { actorId, now, idempotency }) {
      return transact(ctx, (): DbResult<FundEntryRow> => {
        const replay = keys.check(idempotency);
        if (replay) return replay;
        const fund = db.select().from(funds).where(and(eq(funds.id, input.fundId), eq(funds.schoolId, schoolId))).get();
        if (!fund) return fail('not_found', 'Dana tidak ditemukan / fund not found');
        if (fund.status !== 'open') return fail('invalid', closedFundMessage(fund.name), { details: { field: 'fundId', fundStatus: fund.status } });
        if (!validAmount(input.amount)) return fail('invalid', 'Nominal harus bilangan bulat rupiah lebih dari 0 / the amount must be whole rupiah above 0', { details: { field: 'amount' } });
        if (!validDate(input.date)) return fail('invalid', 'Tanggal tidak sah / invalid date', { details: { field: 'date' } });
        const sponsorId = input.sponsorId ?? fund.sponsorId ?? null;
        if (sponsorId && !sponsorOf(schoolId, sponsorId)) return noSponsor();
        const year = Number(input.date.slice(0, 4));
        const receipt = nextReceipt(ctx, schoolId, 'in', year);
        const row: FundEntryRow = {
          id: newId(), schoolId, fundId: fund.id, direction: 'in', amount: input.amount, entryDate: input.date, receiptYear: year, receiptSeq: receipt.seq, receiptNumber: receipt.number,
          sponsorId, studentId: null, caseId: null, caseEventSeq: null, eventType: null, stepId: null, riskFactors: null, note: input.note ?? null, recordedBy: actorId, recordedAt: now,
        };
        db.insert(fundEntries).values(row).run();
        ctx.audit({ schoolId, actorId, action: 'fund.donation', subject: `fund:${fund.id}`, details: { entryId: row.id, amount: row.amount, receiptNumber: row.receiptNumber }, at: now });
        keys.store(idempotency, row, now);
        return ok(row);
      });
    },
    async ledger(schoolId, fundId) {
      return db.select().from(fundEntries).where(and(eq(fundEntries.schoolId, schoolId), eq(fundEntries.fundId, fundId)))
        .orderBy(asc(fundEntries.entryDate), asc(fundEntries.recordedAt), asc(fundEntries.receiptNumber)).all();
    },
    async entriesForCase(schoolId, caseId) {
      return db.select().from(fundEntries).where(and(eq(fundEntries.schoolId, schoolId), eq(fundEntries.caseId, caseId)))
        .orderBy(asc(fundEntries.entryDate), asc(fundEntries.recordedAt)).all();
    },
  };
  return { funds: repo };
}
