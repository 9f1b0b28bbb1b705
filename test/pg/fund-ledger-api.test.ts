/**
 * The fund ledger (issue 15) through the API on a real PostgreSQL server, on
 * the demo seed (its sponsors, funds and the cohort's disbursements): the
 * kepsek reads balances and a ledger and records a donation; a funding step
 * over a fund's balance is refused with 422 `insufficient_funds` and changes
 * nothing; two disbursements racing for one fund from two API calls at once:
 * one is paid, the other refused, never an overdraft. (test/api/fund-ledger
 * runs the same routes on SQLite.)
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '@jalur/api';
import { openDatabase, type JalurDb, type User } from '../../packages/db/src/index.ts';
import { CompiledPathways, DEMO_PASSWORD, seedDemo, type SeedSummary } from '../../packages/cases/src/index.ts';
import { sampleValue } from '../../packages/cases/src/seed/seed.ts';
import { activeSteps, handlersFor, type CaseSnapshot } from '../../packages/engine/src/index.ts';
import { startPgServer } from '../../scripts/pg-server.mjs';

const workflowsDir = fileURLToPath(new URL('../../workflows', import.meta.url));
const NOW = new Date('2026-11-20T03:00:00.000Z');

let pg: Awaited<ReturnType<typeof startPgServer>> | undefined;
let db: JalurDb;
let summary: SeedSummary;
let app: ReturnType<typeof createApp>;
let compiled: CompiledPathways;
const tokens = new Map<string, string>();

beforeAll(async () => {
  pg = await startPgServer();
  db = await openDatabase({ url: pg.url });
  summary = await seedDemo(db, { workflowsDir, now: NOW });
  compiled = new CompiledPathways(db);
  app = createApp({ db, compiled });
}, 180_000);
afterAll(async () => {
  await db?.close();
  pg?.stop();
});

async function user(email: string): Promise<User> {
  const r = await db.users.authenticate({ email, password: DEMO_PASSWORD, now: new Date() });
  if (!r.ok) throw new Error(`${email}: ${r.error.message}`);
  return r.value;
}
async function call(u: User, method: string, path: string, body?: unknown) {
  if (!tokens.has(u.id)) tokens.set(u.id, (await db.sessions.create({ userId: u.id, now: new Date() })).token);
  const res = await app.request(path, { method, headers: { authorization: `Bearer ${tokens.get(u.id)}`, 'content-type': 'application/json' }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  return { status: res.status, body: (await res.json()) as any };
}
const ok = (r: { status: number; body: any }, what: string) => {
  expect(r.status, `${what}: ${JSON.stringify(r.body)}`).toBeLessThan(300);
  return r.body;
};

/** Sends `type` on a case, the required fields of the steps it leaves filled as the seed fills them, `data` on top. */
async function send(u: User, caseId: string, type: string, data: Record<string, unknown> = {}) {
  const row = (await db.cases.get(summary.schools!.A, caseId))!;
  const version = (await compiled.byId(row.pathwayVersionId))!;
  const p = version.compiled;
  const leaves = activeSteps(p, row.snapshot as CaseSnapshot).map((s) => s.stateId);
  const active = [...new Set(leaves.flatMap((l) => l.split('.').map((_, i, parts) => parts.slice(0, i + 1).join('.'))))];
  const filled: Record<string, unknown> = {};
  for (const h of handlersFor(p, active, type)) for (const f of p.steps.get(h.source)?.form ?? []) if (f.required && f.type !== 'register') filled[f.name] = sampleValue(f, new Date());
  return call(u, 'POST', `/api/cases/${caseId}/events`, { type, expectedVersion: row.version, data: { ...filled, ...data } });
}

/** A new economic case of school A at the funding step, approved by the kepsek. */
async function atFunding(bk: User, kepsek: User, studentId: string): Promise<string> {
  const srps = (ok(await call(bk, 'GET', '/api/pathways'), 'pathways').items as { id: string; key: string }[]).find((x) => x.key === 'srps-standar')!;
  const c = ok(await call(bk, 'POST', '/api/cases', { studentId, pathwayId: srps.id, assigneeId: bk.id, riskFactors: ['economic'] }), 'open');
  ok(await send(bk, c.id, 'SELESAI_IDENTIFIKASI'), 'identify');
  ok(await send(bk, c.id, 'TETAPKAN_FAKTOR', { mainFactor: 'economic', riskLevel: 'sedang' }), 'assess');
  ok(await send(bk, c.id, 'KUNJUNGAN_SELESAI'), 'home visit');
  const task = (ok(await call(kepsek, 'GET', '/api/approvals'), 'approvals').items as { id: string; caseId: string }[]).find((t) => t.caseId === c.id)!;
  ok(await call(kepsek, 'POST', `/api/tasks/${task.id}/decision`, { decision: 'approved' }), 'approve');
  return c.id;
}

describe('postgres: the fund ledger through the API', () => {
  it('reads the seeded balances and ledger, records a donation, refuses an over-balance disbursement and never overdraws in a race', async () => {
    const kepsek = await user('kepsek@sekolah-a.demo');
    const bk = await user('bk@sekolah-a.demo');
    const funds = ok(await call(kepsek, 'GET', '/api/registers/funds'), 'funds').items as { id: string; name: string; balance: number; balanceText: string }[];
    const komite = funds.find((f) => f.name === 'Dana komite')!;
    // The cohort of 2023 paid 750.000 + 1.200.000 + 1.000.000 out of 6.500.000 given.
    expect(komite).toMatchObject({ balance: 3_550_000, balanceText: 'Rp 3.550.000' });
    const ledger = ok(await call(kepsek, 'GET', `/api/registers/funds/${komite.id}`), 'ledger');
    expect(ledger.entries.filter((e: any) => e.direction === 'out').map((e: any) => e.receiptNumber).sort()).toEqual(['BKK-2023-0001', 'BKK-2023-0002', 'BKK-2023-0006']);
    const given = ok(await call(bk, 'POST', `/api/registers/funds/${komite.id}/donations`, { amount: 450_000, date: '2026-11-19' }), 'donation');
    expect(given.fund).toMatchObject({ balance: 4_000_000 });
    expect(given.entry.receiptNumber).toMatch(/^BKM-2026-\d{4}$/);

    // A new fund with 1.000.000; two students' funding steps.
    const fund = ok(await call(kepsek, 'POST', '/api/registers/funds', { name: 'Dana uji PostgreSQL', source: 'donatur' }), 'fund');
    ok(await call(kepsek, 'POST', `/api/registers/funds/${fund.id}/donations`, { amount: 1_000_000, date: '2026-11-19' }), 'donation');
    const students = (await db.students.list(summary.schools!.A)).filter((s) => s.status === 'active');
    const busy = new Set((await db.cases.list(summary.schools!.A, { status: 'active', limit: 1000 })).map((c) => c.studentId));
    const free = students.filter((s) => !busy.has(s.id));
    const [c1, c2] = [await atFunding(bk, kepsek, free[0]!.id), await atFunding(bk, kepsek, free[1]!.id)];

    const before = (await db.cases.get(summary.schools!.A, c1))!;
    const over = await send(bk, c1, 'DANA_TERSALURKAN', { aidType: 'beasiswa', amount: 1_500_000, fund: fund.id });
    expect(over.status).toBe(422);
    expect(over.body.error).toMatchObject({ code: 'insufficient_funds', message: 'Saldo Dana uji PostgreSQL Rp 1.000.000, kurang dari Rp 1.500.000 yang diminta.' });
    expect((await db.cases.get(summary.schools!.A, c1))!.version).toBe(before.version);
    expect((await db.cases.events(summary.schools!.A, c1)).length).toBe(before.version);
    expect(ok(await call(kepsek, 'GET', `/api/registers/funds/${fund.id}`), 'ledger').entries).toHaveLength(1);

    const raced = await Promise.all([c1, c2].map((id) => send(bk, id, 'DANA_TERSALURKAN', { aidType: 'beasiswa', amount: 600_000, fund: fund.id })));
    expect(raced.map((r) => r.status).sort()).toEqual([200, 422]);
    expect(raced.find((r) => r.status === 422)!.body.error.code).toBe('insufficient_funds');
    const after = ok(await call(kepsek, 'GET', `/api/registers/funds/${fund.id}`), 'ledger');
    expect(after).toMatchObject({ totalIn: 1_000_000, totalOut: 600_000, balance: 400_000 });
    expect(after.entries.filter((e: any) => e.direction === 'out')).toHaveLength(1);
  }, 180_000);
});
