/** Contract: the case unit of work (concurrency, atomicity, idempotency, effects, timers). */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JalurDb } from '../repository.ts';
import { at, buildWorld, DAY, must, openToyCase, T0, toyApply, toyStart, type Harness, type World } from './fixtures.ts';

export function caseContract(h: Harness): void {
  describe(`${h.name}: case unit of work`, () => {
    let db: JalurDb;
    let w: World;
    beforeEach(async () => {
      db = await h.open();
      w = await buildWorld(db);
    });
    afterEach(async () => db.close());

    const advance = (caseId: string, type: string, expectedVersion: number | undefined, now = at(1), extra: Record<string, unknown> = {}) =>
      db.cases.advance({ schoolId: w.schoolA, caseId, expectedVersion, actorId: w.bkA.id, now, event: { type, data: { note: 'x' } }, apply: toyApply(type, now), ...extra });

    it('creates a case at version 1 with its first event, risk factors and start effects', async () => {
      const { case: c, event } = await openToyCase(w);
      expect(c).toMatchObject({ version: 1, status: 'active', stateValue: 'a', riskFactors: ['motivation', 'economic'], assigneeId: w.bkA.id });
      expect(event).toMatchObject({ seq: 1, type: 'case.opened', stateBefore: null, stateAfter: 'a' });
      expect(await db.cases.get(w.schoolA, c.id)).toEqual(c);
      const tasks = await db.tasks.list(w.schoolA, { caseId: c.id });
      expect(tasks).toHaveLength(1);
      expect(tasks[0]).toMatchObject({ stateId: 'a', status: 'open', assigneeId: w.bkA.id, dueAt: at(1) });
      expect(await db.cases.list(w.schoolA, { riskFactor: 'economic' })).toHaveLength(1);
      expect(await db.cases.list(w.schoolA, { riskFactor: 'family' })).toHaveLength(0);
    });

    it('advances: new snapshot, version+1, one event, effects persisted', async () => {
      const { case: c } = await openToyCase(w);
      const r = await advance(c.id, 'next', 1);
      expect(r.ok).toBe(true);
      const stored = await db.cases.get(w.schoolA, c.id);
      expect(stored).toMatchObject({ version: 2, stateValue: 'b', snapshot: { state: 'b' } });
      const events = await db.cases.events(w.schoolA, c.id);
      expect(events.map((e) => [e.seq, e.type, e.stateBefore, e.stateAfter])).toEqual([[1, 'case.opened', null, 'a'], [2, 'next', 'a', 'b']]);
      expect(events[1]!.data).toEqual({ note: 'x' });
      const tasks = await db.tasks.list(w.schoolA, { caseId: c.id });
      expect(tasks.map((t) => [t.stateId, t.status, t.approval])).toEqual([['a', 'done', null], ['b', 'open', 'pending']]);
      const timers = await db.timers.listForCase(w.schoolA, c.id);
      expect(timers).toHaveLength(1);
      expect(timers[0]).toMatchObject({ timerId: 't1', status: 'pending', dueAt: new Date(at(1).getTime() + 7 * DAY) });
      const inbox = await db.notifications.listForUser({ id: w.kepsekA.id, role: 'kepsek', schoolId: w.schoolA });
      expect(inbox.map((n) => n.body.id)).toEqual(['Langkah b']);
      expect(await db.notifications.listForUser({ id: w.bkB.id, role: 'kepsek', schoolId: w.schoolB })).toEqual([]);
    });

    it('closing a case sets status, outcome, closedAt and cancels what is left', async () => {
      const { case: c } = await openToyCase(w);
      await must(advance(c.id, 'next', 1));
      const closed = await must(advance(c.id, 'finish', 2, at(2)));
      // The outcome the transition carries (the case service reads it from the closure step).
      expect(closed.case).toMatchObject({ status: 'closed', outcome: 'resolved', closedAt: at(2), version: 3 });
      expect((await db.timers.listForCase(w.schoolA, c.id)).map((t) => t.status)).toEqual(['cancelled']);
      expect((await db.tasks.list(w.schoolA, { caseId: c.id, status: 'open' }))).toEqual([]);
      expect(await db.cases.list(w.schoolA, { status: 'closed' })).toHaveLength(1);
    });

    it('two advances with the same expectedVersion: exactly one wins, the other gets version_conflict', async () => {
      const { case: c } = await openToyCase(w);
      const results = await Promise.all([advance(c.id, 'next', 1), advance(c.id, 'next', 1)]);
      const winners = results.filter((r) => r.ok);
      const losers = results.filter((r) => !r.ok);
      expect(winners).toHaveLength(1);
      expect(losers).toHaveLength(1);
      expect(losers[0]).toMatchObject({ ok: false, error: { code: 'version_conflict', current: 2 } });
      expect(await db.cases.events(w.schoolA, c.id)).toHaveLength(2);
    });

    it('a refused or throwing apply changes nothing', async () => {
      const { case: c } = await openToyCase(w);
      const refused = await advance(c.id, 'finish', 1, at(1), { idempotency: { userId: w.bkA.id, key: 'k-refused', route: 'r', requestHash: 'h', respond: () => ({ status: 200, body: {} }) } });
      expect(refused).toMatchObject({ ok: false, error: { code: 'event_not_allowed' } });
      await expect(
        db.cases.advance({
          schoolId: w.schoolA, caseId: c.id, expectedVersion: 1, actorId: w.bkA.id, now: at(1), event: { type: 'next' },
          apply: () => { throw new Error('engine bug'); },
        }),
      ).rejects.toThrow('engine bug');
      // A transition whose effects fail half-way (bad timer due date) rolls back the case update too.
      await expect(
        db.cases.advance({
          schoolId: w.schoolA, caseId: c.id, expectedVersion: 1, actorId: w.bkA.id, now: at(1), event: { type: 'next' },
          apply: () => ({ ok: true, value: { snapshot: { state: 'b' }, stateValue: ['b'], status: 'active', effects: [{ type: 'timer.schedule', timerId: 'x', event: 'e', stateId: 'b', delay: 'P1D', dueAt: 'not a date' }] } }),
        }),
      ).rejects.toThrow();
      expect(await db.cases.get(w.schoolA, c.id)).toEqual(c);
      expect(await db.cases.events(w.schoolA, c.id)).toHaveLength(1);
      expect(await db.timers.listForCase(w.schoolA, c.id)).toEqual([]);
      expect(await db.idempotency.lookup(w.bkA.id, 'k-refused')).toBeNull();
    });

    it('an idempotent retry replays the first answer and changes nothing', async () => {
      const { case: c } = await openToyCase(w);
      const idem = { userId: w.bkA.id, key: 'key-1', route: 'POST /api/cases/:id/events', requestHash: 'hash-1', respond: (v: { case: { version: number } }) => ({ status: 200, body: { version: v.case.version } }) };
      const first = await advance(c.id, 'next', 1, at(1), { idempotency: idem });
      expect(first.ok).toBe(true);
      const again = await advance(c.id, 'next', 1, at(1), { idempotency: idem });
      expect(again).toMatchObject({ ok: false, error: { code: 'idempotency_replay', response: { status: 200, body: { version: 2 } } } });
      const other = await advance(c.id, 'finish', 2, at(1), { idempotency: { ...idem, requestHash: 'hash-2' } });
      expect(other).toMatchObject({ ok: false, error: { code: 'idempotency_mismatch' } });
      expect((await db.cases.get(w.schoolA, c.id))?.version).toBe(2);
      expect(await db.idempotency.lookup(w.bkA.id, 'key-1')).toMatchObject({ status: 200, body: { version: 2 }, requestHash: 'hash-1' });
      // Keys are per user: the same key from another user is a new request.
      expect(await db.idempotency.lookup(w.bk2A.id, 'key-1')).toBeNull();
    });

    it('idempotent create: a retry does not open a second case', async () => {
      const idem = { userId: w.bkA.id, key: 'open-1', route: 'POST /api/cases', requestHash: 'h', respond: (v: { case: { id: string } }) => ({ status: 201, body: { id: v.case.id } }) };
      const input = { schoolId: w.schoolA, studentId: w.studentA.id, pathwayVersionId: w.versionA.id, actorId: w.bkA.id, now: T0, idempotency: idem };
      const startOk = () => ({ ok: true as const, value: { snapshot: { state: 'a' }, stateValue: ['a'], status: 'active' as const, effects: [] } });
      const first = await must(db.cases.create({ ...input, start: startOk }));
      const again = await db.cases.create({ ...input, start: startOk });
      expect(again).toMatchObject({ ok: false, error: { code: 'idempotency_replay', response: { status: 201, body: { id: first.case.id } } } });
      expect(await db.cases.list(w.schoolA)).toHaveLength(1);
    });

    it('refuses another school\'s student, pathway version or staff', async () => {
      const start = () => ({ ok: true as const, value: { snapshot: {}, stateValue: ['a'], status: 'active' as const, effects: [] } });
      const base = { schoolId: w.schoolA, actorId: w.bkA.id, now: T0, start };
      expect(await db.cases.create({ ...base, studentId: w.studentB.id, pathwayVersionId: w.versionA.id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
      expect(await db.cases.create({ ...base, studentId: w.studentA.id, pathwayVersionId: w.versionB.id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
      expect(await db.cases.create({ ...base, studentId: w.studentA.id, pathwayVersionId: w.versionA.id, assigneeId: w.bkB.id })).toMatchObject({ ok: false, error: { code: 'invalid' } });
      expect(await db.cases.list(w.schoolA)).toEqual([]);
      const { case: c } = await openToyCase(w);
      expect(await db.cases.setAssignee(w.schoolA, c.id, w.bkB.id, { actorId: w.kepsekA.id, now: T0 })).toMatchObject({ ok: false, error: { code: 'invalid' } });
      expect(await db.cases.setAssignee(w.schoolA, c.id, w.bk2A.id, { actorId: w.kepsekA.id, now: T0 })).toMatchObject({ ok: true, value: { assigneeId: w.bk2A.id } });
      const [task] = await db.tasks.list(w.schoolA, { caseId: c.id });
      expect(await db.tasks.assign(w.schoolA, task!.id, w.bkB.id)).toMatchObject({ ok: false, error: { code: 'invalid' } });
    });

    it('claims a due timer exactly once and fires it through the unit of work', async () => {
      const { case: c } = await openToyCase(w);
      await must(advance(c.id, 'next', 1));
      expect(await db.timers.claimDue(at(7), 10, 'p1')).toEqual([]);
      expect(await db.timers.nextDueAt()).toEqual(at(8));
      const claimed = await db.timers.claimDue(at(8), 10, 'p1');
      expect(claimed.map((t) => [t.timerId, t.claimedBy])).toEqual([['t1', 'p1']]);
      expect(await db.timers.claimDue(at(8), 10, 'p2')).toEqual([]);
      const timer = claimed[0]!;
      expect(await db.cases.fireTimer({ timer, claimer: 'p2', now: at(8), apply: toyApply(timer.event, at(8)) })).toMatchObject({ ok: true, value: { fired: false, reason: 'not_claimed' } });
      const fired = await must(db.cases.fireTimer({ timer, claimer: 'p1', now: at(8), apply: toyApply(timer.event, at(8)) }));
      expect(fired.fired).toBe(true);
      const after = await db.cases.get(w.schoolA, c.id);
      expect(after).toMatchObject({ status: 'closed', version: 3 });
      const events = await db.cases.events(w.schoolA, c.id);
      expect(events[2]).toMatchObject({ type: timer.event, actorId: null, data: { timerId: 't1' } });
      expect((await db.timers.listForCase(w.schoolA, c.id))[0]).toMatchObject({ status: 'fired' });
      expect(await must(db.cases.fireTimer({ timer, claimer: 'p1', now: at(8), apply: toyApply(timer.event, at(8)) }))).toEqual({ fired: false, reason: 'not_pending' });
      expect(await db.timers.nextDueAt()).toBeNull();
    });

    it('a lapsed claim can be taken over; a timer whose case moved on is cancelled, not fired', async () => {
      const { case: c } = await openToyCase(w);
      await must(advance(c.id, 'next', 1));
      await must(advance(c.id, 'skip', 2)); // leaves the toy's timer armed: stale
      const [first] = await db.timers.claimDue(at(8), 10, 'crashed');
      expect(first).toBeDefined();
      const retaken = await db.timers.claimDue(new Date(at(8).getTime() + 61_000), 10, 'p2');
      expect(retaken.map((t) => t.claimedBy)).toEqual(['p2']);
      const outcome = await must(db.cases.fireTimer({ timer: retaken[0]!, claimer: 'p2', now: at(9), apply: toyApply(retaken[0]!.event, at(9)) }));
      expect(outcome).toMatchObject({ fired: false, reason: 'refused' });
      expect((await db.timers.listForCase(w.schoolA, c.id))[0]).toMatchObject({ status: 'cancelled' });
      expect(await db.cases.get(w.schoolA, c.id)).toMatchObject({ version: 3, stateValue: 'c' });
    });

    it('filters the board by state, assignee, class and overdue tasks', async () => {
      const { case: c1 } = await openToyCase(w);
      const s2 = await must(db.students.create(w.schoolA, { nisn: '0002', name: 'Citra', className: 'X-2' }, { now: T0, actorId: null }));
      const c2 = (await must(db.cases.create({ schoolId: w.schoolA, studentId: s2.id, pathwayVersionId: w.versionA.id, assigneeId: w.bk2A.id, actorId: w.bk2A.id, now: at(5), start: () => toyApply('next', at(5))({ snapshot: { state: 'a' } } as never, w.versionA) }))).case;
      expect(c2.stateValue).toBe('b');
      expect((await db.cases.list(w.schoolA, { state: 'a' })).map((c) => c.id)).toEqual([c1.id]);
      expect((await db.cases.list(w.schoolA, { state: 'b' })).map((c) => c.id)).toEqual([c2.id]);
      expect((await db.cases.list(w.schoolA, { assigneeId: w.bk2A.id })).map((c) => c.id)).toEqual([c2.id]);
      // Involving: the case's assignee, or the assignee of one of its tasks.
      const [taskOfC1] = await db.tasks.list(w.schoolA, { caseId: c1.id });
      await must(db.tasks.assign(w.schoolA, taskOfC1!.id, w.bk2A.id));
      expect((await db.cases.list(w.schoolA, { involving: w.bk2A.id })).map((c) => c.id).sort()).toEqual([c1.id, c2.id].sort());
      expect((await db.cases.list(w.schoolA, { involving: w.kepsekA.id }))).toEqual([]);
      expect((await db.cases.list(w.schoolA, { className: 'X-1' })).map((c) => c.id)).toEqual([c1.id]);
      expect((await db.cases.list(w.schoolA, { overdueAt: at(3) })).map((c) => c.id)).toEqual([c1.id]);
      expect(await db.cases.countByState(w.schoolA)).toEqual([{ stateValue: 'a', count: 1 }, { stateValue: 'b', count: 1 }]);
      expect(await db.cases.list(w.schoolB)).toEqual([]);
    });

    it('migrates a running case to a new version in one transaction, re-arming its timers', async () => {
      const { case: c } = await openToyCase(w);
      await must(advance(c.id, 'next', 1));
      const scope = { districtId: w.districtId, schoolId: w.schoolA };
      const v2 = await must(db.pathways.publish(scope, { id: w.versionA.pathwayId, publishedBy: w.kepsekA.id, now: at(2) }));
      expect(v2.version).toBe(2);
      const move = (toPathwayVersionId: string, expectedVersion: number) =>
        db.cases.migrate({
          schoolId: w.schoolA, caseId: c.id, expectedVersion, toPathwayVersionId, actorId: w.kepsekA.id, now: at(2),
          event: { type: 'case.migrated', data: { from: 1, to: 2, stateMap: { b: 'b2' } } },
          audit: [{ action: 'case.migrate', subject: `case:${c.id}` }],
          apply: (row, from, to) => {
            expect([from.version, to.version, (row.snapshot as { state: string }).state]).toEqual([1, 2, 'b']);
            return {
              ok: true,
              value: {
                snapshot: { state: 'b2' }, stateValue: ['b2'], status: 'active',
                effects: [
                  { type: 'timer.cancel', timerId: 't1' },
                  { type: 'task.close', stateId: 'b' },
                  { type: 'timer.schedule', timerId: 't2', event: 'xstate.after.P3D.toy.b2', stateId: 'b2', delay: 'P3D', dueAt: at(5).toISOString() },
                ],
              },
            };
          },
        });
      expect(await move(w.versionB.id, 2)).toMatchObject({ ok: false, error: { code: 'not_found' } });
      expect(await move(v2.id, 1)).toMatchObject({ ok: false, error: { code: 'version_conflict', current: 2 } });
      const moved = await must(move(v2.id, 2));
      expect(moved.case).toMatchObject({ pathwayVersionId: v2.id, version: 3, stateValue: 'b2', snapshot: { state: 'b2' } });
      expect(await db.cases.get(w.schoolA, c.id)).toEqual(moved.case);
      expect(moved.event).toMatchObject({ seq: 3, type: 'case.migrated', stateBefore: 'b', stateAfter: 'b2', actorId: w.kepsekA.id });
      expect((await db.timers.listForCase(w.schoolA, c.id)).map((t) => [t.timerId, t.status])).toEqual([['t1', 'cancelled'], ['t2', 'pending']]);
      expect(await db.audit.list(w.schoolA, { action: 'case.migrate' })).toHaveLength(1);
      expect(await db.cases.list(w.schoolA, { state: 'b2' })).toHaveLength(1);
    });

    it('"my tasks": assigned to me, or open to my role and not yet taken', async () => {
      const unassigned = await must(db.cases.create({ schoolId: w.schoolA, studentId: w.studentA.id, pathwayVersionId: w.versionA.id, actorId: w.kepsekA.id, now: T0, start: toyStart(T0) }));
      const { case: mine } = await openToyCase(w); // assigned to bkA: its guru-BK task goes to bkA
      const ids = (tasks: { caseId: string }[]) => tasks.map((t) => t.caseId).sort();
      expect(ids(await db.tasks.list(w.schoolA, { status: 'open', assigneeId: w.bkA.id, roles: ['guru_bk'] }))).toEqual([unassigned.case.id, mine.id].sort());
      expect(ids(await db.tasks.list(w.schoolA, { status: 'open', assigneeId: w.bk2A.id, roles: ['guru_bk'] }))).toEqual([unassigned.case.id]);
      expect(await db.tasks.list(w.schoolA, { status: 'open', assigneeId: w.kepsekA.id, roles: ['kepsek', 'wali_kelas'] })).toEqual([]);
      expect(await db.tasks.list(w.schoolB, { roles: ['guru_bk'] })).toEqual([]);
    });

    it('approvals and reminders on tasks', async () => {
      const { case: c } = await openToyCase(w);
      await must(advance(c.id, 'next', 1));
      const pending = await db.tasks.list(w.schoolA, { approval: 'pending' });
      expect(pending).toHaveLength(1);
      expect(await db.tasks.decide(w.schoolB, pending[0]!.id, { decision: 'approved', decidedBy: w.bkB.id, now: at(1) })).toMatchObject({ ok: false, error: { code: 'not_found' } });
      const decided = await must(db.tasks.decide(w.schoolA, pending[0]!.id, { decision: 'rejected', reason: 'dana habis', decidedBy: w.kepsekA.id, now: at(1) }));
      expect(decided).toMatchObject({ approval: 'rejected', approvalReason: 'dana habis', decidedBy: w.kepsekA.id });
      expect(await db.tasks.decide(w.schoolA, pending[0]!.id, { decision: 'approved', decidedBy: w.kepsekA.id, now: at(1) })).toMatchObject({ ok: false, error: { code: 'invalid' } });
      expect(await db.audit.list(w.schoolA, { action: 'task.rejected' })).toHaveLength(1);
      // Task b is due at(2): a reminder the day before, then an overdue one, each once.
      expect(await db.tasks.remind(at(1.5))).toBe(1);
      expect(await db.tasks.remind(at(1.6))).toBe(0);
      expect(await db.tasks.remind(at(3))).toBe(1);
      const inbox = await db.notifications.listForUser({ id: w.bkA.id, role: 'guru_bk', schoolId: w.schoolA });
      expect(inbox.map((n) => n.kind).sort()).toEqual(['task_due_tomorrow', 'task_overdue']);
    });
  });
}
