/**
 * Issue 15's orang tua asuh, donors and fund ledger through the real API
 * (real engine, `srps-standar` as published, temp SQLite file): the kepsek
 * registers a donor and a foster parent and their funds, the guru BK records
 * donations (numbered BKM receipts, Idempotency-Key), and the funding and
 * foster-parent steps of real cases pick a fund: the amount is paid out with
 * the event (BKK receipt, the student and step named in the ledger), an
 * amount over the balance is refused with 422 `insufficient_funds` naming
 * the fund, its balance and the amount — and nothing changes (no event, no
 * ledger row, no receipt number taken). Two disbursements racing for one
 * fund never overdraw it. Access: kepsek and guru BK write, the Satgas
 * reads, wali kelas and dinas none, another school's fund is 404. Bad input
 * is 4xx with the error shape, never 5xx.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixture, fixtureApp, type Fixture, type FixtureApp } from '@jalur/api/testing';
import { fundSteps, ok, shape } from './fund-steps.ts';
import type { User } from '../../packages/db/src/index.ts';

let f: Fixture;
let api: FixtureApp;
let kepsek: User;
let bk: User;

beforeAll(async () => {
  f = await createFixture({ studentsPerSchool: 6 });
  api = fixtureApp(f);
  kepsek = f.a.users.kepsek;
  bk = f.a.users.guru_bk;
}, 60_000);
afterAll(async () => f?.close());

const { send, approve, atFunding } = fundSteps(() => ({ f, api }));

const fundState = async (fundId: string) => ok<any>(await api.call(kepsek, 'GET', `/api/registers/funds/${fundId}`), 'ledger');

describe('fund ledger through the API', () => {
  let donorId: string;
  let komite: { id: string };
  let ota: { id: string };

  it('registers sponsors with normalised phones and pledges; bad input is 4xx', async () => {
    const donor = ok<any>(await api.call(kepsek, 'POST', '/api/registers/sponsors', {
      kind: 'donatur', party: 'organisation', name: 'Komite Sekolah A', phone: '0812-3456-7890', pledgeAmount: 500_000, pledgePeriod: 'monthly', pledgeFrom: '2026-01-01',
    }), 'donor');
    expect(donor).toMatchObject({ phone: '6281234567890', kindLabel: { id: 'Donatur' }, pledge: { amountText: 'Rp 500.000', periodLabel: { id: 'per bulan' } }, status: 'active' });
    donorId = donor.id;
    const foster = ok<any>(await api.call(bk, 'POST', '/api/registers/sponsors', {
      kind: 'orang_tua_asuh', party: 'person', name: 'Bapak Hendra', pledgeAmount: 300_000, pledgePeriod: 'monthly', pledgeStudentId: f.a.students[1]!.id, pledgeFrom: '2026-02-01', pledgeUntil: '2026-12-31',
    }), 'foster parent');
    expect(foster.pledge.student).toEqual({ id: f.a.students[1]!.id, name: f.a.students[1]!.name });
    const phone = await api.call(kepsek, 'POST', '/api/registers/sponsors', { kind: 'donatur', party: 'person', name: 'X', phone: '12345' });
    expect(phone.status).toBe(422);
    expect(phone.body.error.code).toBe('invalid_phone');
    for (const bad of [
      { kind: 'donatur', party: 'person', name: '' },
      { kind: 'bukan', party: 'person', name: 'X' },
      { kind: 'donatur', party: 'person', name: 'X', pledgeAmount: 1.5 },
      { kind: 'donatur', party: 'person', name: 'X', pledgeFrom: '2026-02-30' },
      { kind: 'donatur', party: 'person', name: 'X', extra: 1 },
    ]) {
      const r = await api.call(kepsek, 'POST', '/api/registers/sponsors', bad);
      expect(r.status, JSON.stringify(bad)).toBe(400);
      shape(r);
    }
    // A pledge to another school's student is refused on its field.
    const other = await api.call(kepsek, 'POST', '/api/registers/sponsors', { kind: 'orang_tua_asuh', party: 'person', name: 'Y', pledgeStudentId: f.b.students[0]!.id });
    expect(other.status).toBe(422);
    expect(other.body.error.details).toMatchObject({ field: 'pledgeStudentId' });
    const ended = ok<any>(await api.call(kepsek, 'PATCH', `/api/registers/sponsors/${foster.id}`, { status: 'ended' }), 'end');
    expect(ended).toMatchObject({ status: 'ended', statusLabel: { id: 'Berakhir' }, name: 'Bapak Hendra' });
    ok(await api.call(kepsek, 'PATCH', `/api/registers/sponsors/${foster.id}`, { status: 'active' }), 'active again');
    const list = ok<any>(await api.call(kepsek, 'GET', '/api/registers/sponsors'), 'list');
    expect(list.items.map((s: { name: string }) => s.name)).toEqual(['Bapak Hendra', 'Komite Sekolah A']);
    expect(list.canWrite).toBe(true);
  });

  it('creates funds and records donations with BKM receipts; an Idempotency-Key applies a donation once', async () => {
    komite = ok(await api.call(kepsek, 'POST', '/api/registers/funds', { name: 'Dana komite', source: 'komite', sponsorId: donorId }), 'fund');
    const dup = await api.call(kepsek, 'POST', '/api/registers/funds', { name: 'Dana komite', source: 'komite' });
    expect(dup.status).toBe(409);
    shape(dup);
    const sponsors = ok<any>(await api.call(kepsek, 'GET', '/api/registers/sponsors?kind=orang_tua_asuh'), 'foster parents');
    ota = ok(await api.call(bk, 'POST', '/api/registers/funds', { name: 'Dana orang tua asuh Bapak Hendra', source: 'orang_tua_asuh', sponsorId: sponsors.items[0].id }), 'ota fund');

    const first = await api.call(bk, 'POST', `/api/registers/funds/${komite.id}/donations`, { amount: 500_000, date: '2026-02-01', note: 'Iuran komite Februari' }, { 'idempotency-key': 'donasi-komite-1' });
    expect(first.status).toBe(201);
    expect(first.body.entry).toMatchObject({ receiptNumber: 'BKM-2026-0001', amountText: 'Rp 500.000', sponsor: { name: 'Komite Sekolah A' }, directionLabel: { id: 'Donasi masuk' } });
    expect(first.body.fund).toMatchObject({ balance: 500_000, balanceText: 'Rp 500.000' });
    const again = await api.call(bk, 'POST', `/api/registers/funds/${komite.id}/donations`, { amount: 500_000, date: '2026-02-01', note: 'Iuran komite Februari' }, { 'idempotency-key': 'donasi-komite-1' });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.entry.receiptNumber).toBe('BKM-2026-0001');
    const changed = await api.call(bk, 'POST', `/api/registers/funds/${komite.id}/donations`, { amount: 1, date: '2026-02-01' }, { 'idempotency-key': 'donasi-komite-1' });
    expect(changed.status).toBe(422);
    ok(await api.call(kepsek, 'POST', `/api/registers/funds/${ota.id}/donations`, { amount: 300_000, date: '2026-02-01' }), 'ota donation');
    expect((await fundState(komite.id))).toMatchObject({ totalIn: 500_000, balance: 500_000, entries: [{ receiptNumber: 'BKM-2026-0001' }] });
    for (const bad of [{ amount: 0, date: '2026-02-01' }, { amount: -5, date: '2026-02-01' }, { amount: 10.5, date: '2026-02-01' }, { amount: 5, date: 'kemarin' }, { amount: '5', date: '2026-02-01' }]) {
      const r = await api.call(bk, 'POST', `/api/registers/funds/${komite.id}/donations`, bad);
      expect(r.status, JSON.stringify(bad)).toBe(400);
      shape(r);
    }
    const funds = ok<any>(await api.call(bk, 'GET', '/api/registers/funds?open=true'), 'funds');
    expect(funds.items.map((x: any) => [x.name, x.balanceText])).toEqual([['Dana komite', 'Rp 500.000'], ['Dana orang tua asuh Bapak Hendra', 'Rp 300.000']]);
  });

  it('who may read and write, and another school sees nothing', async () => {
    const tim = f.a.users.tim;
    expect((await api.call(tim, 'GET', '/api/registers/funds')).status).toBe(200);
    expect((await api.call(tim, 'GET', `/api/registers/funds/${komite.id}`)).status).toBe(200);
    expect((await api.call(tim, 'GET', '/api/registers/sponsors')).status).toBe(200);
    expect((await api.call(tim, 'POST', '/api/registers/funds', { name: 'Dana tim', source: 'lainnya' })).status).toBe(403);
    expect((await api.call(tim, 'POST', `/api/registers/funds/${komite.id}/donations`, { amount: 5, date: '2026-02-01' })).status).toBe(403);
    for (const u of [f.a.users.wali_kelas, f.dinas]) {
      for (const path of ['/api/registers/funds', `/api/registers/funds/${komite.id}`, '/api/registers/sponsors']) {
        const r = await api.call(u, 'GET', path);
        expect(r.status, `${u.role} ${path}`).toBe(403);
        shape(r);
      }
    }
    expect((await api.call(null, 'GET', '/api/registers/funds')).status).toBe(401);
    const otherKepsek = f.b.users.kepsek;
    expect((await api.call(otherKepsek, 'GET', `/api/registers/funds/${komite.id}`)).status).toBe(404);
    expect((await api.call(otherKepsek, 'POST', `/api/registers/funds/${komite.id}/donations`, { amount: 5, date: '2026-02-01' })).status).toBe(404);
    expect((await api.call(otherKepsek, 'PATCH', `/api/registers/sponsors/${donorId}`, { status: 'ended' })).status).toBe(404);
    expect(ok<any>(await api.call(otherKepsek, 'GET', '/api/registers/funds'), 'b funds').items).toEqual([]);
    expect((await fundState(komite.id)).balance).toBe(500_000);
  });

  it('the funding step pays out of the fund it picks; over the balance it is refused by name and nothing changes', async () => {
    const caseId = await atFunding(0);
    const before = (await f.db.cases.get(f.a.id, caseId))!;
    const eventsBefore = (await f.db.cases.events(f.a.id, caseId)).length;

    const refused = await send(caseId, 'DANA_TERSALURKAN', { aidType: 'beasiswa', amount: 750_000, fund: komite.id });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('insufficient_funds');
    expect(refused.body.error.message).toBe('Saldo Dana komite Rp 500.000, kurang dari Rp 750.000 yang diminta.');
    expect(refused.body.error.details).toMatchObject({ fundName: 'Dana komite', balance: 500_000, requested: 750_000, fields: [{ field: 'fund' }] });
    const english = await send(caseId, 'DANA_TERSALURKAN', { aidType: 'beasiswa', amount: 750_000, fund: komite.id }, bk, { 'accept-language': 'en' });
    expect(english.body.error.message).toBe('The balance of Dana komite is Rp 500.000, less than the Rp 750.000 requested.');
    // Nothing changed: the case, its events, the ledger, the receipt numbers.
    const after = (await f.db.cases.get(f.a.id, caseId))!;
    expect(after.version).toBe(before.version);
    expect(after.stateValue).toBe(before.stateValue);
    expect((await f.db.cases.events(f.a.id, caseId)).length).toBe(eventsBefore);
    expect((await fundState(komite.id))).toMatchObject({ totalOut: 0, balance: 500_000 });
    expect(await f.db.funds.entriesForCase(f.a.id, caseId)).toEqual([]);

    // Another school's fund, or none at all, is refused on the field.
    const otherFund = ok<any>(await api.call(f.b.users.kepsek, 'POST', '/api/registers/funds', { name: 'Dana B', source: 'komite' }), 'b fund');
    ok(await api.call(f.b.users.kepsek, 'POST', `/api/registers/funds/${otherFund.id}/donations`, { amount: 9_000_000, date: '2026-02-01' }), 'b donation');
    for (const fund of [otherFund.id, 'dana-tidak-ada']) {
      const r = await send(caseId, 'DANA_TERSALURKAN', { aidType: 'beasiswa', amount: 100_000, fund });
      expect(r.status).toBe(422);
      expect(r.body.error.code).toBe('form_invalid');
      expect(r.body.error.details.fields).toEqual([expect.objectContaining({ field: 'fund' })]);
    }
    expect(ok<any>(await api.call(f.b.users.kepsek, 'GET', `/api/registers/funds/${otherFund.id}`), 'b ledger').balance).toBe(9_000_000);
    // Sen are not rupiah.
    const sen = await send(caseId, 'DANA_TERSALURKAN', { aidType: 'beasiswa', amount: 100_000.5, fund: komite.id });
    expect(sen.status).toBe(422);
    expect(sen.body.error.details.fields).toEqual([expect.objectContaining({ field: 'amount' })]);

    const paid = await send(caseId, 'DANA_TERSALURKAN', { aidType: 'beasiswa', amount: 300_000, fund: komite.id }, bk, { 'idempotency-key': 'cair-1' });
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    const replay = await api.call(bk, 'POST', `/api/cases/${caseId}/events`, { type: 'DANA_TERSALURKAN', expectedVersion: after.version, data: { aidType: 'beasiswa', amount: 300_000, fund: komite.id } }, { 'idempotency-key': 'cair-1' });
    expect(replay.status).toBe(200);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    const ledger = await fundState(komite.id);
    expect(ledger).toMatchObject({ totalIn: 500_000, totalOut: 300_000, balance: 200_000, balanceText: 'Rp 200.000' });
    const out = ledger.entries.find((e: any) => e.direction === 'out');
    expect(out).toMatchObject({
      receiptNumber: 'BKK-2026-0001', amountText: 'Rp 300.000', directionLabel: { id: 'Penyaluran' }, step: { id: 'Penggalangan dana / bantuan biaya' },
      student: { name: f.a.students[0]!.name, caseId, erased: false }, sponsor: { name: 'Komite Sekolah A' },
    });
    const rows = await f.db.funds.entriesForCase(f.a.id, caseId);
    expect(rows).toHaveLength(1);
    const events = await f.db.cases.events(f.a.id, caseId);
    expect(events.at(-1)).toMatchObject({ type: 'DANA_TERSALURKAN', seq: rows[0]!.caseEventSeq });
    // A Satgas member not on the case reads the ledger without the student's name.
    const timView = ok<any>(await api.call(f.a.users.tim, 'GET', `/api/registers/funds/${komite.id}`), 'tim ledger');
    expect(timView.entries.find((e: any) => e.direction === 'out').student).toEqual({ name: null, caseId: null, erased: false });
    expect(JSON.stringify(timView)).not.toContain(f.a.students[0]!.name);
  });

  it('the foster-parent step picks the foster parent\'s fund and pays the first month', async () => {
    const caseId = await atFunding(1);
    ok(await send(caseId, 'CARI_ORANG_TUA_ASUH', { aidType: 'beasiswa' }), 'look for a foster parent');
    const noFund = await send(caseId, 'OTA_DITETAPKAN', { monthlySupport: 300_000 }, kepsek);
    expect(noFund.status).toBe(422); // the fund is required (or the approval is missing first)
    await approve(caseId);
    const missing = await send(caseId, 'OTA_DITETAPKAN', { monthlySupport: 300_000 }, kepsek);
    expect(missing.status).toBe(422);
    expect(missing.body.error.code).toBe('form_invalid');
    expect(missing.body.error.details.fields.map((x: any) => x.field)).toContain('fund');
    const over = await send(caseId, 'OTA_DITETAPKAN', { fund: ota.id, monthlySupport: 350_000 }, kepsek);
    expect(over.status).toBe(422);
    expect(over.body.error.message).toBe('Saldo Dana orang tua asuh Bapak Hendra Rp 300.000, kurang dari Rp 350.000 yang diminta.');
    ok(await send(caseId, 'OTA_DITETAPKAN', { fund: ota.id, monthlySupport: 300_000, startDate: '2026-02-03' }, kepsek), 'foster parent assigned');
    const ledger = await fundState(ota.id);
    expect(ledger).toMatchObject({ balance: 0, entries: [{ direction: 'out', receiptNumber: 'BKK-2026-0002', step: { id: 'Penetapan orang tua asuh' } }, { direction: 'in' }] });
  });

  it('two disbursements racing for one fund: one is paid, the other refused, never an overdraft', async () => {
    const fund = ok<any>(await api.call(kepsek, 'POST', '/api/registers/funds', { name: 'Donasi alumni', source: 'alumni' }), 'fund');
    ok(await api.call(kepsek, 'POST', `/api/registers/funds/${fund.id}/donations`, { amount: 1_000_000, date: '2026-02-02' }), 'donation');
    const cases = [await atFunding(2), await atFunding(3)];
    const results = await Promise.all(cases.map((id) => send(id, 'DANA_TERSALURKAN', { aidType: 'beasiswa', amount: 600_000, fund: fund.id })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 422]);
    expect(results.find((r) => r.status === 422)!.body.error.code).toBe('insufficient_funds');
    expect((await fundState(fund.id))).toMatchObject({ totalOut: 600_000, balance: 400_000 });
  });
});
