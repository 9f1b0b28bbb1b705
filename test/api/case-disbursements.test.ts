/**
 * A case's own "Bantuan dana" (issue 15, the case page): `GET
 * /api/cases/{id}/disbursements` lists what the fund ledger paid out for that
 * case — date, fund, amount as `Rp 1.500.000`, the BKK receipt and the step
 * whose event paid it — with the total. Through the real API (real engine,
 * `srps-standar` as published, temp SQLite file): after the funding step
 * picks a fund, the guru BK and the kepsek see the disbursement on the case;
 * a wali kelas (no fund ledger) gets 403, another school's staff 404, a case
 * with nothing paid an empty list; bad ids are 4xx with the error shape.
 * And on the demo seed, on SQLite and on a throwaway PostgreSQL server: each
 * case the cohort's ledger paid for answers exactly its ledger rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, ManualClock } from '@jalur/api';
import { createFixture, fixtureApp, type Fixture, type FixtureApp } from '@jalur/api/testing';
import { fundSteps, ok, shape } from './fund-steps.ts';
import { formatRupiah, type FundEntryRow, type User } from '../../packages/db/src/index.ts';
import { openDemoDb, DEMO_NOW, type SeededDb } from '../reports/demo-db.ts';
import { openPgDemoDb } from '../reports/pg-demo-db.ts';

let f: Fixture;
let api: FixtureApp;
let kepsek: User;
let bk: User;

beforeAll(async () => {
  f = await createFixture({ studentsPerSchool: 4 });
  api = fixtureApp(f);
  kepsek = f.a.users.kepsek;
  bk = f.a.users.guru_bk;
}, 60_000);
afterAll(async () => f?.close());

const { send, atFunding } = fundSteps(() => ({ f, api }));

describe('a case\'s own disbursements', () => {
  let caseId: string;
  let quiet: string;

  beforeAll(async () => {
    const fund = ok<{ id: string }>(await api.call(kepsek, 'POST', '/api/registers/funds', { name: 'Dana komite', source: 'komite' }), 'fund');
    ok(await api.call(kepsek, 'POST', `/api/registers/funds/${fund.id}/donations`, { amount: 2_000_000, date: '2026-02-01' }), 'donation');
    caseId = await atFunding(0);
    quiet = await atFunding(1);
    ok(await send(caseId, 'DANA_TERSALURKAN', { aidType: 'beasiswa', amount: 1_500_000, fund: fund.id }), 'paid');
  }, 60_000);

  it('the guru BK and the kepsek see what the funding step paid, with the total', async () => {
    for (const u of [bk, kepsek]) {
      const body = ok<any>(await api.call(u, 'GET', `/api/cases/${caseId}/disbursements`), u.role);
      expect(body.items).toHaveLength(1);
      expect(body.items[0]).toMatchObject({
        fund: { name: 'Dana komite' }, amount: 1_500_000, amountText: 'Rp 1.500.000', receiptNumber: 'BKK-2026-0001',
        step: { id: 'Penggalangan dana / bantuan biaya' }, recordedBy: bk.name,
      });
      expect(body.items[0].date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(body).toMatchObject({ total: 1_500_000, totalText: 'Rp 1.500.000' });
    }
    // A case nothing was paid for: an empty list, total 0.
    expect(ok<any>(await api.call(bk, 'GET', `/api/cases/${quiet}/disbursements`), 'quiet')).toEqual({ items: [], total: 0, totalText: 'Rp 0' });
  });

  it('wali kelas and dinas 403, a Satgas member not on the case and another school 404, never 5xx', async () => {
    for (const u of [f.a.users.wali_kelas, f.dinas]) {
      const r = await api.call(u, 'GET', `/api/cases/${caseId}/disbursements`);
      expect(r.status, u.role).toBe(403);
      shape(r);
    }
    const tim = await api.call(f.a.users.tim, 'GET', `/api/cases/${caseId}/disbursements`);
    expect(tim.status).toBe(404);
    shape(tim);
    for (const u of [f.b.users.kepsek, f.b.users.guru_bk]) {
      const r = await api.call(u, 'GET', `/api/cases/${caseId}/disbursements`);
      expect(r.status, `other school ${u.role}`).toBe(404);
      shape(r);
      expect(JSON.stringify(r.body)).not.toContain('BKK-');
    }
    expect((await api.call(null, 'GET', `/api/cases/${caseId}/disbursements`)).status).toBe(401);
    for (const id of ['tidak-ada', 'x'.repeat(500), '%00']) {
      const r = await api.call(bk, 'GET', `/api/cases/${id}/disbursements`);
      expect([400, 404], id).toContain(r.status);
      shape(r);
    }
  });

  it('is in the OpenAPI document', async () => {
    const doc = ok<any>(await api.call(null, 'GET', '/api/openapi.json'), 'openapi');
    expect(doc.paths['/api/cases/{id}/disbursements']?.get?.responses?.['200']).toBeDefined();
  });
});

describe.each([
  ['SQLite', openDemoDb as () => Promise<SeededDb>],
  ['PostgreSQL', openPgDemoDb as () => Promise<SeededDb>],
])('the demo cohort\'s disbursements per case (%s)', (_dialect, open) => {
  let demo: SeededDb;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    demo = await open();
    app = createApp({ db: demo.db, clock: new ManualClock(DEMO_NOW) });
  }, 240_000);
  afterAll(async () => demo?.close());

  async function get(email: string, path: string) {
    const user = await demo.user(email);
    const { token } = await demo.db.sessions.create({ userId: user.id, now: DEMO_NOW });
    const res = await app.request(`/api${path}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, body: (await res.json()) as any };
  }

  it('every paid case lists its ledger rows, oldest first, with the total; the other school gets 404', async () => {
    const schoolOfCase = new Map<string, string>();
    const byCase = new Map<string, FundEntryRow[]>();
    const names = new Map<string, string>();
    for (const school of [demo.schoolA, demo.schoolB]) {
      for (const fund of await demo.db.funds.listFunds(school)) {
        names.set(fund.id, fund.name);
        for (const e of await demo.db.funds.ledger(school, fund.id)) {
          if (e.direction !== 'out' || !e.caseId) continue;
          byCase.set(e.caseId, [...(byCase.get(e.caseId) ?? []), e]);
          schoolOfCase.set(e.caseId, school);
        }
      }
    }
    expect(byCase.size, 'the demo seed paid aid for some cases').toBeGreaterThan(0);
    for (const [caseId, rows] of byCase) {
      const own = schoolOfCase.get(caseId) === demo.schoolA ? 'a' : 'b';
      const r = await get(`bk@sekolah-${own}.demo`, `/cases/${caseId}/disbursements`);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      const sorted = [...rows].sort((x, y) => x.entryDate.localeCompare(y.entryDate) || x.recordedAt.getTime() - y.recordedAt.getTime());
      expect(r.body.items.map((i: any) => [i.receiptNumber, i.date, i.fund.name, i.amountText])).toEqual(sorted.map((e) => [e.receiptNumber, e.entryDate, names.get(e.fundId), formatRupiah(e.amount)]));
      for (const i of r.body.items) expect(i.step.id).not.toBe('');
      const total = rows.reduce((sum, e) => sum + e.amount, 0);
      expect(r.body).toMatchObject({ total, totalText: formatRupiah(total) });
      const other = await get(`bk@sekolah-${own === 'a' ? 'b' : 'a'}.demo`, `/cases/${caseId}/disbursements`);
      expect(other.status).toBe(404);
      expect(other.body.error.code).toBe('not_found');
      expect(JSON.stringify(other.body)).not.toContain('BKK-');
    }
  });
});
