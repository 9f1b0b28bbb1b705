/** Contract: tenancy, note confidentiality, users and sessions. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JalurDb } from '../repository.ts';
import { at, buildWorld, DAY, must, openToyCase, T0, type Harness, type World } from './fixtures.ts';

export function accessContract(h: Harness): void {
  describe(`${h.name}: tenancy`, () => {
    let db: JalurDb;
    let w: World;
    beforeEach(async () => {
      db = await h.open();
      w = await buildWorld(db);
    });
    afterEach(async () => db.close());

    it("school B never sees school A's rows", async () => {
      const { case: c } = await openToyCase(w);
      await must(db.notes.add(w.schoolA, { caseId: c.id, authorId: w.bkA.id, body: 'catatan', confidentiality: 'umum', now: T0 }));
      await must(db.referrals.create(w.schoolA, { caseId: c.id, target: 'puskesmas', targetName: 'Puskesmas 1', reason: 'sakit', sentBy: w.bkA.id, now: T0 }));
      await must(db.caseRecords.add(w.schoolA, { caseId: c.id, kind: 'home_visit', data: { findings: 'x' }, occurredAt: T0, recordedBy: w.bkA.id, now: T0 }));
      const B = w.schoolB;
      expect(await db.cases.get(B, c.id)).toBeNull();
      expect(await db.cases.list(B)).toEqual([]);
      expect(await db.cases.events(B, c.id)).toEqual([]);
      expect(await db.cases.countByState(B)).toEqual([]);
      expect(await db.students.get(B, w.studentA.id)).toBeNull();
      expect((await db.students.list(B)).map((s) => s.id)).toEqual([w.studentB.id]);
      expect((await db.students.getMany(B, [w.studentA.id, w.studentB.id, 'nope'])).map((s) => s.id)).toEqual([w.studentB.id]);
      expect((await db.students.getMany(w.schoolA, [w.studentA.id, w.studentA.id])).map((s) => s.id)).toEqual([w.studentA.id]);
      expect(await db.students.getMany(w.schoolA, [])).toEqual([]);
      expect(await db.tasks.list(B)).toEqual([]);
      expect(await db.timers.listForCase(B, c.id)).toEqual([]);
      expect(await db.notes.list(B, c.id, { id: w.bkB.id, role: 'guru_bk' }, T0)).toMatchObject({ ok: false, error: { code: 'not_found' } });
      expect(await db.notes.add(B, { caseId: c.id, authorId: w.bkB.id, body: 'x', confidentiality: 'umum', now: T0 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
      expect(await db.referrals.list(B)).toEqual([]);
      expect(await db.caseRecords.list(B, c.id, { id: w.bkB.id, role: 'guru_bk' })).toMatchObject({ ok: false });
      expect(await db.consents.add(B, { caseId: c.id, purpose: 'referral', givenBy: 'x', method: 'written', granted: true, givenAt: T0, recordedBy: w.bkB.id, now: T0 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
      const scopeB = { districtId: w.districtId, schoolId: B };
      expect(await db.pathways.get(scopeB, w.versionA.pathwayId)).toBeNull();
      expect(await db.pathways.listVersions(scopeB, w.versionA.pathwayId)).toEqual([]);
      expect((await db.pathways.list(scopeB)).map((p) => p.id)).toEqual([w.versionB.pathwayId]);
      const advanced = await db.cases.advance({ schoolId: B, caseId: c.id, expectedVersion: 1, actorId: w.bkB.id, now: T0, event: { type: 'next' }, apply: () => { throw new Error('must not run'); } });
      expect(advanced).toMatchObject({ ok: false, error: { code: 'not_found' } });
    });
  });

  describe(`${h.name}: notes by confidentiality`, () => {
    let db: JalurDb;
    let w: World;
    beforeEach(async () => {
      db = await h.open();
      w = await buildWorld(db);
    });
    afterEach(async () => db.close());

    it('each role sees only the levels allowed, and every rahasia read is audited', async () => {
      const { case: c } = await openToyCase(w); // assignee: bkA
      let minute = 0;
      const add = (authorId: string, confidentiality: 'umum' | 'terbatas' | 'rahasia', body: string) =>
        must(db.notes.add(w.schoolA, { caseId: c.id, authorId, body, confidentiality, now: new Date(T0.getTime() + ++minute * 60_000) }));
      await add(w.waliA.id, 'umum', 'umum-wali');
      await add(w.bkA.id, 'terbatas', 'terbatas-bk');
      const secret = await add(w.bkA.id, 'rahasia', 'rahasia-bk');
      await add(w.bk2A.id, 'rahasia', 'rahasia-bk2');
      const bodies = async (viewer: { id: string; role: World['bkA']['role'] }) => (await must(db.notes.list(w.schoolA, c.id, viewer, at(1)))).map((n) => n.body);
      expect(await bodies(w.waliA)).toEqual(['umum-wali']);
      expect(await bodies(w.kepsekA)).toEqual(['umum-wali', 'terbatas-bk']);
      expect(await bodies(w.bkA)).toEqual(['umum-wali', 'terbatas-bk', 'rahasia-bk', 'rahasia-bk2']);
      expect(await bodies(w.bk2A)).toEqual(['umum-wali', 'terbatas-bk', 'rahasia-bk2']);
      expect(await bodies(w.dinas)).toEqual([]);
      const audits = await db.audit.list(w.schoolA, { action: 'note.read_rahasia' });
      expect(audits).toHaveLength(3);
      expect(audits.filter((a) => a.subject === `note:${secret.id}`).map((a) => a.actorId)).toEqual([w.bkA.id]);
      expect(audits.every((a) => a.at.getTime() === at(1).getTime())).toBe(true);
    });
  });

  describe(`${h.name}: users and sessions`, () => {
    let db: JalurDb;
    let w: World;
    beforeEach(async () => {
      db = await h.open();
      w = await buildWorld(db);
    });
    afterEach(async () => db.close());

    it('authenticates with the password, refuses others, locks after repeated failures', async () => {
      expect(w.bkA).not.toHaveProperty('passwordHash');
      expect(await db.users.create({ email: 'BK@a.test', name: 'dup', role: 'guru_bk', schoolId: w.schoolA, districtId: w.districtId, password: 'x', now: T0 })).toMatchObject({ ok: false, error: { code: 'conflict' } });
      expect(await db.users.authenticate({ email: 'Bk@A.test', password: 'rahasia-123', now: T0 })).toMatchObject({ ok: true, value: { id: w.bkA.id } });
      expect(await db.users.authenticate({ email: 'nobody@a.test', password: 'rahasia-123', now: T0 })).toMatchObject({ ok: false, error: { code: 'invalid_credentials' } });
      for (let i = 0; i < 5; i++) {
        expect(await db.users.authenticate({ email: 'bk@a.test', password: 'wrong', now: T0 })).toMatchObject({ ok: false, error: { code: 'invalid_credentials' } });
      }
      expect(await db.users.authenticate({ email: 'bk@a.test', password: 'rahasia-123', now: T0 })).toMatchObject({ ok: false, error: { code: 'locked' } });
      expect(await db.users.authenticate({ email: 'bk@a.test', password: 'rahasia-123', now: new Date(T0.getTime() + 16 * 60_000) })).toMatchObject({ ok: true });
      expect((await db.audit.list(w.schoolA, { action: 'auth.login_failed' })).length).toBe(5);
      expect((await db.audit.list(w.schoolA, { action: 'auth.login' })).length).toBe(2);
    });

    it('sessions: token stored hashed, sliding expiry with an absolute maximum, expiry and logout end them', async () => {
      const { token, session } = await db.sessions.create({ userId: w.bkA.id, now: T0 });
      expect(session.tokenHash).not.toContain(token);
      expect(session.expiresAt).toEqual(new Date(T0.getTime() + 12 * 3600_000));
      const seen = await db.sessions.validate(token, new Date(T0.getTime() + 11 * 3600_000), {});
      expect(seen?.user.id).toBe(w.bkA.id);
      expect(seen?.user).not.toHaveProperty('passwordHash');
      expect(seen?.user).toEqual(await db.users.get(w.bkA.id));
      expect(seen?.session).toMatchObject({ id: session.id, userId: w.bkA.id, csrfToken: session.csrfToken, createdAt: T0 });
      // Sliding: used at 11 h, so it lives until 23 h.
      expect(await db.sessions.validate(token, new Date(T0.getTime() + 22 * 3600_000))).not.toBeNull();
      // Used at 22 h, it would slide to 34 h, but no session outlives 24 h after login.
      const late = await db.sessions.validate(token, new Date(T0.getTime() + 23.5 * 3600_000));
      expect(late?.session.expiresAt).toEqual(new Date(T0.getTime() + 24 * 3600_000));
      expect(await db.sessions.validate(token, new Date(T0.getTime() + 24 * 3600_000))).toBeNull();
      expect(await db.sessions.validate(token, new Date(T0.getTime() + 35 * 3600_000))).toBeNull();
      expect(await db.sessions.validate('not-a-token', T0)).toBeNull();
      const second = await db.sessions.create({ userId: w.bkA.id, now: T0 });
      await db.sessions.revoke(second.token);
      expect(await db.sessions.validate(second.token, T0)).toBeNull();
      const third = await db.sessions.create({ userId: w.bkA.id, now: T0, lifetime: { ttlMs: DAY } });
      expect(await db.sessions.purgeExpired(new Date(T0.getTime() + 2 * DAY))).toBeGreaterThanOrEqual(1);
      expect(await db.sessions.validate(third.token, T0)).toBeNull();
    });
  });
}
