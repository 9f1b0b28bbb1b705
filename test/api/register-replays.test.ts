/**
 * An Idempotency-Key on every register create (`createOnce`,
 * apps/api/src/http/idempotent-create.ts) through the real API on a temp
 * SQLite file: the same key and body a second time answers 201 with the
 * first answer, marked `Idempotent-Replayed: true`, and records nothing
 * again; the same key with another body is 422 `idempotency_mismatch`; a
 * refusal (a student already a peer counsellor) stays a refusal with a key.
 * (Partners, group sessions and donations: registers.test.ts, fund-ledger.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixture, fixtureApp, type Fixture, type FixtureApp } from '@jalur/api/testing';
import type { User } from '../../packages/db/src/index.ts';

let f: Fixture;
let api: FixtureApp;
let bk: User;

beforeAll(async () => {
  f = await createFixture({ studentsPerSchool: 3 });
  api = fixtureApp(f);
  bk = f.a.users.guru_bk;
}, 60_000);
afterAll(async () => f?.close());

/** Posts `body` twice with `key`, then another body with it; returns the first answer. */
async function once(path: string, key: string, body: Record<string, unknown>, changed: Record<string, unknown>) {
  const first = await api.call(bk, 'POST', `/api${path}`, body, { 'idempotency-key': key });
  expect(first.status, JSON.stringify(first.body)).toBe(201);
  expect(first.headers.get('idempotent-replayed')).toBeNull();
  const again = await api.call(bk, 'POST', `/api${path}`, body, { 'idempotency-key': key });
  expect(again.status, JSON.stringify(again.body)).toBe(201);
  expect(again.headers.get('idempotent-replayed')).toBe('true');
  expect(again.body).toEqual(first.body);
  const other = await api.call(bk, 'POST', `/api${path}`, changed, { 'idempotency-key': key });
  expect(other.status, JSON.stringify(other.body)).toBe(422);
  expect(other.body.error.code).toBe('idempotency_mismatch');
  return first.body;
}
const list = async (path: string) => {
  const r = await api.call(bk, 'GET', `/api${path}`);
  expect(r.status).toBe(200);
  return r.body.items as { id: string }[];
};

describe('an Idempotency-Key on the register creates', () => {
  it('registers a peer counsellor once and a supervision once; a duplicate counsellor stays 409', async () => {
    const [s1, s2] = f.a.students;
    const made = await once('/registers/peer-counsellors', 'sebaya-1', { studentId: s1!.id, trainedOn: '2026-01-10' }, { studentId: s2!.id });
    expect(made).toMatchObject({ studentId: s1!.id, trained: true });
    expect((await list('/registers/peer-counsellors')).filter((c) => c.id === made.id)).toHaveLength(1);
    const dup = await api.call(bk, 'POST', '/api/registers/peer-counsellors', { studentId: s1!.id }, { 'idempotency-key': 'sebaya-2' });
    expect(dup.status, JSON.stringify(dup.body)).toBe(409);
    expect(dup.body.error.code).toBe('duplicate');

    const before = (await list('/registers/supervisions')).length;
    const session = await once('/registers/supervisions', 'supervisi-1', { heldOn: '2026-02-01', counsellorIds: [made.id], notes: 'Latihan mendengarkan' }, { heldOn: '2026-02-02', counsellorIds: [made.id] });
    expect(session).toMatchObject({ heldOn: '2026-02-01', counsellors: [{ id: made.id }], supervisor: { id: bk.id } });
    expect(await list('/registers/supervisions')).toHaveLength(before + 1);
  });

  it('adds a sponsor once and a fund once', async () => {
    const sponsor = await once('/registers/sponsors', 'donatur-1', { kind: 'donatur', party: 'person', name: 'Ibu Sari', phone: '0812-1111-2222' }, { kind: 'donatur', party: 'person', name: 'Ibu Sari Dewi' });
    expect(sponsor).toMatchObject({ name: 'Ibu Sari', phone: '6281211112222' });
    expect((await list('/registers/sponsors')).filter((s) => s.id === sponsor.id)).toHaveLength(1);

    const fund = await once('/registers/funds', 'dana-1', { name: 'Dana Ibu Sari', source: 'donatur', sponsorId: sponsor.id }, { name: 'Dana lain', source: 'donatur' });
    expect(fund).toMatchObject({ name: 'Dana Ibu Sari', sponsor: { id: sponsor.id, name: 'Ibu Sari' }, balance: 0 });
    expect((await list('/registers/funds')).filter((x) => x.id === fund.id)).toHaveLength(1);
  });
});
