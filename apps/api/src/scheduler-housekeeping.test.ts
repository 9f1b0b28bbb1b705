/**
 * The scheduler's periodic work beside timers, with two schedulers (as two
 * API processes) on one real SQLite file and a manual clock: the
 * early-warning scan runs once per school per period, and task reminders
 * are written once each.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScheduler, type TickReport } from './scheduler.ts';
import { createFixture, fixtureApp, type Fixture, type FixtureApp } from './testing/fixture.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let f: Fixture;
let api: FixtureApp;

beforeAll(async () => {
  f = await createFixture({ studentsPerSchool: 4 });
  api = fixtureApp(f);
});
afterAll(() => f.close());

const attendance = (absent: number) => ({ schoolDays: 20, present: 20 - absent, sick: 0, permitted: 0, absent });
const sum = (reports: TickReport[], key: keyof TickReport) => reports.reduce((s, r) => s + r[key], 0);

describe('scheduler housekeeping across two processes', () => {
  it('scans every school for early warnings once per period, whichever process gets there first', async () => {
    const [risky, watched, fine] = f.a.students;
    await f.db.indicators.upsert(f.a.id, [
      { studentId: risky!.id, kind: 'attendance', period: '2026-01', subject: '', values: attendance(3) },
      { studentId: watched!.id, kind: 'attendance', period: '2026-01', subject: '', values: attendance(1) },
      { studentId: fine!.id, kind: 'attendance', period: '2026-01', subject: '', values: attendance(0) },
    ], { now: f.clock.now() });
    const one = startScheduler({ db: f.db, clock: f.clock, intervalMs: 0, compiled: f.compiled, claimer: 'proses-1', scanEveryMs: HOUR });
    const two = startScheduler({ db: f.db, clock: f.clock, intervalMs: 0, compiled: f.compiled, claimer: 'proses-2', scanEveryMs: HOUR });

    const first = await Promise.all([one.tick(), two.tick()]);
    // Two schools, each scanned by exactly one of the two processes.
    expect(sum(first, 'scans')).toBe(2);
    const flags = await f.db.earlyWarning.listFlags(f.a.id, { active: true });
    expect(flags.map((x) => [x.studentId, x.level]).sort()).toEqual([[risky!.id, 'risk'], [watched!.id, 'watch']].sort());
    expect(flags.find((x) => x.studentId === risky!.id)!.reason).toContain('Tidak hadir 3 dari 20 hari sekolah');

    // The same period again: nobody scans. The next period: each school once more.
    f.clock.advance(HOUR / 2);
    expect(sum(await Promise.all([one.tick(), two.tick()]), 'scans')).toBe(0);
    f.clock.advance(HOUR);
    expect(sum(await Promise.all([two.tick(), one.tick()]), 'scans')).toBe(2);
    // Scanning again keeps one active flag per rule and student.
    expect(await f.db.earlyWarning.listFlags(f.a.id, { active: true })).toHaveLength(2);
    await Promise.all([one.stop(), two.stop()]);
  });

  it('writes a due-tomorrow and an overdue reminder once per task, however many processes remind', async () => {
    const opened = await api.call(f.a.users.guru_bk, 'POST', '/api/cases', { studentId: f.a.students[0]!.id, pathwayId: f.a.loop.pathwayId });
    expect(opened.status).toBe(201);
    const [task] = await f.db.tasks.list(f.a.id, { caseId: opened.body.id, status: 'open' });
    expect(task!.dueAt).not.toBeNull();
    const one = startScheduler({ db: f.db, clock: f.clock, intervalMs: 0, compiled: f.compiled, claimer: 'proses-1', remindEveryMs: 0, scanEveryMs: 0 });
    const two = startScheduler({ db: f.db, clock: f.clock, intervalMs: 0, compiled: f.compiled, claimer: 'proses-2', remindEveryMs: 0, scanEveryMs: 0 });
    const kinds = async () =>
      (await f.db.notifications.listForUser({ id: f.a.users.guru_bk.id, role: 'guru_bk', schoolId: f.a.id }))
        .filter((n) => n.caseId === opened.body.id && n.kind.startsWith('task_'))
        .map((n) => n.kind)
        .sort();
    f.clock.set(new Date(task!.dueAt!.getTime() - 12 * HOUR));
    await Promise.all([one.tick(), two.tick(), one.tick()]);
    expect(await kinds()).toEqual(['task_due_tomorrow']);
    f.clock.set(new Date(task!.dueAt!.getTime() + DAY));
    await Promise.all([two.tick(), one.tick()]);
    await one.tick();
    expect(await kinds()).toEqual(['task_due_tomorrow', 'task_overdue']);
    await Promise.all([one.stop(), two.stop()]);
  });
});
