import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScheduler } from './scheduler.ts';
import { createFixture, fixtureApp, type Fixture, type FixtureApp } from './testing/fixture.ts';

let f: Fixture;
let api: FixtureApp;
const DAY = 86_400_000;

beforeAll(async () => {
  f = await createFixture({ studentsPerSchool: 4 });
  api = fixtureApp(f);
});
afterAll(() => f.close());

async function caseInMonitoring(studentIndex: number) {
  const opened = await api.call(f.a.users.guru_bk, 'POST', '/api/cases', { studentId: f.a.students[studentIndex]!.id, pathwayId: f.a.loop.pathwayId });
  const moved = await api.call(f.a.users.guru_bk, 'POST', `/api/cases/${opened.body.id}/events`, { type: 'SESI_SELESAI', expectedVersion: 1 });
  expect(moved.body.state).toBe('pemantauan');
  return moved.body.id as string;
}

describe('startScheduler', () => {
  it('fires a due timer as a case event exactly once, through the case unit of work', async () => {
    const id = await caseInMonitoring(0);
    const scheduler = startScheduler({ db: f.db, clock: f.clock, intervalMs: 0, compiled: f.compiled });
    expect(await scheduler.tick()).toMatchObject({ fired: 0 });
    f.clock.advance(7 * DAY + 1000);
    const report = await scheduler.tick();
    expect(report.fired).toBeGreaterThanOrEqual(1);
    const after = await api.call(f.a.users.guru_bk, 'GET', `/api/cases/${id}`);
    expect(after.body).toMatchObject({ state: 'keputusan', version: 3 });
    const events = await f.db.cases.events(f.a.id, id);
    expect(events.at(-1)).toMatchObject({ type: expect.stringMatching(/^xstate\.after\.P7D\./), actorId: null, seq: 3 });
    // A second tick finds nothing left to fire for this case.
    await scheduler.tick();
    expect((await f.db.cases.events(f.a.id, id)).length).toBe(3);
    await scheduler.stop();
  });

  it('cancels the timer when the state is left before it falls due', async () => {
    const id = await caseInMonitoring(1);
    const timers = await f.db.timers.listForCase(f.a.id, id);
    expect(timers.filter((t) => t.status === 'pending')).toHaveLength(1);
    const left = await api.call(f.a.users.guru_bk, 'POST', `/api/cases/${id}/events`, { type: 'EVALUASI', expectedVersion: 2 });
    expect(left.body).toMatchObject({ state: 'keputusan', version: 3 });
    expect((await f.db.timers.listForCase(f.a.id, id)).filter((t) => t.status === 'pending')).toHaveLength(0);
    const scheduler = startScheduler({ db: f.db, clock: f.clock, intervalMs: 0, compiled: f.compiled });
    f.clock.advance(7 * DAY + 1000);
    await scheduler.tick();
    expect((await f.db.cases.get(f.a.id, id))!.version).toBe(3);
    expect((await f.db.cases.events(f.a.id, id)).some((e) => e.type.startsWith('xstate.after.'))).toBe(false);
    await scheduler.stop();
  });

  it('catches up after a restart: timers that fell due while stopped fire on the first tick', async () => {
    const ids = [await caseInMonitoring(2), await caseInMonitoring(3)];
    f.clock.advance(30 * DAY);
    // A new scheduler (as after a process restart) with a different claimer name.
    const restarted = startScheduler({ db: f.db, clock: f.clock, intervalMs: 0, claimer: 'setelah-restart' });
    const report = await restarted.tick();
    expect(report.fired).toBeGreaterThanOrEqual(2);
    for (const id of ids) expect((await f.db.cases.get(f.a.id, id))!.stateValue).toBe('keputusan');
    await restarted.stop();
  });

  it('never fires one timer twice when two schedulers tick at once', async () => {
    const id = await caseInMonitoring(0);
    f.clock.advance(8 * DAY);
    const one = startScheduler({ db: f.db, clock: f.clock, intervalMs: 0, claimer: 'satu' });
    const two = startScheduler({ db: f.db, clock: f.clock, intervalMs: 0, claimer: 'dua' });
    const [r1, r2] = await Promise.all([one.tick(), two.tick()]);
    expect(r1.fired + r2.fired).toBe(1);
    const events = await f.db.cases.events(f.a.id, id);
    expect(events.filter((e) => e.type.startsWith('xstate.after.'))).toHaveLength(1);
    await Promise.all([one.stop(), two.stop()]);
  });
});

describe('housekeeping', () => {
  it('writes task reminders once per task and purges expired sessions', async () => {
    const opened = await api.call(f.a.users.guru_bk, 'POST', '/api/cases', { studentId: f.a.students[1]!.id, pathwayId: f.a.loop.pathwayId });
    expect(opened.status).toBe(201);
    const expired = await f.db.sessions.create({ userId: f.a.users.kepsek.id, now: f.clock.now(), lifetime: { ttlMs: 1000 } });
    // The counseling step is due in 5 days: 4.5 days on, it is due tomorrow.
    f.clock.advance(4.5 * DAY);
    const scheduler = startScheduler({ db: f.db, clock: f.clock, intervalMs: 0 });
    const first = await scheduler.tick();
    expect(first.reminders).toBeGreaterThanOrEqual(1);
    f.clock.advance(2 * 60_000);
    const second = await scheduler.tick();
    expect(second.reminders).toBe(0);
    expect(await f.db.sessions.validate(expired.token, f.clock.now())).toBeNull();
    // The scheduler already purged every expired session (this one included): nothing is left to purge.
    expect(await f.db.sessions.purgeExpired(f.clock.now())).toBe(0);
    await scheduler.stop();
  });
});
