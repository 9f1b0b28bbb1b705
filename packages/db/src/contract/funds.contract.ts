/**
 * Contract: orang tua asuh, donors and the fund ledger (issue 15) — sponsors
 * and funds scoped to their school, donations with receipts numbered per
 * school, direction and year, disbursements written by the case unit of work
 * in the same transaction as the case event (refused with
 * `insufficient_funds` and nothing written when the balance is short, rolled
 * back when the engine refuses the event), racing disbursements that never
 * overdraw, and erasure that keeps the amounts but not the student.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApplyResult } from '../case-unit.ts';
import type { DisbursementInput } from '../funds-repo.ts';
import type { JalurDb } from '../repository.ts';
import type { CaseRow } from '../rows.ts';
import { buildWorld, must, openToyCase, T0, toyApply, type Harness, type World } from './fixtures.ts';

const disbursement = (fundId: string, amount: number, recordedBy: string | null, date = '2024-08-05'): DisbursementInput => ({
  fundId, amount, date, stepId: 'a', eventType: 'next', field: 'fund', recordedBy,
});

export function fundsContract(h: Harness): void {
  describe(`${h.name}: fund ledger`, () => {
    let db: JalurDb;
    let w: World;
    beforeEach(async () => {
      db = await h.open();
      w = await buildWorld(db);
    });
    afterEach(async () => db.close());

    const opts = () => ({ actorId: w.kepsekA.id, now: T0 });
    const fundWith = async (name: string, amount: number, schoolId = w.schoolA) => {
      const fund = await must(db.funds.createFund(schoolId, { name, source: 'komite' }, opts()));
      if (amount > 0) await must(db.funds.addDonation(schoolId, { fundId: fund.id, amount, date: '2024-08-01' }, opts()));
      return fund;
    };
    const pay = (row: CaseRow, input: DisbursementInput, apply = toyApply('next', T0)) =>
      db.cases.advance({ schoolId: row.schoolId, caseId: row.id, expectedVersion: row.version, actorId: w.bkA.id, now: T0, event: { type: 'next', data: { fund: input.fundId } }, records: { disbursement: input }, apply });

    it('sponsors: created, listed and updated in their school only; a pledge names a student of the school', async () => {
      const A = w.schoolA;
      const s = await must(db.funds.createSponsor(A, {
        kind: 'orang_tua_asuh', party: 'person', name: 'Bapak Hendra', phone: '6281234567890', pledgeAmount: 250_000, pledgePeriod: 'monthly',
        pledgeStudentId: w.studentA.id, pledgeFrom: '2024-08-01', pledgeUntil: '2025-06-30',
      }, opts()));
      expect(s).toMatchObject({ status: 'active', pledgeAmount: 250_000, pledgeStudentId: w.studentA.id });
      expect((await db.funds.listSponsors(A)).map((x) => x.name)).toEqual(['Bapak Hendra']);
      expect(await db.funds.listSponsors(w.schoolB)).toEqual([]);
      expect(await db.funds.getSponsor(w.schoolB, s.id)).toBeNull();
      expect(await db.funds.createSponsor(A, { kind: 'donatur', party: 'person', name: 'X', pledgeStudentId: w.studentB.id }, opts())).toMatchObject({ ok: false, error: { code: 'invalid' } });
      const ended = await must(db.funds.updateSponsor(A, s.id, { status: 'ended', pledgeUntil: '2024-12-31' }, opts()));
      expect(ended).toMatchObject({ status: 'ended', pledgeUntil: '2024-12-31', name: 'Bapak Hendra' });
      expect((await db.funds.listSponsors(A, { status: 'active' }))).toEqual([]);
      expect(await db.funds.updateSponsor(w.schoolB, s.id, { status: 'active' }, opts())).toMatchObject({ ok: false, error: { code: 'not_found' } });
    });

    it('donations: receipts numbered per school, direction and year; the balance is in − out; another school sees nothing', async () => {
      const A = w.schoolA;
      const donor = await must(db.funds.createSponsor(A, { kind: 'donatur', party: 'organisation', name: 'Ikatan Alumni' }, opts()));
      const fund = await must(db.funds.createFund(A, { name: 'Donasi alumni', source: 'alumni', sponsorId: donor.id }, opts()));
      expect(await db.funds.createFund(A, { name: 'Donasi alumni', source: 'alumni' }, opts())).toMatchObject({ ok: false, error: { code: 'conflict' } });
      // The same name in another school is another fund.
      await must(db.funds.createFund(w.schoolB, { name: 'Donasi alumni', source: 'alumni' }, opts()));
      const d1 = await must(db.funds.addDonation(A, { fundId: fund.id, amount: 1_500_000, date: '2024-08-01', note: 'Arisan alumni' }, opts()));
      const d2 = await must(db.funds.addDonation(A, { fundId: fund.id, amount: 500_000, date: '2024-09-01' }, opts()));
      const d3 = await must(db.funds.addDonation(A, { fundId: fund.id, amount: 100_000, date: '2025-01-02' }, opts()));
      expect([d1.receiptNumber, d2.receiptNumber, d3.receiptNumber]).toEqual(['BKM-2024-0001', 'BKM-2024-0002', 'BKM-2025-0001']);
      expect(d1.sponsorId).toBe(donor.id); // the fund's sponsor, when none is named
      // School B numbers from 1 too.
      const fb = (await db.funds.listFunds(w.schoolB))[0]!;
      expect((await must(db.funds.addDonation(w.schoolB, { fundId: fb.id, amount: 10_000, date: '2024-08-01' }, opts()))).receiptNumber).toBe('BKM-2024-0001');
      expect(await db.funds.getFund(A, fund.id)).toMatchObject({ totalIn: 2_100_000, totalOut: 0, balance: 2_100_000 });
      expect((await db.funds.listFunds(A)).map((f) => [f.name, f.balance])).toEqual([['Donasi alumni', 2_100_000]]);
      expect((await db.funds.ledger(A, fund.id)).map((e) => e.amount)).toEqual([1_500_000, 500_000, 100_000]);
      // Bad input and other schools' funds are refused, and change nothing.
      for (const amount of [0, -5, 10.5]) expect(await db.funds.addDonation(A, { fundId: fund.id, amount, date: '2024-08-01' }, opts())).toMatchObject({ ok: false, error: { code: 'invalid' } });
      expect(await db.funds.addDonation(A, { fundId: fund.id, amount: 5, date: '2024-02-30' }, opts())).toMatchObject({ ok: false, error: { code: 'invalid' } });
      expect(await db.funds.addDonation(w.schoolB, { fundId: fund.id, amount: 5, date: '2024-08-01' }, opts())).toMatchObject({ ok: false, error: { code: 'not_found' } });
      expect(await db.funds.getFund(w.schoolB, fund.id)).toBeNull();
      expect(await db.funds.ledger(w.schoolB, fund.id)).toEqual([]);
      expect((await must(db.funds.addDonation(A, { fundId: fund.id, amount: 1, date: '2024-10-01' }, opts()))).receiptNumber).toBe('BKM-2024-0003');
    });

    it('an Idempotency-Key on a donation applies it once', async () => {
      const fund = await fundWith('Dana komite', 0);
      const idem = { userId: w.kepsekA.id, key: 'donasi-1', route: 'POST /api/funds/:id/donations', requestHash: 'h1', respond: (v: { id: string }) => ({ status: 201, body: { id: v.id } }) };
      const first = await must(db.funds.addDonation(w.schoolA, { fundId: fund.id, amount: 75_000, date: '2024-08-01' }, { ...opts(), idempotency: idem }));
      const again = await db.funds.addDonation(w.schoolA, { fundId: fund.id, amount: 75_000, date: '2024-08-01' }, { ...opts(), idempotency: idem });
      expect(again).toMatchObject({ ok: false, error: { code: 'idempotency_replay', response: { status: 201, body: { id: first.id } } } });
      expect((await db.funds.getFund(w.schoolA, fund.id))!.balance).toBe(75_000);
    });

    it('a disbursement is written with the case event; over the balance it is refused and nothing changes', async () => {
      const A = w.schoolA;
      const fund = await fundWith('Dana komite', 500_000);
      const opened = (await openToyCase(w)).case;
      const refused = await pay(opened, disbursement(fund.id, 750_000, w.bkA.id));
      expect(refused.ok).toBe(false);
      if (refused.ok) return;
      expect(refused.error.code).toBe('insufficient_funds');
      expect(refused.error.details).toMatchObject({ fundName: 'Dana komite', balance: 500_000, requested: 750_000 });
      expect((refused.error.details as { message: { id: string } }).message.id).toBe('Saldo Dana komite Rp 500.000, kurang dari Rp 750.000 yang diminta.');
      expect((await db.cases.get(A, opened.id))!.version).toBe(1);
      expect(await db.cases.events(A, opened.id)).toHaveLength(1);
      expect(await db.funds.ledger(A, fund.id)).toHaveLength(1);

      const paid = await must(pay(opened, disbursement(fund.id, 300_000, w.bkA.id)));
      expect(paid.case.version).toBe(2);
      const out = paid.written!.disbursement!;
      // The refused one took no receipt number.
      expect(out).toMatchObject({ direction: 'out', amount: 300_000, caseId: opened.id, studentId: w.studentA.id, caseEventSeq: 2, receiptNumber: 'BKK-2024-0001', riskFactors: ['motivation', 'economic'], stepId: 'a', eventType: 'next' });
      expect(paid.event.seq).toBe(out.caseEventSeq);
      expect(await db.funds.getFund(A, fund.id)).toMatchObject({ totalIn: 500_000, totalOut: 300_000, balance: 200_000 });
      expect((await db.funds.entriesForCase(A, opened.id)).map((e) => e.receiptNumber)).toEqual(['BKK-2024-0001']);
    });

    it('an engine refusal after the disbursement rolls the ledger row back; another school\'s or a missing fund is refused on the field', async () => {
      const A = w.schoolA;
      const fund = await fundWith('Dana komite', 500_000);
      const opened = (await openToyCase(w)).case;
      const refuse = (): ApplyResult => ({ ok: false, error: { code: 'event_not_allowed', message: 'no', details: { code: 'guard_failed' } } });
      expect(await pay(opened, disbursement(fund.id, 100_000, w.bkA.id), refuse)).toMatchObject({ ok: false, error: { code: 'event_not_allowed' } });
      expect((await db.funds.getFund(A, fund.id))!.balance).toBe(500_000);
      const otherFund = await fundWith('Dana sekolah B', 900_000, w.schoolB);
      for (const id of [otherFund.id, 'tidak-ada']) {
        const r = await pay(opened, disbursement(id, 1_000, w.bkA.id));
        expect(r).toMatchObject({ ok: false, error: { code: 'event_not_allowed', details: { code: 'form_invalid', fields: [{ field: 'fund' }] } } });
      }
      expect((await db.funds.getFund(w.schoolB, otherFund.id))!.balance).toBe(900_000);
      expect((await db.cases.get(A, opened.id))!.version).toBe(1);
    });

    it('a fund is renamed, described, closed and reopened in its school only; a closed fund keeps its ledger and takes no donation or disbursement', async () => {
      const A = w.schoolA;
      const fund = await fundWith('Dana komite', 500_000);
      const other = await fundWith('Dana alumni', 0);
      const renamed = await must(db.funds.updateFund(A, fund.id, { name: 'Dana komite 2024', description: 'Iuran komite' }, opts()));
      expect(renamed).toMatchObject({ id: fund.id, name: 'Dana komite 2024', description: 'Iuran komite', status: 'open', source: 'komite' });
      expect(await db.funds.getFund(A, fund.id)).toMatchObject({ name: 'Dana komite 2024', description: 'Iuran komite', balance: 500_000 });
      // Another fund's name is refused; its own name is not a clash.
      expect(await db.funds.updateFund(A, fund.id, { name: 'Dana alumni' }, opts())).toMatchObject({ ok: false, error: { code: 'conflict', details: { field: 'name' } } });
      await must(db.funds.updateFund(A, fund.id, { name: 'Dana komite 2024' }, opts()));
      expect(await db.funds.updateFund(A, fund.id, { name: '  ' }, opts())).toMatchObject({ ok: false, error: { code: 'invalid' } });
      // Another school's fund is not found, and unchanged.
      expect(await db.funds.updateFund(w.schoolB, fund.id, { status: 'closed' }, opts())).toMatchObject({ ok: false, error: { code: 'not_found' } });
      expect((await db.funds.getFund(A, fund.id))!.status).toBe('open');
      await must(db.funds.updateFund(A, fund.id, { description: null }, opts()));

      const closed = await must(db.funds.updateFund(A, fund.id, { status: 'closed' }, opts()));
      expect(closed).toMatchObject({ status: 'closed', name: 'Dana komite 2024', description: null });
      expect(await db.funds.getFund(A, fund.id)).toMatchObject({ status: 'closed', balance: 500_000, totalIn: 500_000 });
      expect(await db.funds.ledger(A, fund.id)).toHaveLength(1);
      expect((await db.funds.listFunds(A, { status: 'open' })).map((f) => f.name)).toEqual(['Dana alumni']);
      // A donation into a closed fund is refused, with its name in the words, and takes no receipt.
      const gift = await db.funds.addDonation(A, { fundId: fund.id, amount: 10_000, date: '2024-08-02' }, opts());
      expect(gift).toMatchObject({ ok: false, error: { code: 'invalid' } });
      if (!gift.ok) expect(gift.error.message).toContain('Dana “Dana komite 2024” sudah ditutup');
      // A disbursement from it is refused on the field, naming it; no event, no ledger row.
      const opened = (await openToyCase(w)).case;
      const paid = await pay(opened, disbursement(fund.id, 100_000, w.bkA.id));
      expect(paid).toMatchObject({ ok: false, error: { code: 'event_not_allowed', details: { code: 'form_invalid', fields: [{ field: 'fund', message: { id: 'Dana “Dana komite 2024” sudah ditutup; pilih dana lain.' } }] } } });
      expect((await db.cases.get(A, opened.id))!.version).toBe(1);
      expect(await db.cases.events(A, opened.id)).toHaveLength(1);
      expect(await db.funds.ledger(A, fund.id)).toHaveLength(1);
      expect(await db.funds.entriesForCase(A, opened.id)).toEqual([]);

      // Reopened, it takes money again; the receipts carry on from where they were.
      expect(await must(db.funds.updateFund(A, fund.id, { status: 'open' }, opts()))).toMatchObject({ status: 'open' });
      expect((await must(db.funds.addDonation(A, { fundId: fund.id, amount: 10_000, date: '2024-08-03' }, opts()))).receiptNumber).toBe('BKM-2024-0002');
      expect((await must(pay(opened, disbursement(fund.id, 100_000, w.bkA.id)))).written!.disbursement!.receiptNumber).toBe('BKK-2024-0001');
      expect((await db.funds.getFund(A, fund.id))!.balance).toBe(410_000);
    });

    it('disbursements racing for one fund never overdraw it', async () => {
      const A = w.schoolA;
      const fund = await fundWith('Dana orang tua asuh', 1_000_000);
      const rows: CaseRow[] = [];
      for (let i = 0; i < 8; i++) rows.push((await openToyCase(w)).case);
      const results = await Promise.all(rows.map((r) => pay(r, disbursement(fund.id, 300_000, w.bkA.id))));
      const won = results.filter((r) => r.ok);
      const short = results.filter((r) => !r.ok && r.error.code === 'insufficient_funds');
      expect(won).toHaveLength(3);
      expect(short).toHaveLength(5);
      expect(await db.funds.getFund(A, fund.id)).toMatchObject({ totalOut: 900_000, balance: 100_000 });
      const receipts = (await db.funds.ledger(A, fund.id)).filter((e) => e.direction === 'out').map((e) => e.receiptNumber).sort();
      expect(receipts).toEqual(['BKK-2024-0001', 'BKK-2024-0002', 'BKK-2024-0003']);
      // Exactly the winners moved.
      const versions = await Promise.all(rows.map(async (r) => (await db.cases.get(A, r.id))!.version));
      expect(versions.filter((v) => v === 2)).toHaveLength(3);
    });

    it('erasure keeps the amounts for the books but not the student', async () => {
      const A = w.schoolA;
      const fund = await fundWith('Dana komite', 500_000);
      const sponsor = await must(db.funds.createSponsor(A, { kind: 'orang_tua_asuh', party: 'person', name: 'Ibu Sari', pledgeStudentId: w.studentA.id }, opts()));
      const opened = (await openToyCase(w)).case;
      await must(pay(opened, { ...disbursement(fund.id, 200_000, w.bkA.id), note: 'Untuk Ani' }));
      await must(db.students.erase(A, w.studentA.id, { now: T0, actorId: w.kepsekA.id }));
      const out = (await db.funds.ledger(A, fund.id)).find((e) => e.direction === 'out')!;
      expect(out).toMatchObject({ amount: 200_000, receiptNumber: 'BKK-2024-0001', studentId: null, caseId: null, caseEventSeq: null, note: null, riskFactors: ['motivation', 'economic'] });
      expect((await db.funds.getSponsor(A, sponsor.id))!.pledgeStudentId).toBeNull();
      expect((await db.funds.getFund(A, fund.id))!.balance).toBe(300_000);
      expect(await db.funds.entriesForCase(A, opened.id)).toEqual([]);
    });
  });
}
