/**
 * A small world for the contract suite: one district, schools A and B, their
 * staff, a student each, and a published "toy" pathway in each school. The
 * toy transition function stands in for the engine so these tests pin the
 * database's behaviour, not the engine's.
 */
import type { Effect } from '@jalur/engine';
import type { ApplyResult, CaseTransition } from '../case-unit.ts';
import type { JalurDb } from '../repository.ts';
import { hashPassword } from '../passwords.ts';
import type { CaseRow, PathwayVersionRow, StudentRow, User } from '../rows.ts';

export interface Harness {
  /** Driver name in test titles. */
  name: string;
  /** A fresh, empty, migrated database. */
  open(): Promise<JalurDb>;
}

export const T0 = new Date('2024-08-01T07:00:00.000Z');
export const DAY = 86_400_000;
export const at = (days: number) => new Date(T0.getTime() + days * DAY);

export interface World {
  db: JalurDb;
  districtId: string;
  schoolA: string;
  schoolB: string;
  kepsekA: User;
  bkA: User;
  bk2A: User;
  waliA: User;
  bkB: User;
  dinas: User;
  studentA: StudentRow;
  studentB: StudentRow;
  versionA: PathwayVersionRow;
  versionB: PathwayVersionRow;
}

/** A stand-in document (the database never reads it: the case service decides outcomes). */
export const TOY_DOC = {
  format: 'toy/1',
  key: 'toy',
  machine: {
    id: 'toy',
    states: { a: {}, b: {}, c: {}, done: { type: 'final', meta: { kind: 'closure', form: [{ name: 'outcome', type: 'choice', options: ['resolved'] }] } } },
  },
};

type Toy = { state: 'a' | 'b' | 'c' | 'done' };
const TIMER_EVENT = 'xstate.after.P7D.toy.b';

const task = (stateId: string, now: Date, requiresApproval = false): Effect => ({
  type: 'task.open', stateId, kind: 'custom', title: { id: `Langkah ${stateId}`, en: `Step ${stateId}` }, roles: ['guru_bk'],
  dueAt: new Date(now.getTime() + DAY).toISOString(), schoolDays: false, requiresApproval,
});

const step = (state: Toy['state'], effects: Effect[]): ApplyResult => ({
  ok: true,
  value: { snapshot: { state }, stateValue: [state], status: state === 'done' ? 'done' : 'active', effects, outcome: state === 'done' ? 'resolved' : null } satisfies CaseTransition,
});

/** Start: the case enters `a` (a task for guru BK). */
export const toyStart = (now: Date) => (): ApplyResult => step('a', [task('a', now)]);

/**
 * `next` a→b (arms a 7-day timer, opens an approval task), `finish` b→done,
 * the timer event b→done, `skip` b→c (leaves the timer armed: a stale timer).
 */
export const toyApply = (type: string, now: Date) => (row: CaseRow, _pv: PathwayVersionRow): ApplyResult => {
  const s = (row.snapshot as Toy).state;
  if (s === 'a' && type === 'next') {
    return step('b', [
      { type: 'task.close', stateId: 'a' },
      task('b', now, true),
      { type: 'timer.schedule', timerId: 't1', event: TIMER_EVENT, stateId: 'b', delay: 'P7D', dueAt: new Date(now.getTime() + 7 * DAY).toISOString() },
      { type: 'notify', roles: ['kepsek'], stateId: 'b', message: { id: 'Langkah b', en: 'Step b' } },
    ]);
  }
  if (s === 'b' && (type === 'finish' || type === TIMER_EVENT)) {
    return step('done', [{ type: 'timer.cancel', timerId: 't1' }, { type: 'task.close', stateId: 'b' }, { type: 'case.closed', finalState: 'done' }]);
  }
  if (s === 'b' && type === 'skip') return step('c', [{ type: 'task.close', stateId: 'b' }]);
  return { ok: false, error: { code: 'event_not_allowed', message: `${type} not allowed in ${s}`, details: { allowed: [] } } };
};

/** Every fixture user's password, hashed once per run (scrypt is slow on purpose). */
export const FIXTURE_PASSWORD = 'rahasia-123';
const FIXTURE_HASH = hashPassword(FIXTURE_PASSWORD);

async function must<T>(p: Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}
export { must };

export async function buildWorld(db: JalurDb): Promise<World> {
  const district = await db.districts.create({ name: 'Kabupaten Uji', now: T0 });
  const a = await db.schools.create({ districtId: district.id, name: 'Sekolah A', now: T0 });
  const b = await db.schools.create({ districtId: district.id, name: 'Sekolah B', now: T0 });
  const passwordHash = await FIXTURE_HASH;
  const user = (email: string, role: User['role'], schoolId: string | null, className?: string) =>
    must(db.users.create({ email, name: email, role, schoolId, districtId: district.id, className: className ?? null, password: FIXTURE_PASSWORD, passwordHash, now: T0 }));
  const [kepsekA, bkA, bk2A, waliA, bkB, dinas] = await Promise.all([
    user('kepsek@a.test', 'kepsek', a.id),
    user('bk@a.test', 'guru_bk', a.id),
    user('bk2@a.test', 'guru_bk', a.id),
    user('wali@a.test', 'wali_kelas', a.id, 'X-1'),
    user('bk@b.test', 'guru_bk', b.id),
    user('dinas@test', 'admin_dinas', null),
  ]);
  const student = (schoolId: string, nisn: string, name: string) =>
    must(db.students.create(schoolId, { nisn, name, className: 'X-1', gender: 'P' }, { now: T0, actorId: null }));
  const studentA = await student(a.id, '0001', 'Ani');
  const studentB = await student(b.id, '0001', 'Budi');
  const publish = async (schoolId: string, by: string) => {
    const scope = { districtId: district.id, schoolId };
    const p = await must(db.pathways.create(scope, { key: 'toy', title: 'Toy', draft: TOY_DOC, updatedBy: by, now: T0 }));
    return must(db.pathways.publish(scope, { id: p.id, publishedBy: by, now: T0 }));
  };
  return {
    db, districtId: district.id, schoolA: a.id, schoolB: b.id, kepsekA, bkA, bk2A, waliA, bkB, dinas, studentA, studentB,
    versionA: await publish(a.id, kepsekA.id),
    versionB: await publish(b.id, bkB.id),
  };
}

/** Opens a toy case for student A in school A, assigned to bkA. */
export async function openToyCase(w: World, now = T0) {
  return must(
    w.db.cases.create({
      schoolId: w.schoolA, studentId: w.studentA.id, pathwayVersionId: w.versionA.id, assigneeId: w.bkA.id, riskFactors: ['motivation', 'economic'],
      actorId: w.bkA.id, now, start: toyStart(now),
    }),
  );
}
