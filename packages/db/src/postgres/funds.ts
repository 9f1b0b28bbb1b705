/** Orang tua asuh, donors and the fund ledger on PostgreSQL (see ../funds-repo.ts); parallel to ../sqlite/funds.ts. */
import { and, asc, eq, inArray, ne, or, sql } from 'drizzle-orm';
import { fundEntries, funds, sponsors, students } from '../schema-pg/index.ts';
import { fail, ok, type DbResult } from '../result.ts';
import {
  closedFundMessage, duplicateFundName, insufficientFunds, receiptNumber, unknownFund, validAmount, validDate,
  type DisbursementInput, type FundEntryRow, type FundRow, type FundsRepo, type FundWithBalance, type SponsorRow,
} from '../funds-repo.ts';
import type { CaseRow } from '../rows.ts';
import { keyStore as keys } from './ops.ts';
import { first, newId, pgCode, transact, writeAudit, type Exec, type PgContext } from './context.ts';

const TOTAL_IN = sql<string>`coalesce(sum(case when ${fundEntries.direction} = 'in' then ${fundEntries.amount} else 0 end), 0)`;
const TOTAL_OUT = sql<string>`coalesce(sum(case when ${fundEntries.direction} = 'out' then ${fundEntries.amount} else 0 end), 0)`;

/** The next receipt number of a school, direction and year: one upsert, which row-locks the counter until the transaction ends. */
export async function nextReceipt(tx: Exec, schoolId: string, direction: 'in' | 'out', year: number): Promise<{ seq: number; number: string }> {
  const [row] = await tx.$client.unsafe<{ last: number }[]>(
    'INSERT INTO fund_receipt_counters (school_id, direction, year, last) VALUES ($1, $2, $3, 1) ON CONFLICT (school_id, direction, year) DO UPDATE SET last = fund_receipt_counters.last + 1 RETURNING last',
    [schoolId, direction, year],
  );
  const seq = Number(row!.last);
  return { seq, number: receiptNumber(direction, year, seq) };
}

async function totalsOf(x: Exec, fundId: string): Promise<{ totalIn: number; totalOut: number }> {
  const r = first(await x.select({ totalIn: TOTAL_IN, totalOut: TOTAL_OUT }).from(fundEntries).where(eq(fundEntries.fundId, fundId)));
  return { totalIn: Number(r?.totalIn ?? 0), totalOut: Number(r?.totalOut ?? 0) };
}

const withBalance = (f: FundRow, t: { totalIn: number; totalOut: number }): FundWithBalance => ({ ...f, ...t, balance: t.totalIn - t.totalOut });

/**
 * Pays out of a fund for the locked case `row`, inside the case unit of
 * work's transaction. The fund's row is locked first (`FOR UPDATE`): a
 * second disbursement from the same fund waits for the first to commit, then
 * (READ COMMITTED: each statement sees what committed before it) reads the
 * balance with the first one's row in it — never an overdraft.
 */
export async function writeDisbursement(tx: Exec, row: CaseRow, input: DisbursementInput, now: Date): Promise<DbResult<FundEntryRow>> {
  const fund = first(await tx.select().from(funds).where(and(eq(funds.id, input.fundId), eq(funds.schoolId, row.schoolId))).for('update'));
  if (!fund || fund.status !== 'open') return unknownFund(input.field, input.eventType, !!fund, fund?.name);
  if (!validAmount(input.amount) || !validDate(input.date)) return fail('invalid', 'Nominal atau tanggal tidak sah / invalid amount or date');
  const { totalIn, totalOut } = await totalsOf(tx, fund.id);
  const balance = totalIn - totalOut;
  if (input.amount > balance) return insufficientFunds(fund, balance, input.amount, input.field);
  const year = Number(input.date.slice(0, 4));
  const receipt = await nextReceipt(tx, row.schoolId, 'out', year);
  const entry: FundEntryRow = {
    id: newId(), schoolId: row.schoolId, fundId: fund.id, direction: 'out', amount: input.amount, entryDate: input.date, receiptYear: year, receiptSeq: receipt.seq,
    receiptNumber: receipt.number, sponsorId: fund.sponsorId, studentId: row.studentId, caseId: row.id, caseEventSeq: row.version + 1, eventType: input.eventType,
    stepId: input.stepId, riskFactors: [...row.riskFactors], note: input.note ?? null, recordedBy: input.recordedBy, recordedAt: now,
  };
  await tx.insert(fundEntries).values(entry);
  await writeAudit(tx, {
    schoolId: row.schoolId, actorId: input.recordedBy, action: 'fund.disbursement', subject: `case:${row.id}`,
    details: { entryId: entry.id, fundId: fund.id, amount: entry.amount, receiptNumber: entry.receiptNumber, balanceAfter: balance - entry.amount }, at: now,
  });
  return ok(entry);
}

/** Erasure of the student from the ledger and pledges (inside the caller's transaction); see ../sqlite/funds.ts. */
export async function eraseFunds(tx: Exec, schoolId: string, studentId: string, caseIds: readonly string[]): Promise<void> {
  for (let i = 0; i === 0 || i < caseIds.length; i += 500) {
    const ids = caseIds.slice(i, i + 500);
    const who = ids.length > 0 ? or(eq(fundEntries.studentId, studentId), inArray(fundEntries.caseId, ids)) : eq(fundEntries.studentId, studentId);
    await tx.update(fundEntries).set({ studentId: null, caseId: null, caseEventSeq: null, note: null }).where(and(eq(fundEntries.schoolId, schoolId), who));
  }
  await tx.update(sponsors).set({ pledgeStudentId: null }).where(and(eq(sponsors.schoolId, schoolId), eq(sponsors.pledgeStudentId, studentId)));
}

export function createFundsRepo(ctx: PgContext): { funds: FundsRepo } {
  const { db } = ctx;
  const sponsorOf = async (x: Exec, schoolId: string, id: string) => first(await x.select().from(sponsors).where(and(eq(sponsors.id, id), eq(sponsors.schoolId, schoolId))));
  const studentOf = async (x: Exec, schoolId: string, id: string) => first(await x.select({ id: students.id }).from(students).where(and(eq(students.id, id), eq(students.schoolId, schoolId))));
  const noStudent = () => fail<never>('invalid', 'Siswa tidak ditemukan di sekolah ini / no such student in this school', { details: { field: 'pledgeStudentId' } });
  const noSponsor = () => fail<never>('invalid', 'Donatur tidak ditemukan di sekolah ini / no such sponsor in this school', { details: { field: 'sponsorId' } });

  const repo: FundsRepo = {
    async listSponsors(schoolId, filter = {}) {
      const where = [eq(sponsors.schoolId, schoolId)];
      if (filter.status) where.push(eq(sponsors.status, filter.status));
      if (filter.kind) where.push(eq(sponsors.kind, filter.kind));
      return db.select().from(sponsors).where(and(...where)).orderBy(asc(sponsors.name), asc(sponsors.id));
    },
    async getSponsor(schoolId, id) {
      return (await sponsorOf(db, schoolId, id)) ?? null;
    },
    async createSponsor(schoolId, input, { actorId, now, idempotency }) {
      return transact(ctx, async (tx): Promise<DbResult<SponsorRow>> => {
        const replay = await keys.check(tx, idempotency);
        if (replay) return replay;
        if (input.pledgeStudentId && !(await studentOf(tx, schoolId, input.pledgeStudentId))) return noStudent();
        const row: SponsorRow = {
          id: newId(), schoolId, kind: input.kind, party: input.party, name: input.name, phone: input.phone ?? null, email: input.email ?? null, address: input.address ?? null,
          pledgeAmount: input.pledgeAmount ?? null, pledgePeriod: input.pledgePeriod ?? null, pledgeStudentId: input.pledgeStudentId ?? null, pledgeFrom: input.pledgeFrom ?? null,
          pledgeUntil: input.pledgeUntil ?? null, status: input.status ?? 'active', notes: input.notes ?? null, createdBy: actorId, createdAt: now, updatedAt: now,
        };
        await tx.insert(sponsors).values(row);
        await writeAudit(tx, { schoolId, actorId, action: 'sponsor.create', subject: `sponsor:${row.id}`, details: { kind: row.kind }, at: now });
        await keys.store(tx, idempotency, row, now);
        return ok(row);
      });
    },
    async updateSponsor(schoolId, id, patch, { actorId, now }) {
      return transact(ctx, async (tx): Promise<DbResult<SponsorRow>> => {
        const current = first(await tx.select().from(sponsors).where(and(eq(sponsors.id, id), eq(sponsors.schoolId, schoolId))).for('update'));
        if (!current) return fail('not_found', 'Donatur tidak ditemukan / sponsor not found');
        if (patch.pledgeStudentId && !(await studentOf(tx, schoolId, patch.pledgeStudentId))) return noStudent();
        const set = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<SponsorRow>;
        await tx.update(sponsors).set({ ...set, updatedAt: now }).where(eq(sponsors.id, id));
        await writeAudit(tx, { schoolId, actorId, action: 'sponsor.update', subject: `sponsor:${id}`, details: { fields: Object.keys(set) }, at: now });
        return ok({ ...current, ...set, updatedAt: now });
      });
    },
    async listFunds(schoolId, filter = {}) {
      const where = [eq(funds.schoolId, schoolId)];
      if (filter.status) where.push(eq(funds.status, filter.status));
      const rows = await db.select().from(funds).where(and(...where)).orderBy(asc(funds.name));
      if (rows.length === 0) return [];
      const totals = new Map(
        (await db.select({ fundId: fundEntries.fundId, totalIn: TOTAL_IN, totalOut: TOTAL_OUT }).from(fundEntries).where(eq(fundEntries.schoolId, schoolId)).groupBy(fundEntries.fundId))
          .map((t) => [t.fundId, { totalIn: Number(t.totalIn), totalOut: Number(t.totalOut) }]),
      );
      return rows.map((f) => withBalance(f, totals.get(f.id) ?? { totalIn: 0, totalOut: 0 }));
    },
    async getFund(schoolId, id) {
      const f = first(await db.select().from(funds).where(and(eq(funds.id, id), eq(funds.schoolId, schoolId))));
      return f ? withBalance(f, await totalsOf(db, f.id)) : null;
    },
    async createFund(schoolId, input, { actorId, now, idempotency }) {
      return transact(ctx, async (tx): Promise<DbResult<FundRow>> => {
        const replay = await keys.check(tx, idempotency);
        if (replay) return replay;
        if (input.sponsorId && !(await sponsorOf(tx, schoolId, input.sponsorId))) return noSponsor();
        const row: FundRow = {
          id: newId(), schoolId, name: input.name, source: input.source, sponsorId: input.sponsorId ?? null, description: input.description ?? null, status: 'open', createdBy: actorId, createdAt: now,
        };
        // The unique (school, name) index decides between two creates racing with one name.
        const inserted = await tx.insert(funds).values(row).onConflictDoNothing().returning({ id: funds.id });
        if (inserted.length === 0) return fail('conflict', 'Nama dana sudah dipakai / a fund of that name exists', { details: { field: 'name' } });
        await writeAudit(tx, { schoolId, actorId, action: 'fund.create', subject: `fund:${row.id}`, details: { source: row.source }, at: now });
        await keys.store(tx, idempotency, row, now);
        return ok(row);
      });
    },
    async updateFund(schoolId, id, patch, { actorId, now }) {
      const duplicate = () => fail<never>('conflict', duplicateFundName, { details: { field: 'name' } });
      try {
        return await transact(ctx, async (tx): Promise<DbResult<FundRow>> => {
          // The fund's row lock orders this against a disbursement or donation from it (closing waits for them, they then see it closed).
          const current = first(await tx.select().from(funds).where(and(eq(funds.id, id), eq(funds.schoolId, schoolId))).for('update'));
          if (!current) return fail('not_found', 'Dana tidak ditemukan / fund not found');
          if (patch.name !== undefined && patch.name.trim() === '') return fail('invalid', 'Nama dana wajib diisi / the fund needs a name', { details: { field: 'name' } });
          if (patch.name !== undefined && patch.name !== current.name
            && first(await tx.select({ id: funds.id }).from(funds).where(and(eq(funds.schoolId, schoolId), eq(funds.name, patch.name), ne(funds.id, id))))) {
            return duplicate();
          }
          const set: Partial<FundRow> = {};
          if (patch.name !== undefined) set.name = patch.name;
          if (patch.description !== undefined) set.description = patch.description;
          if (patch.status !== undefined) set.status = patch.status;
          if (Object.keys(set).length > 0) await tx.update(funds).set(set).where(eq(funds.id, id));
          const statusChange = patch.status !== undefined && patch.status !== current.status ? (patch.status === 'closed' ? 'close' : 'reopen') : null;
          await writeAudit(tx, { schoolId, actorId, action: 'fund.update', subject: `fund:${id}`, details: { fields: Object.keys(set), ...(statusChange ? { statusChange } : {}) }, at: now });
          return ok({ ...current, ...set });
        });
      } catch (err) {
        // Two renames racing to one name: the unique (school, name) index decides.
        if (pgCode(err) === '23505') return duplicate();
        throw err;
      }
    },
    async addDonation(schoolId, input, { actorId, now, idempotency }) {
      return transact(ctx, async (tx): Promise<DbResult<FundEntryRow>> => {
        const replay = await keys.check(tx, idempotency);
        if (replay) return replay;
        const fund = first(await tx.select().from(funds).where(and(eq(funds.id, input.fundId), eq(funds.schoolId, schoolId))).for('update'));
        if (!fund) return fail('not_found', 'Dana tidak ditemukan / fund not found');
        if (fund.status !== 'open') return fail('invalid', closedFundMessage(fund.name), { details: { field: 'fundId', fundStatus: fund.status } });
        if (!validAmount(input.amount)) return fail('invalid', 'Nominal harus bilangan bulat rupiah lebih dari 0 / the amount must be whole rupiah above 0', { details: { field: 'amount' } });
        if (!validDate(input.date)) return fail('invalid', 'Tanggal tidak sah / invalid date', { details: { field: 'date' } });
        const sponsorId = input.sponsorId ?? fund.sponsorId ?? null;
        if (sponsorId && !(await sponsorOf(tx, schoolId, sponsorId))) return noSponsor();
        const year = Number(input.date.slice(0, 4));
        const receipt = await nextReceipt(tx, schoolId, 'in', year);
        const row: FundEntryRow = {
          id: newId(), schoolId, fundId: fund.id, direction: 'in', amount: input.amount, entryDate: input.date, receiptYear: year, receiptSeq: receipt.seq, receiptNumber: receipt.number,
          sponsorId, studentId: null, caseId: null, caseEventSeq: null, eventType: null, stepId: null, riskFactors: null, note: input.note ?? null, recordedBy: actorId, recordedAt: now,
        };
        await tx.insert(fundEntries).values(row);
        await writeAudit(tx, { schoolId, actorId, action: 'fund.donation', subject: `fund:${fund.id}`, details: { entryId: row.id, amount: row.amount, receiptNumber: row.receiptNumber }, at: now });
        await keys.store(tx, idempotency, row, now);
        return ok(row);
      });
    },
    async ledger(schoolId, fundId) {
      return db.select().from(fundEntries).where(and(eq(fundEntries.schoolId, schoolId), eq(fundEntries.fundId, fundId)))
        .orderBy(asc(fundEntries.entryDate), asc(fundEntries.recordedAt), asc(fundEntries.receiptNumber));
    },
    async entriesForCase(schoolId, caseId) {
      return db.select().from(fundEntries).where(and(eq(fundEntries.schoolId, schoolId), eq(fundEntries.caseId, caseId))).orderBy(asc(fundEntries.entryDate), asc(fundEntries.recordedAt));
    },
  };
  return { funds: repo };
}
