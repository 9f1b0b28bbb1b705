/** Contract: tenancy, note confidentiality, users and sessions. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JalurDb } from '../repository.ts';
import { hashPassword } from '../passwords.ts';
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

    it('counts concurrent wrong passwords atomically: 9 at once count 9', async () => {
      const results = await Promise.all(Array.from({ length: 9 }, (_, i) => db.users.authenticate({ email: 'bk@a.test', password: `salah-${i}`, now: T0, source: '10.0.0.7' })));
      expect(results.every((r) => !r.ok)).toBe(true);
      expect((await db.users.get(w.bkA.id))?.failedLogins).toBe(9);
      const failed = await db.audit.list(w.schoolA, { action: 'auth.login_failed', subject: `user:${w.bkA.id}` });
      expect(failed.map((a) => (a.details as { failures: number }).failures).sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5]);
      // The 5th locked this source; the four still in flight were refused as locked, and counted too.
      expect(await db.audit.list(w.schoolA, { action: 'auth.login_locked', subject: `user:${w.bkA.id}` })).toHaveLength(4);
      // Locked from that source: the right password too.
      expect(await db.users.authenticate({ email: 'bk@a.test', password: 'rahasia-123', now: T0, source: '10.0.0.7' })).toMatchObject({ ok: false, error: { code: 'locked' } });
    });

    it('locks per source and email: the owner elsewhere still signs in, and an unknown email locks the same way', async () => {
      for (let i = 0; i < 5; i++) await db.users.authenticate({ email: 'bk@a.test', password: 'salah', now: T0, source: '203.0.113.9' });
      expect(await db.users.authenticate({ email: 'bk@a.test', password: 'rahasia-123', now: T0, source: '203.0.113.9' })).toMatchObject({ ok: false, error: { code: 'locked' } });
      expect(await db.users.authenticate({ email: 'bk@a.test', password: 'rahasia-123', now: T0, source: '192.168.1.20' })).toMatchObject({ ok: true, value: { id: w.bkA.id } });
      for (let i = 0; i < 5; i++) await db.users.authenticate({ email: 'tidak-ada@a.test', password: 'salah', now: T0, source: '203.0.113.9' });
      expect(await db.users.authenticate({ email: 'tidak-ada@a.test', password: 'salah', now: T0, source: '203.0.113.9' })).toMatchObject({ ok: false, error: { code: 'locked' } });
      // The lock ends after 15 minutes.
      expect(await db.users.authenticate({ email: 'bk@a.test', password: 'rahasia-123', now: new Date(T0.getTime() + 16 * 60_000), source: '203.0.113.9' })).toMatchObject({ ok: true });
    });

    it('replaces a hash below the current scrypt cost at the next successful login', async () => {
      const old = await hashPassword('sandi-lama-123', { N: 16384, r: 8, p: 1 });
      const u = await must(db.users.create({ email: 'lama@a.test', name: 'Lama', role: 'tim', schoolId: w.schoolA, districtId: w.districtId, password: '', passwordHash: old, now: T0 }));
      expect(await db.users.authenticate({ email: 'lama@a.test', password: 'salah', now: T0 })).toMatchObject({ ok: false });
      expect(await db.users.authenticate({ email: 'lama@a.test', password: 'sandi-lama-123', now: T0 })).toMatchObject({ ok: true, value: { id: u.id } });
      const login = (await db.audit.list(w.schoolA, { action: 'auth.login', subject: `user:${u.id}` }))[0];
      expect(login?.details).toEqual({ rehashed: true });
      expect(await db.users.authenticate({ email: 'lama@a.test', password: 'sandi-lama-123', now: T0 })).toMatchObject({ ok: true });
      const again = await db.audit.list(w.schoolA, { action: 'auth.login', subject: `user:${u.id}` });
      expect(again.filter((a) => a.details !== null && (a.details as { rehashed?: boolean }).rehashed)).toHaveLength(1);
    });

    it('changes a password (current one checked, other sessions end), resets one (must change, sessions end) and disables accounts in scope only', async () => {
      const keep = await db.sessions.create({ userId: w.bkA.id, now: T0 });
      const other = await db.sessions.create({ userId: w.bkA.id, now: T0 });
      expect(await db.users.changePassword(w.bkA.id, { currentPassword: 'salah', newPassword: 'sandi-baru-456', now: T0 })).toMatchObject({ ok: false, error: { code: 'invalid_credentials' } });
      expect(await db.users.changePassword(w.bkA.id, { currentPassword: 'rahasia-123', newPassword: 'sandi-baru-456', now: T0, keepSessionId: keep.session.id })).toMatchObject({ ok: true });
      expect(await db.sessions.validate(keep.token, T0)).not.toBeNull();
      expect(await db.sessions.validate(other.token, T0)).toBeNull();
      expect(await db.users.authenticate({ email: 'bk@a.test', password: 'rahasia-123', now: T0, source: 's1' })).toMatchObject({ ok: false });
      expect(await db.users.authenticate({ email: 'bk@a.test', password: 'sandi-baru-456', now: T0, source: 's2' })).toMatchObject({ ok: true, value: { mustChangePassword: false } });

      const kepsekScope = { schoolId: w.schoolA, roles: ['guru_bk', 'wali_kelas', 'tim'] as const };
      expect((await db.users.listManaged(kepsekScope)).map((u) => u.email).sort()).toEqual(['bk2@a.test', 'bk@a.test', 'wali@a.test']);
      expect(await db.users.resetPassword(kepsekScope, w.bkB.id, { password: 'sementara-1', actorId: w.kepsekA.id, now: T0 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
      expect(await db.users.resetPassword(kepsekScope, w.kepsekA.id, { password: 'sementara-1', actorId: w.kepsekA.id, now: T0 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
      expect(await db.users.resetPassword(kepsekScope, w.bkA.id, { password: 'sementara-1', actorId: w.kepsekA.id, now: T0 })).toMatchObject({ ok: true, value: { mustChangePassword: true } });
      expect(await db.sessions.validate(keep.token, T0)).toBeNull();
      const fresh = await db.sessions.create({ userId: w.bkA.id, now: T0 });
      expect((await db.sessions.validate(fresh.token, T0))?.user.mustChangePassword).toBe(true);
      expect(await db.users.authenticate({ email: 'bk@a.test', password: 'sementara-1', now: T0 })).toMatchObject({ ok: true, value: { mustChangePassword: true } });
      expect(await db.users.changePassword(w.bkA.id, { currentPassword: 'sementara-1', newPassword: 'pilihan-sendiri-789', now: T0 })).toMatchObject({ ok: true, value: { mustChangePassword: false } });
      expect((await db.audit.list(w.schoolA, { action: 'user.password_reset' }))[0]).toMatchObject({ actorId: w.kepsekA.id, subject: `user:${w.bkA.id}` });

      expect(await db.users.setDisabled(kepsekScope, w.waliA.id, { disabled: true, actorId: w.kepsekA.id, now: T0 })).toMatchObject({ ok: true });
      expect((await db.users.get(w.waliA.id))?.disabledAt).toEqual(T0);
      expect(await db.users.authenticate({ email: 'wali@a.test', password: 'rahasia-123', now: T0 })).toMatchObject({ ok: false, error: { code: 'invalid_credentials' } });
      expect(await db.users.setDisabled(kepsekScope, w.waliA.id, { disabled: false, actorId: w.kepsekA.id, now: T0 })).toMatchObject({ ok: true, value: { disabledAt: null } });
      expect(await db.users.authenticate({ email: 'wali@a.test', password: 'rahasia-123', now: T0 })).toMatchObject({ ok: true });

      const districtScope = { districtId: w.districtId, roles: ['kepsek'] as const };
      expect((await db.users.listManaged(districtScope)).map((u) => [u.email, u.schoolName])).toEqual([['kepsek@a.test', 'Sekolah A']]);
      expect(await db.users.setDisabled(districtScope, w.bkA.id, { disabled: true, actorId: w.dinas.id, now: T0 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
      expect(await db.users.setDisabled(districtScope, w.kepsekA.id, { disabled: true, actorId: w.dinas.id, now: T0 })).toMatchObject({ ok: true });
      expect(await db.users.setDisabled({ districtId: 'lain', roles: ['kepsek'] }, w.kepsekA.id, { disabled: false, actorId: w.dinas.id, now: T0 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
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
