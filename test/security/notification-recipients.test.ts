/**
 * Notifications reach only the people who may see the case, on SQLite and
 * PostgreSQL: a step worked by guru BK, wali kelas and `tim` tells every guru
 * BK of the school, the wali kelas of the student's class (not the one of
 * another class: before, every wali kelas got every class's notices), and a
 * `tim` member only once the case or one of its tasks is assigned to them.
 * Due-date reminders of an unassigned task follow the same rule, and a
 * role-wide row written before the change is shown by the same rule too.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '@jalur/api';
import { ManualClock } from '@jalur/api';
import { CompiledPathways } from '../../packages/cases/src/index.ts';
import { openDatabase, type JalurDb } from '../../packages/db/src/index.ts';
import { startPgServer } from '../../scripts/pg-server.mjs';

const cleanups: (() => unknown)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

const PATHWAY = {
  format: 'jalur.pathway/1', key: 'uji-kabar', title: { id: 'Kabar', en: 'Notices' }, layout: {},
  machine: { id: 'uji-kabar', initial: 'awal', states: {
    awal: { meta: { kind: 'assessment', title: { id: 'Awal', en: 'Start' }, roles: ['guru_bk', 'wali_kelas', 'tim'], dueInDays: 2 }, on: { LANJUT: 'tim' } },
    tim: { meta: { kind: 'home_visit', title: { id: 'Kunjungan', en: 'Visit' }, roles: ['tim', 'wali_kelas'], dueInDays: 2 }, on: { SELESAI: 'selesai' } },
    selesai: { type: 'final', meta: { kind: 'closure', title: { id: 'Selesai', en: 'Closed' } } },
  } },
};

async function scenario(db: JalurDb) {
  const clock = new ManualClock('2026-03-02T01:00:00.000Z');
  const now = clock.now();
  const must = <T,>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };
  const district = await db.districts.create({ name: 'Kabupaten Kabar', now });
  const school = await db.schools.create({ districtId: district.id, name: 'Sekolah Kabar', now });
  const user = async (name: string, role: 'kepsek' | 'guru_bk' | 'wali_kelas' | 'tim', className: string | null = null) =>
    must(await db.users.create({ email: `${name}@kabar.uji`, name, role, schoolId: school.id, districtId: district.id, className, password: 'kabar-uji-123', now }));
  const kepsek = await user('kepsek', 'kepsek');
  const bk = await user('bk', 'guru_bk');
  const bk2 = await user('bk2', 'guru_bk');
  const wali1 = await user('wali1', 'wali_kelas', 'X-1');
  const wali2 = await user('wali2', 'wali_kelas', 'X-2');
  const tim1 = await user('tim1', 'tim');
  const tim2 = await user('tim2', 'tim');
  const s1 = must(await db.students.create(school.id, { nisn: '0011223344', name: 'Siswa Satu', className: 'X-1' }, { now, actorId: null }));
  const s2 = must(await db.students.create(school.id, { nisn: '0011223355', name: 'Siswa Dua', className: 'X-2' }, { now, actorId: null }));
  const scope = { districtId: district.id, schoolId: school.id };
  const p = must(await db.pathways.create(scope, { key: PATHWAY.key, title: 'Kabar', draft: PATHWAY, updatedBy: kepsek.id, now }));
  must(await db.pathways.publish(scope, { id: p.id, publishedBy: kepsek.id, now }));

  const app = createApp({ db, clock, compiled: new CompiledPathways(db) });
  const tokens = new Map<string, string>();
  const call = async (u: { id: string }, method: string, path: string, body?: unknown) => {
    if (!tokens.has(u.id)) tokens.set(u.id, (await db.sessions.create({ userId: u.id, now: clock.now() })).token);
    const res = await app.request(path, { method, headers: { authorization: `Bearer ${tokens.get(u.id)}`, 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) });
    return { status: res.status, body: (await res.json()) as any };
  };
  /** The case ids of a user's inbox, one entry per notification. */
  const inbox = async (u: { id: string }) => {
    const r = await call(u, 'GET', '/api/notifications');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return (r.body.items as { caseId: string | null; kind: string }[]).map((n) => `${n.kind}:${n.caseId}`).sort();
  };

  const c1 = await call(bk, 'POST', '/api/cases', { studentId: s1.id, pathwayId: p.id, assigneeId: bk.id });
  expect(c1.status, JSON.stringify(c1.body)).toBe(201);
  const c2 = await call(bk, 'POST', '/api/cases', { studentId: s2.id, pathwayId: p.id, assigneeId: bk.id });
  expect(c2.status).toBe(201);
  const A = c1.body.id as string;
  const B = c2.body.id as string;
  const entered = (id: string) => `step_entered:${id}`;

  expect(await inbox(wali1)).toEqual([entered(A)]);
  expect(await inbox(wali2)).toEqual([entered(B)]);
  expect(await inbox(bk)).toEqual([entered(A), entered(B)].sort());
  expect(await inbox(bk2)).toEqual([entered(A), entered(B)].sort());
  expect(await inbox(tim1)).toEqual([]);
  expect(await inbox(tim2)).toEqual([]);
  expect(await inbox(kepsek)).toEqual([]);

  // The step's task goes to tim1; the next step (tim, wali kelas) tells tim1 and the wali kelas of X-1 only.
  const task = (await db.tasks.list(school.id, { caseId: A, status: 'open' }))[0]!;
  must(await db.tasks.assign(school.id, task.id, tim1.id));
  const advanced = await call(bk, 'POST', `/api/cases/${A}/events`, { type: 'LANJUT', expectedVersion: 1 });
  expect(advanced.status, JSON.stringify(advanced.body)).toBe(200);
  expect(await inbox(tim1)).toEqual([entered(A)]);
  expect(await inbox(tim2)).toEqual([]);
  expect(await inbox(wali1)).toEqual([entered(A), entered(A)]);
  expect(await inbox(wali2)).toEqual([entered(B)]);

  // A reminder of case B's unassigned task (roles guru BK, wali kelas, tim): guru BK assignee → only the assignee; here the task has none.
  clock.advance(3 * 86_400_000);
  tokens.clear(); // the sessions of three days ago have expired
  const reminded = (await inbox(wali2)).filter((k) => k.startsWith('task_'));
  const reminded1 = (await inbox(wali1)).filter((k) => k.startsWith('task_'));
  expect(reminded.every((k) => k.endsWith(B))).toBe(true);
  expect(reminded1.every((k) => k.endsWith(A))).toBe(true);
  expect((await inbox(tim2)).filter((k) => k.startsWith('task_'))).toEqual([]);

  // The route's notify (role + case) follows the rule too; a role-wide row about a case (as written before) is filtered when read.
  await db.notifications.notify({ schoolId: school.id, role: 'wali_kelas', caseId: B, kind: 'uji_rute', body: { id: 'uji' }, now: clock.now() });
  expect((await inbox(wali1)).filter((k) => k.startsWith('uji'))).toEqual([]);
  expect((await inbox(wali2)).filter((k) => k.startsWith('uji'))).toEqual([`uji_rute:${B}`]);
  const h = db.reportHandle;
  const legacy = [`legacy-${Date.now()}`, school.id, 'wali_kelas', B, 'uji_lama', JSON.stringify({ id: 'lama' })];
  if (h.dialect === 'sqlite') {
    h.sqlite.prepare('INSERT INTO notifications (id, school_id, user_id, role, case_id, kind, body, created_at) VALUES (?, ?, NULL, ?, ?, ?, ?, ?)').run(...legacy, clock.now().getTime());
  } else {
    await h.client.unsafe('INSERT INTO notifications (id, school_id, user_id, role, case_id, kind, body, created_at) VALUES ($1, $2, NULL, $3, $4, $5, $6::json, now())', legacy);
  }
  expect((await inbox(wali1)).filter((k) => k.startsWith('uji_lama'))).toEqual([]);
  expect((await inbox(wali2)).filter((k) => k.startsWith('uji_lama'))).toEqual([`uji_lama:${B}`]);
  expect((await inbox(tim1)).filter((k) => k.startsWith('uji_lama'))).toEqual([]);
}

describe('notifications go to the people who may see the case', () => {
  it('SQLite', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jalur-kabar-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const db = await openDatabase({ url: `file:${join(dir, 'jalur.db')}` });
    cleanups.push(() => db.close());
    await scenario(db);
  }, 60_000);

  it('PostgreSQL', async () => {
    const pg = await startPgServer();
    cleanups.push(() => pg.stop());
    const db = await openDatabase({ url: pg.url });
    cleanups.push(() => db.close());
    await scenario(db);
  }, 180_000);
});
