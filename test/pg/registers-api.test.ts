/**
 * The Satgas registers (issue 15) through the API on both databases, on the
 * seeded demo (real seed, real engine): the seed's partners, trained peer
 * counsellors, supervision, group session and the referral whose report came
 * back; the case service refusing an untrained counsellor in the demo's
 * peer-support step (422, nothing changed) and taking a trained one; a group
 * session recorded once seen from both member cases; a referral to a partner
 * listed on the partner's page. SQLite on a temp file, PostgreSQL on a
 * throwaway real server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, ManualClock } from '@jalur/api';
import { CompiledPathways } from '../../packages/cases/src/index.ts';
import type { User } from '../../packages/db/src/index.ts';
import { openDemoDb, type SeededDb } from '../reports/demo-db.ts';
import { openPgDemoDb } from '../reports/pg-demo-db.ts';

const NOW = new Date('2026-11-21T03:00:00Z');

describe.each([
  ['sqlite', openDemoDb],
  ['postgres', openPgDemoDb],
] as const)('registers through the API on %s', (_name, open) => {
  let world: SeededDb;
  let app: ReturnType<typeof createApp>;
  let bk: User;
  let kepsek: User;
  const tokens = new Map<string, string>();
  const call = async (u: User, method: string, path: string, body?: unknown) => {
    if (!tokens.has(u.id)) tokens.set(u.id, (await world.db.sessions.create({ userId: u.id, now: NOW })).token);
    const res = await app.request(`/api${path}`, { method, headers: { authorization: `Bearer ${tokens.get(u.id)}`, 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    return { status: res.status, body: (await res.json().catch(() => null)) as any };
  };

  beforeAll(async () => {
    world = await open();
    app = createApp({ db: world.db, clock: new ManualClock(NOW), compiled: new CompiledPathways(world.db) });
    bk = await world.user('bk@sekolah-a.demo');
    kepsek = await world.user('kepsek@sekolah-a.demo');
  }, 300_000);
  afterAll(async () => world?.close());

  it('the demo seeds partners, trained peer counsellors with supervision, a group session and a referral whose report came back', async () => {
    const partners = (await call(bk, 'GET', '/registers/partners')).body.items as { name: string; kind: string; id: string }[];
    expect(partners.map((p) => p.kind).sort()).toEqual(['pkbm', 'psikolog', 'puskesmas', 'uptd_ppa']);
    const puskesmas = partners.find((p) => p.kind === 'puskesmas')!;
    const page = (await call(bk, 'GET', `/registers/partners/${puskesmas.id}`)).body;
    expect(page.counts).toEqual({ total: 1, open: 0, feedback: 1 });
    const peers = (await call(bk, 'GET', '/registers/peer-counsellors')).body.items as { studentName: string; pickable: boolean }[];
    expect(peers.filter((p) => p.pickable).map((p) => p.studentName).sort()).toEqual(['Nadia Putri Lestari', 'Rafi Akbar Maulana']);
    expect((await call(bk, 'GET', '/registers/supervisions')).body.items[0].counsellors).toHaveLength(2);
    const groups = (await call(bk, 'GET', '/registers/group-sessions')).body.items as { memberCount: number; members: unknown[] }[];
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ memberCount: 3 });
    expect(groups[0]!.members).toHaveLength(3);
    expect((await call(await world.user('bk@sekolah-b.demo'), 'GET', '/registers/group-sessions')).body.items).toEqual([]);
  });

  it('the peer-support step refuses an untrained counsellor (422, nothing changed) and takes a trained one', async () => {
    const [k] = await world.db.cases.list(world.schoolA, { status: 'active', state: 'intervensi_perundungan.dukungan_sebaya' });
    expect(k).toBeDefined();
    const peers = (await call(bk, 'GET', '/registers/peer-counsellors')).body.items as { id: string; studentName: string; trained: boolean }[];
    const untrained = peers.find((p) => !p.trained)!;
    const nadia = peers.find((p) => p.studentName === 'Nadia Putri Lestari')!;
    const send = (peerCounselor: string) => call(bk, 'POST', `/cases/${k!.id}/events`, { type: 'PENDAMPINGAN_SEBAYA_BERJALAN', expectedVersion: k!.version, data: { peerCounselor, confidentialityAgreed: true } });
    const refused = await send(untrained.id);
    expect(refused.status, JSON.stringify(refused.body)).toBe(422);
    expect(refused.body.error).toMatchObject({ code: 'form_invalid', details: { fields: [{ field: 'peerCounselor' }] } });
    expect((await world.db.cases.get(world.schoolA, k!.id))!.version).toBe(k!.version);
    const taken = await send(nadia.id);
    expect(taken.status, JSON.stringify(taken.body)).toBe(200);
    const answers = await call(bk, 'GET', `/cases/${k!.id}/answers`);
    if (answers.status === 200) expect(JSON.stringify(answers.body)).toContain('Nadia Putri Lestari');
  });

  it('records a group session once for two open cases, seen from both; a referral to a partner shows on its page', async () => {
    const open = (await world.db.cases.list(world.schoolA, { status: 'active', state: 'asesmen' })).slice(0, 2);
    expect(open).toHaveLength(2);
    const made = await call(bk, 'POST', '/registers/group-sessions', { heldOn: '2026-11-20', topic: 'Mengelola waktu belajar', caseIds: open.map((c) => c.id) });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    for (const c of open) {
      const items = (await call(bk, 'GET', `/cases/${c.id}/group-sessions`)).body.items as { id: string }[];
      expect(items.map((s) => s.id)).toContain(made.body.id);
    }
    const [k] = open;
    expect((await call(bk, 'POST', `/cases/${k!.id}/consents`, { purpose: 'referral', givenBy: 'Ibu Wali', method: 'written', givenAt: '2026-11-20' })).status).toBe(201);
    const partner = await call(kepsek, 'POST', '/registers/partners', { name: 'Dinas Sosial Tanjabtim', kind: 'dinas_sosial', phone: '0812 1111 2222' });
    expect(partner.body.phone).toBe('6281211112222');
    expect((await call(kepsek, 'POST', '/registers/partners', { name: 'X', kind: 'dinas_sosial', phone: '021-555' })).status).toBe(422);
    const sent = await call(bk, 'POST', `/cases/${k!.id}/referrals`, { partnerId: partner.body.id, reason: 'Bantuan sosial keluarga' });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    const page = (await call(bk, 'GET', `/registers/partners/${partner.body.id}`)).body;
    expect(page.referrals).toMatchObject([{ caseId: k!.id, status: 'sent', feedback: false }]);
  });
});
