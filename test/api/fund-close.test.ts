/**
 * Issue 15 follow-up through the real API (real engine, `srps-standar` as
 * published, temp SQLite file): a fund is renamed and closed with
 * `PATCH /api/registers/funds/{id}` by the kepsek or guru BK (not the wali
 * kelas or the Satgas; another school's fund is 404), a name another fund has
 * is 409 `duplicate` in the caller's language, and a closed fund keeps its
 * ledger and balance but refuses a donation and the funding step's
 * disbursement with 422 — naming the fund, writing nothing (no event, no
 * ledger row, no receipt number) — and leaves the step's picker; reopened,
 * it pays again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixture, fixtureApp, type Fixture, type FixtureApp } from '@jalur/api/testing';
import { fundSteps, ok, shape } from './fund-steps.ts';

let f: Fixture;
let api: FixtureApp;

beforeAll(async () => {
  f = await createFixture({ studentsPerSchool: 3 });
  api = fixtureApp(f);
}, 60_000);
afterAll(async () => f?.close());

const { send, atFunding } = fundSteps(() => ({ f, api }));
const ledger = async (fundId: string) => ok<any>(await api.call(f.a.users.kepsek, 'GET', `/api/registers/funds/${fundId}`), 'ledger');

describe('renaming and closing a fund through the API', () => {
  let komite: { id: string };
  let alumni: { id: string };

  it('the kepsek and guru BK rename and describe a fund; others may not; a taken name is 409; bad bodies are 400', async () => {
    const { kepsek, guru_bk: bk } = f.a.users;
    komite = ok(await api.call(kepsek, 'POST', '/api/registers/funds', { name: 'Dana komite', source: 'komite' }), 'fund');
    alumni = ok(await api.call(kepsek, 'POST', '/api/registers/funds', { name: 'Donasi alumni', source: 'alumni' }), 'fund');
    ok(await api.call(bk, 'POST', `/api/registers/funds/${komite.id}/donations`, { amount: 500_000, date: '2026-02-01' }), 'donation');

    const renamed = ok<any>(await api.call(kepsek, 'PATCH', `/api/registers/funds/${komite.id}`, { name: '  Dana komite 2026  ', description: 'Iuran komite sekolah' }), 'rename');
    expect(renamed).toMatchObject({ id: komite.id, name: 'Dana komite 2026', description: 'Iuran komite sekolah', status: 'open', balance: 500_000, balanceText: 'Rp 500.000', sourceLabel: { id: 'Komite sekolah' } });
    const described = ok<any>(await api.call(bk, 'PATCH', `/api/registers/funds/${komite.id}`, { description: '' }), 'describe');
    expect(described).toMatchObject({ name: 'Dana komite 2026', description: null });

    const dup = await api.call(bk, 'PATCH', `/api/registers/funds/${komite.id}`, { name: 'Donasi alumni' });
    expect(dup.status).toBe(409);
    shape(dup);
    expect(dup.body.error.code).toBe('duplicate');
    expect(dup.body.error.message).toBe('Nama dana sudah dipakai dana lain di sekolah ini');
    expect(dup.body.error.details).toMatchObject({ field: 'name' });
    const dupEn = await api.call(bk, 'PATCH', `/api/registers/funds/${komite.id}`, { name: 'Donasi alumni' }, { 'accept-language': 'en' });
    expect(dupEn.body.error.message).toBe('another fund of this school has that name');

    for (const bad of [{}, { name: '' }, { name: '   ' }, { name: 'x'.repeat(121) }, { status: 'active' }, { status: 'ended' }, { name: 'Ok', extra: 1 }, { description: 5 }]) {
      const r = await api.call(kepsek, 'PATCH', `/api/registers/funds/${komite.id}`, bad);
      expect(r.status, JSON.stringify(bad)).toBe(400);
      shape(r);
    }
    for (const u of [f.a.users.wali_kelas, f.a.users.tim, f.dinas]) {
      const r = await api.call(u, 'PATCH', `/api/registers/funds/${komite.id}`, { status: 'closed' });
      expect(r.status, u.role).toBe(403);
      shape(r);
    }
    expect((await api.call(null, 'PATCH', `/api/registers/funds/${komite.id}`, { status: 'closed' })).status).toBe(401);
    const other = await api.call(f.b.users.kepsek, 'PATCH', `/api/registers/funds/${komite.id}`, { status: 'closed', name: 'Punya B' });
    expect(other.status).toBe(404);
    shape(other);
    expect((await api.call(kepsek, 'PATCH', '/api/registers/funds/dana-tidak-ada', { status: 'closed' })).status).toBe(404);
    expect(await ledger(komite.id)).toMatchObject({ name: 'Dana komite 2026', status: 'open', balance: 500_000 });
    const audit = await f.db.audit.list(f.a.id, { action: 'fund.update', subject: `fund:${komite.id}` });
    expect(audit).toHaveLength(2);
  });

  it('a closed fund keeps its ledger, refuses a donation and a disbursement with nothing written, and leaves the picker; reopened, it pays', async () => {
    const { kepsek, guru_bk: bk } = f.a.users;
    const caseId = await atFunding(0);
    const closed = ok<any>(await api.call(bk, 'PATCH', `/api/registers/funds/${komite.id}`, { status: 'closed' }), 'close');
    expect(closed).toMatchObject({ status: 'closed', balance: 500_000, name: 'Dana komite 2026' });
    expect(await ledger(komite.id)).toMatchObject({ status: 'closed', totalIn: 500_000, balance: 500_000, entries: [{ receiptNumber: 'BKM-2026-0001' }] });
    const picker = ok<any>(await api.call(bk, 'GET', '/api/registers/funds?open=true'), 'picker');
    expect(picker.items.map((x: { name: string }) => x.name)).toEqual(['Donasi alumni']);
    const all = ok<any>(await api.call(bk, 'GET', '/api/registers/funds'), 'all');
    expect(all.items.map((x: { name: string; status: string }) => [x.name, x.status])).toEqual([['Dana komite 2026', 'closed'], ['Donasi alumni', 'open']]);

    const gift = await api.call(bk, 'POST', `/api/registers/funds/${komite.id}/donations`, { amount: 100_000, date: '2026-02-02' });
    expect(gift.status).toBe(422);
    shape(gift);
    expect(gift.body.error.message).toContain('Dana “Dana komite 2026” sudah ditutup');
    const giftEn = await api.call(bk, 'POST', `/api/registers/funds/${komite.id}/donations`, { amount: 100_000, date: '2026-02-02' }, { 'accept-language': 'en' });
    expect(giftEn.body.error.message).toContain('the fund “Dana komite 2026” is closed');

    const before = (await f.db.cases.get(f.a.id, caseId))!;
    const eventsBefore = (await f.db.cases.events(f.a.id, caseId)).length;
    const pay = await send(caseId, 'DANA_TERSALURKAN', { aidType: 'beasiswa', amount: 100_000, fund: komite.id });
    expect(pay.status).toBe(422);
    shape(pay);
    expect(pay.body.error.details.fields).toEqual([{ field: 'fund', message: { id: 'Dana “Dana komite 2026” sudah ditutup; pilih dana lain.', en: 'The fund “Dana komite 2026” is closed; choose another one.' } }]);
    const after = (await f.db.cases.get(f.a.id, caseId))!;
    expect(after.version).toBe(before.version);
    expect(after.stateValue).toBe(before.stateValue);
    expect((await f.db.cases.events(f.a.id, caseId)).length).toBe(eventsBefore);
    expect(await f.db.funds.entriesForCase(f.a.id, caseId)).toEqual([]);
    expect(await ledger(komite.id)).toMatchObject({ totalIn: 500_000, totalOut: 0, balance: 500_000 });
    expect((await ledger(komite.id)).entries).toHaveLength(1);

    const reopened = ok<any>(await api.call(kepsek, 'PATCH', `/api/registers/funds/${komite.id}`, { status: 'open' }), 'reopen');
    expect(reopened.status).toBe('open');
    const paid = await send(caseId, 'DANA_TERSALURKAN', { aidType: 'beasiswa', amount: 100_000, fund: komite.id });
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    // The refusals took no receipt number.
    expect(await ledger(komite.id)).toMatchObject({ balance: 400_000, entries: [{ direction: 'out', receiptNumber: 'BKK-2026-0001' }, { receiptNumber: 'BKM-2026-0001' }] });
    expect((ok<any>(await api.call(bk, 'POST', `/api/registers/funds/${komite.id}/donations`, { amount: 1_000, date: '2026-02-03' }), 'donation again')).entry.receiptNumber).toBe('BKM-2026-0002');
  });
});
